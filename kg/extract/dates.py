"""Date and duration normalisers: ISO dates (``xsd:date`` / ``xsd:gYearMonth``) and years.

Pure functions over strings, used by the cover-page, contract and agreement
extractors for ``lic:date``, ``lic:effectiveDate``, ``lic:expirationDate``,
``lic:filingDate`` and ``lic:term`` / ``lic:renewalTerm`` (GOLD_SCHEMA
``term_years`` / ``renewal_years``).

Handled date shapes (each a class of filings): "May 8, 2000" (US filings),
"8 May 2000" (non-US contracts), "Aug. 1, 2016" (press-release datelines),
"May 2000" (month only -> "2000-05"), "the 4th day of March, 2019" (contract
preambles), "03/04/2019" (US month/day/year: EDGAR "Source:" footers, cover
pages), "2019-03-04" (ISO), "20000124" (SEC header fields).  Anything
incomplete ("September ___, 2019", "[ ] day of [ ], 2020") is not a date.
"""
from __future__ import annotations

import re
from datetime import date

from kg.extract.scan import finditer_near

__all__ = ["MONTHS", "DATE_RE", "DURATION_RE", "parse_date", "find_dates", "event_year", "parse_years", "WORD_NUMBERS"]

# Month names and the abbreviations used in datelines ("Aug.", "Sept.").
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# Ordinal suffixes; "18t h" (split suffix) comes from PDF text extraction (CUAD).
_DAY = r"(?P<day>\d{1,2})\s*(?:s\s?t|n\s?d|r\s?d|t\s?h)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

# One alternation, each branch a class of date phrasing; named groups are suffixed per branch.
_PATTERNS = [
    # "the 4th day of March, 2019" / "this 18th day of August 2014" (contract preambles)
    rf"(?:the\s+|this\s+)?{_DAY}\s+day\s+of\s+{_MON}\s*,?\s*(?:in\s+the\s+year\s+)?{_YEAR}",
    # "May 8, 2000", "Aug. 1, 2016", "January 19,2000", "NOV 02, 2019", "April 14th, 2020" (US style)
    rf"{_MON}\s+{_DAY}\s*,?\s*{_YEAR}",
    # "8 May 2000", "1st September 2016" (European style)
    rf"{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}",
    # "2019-03-04" (ISO)
    r"(?P<iy>(?:19|20)\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)(?!\d)",
    # "03/04/2019", "3/28/06" (US month/day/year; EDGAR "Source:" footers, signature blocks)
    r"(?<![\d/])(?P<um>[01]?\d)/(?P<ud>[0-3]?\d)/(?P<uy>(?:19|20)?\d\d)(?![\d/])",
    # "May 2000", "September of 2016" (month only -> YYYY-MM)
    rf"{_MON}\s+(?:of\s+)?{_YEAR}",
    # "14.03.2019" (European day.month.year: German, Swiss, Nordic contracts and releases)
    r"(?<![\d.])(?P<ed>[0-3]?\d)\.(?P<em>[01]?\d)\.(?P<ey>(?:19|20)\d\d)(?![\d.])",
    # "14-Mar-2019" (day-month-year with hyphens: tables, signature blocks)
    rf"(?P<hd>\d{{1,2}})-{_MON}-{_YEAR}",
]


def _named(pattern: str, n: int) -> str:
    return re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}{n}>", pattern)


DATE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:" + "|".join(f"(?P<b{i}>{_named(p, i)})" for i, p in enumerate(_PATTERNS)) + r")(?![A-Za-z0-9])",
    re.IGNORECASE,
)

_TWO_DIGITS = re.compile(r"\d\d")
# Long texts are scanned near their digits only (kg.extract.scan.finditer_near, same matches): every date
# opens with a word character and holds a digit within its first three runs ("the 4th", "September of 2016")
_DIGIT = re.compile(r"\d")
_WORD_CHAR = re.compile(r"\w")


def _iso(y: int, m: int, d: int | None) -> str | None:
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match) -> str | None:
    g = m.groupdict()
    for i in range(len(_PATTERNS)):
        if g.get(f"b{i}") is None:
            continue
        if i in (0, 1, 2):
            return _iso(int(g[f"year{i}"]), MONTHS[g[f"mon{i}"].lower()], int(g[f"day{i}"]))
        if i == 3:
            return _iso(int(g["iy3"]), int(g["im3"]), int(g["id3"]))
        if i == 4:
            y = g["uy4"]
            year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
            return _iso(year, int(g["um4"]), int(g["ud4"]))
        if i == 5:
            return _iso(int(g["year5"]), MONTHS[g["mon5"].lower()], None)
        if i == 6:
            return _iso(int(g["ey6"]), int(g["em6"]), int(g["ed6"]))
        if i == 7:
            return _iso(int(g["year7"]), MONTHS[g["mon7"].lower()], int(g["hd7"]))
    return None


# a year told alone as when something happened ("In 2015, we in-licensed ..."), not the start of a range
# ("in 2015 and 2016", "during 2019 through 2021"); with ``since``, also "since 2011"
_EVENT_YEAR = re.compile(r"\b(?i:in|during)\s+((?:19|20)\d\d)\b(?!\s*(?:,\s*)?(?:and|through|to)\s+(?:19|20)\d\d)")
_EVENT_YEAR_SINCE = re.compile(r"\b(?i:in|during|since)\s+((?:19|20)\d\d)\b(?!\s*(?:,\s*)?(?:and|through|to)\s+(?:19|20)\d\d)")


def event_year(text: str, since: bool = False) -> str | None:
    """The year of the first "in/during YYYY" (or "since YYYY") in ``text`` (GOLD_SCHEMA dates may be
    YYYY), or None."""
    m = (_EVENT_YEAR_SINCE if since else _EVENT_YEAR).search(text)
    return m.group(1) if m else None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every date in ``text`` as ``(start, end, iso)``, in order (ISO "YYYY-MM-DD" or "YYYY-MM")."""
    out: list[tuple[int, int, str]] = []
    if _TWO_DIGITS.search(text) is None:  # every branch of DATE_RE has a year (or "/yy"): two digits
        return out
    scan = finditer_near(DATE_RE, text, _DIGIT, 4, starts=_WORD_CHAR) if len(text) > 2000 else DATE_RE.finditer(text)
    for m in scan:
        iso = _from_match(m)
        if iso:
            out.append((m.start(), m.end(), iso))
    return out


def parse_date(text: str | None) -> str | None:
    """The first date in ``text`` as ISO, or None.

    >>> parse_date("made as of the 4th day of March, 2019")
    '2019-03-04'
    >>> parse_date("May 2000")
    '2000-05'
    """
    if not text:
        return None
    s = text.strip()
    if re.fullmatch(r"(?:19|20)\d{6}", s):  # SEC header "FILED AS OF DATE: 20000124"
        return _iso(int(s[:4]), int(s[4:6]), int(s[6:]))
    found = find_dates(s)
    return found[0][2] if found else None


# Number words used for terms ("five-year", "eighteen (18) months").
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30,
    "thirty-six": 36, "forty-eight": 48, "sixty": 60, "a": 1, "an": 1, "one-half": 0.5,
}
_NUM = r"(?P<num>\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True)) + r")"
DURATION_RE = re.compile(
    rf"\b{_NUM}(?:\s*\(\s*(?P<paren>\d+(?:\.\d+)?)\s*\))?[\s-]+(?P<unit>years?|months?|weeks?|days?)\b",
    re.IGNORECASE,
)
_UNIT_YEARS = {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25}


def parse_years(text: str | None) -> float | None:
    """The first duration in ``text`` in years: "five-year" -> 5, "eighteen (18) months" -> 1.5.

    Months convert exactly (rounded to 4 places); weeks and days are rare
    in terms and convert approximately.  None when no duration is stated.
    """
    if not text:
        return None
    m = DURATION_RE.search(text)
    if not m:
        return None
    raw = m.group("paren") or m.group("num")
    try:
        n = float(raw)
    except ValueError:
        n = float(WORD_NUMBERS[raw.lower()])
    unit = m.group("unit").lower().rstrip("s")
    value = round(n * _UNIT_YEARS[unit], 4)
    return int(value) if float(value).is_integer() else value
