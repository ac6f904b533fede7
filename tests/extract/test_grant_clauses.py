"""Grants told with their defined terms and long objects (invented 10-Q note sentences): a grantor
followed by its defined term ('Calloway Institute ("Calloway") granted to Brisk ...'), a relative
clause ("a license that X granted to Y"), a capitalised licence word in the defined term ('(the
"Calloway License")'), and an out-licence whose object runs long before its "to Y"; the licence a
grant opens carries the grant's date."""
from __future__ import annotations

import pytest

from invented_filing import extract_text

COVER = "Veloran Therapeutics, Inc.\n(Exact name of registrant as specified in its charter)\n\nFORM 10-Q\nFor the quarterly period ended September 30, 2016\n\n"
US = "Veloran Therapeutics, Inc."


def _deals(text: str):
    return extract_text(text, cover=COVER, doc_type="10-Q", name="q.txt").agreements


UPSTREAM = [
    'Our rights derive from a license that the Calloway Institute of Technology ("Calloway") granted to Brisk Biologics, Inc. ("Brisk") in 2011 (the "Calloway License").',
    'The Calloway Institute of Technology ("Calloway") granted to Brisk Biologics, Inc. ("Brisk") an exclusive license in 2011.',
    'In 2011, the Calloway Institute of Technology (the "Institute") granted Brisk Biologics, Inc. ("Brisk") a worldwide license (the "Calloway License").',
    'The VT-100 series is covered by a license the Calloway Institute of Technology ("Calloway") granted to Brisk Biologics, Inc. ("Brisk") in 2011.',
    'Brisk Biologics, Inc. ("Brisk") holds an exclusive license under patents owned by the Calloway Institute of Technology ("Calloway").',
    'The Calloway Institute of Technology ("Calloway") licensed its peptide patents to Brisk Biologics, Inc. ("Brisk") in 2011 (the "Calloway License").',
    'In 2011, Brisk Biologics, Inc. ("Brisk") obtained an exclusive license from the Calloway Institute of Technology ("Calloway").',
    'Brisk Biologics, Inc. ("Brisk") was granted an exclusive License by the Calloway Institute of Technology ("Calloway") in 2011.',
    'The Calloway Institute of Technology ("Calloway") has granted to Brisk Biologics, Inc. ("Brisk") exclusive Rights to the VT-100 series.',
    'In 2011, the Calloway Institute of Technology ("CIT") granted to Brisk Biologics, Inc. (together with its affiliates, "Brisk") a License.',
]


@pytest.mark.parametrize("text", UPSTREAM)
def test_a_grant_between_two_other_organizations(text):
    deals = [(a.licensor.removeprefix("The "), a.licensee) for a in _deals(text) if "Brisk Biologics, Inc." in a.parties]
    assert deals == [("Calloway Institute of Technology", "Brisk Biologics, Inc.")]


OUT = [
    'On August 22, 2016, we out-licensed the European rights to VT-220, our Phase 2 product candidate for refractory chronic cough, to Meridane Pharma GmbH ("Meridane").',
    'On August 22, 2016, we licensed the rights to develop and commercialize VT-220, our lead product candidate, in Europe and Switzerland to Meridane Pharma GmbH.',
    'On August 22, 2016, we sublicensed our rights under the Brisk patents covering VT-220 in the European Economic Area to Meridane Pharma GmbH.',
    'On August 22, 2016, Veloran Therapeutics, Inc. out-licensed VT-220, a Phase 2 candidate for chronic cough, in all European countries to Meridane Pharma GmbH.',
    'On August 22, 2016, we granted Meridane Pharma GmbH an exclusive license to VT-220 in Europe.',
]


@pytest.mark.parametrize("text", OUT)
def test_an_out_licence_with_a_long_object(text):
    deals = [(a.kind.value, a.licensor, a.licensee, a.date) for a in _deals(text) if "Meridane Pharma GmbH" in a.parties]
    assert deals == [("license", US, "Meridane Pharma GmbH", "2016-08-22")]
