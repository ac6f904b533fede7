"""A licence between the deal's counterparty and an outsider, told in the text of another deal, is its
own agreement and never lends its roles to the deal (invented 8-K texts): the acquired company's
technology "is licensed from Ponsonby University", the partner "obtained an exclusive license from"
a university, and so on."""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract

COVER = ("Castine Instruments Corporation\n(Exact name of registrant as specified in its charter)\n\n"
         "Item 2.01 Completion of Acquisition or Disposition of Assets\n\n")
DEAL = ("On January 2, 2008, Castine Instruments Corporation completed its acquisition of Wexford Optics, Inc. for "
        "$86.4 million in cash. ")
ULIC = "Ponsonby University"
BESIDE = [
    "Wexford's principal technology is licensed from Ponsonby University under an exclusive license agreement entered into in 2003.",
    "Wexford Optics, Inc.'s core patents are licensed from Ponsonby University under a license agreement.",
    "In 2003, Wexford Optics, Inc. obtained an exclusive license from Ponsonby University to its wavefront patents.",
    "Ponsonby University granted Wexford Optics, Inc. an exclusive license to its patents in 2003.",
    "In 2003, Ponsonby University licensed its deformable-mirror patents to Wexford Optics, Inc.",
    "Wexford Optics, Inc. was granted an exclusive license by Ponsonby University in 2003.",
    "Wexford Optics, Inc. holds an exclusive license under patents owned by Ponsonby University.",
    "Wexford Optics, Inc.'s products are exclusively licensed from Ponsonby University.",
    "In 2003, Wexford Optics, Inc. in-licensed the wavefront technology from Ponsonby University.",
    "The wavefront technology was in-licensed by Wexford Optics, Inc. from Ponsonby University in 2003.",
]


@pytest.mark.parametrize("text", BESIDE)
def test_a_licence_with_an_outsider_is_its_own_agreement(text):
    facts = extract(Filing.from_texts(COVER + DEAL + text, path="/tmp/case/doc.txt", doc_types=("8-K",), fmt="text"))
    by_kind = {a.kind.value: a for a in facts.agreements}
    assert sorted(by_kind) == ["acquisition", "license"]
    acq, lic = by_kind["acquisition"], by_kind["license"]
    assert (acq.licensor, acq.licensee) == (None, None)
    assert ULIC not in acq.parties
    assert (lic.licensor, lic.licensee) == (ULIC, "Wexford Optics, Inc.")
    assert sorted(lic.parties) == [ULIC, "Wexford Optics, Inc."]
