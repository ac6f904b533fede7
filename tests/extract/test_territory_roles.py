"""Roles told only by who takes over the product where (invented 10-K note text): "X will be responsible
for the development and commercialization of CV-210 in Japan, and the Company retains all rights outside
Japan" is an out-licence to X; a patent purchase or assignment is an asset sale (kind acquisition)."""
from __future__ import annotations

import pytest

from invented_filing import extract_text

COVER = "Calvera Bio, Inc.\n(Exact name of registrant as specified in its charter)\n\nFORM 10-K\nFor the fiscal year ended December 31, 2017\n\n"
US, THEM = "Calvera Bio, Inc.", "Oshiro Pharmaceutical Co., Ltd."


def _deals(text: str):
    return extract_text(text, cover=COVER, doc_type="10-K", name="note.txt").agreements


TAKEOVER = [
    "Oshiro will be responsible for the development and commercialization of CV-210 in Japan, and the Company retains all rights to CV-210 outside Japan.",
    "Oshiro is solely responsible for the development and commercialization of CV-210 in Japan and Korea, and the Company retains all other rights.",
    "Oshiro will be responsible for all development and commercialization of CV-210 in Greater China, and we retain rights in the rest of the world.",
    "Oshiro shall be responsible for the further development and commercialization of CV-210 in Asia, and the Company retains rights elsewhere.",
    "Oshiro will be responsible for the development and commercialization of CV-210 in Japan, and Calvera retains worldwide rights outside Japan.",
]


@pytest.mark.parametrize("takeover", TAKEOVER)
def test_a_partner_taking_over_the_product_in_its_territory_is_the_licensee(takeover):
    text = ("On August 2, 2017, the Company and Oshiro Pharmaceutical Co., Ltd. (\"Oshiro\") signed an agreement regarding "
            f"CV-210, the Company's oral JAK1 inhibitor. {takeover} Oshiro paid the Company an upfront payment of $12.0 million.")
    deals = [(a.kind.value, a.licensor, a.licensee) for a in _deals(text) if THEM in a.parties]
    assert deals == [("license", US, THEM)]


@pytest.mark.parametrize("title", ["Patent Purchase Agreement", "Patent Assignment Agreement", "patent assignment agreement",
                                   "Assignment Agreement", "patent purchase agreement"])
def test_a_patent_purchase_is_an_asset_sale(title):
    text = (f"On March 1, 2017, the Company entered into a {title} with Verity Microsystems Corporation, under which Verity "
            "Microsystems Corporation sold and assigned to the Company a portfolio of 142 patents for $22.0 million.")
    deals = [a.kind.value for a in _deals(text) if "Verity Microsystems Corporation" in a.parties]
    assert deals == ["acquisition"]
