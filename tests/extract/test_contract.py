"""Contract facts (kg.extract.contract, kg.extract.law) on preambles and clauses written for these tests."""
from __future__ import annotations

import pytest

from kg.document import Document, Filing
from kg.extract.contract import contract_title, extract_contract, kind_from_title, preamble_parties
from kg.extract.law import governing_law
from kg.facts import AgreementKind, AgreementStatus

LICENSE = """Exhibit 10.3
[***] Certain information in this document has been excluded pursuant to Regulation S-K, Item 601(b)(10).
EXECUTION VERSION
EXCLUSIVE LICENSE AND DEVELOPMENT AGREEMENT
This EXCLUSIVE LICENSE AND DEVELOPMENT AGREEMENT (this "Agreement") is made and entered into as of the 9th day of
October, 2017 (the "Effective Date") by and between Quillon Therapeutics, Inc., a Delaware corporation having its
principal place of business at 45 Harbor Drive, San Diego, CA 92101 ("Licensor"), and MERIDIAN PHARMA GMBH and its
Affiliates, a German limited liability company located at Hauptstrasse 12, 80331 Munich, Germany ("Licensee").
Licensor and Licensee are each a "Party" and together the "Parties".
RECITALS
WHEREAS, Licensor entered into a Supply Agreement dated as of May 1, 2015 with a third party;
2.1 License Grant. Licensor hereby grants to Licensee an exclusive, worldwide, royalty-bearing license under the
Licensed Patents to develop and commercialize Products.
12.1 Term. The initial term of this Agreement shall be for a period of five (5) years, and the Agreement shall renew
automatically for successive two (2) year periods unless either Party gives notice.
14.3 Governing Law. This Agreement shall be governed by and construed in accordance with the laws of the State of
New York, without regard to its conflict of laws principles.
"""


def contract_of(text: str):
    f = Filing(path="c.txt", sha256="0", size=1, encoding="utf-8", fmt="text", documents=[Document(text=text)])
    return extract_contract(f, 0)


def test_license_contract_facts():
    c = contract_of(LICENSE)
    a = c.agreement
    assert a.title == "EXCLUSIVE LICENSE AND DEVELOPMENT AGREEMENT"
    assert a.kind is AgreementKind.LICENSE and a.status is AgreementStatus.NEW
    assert a.date == "2017-10-09" and a.effective_date is None  # the Effective Date is the same date
    assert a.parties == ["Quillon Therapeutics, Inc.", "MERIDIAN PHARMA GMBH"]  # "and its Affiliates" trimmed
    assert (a.licensor, a.licensee) == ("Quillon Therapeutics, Inc.", "MERIDIAN PHARMA GMBH")
    assert a.exclusive is True and a.territory == "worldwide"
    assert (a.term_years, a.renewal_years) == (5, 2)
    assert a.expiration_date == "2022-10-09"  # the initial term's end: the Effective Date + 5 years
    assert a.governing_law == "New York"
    assert a.evidence is not None and "by and between" in a.evidence.quote
    assert c.organizations[0].aliases[0] == "Licensor"


def test_roles_from_grant_clause_when_terms_are_names():
    text = """SUPPLY AGREEMENT
This Supply Agreement is entered into on 3 February 2011 between Ostrava Chemicals a.s. and Pelham Foods Limited, a
company incorporated in England ("Pelham"), and Bryce Labs, Inc. ("Bryce").
3.1 Pelham hereby grants to Bryce a non-exclusive licence to use the Pelham marks on labels.
9. This Agreement is governed by the laws of England and Wales.
"""
    a = contract_of(text).agreement
    assert a.kind is AgreementKind.SUPPLY
    assert a.date == "2011-02-03"
    assert "Bryce Labs, Inc." in a.parties and "Pelham Foods Limited" in a.parties
    assert (a.licensor, a.licensee, a.exclusive) == ("Pelham Foods Limited", "Bryce Labs, Inc.", False)
    assert a.governing_law == "England and Wales"


def test_title_page_party_list_without_defined_terms():
    text = """Exhibit 10.12
COLLABORATION AGREEMENT
by and between
ORCHID BIOSCIENCES, INC.
and
Institute for Marine Research and Polar Studies
and
KESTREL HOLDINGS LIMITED
Dated: April 30, 2009
TABLE OF CONTENTS
"""
    parties, _ = preamble_parties(text)
    assert [p for p, _ in parties] == ["ORCHID BIOSCIENCES, INC.", "Institute for Marine Research and Polar Studies",
                                      "KESTREL HOLDINGS LIMITED"]


@pytest.mark.parametrize(
    "title,kind",
    [
        ("LICENSE, DEVELOPMENT AND COMMERCIALIZATION AGREEMENT", AgreementKind.LICENSE),
        ("STRATEGIC ALLIANCE AGREEMENT", AgreementKind.COLLABORATION),
        ("COLLABORATIVE RESEARCH AND DEVELOPMENT AGREEMENT", AgreementKind.COLLABORATION),
        ("JOINT DEVELOPMENT AND MARKETING AGREEMENT", AgreementKind.CO_DEVELOPMENT),
        ("DISTRIBUTION AND DEVELOPMENT AGREEMENT", AgreementKind.CO_DEVELOPMENT),
        ("Sales, Marketing, Distribution, and Supply Agreement", AgreementKind.SUPPLY),
        ("EXCLUSIVE DISTRIBUTOR AGREEMENT", AgreementKind.DISTRIBUTION),
        ("SPONSORED RESEARCH AGREEMENT", AgreementKind.RESEARCH),
        ("JOINT VENTURE AGREEMENT", AgreementKind.OTHER),
        (None, AgreementKind.OTHER),
    ],
)
def test_kind_precedence(title, kind):
    assert kind_from_title(title) is kind


@pytest.mark.parametrize(
    "clause,law",
    [
        ("This Agreement shall be governed by the laws of the State of Delaware, U.S.A.", "Delaware"),
        ("construed in accordance with the laws of England and Wales and the courts", "England and Wales"),
        ("This Agreement shall be governed by Swiss law.", "Switzerland"),
        ("The laws of the Federal Republic of Germany shall apply to this Agreement.", "Germany"),
        ("governed by and interpreted under the laws of the Commonwealth of Pennsylvania. Any dispute", "Pennsylvania"),
        ("Each party complies with the laws of the United States in exporting goods.", None),
        ("THIS AGREEMENT SHALL BE GOVERNED BY THE INTERNAL LAWS OF THE STATE OF OHIO APPLICABLE TO CONTRACTS", "Ohio"),
        ("Exports are subject to the laws of the United States. 9.2 This Agreement is governed by the laws of "
         "the State of Oregon.", "Oregon"),
        ("The arbitration shall be subject to the application of the Austrian Law and take place in Geneva.", "Austria"),
        ("This Agreement shall be governed by Quebec Law.", "Quebec"),
    ],
    ids=["state-of", "england-wales", "demonym", "shall-apply", "commonwealth", "not-a-choice-of-law", "all-caps",
         "choice-of-law-beats-export-clause", "application-of-demonym-law", "capital-law"],
)
def test_governing_law(clause, law):
    assert governing_law(clause) == law


def test_press_release_is_not_a_contract():
    text = ("FOR IMMEDIATE RELEASE\nQuillon and Meridian sign license agreement\nSAN DIEGO, May 2, 2017 -- Quillon "
            "Therapeutics, Inc. today announced a license agreement between Quillon and Meridian Pharma GmbH.\n")
    assert contract_of(text) is None


def test_8k_cover_is_not_a_contract():
    text = ("FORM 8-K\nQUILLON THERAPEUTICS, INC.\n(Exact name of registrant as specified in its charter)\n"
            "Item 1.01 Entry into a Material Definitive Agreement.\nOn May 2, 2017 the Company entered into a License "
            "Agreement between the Company and Meridian Pharma GmbH.\n")
    assert contract_of(text) is None


def test_mixed_case_heading_is_the_title():
    text = ("Research and Option Agreement\nThis Consulting Agreement is made as of June 1, 2015 by and between "
            "Alder Labs LLC (\"Alder\") and Birch University (\"Birch\").")
    assert contract_title(text) == "Research and Option Agreement"


def test_execution_date_when_preamble_has_none():
    text = """JOINT DEVELOPMENT AGREEMENT
between
iTerra Labs, Inc.
and
SOLVAY-NORD LIMITED
This Agreement is made between iTerra Labs, Inc., a Nevada corporation, 12 Elm Street ("iTerra") and Solvay-Nord Limited ("SN").
The parties sign below.
IN WITNESS WHEREOF the parties have executed this Agreement.
By: /s/ Ada Wong  Date: March 2, 2016     By: /s/ Lars Berg  Date: March 4, 2016
Source: ITERRA LABS INC, 10-K, 3/30/2017
"""
    a = contract_of(text).agreement
    assert a.parties == ["iTerra Labs, Inc.", "Solvay-Nord Limited"]  # camel-case brand kept, address cut
    assert a.date == "2016-03-04"  # the last signature; the "Source:" filing date is not a signing date
    assert a.kind is AgreementKind.CO_DEVELOPMENT


def test_same_party_named_twice_is_one_party():
    text = """SUPPLY AGREEMENT
This Supply Agreement is dated as of June 5, 2013 by and between NORDIC OILS AS ("Nordic"), and
VELA FOODS, INC. ("Vela"), and Vela Foods Inc ("Buyer").
"""
    a = contract_of(text).agreement
    assert a.parties == ["NORDIC OILS AS", "VELA FOODS, INC."]
    assert contract_of(text).organizations[1].aliases[:2] == ["Vela", "Buyer"]


def test_bad_document_index_names_the_file():
    from kg.errors import ExtractionError

    f = Filing(path="c.txt", sha256="0", size=1, encoding="utf-8", fmt="text", documents=[Document(text=LICENSE)])
    with pytest.raises(ExtractionError) as err:
        extract_contract(f, 3)
    assert err.value.one_line().startswith("c.txt: no document 3")


def test_labelled_party_blocks():
    text = ("Contract No.: QX-2019-0442\nCooperation Agreement\nThis Cooperation Agreement is made and entered into by and "
            "between the following parties in Pudong, Shanghai.\nParty A: Shanghai Lanqiao Data Technology Co., Ltd.\n"
            "Legal Representative: Wei Zhang\nParty B: Ningbo Haiyue Equipment Leasing Co., Ltd Legal Representative: "
            "Min Liu\nParty A and Party B shall be individually referred to as a \"Party\".\n"
            "1.1 This Agreement shall be governed by the laws of the People's Republic of China.\n")
    c = contract_of(text)
    assert c is not None
    assert c.agreement.parties == ["Shanghai Lanqiao Data Technology Co., Ltd.", "Ningbo Haiyue Equipment Leasing Co., Ltd"]
    assert c.organizations[0].aliases[0] == "Party A"


def test_preamble_after_cover_fields_and_without_between():
    text = ("EXHIBIT 10.9\n\n                RESELLER AGREEMENT BETWEEN CORVA TRADING AND PELLIX\n\n"
            "PELLIX Agreement Number: R-77          Effective Date: June 1, 1998          Term: 2 Years\n\n"
            "Corva Trading, a corporation organized under the laws of the State of Oregon, having a place of business "
            "at 12 Alder Road, Salem, Oregon, (\"Reseller\") and PELLIX, Inc. (\"PELLIX\"), organized under the laws of "
            "the State of Delaware, agree that the following terms govern the purchase of Products. Orders accepted by "
            "PELLIX shall be deemed to be for immediate release.\n")
    c = contract_of(text)
    assert c is not None  # "for immediate release" inside a clause is not a press release's release line
    assert c.agreement.parties == ["Corva Trading", "PELLIX, Inc."]


def test_effective_date_defined_as_the_last_signature():
    text = ("LICENSE AGREEMENT\nThis License Agreement is made on March 2, 2017 by and between Tallis University "
            "(\"Tallis\") and Brevo Devices, Inc. (\"Company\").\n"
            "2.1 \"EFFECTIVE DATE\" of this Agreement shall mean the date the last party hereto has executed this "
            "Agreement.\n3.1 Tallis hereby grants to Company a non-exclusive license.\n\n"
            "Source: BREVO DEVICES, INC., 1-A, 08/30/2019\n"
            "IN WITNESS WHEREOF the parties have executed this Agreement on the dates below. TALLIS UNIVERSITY "
            "BREVO DEVICES, INC. By: /s/ A. Reyes By: /s/ K. Olsen Date: 3/9/2017 Date: 3/14/2017\n"
            "Source: BREVO DEVICES, INC., 1-A, 08/30/2019\n")
    a = contract_of(text).agreement
    assert a.date == "2017-03-02" and a.effective_date == "2017-03-14"


def test_other_event_dates_are_not_the_agreement_date():
    text = ("MASTER SUPPLY AGREEMENT\nThis Master Supply Agreement is between Halvor Polymers AG (\"Seller\") and "
            "Quint Medical, Inc. (\"Buyer\").\nBase price\nRequested delivery date 1.1.2019 - 28.2.2019: list price.\n"
            "IN WITNESS WHEREOF the parties have signed. By: /s/ J. Berg Date: January 10, 2020\n")
    assert contract_of(text).agreement.date == "2020-01-10"


def test_licensor_from_the_grant_clause_when_only_the_licensee_has_a_defined_term():
    text = ("EXCLUSIVE LICENSE AGREEMENT\nThis Exclusive License Agreement is made as of May 1, 2017 by and between "
            "The Trustees of Orrin College (\"College\") and Pavane Optics, Inc. (\"Licensee\").\n"
            "2.1 Grant. College hereby grants to Licensee an exclusive, royalty-bearing license under the Patent Rights.\n")
    a = contract_of(text).agreement
    assert (a.licensor, a.licensee) == ("The Trustees of Orrin College", "Pavane Optics, Inc.")
    assert a.exclusive is True


def test_contract_titled_contract():
    text = ("                 CONTRACT FOR CHINESE-FOREIGN EQUITY JOINT VENTURE\n\n                 BETWEEN\n\n"
            "           JIANGXI HONGYUN FEED CO., LTD.\n\n                 AND\n\n           TALBRIDGE NUTRITION LIMITED\n\n"
            "Article 1  The parties agree to establish a joint venture.\n")
    c = contract_of(text)
    assert c is not None and c.agreement.title == "CONTRACT FOR CHINESE-FOREIGN EQUITY JOINT VENTURE"
    assert c.agreement.parties == ["JIANGXI HONGYUN FEED CO., LTD.", "TALBRIDGE NUTRITION LIMITED"]
