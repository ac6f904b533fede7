"""Agreement and filing dates as the ontology stores them: ``xsd:date`` or ``xsd:gYearMonth`` lexical forms.

One reading for every consumer (entity resolution compares dates, the network
export and the analytics put agreements on a timeline): a month-only date
stands for its first day and says so.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

__all__ = ["parse_date", "iso_day"]

_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


@lru_cache(maxsize=1 << 16)
def parse_date(text: str | None) -> tuple[date, bool] | None:
    """``(day, month_only)`` for ``YYYY-MM-DD`` or ``YYYY-MM`` (its 1st); None if absent or not a real date."""
    if not text:
        return None
    m = _DATE.match(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)), m.group(3) is None
    except ValueError:
        return None


def iso_day(text: str | None) -> str | None:
    """The day as ``YYYY-MM-DD`` (a month-only date -> its 1st), for timelines; None if not a date."""
    parsed = parse_date(text)
    return None if parsed is None else parsed[0].isoformat()
