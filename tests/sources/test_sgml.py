"""Full-submission files: header fields, document split, skipped binaries, hostile names."""
from __future__ import annotations

from pathlib import Path

from kg.sources import parse_exhibit_numbers, parse_items, read_file

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"


def test_fixture_header():
    f = read_file(str(DATA / "submission_2006.txt"))
    assert f.fmt == "sgml" and f.encoding == "utf-8"
    h = f.header
    assert (h.accession_number, h.form_type, h.filed_date, h.period_of_report) == ("0009999999-06-000123", "8-K", "2006-03-15", "2006-03-10")
    assert h.items == ("1.01", "9.01")
    filer, subject = h.filers
    assert filer.role == "filer"
    assert filer.name == '"SMITH & JONES" <HOLDINGS> CO'  # quotes, ampersand, angle brackets intact
    assert filer.cik == "0000012345"  # padded to 10 digits
    assert (filer.sic, filer.irs_number, filer.state_of_incorporation, filer.fiscal_year_end) == ("2836", "123456789", "DE", "1231")
    assert filer.business_address == "10 MAIN STREET, SUITE 200, SPRINGFIELD, MA 01101"  # not the mail address
    assert (filer.business_phone, filer.file_number) == ("4135550100", "000-55555")
    assert subject.role == "subject-company"
    assert subject.name == "ÖSTERREICHISCHE ЛИЦЕНЗИЯ AG"  # non-Latin letters intact
    assert (subject.cik, subject.file_number, subject.business_address) == ("0000777777", "333-11111", None)


def test_fixture_documents_and_skipped_graphic():
    f = read_file(str(DATA / "submission_2006.txt"))
    assert [(d.doc_type, d.sequence, d.filename, d.description, d.media) for d in f.documents] == [
        ("8-K", 1, "form8k.txt", "CURRENT REPORT", "text"),
        ("EX-99.1", 2, "ex99-1.htm", "PRESS RELEASE", "html"),
    ]
    (skip,) = f.skipped
    assert (skip.doc_type, skip.sequence, skip.filename, skip.reason) == ("GRAPHIC", 3, "logo.gif", "uuencoded binary content")
    body, exhibit = f.documents
    assert "upfront fee of $2 million." in body.text and "<PAGE>" not in body.text
    assert parse_items(body.text) == ["1.01", "9.01"]
    assert parse_exhibit_numbers(body.text) == ["99.1"]
    assert exhibit.text == "Exhibit 99.1\n\nSmith & Jones\u2019 partner <\u00dcn\u00efcode> \u4e2d\u6587 pays $2 million.\n\nUpfront\t$2.0"
    assert f.primary is body


def test_offsets_into_decoded_file():
    f = read_file(str(DATA / "submission_2006.txt"))
    raw = (DATA / "submission_2006.txt").read_text(encoding="utf-8")
    for doc, word in [(f.documents[0], "upfront fee of"), (f.documents[0], "$2 million"), (f.documents[1], "partner"), (f.documents[1], "Upfront")]:
        i = doc.text.index(word)
        src = doc.source_offset(i)
        assert raw[src:].startswith(word), (word, raw[src : src + 20])


def _submission(docs: str, header_extra: str = "") -> str:
    return (
        "<SEC-DOCUMENT>0000000002-10-000002.txt : 20100105\n<SEC-HEADER>0000000002-10-000002.hdr.sgml : 20100105\n"
        "ACCESSION NUMBER:\t\t0000000002-10-000002\nCONFORMED SUBMISSION TYPE:\t8-K\nFILED AS OF DATE:\t\t20100105\n"
        + header_extra
        + "</SEC-HEADER>\n"
        + docs
        + "</SEC-DOCUMENT>\n"
    )


def test_data_documents_are_skipped(tmp_path):
    docs = (
        "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>f8k.htm\n<TEXT>\n<html><body><p>Item 8.01 Other Events</p></body></html>\n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>EX-101.INS\n<SEQUENCE>2\n<FILENAME>x-20100105.xml\n<TEXT>\n<XBRL>\n<?xml version='1.0'?><xbrl/>\n</XBRL>\n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>PDF\n<SEQUENCE>3\n<FILENAME>copy.pdf\n<TEXT>\n<PDF>\nbegin 644 copy.pdf\nM)5!$1BTQ+C0*\n`\nend\n</PDF>\n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>ZIP\n<SEQUENCE>4\n<FILENAME>Financial_Report.xlsx\n<TEXT>\nbegin 644 Financial_Report.xlsx\nM4$L#!!0````(\n`\nend\n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>JSON\n<SEQUENCE>5\n<FILENAME>MetaLinks.json\n<TEXT>\n{\"a\": 1}\n</TEXT>\n</DOCUMENT>\n"
    )
    p = tmp_path / "sub.txt"
    p.write_text(_submission(docs))
    f = read_file(str(p))
    assert [d.doc_type for d in f.documents] == ["8-K"]
    assert f.documents[0].text == "Item 8.01 Other Events"
    assert [(s.sequence, s.reason) for s in f.skipped] == [
        (2, "XBRL content, not text"),
        (3, "PDF content, not text"),
        (4, "uuencoded binary content"),
        (5, "JSON document is data, not text"),
    ]


def test_ims_header_and_pem_preamble(tmp_path):
    text = (
        "-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\nOriginator-Name: x@y\n\n"
        "<IMS-DOCUMENT>0000000003-95-000003.txt : 19950301\n<IMS-HEADER>0000000003-95-000003.hdr.sgml : 19950301\n"
        "ACCESSION NUMBER:\t\t0000000003-95-000003\nCONFORMED SUBMISSION TYPE:\t8-K\nFILED AS OF DATE:\t\t19950301\n"
        "ITEM INFORMATION:\t\tOther events\n\nFILER:\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tOLD FILER CORP\n"
        "\t\tCENTRAL INDEX KEY:\t\t\t0000000003\n</IMS-HEADER>\n"
        "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\nITEM 5. OTHER EVENTS\n\nA licence.\n</TEXT>\n</DOCUMENT>\n</IMS-DOCUMENT>\n"
        "-----END PRIVACY-ENHANCED MESSAGE-----\n"
    )
    p = tmp_path / "old.txt"
    p.write_text(text)
    f = read_file(str(p))
    assert (f.header.accession_number, f.header.filed_date, f.header.items) == ("0000000003-95-000003", "1995-03-01", ("5",))
    assert f.header.filers[0].name == "OLD FILER CORP"
    assert f.documents[0].text.startswith("ITEM 5. OTHER EVENTS")


def test_tagged_header(tmp_path):
    text = (
        "<SEC-DOCUMENT>\n<SEC-HEADER>\n<ACCESSION-NUMBER>0000000004-05-000004\n<TYPE>8-K\n<FILING-DATE>20050210\n"
        "<PERIOD>20050209\n<ITEMS>1.01\n<FILER>\n<COMPANY-DATA>\n<CONFORMED-NAME>TAGGED INC\n<CIK>0000000004\n"
        "<ASSIGNED-SIC>2834\n<STATE-OF-INCORPORATION>DE\n</COMPANY-DATA>\n</FILER>\n</SEC-HEADER>\n"
        "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\nItem 1.01 Entry into a Material Definitive Agreement\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )
    p = tmp_path / "tagged.nc"
    p.write_text(text)
    h = read_file(str(p)).header
    assert (h.accession_number, h.form_type, h.filed_date, h.period_of_report) == ("0000000004-05-000004", "8-K", "2005-02-10", "2005-02-09")
    assert h.items == ("1.01",)
    assert (h.filers[0].name, h.filers[0].cik, h.filers[0].sic, h.filers[0].state_of_incorporation) == ("TAGGED INC", "0000000004", "2834", "DE")


def test_crlf_submission(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(_submission("<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\nItem 8.01 Other Events\nSecond line\n</TEXT>\n</DOCUMENT>\n").replace("\n", "\r\n").encode())
    f = read_file(str(p))
    assert f.header.accession_number == "0000000002-10-000002"
    assert f.documents[0].text == "Item 8.01 Other Events\nSecond line\n"


def test_inline_xbrl_wrapped_in_xbrl_tags(tmp_path):
    # 2019+ dissemination files wrap iXBRL documents in <XBRL> inside <TEXT>
    ixbrl = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL">'
        '<body><div style="display:none"><ix:header><ix:hidden><ix:nonNumeric name="dei:EntityCentralIndexKey">0000000002</ix:nonNumeric>'
        '</ix:hidden></ix:header></div><p>FORM <ix:nonNumeric name="dei:DocumentType">8-K</ix:nonNumeric></p>'
        "<p>Item 1.01 Entry into a Material Definitive Agreement.</p></body></html>\n"
    )
    docs = (
        f"<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>acme-20200105.htm\n<TEXT>\n<XBRL>\n{ixbrl}</XBRL>\n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>EX-101.SCH\n<SEQUENCE>2\n<FILENAME>acme-20200105.xsd\n<TEXT>\n<XBRL>\n<?xml version='1.0'?><xs:schema/>\n</XBRL>\n</TEXT>\n</DOCUMENT>\n"
    )
    p = tmp_path / "modern.txt"
    p.write_text(_submission(docs))
    f = read_file(str(p))
    (doc,) = f.documents
    assert (doc.doc_type, doc.media, doc.xbrl) == ("8-K", "html", {"EntityCentralIndexKey": "0000000002", "DocumentType": "8-K"})
    assert doc.text == "FORM 8-K\n\nItem 1.01 Entry into a Material Definitive Agreement."
    raw = p.read_text()
    assert raw[doc.source_offset(doc.text.index("Item 1.01")) :].startswith("Item 1.01")
    assert [(s.sequence, s.reason) for s in f.skipped] == [(2, "XBRL content, not text")]


def test_lower_case_structure_tags(tmp_path):
    text = (
        "<document>\n<type>EX-10.1\n<sequence>3\n<filename>ex101.txt\n<text>\n"
        "LICENSE AGREEMENT between Alpha Corp. and Beta S.A.\n</text>\n</document>\n"
    )
    p = tmp_path / "lower.txt"
    p.write_text(text)
    f = read_file(str(p))
    (doc,) = f.documents
    assert (f.fmt, doc.doc_type, doc.sequence, doc.filename) == ("sgml", "EX-10.1", 3, "ex101.txt")
    assert doc.text == "LICENSE AGREEMENT between Alpha Corp. and Beta S.A.\n"
    assert text[doc.source_offset(0) :].startswith("LICENSE AGREEMENT")
