"""Sentence spans over a document's text, and Evidence built from them.

Every fact carries ``lic:Evidence``: the quoted sentence and its offsets.
Blocks are separated by blank lines; inside a block a line break ends a
sentence only when the line ends a sentence (". ", "?", "!"), is a short
heading-like line, or the next line starts a list item -- so the hard-wrapped
paragraphs of plain-text EDGAR filings ("Samsung Electronics\\nCo., Ltd.")
stay one sentence.  Inside a line, ". ", "? ", "! " before a capital, digit,
quote or "$" end a sentence unless the word before is an abbreviation common
in filings ("Inc.", "Corp.", "Co.", "No.", "U.S.", "Ph.D.", initials).
"""
from __future__ import annotations

import re

from kg.facts import Evidence

__all__ = ["sentence_spans", "paragraph_spans", "contract_clauses", "make_evidence", "MAX_QUOTE_WORDS"]

MAX_QUOTE_WORDS = 60

# Abbreviations that end with a period but not a sentence (company forms, titles, initials,
# US state abbreviations of press-release datelines such as "CARLSBAD, Calif.").
_ABBREV = re.compile(
    r"(?:\b(?:Inc|Corp|Co|Ltd|No|Nos|Mr|Mrs|Ms|Dr|Jr|Sr|St|Ph\.D|M\.D|U\.S|U\.K|S\.A|N\.V|B\.V|L\.P|L\.L\.C"
    r"|Mass|Calif|Ill|Md|Conn|Penn|Wash|Mich|Minn|Fla|Ga|Tex|Colo|Ariz|Va|N\.J|N\.Y|N\.C|D\.C"
    r"|vs|approx|Sec|Art|et al|e\.g|i\.e|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Ave|Blvd"
    r"|Rs|SFr|Sfr|Fr|kr|Kr|DKr|SKr|NKr)|\b[A-Z])\.$"  # currency abbreviations before an amount ("Rs. 4.5 crore", "SFr. 2 million")
)
# a company's legal form ends a sentence when the next word can only open one ("... with Quell Bio, Inc. If Quell ...")
_COMPANY_END = re.compile(r"\b(?:Inc|Corp|Co|Ltd|L\.P|L\.L\.C|N\.V|B\.V|S\.A)\.$")
_STARTER = re.compile(r"(?:If|The|This|These|That|Under|Pursuant|In|On|As|We|Our|It|Its|Each|Both|Upon|Following|After|Before|Such"
                      r"|There|Neither|Either|Subject|Additionally|Also|However|Further|Furthermore|Moreover)\b")
_INLINE = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9$€£])")
_LIST_START = re.compile(r"^\s*(?:--|[-\u2022*\u25cf\u25aa\u2013\u2014]\s|\((?:[a-z]|[ivx]+|\d+)\)\s|\d{1,3}\.\s|[a-z]\.\s)")
_ENDS_SENTENCE = re.compile(r"[.!?:][\"'\u201d\u2019)]?\s*$")


def _line_breaks(text: str) -> list[int]:
    """Positions of newlines that end a sentence (see module docstring)."""
    cuts: list[int] = []
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines[:-1]):
        nl = pos + len(line)
        nxt = lines[i + 1]
        stripped = line.strip()
        if not stripped or not nxt.strip():
            cuts.append(nl)
        elif _ENDS_SENTENCE.search(stripped) and not _ABBREV.search(stripped.rstrip("\"'\u201d\u2019) ")):
            cuts.append(nl)
        elif _LIST_START.match(nxt) or "\t" in line or "\t" in nxt:
            cuts.append(nl)
        elif len(stripped) < 40 and nxt.strip()[:1].isupper():
            cuts.append(nl)  # heading or label line ("Item 1.01 ...", "About X", "Contact:")
        pos = nl + 1
    return cuts


_NEWLINE = re.compile("\n")


def _lines_are_blocks(text: str) -> bool:
    """True for text converted from HTML, where each line is a paragraph or cell (long lines).

    Long lines alone do not decide it: plain text hard-wrapped at 100-130 columns has long lines
    too, but most of them stop mid-sentence ("... announced that Quintara Bio AG has"), while a
    paragraph per line ends with its sentence.
    """
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    lengths = sorted(len(x) for x in lines)
    if not lengths or not (lengths[len(lengths) // 2] > 100 or lengths[-1] > 400):
        return False
    long = [x for x in lines if len(x) > 60]
    ended = sum(1 for x in long if _ENDS_SENTENCE.search(x))
    return lengths[-1] > 400 or ended * 2 >= len(long)


_last_spans: list = [None, []]  # the last text (by identity: one filing's extractors share it) and its spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in order."""
    if _last_spans[0] is text:
        return list(_last_spans[1])
    spans: list[tuple[int, int]] = []
    start = 0
    cuts = [m.start() for m in _NEWLINE.finditer(text)] if _lines_are_blocks(text) else _line_breaks(text)
    for cut in cuts + [len(text)]:
        _split_inline(text, start, cut, spans)
        start = cut + 1
    _last_spans[0], _last_spans[1] = text, list(spans)
    return spans


def _split_inline(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> None:
    start = lo
    for m in _INLINE.finditer(text, lo, hi):
        if text[m.start()] == "." and _ABBREV.search(text[max(start, m.start() - 12): m.start() + 1]) \
                and not (_COMPANY_END.search(text[max(start, m.start() - 6): m.start() + 1]) and _STARTER.match(text, m.end())):
            continue
        _push(text, start, m.start() + len(m.group().rstrip()), spans)
        start = m.end()
    _push(text, start, hi, spans)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block: text between blank lines, or one line of HTML-derived text."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


# Sentence ends inside a contract paragraph whose lines are hard-wrapped: ". " / "; " before a capital,
# a digit or "(" (section numbers, "(a)" items).
_CLAUSE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z(\d])")


_last_clauses: list = [None, []]  # the last contract text (by identity: its payments and term readers share it)


def contract_clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a contract: paragraphs cut at ". " / "; " before a capital,
    digit or "(", wrapped lines kept together (contracts are filed hard-wrapped)."""
    if _last_clauses[0] is text:
        return list(_last_clauses[1])
    spans: list[tuple[int, int]] = []
    for lo, hi in paragraph_spans(text):
        start = lo
        for m in _CLAUSE_END.finditer(text, lo, hi):
            spans.append((start, m.start()))
            start = m.end()
        spans.append((start, hi))
    _last_clauses[0], _last_clauses[1] = text, list(spans)
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
