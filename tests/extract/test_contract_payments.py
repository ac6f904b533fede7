"""Contract payment clauses (kg.extract.contract_payments) on clauses written for these tests."""
from __future__ import annotations

from decimal import Decimal

from kg.extract.contract_payments import contract_payments
from kg.facts import Bound, PaymentKind as P

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
        (P.ROYALTY, Decimal(40_000), "USD", "year", False),  # a minimum annual royalty is a royalty (floor)
    ]


def test_clauses_without_a_payment_obligation_give_nothing():
    text = ("2.1 License Grant. Licensor hereby grants Licensee a royalty-free license.\n"
            "7.1 Insurance. Licensee shall pay for insurance with limits of $2,000,000.\n")
    assert contract_payments(text, 0) == []


def _kinds(text: str):
    return [(p.kind, p.amount, p.currency, p.redacted) for p in contract_payments(text, 0)]


def test_heading_names_the_kind_of_the_clause_under_it():
    text = ("5.1 Signing Payment.\nWithin ten (10) days after the Effective Date, Pellam shall pay to Orrin Two Hundred\n"
            "Thousand Dollars ($200,000), which shall be non-refundable.\n\n"
            "5.2 Development Milestones. Pellam shall pay Orrin [***] Dollars ($[***]) upon the first dosing of a patient\n"
            "in a Phase 2 trial, and [***] Dollars ($[***]) upon the first approval of a Licensed Product.\n")
    assert _kinds(text) == [
        (P.UPFRONT, Decimal(200_000), "USD", False),
        (P.MILESTONE, None, "USD", True),
        (P.MILESTONE, None, "USD", True),
    ]


def test_heading_kind_needs_an_amount_in_the_clause():
    text = ("6.2 Upfront Fee. Distributor shall pay Orrin EUR 2,000,000 on signature.\n"
            "Distributor shall pay such payment within [***] of receipt of the invoice.\n")
    assert _kinds(text) == [(P.UPFRONT, Decimal(2_000_000), "EUR", False)]


def test_heading_stops_at_the_next_section():
    text = ("7.1 Milestone Payments.\nPellam shall pay Orrin $1,000,000 upon first approval.\n\n"
            "7.2 Records. Pellam shall pay the costs of its accountants of up to $20,000 per audit year.\n")
    assert _kinds(text) == [(P.MILESTONE, Decimal(1_000_000), "USD", False)]


def test_milestones_listed_in_one_clause_are_each_a_payment_unless_summed():
    listed = "Pellam shall pay Orrin $500,000 upon IND acceptance and $2,500,000 upon first approval (milestone payments)."
    assert [a for _, a, _, _ in _kinds(listed)] == [Decimal(500_000), Decimal(2_500_000)]
    summed = ("Pellam shall pay Orrin milestone payments totalling up to $6,000,000 as follows: (a) $1,000,000 upon "
              "IND acceptance; (b) $5,000,000 upon first approval.")
    assert [(k, a) for k, a, _, _ in _kinds(summed)] == [(P.MILESTONE, Decimal(6_000_000))]


UNIVERSITY_LICENCE = """3.   CONSIDERATION

     3.2  Equity. Within thirty (30) days after the Effective Date, Licensee
shall issue to Institute two hundred thousand (200,000) shares of Licensee's
common stock.

     3.3  Annual License Maintenance Fee. Licensee shall pay Institute an
annual license maintenance fee of Ten Thousand Dollars ($10,000) on the first
anniversary and Twenty Thousand Dollars ($20,000) on each later anniversary.

     3.4  Royalties. Licensee shall pay Institute a royalty of two percent (2%) of
Net Sales; the royalties for each year shall be no less than Forty Thousand
Dollars ($40,000) (the "Minimum Annual Royalty").

     3.5  Sublicense Income. Licensee shall pay Institute twenty percent (20%) of
Sublicense Income.

     3.6  Milestone Payments. Licensee shall pay Institute the following
one-time milestone payments within thirty (30) days after each event:

     (a) First dosing of a human subject                      $50,000

     (b) First filing of an IDE                               $[***]

     (c) First year in which Net Sales exceed Ten Million
         Dollars ($10,000,000)                                $500,000

     3.7  Patent Costs. Licensee shall reimburse Institute for its patent
expenses through the Effective Date in the amount of Twelve Thousand Three
Hundred Dollars and Forty Cents ($12,300.40).

     4.1  Diligence. Licensee shall use commercially reasonable efforts.
"""


def test_university_licence_consideration_article():
    got = [(p.kind, p.amount, p.bound) for p in contract_payments(UNIVERSITY_LICENCE, 0)]
    B = Bound
    assert got == [
        (P.EQUITY, None, None),  # a share count is not a money amount
        (P.LICENSE_FEE, Decimal(10_000), B.EXACT), (P.LICENSE_FEE, Decimal(20_000), B.EXACT),
        (P.ROYALTY, Decimal(40_000), B.AT_LEAST),
        (P.OTHER, None, None),  # a share of sublicense income
        # the table rows under "the following ... milestone payments": each row's last amount
        (P.MILESTONE, Decimal(50_000), B.EXACT), (P.MILESTONE, None, B.EXACT), (P.MILESTONE, Decimal(500_000), B.EXACT),
        (P.REIMBURSEMENT, Decimal("12300.40"), B.EXACT),  # words and cents restated in figures: one amount
    ]
