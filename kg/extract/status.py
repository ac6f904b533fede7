"""Agreement status words of narrative filings (``lic:status``: amended, terminated).

Regexes shared by the agreement reader: an amendment named with the agreement it
amends, and a termination told after ("... terminated") or before ("elected to
terminate the ... Agreement") the agreement, with termination *rights* excluded.
"""
from __future__ import annotations

import re

__all__ = ["TERMINATED", "TERMINATES_BEFORE", "NOT_TERMINATED", "AMENDED", "later_event", "month_index", "told_before"]

# the agreement ended (Item 1.02 style): "... terminated", "termination of the ..."
TERMINATED = re.compile(r"\bterminated\b|\btermination\s+of\s+the\b", re.I)
# the termination told before the agreement: "X terminated the License Agreement", "received written notice
# that X has elected to terminate, effective immediately, the Agreement", "the parties mutually agreed to terminate their collaboration"
TERMINATES_BEFORE = re.compile(
    r"(?:(?<!\bnot\s)\bterminated|\b(?:elected|decided|determined|chose|agreed|notice\s+of\s+its\s+intent(?:ion)?|gave\s+notice)"
    r"\s+to\s+terminate|\bnotice\s+of\s+(?:its\s+)?termination\s+of)(?:\s*,[^,]{1,40},)?\s+(?:the|its|their|that|our)?\s*$", re.I)  # ", for convenience," asides
# termination rights, not a termination ("may terminate", "until terminated")
NOT_TERMINATED = re.compile(r"(?:may|might|can|could|until|if|unless|be|been|right\s+to|not|whether|to\s+be)\s+(?:\w+\s+)?$", re.I)
# amendments: "an amendment to the License Agreement", "amended and restated"
# also with a defined-term parenthetical between: 'a Second Amendment (the "Amendment") to the License Agreement'
AMENDED = re.compile(r"\bamend(?:ed|ment|s)\b(?:\s+No\.\s*\d+)?(?:\s*\([^()]{1,40}\))?\s+(?:to|of)\s+(?:the|that|its|their)\b"
                     r"|\bamended\s+and\s+restated\b", re.I)


# Later events told of an agreement already introduced (10-K notes: "In July 2020, we entered into an
# amendment to the MedImmune Agreement", "the Calithera Agreement was terminated effective March 2021",
# "Zai Lab provided notice of termination"), past tense only: termination *rights* ("either party may
# terminate", "upon termination of the agreement") are terms, not events.
_TERMINATION_EVENT = re.compile(
    r"\b(?:was|were|has\s+been|had\s+been|have\s+been)\s+(?:mutually\s+)?terminated\b"
    r"|(?<!\bmay\s)(?<!\bcan\s)(?<!\bto\s)\bterminated\s+(?:the|its|their|our)\b"
    r"|\btermination\b[^.;]{0,80}?\b(?:became|become)\s+effective\b"
    r"|\b(?:provided|gave|delivered|received|sent)\s+(?:us\s+)?(?:written\s+)?notice\s+(?:of\s+(?:its\s+)?(?:intent(?:ion)?\s+to\s+)?|that\s+it\s+(?:was|is|would\s+be)\s+)terminat",
    re.I)
_AMENDMENT_EVENT = re.compile(
    r"\b(?:entered\s+into|executed|signed)\s+(?:an?\s+|the\s+)?(?:(?:first|second|third|fourth|fifth)\s+)?amendment\b"
    r"|\bamendment\s+No\.\s*\d+\s+to\b|\b(?:was|were|has\s+been|had\s+been)\s+(?:further\s+)?amended\b"
    r"|\bamended\s+(?:the|its|our|their)\b",
    re.I)


def later_event(sentence: str) -> str | None:
    """"terminated" or "amended" when the sentence reports that event of an agreement, else None."""
    if _TERMINATION_EVENT.search(sentence):
        return "terminated"
    if _AMENDMENT_EVENT.search(sentence):
        return "amended"
    return None


# An agreement described elsewhere (GOLD_SCHEMA status "referenced"): the report says the agreement was
# filed with an earlier report ("the Merger Agreement, which was filed as Exhibit 2.1 to the Current Report
# on Form 8-K filed on May 15, 2007", "previously filed as an exhibit"), or reports the completion of a
# transaction under an agreement dated more than a month before the report ("completed its acquisition
# of X pursuant to a Stock Purchase Agreement dated June 21, 2007").  A future filing ("will be filed as an
# exhibit to the Quarterly Report") says the opposite: the agreement is news; so does one filed with a
# report of the same month (the signing 8-K of a deal whose completion this 8-K reports days later).
_FILED_EARLIER = re.compile(
    r"\b(?:previously\s+filed|(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:previously\s+)?filed)\s+(?:by\s+[^;]{1,60}?\s+)?(?:with\s+the\s+\w+\s+)?as\s+(?:an\s+)?exhibits?\b"
    r"(?P<rest>[^;]{0,160})", re.I)
_COMPLETED_UNDER = re.compile(
    r"\b(?:completed|consummated|closed)\s+(?:its|the|our|their)\s+(?:previously\s+announced\s+)?(?:acquisition|merger|sale|purchase|disposition)\b",
    re.I)


def told_before(sentence: str, agreement_dated: str | None, doc_date: str | None, dates_in) -> bool:
    """True when the sentence shows its agreement was made and reported before this document.

    ``dates_in(text)`` yields ``(start, end, iso)`` for the dates of a text (kg.extract.dates.find_dates)."""
    m = _FILED_EARLIER.search(sentence)
    if m:
        filed_on = [iso for _, _, iso in dates_in(m.group("rest"))]
        if not filed_on or not doc_date or any(month_index(doc_date) - month_index(iso) >= 1 for iso in filed_on):
            return True  # (a report of days before tells the same news: "the 8-K dated August 3" in one of August 12)
    if agreement_dated and doc_date and _COMPLETED_UNDER.search(sentence):
        return month_index(doc_date) - month_index(agreement_dated) >= 1 and agreement_dated[:10] < doc_date[:10]
    return False


def month_index(iso: str) -> int:
    """A date's calendar month as one number (YYYY-MM-DD, YYYY-MM or YYYY, January for a year alone): the
    difference of two is whole months between them (an 8-K of March 8 reporting a March 7 announcement
    reports news; one recalling a deal of months before refers to it)."""
    return int(iso[:4]) * 12 + (int(iso[5:7]) if len(iso) >= 7 else 1)
