"""Cover-page and header facts (kg.extract.cover) on cover pages written for these tests."""
from __future__ import annotations

import pytest

from kg.document import Document, FilerInfo, Filing, SecHeader
from kg.extract.cover import extract_filing_facts, parse_exhibits, parse_items_fallback, prefer_mixed_case


def filing(*texts: str, header: SecHeader | None = None, types: tuple = (), xbrl: dict | None = None,
           filename: str = "doc.txt") -> Filing:
    docs = [Document(text=t, doc_type=(types[i] if i < len(types) else None), filename=filename,
                     xbrl=(xbrl or {}) if i == 0 else {}) for i, t in enumerate(texts)]
    return Filing(path="/tmp/x/doc.txt", sha256="0" * 64, size=1, encoding="utf-8",
                  fmt="sgml" if header else "text", documents=docs, header=header)


# A pre-2004 8-K with a tab-separated identification row over its captions.
TAB_COVER = """SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549

FORM 8-K

CURRENT REPORT

Date of Report (Date of earliest event reported): March 3, 1999

NORTHWIND BIOLOGICS, INC.
(Exact name of registrant as specified in its charter)

Oregon\t0-21234\t93-1234567
-----\t-----\t-----
(State or Other Jurisdiction of Incorporation)\t(Commission File Number)\t(IRS Employer Identification No.)

410 Alder Street, Portland, Oregon 97204

(Address of principal executive offices) (Zip Code)

Registrant's telephone number, including area code: (503)555-0142

ITEM 5. OTHER EVENTS

On March 3, 1999, Northwind Biologics, Inc. signed a research agreement.

ITEM 7. FINANCIAL STATEMENTS AND EXHIBITS

(c) Exhibits.

99.1 Press release of Northwind Biologics, Inc. dated March 3, 1999.
10.4 Lease agreement (incorporated by reference to the Company's Form 10-K for 1997).

SIGNATURE

Northwind Biologics, Inc.
(Registrant)
"""

# A post-2004 8-K converted from HTML: values and captions on separate lines.
STACKED_COVER = """FORM 8-K

CURRENT REPORT

Date of Report (Date of earliest event reported): October 12, 2022

Harbor Light Therapeutics Corp.

(Exact name of registrant as specified in its charter)

Delaware

001-39876

84-7654321

(State or other jurisdiction

of incorporation)

(Commission

File Number)

(I.R.S. Employer

Identification No.)

12 Wharf Road, Suite 300

Boston, Massachusetts 02110

(Address of principal executive offices, including zip code)

617-555-0199

(Registrant's telephone number, including area code)

Title of each class\tTrading Symbol(s)\tName of each exchange on which registered

Common Stock, $0.001 par value\tHLTX\tThe Nasdaq Global Market

Item 1.01 Entry into a Material Definitive Agreement.

On October 12, 2022, the Company entered into a license agreement.

Item 9.01 Financial Statements and Exhibits.

(d) Exhibits

99.1\tPress release dated October 12, 2022

104\tCover Page Interactive Data File (embedded within the Inline XBRL document)

SIGNATURE
"""


def test_tab_cover_fields():
    f = extract_filing_facts(filing(TAB_COVER))
    assert f.form == "8-K"
    assert f.filer == "Northwind Biologics, Inc."  # mixed-case spelling preferred over the caps cover line
    assert f.date == "1999-03-03"
    assert f.items == ["5", "7"]
    assert f.exhibits == ["99.1"]  # 10.4 is incorporated by reference, not filed here
    assert f.jurisdiction == "Oregon"
    assert f.commission_file_number == "0-21234"
    assert f.irs_ein == "93-1234567"
    assert f.address == "410 Alder Street, Portland, Oregon 97204"
    assert f.phone == "(503) 555-0142"


def test_stacked_cover_fields():
    f = extract_filing_facts(filing(STACKED_COVER))
    assert (f.form, f.filer, f.date) == ("8-K", "Harbor Light Therapeutics Corp.", "2022-10-12")
    assert f.items == ["1.01", "9.01"]
    assert f.exhibits == ["99.1", "104"]
    assert (f.jurisdiction, f.commission_file_number, f.irs_ein) == ("Delaware", "001-39876", "84-7654321")
    assert f.address == "12 Wharf Road, Suite 300, Boston, Massachusetts 02110"
    assert f.phone == "(617) 555-0199"
    assert (f.ticker, f.exchange) == ("HLTX", "The Nasdaq Global Market")


def test_dei_facts_win_and_cik_is_padded():
    x = {"EntityRegistrantName": "Harbor Light Therapeutics Corp.", "EntityCentralIndexKey": "1234567",
         "DocumentType": "8-K", "DocumentPeriodEndDate": "October&#160;11, 2022", "EntityFileNumber": "001-11111"}
    f = extract_filing_facts(filing(STACKED_COVER, xbrl=x))
    assert f.cik == "0001234567"
    assert f.date == "2022-10-11"
    assert f.commission_file_number == "001-11111"


def test_sec_header_gives_form_cik_accession_and_exhibit_documents():
    header = SecHeader(accession_number="0000950123-99-000123", form_type="8-K", filed_date="1999-03-05",
                       filers=(FilerInfo(name="NORTHWIND BIOLOGICS INC", cik="0000912345"),))
    f = extract_filing_facts(filing(TAB_COVER, "Exhibit 99.1\nPress release text.", header=header,
                                    types=("8-K", "EX-99.1")))
    assert (f.form, f.cik, f.accession_number) == ("8-K", "0000912345", "0000950123-99-000123")
    assert f.exhibits == ["99.1"]


def test_press_release_dateline_and_issuer():
    text = ("FOR IMMEDIATE RELEASE\n\nNorthwind and Westmark Sign Pact\n\n"
            "PORTLAND, Ore., Feb. 9, 2015 -- Northwind Biologics, Inc. (Nasdaq: NWBI) today announced a licence.\n")
    f = extract_filing_facts(filing(text))
    assert (f.form, f.filer, f.date) == ("press release", "Northwind Biologics, Inc.", "2015-02-09")
    assert f.items == [] and f.exhibits == []


def test_exhibit_contract_with_source_footer():
    text = ("Exhibit 10.7\nSUPPLY AGREEMENT\nThis Supply Agreement is entered into as of July ___, 2018 by and "
            "between Alpha Widgets LLC (\"Supplier\") and Northwind Biologics, Inc. (\"Buyer\").\n\n"
            "Source: NORTHWIND BIOLOGICS INC, 10-Q, 8/14/2018\n")
    f = extract_filing_facts(filing(text))
    assert f.form == "EX-10.7" and f.exhibits == ["10.7"]
    assert f.filer == "Northwind Biologics, Inc."
    assert f.date == "2018-08-14"  # the contract's own date is blank, so the filing date of the footer


def test_exhibit_number_from_edgar_style_filename():
    text = "AMENDMENT NO. 1\nDated as of June 2, 2010\nThe parties amend the agreement as follows."
    f = extract_filing_facts(filing(text, filename="Acme_20100603_8-K_EX-10.2_123_EX-10.2_Amendment.txt"))
    assert (f.form, f.date, f.exhibits) == ("EX-10.2", "2010-06-02", ["10.2"])


def test_items_skip_not_applicable_lines():
    text = "Items 1 through 4 and 6 Not Applicable.\n\nItem 5. Other Events\n\nItems 2.01 and 9.01\n"
    assert parse_items_fallback(text) == ["5", "2.01", "9.01"]


def test_inline_exhibit_list():
    text = "Item 9.01 Financial Statements and Exhibits.\n\n(d) Exhibits: 3.1 Certificate of Amendment; 104 Cover Page Interactive Data File.\n\nSIGNATURE\n"
    assert parse_exhibits(text) == ["3.1", "104"]


@pytest.mark.parametrize(
    "name,text,expected",
    [
        ("NORTHWIND BIOLOGICS, INC.", "signed by Northwind Biologics, Inc. today", "Northwind Biologics, Inc."),
        ("ACME COM INC", "Acme.com, Inc. said", "Acme.com, Inc."),
        ("ZETA LTD", "no other spelling here", "ZETA LTD"),
        ("Zeta Ltd", "ZETA LTD", "Zeta Ltd"),
    ],
    ids=["caps-to-mixed", "punctuation-differs", "no-mixed-spelling", "already-mixed"],
)
def test_prefer_mixed_case(name, text, expected):
    assert prefer_mixed_case(name, text) == expected


def test_empty_filing_gives_empty_facts():
    f = extract_filing_facts(Filing(path="x", sha256="0", size=0, encoding="utf-8", fmt="text", documents=[]))
    assert f.form is None and f.filer is None and f.items == []


def test_value_and_caption_in_one_cell():
    text = STACKED_COVER.replace("Delaware\n\n001-39876\n\n84-7654321\n\n(State or other jurisdiction\n\nof incorporation)\n\n(Commission\n\nFile Number)\n\n(I.R.S. Employer\n\nIdentification No.)",
                                 "Delaware (State or other jurisdiction of incorporation)\t001-39876 (Commission File Number)\t84-7654321 (I.R.S. Employer Identification No.)")
    assert "Delaware (State" in text
    f = extract_filing_facts(filing(text))
    assert (f.jurisdiction, f.commission_file_number, f.irs_ein) == ("Delaware", "001-39876", "84-7654321")


ANNUAL_COVER = """UNITED STATES SECURITIES AND EXCHANGE COMMISSION
FORM 10-K
ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934
For the fiscal year ended June 30, 2018
Commission File Number: 001-35555

Pelican Devices Ltd.
(Exact name of registrant as specified in its charter)

Nevada\t88-0123456
(State or other jurisdiction of incorporation or organization)\t(I.R.S. Employer Identification No.)

900 Gulf Road, Tampa, Florida 33602
(Address of principal executive offices)

PART I

Item 1. Business
The Company was dated as of March 3, 1999 in its first charter.
"""


def test_annual_report_cover_period_and_inline_file_number():
    f = extract_filing_facts(filing(ANNUAL_COVER))
    assert (f.form, f.filer, f.date) == ("10-K", "Pelican Devices Ltd.", "2018-06-30")
    assert (f.commission_file_number, f.irs_ein, f.jurisdiction) == ("001-35555", "88-0123456", "Nevada")
    assert f.address == "900 Gulf Road, Tampa, Florida 33602"


def test_foreign_issuer_month_of_report():
    text = ("FORM 6-K\nREPORT OF FOREIGN PRIVATE ISSUER\nFor the month of May 2021\nCommission File Number 001-38888\n\n"
            "Aurora Biotech Ltd\n(Exact name of registrant as specified in its charter)\n\n1 Quay Street, Dublin 2, Ireland\n"
            "(Address of principal executive offices)\n")
    f = extract_filing_facts(filing(text))
    assert (f.form, f.date, f.commission_file_number) == ("6-K", "2021-05", "001-38888")


@pytest.mark.parametrize("line, name", [
    ("UNITED STATES SECURITIES AND EXCHANGE COMMISSION Washington, D.C. 20549 FORM 10-K Commission File Number 000-15006 "
     "HALDEN THERAPEUTICS, INC. (Exact name of registrant as specified in its charter) Delaware 13-3191702", "HALDEN THERAPEUTICS, INC."),
    ("FORM 10-Q For the quarterly period ended June 30, 2021 Oriel Bio Ltd. (Exact name of registrant as specified in its charter)", "Oriel Bio Ltd."),
    ("FORM 8-K Date of Report: May 3, 2004 Norwood Foods Corporation (Exact Name of Registrant as Specified in Charter)", "Norwood Foods Corporation"),
], ids=["caps", "mixed", "8-k"])
def test_cover_flattened_onto_one_line(line, name):
    assert extract_filing_facts(filing(line + "\n\nItem 8.01 Other Events\n\nNothing else.\n")).filer == name
