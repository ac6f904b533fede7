"""A definite agreement named by the counterparty after it ("its 2009 license agreement with the
Lindqvist Institute", "the collaboration with Biogen") is that counterparty's agreement: the one already
told when there is one (whatever kind it was told as), else a referenced agreement of its own, never the
deal told just before. A licensee that sublicenses ("our licensee, Tessaly, sublicensed its rights ...
to Ferreira") makes an agreement between the two of them. (Invented 10-Q note text.)"""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract

COVER = "Meriden Pharma, Inc.\n(Exact name of registrant as specified in its charter)\n\nFORM 10-Q\nFor the quarterly period ended September 30, 2012\n\n"
US = "Meriden Pharma, Inc."
BEFORE = ("In July 2012, we entered into a settlement agreement with Dormand Laboratories, Inc. (\"Dormand\"), under which "
          "Dormand received a non-exclusive license to our patents. ")

NAMED_AFTER = [
    "As part of the acquisition of Velsen GmbH, Velsen GmbH assigned to us its 2009 exclusive license agreement with the Lindqvist Institute.",
    "We assumed the obligations under the license agreement with the Lindqvist Institute, including milestone payments.",
    "Under our license agreement with the Lindqvist Institute, we owe royalties of 3% on net sales of VT-88.",
    "The license agreement with the Lindqvist Institute remains in effect until the last patent expires.",
    "In 2009 the Company signed its exclusive license agreement with the Lindqvist Institute covering VT-88.",
]


@pytest.mark.parametrize("text", NAMED_AFTER)
def test_a_definite_agreement_with_a_named_counterparty_is_that_counterpartys(text):
    facts = extract(Filing.from_texts(COVER + BEFORE + text, path="/tmp/case/q.txt", doc_types=("10-Q",), fmt="text"))
    by_partner = {frozenset(a.parties) - {US}: a for a in facts.agreements}
    assert frozenset({"Lindqvist Institute"}) in by_partner
    dormand = [a for a in facts.agreements if "Dormand Laboratories, Inc." in a.parties]
    assert all("Lindqvist Institute" not in a.parties for a in dormand)


@pytest.mark.parametrize("told,later", [
    ("In August 2016, Biogen Inc. exercised its option and we granted Biogen Inc. an exclusive license to nusinersen.",
     "Under the collaboration with Biogen Inc., we are eligible for milestone payments and royalties."),
    ("In 2019 we entered into a co-development agreement with CanSino Biologics, Inc.",
     "Under the collaboration with CanSino Biologics, Inc., we will pay royalties on net sales."),
    ("In 2019 we entered into a license agreement with CanSino Biologics, Inc.",
     "Our agreement with CanSino Biologics, Inc. provides for tiered royalties."),
])
def test_a_definite_agreement_with_a_partner_already_told_is_that_deal(told, later):
    facts = extract(Filing.from_texts(COVER + told + " " + later, path="/tmp/case/q.txt", doc_types=("10-Q",), fmt="text"))
    assert len(facts.agreements) == 1


@pytest.mark.parametrize("sentence", [
    "In August 2012, our licensee, Tessaly Pharma S.A., sublicensed its rights to MP-14 in Brazil to Ferreira Farmaceutica Ltda.",
    "In August 2012, Tessaly Pharma S.A., our licensee, sublicensed its rights to MP-14 in Brazil to Ferreira Farmaceutica Ltda.",
    "In August 2012, Tessaly Pharma S.A. sublicensed its rights to MP-14 in Brazil and Argentina to Ferreira Farmaceutica Ltda.",
])
def test_a_licensee_sublicensing_to_a_third_party_is_their_agreement(sentence):
    text = "In May 2010 we granted Tessaly Pharma S.A. an exclusive license to MP-14 in Latin America. " + sentence
    facts = extract(Filing.from_texts(COVER + text, path="/tmp/case/q.txt", doc_types=("10-Q",), fmt="text"))
    sub = [(a.licensor, a.licensee, a.date) for a in facts.agreements if "Ferreira Farmaceutica Ltda." in a.parties]
    assert sub == [("Tessaly Pharma S.A.", "Ferreira Farmaceutica Ltda.", "2012-08")]
