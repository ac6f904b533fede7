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


_8K = "Pellworth Bio, Inc.\n(Exact name of registrant as specified in its charter)\n\nItem 1.01 Entry into a Material Definitive Agreement\n\n"


@pytest.mark.parametrize("sentence,kind,status,date", [
    ("On February 24, 2022, Pellworth Bio, Inc. entered into Amendment No. 2 (the \"Amendment\") to the Collaboration and Option "
     "Agreement, dated January 9, 2020 (as previously amended, the \"Collaboration Agreement\"), with Marchetti Biologics S.p.A.",
     "collaboration", "amended", "2020-01-09"),
    ("On February 24, 2022, Pellworth Bio, Inc. signed an amendment to its License Agreement, dated March 3, 2018, with Marchetti Biologics S.p.A.",
     "license", "amended", "2018-03-03"),
    ("On February 24, 2022, the Company executed a second amendment to the Supply Agreement dated as of June 1, 2017 with Marchetti Biologics S.p.A.",
     "supply", "amended", "2017-06-01"),
    ("On February 25, 2022, the Company delivered notice of termination of its Sponsored Research Agreement, dated May 3, 2019, "
     "with Marchetti Biologics S.p.A.", "research", "terminated", "2019-05-03"),
    ("On February 25, 2022, Pellworth Bio, Inc. elected to terminate the Distribution Agreement, dated April 2, 2016, with Marchetti Biologics S.p.A.",
     "distribution", "terminated", "2016-04-02"),
    ("On February 25, 2022, the Company gave notice of its termination of the License Agreement dated August 8, 2015 with Marchetti Biologics S.p.A.",
     "license", "terminated", "2015-08-08"),
])
def test_an_event_of_a_dated_agreement_with_a_named_counterparty(sentence, kind, status, date):
    facts = extract(Filing.from_texts(_8K + sentence, path="/tmp/case/8k.txt", doc_types=("8-K",), fmt="text"))
    deals = [(a.kind.value, a.status.value) for a in facts.agreements if "Marchetti Biologics S.p.A." in a.parties]
    assert deals == [(kind, status)]
    assert facts.agreements[0].date in (date, "2022-02-24", "2022-02-25")  # the agreement's own date, or the event's
