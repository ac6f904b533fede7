"""Payments of one sentence (kg.extract.payments), on sentences written for these tests."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.payments import classify_amount, payments_in
from kg.facts import Bound, PaymentKind as P


def kinds(sentence: str, hint: int | None = None, default=None):
    return [(p.kind, p.amount) for p in payments_in(sentence, hint, default)]


def test_upfront_and_milestone_per_target():
    s = ("Orion will pay an up-front access fee of $6 million and milestone payments of up to "
         "$55 million per antibody target, and royalties on net sales.")
    pays = payments_in(s)
    assert [(p.kind, p.amount) for p in pays] == [
        (P.UPFRONT, Decimal(6_000_000)), (P.MILESTONE, Decimal(55_000_000)), (P.ROYALTY, None)]
    assert pays[1].bound is Bound.UP_TO and pays[1].per == "antibody target"


def test_most_specific_cue_wins_in_the_noun_phrase():
    assert kinds("Vega will pay an upfront license fee of $12 million.") == [(P.UPFRONT, Decimal(12_000_000))]


def test_cue_after_the_amount():
    s = "Tarn may receive up to $900 million in additional payments upon specified regulatory and commercial milestones."
    assert kinds(s) == [(P.MILESTONE, Decimal(900_000_000))]


def test_equity_loan_and_reimbursement():
    assert kinds("Helix will buy $40 million of newly issued Corvo common stock.") == [(P.EQUITY, Decimal(40_000_000))]
    assert kinds("Helix will lend Corvo up to $30 million to fund the program.")[0] == (P.LOAN, Decimal(30_000_000))
    assert kinds("Helix will reimburse Corvo for approximately $2 million of trial costs.") == [
        (P.REIMBURSEMENT, Decimal(2_000_000))]


def test_totals_and_share_prices_are_not_payments():
    assert kinds("for a total of approximately $300 million over the term") == []
    assert kinds("The shares were sold at $21.50 per share.") == []


def test_payment_words_without_amounts():
    s = "Corvo will be reimbursed for clinical supplies and is entitled to tiered royalties in the low double digits."
    pays = payments_in(s)
    assert [p.kind for p in pays] == [P.REIMBURSEMENT, P.ROYALTY]
    assert pays[1].rate is not None and "double" in pays[1].rate


def test_royalty_bearing_is_not_a_royalty_payment():
    assert kinds("Pell obtained a royalty-bearing, non-exclusive license.") == []


def test_list_of_amounts_carries_kind_and_per():
    s = "annual maintenance fees of $5 in each of 2016 and 2017, $10 in each of 2018 and 2019"
    pays = payments_in(s, hint=1000)
    assert [(p.kind, p.amount, p.per) for p in pays] == [
        (P.LICENSE_FEE, Decimal(5000), "year"), (P.LICENSE_FEE, Decimal(10000), "year")]


def test_default_kind_for_bare_amounts():
    s = "Corvo will pay Helix $4 million each quarter."
    assert kinds(s) == []
    assert kinds(s, default=P.LICENSE_FEE) == [(P.LICENSE_FEE, Decimal(4_000_000))]


def test_per_unit_milestones_without_amount():
    s = "Arden may earn development milestones for the first product and for each additional product."
    (p,) = payments_in(s)
    assert p.kind is P.MILESTONE and p.amount is None and p.per == "product"


def test_redacted_payment():
    (p,) = payments_in("Licensee shall pay an upfront fee of $[***] within thirty days.")
    assert p.kind is P.UPFRONT and p.redacted is True and p.amount is None


def test_classify_amount_directly():
    assert classify_amount("a termination fee equal to ", "") is P.OTHER
    assert classify_amount("", " in research funding per year") is P.RESEARCH_FUNDING
    assert classify_amount("a payment of ", " at closing") is P.UPFRONT


@pytest.mark.parametrize(
    "sentence,amount,currency",
    [("Partner will pay an upfront fee of JPY 2.5 billion (approximately US$23 million).", Decimal(2_500_000_000), "JPY"),
     ("Partner will pay an upfront fee of EUR 12 million (approx. $13.1 million).", Decimal(12_000_000), "EUR")],
    ids=["jpy-approx-usd", "eur-approx-usd"],
)
def test_convenience_translation_is_one_payment_in_the_original_currency(sentence, amount, currency):
    got = payments_in(sentence)
    assert [(p.kind, p.amount, p.currency) for p in got] == [(P.UPFRONT, amount, currency)]


def test_accounting_standard_in_a_fee_sentence_is_not_a_payment():
    got = payments_in("The upfront payment of $8 million will be recognised in accordance with IFRS 15.")
    assert [(p.kind, p.amount, p.currency) for p in got] == [(P.UPFRONT, Decimal(8_000_000), "USD")]


# -- a cue written after its amount belongs to that amount, not to the next one

@pytest.mark.parametrize("sentence,expected", [
    ("Kestrel receives $75 million upfront and up to $640 million in development and sales milestones.",
     [(P.UPFRONT, Decimal(75_000_000)), (P.MILESTONE, Decimal(640_000_000))]),
    ("Under the 2019 agreement Rowan paid $20 million up front and made a $5 million equity investment in Kestrel.",
     [(P.UPFRONT, Decimal(20_000_000)), (P.EQUITY, Decimal(5_000_000))]),
    ("Halden pays CHF 8 million upfront, CHF 2 million in research funding and buys CHF 4 million of Kestrel stock.",
     [(P.UPFRONT, Decimal(8_000_000)), (P.RESEARCH_FUNDING, Decimal(2_000_000)), (P.EQUITY, Decimal(4_000_000))]),
    ("Orsa gets EUR 10 million upfront and is eligible for up to EUR 300 million in clinical, regulatory and "
     "commercial milestones Vela to make an equity investment of EUR 7 million in Orsa",
     [(P.UPFRONT, Decimal(10_000_000)), (P.MILESTONE, Decimal(300_000_000)), (P.EQUITY, Decimal(7_000_000))]),
], ids=["upfront-then-milestones", "upfront-then-equity", "three-post-cues", "headline-run-on"])
def test_post_cue_is_not_reused_by_the_next_amount(sentence, expected):
    assert kinds(sentence) == expected


def test_cue_that_leads_on_to_the_next_amount_stays_with_it():
    # "milestone payments of up to $12 million": the cue introduces the second amount
    got = kinds("Pyxis pays $3 million in cash and milestone payments of up to $12 million.")
    assert got[-1] == (P.MILESTONE, Decimal(12_000_000))


# -- payment phrasings named by when they are paid

@pytest.mark.parametrize("sentence,kind", [
    ("Marlow is paying Ostrava $9 million at signing.", P.UPFRONT),
    ("A payment of $2.5 million is due upon execution of this Agreement.", P.UPFRONT),
    ("Pell may earn up to $60 million upon the achievement of specified regulatory events.", P.MILESTONE),
    ("Ferro will fund research at Ostrava of roughly $1.5 million per year.", P.RESEARCH_FUNDING),
    ("Under the amendment, Pell will pay a one-time amendment fee of $4 million.", P.OTHER),
], ids=["at-signing", "upon-execution", "upon-achievement", "fund-research", "amendment-fee"])
def test_payment_named_by_its_occasion(sentence, kind):
    assert [k for k, _ in kinds(sentence)][:1] == [kind]


def test_achievement_phrase_words_are_not_payments_of_their_own():
    s = ("The company may receive up to $25 million on the achievement of approval, pricing and "
         "reimbursement and first-sale milestones.")
    assert kinds(s) == [(P.MILESTONE, Decimal(25_000_000))]


# -- a share subscription priced "for a total of" is an equity payment, not an aggregate

def test_share_subscription_total_is_equity():
    s = "Corvina agreed to subscribe for 1,200,000 new ordinary shares of Tessel for a total of GBP 6 million."
    assert kinds(s) == [(P.EQUITY, Decimal(6_000_000))]


def test_deal_total_is_still_not_a_payment():
    assert kinds("The deal has a total value of up to $410 million, including milestones.") == [(P.MILESTONE, None)]


# -- parts and period figures are not payments of their own

def test_instalment_of_a_stated_fee_is_not_a_second_payment():
    s = ("Halden will pay a licence fee of CHF 9,000,000, of which CHF 4,000,000 is payable upon signing and the "
         "rest after six months.")
    assert kinds(s) == [(P.LICENSE_FEE, Decimal(9_000_000))]


def test_earned_part_of_a_milestone_cap_is_a_payment():
    s = ("Tessel may receive milestone payments of up to $80 million, of which $5 million became "
         "payable on the first patient dosed.")
    got = payments_in(s)
    assert [(p.kind, p.amount, p.bound) for p in got] == [
        (P.MILESTONE, Decimal(80_000_000), Bound.UP_TO), (P.MILESTONE, Decimal(5_000_000), Bound.EXACT)]


def test_booked_period_figures_are_not_payments():
    s = ("During the years ended June 30, 2019 and 2018, we recorded royalty expense of $1.2 million and "
         "$0.9 million, respectively.")
    assert [a for _, a in kinds(s)] == [None] or kinds(s) == []


@pytest.mark.parametrize("sentence", [
    "Varsha Agro pays Rs. 6 crore on signing and a further Rs. 3 crore when the hybrid is approved for sale.",
    "Kellan will pay an additional $4 million upon first regulatory approval in Europe.",
    "A payment of EUR 1 million is due upon the first commercial sale in Germany.",
], ids=["when-approved", "upon-approval", "first-commercial-sale"])
def test_payment_on_an_event_is_a_milestone(sentence):
    assert kinds(sentence)[-1][0] is P.MILESTONE


@pytest.mark.parametrize("sentence,expected", [
    ("Upon exercise, Corvel will pay an option exercise fee of $7 million per program.", [(P.OTHER, Decimal(7_000_000))]),
    ("Corvel is funding our development activities under an agreed budget of up to $2.5 million per year.",
     [(P.RESEARCH_FUNDING, Decimal(2_500_000))]),
    ("As of June 30, 2020, we had paid Brenna an aggregate of $1.2 million under the agreement.", []),
], ids=["exercise-fee", "funding-development", "aggregate-of-paid-to-date"])
def test_exercise_fees_development_funding_and_paid_to_date(sentence, expected):
    assert kinds(sentence) == expected


def test_part_named_after_its_amount_and_deductions_are_not_payments():
    from kg.facts import PaymentKind
    s = "Under the settlement, Orvane will pay Kestrel $8 million for past sales, $3 million of which has been received."
    assert kinds(s, default=PaymentKind.OTHER) == [(P.OTHER, Decimal(8_000_000))]
    s = "The Company will record the settlement payment, net of related legal expenses of about $1.1 million, as income."
    assert kinds(s, default=PaymentKind.OTHER) == []
