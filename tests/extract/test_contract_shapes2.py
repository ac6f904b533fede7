"""Second round of contract shapes (issue 13), each with invented contracts: governing law read as a
clause, preamble dates cued a few words before, term clauses with anniversaries and stated starts,
and parties named once (cover fields, labels, the last party without a defined term)."""
from __future__ import annotations

import pytest

from kg.extract.contract_dates import contract_date
from kg.extract.contract_parties import cover_field_parties, preamble_parties
from kg.extract.contract_term import contract_term, expiration_from
from kg.extract.law import governing_law


@pytest.mark.parametrize(
    "clause,law",
    [
        ("This Agreement shall be governed and construed according to the laws of the State of Kansas.", "Kansas"),
        ("This Agreement shall be governed by the internal laws, and not by the laws regarding conflicts of laws, "
         "of the State of North Carolina.", "North Carolina"),
        ("This Agreement is accepted by Company in the State of Nevada and shall be governed by and construed in "
         "accordance with the laws thereof.", "Nevada"),
        ("This Agreement shall be governed by, and construed and enforced in accordance with, the laws of the State "
         "of California and the laws of Hong Kong.", "California; Hong Kong"),
        ("This Agreement and its interpretation shall be governed by the laws of the United States and, to the "
         "extent not inconsistent therewith, by the laws of the Commonwealth of Kentucky.", "Kentucky"),
        ("Except to the extent governed by the United States Trademark Act of 1946 (Lanham Act, 15 U.S.C. 1051 et "
         "seq.), this Agreement will be governed by the laws of the State of Arizona.", "Arizona"),
        ("This Agreement shall be interpreted and enforced according to the laws of the State of Oregon without "
         "regard to principles of conflict of laws.", "Oregon"),
        ("THIS AGREEMENT SHALL BE GOVERNED IN ALL RESPECTS, INCLUDING VALIDITY, INTERPRETATION AND EFFECT, BY THE "
         "LAWS OF THE STATE OF OHIO WITHOUT GIVING EFFECT TO THE CHOICE OF LAW PRINCIPLES OF SUCH STATE.", "Ohio"),
        ("Licensor is a corporation duly organized and in good standing under the laws of the State of Delaware. "
         "This Agreement shall be governed by the laws of the State of Utah.", "Utah"),
        ("This Agreement is controlled by the laws of the State of Idaho, and venue lies in Ada County, Idaho.", "Idaho"),
        ("Effective legislation of the Republic of Kazakhstan shall apply to any relations of the Parties arising "
         "out of this Contract.", "Kazakhstan"),
        ("This Agreement shall be governed by the laws of the Province of Alberta and the federal laws of Canada "
         "applicable therein.", "Alberta"),
        ("Each party shall comply with all laws of the State of Maine governing the sale of the Products.", None),
    ],
    ids=["according-to", "laws-of-after-aside", "thereof", "two-jurisdictions", "federal-and-state", "carve-out",
         "enforced-according", "all-caps-such-state", "incorporation-is-not-a-choice", "controlled-by",
         "legislation-of", "province-and-federal", "compliance-is-not-a-choice"],
)
def test_governing_law_as_a_clause(clause, law):
    assert governing_law(clause) == law


@pytest.mark.parametrize(
    "preamble,iso",
    [
        ("THIS AGREEMENT made in duplicate this 20 day of November, 1995.\n\nBETWEEN: Alpha Ltd.", "1995-11-20"),
        ('This Support Agreement (this "Agreement") is entered on this 9th day of October, 2001 and is between', "2001-10-09"),
        ("This agreement is effective as from the 1st day of January, 2009, by and between", "2009-01-01"),
        ('by and between Beta S.A. ("Beta") as of the 1s t day of June, 2004.\n\nWHEREAS', "2004-06-01"),
        ('by Gamma Inc. and Delta LLC ("Distributor") this 7th day of September, 1999.\n\n1.', "1999-09-07"),
        ("This Agreement is made and entered into effect the 7th day of April, 2017 by", "2017-04-07"),
        ("This Agreement is signed on March 3, 2012 by Epsilon Corp. and Zeta Ltd.", "2012-03-03"),
        ("This contract is concluded on 14 May 2013 in Shanghai between the parties below.", "2013-05-14"),
        ("This agreement, dated this 10t h day of January, 2020, is between", "2020-01-10"),
        ("THIS AGREEMENT is effective as of the 23rd day of February, 1998, by and between", "1998-02-23"),
    ],
)
def test_preamble_dates_cued_a_few_words_before(preamble, iso):
    assert contract_date(preamble) == iso


@pytest.mark.parametrize(
    "clause,start,end",
    [
        ("The term of this Agreement (the \"Term\") shall commence on the Effective Date and conclude on October 31, "
         "2010, unless renewed.", "2009-01-01", "2010-10-31"),
        ("This Agreement will commence on the Effective Date, and will terminate on the third anniversary of the "
         "Effective Date (the \"Term\").", "2001-09-21", "2004-09-21"),
        ("Unless earlier terminated, the term of this Agreement shall end on the seventh anniversary of the date "
         "hereof.", "2001-11-28", "2008-11-28"),
        ("The initial term of this Agreement shall be for one year commencing on the 1st day of May, 2006.",
         None, "2007-05-01"),
        ("The term of the Franchise shall be twenty (20) years, commencing on January 1, 2016.", None, "2036-01-01"),
        ("The Joint Venture shall commence on the 1st of March, 2003, and shall be effective until February 28, 2004.",
         None, "2004-02-28"),
        ("The term of the license hereby granted shall commence August 1, 1995 and continue until January 30, 2000.",
         None, "2000-01-30"),
        ("This Second Amendment shall be effective from the Second Amendment Effective Date and shall expire on "
         "December 31, 2021.", None, "2021-12-31"),
        ("This promotion shall begin on June 1, 1999 and shall terminate June 1, 2000.", None, "2000-06-01"),
        ("The term of this Agreement and the sponsorship described herein shall commence on January 1, 2010 and "
         "extend through December 31, 2010.", None, "2010-12-31"),
        ("This contract shall be for a term of one year commencing on the date first above written.", "1998-06-01",
         "1999-06-01"),
        ("This Agreement shall remain in effect until the later of December 31, 2020 or the last delivery.", "2015-01-01",
         None),
    ],
)
def test_expiration_from_the_term_clause(clause, start, end):
    assert expiration_from(contract_term(clause), start) == end


@pytest.mark.parametrize(
    "text,names",
    [
        ('This Agreement is made by and between Acme Holdings, Inc. ("Acme") and the above-named Supplier.',
         ["Acme Holdings, Inc."]),
        ('This Agreement is made by and between Bruno Parks, Individual ("TALENT"), with his offices located in '
         'Ohio; and Brightline Goods, a Nevada Corporation (the COMPANY), with its offices at 1 Main St.',
         ["Bruno Parks", "Brightline Goods"]),
        ('is made December 3, 2018 by and between KILO LLC, a Delaware limited liability company (Developer ), '
         'and (Client) Lima Deliveries Inc. for the performance of services', ["KILO LLC", "Lima Deliveries Inc."]),
        ('This Agreement is entered into on May 1, 2018 by and between Ann Smith, director of Mango Foods '
         '(hereinafter referred to as "Client") and Bo Lee, director of Nectar Web, PLC (hereinafter referred to '
         'as "Company").', ["Mango Foods", "Nectar Web, PLC"]),
        ('This Agreement is entered into as of March 1, 2020 by and between the Orbit Corporation ("Orbit"), and '
         'e-parcel, Inc. ("Vendor"), a Delaware corporation.', ["Orbit Corporation", "e-parcel, Inc."]),
        ('(1) Papa Capital Management, L.P. a Delaware limited partnership ("Papa US"); and\n\n(2) Papa Capital '
         'Management (International) Limited, a private limited company (the "Sub-Advisor").',
         ["Papa Capital Management, L.P.", "Papa Capital Management (International) Limited"]),
        ("Cooperation Agreement\n\nParty A: People's Government of Quill County\nParty B: Romeo New Energy Co., Ltd.\n"
         "Party A welcomes Party B.", ["People's Government of Quill County", "Romeo New Energy Co., Ltd."]),
        ("Transport Agreement\n\nParty A (Shipper): Sierra Express Co., Ltd.\nParty B (Carrier): Tango Logistics Ltd.\n",
         ["Sierra Express Co., Ltd.", "Tango Logistics Ltd."]),
        ('Franchise Agreement. The parties to this Agreement are Uniform Corp., a Delaware corporation ("we" or '
         '"us"); ______, as Franchise Owner ("you").', ["Uniform Corp."]),
        ('This Agreement is entered into by and between Victor Mutual Insurance Corporation ("Victor") and '
         'Company and the Trust ("Others").', ["Victor Mutual Insurance Corporation"]),
    ],
    ids=["one-named-party", "individual-and-undescribed-company", "last-party-without-term", "director-of-company",
         "lower-case-brand", "parenthetical-entity", "party-a-institution", "party-a-with-role", "parties-to-this-are",
         "collective-is-not-a-name"],
)
def test_parties_named_once(text, names):
    found = [n for n, _ in preamble_parties(text)[0]]
    assert [n.removeprefix("the ") for n in found] == names


@pytest.mark.parametrize(
    "cover,name",
    [
        ("Agreement Number: X1\nCompany Name: Whiskey Labs, Inc.\nCompany Address: 1 Elm St", "Whiskey Labs, Inc."),
        ("Customer Name: Xray Holdings LLC\nAddress: 2 Oak Ave", "Xray Holdings LLC"),
        ("SPONSOR: Name: Yankee Grill Company\nPhone: 555", "Yankee Grill Company"),
        ("The buyer/End-User: Zulu Supply Chain Co., Ltd.\nADD:", "Zulu Supply Chain Co., Ltd."),
        ("Client Name: Alpha Beta Partners LP\n", "Alpha Beta Partners LP"),
        ("Licensee: Gamma Media Corporation\nTerritory: worldwide", "Gamma Media Corporation"),
        ("Supplier Name: Delta Parts GmbH\n", "Delta Parts GmbH"),
        ("Vendor's Legal Name: Echo Systems, Inc.\n", "Echo Systems, Inc."),
        ("Distributor: Foxtrot Trading Pty Ltd\n", "Foxtrot Trading Pty Ltd"),
        ("Company Name: ______________________\n", None),
    ],
)
def test_cover_field_parties(cover, name):
    found = [n for n, _ in cover_field_parties(cover)]
    assert found == ([name] if name else [])


# Third round (issue 13): contracts whose parties were read by nobody.
def _contract(text: str):
    from kg.document import Document, Filing
    from kg.extract.contract import extract_contract

    filing = Filing(path="x.txt", sha256="0" * 64, size=1, encoding="utf-8", fmt="text", documents=[Document(text=text)])
    return extract_contract(filing, 0)


@pytest.mark.parametrize(
    "text,parties",
    [
        # a joint filing statement: no title, no preamble, the signers are the parties
        ("EXHIBIT 1\nJOINT FILING STATEMENT PURSUANT TO RULE 13d-1(k)\n\nThe undersigned acknowledge and agree that the "
         "foregoing statement is filed on behalf of each of the undersigned.\n\nDATED: April 8, 2020\n\n"
         "HARBORLINE CAPITAL LP\n\nBy: /s/ Jane Roe\nName: Jane Roe\n\nHARBORLINE MANAGEMENT, INC.\n\nBy: /s/ Jane Roe\n"
         "Name: Jane Roe\n", ["HARBORLINE CAPITAL LP", "HARBORLINE MANAGEMENT, INC."]),
        # a titled agreement of labelled fields with no self-reference: its signature blocks
        ("JOINT FILING AGREEMENT\n\nDesignated Filer: Quarry Trading SA\nDated: January 7, 2019\n\nQUARRY TRADING SA\n\n"
         "By: /s/ Ann Lee\nName: Ann Lee\n", ["QUARRY TRADING SA"]),
        # plain style: 'we refer to X as "we"'
        ("FRANCHISE AGREEMENT\n\n1. INTRODUCTION. This Agreement is written in an informal style. In this Agreement, we "
         "refer to Fernpoint Wellness Corp. as \"we,\" \"us,\" or the \"Company.\" We refer to you as \"you.\"\n",
         ["Fernpoint Wellness Corp."]),
        # a cover field followed by an all-caps label on the same line
        ("SUPPLY CONTRACT Contract No: Date: The buyer/End-User: Lanxi Harbor Trading Co., Ltd. ADD: Tel No. : "
         "The seller: ADD: The Contract is concluded and signed by the Buyer and Seller. 1. This is a framework "
         "agreement.\n", ["Lanxi Harbor Trading Co., Ltd."]),
    ],
    ids=["joint-filing-statement", "labelled-fields-signed", "we-refer-to", "cover-field-caps-label"],
)
def test_parties_read_by_somebody(text, parties):
    cf = _contract(text)
    assert cf is not None and cf.agreement.parties == parties


def test_labels_are_not_part_of_party_names():
    text = ("SERVICES AGREEMENT\n\nThis Services Agreement is made by and between Party A: Orrin Data Systems Co., Ltd. "
            "(\"Party A\") and Party B: Velm Cloud Holdings Limited (\"Party B\"). The parties hereto agree as follows.\n")
    cf = _contract(text)
    assert cf is not None
    assert all(not p.startswith("Party") for p in cf.agreement.parties)


@pytest.mark.parametrize(
    "text,date,start",
    [
        ("4. Term and Termination. The term of this Agreement (the \"Term\") will begin on February 1, 1998 and end on "
         "June 30, 1999.", "1998-01-26", "1998-02-01"),
        ("A. \"Contract Period\" shall mean that period of time of three (3) years commencing on November 1st, 2017 and "
         "concluding November 2nd, 2020.", "2017-10-30", "2017-11-01"),
        ("2.1 The Appointment will begin on 27 January 2020 or such other date as the parties agree.", "2019-10-01", "2020-01-27"),
        ("7. EFFECTIVE DATE. The effective date of the Franchise will be January 1, 2016.", "2015-11-17", "2016-01-01"),
        # the same day as the agreement date: nothing to add (GOLD_SCHEMA: only when it differs)
        ("The term of this Agreement shall commence on March 3, 2010.", "2010-03-03", None),
        # the preamble names its own date the Effective Date: the term's start is not the effective date
        ("This Agreement is entered into on July 26, 2013 (the \"Effective Date\") by and between A and B. 1. Term. The "
         "Term shall commence on July 23, 2013 and shall expire on July 22, 2016.", "2013-07-26", None),
        # a start that is not the term's ("payments beginning on ...")
        ("Licensee shall pay royalties quarterly beginning on April 1, 2005.", "2005-01-10", None),
    ],
    ids=["term-begins", "contract-period", "appointment", "effective-date-of-the-franchise", "same-as-date",
         "preamble-defines-effective-date", "not-the-term"],
)
def test_effective_date_from_the_term_clause(text, date, start):
    from kg.extract.contract_dates import term_start_date

    assert term_start_date(text, date) == start


def test_anniversary_of_the_date_hereof_runs_from_the_agreement_date():
    clause = ("5. Term. The term of this Agreement shall commence on December 1, 2001. Unless earlier terminated, the "
              "term of this Agreement shall end on the seventh anniversary of the date hereof.")
    term = contract_term(clause)
    assert term.years == 7 and term.from_date_hereof
    assert expiration_from(term, "2001-11-28") == "2008-11-28"
    eff = contract_term("The term shall end on the third anniversary of the Effective Date.")
    assert not eff.from_date_hereof
