"""A contract's own title (``lic:title``) and the agreement kind it names (``lic:agreementKind``).

The title is the heading that names the agreement: a run of capitalised words ending in
"Agreement" / "Contract" ("STRATEGIC ALLIANCE AGREEMENT", "Website Design, Development and
Hosting Agreement", "Outsourcing Contract on Development of ..."), in any case, with or without
line breaks ("DISTRIBUTOR AGREEMENT THIS AGREEMENT is made ..." in flattened text).  Notice words
in front of it ("EXHIBIT 10.1", "CONFIDENTIAL TREATMENT REQUESTED", "Execution Version") and the
defined term after it ('("Agreement")') are not part of it.  The kind comes from the title's words
through ``lexicon.CONTRACT_KIND_LEXICON`` (GOLD_SCHEMA kinds, CUAD's 25 types).
"""
from __future__ import annotations

import re

from kg.extract.lexicon import CONTRACT_KIND_LEXICON
from kg.facts import AgreementKind

__all__ = ["HEAD_NOUN", "contract_title", "kind_from_title", "title_candidates"]

_KIND_RULES: list[tuple[re.Pattern, AgreementKind]] = [
    (re.compile(rx, re.I), AgreementKind(kind)) for rx, kind, _reason in CONTRACT_KIND_LEXICON
]
# The head noun of a title.
HEAD_NOUN = _HEAD = re.compile(r"\b(?:AGREEMENT|Agreement|CONTRACT|Contract|ADDENDUM|Addendum|TERMS\s+AND\s+CONDITIONS|Terms\s+and\s+Conditions)\b")
# Words a title may hold in lower case (connectors).
_CONNECT = {"and", "of", "for", "&", "the", "to", "on", "in", "with", "de", "/", "-", "or"}
# Words that are never part of a title: notices, document furniture, sentence openers.
_STOP = re.compile(
    r"(?:THIS|This|THE|The|EXHIBIT|Exhibit|ANNEX|Annex|SCHEDULE|Schedule|APPENDIX|Appendix|ATTACHMENT|Attachment"
    r"|CONFIDENTIAL|Confidential|TREATMENT|REQUESTED|REDACTED|Redacted|EXECUTION|Execution|VERSION|Version|COPY|Copy"
    r"|FINAL|Final|DRAFT|Draft|PAGE|Page|Source:?|SEC|COMMISSION|OMITTED|FILED|AMONG|BETWEEN|Between|Among|BY|By"
    r"|DATED|Dated|[\[\]*]+.*|\d[\d.()a-z]*|[A-Z]\.|[ivxIVX]+\.|\(?[a-zA-Z0-9]\)|Agreement|AGREEMENT|Contract|CONTRACT|No\.?|NO\.?)$"
)
_FURNITURE = re.compile(r"^(?:EXHIBIT|Exhibit|ANNEX|Annex|SCHEDULE|Schedule|APPENDIX|Appendix|ATTACHMENT|Attachment)$")
_TAIL = re.compile(r"\s+(?:on|for|of|to|ON|FOR|OF|TO)\s+(?:(?:[A-Z][\w&'/-]*|of|and|the|for|in)\s+){0,7}[A-Z][\w&'/-]*")


def _backwards(head: str, end: int) -> list[str]:
    """The title words before the head noun that ends at ``end`` (nearest first, reversed back)."""
    words = head[:end].split()
    keep: list[str] = []
    # the head noun itself may be two words ("TERMS AND CONDITIONS")
    noun = _HEAD.search(head, max(0, end - 30), end + 1)
    n_noun = len(noun.group(0).split()) if noun else 1
    keep = words[-n_noun:]
    i = len(words) - n_noun - 1
    while i >= 0 and len(keep) < 12:
        w = words[i]
        bare = w.strip(",:;")
        if _STOP.match(w) or w.endswith((".", ";", ":", ")")) or not bare:
            # "EXHIBIT C Software License Agreement": the furniture's label is not a title word
            if _FURNITURE.match(w) and keep and re.fullmatch(r"[A-Z0-9][\d.]*|[A-Z]", keep[0]):
                keep.pop(0)
            break
        if bare.lower() in _CONNECT or bare[0].isupper() or bare[0].isdigit() or re.match(r"[a-z]+-?[A-Z]", bare):
            if bare[0].isdigit() and not re.search(r"[A-Za-z]", bare):
                break
            keep.insert(0, w)
            i -= 1
            continue
        break
    while keep and keep[0].strip(",").lower() in _CONNECT:
        keep.pop(0)
    return keep


def title_candidates(text: str, limit: int = 3000) -> list[tuple[int, str]]:
    """Every heading-like "... Agreement" phrase of the head: [(offset of its first word, title)], in order."""
    head = text[:limit]
    rec = re.search(r"\bWHEREAS\b|\bRECITALS\b|\bW\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H\b", head)
    if rec and rec.start() > 200:
        head = head[: rec.start()]  # agreements named in the recitals are other agreements
    out: list[tuple[int, str]] = []
    for m in _HEAD.finditer(head):
        keep = _backwards(head, m.end())
        if len(keep) < 2:
            continue
        title = " ".join(keep).strip(" ,")
        tail = _TAIL.match(head, m.end())
        if tail and not re.search(r"(?i)\b(?:this|the\s+date|dated)\b", tail.group(0)):
            title += " " + " ".join(tail.group(0).split())
        start = head.rfind(keep[0], 0, m.end())
        start = start if start >= 0 else m.start()
        amend = _AMENDMENT_OF.search(head, max(0, start - 60), start)
        if amend:  # "AMENDMENT NO. 2 TO THE | SUPPLY AGREEMENT": the title is the amendment's
            title, start = " ".join(amend.group(0).split()) + " " + title, amend.start()
        out.append((start, title))
    return out


# The words before an amended agreement's title that make the title an amendment's.
_AMENDMENT_OF = re.compile(r"(?:\b(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+)?\b(?:AMENDMENT|Amendment|ADDENDUM|Addendum)(?:\s+(?:NO|No|NUMBER|Number)\.?\s*\d+)?"
                           r"\s+(?:TO|to|To)\s+(?:(?:THE|the|The)\s+)?$")


def _upper_ratio(s: str) -> float:
    letters = [c for c in s if c.isalpha()]
    return sum(c.isupper() for c in letters) / max(1, len(letters))


def contract_title(text: str) -> str | None:
    """The contract's own title: the first heading naming the agreement; a capitalised heading
    (all caps or title case) before a title found only in running text ("This Services Agreement")."""
    cands = title_candidates(text)
    if not cands:
        m = _CONTRACT_HEADING.search(text[:3000])
        return " ".join(m.group(1).split()) if m else None
    # a heading that is more than a generic head noun ("MASTER AGREEMENT" < "SUPPLY AGREEMENT")
    for _, t in cands:
        if any(rx.search(t) for rx, _ in _KIND_RULES):
            return t
    return cands[0][1]


_CONTRACT_HEADING = re.compile(
    r"^[ \t]*((?:[A-Z][A-Z0-9,&/'\-]*[ \t]+){0,6}CONTRACT(?:[ \t]+(?:FOR|OF|ON)(?:[ \t]+[A-Z][A-Z0-9,&/'\-]*){1,6})?)[ \t]*$",
    re.M)


def kind_from_title(title: str | None) -> AgreementKind:
    """GOLD_SCHEMA kind of a contract title by word precedence (``CONTRACT_KIND_LEXICON``); "other" when none fits."""
    if title:
        for rx, kind in _KIND_RULES:
            if rx.search(title):
                return kind
    return AgreementKind.OTHER
