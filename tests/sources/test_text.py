"""Plain-text documents: unescaping, EDGAR page tags, types, hostile names, offsets."""
from __future__ import annotations

from kg.document import Document
from kg.sources import read_file
from kg.sources.text import clean_plain_text


def test_unescape_and_offsets():
    src = "Upfront fee of \\$3 million, 5\\% royalty, R\\&D and snake\\_case \\# 4."
    text, offsets = clean_plain_text(src, base=10)
    assert text == "Upfront fee of $3 million, 5% royalty, R&D and snake_case # 4."
    doc = Document(text=text, offsets=offsets)
    for word in ("$3 million", "% royalty", "&D", "_case", "# 4.", "Upfront"):
        assert src[doc.source_offset(text.index(word)) - 10 :].startswith(word), word


def test_edgar_page_tags_blanked_same_length():
    src = "end of page one\n<PAGE>   2\ncontinues here\n<TABLE>\n<S>   <C>\nrow\n</TABLE>\n"
    text, offsets = clean_plain_text(src)
    assert len(text) == len(src) and offsets == [(0, 0)]
    assert "<" not in text and "continues here" in text and text.index("row") == src.index("row")


def test_plain_text_file(tmp_path):
    p = tmp_path / "release.txt"
    p.write_text("  \n\"Ω&Ψ\" <Holdings> 株式会社 and Société Générale & Cie sign a licence.\r\nFee: \\$5 million.\r\n", encoding="utf-8")
    f = read_file(str(p))
    assert (f.fmt, f.encoding, f.size) == ("text", "utf-8", p.stat().st_size)
    doc = f.documents[0]
    assert doc.text == '  \n"Ω&Ψ" <Holdings> 株式会社 and Société Générale & Cie sign a licence.\nFee: $5 million.\n'
    assert (doc.doc_type, doc.sequence, doc.filename, doc.media) == (None, 1, "release.txt", "text")
    raw = p.read_text(encoding="utf-8").replace("\r\n", "\n")
    i = doc.text.index("$5 million")
    assert raw[doc.source_offset(i) :].startswith("$5 million")


def test_plain_text_type_from_heading_then_filename(tmp_path):
    p = tmp_path / "Acme_20200101_S-1_EX-10.7_123_EX-10.7_License Agreement.txt"
    p.write_text("LICENSE AGREEMENT\n\nThis agreement is made between Acme and Beta.\n")
    assert read_file(str(p)).documents[0].doc_type == "EX-10.7"
    q = tmp_path / "notes.txt"
    q.write_text("SECURITIES AND EXCHANGE COMMISSION\nFORM 6-K\nREPORT OF FOREIGN PRIVATE ISSUER\n")
    assert read_file(str(q)).documents[0].doc_type == "6-K"
