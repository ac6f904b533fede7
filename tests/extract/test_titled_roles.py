"""Roles decided by what the agreement is (invented 8-K and 10-K texts):
- a "Settlement and License Agreement" is one agreement that carries the licence's roles;
- rights granted inside an asset purchase are the purchase's roles, not a second licence, and never
  go to another partner's licence;
- a patent cross-licence records no direction;
- "delivered notice of termination of the X Agreement" terminates it."""
from __future__ import annotations

import pytest

from invented_filing import extract_text

COVER_8K = "Corveth Medical, Inc.\n(Exact name of registrant as specified in its charter)\n\nItem 1.01 Entry into a Material Definitive Agreement\n\n"
COVER_10K = "Corveth Medical, Inc.\n(Exact name of registrant as specified in its charter)\n\nFORM 10-K\nFor the fiscal year ended December 31, 2003\n\n"
US, THEM = "Corveth Medical, Inc.", "Tamsett Instruments Corp."


def _deals(text: str, cover: str = COVER_8K):
    doc_type = "10-K" if "10-K" in cover else "8-K"
    return extract_text(text, cover=cover, doc_type=doc_type).agreements


SETTLEMENT_AND_LICENCE = [
    "On June 5, 2003, Corveth Medical, Inc. and Tamsett Instruments Corp. entered into a Settlement and License Agreement under which Tamsett Instruments Corp. granted Corveth Medical, Inc. a non-exclusive license under two patents.",
    "On June 5, 2003, the Company entered into a Settlement and License Agreement with Tamsett Instruments Corp., pursuant to which Tamsett Instruments Corp. granted the Company a license to its patents.",
    "On June 5, 2003, Corveth Medical, Inc. entered into a settlement and license agreement with Tamsett Instruments Corp.; Tamsett Instruments Corp. granted Corveth Medical, Inc. a worldwide license.",
    "On June 5, 2003, Corveth Medical, Inc. and Tamsett Instruments Corp. signed a Settlement and Patent License Agreement, under which Corveth Medical, Inc. obtained a non-exclusive license from Tamsett Instruments Corp.",
    "On June 5, 2003, Corveth Medical, Inc. entered into a Settlement and Licence Agreement with Tamsett Instruments Corp. under which Tamsett Instruments Corp. granted us a licence.",
]


@pytest.mark.parametrize("text", SETTLEMENT_AND_LICENCE)
def test_a_settlement_and_license_agreement_is_one_agreement_with_roles(text):
    deals = [(a.kind.value, a.licensor, a.licensee) for a in _deals(text) if THEM in a.parties]
    assert deals == [("settlement", THEM, US)]


def test_rights_granted_in_an_asset_purchase_are_its_roles_not_another_partners():
    text = ("In December 2001, we entered into a license agreement with Fendale GmbH (the \"Fendale Agreement\"), pursuant to which "
            "Fendale GmbH granted us an exclusive license. In April 2002, we entered into an asset purchase agreement (the \"Tamsett "
            "Agreement\") with Tamsett Instruments Corp. to acquire certain assets, and Tamsett Instruments Corp. granted us an "
            "exclusive license to related know-how.")
    deals = {a.kind.value: a for a in _deals(text, COVER_10K)}
    assert sorted(deals) == ["acquisition", "license"]
    assert sorted(deals["license"].parties) == [US, "Fendale GmbH"]
    assert (deals["acquisition"].licensor, deals["acquisition"].licensee) == (THEM, US)


@pytest.mark.parametrize("title", ["patent cross-license agreement", "Cross-License Agreement", "cross license agreement",
                                   "Patent Cross Licence Agreement"])
def test_a_cross_licence_records_no_direction(title):
    text = (f"On September 14, 2003, Corveth Medical, Inc. and Tamsett Instruments Corp. entered into a {title}. "
            "Tamsett Instruments Corp. received a non-exclusive license under the Company's patents.")
    deals = [(a.kind.value, a.licensor, a.licensee) for a in _deals(text) if THEM in a.parties]
    assert deals == [("license", None, None)]


@pytest.mark.parametrize("lead", ["delivered to the Company notice of termination of", "gave notice of its termination of",
                                  "sent the Company notice of termination of"])
def test_notice_of_termination_terminates(lead):
    text = (f"On April 18, 2003, Tamsett Instruments Corp. {lead} the Collaboration and License Agreement dated "
            "January 12, 2000 between the Company and Tamsett Instruments Corp.")
    deals = [a.status.value for a in _deals(text) if THEM in a.parties]
    assert deals == ["terminated"]
