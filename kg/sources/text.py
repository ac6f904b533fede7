"""Plain-text documents: old 8-Ks, press releases, CUAD EX-10 contracts, 10-K excerpts.

The text is kept as it is (``lic:Document`` text), with two cleanups:

* escaping artefacts of Markdown/LaTeX conversions are undone: ``\\$`` ``\\%``
  ``\\&`` ``\\_`` ``\\#`` become ``$ % & _ #`` (the offset map records each
  removed backslash);
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


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def clean_plain_text(text: str, base: int = 0) -> tuple[str, list[tuple[int, int]]]:
    """Clean ``text`` (found at ``base`` in the decoded file); return it with its offset map.

    The map holds ``(text_offset, source_offset)`` pairs as
    :class:`kg.document.Document` expects (first pair ``(0, base)``).
    """
    text = _EDGAR_TAGS.sub(_blank, text)
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
