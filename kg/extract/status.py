"""Agreement status words of narrative filings (``lic:status``: amended, terminated).

Regexes shared by the agreement reader: an amendment named with the agreement it
amends, and a termination told after ("... terminated") or before ("elected to
terminate the ... Agreement") the agreement, with termination *rights* excluded.
"""
from __future__ import annotations

import re

__all__ = ["TERMINATED", "TERMINATES_BEFORE", "NOT_TERMINATED", "AMENDED", "later_event"]

# the agreement ended (Item 1.02 style): "... terminated", "termination of the ..."
TERMINATED = re.compile(r"\bterminated\b|\btermination\s+of\s+the\b", re.I)
# the termination told before the agreement: "X terminated the License Agreement", "received written notice
# that X has elected to terminate, effective immediately, the Agreement", "the parties mutually agreed to terminate their collaboration"
TERMINATES_BEFORE = re.compile(
    r"(?:(?<!\bnot\s)\bterminated|\b(?:elected|decided|determined|chose|agreed|notice\s+of\s+its\s+intent(?:ion)?|gave\s+notice)"
    r"\s+to\s+terminate)(?:\s*,[^,]{1,40},)?\s+(?:the|its|their|that|our)?\s*$", re.I)  # ", for convenience," asides
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
