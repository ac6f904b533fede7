"""The readers on the shared corpus: every format, header fields, dei facts, encodings."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.sources import discover, parse_exhibit_numbers, parse_items, read_file

# ../shared/corpus next to the repository, or DEALGRAPH_CORPUS
CORPUS = Path(os.environ.get("DEALGRAPH_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus"))
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")


def one(pattern: str) -> str:
    hits = sorted(CORPUS.glob(pattern))
    assert len(hits) == 1, (pattern, hits)
    return str(hits[0])


def test_discover_corpus_keeps_only_filings():
    d = discover([str(CORPUS)])
    assert len(d.files) == 19
    assert all(Path(f).suffix.lower() in {".txt", ".htm", ".html"} for f in d.files)
    reasons = dict(d.skipped)
    assert reasons[one("real/aapl-2024-02-01-8k/source.json")] == "not a filing file"
    assert reasons[one("synthetic/README.md")] == "not a filing file"
    assert d.files == sorted(d.files)


@pytest.mark.parametrize(
    "pattern, accession, cik, name, filed, period, items",
    [
        ("real/aapl-2000-01-21-8k/*.txt", "0000912057-00-002128", "0000320193", "APPLE COMPUTER INC", "2000-01-24", "2000-01-19", ()),
        ("real/amzn-1998-08-27-8k/*.txt", "0000891020-98-001352", "0001018724", "AMAZON COM INC", "1998-08-27", "1998-08-12", ()),
        ("synthetic/synth-isis-lilly-2001-8k/*.txt", "0000912057-01-530761", "0000874015", "ISIS PHARMACEUTICALS INC", "2001-08-30", "2001-08-22", ("5", "7")),
        ("synthetic/synth-regn-astellas-2007-8k/*.txt", "0001206774-07-000862", "0000872589", "REGENERON PHARMACEUTICALS INC", "2007-04-03", "2007-03-30", ("1.01", "9.01")),
    ],
    ids=["aapl-2000", "amzn-1998", "isis-2001", "regn-2007"],
)
def test_submission_headers(pattern, accession, cik, name, filed, period, items):
    f = read_file(one(pattern))
    assert f.fmt == "sgml"
    assert f.header.accession_number == accession
    assert f.header.form_type == "8-K"
    assert f.header.filed_date == filed
    assert f.header.period_of_report == period
    assert f.header.items == items
    filer = f.header.filers[0]
    assert (filer.role, filer.cik, filer.name) == ("filer", cik, name)
    assert [(d.doc_type, d.sequence) for d in f.documents][0] == ("8-K", 1)
    assert f.primary.doc_type == "8-K"


def test_aapl_2000_documents_and_filer_details():
    f = read_file(one("real/aapl-2000-01-21-8k/*.txt"))
    assert [(d.doc_type, d.sequence, d.description) for d in f.documents] == [("8-K", 1, "8-K"), ("EX-99.1", 2, "EXHIBIT 99.1")]
    filer = f.header.filers[0]
    assert filer.sic == "3571"
    assert filer.irs_number == "942404110"
    assert filer.state_of_incorporation == "CA"
    assert filer.fiscal_year_end == "0930"
    assert filer.business_address == "1 INFINITE LOOP, CUPERTINO, CA 95014"
    assert filer.business_phone == "4089961010"
    assert filer.file_number == "000-10030"
    body = f.documents[0].text
    assert "<PAGE>" not in body and "Item 5." in body
    assert parse_items(body) == ["5", "7"]
    assert parse_exhibit_numbers(body) == ["99.1"]


def test_amzn_1998_old_text_tables_and_exhibit_index():
    f = read_file(one("real/amzn-1998-08-27-8k/*.txt"))
    assert [d.doc_type for d in f.documents] == ["8-K", "EX-23.1"]
    body = f.documents[0].text
    assert "<TABLE>" not in body and "<S>" not in body
    assert parse_items(body)[:2] == ["2", "7"]
    assert parse_exhibit_numbers(body)[0] == "2.1"
    # source offsets point into the decoded file text
    raw = Path(f.path).read_text(encoding="ascii")
    i = body.index("ITEM 2.")
    assert raw[f.documents[0].source_offset(i) :].startswith("ITEM 2.")


def test_aapl_2024_ixbrl_cover_facts():
    f = read_file(one("real/aapl-2024-02-01-8k/aapl-20240201.htm"))
    assert (f.fmt, f.encoding) == ("html", "utf-8")
    doc = f.documents[0]
    assert doc.doc_type == "8-K"
    x = doc.xbrl
    assert x["EntityCentralIndexKey"] == "0000320193"
    assert x["EntityRegistrantName"] == "Apple Inc."
    assert x["DocumentType"] == "8-K"
    assert x["TradingSymbol"] == "AAPL"
    assert x["SecurityExchangeName"] == "The Nasdaq Stock Market LLC"  # first of nine wins
    assert x["EntityIncorporationStateCountryCode"] == "California"
    assert x["EntityFileNumber"] == "001-36743"
    assert x["EntityTaxIdentificationNumber"] == "94-2404110"
    assert (x["CityAreaCode"], x["LocalPhoneNumber"]) == ("408", "996-1010")
    assert x["DocumentPeriodEndDate"] == "February 1, 2024"
    # hidden ix:header content is not text; the visible cover is
    assert "0000320193" not in doc.text
    assert "Apple Inc.\n(Exact name of Registrant" in doc.text
    assert "California\t001-36743\t94-2404110" in doc.text
    assert parse_items(doc.text) == ["2.02", "9.01"]


def test_biib_2023_ixbrl_cover_facts_and_offsets():
    f = read_file(one("real/biib-2023-07-28-8k/primary.html"))
    doc = f.documents[0]
    assert doc.doc_type == "8-K"
    assert doc.xbrl["EntityCentralIndexKey"] == "0000875045"
    assert doc.xbrl["EntityRegistrantName"] == "BIOGEN INC."
    assert doc.xbrl["TradingSymbol"] == "BIIB"
    assert doc.xbrl["EntityAddressPostalZipCode"] == "02142"
    assert doc.xbrl["CurrentFiscalYearEndDate"] == "--12-31"
    assert "1.01" in parse_items(doc.text)
    assert "bazadebezolkohpepadr" not in doc.text  # <script> in <head>
    raw = Path(f.path).read_text(encoding="utf-8")
    i = doc.text.index("Agreement and Plan of Merger")
    assert raw[doc.source_offset(i) :].startswith("Agreement and Plan of Merger")


def test_alny_bare_document_wrapper_html():
    f = read_file(one("real/alny-2023-07-24-ex99/*.htm"))
    assert f.fmt == "sgml" and f.header is None
    (doc,) = f.documents
    assert (doc.doc_type, doc.sequence, doc.filename, doc.media) == ("EX-99.1", 2, "d448801dex991.htm", "html")
    assert doc.text.startswith("Exhibit 99.1")
    assert "&nbsp;" not in doc.text and "<P" not in doc.text


@pytest.mark.parametrize(
    "pattern, doc_type",
    [
        ("real/glu-2006-03-27-ex10/*.txt", "EX-10.09"),
        ("real/hertz-2019-09-20-ex10/*.txt", "EX-10.8"),
        ("real/leju-2014-01-21-ex10/*.txt", "EX-10.26"),
        ("seed/imgn-2000-05-08-8k/*.txt", "8-K"),
        ("synthetic/synth-medgenics-2014-10k/*.txt", "10-K"),
        ("synthetic/synth-srne-servier-2016-pr/*.txt", None),
        ("synthetic/synth-rgnx-abbv-2021-8k/*.htm", "8-K"),
    ],
    ids=["glu", "hertz", "leju", "seed", "medgenics", "srne", "rgnx"],
)
def test_single_document_types(pattern, doc_type):
    f = read_file(one(pattern))
    assert f.documents[0].doc_type == doc_type
    assert f.encoding == "utf-8"


def test_seed_unescapes_dollar_signs_and_keeps_offsets():
    f = read_file(one("seed/imgn-2000-05-08-8k/*.txt"))
    doc = f.documents[0]
    assert "\\$" not in doc.text
    i = doc.text.index("$40 million")
    raw = Path(f.path).read_text(encoding="utf-8")
    assert raw[doc.source_offset(i) :].startswith("$40 million")
    assert raw[doc.source_offset(i) - 1] == "\\"
    assert parse_items(doc.text) == ["5", "7"]
    assert parse_exhibit_numbers(doc.text) == ["99.1"]


def test_every_corpus_filing_reads_and_hashes():
    import hashlib

    for path in discover([str(CORPUS)]).files:
        f = read_file(path)
        assert f.sha256 == hashlib.sha256(Path(path).read_bytes()).hexdigest()
        assert f.size == Path(path).stat().st_size
        assert f.documents and all(d.text.strip() for d in f.documents)


def test_cuad_contracts_read_as_text():
    cuad = CORPUS.parent / "eval" / "cuad"
    if not cuad.is_dir():
        pytest.skip(f"CUAD set not found at {cuad}")
    found = discover([str(cuad)])
    assert len(found.files) == 60
    for path in found.files:
        f = read_file(path)
        assert (f.fmt, len(f.documents)) == ("text", 1)
        doc = f.documents[0]
        assert len(doc.text) > 1000
        assert doc.doc_type is None or doc.doc_type.startswith("EX-"), (path, doc.doc_type)
