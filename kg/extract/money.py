"""One normaliser for money amounts (``lic:amount``, ``lic:currency``, ``lic:bound``, ``lic:per``).

Reads amounts written in figures ("$3 million", "US$60,000,000", "€25m",
"CHF 5 million", "$1.38 billion"), in words ("Sixty Million U.S. Dollars
(US$60,000,000)"), after a currency code or before a currency name ("25
million euros"), and redacted amounts (``[***]``, ``[REDACTED]``) which
become ``redacted=True`` with no amount.  The words just before an amount
give its bound ("up to" -> up-to, "approximately"/"nearly" -> approximately,
"at least"/"more than" -> at-least, else exact) and the words after it a
per-unit phrase ("per antigen target", "a quarter").  Bare figures are scaled
by a table's "in thousands" hint when the caller passes one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace as _replace
from decimal import Decimal, InvalidOperation

from kg.extract.lexicon import (
    BOUND_APPROX,
    BOUND_AT_LEAST,
    BOUND_UP_TO,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    SCALE_WORDS,
)
from kg.extract.scan import finditer_near
from kg.facts import Bound

__all__ = ["Money", "find_money", "hint_at", "parse_money", "scale_hint", "scale_hints", "words_to_number"]


@dataclass(frozen=True)
class Money:
    """One amount found in text; ``start``/``end`` are offsets of the amount itself."""

    amount: Decimal | None
    currency: str | None
    bound: Bound | None
    per: str | None
    redacted: bool
    start: int
    end: int


_CUR_ALT = "|".join(f"(?:{p})" for p, _ in CURRENCY_SYMBOLS)
_CURW_ALT = "|".join(f"(?:{p})" for p, _ in CURRENCY_WORDS)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
# scale words after a figure; single letters only when attached ("$5M", "€25m", "$500K")
_SCALE = r"(?:[\s-]*(?P<sw>thousand|million|billion|trillion|crores?|lakhs?|lacs?)\b|\s?(?P<sa>mm|mn|mio|bn)\b|(?P<sl>[kKmMbB])\b)"
# the currency token starts a word: "IFRS 15" is an accounting standard, not Rs 15 (also "ASC 606", "IAS 38")
_FIG_AFTER_CUR = re.compile(rf"(?<![A-Za-z])(?P<cur>{_CUR_ALT})\s?(?P<num>{_NUM}){_SCALE}?", re.I)
_FIG_BEFORE_WORD = re.compile(rf"(?<![\w$€£¥.,])(?P<num>{_NUM}){_SCALE}?\s+(?P<curw>{_CURW_ALT})\b", re.I)
# redacted amounts: a currency symbol or "dollars" next to [***], [*], [REDACTED], *****
_REDACT = r"\[\s*(?:\*+|\*\s)+\s*\]|\[\s*REDACTED\s*\]|\[\s*omitted\s*\]|\*{3,}|\[\s*•\s*\]"
# _REDACTED tried only near a "[" or "*" (kg.extract.scan.finditer_near): a match opens with its mark,
# or with a currency sign or code of at most two runs ("U.S. $") and a space before it
_REDACT_OPEN = re.compile(r"[\[*]")
_NON_SPACE = re.compile(r"\S")
_DIGIT = re.compile(r"\d")  # _NUM holds one (the same class)
# a currency word after a space, as _WORDS_MONEY and _FIG_BEFORE_WORD have it (the leading \s lets re skip ahead)
_CURW_AFTER_SPACE = re.compile(rf"\s(?:{_CURW_ALT})\b", re.I)
_REDACTED = re.compile(rf"(?:(?P<cur>{_CUR_ALT})\s?(?:{_REDACT})|(?:{_REDACT})\s+(?:million\s+|billion\s+)?(?P<curw>{_CURW_ALT})\b)", re.I)

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_MULTS = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_WORD = "|".join(sorted(list(_UNITS) + list(_MULTS), key=len, reverse=True))
# amounts in words, as contracts write them: "Sixty Million U.S. Dollars", "Two Hundred Fifty Thousand Dollars"
_WORDS_MONEY = re.compile(
    rf"\b(?P<words>(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*)\s+(?P<curw>{_CURW_ALT})\b"
    rf"(?:\s+and\s+(?:{_WORD})(?:[\s-]+(?:{_WORD}))*\s+cents?\b)?"  # "... Dollars and Sixty-Three Cents ($87,412.63)"
    rf"(?:\s*\(\s*(?P<fig>(?:{_CUR_ALT})\s?(?:{_NUM})(?:\s*(?:thousand|million|billion))?)\s*\))?",
    re.I,
)
_TAIL_UP_TO = re.compile(rf"(?:{BOUND_UP_TO})(?:\s+(?:an?|the|additional|further|total|aggregate|of|in|nearly|approximately|about|around|roughly))*\s*$", re.I)
_TAIL_APPROX = re.compile(rf"(?:{BOUND_APPROX})(?:\s+(?:an?|the|additional|further|total|aggregate|of))*\s*$", re.I)
_TAIL_AT_LEAST = re.compile(rf"(?:{BOUND_AT_LEAST})(?:\s+(?:an?|the|additional|further|total|aggregate|of))*\s*$", re.I)
# per-unit phrase after an amount: "per antigen target", "per year", "a quarter", "per annum"
_PER = re.compile(r"^\s*(?:per|for\s+each|each)\s+(?P<unit>(?!(?:and|or|the|of|in|to|which|upon|on|for)\b)[a-z][a-z-]*(?:\s+(?!(?:and|or|the|of|in|to|which|upon|on|for|that|is|was|will|payable)\b)[a-z][a-z-]*)?)", re.I)
_PER_TIME = re.compile(r"^\s*(?:a|an|every)\s+(?P<unit>year|quarter|month|annum|calendar\s+year|calendar\s+quarter)\b", re.I)
_PER_STOP_SECOND = {"target", "product", "program", "programme", "compound", "share", "indication", "year", "quarter", "month", "patient", "unit", "dose", "milestone", "candidate"}
_SCALE_HINT = re.compile(r"\bin\s+thousands\b|\(\s*(?:U\.?S\.?\s+)?(?:dollars|\$|€|euros?)\s+in\s+thousands|\b000s\b|\bin\s+\$?\s?000s?\b", re.I)
_SCALE_HINT_M = re.compile(r"\bin\s+millions\b", re.I)


def _currency_of(token: str, table: list[tuple[str, str]]) -> str | None:
    for pat, code in table:
        if re.fullmatch(pat, token.strip(), re.I) or re.fullmatch(pat, token, re.I):
            return code
    return None


def words_to_number(words: str) -> int | None:
    """Integer value of an amount in English words ("Sixty Million" -> 60000000); None if not one."""
    total, current = 0, 0
    seen = False
    for tok in re.split(r"[\s-]+", words.lower()):
        if not tok or tok == "and":
            continue
        if tok in _UNITS:
            current += _UNITS[tok]
            seen = True
        elif tok == "hundred":
            current = (current or 1) * 100
            seen = True
        elif tok in _MULTS:
            total += (current or 1) * _MULTS[tok]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _scale(m: re.Match) -> int:
    word = m.group("sw") or m.group("sa") or m.group("sl")
    return SCALE_WORDS.get(word.lower(), 1) if word else 1


def _to_decimal(num: str) -> Decimal | None:
    try:
        return Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None


def _bound(text: str, start: int) -> Bound:
    """Bound from the words just before ``start`` (same clause only)."""
    tail = text[max(0, start - 48):start]
    tail = re.split(r"[;.:](?=\s)|\n\s*\n", tail)[-1]
    if _TAIL_UP_TO.search(tail):
        return Bound.UP_TO
    if _TAIL_APPROX.search(tail):
        return Bound.APPROXIMATELY
    if _TAIL_AT_LEAST.search(tail):
        return Bound.AT_LEAST
    return Bound.EXACT


def _per(text: str, end: int) -> str | None:
    """Per-unit phrase right after an amount ("per antigen target" -> "antigen target")."""
    after = text[end:end + 60]
    m = _PER_TIME.match(after)
    if m:
        unit = m.group("unit").lower().replace("calendar ", "")
        return "year" if unit == "annum" else unit
    m = _PER.match(after)
    if not m:
        return None
    unit = " ".join(m.group("unit").lower().split())
    first, _, second = unit.partition(" ")
    if second and first in _PER_STOP_SECOND:
        unit = first  # "per product candidate" keeps two words, "per year thereafter" keeps one
    if unit == "annum":
        return "year"
    # "per calendar year" / "per contract quarter": the period, without the calendar qualifier
    m = re.fullmatch(r"(?:calendar|contract|fiscal)\s+(year|quarter|month)", unit)
    return m.group(1) if m else unit


class ScaleHint(int):
    """A document's "in thousands" multiplier, and the currency it is stated for (the reporting currency:
    "(euros in thousands)" -> EUR, else USD).  Amounts in other currencies and per-unit amounts keep
    their face value: "(in thousands, except per-FTE amounts and amounts denominated in foreign
    currencies)" is how notes say it, and the rule holds when they do not."""

    currency: str
    exempt_per: frozenset[str]

    def __new__(cls, mult: int, currency: str = "USD", exempt_per: frozenset[str] = frozenset({"share"})) -> "ScaleHint":
        obj = super().__new__(cls, mult)
        obj.currency, obj.exempt_per = currency, exempt_per
        return obj


_HINT_CURRENCY = [(re.compile(r"€|\beuros?\b|\bEUR\b", re.I), "EUR"), (re.compile(r"£|\bGBP\b|sterling", re.I), "GBP"),
                  (re.compile(r"\bCHF\b|Swiss\s+francs?", re.I), "CHF"), (re.compile(r"¥|\bJPY\b|\byen\b", re.I), "JPY"),
                  (re.compile(r"\bC\$|\bCAD\b|Canadian\s+dollars?", re.I), "CAD")]


# every scale statement holds one of these, in any case: texts without any are not scanned
_SCALE_KEYS = re.compile(r"thousands|millions|000", re.I)
_CODED_000 = re.compile(r"[\s$]000")  # "in 000s", "in $000": a figure's ",000" is no statement


def _may_state_scale(text: str) -> bool:
    if text.isascii():  # ASCII case folding: the lower-cased text holds the keys (faster than the pattern)
        low = text.lower()
        return "thousands" in low or "millions" in low or "000s" in low or _CODED_000.search(text) is not None
    return _SCALE_KEYS.search(text) is not None


def scale_hint(text: str) -> ScaleHint | None:
    """Multiplier for bare figures when a document states "in thousands" (or "in millions")."""
    if not _may_state_scale(text):
        return None
    m = _SCALE_HINT.search(text) or _SCALE_HINT_M.search(text)
    return _hint_of(text, m) if m else None


def scale_hints(text: str) -> list[tuple[int, ScaleHint]]:
    """Every scale statement of a text with its offset, in order: a statement governs the figures after
    it ("(Dollar amounts in thousands, ...)" heading a note deep in a 10-K; "the amounts are in millions"
    before a terms table) until the next one."""
    if not _MAY_HOLD_SCALE.search(text):
        return []
    found = sorted([m for rx in (_SCALE_HINT, _SCALE_HINT_M) for m in rx.finditer(text)], key=lambda m: m.start())
    return [(m.start(), _hint_of(text, m)) for m in found]


def hint_at(hints: list[tuple[int, ScaleHint]], pos: int) -> ScaleHint | None:
    """The scale statement in force at ``pos`` (the last one before it), or None."""
    at = None
    for start, hint in hints:
        if start > pos:
            break
        at = hint
    return at


_MAY_HOLD_SCALE = re.compile(r"thousands|millions|000", re.I)


def _hint_of(text: str, m: re.Match) -> ScaleHint:
    around = text[max(0, m.start() - 40): m.end() + 40]
    currency = next((c for rx, c in _HINT_CURRENCY if rx.search(around)), "USD")
    # the per-unit amounts the statement itself exempts: "except per share data", "except per-FTE amounts"
    tail = text[m.end(): m.end() + 160].split(")")[0]
    exempt = {"share"} | {u.lower() for u in re.findall(r"\bper[\s-]+([A-Za-z]+)", tail) if re.search(r"\bexcept\b", tail, re.I)}
    return ScaleHint(1000 if _SCALE_HINT.search(m.group(0)) else 10**6, currency, frozenset(exempt))


def find_money(text: str, hint: int | None = None) -> list[Money]:
    """Every amount in ``text`` in order, overlapping readings resolved to the longest."""
    found: list[Money] = []
    # what each pattern needs (checked faster than the pattern is tried): a figure needs a digit, a
    # currency word a space before it, a redaction mark "[" or "***"
    digits = _DIGIT.search(text) is not None
    cur_word = _CURW_AFTER_SPACE.search(text) is not None
    for m in (_WORDS_MONEY.finditer(text) if cur_word else ()):
        value = words_to_number(m.group("words"))
        if value is None:
            continue
        cur = _currency_of(m.group("curw"), CURRENCY_WORDS)
        if m.group("fig"):  # "Sixty Million U.S. Dollars (US$60,000,000)": the figures win
            inner = find_money(m.group("fig"))
            if inner and inner[0].amount is not None:
                value = inner[0].amount
                cur = inner[0].currency or cur
        found.append(Money(Decimal(value), cur, _bound(text, m.start()), _per(text, m.end()), False, m.start(), m.end()))
    for m in (_FIG_AFTER_CUR.finditer(text) if digits else ()):
        num = _to_decimal(m.group("num"))
        if num is None:
            continue
        mult = _scale(m)
        per = _per(text, m.end())
        end = m.end()
        cur = _currency_of(m.group("cur"), CURRENCY_SYMBOLS)
        # a per-unit amount the document's own "except per ..." leaves at face value ("$320,000 per FTE")
        exempt = per is not None and per.split()[0] in getattr(hint, "exempt_per", {"share"})
        if mult == 1 and hint and not exempt and cur == getattr(hint, "currency", cur) and (
                num < 10_000 if int(hint) >= 10**6 else ("." not in m.group("num")[-3:] and num < 1_000_000)):
            # "in millions": "$0.35", "$6.0" (never "$50,000"); "in thousands": "$2,500" (never "$1.5", nor a
            # figure written out in dollars, "$8,700,000", which a thousands note would print as 8,700)
            mult = int(hint)
        found.append(Money(num * mult, cur, _bound(text, m.start()), per, False, m.start(), end))
    for m in (_FIG_BEFORE_WORD.finditer(text) if digits and cur_word else ()):
        num = _to_decimal(m.group("num"))
        if num is None:
            continue
        cur = _currency_of(m.group("curw"), CURRENCY_WORDS)
        found.append(Money(num * _scale(m), cur, _bound(text, m.start()), _per(text, m.end()), False, m.start(), m.end()))
    for m in (finditer_near(_REDACTED, text, _REDACT_OPEN, 4, starts=_NON_SPACE) if "[" in text or "***" in text else ()):
        tok = m.group("cur") or m.group("curw")
        table = CURRENCY_SYMBOLS if m.group("cur") else CURRENCY_WORDS
        found.append(Money(None, _currency_of(tok, table), None, _per(text, m.end()), True, m.start(), m.end()))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Money] = []
    for mo in found:
        if out and mo.start < out[-1].end:
            continue  # overlaps a longer reading that starts earlier
        if mo.amount is not None:
            mo = _replace(mo, amount=_tidy(mo.amount))
        if out and _SUPERSEDED_JOIN.match(text[out[-1].end:mo.start]) and _SUPERSEDED_OPEN.search(text[max(0, out[-1].start - 40):out[-1].start]):
            out.pop()  # "increased from $40 million to up to $52.5 million": only the new figure stands
            out.append(mo)
            continue
        if out and _RANGE_JOIN.match(text[out[-1].end:mo.start]) and _RANGE_OPEN.search(text[max(0, out[-1].start - 20):out[-1].start]):
            # "ranging from $250 to $500", "between $1 and $2 million": one amount, the top, up-to
            lo = out.pop()
            mo = _replace(mo, start=lo.start, bound=Bound.UP_TO, currency=mo.currency or lo.currency)
        out.append(mo)
    return out


_RANGE_JOIN = re.compile(r"^\s*(?:to|and|-|–|through)\s*$", re.I)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s*$", re.I)
# changed figures: "increased from $40 million to up to $52.5 million", "reduced from EUR 5 million to EUR 3 million"
_SUPERSEDED_OPEN = re.compile(r"\b(?:increas|decreas|reduc|rais|ris|rose|chang|amend|revis|adjust|grew|grow|fell|expand|lower)\w*\s+from\s*$", re.I)
_SUPERSEDED_JOIN = re.compile(r"^\s*to\s*(?:(?:up\s+to|approximately|about|an\s+aggregate\s+of|a\s+total\s+of)\s*)?$", re.I)


def _tidy(d: Decimal) -> Decimal:
    """Whole amounts without a fractional part (1380000000.00 -> 1380000000)."""
    return Decimal(int(d)) if d == d.to_integral_value() else d.normalize()


def parse_money(text: str, hint: int | None = None) -> Money | None:
    """The first amount in ``text``, or None.

    >>> parse_money("up to nearly $40 million per antigen target").amount
    Decimal('40000000')
    """
    found = find_money(text, hint)
    return found[0] if found else None
