"""Payment obligations stated in a contract's own clauses (``lic:Payment`` of an EX-10 agreement).

A contract states what one party "shall pay" the other: an upfront or
signing fee, milestone payments, royalties, annual licence or maintenance
fees (GOLD_SCHEMA ``license-fee``), often with the amount redacted in the
filed copy ("[***]", "*****").  This module reads those clauses only:

* a redacted amount becomes a payment with ``redacted=True`` and no amount;
* an amount in words with figures ("Fifty Thousand Dollars ($50,000) per
  calendar year") is read by :func:`kg.extract.money.find_money`;
* a royalty with no amount ("a royalty of [***] percent of Net Sales") is a
  royalty payment with no amount.

Each kind is kept once per amount (contracts repeat obligations in their
payment, reporting and audit articles).  Clauses about insurance, liability,
interest, audit costs or attorneys' fees are not payment obligations between
the parties and are skipped.
"""
from __future__ import annotations

import re
from decimal import Decimal

from kg.extract.money import find_money
from kg.extract.scan import AnyWord
from kg.extract.sentences import contract_clauses, make_evidence
from kg.facts import Bound, Payment, PaymentKind

__all__ = ["contract_payments"]

# Redaction markers of filed contracts (confidential treatment requests): "[***]", "[*]", "*****", "[REDACTED]".
_REDACTION = re.compile(r"\[\s*\*+\s*\]|\*{3,}|\[\s*(?:REDACTED|omitted)\s*\]", re.I)
# The clause obliges a party to pay ("Licensee shall pay", "payable within", "shall earn a royalty", "agrees to pay").
_OBLIGATION = re.compile(
    r"\b(?:shall|will|agrees?\s+to|must)\s+(?:also\s+)?(?:pay|remit|earn|receive|be\s+paid|reimburse|issue)\b"
    r"|\bpayable\b|\bshall\s+be\s+due\b", re.I
)
# Clauses whose amounts are not payments between the parties (insurance limits, liability caps, interest,
# audit costs, attorneys' fees, penalties, taxes).
_NOT_OBLIGATION = re.compile(
    r"\binsurance\b|\bliabilit|\bindemnif|\binterest\b|\baudit|\battorneys?['’]?\s+fees\b|\bpenalt|\bwithholding\b|\btax(?:es)?\b", re.I
)
# Payment-kind cues of contract clauses, most specific first (each a class of drafting):
_CUES: list[tuple[re.Pattern[str], PaymentKind]] = [
    # a floor on running royalties: "minimum annual royalty", "no less than $50,000 (the "Minimum Annual Royalty")"
    (re.compile(r"\bminimum\s+(?:annual\s+)?royalt(?:y|ies)\b", re.I), PaymentKind.ROYALTY),
    # one-time payments at signing: "upfront payment", "up-front fee", "signing fee", "Signing Payment"
    (re.compile(r"\bup-?\s?front\b|\bsigning\s+(?:fee|payment)\b|\binitial\s+payment\b", re.I), PaymentKind.UPFRONT),
    # event-based payments: "milestone payment", "Milestone Payments"
    (re.compile(r"\bmilestones?\b", re.I), PaymentKind.MILESTONE),
    # a share of what the licensee earns from sublicensees: "25% of Sublicense Income"
    (re.compile(r"\bsub-?licens\w*\s+(?:income|revenues?|consideration|receipts|fees)\b", re.I), PaymentKind.OTHER),
    # running royalties: "a royalty of [***] percent", "royalties on Net Sales" (not "royalty-free")
    (re.compile(r"\broyalt(?:y|ies)\b(?!-free|\s+free)", re.I), PaymentKind.ROYALTY),
    # licence fees: "license fee", "license issue fee", "annual (license) maintenance fee"
    (re.compile(r"\blicen[cs]e\s+(?:issue\s+)?fees?\b|\b(?:annual\s+)?(?:licen[cs]e\s+)?maintenance\s+fees?\b", re.I),
     PaymentKind.LICENSE_FEE),
    # patent and other costs the licensee pays back: "shall reimburse University for ... expenses"
    (re.compile(r"\breimburs", re.I), PaymentKind.REIMBURSEMENT),
    # shares issued as consideration: "shall issue ... 412,500 shares of Licensee's common stock"
    (re.compile(r"\bshares\s+of\s+(?:[\w'’]+\s+){0,3}(?:common|capital|ordinary)\s+(?:stock|shares)\b", re.I), PaymentKind.EQUITY),
]
# kinds whose obligation stands without a stated amount (a rate, a share count, a percentage)
_NO_AMOUNT_OK = {PaymentKind.ROYALTY, PaymentKind.EQUITY, PaymentKind.OTHER}
# kinds a clause lists amount by amount ("$75,000 upon ..., $400,000 upon ..."; "$15,000 ... and $30,000 ...")
_LISTED = {PaymentKind.MILESTONE, PaymentKind.LICENSE_FEE}
# a clause that introduces a list or table of payments: "the following one-time milestone payments ...:"
_INTRODUCES_LIST = re.compile(r"\bthe\s+following\b|:\s*$", re.I)


# A section heading on its own ("3.2 Milestone Payments.", "Section 4.1 License Fee."): its payment
# words name the kind of the obligations written under it ("Licensee shall pay Licensor [***] Dollars
# ($[***]) upon the first receipt of 510(k) clearance ...").
_HEADING = re.compile(
    r"(?:(?:Section|Article)\s+)?\d+(?:\.\d+)*\.?\s+(?P<h>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|and|for|to|the|&)){0,6})\.?")
_SECTION_START = re.compile(r"(?:(?:Section|Article)\s+)?\d+(?:\.\d+)+\.?\s")


# "a total sum of up to $18,000,000 ... (a) $1,000,000 upon ...": the clause sums its milestones
_AGGREGATE = re.compile(r"\b(?:up\s+to|total|aggregate|in\s+the\s+aggregate|maximum)\b", re.I)


# Every amount find_money reads has a figure, a redaction mark, a currency sign or a currency word;
# a clause with none of them is skipped without scanning (speed: most clauses state no money).
_MONEY_SIGNAL = re.compile(r"[\d*$\u20ac\u00a3\u00a5]")
_MONEY_WORD = AnyWord(("dollar", "euro", "pound", "yen", "franc", "kron", "yuan", "renminbi", "rmb", "won", "rupee", "real",
                       "peso", "usd", "eur", "gbp", "jpy", "chf", "cad", "aud", "million", "billion"))  # in any case


def _amount_slots(clause: str) -> list:
    """The amounts a clause states, one per slot: "[***] Dollars ($[***])" and "Fifty Thousand
    Dollars ($50,000)" are one slot each; equal amounts stated twice count once."""
    if not (_MONEY_SIGNAL.search(clause) or _MONEY_WORD.search(clause)):
        return []
    slots: list = []
    prev_end = -1
    for m in find_money(clause):
        if slots and m.redacted and slots[-1].redacted and re.fullmatch(r"\s*\(\s*", clause[prev_end:m.start]):
            prev_end = m.end
            continue  # the figures restating the words of the same redacted amount
        prev_end = m.end
        if m.amount is not None and any(x.amount == m.amount for x in slots):
            continue
        slots.append(m)
    return slots


def _kind(clause: str) -> PaymentKind | None:
    for rx, kind in _CUES:
        if rx.search(clause):
            return kind
    return None


def contract_payments(text: str, document: int) -> list[Payment]:
    """Payment obligations of the contract ``text`` (``documents[document]``), in order of first statement."""
    out: list[Payment] = []
    seen: set[tuple[PaymentKind, Decimal | None]] = set()
    heading_kind: PaymentKind | None = None
    list_kind: PaymentKind | None = None  # rows of a payment table under "the following milestone payments:"
    for start, end in contract_clauses(text):
        clause = " ".join(text[start:end].split())
        if _SECTION_START.match(clause):
            heading_kind = list_kind = None  # a new section: the previous heading and table no longer apply
        heading = _HEADING.fullmatch(clause)
        if heading:
            heading_kind = _kind(heading.group("h"))
            continue
        if len(clause) > 1500 or _NOT_OBLIGATION.search(clause):
            continue
        # amounts are read only where they can matter (speed: find_money is the costly step)
        if not _OBLIGATION.search(clause):
            slots = _amount_slots(clause) if list_kind is not None else []
            if slots:
                # a table row: its payment is the row's last amount ("... exceed $20,000,000   $1,000,000")
                _add(out, seen, list_kind, [slots[-1]], document, text, start, end)
            continue
        own_kind = _kind(clause)
        kind = own_kind or heading_kind
        if kind is None:
            continue
        slots = _amount_slots(clause)
        list_kind = kind if kind in _LISTED and _INTRODUCES_LIST.search(clause) and not slots else None
        if own_kind is None and not slots:
            continue  # under a payment heading, a clause without an amount ("within [***] of receipt")
        money = [m for m in slots if m.amount is not None]
        redacted_slots = [m for m in slots if m.redacted]
        redacted = not money and (bool(redacted_slots) or bool(_REDACTION.search(clause)))
        if not money and not redacted and kind not in _NO_AMOUNT_OK:
            continue  # a fee clause that states no amount (e.g. "as set forth in Exhibit B")
        if kind is PaymentKind.EQUITY:
            money = []  # share counts and prices are not the payment's amount
        stated: list = money[:1] or redacted_slots[:1] or [None]
        if kind in _LISTED and not _AGGREGATE.search(clause):
            # milestones are listed event by event in one clause ("$[***] upon ..., and $[***] upon ...");
            # other kinds state one amount, the rest being thresholds or credits
            stated = money or redacted_slots or [None]
        if (kind, None) in seen and (stated[0] is None or stated[0].amount is None):
            continue
        _add(out, seen, kind, stated, document, text, start, end, redacted=redacted,
             bound=Bound.AT_LEAST if _MINIMUM_ROYALTY.search(clause) and kind is PaymentKind.ROYALTY else None)
    return out


_MINIMUM_ROYALTY = re.compile(r"\bminimum\s+(?:annual\s+)?royalt|\bno\s+less\s+than\b", re.I)


def _add(out: list[Payment], seen: set, kind: PaymentKind, stated: list, document: int, text: str, start: int, end: int,
         redacted: bool | None = None, bound: Bound | None = None) -> None:
    """Append one payment per stated amount slot (None: no amount), skipping amounts already seen."""
    for mo in stated:
        amount = mo.amount if mo else None
        if amount is not None and (kind, amount) in seen:
            continue
        seen.add((kind, amount))
        out.append(Payment(
            kind=kind,
            amount=amount,
            currency=mo.currency if mo else None,  # "[***] Dollars": the currency survives the redaction
            bound=(bound or mo.bound or Bound.EXACT) if mo else None,
            per=mo.per if mo else None,
            redacted=bool(mo.redacted) if redacted is None and mo else bool(redacted),
            evidence=make_evidence(document, text, start, end),
        ))
