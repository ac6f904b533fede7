"""Property tests: every emitted character maps back to the source character it came from."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.document import Document
from kg.sources.html import html_to_text
from kg.sources.text import clean_plain_text

# Pieces of raw HTML text: words, references, whitespace of all kinds.
HTML_PIECES = st.sampled_from(
    ["Alpha", "b2", "Z", "&amp;", "&nbsp;", " ", "   ", "\n", "\t", "&#8220;", "x&#x201D;y", "&eacute;", "&lt;", "&#160;&#160;", "$5", "(Q)"]
)
TAGS = st.sampled_from(["p", "div", "span", "b", "li", "h2"])  # well-formed: the parser keeps each text node


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(TAGS, st.lists(HTML_PIECES, min_size=1, max_size=10)), min_size=1, max_size=6))
def test_html_offsets_exact(blocks):
    html = "<html><body>" + "".join(f"<{t}>{''.join(pieces)}</{t}>" for t, pieces in blocks) + "</body></html>"
    text, offsets, _ = html_to_text(html, base=0)
    doc = Document(text=text, offsets=offsets)
    for i, ch in enumerate(text):
        if ch.isascii() and ch.isalnum():
            assert html[doc.source_offset(i)] == ch, (i, text, html)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["fee ", "\\$", "\\%", "\\&", "\\_", "\\#", "5 ", "x", "\\", "\n", "<PAGE>", "q\\y"]), max_size=30))
def test_plain_text_offsets_exact(pieces):
    src = "".join(pieces)
    text, offsets = clean_plain_text(src, base=0)
    doc = Document(text=text, offsets=offsets)
    assert len(text) == len(src) - sum(src.count(e) for e in ("\\$", "\\%", "\\&", "\\_", "\\#"))
    for i, ch in enumerate(text):
        if ch != " ":
            assert src[doc.source_offset(i)] == ch


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.lists(HTML_PIECES, max_size=6), min_size=1, max_size=4), min_size=1, max_size=4))
def test_html_table_offsets_exact(rows):
    html = "<table>" + "".join("<tr>" + "".join(f"<td>{''.join(c)}</td>" for c in row) + "</tr>" for row in rows) + "</table>"
    text, offsets, _ = html_to_text(html)
    doc = Document(text=text, offsets=offsets)
    for i, ch in enumerate(text):
        if ch.isascii() and ch.isalnum():
            assert html[doc.source_offset(i)] == ch, (i, text, html)
