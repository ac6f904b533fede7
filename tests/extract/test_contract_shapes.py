"""Contract shapes as classes: every preamble shape, title and date/law variant is checked on
INVENTED contracts (paraphrase suites of 10 company pairs per shape), never on a real document's
wording.  Facts asserted: the parties' legal names, person parties, title, kind, dates, law.
"""
from __future__ import annotations

import pytest

from kg.document import Document, Filing
from kg.extract.contract import extract_contract
from kg.extract.contract_dates import blank_date, contract_date
from kg.extract.contract_parties import is_person_party, preamble_parties, signature_parties
from kg.extract.contract_title import contract_title, kind_from_title
from kg.extract.law import governing_law
from kg.facts import AgreementKind

# Ten invented company pairs (legal forms from several jurisdictions).
PAIRS = [
    ("Alder Robotics, Inc.", "Birchwood Media LLC"),
    ("Cobalt Harbor Corporation", "Dunmore Textiles Limited"),
    ("Eastgate Analytics Ltd.", "Fernhill Logistics GmbH"),
    ("Glenrock Foods Co.", "Hawthorn Pharma AG"),
    ("Ironvale Software Corp.", "Juniper Networks Holdings plc"),
    ("Kestrel Outdoor Company", "Larchmont Studios, L.P."),
    ("Marlow Devices S.A.", "Northfield Beverages B.V."),
    ("Oakridge Telecom Pty Ltd", "Pinecrest Health, LLC"),
    ("Quarry Lane Minerals Inc.", "Redwater Energy N.V."),
    ("Silverbrook Apparel Corporation", "Thornbury Games Limited"),
]
TERMS = [("Licensor", "Licensee"), ("Company", "Distributor"), ("Supplier", "Buyer"), ("Provider", "Customer"),
         ("Sponsor", "Promoter"), ("Owner", "Agent"), ("Franchisor", "Franchisee"), ("Client", "Developer"),
         ("Seller", "Reseller"), ("Host", "Partner")]


def _shape_by_and_between(a, b, ta, tb):
    return (f'SUPPLY AGREEMENT\nThis Supply Agreement (the "Agreement") is made as of March 4, 2019 by and between {a}, '
            f'a Delaware corporation ("{ta}"), and {b}, a company organized under the laws of Ireland ("{tb}").\n'
            "WHEREAS, the parties wish to cooperate;")


def _shape_enumerated(a, b, ta, tb):
    return (f"SERVICES AGREEMENT THIS AGREEMENT is dated 1 April 2020. PARTIES (1) {a} is a company registered in "
            f'England whose registered office is at 12 Fleet Lane, London (the "{ta}"); and (2) {b} of 4 Rue Haute, '
            f'Lyon (the "{tb}"). AGREED TERMS 1. Definitions')


def _shape_agree(a, b, ta, tb):
    return (f'CONSULTING AGREEMENT {a}, with a place of business at 740 Elm Avenue, Springfield ("{ta}") and {b} having '
            f'an address at 16 Harbour Road, Leiden ("{tb}") agree to all terms and conditions of this Consulting '
            "Agreement dated June 1, 2020. 1. Services. The consultant will advise.")


def _shape_entered_into_by(a, b, ta, tb):
    return (f'NON-COMPETITION AGREEMENT THIS NON-COMPETITION AGREEMENT (this "Agreement"), dated as of August 1, 2019, '
            f'is entered into by {a} ("{ta}"), a Pennsylvania corporation, and {b}, a company incorporated in the '
            f'Cayman Islands ("{tb}"). 1. Covenants.')


def _shape_no_between(a, b, ta, tb):
    return (f'JOINT VENTURE AGREEMENT {a} ("{ta}") and {b} ("{tb}"), (the "Parties"), by this Agreement associate '
            "themselves as business associates in the formation of a joint venture. 1. Name of the Joint Venture.")


def _shape_hereinafter(a, b, ta, tb):
    return (f"STRATEGIC ALLIANCE AGREEMENT This Agreement is made and entered into this 30th day of June 2017, "
            f'Between: {a}, having its office located at 29 Commercial Blvd, Lauderdale, hereinafter referred to as '
            f'"{ta}"; And: {b}, having an office located at 1800 Frank Road, Okeechobee, hereinafter referred to as '
            f'"{tb}". Overview The purpose of this alliance is to combine resources.')


SHAPES = [_shape_by_and_between, _shape_enumerated, _shape_agree, _shape_entered_into_by, _shape_no_between,
          _shape_hereinafter]


@pytest.mark.parametrize("shape", SHAPES, ids=[s.__name__[7:] for s in SHAPES])
@pytest.mark.parametrize("n", range(len(PAIRS)))
def test_preamble_shapes_name_both_parties(shape, n):
    a, b = PAIRS[n]
    ta, tb = TERMS[n]
    parties, at = preamble_parties(shape(a, b, ta, tb))
    names = [p for p, _ in parties]
    assert names == [a, b]
    assert at >= 0
    assert ta in parties[0][1] and tb in parties[1][1]


@pytest.mark.parametrize("n", range(len(PAIRS)))
def test_labelled_party_blocks(n):
    a, b = PAIRS[n]
    text = (f"Cooperation Agreement of the Solar Project Party A: {a} Legal Representative: Li Wei Address: 1 Main Road "
            f"Party B: {b} Legal Representative: Zhang Min Address: 9 Harbour Street Party A welcomes Party B.")
    assert [p for p, _ in preamble_parties(text)[0]] == [a, b]


@pytest.mark.parametrize("n", range(len(PAIRS)))
def test_title_block_names_the_parties(n):
    a, b = PAIRS[n]
    text = f"Exhibit 10.2 {a.upper()} and {b.upper()} STRATEGIC ALLIANCE AGREEMENT 1 THIS AGREEMENT IS MADE ON THE 19 DAY"
    assert [p for p, _ in preamble_parties(text)[0]] == [a.upper(), b.upper()]


@pytest.mark.parametrize("n", range(len(PAIRS)))
def test_signature_blocks_name_the_signatories(n):
    a, b = PAIRS[n]
    text = (f"JOINT FILING AGREEMENT The undersigned hereby agree to the joint filing of a Schedule 13D. IN WITNESS "
            f"WHEREOF, the undersigned hereby execute this Agreement as of July 6, 2020. {a.upper()} By: {b}, its general "
            f"partner By: /s/ Jane Roe Name: Jane Roe Title: Director {b.upper()} By: /s/ Jane Roe Name: Jane Roe")
    names = [p for p, _ in signature_parties(text)]
    assert names[:2] == [a.upper(), b]


@pytest.mark.parametrize("n", range(len(PAIRS)))
def test_on_behalf_of_signature_blocks(n):
    a, b = PAIRS[n]
    text = f"IN WITNESS WHEREOF ... For and on behalf of {a}         By:\n\n For and on behalf of {b}\n\n By:\n"
    assert [p for p, _ in signature_parties(text)] == [a, b]


PEOPLE = ["Tom Waverly", "Joanna Pike", "Marcus O'Leary", "Priya Raman", "Henrik Dahl", "Lucia Ferrante",
          "Samuel T. Greene", "Aiko Tanaka", "Diego Morales", "Fiona McBride"]


@pytest.mark.parametrize("n", range(len(PEOPLE)))
def test_person_who_signs_is_a_person_party(n):
    person, (company, _) = PEOPLE[n], PAIRS[n]
    text = (f"ENDORSEMENT AGREEMENT This Agreement is entered into on January 13, 2005 between professional golfer, "
            f'{person.upper()}, (hereinafter referred to as "CONSULTANT") and {company} (hereinafter referred to as '
            '"COMPANY"). WITNESSETH WHEREAS the company wishes to use the name of the consultant.')
    parties, _ = preamble_parties(text)
    assert [p for p, _ in parties] == [person.upper(), company]
    assert is_person_party(parties[0][0], parties[0][1], text)
    assert not is_person_party(parties[1][0], parties[1][1], text)


def test_person_party_is_a_lic_person_in_the_graph():
    from kg.rdf import facts_to_graph
    from kg.vocab import LIC
    from rdflib import RDF
    from kg.facts import DealFacts

    text = ('CELEBRITY ENDORSEMENT AGREEMENT THIS AGREEMENT is made as of March 14, 2012 by and between Alder Robotics, '
            'Inc., a Nevada corporation ("Alder") and Joanna Pike, an individual whose address is 21 Ridge Circle '
            '("Pike"). WITNESSETH: WHEREAS, Pike is a celebrity.')
    filing = Filing(path="x.txt", sha256="0" * 64, size=1, encoding="utf-8", fmt="text", documents=[Document(text=text)])
    cf = extract_contract(filing, 0)
    assert cf.agreement.parties == ["Alder Robotics, Inc.", "Joanna Pike"]
    assert cf.agreement.person_parties == ["Joanna Pike"]
    assert [o.name for o in cf.organizations] == ["Alder Robotics, Inc."]
    facts = DealFacts(path="x.txt", sha256="0" * 64, organizations=cf.organizations, agreements=[cf.agreement])
    _, g = facts_to_graph(facts)
    parties = list(g.objects(None, LIC.party))
    kinds = {t for p in parties for t in g.objects(p, RDF.type)}
    assert LIC.Person in kinds and LIC.Organization in kinds


@pytest.mark.parametrize(
    "text,title,kind",
    [
        ("Exhibit 10.1 DISTRIBUTOR AGREEMENT THIS AGREEMENT is made this 1st day of August, 2013", "DISTRIBUTOR AGREEMENT",
         AgreementKind.DISTRIBUTION),
        ("CELEBRITY ENDORSEMENT AGREEMENT THIS AGREEMENT is made as of this March 14, 2012", "CELEBRITY ENDORSEMENT AGREEMENT",
         AgreementKind.OTHER),
        ("1. 2. 2.1 EXHIBIT 1.1 Strategic Alliance Agreement This Agreement is made", "Strategic Alliance Agreement",
         AgreementKind.COLLABORATION),
        ("Exhibit 10.38 EXHIBIT C Software License Agreement [v.08] PLEASE READ", "Software License Agreement",
         AgreementKind.LICENSE),
        ("Exhibit 10.13 Outsourcing Contract on Development of Harbour Hotel Planning Unit", None,
         AgreementKind.CO_DEVELOPMENT),
        ("website design, development and hosting agreement", None, AgreementKind.OTHER),
        ("Cooperation Agreement of the 50MWp Solar Project Party A:", "Cooperation Agreement", AgreementKind.COLLABORATION),
        ("Exhibit 99.1 JOINT FILING AGREEMENT Pursuant to Rule 13d-1(k)", "JOINT FILING AGREEMENT", AgreementKind.OTHER),
        ("WEB SITE HOSTING AGREEMENT This WEB SITE HOSTING AGREEMENT is entered", "WEB SITE HOSTING AGREEMENT",
         AgreementKind.OTHER),
        ("RESELLER AGREEMENT This Reseller Agreement", "RESELLER AGREEMENT", AgreementKind.DISTRIBUTION),
    ],
)
def test_title_in_flattened_text_and_its_kind(text, title, kind):
    found = contract_title(text)
    if title is not None:
        assert found is not None and found.startswith(title)
    assert kind_from_title(found) is kind


@pytest.mark.parametrize(
    "preamble,iso",
    [
        ("AGREEMENT made this 20th day of March 1998 between", "1998-03-20"),
        ("This Agreement is dated 31 December, ----- 1996 between", "1996-12-31"),
        ("THIS AGREEMENT is made this, 20th day of June, 2001 by and between", "2001-06-20"),
        ("dated as of the 4th day of May, 2010 by and among", "2010-05-04"),
        ("made and entered into as of January 19,2000 by", "2000-01-19"),
    ],
)
def test_preamble_date_variants(preamble, iso):
    assert contract_date(preamble) == iso


@pytest.mark.parametrize(
    "preamble,value",
    [
        ("made this ___ day of March, 2002 by and between", "2002-03"),
        ("dated as of ____________, 2003, by and between", "2003"),
        ("dated as of April ___, 2005 between", "2005-04"),
        ("entered into as of November [ ], 2006 by", "2006-11"),
    ],
)
def test_blank_dates_keep_what_is_stated(preamble, value):
    assert contract_date(preamble) is None
    assert blank_date(preamble) == value


@pytest.mark.parametrize(
    "clause,law",
    [
        ("This agreement shall be governed by the laws of the state of Oregon.", "Oregon"),
        ("This Agreement shall be governed, construed and enforced in accordance with the laws of the State of Texas.", "Texas"),
        ("governed by the laws of the commonwealth of Massachusetts without regard to conflicts", "Massachusetts"),
        ("This Agreement is governed by the laws of the province of Ontario.", "Ontario"),
    ],
)
def test_governing_law_variants(clause, law):
    assert governing_law(clause) == law
