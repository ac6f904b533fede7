"""HTML / iXBRL to text: block structure, entities, hidden content, dei facts, offsets, depth."""
from __future__ import annotations

import re
from pathlib import Path

from kg.sources import read_file
from kg.sources.html import html_to_text, looks_like_html

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"


def test_ixbrl_fixture_facts_and_text():
    f = read_file(str(DATA / "ixbrl_cover.htm"))
    doc = f.documents[0]
    assert (f.fmt, doc.media, doc.doc_type, doc.sequence, doc.filename) == ("html", "html", "8-K", 1, "ixbrl_cover.htm")
    assert doc.xbrl == {
        "EntityCentralIndexKey": "0000012345",
        "AmendmentFlag": "false",
        "DocumentType": "8-K",
        "EntityRegistrantName": "Example Therapeutics, Inc.",
        "EntityIncorporationStateCountryCode": "Delaware",
        "EntityFileNumber": "001-99999",
        "EntityTaxIdentificationNumber": "12-3456789",
        "TradingSymbol": "EXTX",  # first value wins over the later EXTXW
        "SecurityExchangeName": "NASDAQ",
    }
    assert "never text" not in doc.text  # <script>
    assert "hidden resource text" not in doc.text  # ix:header
    assert "0000012345" not in doc.text
    assert doc.text.startswith("FORM 8-K\n\nExample Therapeutics, Inc.\n\nDelaware\t001-99999\t12-3456789\n(State)\t(File Number)\t(IRS Number)")
    assert "Item 1.01\nEntry into a Material Definitive Agreement." in doc.text


def test_block_structure_cells_and_whitespace():
    text, _, _ = html_to_text(
        "<body><h1>Title</h1><p>one   two\n three</p><div>d1</div><div>d2</div>"
        "<ul><li>x</li><li>y</li></ul><table><tr><td>a</td><td></td><td> b </td></tr><tr><th>c</th><td>d</td></tr></table>"
        "<p>line<br>break</p><pre>keep   this\n  indent</pre></body>"
    )
    assert text == "Title\n\none two three\n\nd1\nd2\n\nx\ny\n\na\tb\nc\td\n\nline\nbreak\n\nkeep   this\n  indent"


def test_entities_decoded():
    text, _, _ = html_to_text("<p>Smith&nbsp;&amp;&nbsp;Jones&#8217; &#x201C;Deal&#x201D; &eacute;t&eacute; &lt;tag&gt; &#36;5</p>")
    assert text == "Smith & Jones\u2019 \u201cDeal\u201d \u00e9t\u00e9 <tag> $5"


def test_script_style_head_dropped():
    text, _, _ = html_to_text(
        "<html><head><title>T</title><style>.x{}</style><script>alert('x')</script></head>"
        "<body><p>Visible</p><script>var secret = 1;</script><style>p{}</style><noscript>no</noscript>"
        "<span style='display: none'>gone</span><div hidden>also gone</div></body></html>"
    )
    assert text == "Visible"


def test_deep_nesting_does_not_recurse():
    depth = 5000
    html = "<html><body>" + "<div><span>" * depth + "deep text" + "</span></div>" * depth + "<p>after</p></body></html>"
    text, offsets, _ = html_to_text(html)
    assert text == "deep text\n\nafter"
    assert html[offsets[0][1] :].startswith("deep text")


def test_offsets_point_at_source_words():
    html = "<p>Alpha &amp; Beta\n     agree</p><table><tr><td>&#8220;Gamma&#8221;</td><td>pays   $5</td></tr></table>"
    text, offsets, _ = html_to_text(html, base=100)
    from kg.document import Document

    doc = Document(text=text, offsets=offsets)
    for m in re.finditer(r"[A-Za-z$][A-Za-z0-9]+", text):
        assert html[doc.source_offset(m.start()) - 100 :].startswith(m.group(0)), m.group(0)


def test_hostile_text_intact():
    text, _, _ = html_to_text("<p>&quot;Ω&Ψ&quot; &lt;Holdings&gt; 株式会社 — Société Générale &amp; Cie</p>")
    assert text == '"Ω&Ψ" <Holdings> 株式会社 — Société Générale & Cie'


def test_looks_like_html():
    assert looks_like_html("<HTML><BODY>x</BODY></HTML>")
    assert looks_like_html("<P>one</P><P>two</P>")
    assert not looks_like_html("<PAGE>\n<TABLE>\n<S>  <C>\nplain text 8-K\n</TABLE>")
    assert not looks_like_html("The price was < 5 and > 3.")


def test_filename_gives_type_without_dei(tmp_path):
    p = tmp_path / "d123456dex101.htm"
    p.write_text("<html><body><p>LICENSE AGREEMENT</p><p>between A and B</p></body></html>")
    assert read_file(str(p)).documents[0].doc_type == "EX-10.1"
    q = tmp_path / "page.htm"
    q.write_text("<html><body><p>nothing to say about types</p></body></html>")
    assert read_file(str(q)).documents[0].doc_type is None


def test_data_rows_stay_on_one_line_layout_rows_keep_breaks():
    html = (
        "<table><tr><td><p>Whole page in one cell.</p><p>Second paragraph<br>with a break.</p></td><td> </td></tr></table>"
        "<table><tr><td>Delaware<br>(State)</td><td></td><td><p>0-1234</p><p>(File Number)</p></td></tr>"
        "<tr><td><p>Item 1.01</p></td><td><div>Entry into a</div><div>Material Definitive Agreement</div></td></tr></table>"
    )
    text, _, _ = html_to_text(html)
    assert text == (
        "Whole page in one cell.\n\nSecond paragraph\nwith a break.\n\n"
        "Delaware (State)\t0-1234 (File Number)\nItem 1.01\tEntry into a Material Definitive Agreement"
    )


def test_deeply_nested_tables():
    depth = 3000
    text, _, _ = html_to_text("<table><tr><td>" * depth + "inner" + "</td></tr></table>" * depth)
    assert text == "inner"
