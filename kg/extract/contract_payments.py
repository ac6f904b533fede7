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
from kg.facts import Payment, PaymentKind

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
    # one-time payments at signing: "upfront payment", "up-front fee", "signing fee"
    (re.compile(r"\bup-?\s?front\b|\bsigning\s+fee\b", re.I), PaymentKind.UPFRONT),
    # event-based payments: "milestone payment", "Milestone Payments"
    (re.compile(r"\bmilestones?\b", re.I), PaymentKind.MILESTONE),
    # running royalties: "a royalty of [***] percent", "royalties on Net Sales" (not "royalty-free")
    (re.compile(r"\broyalt(?:y|ies)\b(?!-free|\s+free)", re.I), PaymentKind.ROYALTY),
    # licence fees: "license fee", "license issue fee"
    (re.compile(r"\blicen[cs]e\s+(?:issue\s+)?fees?\b", re.I), PaymentKind.LICENSE_FEE),
]


def _kind(clause: str) -> PaymentKind | None:
    for rx, kind in _CUES:
        if rx.search(clause):
            return kind
    return None


def contract_payments(text: str, document: int) -> list[Payment]:
    """Payment obligations of the contract ``text`` (``documents[document]``), in order of first statement."""
    out: list[Payment] = []
    seen: set[tuple[PaymentKind, Decimal | None]] = set()
    for start, end in contract_clauses(text):
        clause = " ".join(text[start:end].split())
        if len(clause) > 1500 or not _OBLIGATION.search(clause) or _NOT_OBLIGATION.search(clause):
            continue
        kind = _kind(clause)
        if kind is None:
            continue
        money = [m for m in find_money(clause) if m.amount is not None]
        redacted = not money and bool(_REDACTION.search(clause))
        if not money and not redacted and kind is not PaymentKind.ROYALTY:
            continue  # a fee clause that states no amount (e.g. "as set forth in Exhibit B")
        mo = money[0] if money else None
        key = (kind, mo.amount if mo else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(Payment(
            kind=kind,
            amount=mo.amount if mo else None,
            currency=mo.currency if mo else None,
            bound=mo.bound if mo else None,
            per=mo.per if mo else None,
            redacted=redacted,
            evidence=make_evidence(document, text, start, end),
        ))
    return out
