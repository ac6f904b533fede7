"""Layer 7 (kg.extract.payments): payments by the event each amount is tied to, and no payment from a
figure that is not an obligation (sales thresholds, damages awarded). Invented sentences."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.payments import payments_in
from kg.facts import PaymentKind as P

EVENTS = [
    ("Quell will pay up to GBP 2.0 million upon the start of a pivotal trial.", [(P.MILESTONE, Decimal("2000000"))]),
    ("Quell will pay $5 million upon signing and $3 million upon acceptance of the first batch.",
     [(P.UPFRONT, Decimal("5000000")), (P.MILESTONE, Decimal("3000000"))]),
    ("We are eligible to receive milestone payments of up to $85.0 million upon the achievement of annual net sales "
     "thresholds up to, but excluding, $1.0 billion in annual net sales.", [(P.MILESTONE, Decimal("85000000"))]),
    ("Additional sales milestones of up to $40 million are payable when annual net sales first exceed $500 million.",
     [(P.MILESTONE, Decimal("40000000"))]),
    ("Tarvo is entitled to up to $800 million in sales-related milestones.", [(P.MILESTONE, Decimal("800000000"))]),
    ("Tarvo paid an upfront fee of EUR 12 million at closing.", [(P.UPFRONT, Decimal("12000000"))]),
]


@pytest.mark.parametrize("sentence, expected", EVENTS, ids=[str(i) for i in range(len(EVENTS))])
def test_amounts_by_event(sentence, expected):
    got = [(p.kind, p.amount) for p in payments_in(sentence) if p.amount is not None]
    assert got == expected


@pytest.mark.parametrize("sentence", [
    "In 2019 a jury awarded Vexa $40 million in damages.",
    "The court entered a judgment of $12.5 million against Quell.",
    "Milestones are due on reaching $250 million in cumulative net sales.",
    "The tiers apply to annual net sales in excess of $100 million.",
])
def test_figures_that_are_not_obligations(sentence):
    assert [p for p in payments_in(sentence, default=P.OTHER) if p.amount is not None] == []


def test_the_aggregate_purchase_price_of_shares_is_a_payment_and_the_share_price_a_per_unit_term():
    s = ("Pursuant to the Stock Purchase Agreement we purchased 1.7 million shares of Quell common stock for an "
         "aggregate purchase price of $8.0 million in cash, or $4.65 per share.")
    assert [(p.kind, p.amount, p.per) for p in payments_in(s, per_share=True) if p.amount] == [
        (P.EQUITY, Decimal("8000000"), None), (P.EQUITY, Decimal("4.65"), "share")]


def test_the_total_consideration_of_a_purchase_is_its_price():
    s = "The total consideration payable by Brisk is $215 million, consisting of $110 million in cash and $85 million in Brisk common stock."
    got = [(p.amount) for p in payments_in(s, default=P.OTHER, per_share=True) if p.amount]
    assert got[0] == Decimal("215000000") and Decimal("110000000") in got
    assert Decimal("215000000") not in [p.amount for p in payments_in(s, default=P.OTHER)]  # not a purchase: a sum


@pytest.mark.parametrize("sentence, expected", [
    ("We must pay Quell milestone payments of up to an aggregate of $4.6 million for the first product.", [(P.MILESTONE, Decimal("4600000"))]),
    ("As of December 31, 2022, we have paid Quell milestones totaling $30.0 million.", [(P.MILESTONE, Decimal("30000000"))]),
    ("Quell is eligible for royalty payments aggregating up to $12 million.", [(P.ROYALTY, Decimal("12000000"))]),
    ("Quell pays $10 million upfront and $20 million in milestones, for a total of $30 million.",
     [(P.UPFRONT, Decimal("10000000")), (P.MILESTONE, Decimal("20000000"))]),
    ("In total, Quell has committed more than $200 million to the program.", []),
], ids=["aggregate-of", "milestones-totaling", "royalty-aggregating", "sum-of-kinds", "commitment"])
def test_an_aggregate_of_one_kind_is_its_cap_and_a_sum_of_kinds_is_no_payment(sentence, expected):
    assert [(p.kind, p.amount) for p in payments_in(sentence) if p.amount is not None] == expected


@pytest.mark.parametrize("sentence, kind, amount, currency", [
    ("The purchase price is Four Hundred Seventy Five Million New Taiwan Dollars.", P.OTHER, Decimal("475000000"), "TWD"),
    ("Quell paid NT$45 million at closing.", P.UPFRONT, Decimal("45000000"), "TWD"),
    ("We paid the Institute a one-time, non-refundable license issue fee of $75,000.", P.UPFRONT, Decimal("75000"), "USD"),
    ("The Company paid the University an initial license issuance fee of $1.0 million.", P.UPFRONT, Decimal("1000000"), "USD"),
    ("We pay the University an annual license maintenance fee of $20,000.", P.LICENSE_FEE, Decimal("20000"), "USD"),
], ids=["twd-words", "nt-dollar", "one-time-issue-fee", "initial-issuance-fee", "maintenance-fee"])
def test_currencies_abroad_and_one_time_issue_fees(sentence, kind, amount, currency):
    (p,) = [p for p in payments_in(sentence, default=P.OTHER) if p.amount is not None]
    assert (p.kind, p.amount, p.currency) == (kind, amount, currency)


@pytest.mark.parametrize("sentence, expected", [
    ("The Company paid the Foundation a license issue fee of C$150,000 upon signing.", P.UPFRONT),
    ("Quell will pay a license fee of $7.5 million upon execution of the agreement.", P.UPFRONT),
    ("Quell will pay a fee of $2 million upon acceptance of the first batch.", P.MILESTONE),
    ("A further license fee of EUR 1 million is due upon the first commercial sale.", P.MILESTONE),
    ("Quell pays an annual license maintenance fee of $40,000.", P.LICENSE_FEE),
], ids=["issue-fee-at-signing", "fee-at-execution", "fee-on-acceptance", "fee-on-first-sale", "annual-fee"])
def test_the_event_an_amount_is_due_on_decides_its_kind(sentence, expected):
    (p,) = [p for p in payments_in(sentence, default=P.LICENSE_FEE) if p.amount is not None]
    assert p.kind is expected


@pytest.mark.parametrize("sentence", [
    "If the average closing price of Halberd common stock is $12.625, each share will be exchanged for 0.5 shares.",
    "The acquisition includes distressed consumer receivables with a face value of $197 million.",
])
def test_market_prices_and_face_values_are_not_payments(sentence):
    assert [p for p in payments_in(sentence, default=P.OTHER, per_share=True) if p.amount is not None] == []


def test_a_hyphenated_reimbursed_is_no_reimbursement():
    assert [p for p in payments_in("The clinics provide Medicare-reimbursed home care services.") if p.kind is P.REIMBURSEMENT] == []


@pytest.mark.parametrize("sentence", [
    "Each holder would receive approximately $1.71 in value of Halberd common stock if such prices were $13.50.",
    "Assuming that the Company elected to pay the full $85 million in stock, it would issue 5.2 million shares.",
    "The acquisition includes $197 million of distressed consumer receivables.",
])
def test_illustrative_figures_and_assets_bought_are_not_payments(sentence):
    assert [p for p in payments_in(sentence, default=P.OTHER, per_share=True) if p.amount is not None] == []


def _deals_8k(text: str):
    """The agreements of a small invented 8-K whose filer is Tarvo Systems, Inc."""
    from kg.document import Filing
    from kg.extract import extract
    cover = "Tarvo Systems, Inc.\n(Exact name of registrant as specified in its charter)\n\nItem 1.01 Entry into a Material Definitive Agreement\n\n"
    return extract(Filing.from_texts(cover + text, path="/tmp/case/doc.txt", doc_types=("8-K",), fmt="text")).agreements


def test_a_financing_told_beside_a_deal_lends_it_no_amounts():
    text = ("On April 7, 2008, Tarvo Systems, Inc. entered into a merger agreement with Quell Software, Inc. for $340 million in cash. "
            "On the same day, Tarvo Systems, Inc. entered into a purchase agreement with Orrin Capital LP to sell 5,760,369 shares "
            "for $100.0 million and warrants to purchase 3,700,000 shares for $0.5 million.")
    (deal,) = _deals_8k(text)
    assert [p.amount for p in deal.payments if p.amount] == [340000000]


@pytest.mark.parametrize("sentence", [
    "In connection with the acquisition, the Company recorded goodwill of $12.4 million.",
    "The Company recognized a gain of $3.0 million on the sale.",
    "Income tax expense of $1.2 million was recorded.",
    "The Company recorded an impairment charge of $5 million on intangible assets.",
])
def test_accounting_figures_are_not_payments(sentence):
    assert [p for p in payments_in(sentence, default=P.OTHER) if p.amount is not None] == []


def test_a_debt_sentence_lends_its_amounts_to_no_deal():
    text = ("On September 30, 2019, Tarvo Systems, Inc. entered into an Intellectual Property Agreement with Quell Auto Inc., "
            "under which Tarvo Systems, Inc. granted Quell Auto Inc. a license to its patents. Quell Auto Inc. used the "
            "proceeds of a $270 million term loan to pay Tarvo Systems, Inc. $300 million, which Tarvo used to redeem its notes.")
    (deal,) = _deals_8k(text)
    assert [p.amount for p in deal.payments if p.amount] == []
