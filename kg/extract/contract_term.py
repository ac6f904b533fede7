"""The term clause of a contract: initial term, renewal term, expiration (``lic:term``,
``lic:renewalTerm``, ``lic:expirationDate``).

A contract says how long it runs in one clause whose subject is the agreement itself ("The
term of this Agreement", "This Agreement", "The Initial Term"), in two recurring shapes:

* an end date: "shall commence on the Effective Date and shall terminate on December 31,
  2034", "shall continue through December 31, 2004", "remain in effect until September 1,
  2045"; or a cover field "Expiration Date: August 31, 2006";
* a duration from the start: "shall be fifteen (15) years from the Effective Date", "will
  begin on the Effective Date and continue for four (4) years", "continues in effect for an
  initial term of seven (7) years", "ending two (2) years thereafter".

For a duration the expiration is the start (the Effective Date, else the agreement date: the
caller passes it) plus the duration, i.e. the end of the initial term, renewals aside.  The
reader abstains when the end depends on events ("the later of", "whichever is earlier",
"until the expiration of the last Valid Claim", a "Royalty Term") or the duration runs from
something other than the start ("five years from the First Commercial Sale": the term length
is kept, no expiration is computed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date

from dateutil.relativedelta import relativedelta

from kg.extract.dates import DATE_RE, DURATION_RE, find_dates, parse_years
from kg.extract.sentences import contract_clauses

__all__ = ["ContractTerm", "contract_term", "expiration_from"]

# The clause is about the agreement's own term: its subject, then (within a few words) a verb.
_SUBJECT = re.compile(
    r"\b(?:(?:the\s+)?(?:initial\s+)?term\s+of\s+(?:the\s+validity\s+of\s+)?(?:this|the)\s+(?:[\w-]+\s+){0,3}?agreement"
    r"|(?:the\s+)?term\s+of\s+the\s+(?:license|licen[cs]e\s+hereby\s+granted|franchise|sponsorship|promotion|engagement|appointment)"
    r"|(?:this|the)\s+(?:[\w-]+\s+){0,3}?(?:agreement|contract|amendment|joint\s+venture|venture|promotion|sponsorship|engagement)"
    r"|the\s+(?:initial\s+)?term|the\s+duration\s+of\s+this\s+\w+)\b"
    r"\s*(?:\([^)]{0,60}\)\s*)?(?:,[^,]{0,80},\s*)?(?:and\s+the\s+[^,.]{0,60}?\s+)?"
    r"(?:shall|will|is|continues|commences|remains|expires|terminates|begins)\b",
    re.I,
)
# Ends that depend on events, or clauses that are about something else than the agreement's run.
_ABSTAIN = re.compile(
    r"\bthe\s+(?:later|earlier|longer|shorter)\s+of\b|\bwhichever\s+(?:is|occurs)\s+(?:later|earlier|first|last|longer|shorter)\b"
    r"|\broyalty\s+term\b|\blast[-\s]to[-\s]expire\b|\bexpiration\s+of\s+the\s+last\b|\bsurviv|\bconfidential",
    re.I,
)
# "terminate on <date>", "continue through <date>", "until <date>"
_END_VERB = re.compile(
    r"\b(?:(?:expire|terminate|end|conclude)(?:[sd]|ing)?\s+(?:on\s+|at\s+midnight\s+on\s+|at\s+the\s+close\s+of\s+business\s+on\s+)?"
    r"|(?:until|through|till|to)(?:\s+and\s+including)?\s+)",
    re.I,
)
# the clause's subject comes first: after at most a section number, a heading or an "Unless ...," opening
_SUBJECT_WITHIN = 160
# the agreement named inside a definition or a subordinate clause: "'Calendar Quarter' means ...",
# "So long as this Agreement remains in effect and for a period of one (1) year thereafter, ..."
_NOT_MAIN_CLAUSE = re.compile(r"\bmeans\b|\bwhile\b|\bso\s+long\s+as\b|\bduring\b", re.I)
# a renewal period, not the initial term: "shall automatically renew for consecutive periods of two (2) years"
_RENEWAL_BEFORE = re.compile(r"\b(?:renew\w*|extension|extended|additional|successive|consecutive|further)\b", re.I)
# the words before a duration that make it the clause's length: "for", "of", "be", "ending"
_BEFORE_DURATION = re.compile(
    r"\b(?:for|of|be|end(?:ing|s)?)\s+(?:a\s+|an\s+)?(?:(?:initial\s+)?(?:period|term)\s+of\s+)?$", re.I)
# what may follow the duration: a start anchor, or "thereafter"
_START_ANCHOR = re.compile(
    r"^\s*(?:\([^)]{0,60}\)\s*)?(?:(?:from|after|following|commencing(?:\s+(?:on|from))?|beginning(?:\s+(?:on|from))?)\s+"
    r"(?:the\s+)?(?:Effective\s+Date|date\s+(?:of\s+(?:this|the)\s+(?:[\w-]+\s+)?Agreement|hereof|first\s+(?:above\s+)?(?:written|set\s+forth)(?:\s+above)?"
    r"|of\s+(?:its\s+)?execution)|Execution\s+Date|Commencement\s+Date)|thereafter)\b",
    re.I,
)
_OTHER_ANCHOR = re.compile(r"^\s*(?:\([^)]{0,60}\)\s*)?(?:from|after|following|commencing|beginning|prior|before|notice)\b", re.I)
# cover-page fields of commercial contracts: "Expiration Date: August 31, 2006"
_END_FIELD = re.compile(r"(?im)^\s*(?:Expiration|Termination|End)\s+Date\s*:\s*")
_RENEWAL = re.compile(
    r"\b(?:renew(?:ed|al)?|extend(?:ed)?)\b[^.]{0,80}?\b(?:successive|additional|further|subsequent)\s+([^.;]{1,30}?\b(?:years?|months?))\b",
    re.I,
)


@dataclass
class ContractTerm:
    """What the term clause states; ``from_start``: the duration runs from the agreement's start."""
    years: float | None = None
    renewal_years: float | None = None
    end: str | None = None
    from_start: bool = False
    start: str | None = None  # a start date the term clause itself states ("commencing on January 1, 2016")
    from_date_hereof: bool = False  # the duration runs from the agreement date ("anniversary of the date hereof")


# "shall terminate on the third anniversary of the Effective Date", "end on the seventh anniversary of the date hereof"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10, "fifteenth": 15, "twentieth": 20}
_ANNIVERSARY = re.compile(
    r"(?i)\b(?:end|terminate|expire|conclude)\w*\s+(?:on|upon)\s+the\s+(?P<n>" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
    r"(?:\s*\(\d{1,2}(?:st|nd|rd|th)?\))?\s+anniversary\s+of\s+(?:the\s+)?(?:Effective\s+Date|date\s+(?:hereof|of\s+this\s+Agreement)"
    r"|this\s+Agreement)")
# a start date stated by the term clause: "commencing on January 1, 2016", "shall begin on March 1, 2020"
_BEGINS_ON = re.compile(r"(?i)\b(?:commenc\w*|begin\w*|began|start\w*)\s+(?:on|upon|as\s+of)?\s*(?:the\s+)?")


def _full_date(text: str, pos: int) -> str | None:
    d = DATE_RE.match(text, pos)
    if not d:
        return None
    f = find_dates(d.group(0))
    return f[0][2] if f and len(f[0][2]) == 10 else None


def _duration(clause: str) -> tuple[float | None, bool]:
    """The clause's length in years, and whether it runs from the start."""
    for m in DURATION_RE.finditer(clause):
        if not _BEFORE_DURATION.search(clause[max(0, m.start() - 40):m.start()]) \
                or _RENEWAL_BEFORE.search(clause[max(0, m.start() - 60):m.start()]):
            continue
        rest = clause[m.end():]
        if _START_ANCHOR.match(rest):
            return parse_years(m.group(0)), True
        b = re.match(r"\s*,?\s*(?:commenc\w*|beginning|starting)\s+(?:on\s+|as\s+of\s+)?(?:the\s+)?", rest, re.I)
        if b and _full_date(rest, b.end()):
            return parse_years(m.group(0)), True  # "one year commencing on the 1st day of May, 2006": a stated start
        if _OTHER_ANCHOR.match(rest):
            return parse_years(m.group(0)), False
        return parse_years(m.group(0)), True  # "continue for a period of five (5) years unless ..."
    return None, False


def contract_term(text: str) -> ContractTerm:
    """The first clause of ``text`` about the agreement's own term (see the module doc)."""
    out = ContractTerm()
    m = _RENEWAL.search(text)
    if m:
        out.renewal_years = parse_years(m.group(1))
    found: list[tuple[str | None, float | None, bool]] = []
    for start, end in contract_clauses(text):
        clause = " ".join(text[start:end].split())
        subject = _SUBJECT.search(clause, 0, _SUBJECT_WITHIN + 80)
        if len(clause) > 800 or not subject or subject.start() > _SUBJECT_WITHIN or _ABSTAIN.search(clause) \
                or _NOT_MAIN_CLAUSE.search(clause[:subject.start()]):
            continue
        end_date = next((d for e in _END_VERB.finditer(clause) if (d := _full_date(clause, e.end()))), None)
        years, from_start = _duration(clause)
        if years is None and end_date is None:
            a = _ANNIVERSARY.search(clause)
            if a:
                n = a.group("n").lower()
                years, from_start = float(_ORDINALS.get(n) or int(re.sub(r"\D", "", n) or 0)) or None, True
                out.from_date_hereof = not re.search(r"(?i)effective\s+date", a.group(0))
        if end_date is not None or years is not None:
            if out.start is None and years is not None and end_date is None:
                b = _BEGINS_ON.search(clause)
                out.start = _full_date(clause, b.end()) if b else None
            found.append((end_date, years, from_start and end_date is None))
    # the first clause that states a length; an end date stated by any term clause wins over arithmetic
    if found:
        out.years = next((y for _, y, _ in found if y is not None), None)
        out.end = next((e for e, _, _ in found if e is not None), None)
        out.from_start = out.end is None and next(f for _, y, f in found if y is not None)
    if out.end is None:
        f = _END_FIELD.search(text[:20000])
        if f:
            out.end = _full_date(text, f.end())
    return out


def expiration_from(term: ContractTerm, start: str | None) -> str | None:
    """The initial term's last day as ISO: the stated end, else ``start`` + the duration when the
    duration runs from the start and is a whole number of months.  A term that runs from the
    date hereof runs from ``start`` (pass the agreement date), not from a start the clause states."""
    if term.end:
        return term.end
    start = start if term.from_date_hereof else term.start or start
    if not (term.from_start and term.years and start and len(start) == 10):
        return None
    months = term.years * 12
    if abs(months - round(months)) > 1e-6:
        return None  # weeks or days: no calendar anniversary
    return (Date.fromisoformat(start) + relativedelta(months=round(months))).isoformat()
