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
from kg.extract.sentences import contract_clauses, make_evidence
from kg.facts import Bound, Payment, PaymentKind

__all__ = ["contract_payments"]

# Redaction markers of filed contracts (confidential treatment requests): "[***]", "[*]", "*****", "[REDACTED]".
_REDACTION = re.compile(r"\[\s*\*+\s*\]|\*{3,}|\[\s*(?:REDACTED|omitted)\s*\]", re.I)
# The clause obliges a party to pay ("Licensee shall pay", "payable within", "shall earn a royalty", "agrees to pay").
_OBLIGATION = re.compile(
    r"\b(?:shall|will|agrees?\s+to|must)\s+(?:also\s+)?(?:pay|remit|earn|receive|be\s+paid)\b|\bpayable\b|\bshall\s+be\s+due\b", re.I
)
# Clauses whose amounts are not payments between the parties (insurance limits, liability caps, interest,
# audit costs, attorneys' fees, penalties, taxes).
_NOT_OBLIGATION = re.compile(
    r"\binsurance\b|\bliabilit|\bindemnif|\binterest\b|\baudit|\battorneys?['’]?\s+fees\b|\bpenalt|\bwithholding\b|\btax(?:es)?\b", re.I
)
# Payment-kind cues of contract clauses, most specific first (each a class of drafting):
_CUES: list[tuple[re.Pattern[str], PaymentKind]] = [
    # guaranteed yearly payments: "minimum annual royalty", "annual license fee", "annual maintenance fee"
    (re.compile(r"\bminimum\s+(?:annual\s+)?royalt(?:y|ies)\b|\bannual\s+(?:licen[cs]e|maintenance)\s+fees?\b", re.I), PaymentKind.LICENSE_FEE),
    # one-time payments at signing: "upfront payment", "up-front fee", "signing fee", "Signing Payment"
    (re.compile(r"\bup-?\s?front\b|\bsigning\s+(?:fee|payment)\b|\binitial\s+payment\b", re.I), PaymentKind.UPFRONT),
    # event-based payments: "milestone payment", "Milestone Payments"
    (re.compile(r"\bmilestones?\b", re.I), PaymentKind.MILESTONE),
    # running royalties: "a royalty of [***] percent", "royalties on Net Sales" (not "royalty-free")
    (re.compile(r"\broyalt(?:y|ies)\b(?!-free|\s+free)", re.I), PaymentKind.ROYALTY),
    # licence fees: "license fee", "license issue fee"
    (re.compile(r"\blicen[cs]e\s+(?:issue\s+)?fees?\b", re.I), PaymentKind.LICENSE_FEE),
]


# A section heading on its own ("3.2 Milestone Payments.", "Section 4.1 License Fee."): its payment
# words name the kind of the obligations written under it ("Licensee shall pay Licensor [***] Dollars
# ($[***]) upon the first receipt of 510(k) clearance ...").
_HEADING = re.compile(
    r"(?:(?:Section|Article)\s+)?\d+(?:\.\d+)*\.?\s+(?P<h>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|and|for|to|the|&)){0,6})\.?")
_SECTION_START = re.compile(r"(?:(?:Section|Article)\s+)?\d+(?:\.\d+)+\.?\s")


# "a total sum of up to $18,000,000 ... (a) $1,000,000 upon ...": the clause sums its milestones
_AGGREGATE = re.compile(r"\b(?:up\s+to|total|aggregate|in\s+the\s+aggregate|maximum)\b", re.I)


def _amount_slots(clause: str) -> list:
    """The amounts a clause states, one per slot: "[***] Dollars ($[***])" and "Fifty Thousand
    Dollars ($50,000)" are one slot each; equal amounts stated twice count once."""
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
    for start, end in contract_clauses(text):
        clause = " ".join(text[start:end].split())
        if _SECTION_START.match(clause):
            heading_kind = None  # a new section: the previous heading no longer applies
        heading = _HEADING.fullmatch(clause)
        if heading:
            heading_kind = _kind(heading.group("h"))
            continue
        if len(clause) > 1500 or not _OBLIGATION.search(clause) or _NOT_OBLIGATION.search(clause):
            continue
        own_kind = _kind(clause)
        kind = own_kind or heading_kind
        if kind is None:
            continue
        slots = _amount_slots(clause)
        if own_kind is None and not slots:
            continue  # under a payment heading, a clause without an amount ("within [***] of receipt")
        money = [m for m in slots if m.amount is not None]
        redacted_slots = [m for m in slots if m.redacted]
        redacted = not money and (bool(redacted_slots) or bool(_REDACTION.search(clause)))
        if not money and not redacted and kind is not PaymentKind.ROYALTY:
            continue  # a fee clause that states no amount (e.g. "as set forth in Exhibit B")
        stated: list = money[:1] or redacted_slots[:1] or [None]
        if kind is PaymentKind.MILESTONE and not _AGGREGATE.search(clause):
            # milestones are listed event by event in one clause ("$[***] upon ..., and $[***] upon ...");
            # other kinds state one amount, the rest being thresholds or credits
            stated = money or redacted_slots or [None]
        if (kind, None) in seen and (stated[0] is None or stated[0].amount is None):
            continue
        for mo in stated:
            amount = mo.amount if mo else None
            if amount is not None and (kind, amount) in seen:
                continue
            seen.add((kind, amount))
            out.append(Payment(
                kind=kind,
                amount=amount,
                currency=mo.currency if mo else None,  # "[***] Dollars": the currency survives the redaction
                bound=(mo.bound or Bound.EXACT) if mo else None,
                per=mo.per if mo else None,
                redacted=redacted,
                evidence=make_evidence(document, text, start, end),
            ))
    return out
