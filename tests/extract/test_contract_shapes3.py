"""Third round of contract party shapes (issue 13), each a class of contract text checked on INVENTED
contracts: several parties listed before one collective term, loan-out endorsements ("f/s/o",
"furnishing the services of"), a " - " inside a name, "Corporation of <place>", a title that
names the parties before the preamble's own "between", parties separated by semicolons, cover
fields followed by a contact label, and a title-block name cut at "including"."""
from __future__ import annotations

import pytest

from kg.extract.contract_parties import cover_field_parties, preamble_parties, signature_parties

# Invented groups of affiliated entities (legal forms from several jurisdictions).
GROUPS = [
    ("Bramble Point Capital LP", "Bramble Point GP LLC", "Bramble Point Partners LP", "Bramble Point Partners GP LLC"),
    ("Corvid Value Fund, L.P.", "Corvid Advisors, LLC", "Corvid Master Fund Ltd.", "Corvid Holdings, Inc."),
    ("Fenwick Rise Opportunities LP", "Fenwick Rise SP LLC", "Fenwick Rise Offshore Ltd.", "Fenwick Rise Management LLC"),
]


@pytest.mark.parametrize("g", range(len(GROUPS)))
def test_several_parties_before_one_collective_term(g):
    a, b, c, d = GROUPS[g]
    text = ('COOPERATION AGREEMENT\nThis Cooperation Agreement is entered into as of May 2, 2021 by and between Ashgrove '
            f'Systems, Inc., a Delaware corporation (the "Company"), and {a}, a Delaware limited partnership, {b}, a Delaware '
            f'limited liability company, {c}, a Cayman Islands exempted company, and {d}, a Delaware limited liability company '
            '(collectively, the "Investor Parties") (each a "Party").\nWHEREAS, the Investor Parties own shares;')
    parties, _ = preamble_parties(text)
    assert [n for n, _ in parties] == ["Ashgrove Systems, Inc.", a, b, c, d]


@pytest.mark.parametrize(
    "preamble,company,person",
    [
        ('between Quillon Brands, Inc., a Nevada corporation ("Quillon"), and Roe Ventures, LLC ("Roe Ventures"), a Texas '
         'limited liability company f/s/o Jordan Roe ("Athlete" and together with Roe Ventures, "Roe").',
         "Roe Ventures, LLC", "Jordan Roe"),
        ('by and among (a) Marla Vance, Inc. ("MV Inc."), furnishing the services of Marla Vance ("MV"), c/o Atlas Talent, '
         '(b) Tidewater Optical Group ("Tidewater").', "Marla Vance, Inc.", "Marla Vance"),
        ('between Sable Peak Golf Corp. ("Sable"), a Delaware corporation, and Hollis Sports Management, Inc. ("HSM"), '
         'for the services of Dana Whitlock ("Player").', "Hollis Sports Management, Inc.", "Dana Whitlock"),
    ],
    ids=["f/s/o", "furnishing-the-services-of", "for-the-services-of"],
)
def test_loan_out_endorsement_names_company_and_person(preamble, company, person):
    names = [n for n, _ in preamble_parties("ENDORSEMENT AGREEMENT\nThis Endorsement Agreement is made " + preamble)[0]]
    assert company in names and person in names


@pytest.mark.parametrize(
    "name",
    ["Coastal Rowing League - Pacific Northwest Chapter", "Veterans Outreach Society - Great Lakes Region",
     "Harbor Arts Council - Eastern Division"],
)
def test_a_dash_inside_a_name(name):
    text = (f'SPONSORSHIP AGREEMENT\nThis Agreement is made June 1, 2018, between {name} ("Chapter"), a charitable '
            'corporation, and Brightleaf Snacks, Inc. ("Company"), a Utah corporation.\n1. Term.')
    assert [n for n, _ in preamble_parties(text)[0]] == [name, "Brightleaf Snacks, Inc."]


def test_a_dash_between_words_of_a_signature_block():
    text = ("The undersigned agree to file jointly.\n\nNORTHWIND PARTNERS - OFFSHORE MASTER FUND II, L.P.\nBy: /s/ A. Lee\n"
            "Name: A. Lee\n\nNORTHWIND CAPITAL, LLC\nBy: /s/ A. Lee\n")
    assert [n for n, _ in signature_parties(text)] == ["NORTHWIND PARTNERS - OFFSHORE MASTER FUND II, L.P.", "NORTHWIND CAPITAL, LLC"]


@pytest.mark.parametrize("name", ["Mutual Surety Corporation of America", "Farmers Trust Company of New England",
                                  "Granite Savings Bank of Vermont"])
def test_corporation_of_a_place(name):
    text = (f'AGENCY AGREEMENT\nThis Agreement is made by and between {name}, a Michigan insurance corporation ("Insurer"), and '
            'Pell & Norris Agency, Inc., a Nevada corporation ("Agency").\n1. Appointment.')
    assert [n for n, _ in preamble_parties(text)[0]] == [name, "Pell & Norris Agency, Inc."]


@pytest.mark.parametrize("a,b", [("Lakeside Nutrition Society", "Quark Games, Inc."), ("Heron Bay Foundation", "Tally Labs LLC")])
def test_title_between_before_the_preamble_between(a, b):
    text = (f'Sponsorship Agreement Between {a} and {b} This Agreement ("Agreement") is made effective March 2, 2019, by and '
            f'between {b}, a Delaware Corporation ("Company"), with its principal place of business located at 12 Elm Road, '
            f'Austin, TX 75069 and the {a}, Inc. ("Society"), an Ohio not-for-profit corporation.')
    assert [n for n, _ in preamble_parties(text)[0]] == [b, f"{a}, Inc."]


def test_parties_separated_by_semicolons():
    text = ('ENDORSEMENT AGREEMENT\nThis Agreement made May 3, 2017, between Coastal Rowing League - North Chapter ("CRL-N"), '
            'a charitable corporation, having its principal office at 10 Bay Street, Seaside CA 94061; Coastal Rowing League, '
            'Inc. ("CRL"), a nonprofit corporation; and Tidepool Foods, Inc. ("Company").\n1. Grant.')
    assert [n for n, _ in preamble_parties(text)[0]] == ["Coastal Rowing League - North Chapter", "Coastal Rowing League, Inc.",
                                                         "Tidepool Foods, Inc."]


@pytest.mark.parametrize("label", ["Phone", "Fax", "Address", "E-mail"])
def test_cover_field_name_before_a_contact_label(label):
    cover = f"SPONSOR:                 Name: Marigold Fresh Taco Kitchen {label}: 555-0100\n"
    assert [n for n, _ in cover_field_parties(cover)] == ["Marigold Fresh Taco Kitchen"]


def test_title_block_name_cut_at_including():
    text = ("THIS SUPPORT AGREEMENT IS SUBJECT TO THE MASTER AGREEMENT BETWEEN ORBITAL SOFT AND PRAIRIE BANK, "
            "INCLUDING THE LIMITED WARRANTY PROVIDED THEREIN.")
    assert [n for n, _ in preamble_parties(text)[0]] == ["ORBITAL SOFT", "PRAIRIE BANK"]


def test_loan_out_person_without_a_defined_term_is_not_a_party():
    text = ('DEVELOPMENT AGREEMENT\nThis Agreement by and between Ridgeway Seminars, Inc., a California corporation f/s/o '
            'Morgan Ellery ("Ridgeway") and Copperline Learning Holdings, Inc., a Colorado corporation ("CLH"), is entered '
            'into as of May 1, 2019.\nWHEREAS, Ridgeway owns rights;')
    assert preamble_parties(text)[0] == [("Ridgeway Seminars, Inc.", ["Ridgeway"]), ("Copperline Learning Holdings, Inc.", ["CLH"])]


@pytest.mark.parametrize(
    "company,person",
    [("KESTREL 2010 LIMITED", "ANNA PRICE"), ("Harbour 1998 Holdings Limited", "Owen Marsh"), ("ORCHID 2001 LTD", "LEE CHAN")],
)
def test_enumerated_parties_with_unquoted_terms_and_a_year_in_the_name(company, person):
    text = ("SERVICE AGREEMENT\n\nTHIS AGREEMENT is made on 1 October 2019\n\nBETWEEN: (1) " + company + " (registered number "
            "01234567) whose registered office is at 2 Quay Street, London SE1 9GL (the Company) (2) " + person
            + " (the Executive).\n\nIT IS AGREED as follows:")
    assert [n for n, _ in preamble_parties(text)[0]] == [company, person]


@pytest.mark.parametrize(
    "name",
    ["Branded Service. 4.4 Co", "Branding Designations. The Co", "[LOGO ACME] TRAVEL SERVICES ------------ RESELLER Company"],
)
def test_text_run_together_is_not_a_name(name):
    from kg.extract.contract_parties import _name_ok

    assert not _name_ok(name)


def test_a_legal_form_after_a_stray_period_is_still_a_name():
    from kg.extract.contract_parties import _name_ok

    assert _name_ok("Larkspur Networks. Inc.") and _name_ok("Ostrava Telecommunications. Inc.")


def test_an_unquoted_term_that_names_no_party_keeps_the_last_party():
    text = ('SOFTWARE DEVELOPMENT AGREEMENT THIS AGREEMENT (Agreement ) is made May 3rd, 2018 (the Effective Date) by and '
            'between WEBFORGE LLC, a Delaware limited liability company (Developer ), and (Client) Tern Logistics Inc. for the '
            'performance of software design services (the Project).\n\n1. Term')
    assert [n for n, _ in preamble_parties(text)[0]] == ["WEBFORGE LLC", "Tern Logistics Inc."]
