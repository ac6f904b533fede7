"""Agreement status words of narrative filings (``lic:status``: amended, terminated).

Regexes shared by the agreement reader: an amendment named with the agreement it
amends, and a termination told after ("... terminated") or before ("elected to
terminate the ... Agreement") the agreement, with termination *rights* excluded.
"""
from __future__ import annotations

import re

__all__ = ["TERMINATED", "TERMINATES_BEFORE", "NOT_TERMINATED", "AMENDED"]

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
