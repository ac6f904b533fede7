"""Contract payment clauses (kg.extract.contract_payments) on clauses written for these tests."""
from __future__ import annotations

from decimal import Decimal

from kg.extract.contract_payments import contract_payments
from kg.facts import PaymentKind as P

CLAUSES = """ARTICLE 4 - PAYMENTS
4.1 Upfront Payment. Within thirty (30) days after the Effective Date, Licensee shall pay Licensor a
non-refundable upfront payment of [***].
4.2 Milestones. Licensee shall pay Licensor the milestone payment of [***] upon first regulatory approval.
4.3 Royalties. Licensee shall pay Licensor a royalty of [***] percent ([***]%) of Net Sales of Products.
4.4 Minimum Annual Royalty. Licensee shall pay Licensor a minimum annual royalty of Forty Thousand Dollars
($40,000) per calendar year, creditable against royalties due in that year.
4.5 Royalty Reports. All royalties payable under Section 4.3 shall be paid within sixty (60) days of each quarter.
9.2 Insurance. Licensee shall maintain product liability insurance of at least $5,000,000 per occurrence and
shall pay all premiums.
9.3 Late Payments. Any amount not paid when due shall be payable with interest at one percent (1%) per month.
"""


def test_redacted_and_worded_contract_payments():
    got = [(p.kind, p.amount, p.currency, p.per, p.redacted) for p in contract_payments(CLAUSES, 0)]
    assert got == [
        (P.UPFRONT, None, None, None, True),
        (P.MILESTONE, None, None, None, True),
        (P.ROYALTY, None, None, None, True),
        (P.LICENSE_FEE, Decimal(40_000), "USD", "year", False),
    ]


def test_clauses_without_a_payment_obligation_give_nothing():
    text = ("2.1 License Grant. Licensor hereby grants Licensee a royalty-free license.\n"
            "7.1 Insurance. Licensee shall pay for insurance with limits of $2,000,000.\n")
    assert contract_payments(text, 0) == []
