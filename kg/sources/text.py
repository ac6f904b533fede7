"""Plain-text documents: old 8-Ks, press releases, CUAD EX-10 contracts, 10-K excerpts.

The text is kept as it is (``lic:Document`` text), with two cleanups:

* escaping artefacts of Markdown/LaTeX conversions are undone: ``\\$`` ``\\%``
  ``\\&`` ``\\_`` ``\\#`` become ``$ % & _ #`` (the offset map records each
  removed backslash);
* Markdown markup of converted filings (headings ``#``, emphasis ``**``/``*``/``__``,
  page-break markers such as ``{16}-----``) is blanked with spaces of the same
  length: a heading line reads as a short line of its own, and offsets do not move;
* EDGAR's ASCII-filing markup (``<PAGE>``, ``<TABLE>``, ``<CAPTION>``, ``<S>``,
  ``<C>``, ``<FN>``; EDGAR Filer Manual vol. II, 5.2.2) is blanked with spaces
  of the same length, so sentences that run across a page break read on and
  offsets do not move.

Line ends are already LF: files are decoded with universal newlines.
"""
from __future__ import annotations

import re

__all__ = ["clean_plain_text"]

# Backslash escapes left by Markdown/LaTeX exports of filings ("\$3 million").
_ESCAPE = re.compile(r"\\([$%&_#])")

# EDGAR ASCII document markup: page breaks, and the table tags of pre-2001
# text filings (<TABLE> <CAPTION> <S> <C> <FN>), alone or with a page number.
_EDGAR_TAGS = re.compile(r"</?(?:PAGE|TABLE|CAPTION|S|C|FN|F\d{1,2})>", re.IGNORECASE)


# Markdown from PDF/HTML converters: a heading's leading hashes ("#### Genentech Agreement"),
# paired emphasis ("**Kiniksa Pharmaceuticals, Ltd.**", "*Out-Licensing Agreements*"), and the
# page-break lines some converters insert ("{16}------------------------------------------------").
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t]|$)", re.M)
_MD_PAGE = re.compile(r"^\{\d{1,4}\}-{5,}[ \t]*$", re.M)
_MD_STRONG = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)([^\n*]{1,300}?)(?<=\S)\1(?![\w*])")
_MD_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])([^\n*]{1,300}?)(?<=[^\s*])\*(?![\w*])")


def _unmark(m: re.Match[str]) -> str:
    """Emphasis markers become spaces; the emphasised text stays where it was."""
    mark = m.group(1) if m.re is _MD_STRONG else "*"
    inner = m.group(2) if m.re is _MD_STRONG else m.group(1)
    return " " * len(mark) + inner + " " * len(mark)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def clean_plain_text(text: str, base: int = 0) -> tuple[str, list[tuple[int, int]]]:
    """Clean ``text`` (found at ``base`` in the decoded file); return it with its offset map.

    The map holds ``(text_offset, source_offset)`` pairs as
    :class:`kg.document.Document` expects (first pair ``(0, base)``).
    """
    text = _EDGAR_TAGS.sub(_blank, text)
    if "#" in text or "*" in text or "__" in text or "}---" in text:
        text = _MD_PAGE.sub(_blank, _MD_HEADING.sub(_blank, text))
        text = _MD_EM.sub(_unmark, _MD_STRONG.sub(_unmark, text))
    offsets: list[tuple[int, int]] = [(0, base)]
    if "\\" not in text:
        return text, offsets
    pieces: list[str] = []
    last = 0
    removed = 0
    for m in _ESCAPE.finditer(text):
        pieces.append(text[last : m.start()])
        last = m.start() + 1  # drop the backslash, keep the character
        removed += 1
        offsets.append((m.start() + 1 - removed, base + m.start() + 1))
    pieces.append(text[last:])
    return "".join(pieces), offsets
