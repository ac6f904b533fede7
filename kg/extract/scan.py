"""Regex scanning restricted to the neighbourhood of an anchor: the same matches as ``finditer``, faster.

Name patterns such as "up to eight capitalised words, then a legal-form
suffix" are tried by ``re`` at every capital letter of a filing, most of
which are nowhere near a suffix.  When every match of a pattern contains an
*anchor* (the suffix word, an institution head noun, a ticker parenthesis)
that starts within ``runs`` whitespace-separated runs of the match start,
only positions in those windows can start a match, and trying them in order
with ``match`` yields exactly the matches of ``finditer`` (leftmost first,
non-overlapping).  The anchor pattern may find more positions than needed
(only time is lost), never fewer.

:class:`AnyWord` answers "does the text hold any of these words, in any case"
as a case-insensitive alternation would, without trying it at every position.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

__all__ = ["finditer_near", "finditer_before", "AnyWord"]

_RUN = re.compile(r"\S+")
_UPPER_OR_DIGIT = re.compile(r"[A-Z0-9]")


# the starts of every run of the last text scanned (by identity: one text is scanned by several patterns in turn)
_last_runs: list = [None, []]


def _run_starts(text: str) -> list[int]:
    if _last_runs[0] is not text:
        _last_runs[0], _last_runs[1] = text, [m.start() for m in _RUN.finditer(text)]
    return _last_runs[1]


def _window_start(text: str, a: int, runs: int) -> int:
    """Start of the ``runs``-th whitespace-separated run back from ``a`` (of those starting before it; 0 if fewer)."""
    starts = _run_starts(text)
    i = bisect_left(starts, a)  # the runs that start before ``a``
    return starts[i - runs] if i > runs else 0


def finditer_near(rx: re.Pattern[str], text: str, anchor: re.Pattern[str], runs: int,
                  starts: re.Pattern[str] = _UPPER_OR_DIGIT) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, given that each contains a match of ``anchor``.

    Preconditions (the caller's proof obligation): every match of ``rx``
    starts with a character matched by ``starts`` (default ``[A-Z0-9]``), is
    non-empty, and is followed, at or after its start and within ``runs``
    whitespace-separated runs of it, by a position ``anchor.finditer(text)``
    finds (use a zero-width lookahead to find overlapping ones).  The position
    is where an anchor match starts, or where its group ``at`` starts when it
    has one: ``\\s(?P<at>)(?=...)`` consumes the space before the position, so
    ``re`` skips to the next space instead of trying the lookahead everywhere.
    """
    at = "at" if "at" in anchor.groupindex else 0
    pos = done = 0  # positions below ``done`` were tried already (a position's result does not change)
    for am in anchor.finditer(text):
        a = am.start(at)
        start = max(pos, done)
        if a < start:
            continue
        if a - start > runs:  # else the window (at least ``runs`` characters) starts before ``start``
            start = max(start, _window_start(text, a, runs))
        for sm in starts.finditer(text, start, a + 1):
            p = sm.start()
            if p < pos:
                continue
            m = rx.match(text, p)
            if m:
                yield m
                pos = m.end()
        done = a + 1


def finditer_before(rx: re.Pattern[str], text: str, stop: re.Pattern[str], runs: int) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)`` for a pattern that ends just before a ``stop`` character.

    Preconditions: no match contains a ``stop`` character; every match is
    followed (after optional whitespace, by ``rx``'s own lookahead) by one and
    spans at most ``runs`` whitespace-separated runs; ``rx`` never looks past
    that character.  Then whether and how ``rx`` matches at a position depends
    only on the text up to the first ``stop`` after it, so each stretch of
    text is scanned once, by ``re`` itself, and only within ``runs`` runs
    before a ``stop``.
    """
    pos = done = 0
    for sm in stop.finditer(text):
        a = sm.start()
        start = max(pos, done, _window_start(text, a, runs))
        if start <= a:
            for m in rx.finditer(text, start, a + 1):
                yield m
                pos = m.end()
        done = a + 1


class AnyWord:
    """Whether a text holds any of some lower-case words in any case: the answer of
    ``re.compile("word1|word2|...", re.I).search(text) is not None``, faster.

    ``re`` tries a case-insensitive alternation at every position; on ASCII text (where ``re``'s
    case folding is ``str.lower``) each word is looked for in the lower-cased text instead.
    """

    def __init__(self, words: tuple[str, ...]) -> None:
        if not all(w and w == w.lower() and w.isascii() for w in words):
            raise ValueError(f"AnyWord takes lower-case ASCII words: {words}")
        self.words = words
        self.rx = re.compile("|".join(re.escape(w) for w in words), re.I)

    def search(self, text: str) -> bool:
        if text.isascii():
            low = text.lower()
            return any(w in low for w in self.words)
        return self.rx.search(text) is not None
