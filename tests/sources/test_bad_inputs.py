"""One test per bad input: each raises SourceError with a one-line message naming the file."""
from __future__ import annotations

import os
import random
import zlib
from pathlib import Path

import pytest

from kg.errors import SourceError
from kg.sources import read_file

HEADER = """<SEC-DOCUMENT>0000000001-01-000001.txt : 20010102
<SEC-HEADER>0000000001-01-000001.hdr.sgml : 20010102
ACCESSION NUMBER:\t\t0000000001-01-000001
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t2
FILED AS OF DATE:\t\t20010102

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tTEST CO
\t\tCENTRAL INDEX KEY:\t\t\t0000000001
</SEC-HEADER>
"""
DOC = "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\nItem 5. Other Events.\nThe company signed a licence.\n</TEXT>\n</DOCUMENT>\n"


def expect_error(path: Path, *fragments: str, **kwargs) -> SourceError:
    with pytest.raises(SourceError) as info:
        read_file(str(path), **kwargs)
    err = info.value
    line = err.one_line()
    assert "\n" not in line
    assert err.path == str(path)
    assert line.startswith(str(path))
    for fragment in fragments:
        assert fragment in line, line
    return err


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return p


def test_empty_file(tmp_path):
    expect_error(write(tmp_path, "empty.txt", b""), "empty file")


def test_whitespace_only_file(tmp_path):
    expect_error(write(tmp_path, "blank.htm", b" \r\n\t\n"), "empty file")


@pytest.mark.parametrize(
    "data, what",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00" + zlib.compress(b"x" * 100), "GZIP"),
        (b"Licence text\x00\x00\x01\x02 with NUL bytes\x00", "NUL"),
    ],
    ids=["pdf", "png", "zip", "gzip", "nul"],
)
def test_binary_content(tmp_path, data, what):
    # the extension says filing, the bytes say otherwise
    expect_error(write(tmp_path, "exhibit99.htm", data), "binary file", what)


def test_truncated_inside_text(tmp_path):
    cut = HEADER + DOC + "<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<TEXT>\nPress release that stops mid-sen"
    expect_error(write(tmp_path, "cut.txt", cut), "truncated", "<TEXT>", "document 2")


def test_truncated_after_text(tmp_path):
    cut = HEADER + DOC + "<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<TEXT>\nWhole text.\n</TEXT>\n"
    expect_error(write(tmp_path, "cut2.txt", cut), "truncated", "</DOCUMENT>")


def test_truncated_inside_header(tmp_path):
    expect_error(write(tmp_path, "cut3.txt", HEADER.split("FILER:")[0]), "truncated", "</SEC-HEADER>")


def test_truncated_between_documents(tmp_path):
    # header announces 2 documents, the file ends cleanly after the first
    expect_error(write(tmp_path, "cut4.txt", HEADER + DOC), "truncated", "announces 2")


def test_header_without_documents(tmp_path):
    expect_error(write(tmp_path, "hdr.txt", HEADER + "</SEC-DOCUMENT>\n"), "no <DOCUMENT>")


def test_documents_without_text(tmp_path):
    docs = (
        "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\n   \n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<TEXT>\n<html><body><p>&nbsp;</p></body></html>\n</TEXT>\n</DOCUMENT>\n"
    )
    err = expect_error(write(tmp_path, "notext.txt", HEADER + docs + "</SEC-DOCUMENT>\n"), "no readable documents")
    assert "8-K #1: empty <TEXT> body" in str(err)
    assert "EX-99.1 #2: no readable text" in str(err)


def test_only_binary_documents(tmp_path):
    docs = "<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>1\n<FILENAME>logo.jpg\n<TEXT>\nbegin 644 logo.jpg\nM_]C_X``02D9)1@`!`0$`2`!(``#_VP!#``,\"`@,\"`@,#`P,$`P,$!0@%!00$\n`\nend\n</TEXT>\n</DOCUMENT>\n"
    expect_error(write(tmp_path, "pics.txt", HEADER + docs + "</SEC-DOCUMENT>\n"), "no readable documents", "uuencoded")


def test_html_without_text(tmp_path):
    page = "<html><head><title>Only a title</title><script>var a = 1;</script></head><body><div style='display:none'>hidden</div></body></html>"
    expect_error(write(tmp_path, "blank.htm", page), "no readable text")


def test_undecodable_bytes(tmp_path):
    rng = random.Random(7)
    # high bytes including the five that cp1252 leaves undefined: no codec yields clean text
    noise = bytes(rng.choice([0x81, 0x8D, 0x8F, 0x90, 0x9D, *range(0x80, 0x100)]) for _ in range(4000))
    expect_error(write(tmp_path, "noise.txt", b"FORM 8-K\n" + noise), "undecodable")


def test_control_characters_in_utf8(tmp_path):
    expect_error(write(tmp_path, "ctl.txt", "Item 8.01 \x01\x02\x03 Other Events\n".encode()), "undecodable", "control")


def test_missing_file(tmp_path):
    expect_error(tmp_path / "nope.txt", "no such file")


def test_directory_is_not_a_file(tmp_path):
    (tmp_path / "d.txt").mkdir()
    expect_error(tmp_path / "d.txt", "directory")


def test_max_bytes(tmp_path):
    expect_error(write(tmp_path, "big.txt", "FORM 8-K\n" + "x" * 5000), "over the limit of 1000 bytes", max_bytes=1000)
    assert read_file(str(tmp_path / "big.txt"), max_bytes=100_000).size == 5009


def test_unreadable_file(tmp_path):
    p = write(tmp_path, "secret.txt", "FORM 8-K\nItem 8.01 Other Events\n")
    os.chmod(p, 0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as root: permission bits do not stop reads (see test_discover for the walk case)")
        expect_error(p, "permission denied")
    finally:
        os.chmod(p, 0o644)
