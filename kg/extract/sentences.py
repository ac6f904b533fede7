"""Sentence spans over a document's text, and Evidence built from them.

Every fact carries ``lic:Evidence``: the quoted sentence and its offsets.
Sentence boundaries: ". ", "? ", "! " followed by a capital or quote, and
blank lines / line breaks between blocks; abbreviations common in filings
("Inc.", "Corp.", "Co.", "No.", "U.S.", "Ph.D.", initials) do not end a sentence.
"""
from __future__ import annotations

import re

from kg.facts import Evidence

__all__ = ["sentence_spans", "make_evidence", "MAX_QUOTE_WORDS"]

MAX_QUOTE_WORDS = 60

# Abbreviations that end with a period but not a sentence (company forms, titles, initials).
_ABBREV = re.compile(
    r"(?:\b(?:Inc|Corp|Co|Ltd|No|Nos|Mr|Mrs|Ms|Dr|Jr|Sr|St|Ph\.D|M\.D|U\.S|U\.K|S\.A|N\.V|B\.V|L\.P|L\.L\.C|Mass|Calif|vs|approx|Sec|Art|et al|e\.g|i\.e|Vol)|\b[A-Z])\.$"
)
_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9$])|\n\s*\n|\n(?=\s*[A-Z(\u2022\-*])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() + 1 if text[m.start()] in ".!?" else m.start()
        if text[m.start()] == "." and _ABBREV.search(text[max(start, m.start() - 12): m.start() + 1]):
            continue
        _push(text, start, end, spans)
        start = m.end()
    _push(text, start, len(text), spans)
    return spans


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    s, e = start + lead, start + len(seg.rstrip())
    if e > s:
        spans.append((s, e))


def make_evidence(document: int, text: str, start: int, end: int) -> Evidence:
    """Evidence for text[start:end], the quote whitespace-collapsed and cut to MAX_QUOTE_WORDS."""
    words = text[start:end].split()
    quote = " ".join(words[:MAX_QUOTE_WORDS])
    return Evidence(document=document, start=start, end=end, quote=quote)
