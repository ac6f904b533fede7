"""A 50 MB submission generated at test time is read in linear time and split correctly."""
from __future__ import annotations

import time

from kg.sources import discover, read_file

PLAIN = (
    "Item 1.01 Entry into a Material Definitive Agreement.\n"
    "On May 1 the registrant and a partner signed a license agreement; the partner pays \\$10 million upfront.\n"
)
HTML = "<p>The partner pays &#36;10&nbsp;million &amp; royalties.</p><table><tr><td>Upfront</td><td>$10</td></tr></table>\n"


def build(path, target: int = 50 * 1024 * 1024) -> int:
    header = (
        "<SEC-DOCUMENT>0000000009-24-000009.txt : 20240102\n<SEC-HEADER>0000000009-24-000009.hdr.sgml : 20240102\n"
        "ACCESSION NUMBER:\t\t0000000009-24-000009\nCONFORMED SUBMISSION TYPE:\t8-K\nFILED AS OF DATE:\t\t20240102\n</SEC-HEADER>\n"
    )
    n = 0
    size = 0
    with open(path, "w", encoding="ascii", newline="\r\n") as fh:  # CRLF like many EDGAR downloads
        fh.write(header)
        while size < target:
            n += 1
            html = n % 10 == 0
            body = ("<html><body>" + HTML * 2000 + "</body></html>") if html else PLAIN * 6000
            kind = "EX-99.%d" % n if n > 1 else "8-K"
            chunk = f"<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>{n}\n<FILENAME>d{n}.{'htm' if html else 'txt'}\n<TEXT>\n{body}</TEXT>\n</DOCUMENT>\n"
            fh.write(chunk)
            size += len(chunk)
        fh.write("</SEC-DOCUMENT>\n")
    return n


def test_fifty_megabytes(tmp_path):
    path = tmp_path / "huge.txt"
    n = build(path)
    assert path.stat().st_size >= 50 * 1024 * 1024
    start = time.perf_counter()
    assert discover([str(tmp_path)]).files == [str(path)]
    f = read_file(str(path))
    elapsed = time.perf_counter() - start
    assert len(f.documents) == n
    assert f.documents[0].doc_type == "8-K" and f.documents[-1].sequence == n
    assert "\r" not in f.documents[0].text and "\\$" not in f.documents[0].text
    html_doc = f.documents[9]
    assert html_doc.media == "html"
    assert html_doc.text.startswith("The partner pays $10 million & royalties.\n\nUpfront\t$10\n\n")
    assert f.header.accession_number == "0000000009-24-000009"
    assert elapsed < 300, f"reading 50 MB took {elapsed:.0f} s"
