"""Codec choice: UTF-8, UTF-16 BOM, cp1252, mixed UTF-8 + cp1252, declared charsets."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import SourceError
from kg.sources import read_file
from kg.sources.encoding import MIXED_CODEC, decode_bytes, sniff_binary

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"


def test_cp1252_smart_quotes_and_crlf():
    f = read_file(str(DATA / "cp1252_8k.txt"))
    assert f.encoding == "cp1252"
    text = f.documents[0].text
    assert "The \u201cLicensor\u201d grants a license \u2013 see Section 2." in text
    assert "Caf\u00e9 Br\u00fbl\u00e9e SA" in text
    assert "\r" not in text
    assert f.documents[0].doc_type == "8-K"


def test_mixed_utf8_and_cp1252():
    f = read_file(str(DATA / "mixed_utf8_cp1252.txt"))
    assert f.encoding == MIXED_CODEC == "utf-8+cp1252"
    assert "between Caf\u00e9 Alpha GmbH and \u201cBeta\u201d Inc." in f.documents[0].text
    assert f.documents[0].doc_type == "EX-10.1"


def test_utf16_with_bom():
    f = read_file(str(DATA / "utf16_release.txt"))
    assert f.encoding == "utf-16-le"
    assert f.documents[0].text == "PRESS RELEASE\nZ\u00fcrich-based Gamma AG licenses \u201cDelta\u201d to Epsilon.\n"


def test_utf16_big_endian_bom(tmp_path):
    p = tmp_path / "be.txt"
    p.write_bytes(b"\xfe\xff" + "FORM 6-K\n\u00c9tude SA\n".encode("utf-16-be"))
    f = read_file(str(p))
    assert (f.encoding, f.documents[0].doc_type) == ("utf-16-be", "6-K")
    assert "\u00c9tude SA" in f.documents[0].text


def test_utf8_bom_is_stripped(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfFORM 8-K\n")
    f = read_file(str(p))
    assert f.encoding == "utf-8-sig"
    assert f.documents[0].text.startswith("FORM 8-K")


def test_declared_charset_in_html(tmp_path):
    p = tmp_path / "page.htm"
    p.write_bytes(
        b'<html><head><meta charset="iso-8859-7"></head><body><p>'
        + "\u0391\u03b8\u03ae\u03bd\u03b1 \u0395\u03c4\u03b1\u03b9\u03c1\u03b5\u03af\u03b1 licence".encode("iso-8859-7")
        + b"</p></body></html>"
    )
    f = read_file(str(p))
    assert f.encoding == "iso8859-7"
    assert "\u0391\u03b8\u03ae\u03bd\u03b1 \u0395\u03c4\u03b1\u03b9\u03c1\u03b5\u03af\u03b1 licence" in f.documents[0].text


def test_c1_controls_in_utf8_are_cp1252_punctuation():
    # cp1252 text converted to UTF-8 as if it were latin-1 (U+0092 for an apostrophe)
    text, codec = decode_bytes("Licensee\u0092s rights".encode(), "x.txt")
    assert (text, codec) == ("Licensee\u2019s rights", "utf-8")


def test_latin1_last_resort_never_replaces():
    with pytest.raises(SourceError):
        decode_bytes(b"abc \x81\x8d\x8f\x90\x9d" * 50 + bytes(range(0x80, 0xA0)) * 20, "x.txt")


@pytest.mark.parametrize("head, what", [(b"%PDF-1.4", "PDF"), (b"GIF89a..", "GIF"), (b"\xff\xd8\xff\xe0", "JPEG"), (b"plain\x00text", "NUL")])
def test_sniff_binary(head, what):
    assert what in sniff_binary(head)


def test_sniff_binary_accepts_text_and_utf16():
    assert sniff_binary(b"FORM 8-K\n") is None
    assert sniff_binary("FORM 8-K licence text".encode("utf-16-le")) is None
