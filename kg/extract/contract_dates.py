"""Dates a contract states about itself: agreement date, effective date, execution date
(``lic:date``, ``lic:effectiveDate``).

The agreement date is the preamble's ("dated as of", "made this 20th day of March 1998", "entered
into on"), else the title page's, else the last signature's; the effective date is kept apart
("effective as of", "Effective Date: ...", '"Effective Date" means ...') and stated only when it
differs.
"""
from __future__ import annotations

import re

from kg.extract.contract_parties import _RECITALS
from kg.extract.dates import DATE_RE, find_dates

__all__ = ["blank_date", "contract_date", "execution_date", "effective_date", "term_start_date", "title_page_date"]

# Preamble date phrases of contracts: "dated as of", "made and entered into as of", "entered into on",
# "effective as of", "Dated:", "Effective Date:", "Date" (title pages).
_DATE_CUE = re.compile(
    r"\b(?:dated|made|entered\s+into|executed|effective|agreement\s+date|effective\s+date|date)\b"
    r"(?:\s+(?:and\s+)?(?:entered\s+into|made|effective))?\s*(?:as\s+of|on|:)?\s*(?:this|the)?\s*",
    re.I,
)
def _preamble_head(text: str, limit: int) -> str:
    head = text[:limit]
    first = re.search(r"\b(?:between|among)\b", head, re.I)
    rec = _RECITALS.search(head, first.end() if first else 0)
    return head[: rec.start()] if rec else head


def _tidy(head: str) -> str:
    """Typing slips in preamble dates, same length kept: "31 December, ----- 1996" (a struck blank),
    "made this, 20th day of" (a stray comma)."""
    head = re.sub(r"(?<=[A-Za-z,])(\s*[-_]{2,}\s*)(?=(?:19|20)\d\d)", lambda m: " " * len(m.group(1)), head)
    return re.sub(r"(?<=\bthis),(?=\s+\d)", " ", head, flags=re.I)


# Preamble dates with blanks: "made this ___ day of March, 2002" -> 2002-03; "as of ________, 2003" -> 2003.
_BLANK_MONTH = re.compile(r"\b(?:this|the)?\s*_{2,}\s*(?:day\s+of\s+)?(?P<mon>[A-Z][a-z]+)\.?,?\s+(?P<y>(?:19|20)\d\d)\b"
                          r"|\b(?P<mon2>[A-Z][a-z]+)\.?\s+(?:_{2,}|\[\s*\]|\[_*\])\s*,?\s*(?P<y2>(?:19|20)\d\d)\b")
_BLANK_YEAR = re.compile(r"\b(?:dated|as\s+of|made|entered\s+into)\b[^.]{0,40}?(?:_{2,}|\[\s*\])[\s_,]*(?:day\s+of\s+[\s_,]*)?(?P<y>(?:19|20)\d\d)\b", re.I)


def blank_date(text: str, limit: int = 3000) -> str | None:
    """The agreement date of a preamble that leaves the day (or day and month) blank: YYYY-MM or YYYY."""
    from kg.extract.dates import MONTHS

    head = text[:limit]
    rec = _RECITALS.search(head)
    head = head[: rec.start()] if rec else head
    cue = re.search(r"(?i)\b(?:dated|made|entered\s+into|effective|executed)\b", head)
    if not cue:
        return None
    part = head[cue.start(): cue.start() + 200]
    m = _BLANK_MONTH.search(part)
    if m:
        mon = (m.group("mon") or m.group("mon2")).lower()
        if mon in MONTHS:
            return f"{m.group('y') or m.group('y2')}-{MONTHS[mon]:02d}"
    m = _BLANK_YEAR.search(part)
    return m.group("y") if m else None


def contract_date(text: str, limit: int = 6000) -> str | None:
    """The agreement date a contract's preamble or title page states (a full ISO date), else None."""
    head = _tidy(text[:limit])
    signed = re.search(r"/s/|IN\s+WITNESS\s+WHEREOF", head)
    if signed:  # dates at the signatures are execution dates (see execution_date)
        head = head[: signed.start()]
    recitals = re.search(r"\b(?:WHEREAS|RECITALS|WITNESSETH|BACKGROUND)\b", head)
    if recitals:  # dates after the recitals start describe other agreements
        head = head[: recitals.start()]
    found = _cued_date(head) or _near_cue_date(head)
    if found:
        return found
    # preamble after a cover page / table of contents: "This ... Agreement ... is made as of <date>"
    for m in re.finditer(r"\bTHIS\s+[^.]{0,150}?\bAGREEMENT\b[^.]{0,300}", text[:40000], re.I):
        found = _cued_date(m.group(0))
        if found:
            return found
    return None


# "Requested delivery date 1.1.2019", "payment due date": a bare "date" naming some other event
_OTHER_EVENT_DATE = re.compile(
    r"\b(?:delivery|due|payment|invoice|shipment|shipping|requested|expiry|expiration|termination|closing|record"
    r"|maturity|target|launch|completion|start|end|filing|report|reporting|price|pricing)\s*$", re.I)


# A preamble date whose cue stands a few words before it: "made in duplicate this 20 day of", "is
# entered on this 9th day of", "effective as from the 1st day of", '("Telnet") as of the 1st day of',
# '("Distributor") this 7th day of'.  Dates of formation or of other agreements are not the agreement's.
_NEAR_CUE = re.compile(r"(?i)\b(?:dated|made|entered|executed|effective|signed|concluded|as\s+(?:of|from)|this|date)\b[^.;:\d]{0,30}$")
_NOT_OURS = re.compile(r"(?i)\b(?:formed|incorporated|organi[sz]ed|established|amended|restated|founded|registered|dated\s+as\s+of\s+\w+\s+\d|agreement\s+dated)\b[^.;]{0,40}$")


def _near_cue_date(head: str) -> str | None:
    for start, _end, iso in find_dates(head):
        if len(iso) != 10:
            continue
        lead = re.match(r"(?i)(?:the|this)\s+", head[start:])  # "this 7th day of ...": the date match holds its article
        before = head[max(0, start - 45):start] + (lead.group(0) if lead else "")
        cue = _NEAR_CUE.search(before)
        if cue and not _NOT_OURS.search(before) and not _OTHER_EVENT_DATE.search(before[:cue.start()].rstrip(" :")) \
                and not re.search(r"Source:[^\n]*$", before):
            return iso
    return None


def _cued_date(head: str) -> str | None:
    for m in _DATE_CUE.finditer(head):
        if m.group(0).strip().lower().startswith("date") and _OTHER_EVENT_DATE.search(head, max(0, m.start() - 25), m.start()):
            continue
        d = DATE_RE.match(head, m.end())
        if d:
            found = find_dates(d.group(0))
            if found and len(found[0][2]) == 10:
                return found[0][2]
    return None


def effective_date(text: str, date: str | None) -> str | None:
    """An Effective Date stated separately from the agreement date (GOLD_SCHEMA: only when it differs)."""
    head = _preamble_head(text, 8000)
    m = re.search(r"\beffective\s+(?:as\s+of|on)\s+(?:the\s+)?", head, re.I) or re.search(r"Effective\s+Date\s*:\s*", head)
    d = DATE_RE.match(head, m.end()) if m else None
    if not d:
        # definitions article: '"Effective Date" means October 31, 2019.'
        m = re.search(r"Effective\s+Date[\"\u201d]?\s*(?:means|shall\s+mean)\s+(?:the\s+)?", text[:80000])
        d = DATE_RE.match(text, m.end()) if m else None
    if not d:
        # '"Effective Date" shall mean the date the last party hereto has executed this Agreement'
        if _LAST_SIGNATURE.search(text[:80000]):
            eff = execution_date(text)
            return eff if eff and eff != date else None
        return None
    f = find_dates(d.group(0))
    eff = f[0][2] if f and len(f[0][2]) == 10 else None
    return eff if eff and eff != date else None


# The start the term clause states: "The term of this Agreement shall commence on April 1, 1999", "The Term
# will begin on February 1, 1998", '"Contract Period" ... commencing on November 1st, 2017', "The Appointment will
# begin on 27 January 2020", "The effective date of the Franchise will be January 1, 2016".
_TERM_START = re.compile(
    r"\b(?:(?:initial\s+)?[Tt]erm|TERM|Contract\s+Period|Appointment|[Pp]romotion|Venture)\b[^.;]{0,120}?"
    r"\b(?:commenc\w*|begin\w*|start\w*)\s+(?:on\s+|upon\s+|as\s+of\s+|from\s+)?(?:the\s+)?"
    r"|\b[Ee]ffective\s+[Dd]ate\s+of\s+(?:this|the)\s+[A-Z]\w+\s+(?:will|shall)\s+be\s+")


_PREAMBLE_EFFECTIVE = re.compile(r"\(\s*(?:the\s+|this\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?)?[\"\u201c]Effective\s+Date[\"\u201d]")
_EFFECTIVE_IS_DATE_HEREOF = re.compile(r"Effective\s+Date[\"\u201d]?\s*(?:means|shall\s+mean|is)\s+the\s+date\s+(?:first\s+(?:written|set\s+forth)\s+above|hereof|of\s+this\s+Agreement)", re.I)


def term_start_date(text: str, date: str | None) -> str | None:
    """The start date the term clause states, when it differs from the agreement date (CUAD's
    effective date of contracts whose preamble states only the signing date); none when the
    preamble defines its own date as the Effective Date ('entered into on July 26, 2013 (the
    "Effective Date")', '"Effective Date" means the date first written above')."""
    if _PREAMBLE_EFFECTIVE.search(_preamble_head(text, 4000)) or _EFFECTIVE_IS_DATE_HEREOF.search(text[:80000]):
        return None
    for m in _TERM_START.finditer(text[:80000]):
        d = DATE_RE.match(text, m.end())
        if d:
            f = find_dates(d.group(0))
            eff = f[0][2] if f and len(f[0][2]) == 10 else None
            return eff if eff and eff != date else None
    return None


# an Effective Date defined as the day the agreement is fully signed: the last signature's date
_LAST_SIGNATURE = re.compile(
    r"Effective\s+Date[\"\u201d]?\s*(?:of\s+this\s+Agreement\s+)?(?:means|shall\s+mean|is)\s+the\s+date\s+(?:on\s+which\s+|that\s+|of\s+)?"
    r"(?:the\s+)?(?:last|later)\s+(?:of\s+the\s+)?(?:party|parties|signature)",
    re.I,
)


def title_page_date(text: str) -> str | None:
    """A full date on the title page (before the table of contents), EDGAR "Source:" footers left out."""
    page = re.split(r"TABLE\s+OF\s+CONTENTS|Table\s+of\s+Contents|/s/|IN\s+WITNESS|\b[Tt][Hh][Ii][Ss]\s+(?:[\w,-]+\s+){0,6}?(?:AGREEMENT|Agreement)\b", text[:1500])[0]
    page = re.sub(r"(?m)^\s*Source:.*$", " ", page)
    full = [d for d in find_dates(page) if len(d[2]) == 10]
    return full[0][2] if full else None


def execution_date(text: str) -> str | None:
    """The last date written at the signatures ("Date: November 5, 2019", "Hamburg, 19 November 2012").

    For contracts whose preamble leaves the date blank or states none: the agreement is
    dated when the last party signs.
    """
    dates: list[str] = []
    # EDGAR footers ("Source: X, 1-A, 12/27/2019") carry the filing date, not the signing date; blanked
    # in the whole text first so that a window cannot start inside one
    text = re.sub(r"(?m)Source:[^\n]*", lambda f: " " * len(f.group(0)), text)
    for m in re.finditer(r"/s/|IN\s+WITNESS\s+WHEREOF", text):
        window = text[max(0, m.start() - 300): m.end() + 600]
        dates += [iso for _, _, iso in find_dates(window) if len(iso) == 10]
    return max(dates) if dates else None


