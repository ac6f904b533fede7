"""Layer 4 of the narrative reader: deal frames told by a verb or a stative phrase.

The nominal frames (a deal noun: "a license agreement", "the collaboration")
are read by :mod:`kg.extract.agreements`.  Many deals are told without one:
"Halberd Corp. completed the acquisition of Norwood Foods, Inc.", "the Company
acquired from LHS Holdings, Inc. certain assets", "announced its intention to
purchase Tessaly Systems Inc.", "Tarvo and Quell are currently parties to a
patent cross-license".  This module holds those triggers as data -- each
entry with the kind it signals and why it is there (the class of text it
serves) -- and finds them in a sentence.

Reads: one sentence.  Hands on: :class:`FrameHit` s (kind, span, tense
markers); the agreement builder fills the slots (parties from the sentence,
the paragraph and the filer) and decides status from tense and dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.facts import AgreementKind

__all__ = ["Trigger", "FrameHit", "VERBAL_TRIGGERS", "verbal_frames"]


@dataclass(frozen=True)
class Trigger:
    """One trigger of the lexicon: a pattern, the deal kind it signals, and the reason it is here."""

    pattern: str
    kind: AgreementKind
    reason: str


@dataclass(frozen=True)
class FrameHit:
    kind: AgreementKind
    start: int
    end: int
    future: bool  # "agreed to acquire", "will acquire", "intends to purchase": signed, not closed
    trigger: Trigger


_ACQ = AgreementKind.ACQUISITION
VERBAL_TRIGGERS: tuple[Trigger, ...] = (
    Trigger(r"\b(?:has\s+|had\s+)?(?:acquired|purchased)\s+(?:from\s+[^.;]{1,120}?\s+)?(?:all\s+(?:of\s+)?the\s+(?:issued\s+and\s+)?outstanding"
            r"|(?:certain|all|substantially\s+all)\s+(?:of\s+)?(?:the\s+)?(?:(?:issued\s+and\s+)?outstanding\s+)?(?:assets|business|shares?|stock|capital\s+stock|equity|securities|interests?|membership|partnership)"
            r"|[\d,.]+\s+(?:shares|ordinary\s+shares)\b[^.;]{0,80}?\brepresenting\s+(?:approximately\s+)?(?:a\s+majority|[5-9]\d(?:\.\d+)?\s?%|100\s?%)"
            r"|(?-i:[A-Z]|[a-z]{1,2}[A-Z]|\d{1,3}-[A-Z]))", _ACQ,
            "8-K Item 2 / 2.01 and releases: 'acquired all of the outstanding shares of X', 'acquired from X certain assets', "
            "'acquired X' (a capitalized object: a name, or one like '4-Antibody')"),
    Trigger(r"\b(?:completed|closed|consummated|announced|announces|announce|reported)\s+(?:the\s+|its\s+|their\s+)?(?:previously\s+announced\s+)?"
            r"(?:acquisition|purchase)\s+(?:by\s+[^.;]{1,80}?\s+)?of\b", _ACQ,
            "releases and 8-Ks: 'completed the acquisition of X', 'announces acquisition of X', 'reported the acquisition by a subsidiary of X'"),
    Trigger(r"\b(?:agreed|agreement|intention|intends?|plans?|offer)\s+to\s+(?:acquire|purchase|buy)\b(?!\s+(?:up\s+to\s+)?\$)"
            r"(?!\s+(?:up\s+to\s+|an\s+additional\s+)?(?:[\d.,]+\s*(?:million\s+)?)?(?:newly\s+issued\s+)?(?:shares|common|ordinary|stock))", _ACQ,
            "signed acquisitions: 'entered into a definitive agreement to acquire X', 'announced its intention to purchase X'"),
    Trigger(r"\bwill\s+(?:acquire|purchase|buy)\s+(?:all\s+|the\s+outstanding\s+|(?-i:[A-Z]|\d{1,3}-[A-Z]))", _ACQ,
            "signed acquisitions told in the future: 'X will acquire Y', 'Parent will acquire all outstanding shares'"),
    Trigger(r"\b(?:merged|merges|will\s+merge|to\s+merge)\s+with\s+(?:and\s+into\s+)?", _ACQ,
            "mergers: 'Merger Sub merged with and into X', 'agreed to merge with X'"),
    Trigger(r"\b(?:sold|sells|agreed\s+to\s+sell|will\s+sell)\s+(?:to\s+[^.;]{1,80}?\s+)?(?:certain|all|substantially\s+all)\s+(?:of\s+)?(?:its\s+|their\s+|the\s+)?"
            r"(?:assets|business|shares|stock|interests?)\b", _ACQ,
            "dispositions (8-K Item 2 / 2.01): the buyer acquires what the filer sold"),
)
_COMPILED = [(re.compile(t.pattern, re.I), t) for t in VERBAL_TRIGGERS]
_FUTURE = re.compile(r"\b(?:agreed|agreement|intention|intends?|plans?|offer|will|to)\s+(?:to\s+)?(?:acquire|purchase|buy|merge|sell)\b", re.I)
# a word every trigger holds (lower case): sentences without one are not scanned
_WORDS = ("acqui", "purchas", "merg", "sold", "sell", "buy", "bought")


def verbal_frames(sent: str) -> list[FrameHit]:
    """The verbal deal frames of one sentence, in text order (at most one per trigger)."""
    low = sent.lower()
    if not any(w in low for w in _WORDS):
        return []
    hits = []
    caps = sent.upper() == sent
    for rx, trig in _COMPILED:
        m = rx.search(sent)
        if m and m.group(0)[:1].isupper() and not caps and m.start() > 0:
            m = None  # a capitalized word inside a sentence is a name ("the Acquired Biogen Assets"), not the verb
        if m:
            hits.append(FrameHit(trig.kind, m.start(), m.end(), bool(_FUTURE.search(m.group(0))), trig))
    hits.sort(key=lambda h: h.start)
    return hits
