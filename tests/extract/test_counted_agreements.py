"""A deal phrase that counts its agreements ("two collaboration and license agreements") tells that many
agreements with the same parties and roles; other counted nouns tell one (invented 10-K note text)."""
from __future__ import annotations

import pytest

from invented_filing import extract_text

COVER = "Kestrel Bio, Ltd.\n(Exact name of registrant as specified in its charter)\n\nFORM 10-K\nFor the fiscal year ended December 31, 2022\n\n"
PARTNER = "Huadong Pharma Co., Ltd."


def _deals(text: str):
    facts = extract_text(text, cover=COVER, doc_type="10-K", name="note.txt")
    return [(a.kind.value, a.licensor, a.licensee) for a in facts.agreements if PARTNER in a.parties]


COUNTED = [
    ("In February 2022 we entered into two collaboration and license agreements with Huadong Pharma Co., Ltd., pursuant to which we granted Huadong Pharma Co., Ltd. exclusive rights in China.", 2, "collaboration"),
    ("In February 2022 we entered into two license agreements with Huadong Pharma Co., Ltd. (each, a \"Huadong Agreement\").", 2, "license"),
    ("In February 2022 we entered into three supply agreements with Huadong Pharma Co., Ltd.", 3, "supply"),
    ("In February 2022, the Company and Huadong Pharma Co., Ltd. entered into two separate license agreements, one for each product.", 2, "license"),
    ("In February 2022 we signed two exclusive license agreements with Huadong Pharma Co., Ltd. for KB-101 and KB-102.", 2, "license"),
    ("In February 2022 we entered into a license agreement with Huadong Pharma Co., Ltd. for two programs.", 1, "license"),
    ("In February 2022 we entered into a license agreement with Huadong Pharma Co., Ltd.; the two companies will share development costs.", 1, "license"),
    ("In February 2022 we entered into a collaboration agreement with Huadong Pharma Co., Ltd. covering two targets and three indications.", 1, "collaboration"),
    ("In February 2022 we entered into a license agreement with Huadong Pharma Co., Ltd. The two agreements we signed in 2019 with other partners remain in effect.", 1, "license"),
    ("In February 2022 we entered into a supply agreement with Huadong Pharma Co., Ltd. with two renewal terms of three years.", 1, "supply"),
]


@pytest.mark.parametrize("text,n,kind", COUNTED)
def test_a_counted_deal_phrase_tells_that_many_agreements(text, n, kind):
    deals = _deals(text)
    assert [k for k, _, _ in deals] == [kind] * n
    assert len({(lr, le) for _, lr, le in deals}) == 1  # the same roles for each
