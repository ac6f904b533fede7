"""Layer 6 (kg.extract.roles): licensor and licensee in many wordings.

Paraphrase suite: active and passive grants, in- and out-licensing verbs, the filer as "we" /
"the Company", and roles told only by who pays whom. Each case is a small invented filing read by
the whole extractor; the filer is Helvar Bio, Inc. (cover page).
"""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract
from invented_filing import extract_text

HELVAR, OSTRAND = "Helvar Bio, Inc.", "Ostrand Pharma AG"
COVER = "Helvar Bio, Inc.\n(Exact name of registrant as specified in its charter)\n\nItem 1.01 Entry into a Material Definitive Agreement\n\n"

CASES = [
    # (text, licensor, licensee)
    ("On May 2, 2021, Helvar Bio, Inc. entered into a license agreement with Ostrand Pharma AG. Under the agreement, "
     "Helvar Bio, Inc. granted to Ostrand Pharma AG co-exclusive rights in the United States.", HELVAR, OSTRAND),
    ("On May 2, 2021, we entered into a license agreement with Ostrand Pharma AG, pursuant to which we granted "
     "Ostrand Pharma AG exclusive worldwide rights to develop the antibody.", HELVAR, OSTRAND),
    ("On May 2, 2021, we entered into a license agreement with Ostrand Pharma AG, pursuant to which Ostrand Pharma AG "
     "granted us an exclusive, sublicensable, worldwide license.", OSTRAND, HELVAR),
    ("On May 2, 2021, the Company entered into a license agreement with Ostrand Pharma AG. The Company was granted "
     "an exclusive license by Ostrand Pharma AG to its antibody platform.", OSTRAND, HELVAR),
    ("On May 2, 2021, we in-licensed the antibody from Ostrand Pharma AG under a license agreement.", OSTRAND, HELVAR),
    ("On May 2, 2021, the Company obtained from Ostrand Pharma AG exclusive rights to the compound under a license agreement.", OSTRAND, HELVAR),
    ("On May 2, 2021, Helvar Bio, Inc. licensed worldwide rights to the antibody to Ostrand Pharma AG under a license agreement.", HELVAR, OSTRAND),
    ("On May 2, 2021, we entered into a license agreement with Ostrand Pharma AG. Under the agreement, we made an "
     "upfront payment of $5.0 million to Ostrand Pharma AG and will pay royalties on net sales.", OSTRAND, HELVAR),
    ("On May 2, 2021, we entered into a license agreement with Ostrand Pharma AG. Under the agreement, we received an "
     "upfront payment of $5.0 million and are eligible to receive up to $40.0 million in milestones.", HELVAR, OSTRAND),
    ("On May 2, 2021, we entered into a license agreement with Ostrand Pharma AG. Ostrand Pharma AG will pay us "
     "$12 million upfront.", HELVAR, OSTRAND),
    ("On May 2, 2021, we entered into a license agreement with Ostrand Pharma AG. We are obligated to pay Ostrand "
     "Pharma AG milestone payments of up to $20 million.", OSTRAND, HELVAR),
    ("On May 2, 2021, we entered into a license agreement with Ostrand Pharma AG. Under it we have an exclusive license "
     "under certain patents controlled by Ostrand Pharma AG.", OSTRAND, HELVAR),
    ("On May 2, 2021, we entered into a collaboration and license agreement with Ostrand Pharma AG. Ostrand Pharma AG "
     "paid us an upfront payment of $22 million and will pay tiered royalties.", HELVAR, OSTRAND),
    ("On May 2, 2021, the Company entered into an exclusive license agreement with Ostrand Pharma AG (the \"Ostrand "
     "Agreement\"). The Ostrand Agreement gives the Company an exclusive, worldwide, sublicensable license to patent rights.",
     OSTRAND, HELVAR),
    ("On May 2, 2021, the Company entered into an exclusive license agreement with Ostrand Pharma AG. The agreement "
     "requires the Company to pay milestones of $16.1 million and royalties.", OSTRAND, HELVAR),
    ("On May 2, 2021, we entered into a license agreement with Ostrand Pharma AG, under which we acquired the rights to an "
     "exclusive license to certain intellectual property rights controlled by Ostrand Pharma AG.", OSTRAND, HELVAR),
    ("On May 2, 2021, the Company entered into an exclusive license agreement with Ostrand Pharma AG (as amended, the "
     "\"OP Agreement\"). The OP Agreement gives the Company an exclusive, worldwide license to patents.", OSTRAND, HELVAR),
]


@pytest.mark.parametrize("text, licensor, licensee", CASES, ids=[str(i) for i in range(len(CASES))])
def test_licensor_and_licensee(text, licensor, licensee):
    facts = extract(Filing.from_texts(COVER + text, path="/tmp/case/doc.txt", doc_types=("8-K",), fmt="text"))
    deals = [a for a in facts.agreements if {HELVAR, OSTRAND} <= set(a.parties)]
    assert len(deals) == 1
    assert (deals[0].licensor, deals[0].licensee) == (licensor, licensee)


def _deals(text: str):
    return extract_text(text, cover=COVER, doc_type="8-K").agreements


def test_a_licence_granted_as_part_of_a_settlement_keeps_its_roles():
    deals = _deals("On May 2, 2021, Helvar Bio, Inc. and Ostrand Pharma AG entered into a settlement agreement. As part of the "
                   "settlement, Helvar Bio, Inc. granted Ostrand Pharma AG a non-exclusive licence to its patents.")
    assert sorted(a.kind.value for a in deals) == ["license", "settlement"]
    (lic,) = [a for a in deals if a.kind.value == "license"]
    assert (lic.licensor, lic.licensee) == (HELVAR, OSTRAND)


def test_an_earlier_licence_told_in_a_new_deals_release_is_its_own_referenced_agreement():
    deals = _deals("On May 2, 2021, Helvar Bio, Inc. entered into a collaboration agreement with Mesa Therapeutics, Inc. "
                   "In 2014, Helvar Bio, Inc. licensed worldwide rights to the antibody from Ostrand Pharma AG.")
    collab = next(a for a in deals if a.kind.value == "collaboration")
    assert set(collab.parties) == {HELVAR, "Mesa Therapeutics, Inc."}
    lic = next(a for a in deals if a.kind.value == "license")
    assert (lic.licensor, lic.licensee, lic.status.value, lic.date) == (OSTRAND, HELVAR, "referenced", "2014")


@pytest.mark.parametrize("text", [
    "The antibody was in-licensed by Helvar Bio, Inc. from Ostrand Pharma AG in 2016 under a license agreement.",
    "The patents were licensed to Helvar Bio, Inc. by Ostrand Pharma AG under a license agreement signed in 2016.",
])
def test_passive_in_licensing(text):
    (lic,) = _deals(text)
    assert (lic.licensor, lic.licensee) == (OSTRAND, HELVAR)


def test_the_party_that_receives_an_option_is_the_licensee():
    (opt,) = _deals("On May 2, 2021, Helvar Bio, Inc. entered into an option agreement with Ostrand Pharma AG. Ostrand in turn "
                    "receives an option to license the program.")
    assert (opt.licensor, opt.licensee) == (HELVAR, OSTRAND)


MORE = [
    ("Helvar Bio, Inc. and Ostrand Pharma AG entered into a licence agreement under which Ostrand Pharma AG obtains exclusive rights to the compound in Japan.", HELVAR, OSTRAND),
    ("Helvar Bio, Inc. has out-licensed its antibody to Ostrand Pharma AG for Europe under a license agreement signed on May 2, 2021.", HELVAR, OSTRAND),
    ("Ostrand Pharma AG has acquired the exclusive rights to commercialise Helvar Bio, Inc.'s antibody in Europe under a license agreement.", HELVAR, OSTRAND),
    ("Helvar Bio, Inc. announced that it has entered into an exclusive licensing agreement with Ostrand Pharma AG, giving Ostrand Pharma AG the right to develop the antibody in Japan.", HELVAR, OSTRAND),
    ("Helvar Bio, Inc. announced a licence agreement with Ostrand Pharma AG, under which Helvar Bio, Inc. gains rights to Ostrand Pharma AG's antibody platform.", OSTRAND, HELVAR),
    ("Ostrand Pharma AG licensed its antibody platform to Helvar Bio, Inc. under an agreement signed on May 2, 2021.", OSTRAND, HELVAR),
    ("Helvar Bio, Inc. and Ostrand Pharma AG signed an agreement under which Ostrand Pharma AG licenses to Helvar Bio, Inc. the rights to its compound in China.", OSTRAND, HELVAR),
    ("Helvar Bio, Inc. signed a license agreement with Ostrand Pharma AG. Helvar Bio, Inc. will receive an upfront payment of EUR 10 million from Ostrand Pharma AG.", HELVAR, OSTRAND),
]


@pytest.mark.parametrize("text, licensor, licensee", MORE, ids=[f"more{i}" for i in range(len(MORE))])
def test_licensor_and_licensee_in_release_wordings(text, licensor, licensee):
    deals = [a for a in _deals(text) if {HELVAR, OSTRAND} <= set(a.parties)]
    assert deals and (deals[0].licensor, deals[0].licensee) == (licensor, licensee)
