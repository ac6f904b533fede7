"""Layer 7 (kg.extract.payments): figures that are no payment of the deal they sit next to.

Paraphrase suites (invented sentences), one per class of error seen on real 8-Ks: accounting figures of
financial-statement notes, illustrative or hypothetical figures, escrow hold-backs, sizes of acquired
assets, and a price per share printed with "$" whose own total is in another currency.  Each suite asserts
what must not be a payment and, beside it, what must stay one.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.payments import payments_in
from kg.facts import PaymentKind as P


def _amounts(sentence: str, **kw) -> list[Decimal]:
    kw.setdefault("default", P.OTHER)
    return [p.amount for p in payments_in(sentence, **kw) if p.amount is not None]


# -- accounting figures ------------------------------------------------------------------------------------
ACCOUNTING = [
    "As a result, Orrin recognized a gain of $4,335,000 on the sale.",
    "The Company recorded goodwill of $850,000 in connection with the purchase.",
    "The transaction reflects a reduction by $3,512,000 in the carried amount of its investment.",
    "Fees earned in 2019 and 2020 by the Company under the arrangement amounted to $5,558,000 and $12,027,000, respectively.",
    "Income tax expense of $1.6 million was provided on the gain.",
    "The fair market value of our investment in Quell as of December 31, 2022 and 2021 was $29.0 million and $38.9 million, respectively.",
    "Tarvo wrote down $2.2 million of the acquired inventory.",
    "The carrying amount of the note was $7.5 million at year end.",
    "Amortization expense of $1.1 million was recorded on the acquired intangible assets.",
    "Revenues under the agreement were $3.2 million and $2.7 million for the years ended June 30, 2021 and 2020, respectively.",
    "The Company recognized an impairment charge of $12 million on the licensed technology.",
]


@pytest.mark.parametrize("sentence", ACCOUNTING, ids=[str(i) for i in range(len(ACCOUNTING))])
def test_accounting_figures_are_no_payments(sentence):
    assert _amounts(sentence, per_share=True) == []


@pytest.mark.parametrize("sentence, amount", [
    ("Quell paid the Company an upfront payment of $10.0 million, which the Company recognized as revenue.", Decimal("10000000")),
    ("We paid milestones of $7.5 million and $20.0 million in 2020 and 2021, respectively.", Decimal("7500000")),
    ("The Company paid the University a license issue fee of $1.0 million, which was recorded as research expense.", Decimal("1000000")),
], ids=["upfront-recognized", "milestones-respectively", "fee-recorded"])
def test_payments_told_with_their_booking_stay_payments(sentence, amount):
    assert amount in _amounts(sentence)


# -- illustrative and hypothetical figures --------------------------------------------------------------------
HYPOTHETICAL = [
    "If the average closing price of Orrin common stock were $12.625, holders of Quell stock would receive approximately $1.71 in value per share.",
    "Assuming that Orrin elected to pay the full $85 million in common stock, Orrin would issue approximately 5.2 million shares of Orrin common stock.",
    "For example, if the Orrin stock price was $14.00 at closing, each Quell share would be exchanged for $2.10 of Orrin stock.",
    "By way of illustration, at a price of $20 a holder of 100 shares would receive $310.",
    "Had the closing price been $9.50, the merger consideration would have been approximately $88 million.",
    "Assuming a share price of $18.40, the stock portion would be worth about $40 million.",
    "The following example is illustrative only: a holder would receive $3.25 for each share.",
    "If the Orrin price is $11.00 on the measurement date, the aggregate consideration would be approximately $96 million.",
    "Hypothetically, a 10% decline would reduce the value of the stock consideration to $54 million.",
    "If such prices were $13.50, Quell stockholders would receive approximately $1.58 in value of Orrin common stock for each share.",
]


@pytest.mark.parametrize("sentence", HYPOTHETICAL, ids=[str(i) for i in range(len(HYPOTHETICAL))])
def test_hypothetical_figures_are_no_payments(sentence):
    assert [p for p in payments_in(sentence, default=P.OTHER, per_share=True) if p.amount is not None] == []


@pytest.mark.parametrize("sentence, amount", [
    ("If the Sale Agreement is terminated under certain circumstances, the Buyer will pay a termination fee of $27,000,000.", Decimal("27000000")),
    ("Tarvo will pay up to $8.0 million, if at all, following the closing upon the achievement of revenue targets.", Decimal("8000000")),
    ("If Quell were to terminate the agreement, it would be required to pay Orrin a fee of $5 million.", Decimal("5000000")),
    ("Orrin will issue 1,370,000 shares of Orrin common stock and pay $9.5 million in cash.", Decimal("9500000")),
], ids=["termination-fee", "if-at-all", "were-to-terminate", "plain-consideration"])
def test_conditional_obligations_stay_payments(sentence, amount):
    assert amount in _amounts(sentence, per_share=True)


# -- escrow hold-backs ----------------------------------------------------------------------------------------
ESCROW = [
    ("At the closing, Orrin will deposit $5.8 million of the purchase price in an escrow account to secure indemnification.", []),
    ("The consideration is $24,000,000 in Orrin stock, of which $22,800,000 will be payable at closing and $1,200,000 "
     "will be placed into escrow to secure indemnity obligations.", [Decimal("24000000")]),  # the part due at closing is an instalment
    ("Of the cash price, $3 million will be held in escrow for twelve months.", []),
    ("Orrin paid $40 million in cash, and $4 million was deposited with an escrow agent.", [Decimal("40000000")]),
    ("A holdback of $2.5 million will secure the sellers' indemnification obligations.", []),
    ("An escrow of $1.5 million was established from the purchase price.", []),
    ("Tarvo will pay $60 million at closing, with $6 million held back for eighteen months.", [Decimal("60000000")]),
    ("The purchase price of $18 million includes $1.8 million that will be placed in a third-party escrow.", [Decimal("18000000")]),
    ("Quell deposited $750,000 into escrow at signing.", []),
    ("Orrin will pay the sellers $12.0 million, of which $1.2 million will be retained as security for claims.", [Decimal("12000000")]),
]


@pytest.mark.parametrize("sentence, expected", ESCROW, ids=[str(i) for i in range(len(ESCROW))])
def test_escrow_holdbacks_are_part_of_the_price_not_payments(sentence, expected):
    assert _amounts(sentence, per_share=True) == expected


# -- sizes of acquired assets ----------------------------------------------------------------------------------
ASSETS = [
    ("The acquired business includes portfolios of consumer receivable debt of approximately $197 million, all acquired for approximately $13.5 million.",
     [Decimal("13500000")]),
    ("We view the acquisition as a $197 million portfolio purchase of consumer receivables at an attractive price.", []),
    ("Orrin bought $40 million of delinquent loans for $6 million.", [Decimal("6000000")]),
    ("The bank will assume $120 million in deposits and pay a premium of $2.1 million.", [Decimal("2100000")]),
    ("Quell acquired receivables with a face value of $55 million for $9 million in cash.", [Decimal("9000000")]),
    ("The adviser, with $2.3 billion of assets under management, was acquired for $30 million.", [Decimal("30000000")]),
    ("The purchased debt portfolios of $410 million were bought at 4% of face value.", []),
    ("Tarvo purchased a $75 million loan portfolio from the lender.", []),
    ("Under the purchase agreement Orrin acquired accounts with a principal amount of $18 million for $1.2 million.", [Decimal("1200000")]),
    ("The seller's inventory of $4 million is included in the $22 million purchase price.", [Decimal("22000000")]),
]


@pytest.mark.parametrize("sentence, expected", ASSETS, ids=[str(i) for i in range(len(ASSETS))])
def test_sizes_of_acquired_assets_are_no_payments(sentence, expected):
    assert _amounts(sentence, per_share=True) == expected


# -- a "$" price per share whose total is in another currency ---------------------------------------------------
LOCAL = [
    ("Aker will sell 5,500,000 shares of common stock for a purchase price of $8.182 per share for an aggregate purchase "
     "price of Forty Five Million New Taiwan Dollars, or approximately $1.4 million.", "TWD", Decimal("8.182")),
    ("Orrin will buy 2,000,000 shares for a purchase price of $12.50 per share, a total of 25 million euros.", "EUR", Decimal("12.50")),
    ("The buyer acquires 10,000,000 shares for a purchase price of $3 per share for an aggregate of RMB 30 million.", "CNY", Decimal("3")),
    ("Quell agreed to purchase 4,000,000 shares for $150 per share, or JPY 600 million in all.", "JPY", Decimal("150")),
    ("The 1,000,000 shares will be sold for $5.00 per share for a total price of 5 million Swiss francs.", "CHF", Decimal("5.00")),
    ("Tarvo buys 3 million shares for $20 per share, for 60 million Hong Kong dollars.", "HKD", Decimal("20")),
]


@pytest.mark.parametrize("sentence, currency, price", LOCAL, ids=[c for _, c, _ in LOCAL])
def test_a_share_price_takes_the_currency_its_total_is_stated_in(sentence, currency, price):
    (p,) = [p for p in payments_in(sentence, default=P.OTHER, per_share=True) if p.per == "share"]
    assert (p.amount, p.currency) == (price, currency)


@pytest.mark.parametrize("sentence", [
    "Orrin will buy 2,000,000 shares for a purchase price of $12.50 per share, or approximately 22 million euros.",  # no product match: dollars stay
    "Orrin will buy 2,000,000 shares for a purchase price of $12.50 per share for a total of $25 million.",
    "Quell buys 1,000,000 shares for US$7.00 per share, a total of 7 million euros.",  # the currency is written out
    "Tarvo acquires 500,000 shares for $40.00 per share; the seller receives EUR 20 million for its other assets.",
], ids=["no-match", "usd-total", "us-dollar-sign", "other-clause"])
def test_a_share_price_keeps_dollars_when_the_arithmetic_does_not_say_otherwise(sentence):
    prices = [p for p in payments_in(sentence, default=P.OTHER, per_share=True) if p.per == "share"]
    assert prices and all(p.currency == "USD" for p in prices)


# -- layer 5: which deal an amount belongs to -----------------------------------------------------------------------
_COVER = ("Orrin Systems, Inc.\n(Exact name of registrant as specified in its charter)\n\nFORM 8-K\nCURRENT REPORT\n\n"
          "Item 1.01 Entry into a Material Definitive Agreement.\n\n")
_DEAL = ('On June 3, 2020, Orrin Systems, Inc. ("Orrin") entered into an Agreement and Plan of Merger (the "Merger '
         'Agreement") with Quell Software, Inc. ("Quell"), pursuant to which Orrin will acquire Quell. ')


def _deal_payments(follow: str, *, paragraph: bool) -> list[tuple[str, Decimal | None]]:
    from kg.document import Filing
    from kg.extract import extract

    text = _COVER + _DEAL + ("\n\n" if paragraph else "") + follow + "\n"
    facts = extract(Filing.from_texts(text, path="/tmp/case/8k.txt", doc_types=("8-K",), fmt="text"))
    deals = [a for a in facts.agreements if "Quell Software, Inc." in a.parties]
    assert len(deals) == 1
    return [(p.kind.value, p.amount) for p in deals[0].payments if p.amount is not None]


NOT_THE_DEALS = [
    "On the same day, Orrin sold 5,000,000 shares of its common stock to Halvard Capital Partners LLC for $100.0 million.",
    "On November 27, 2019, the Company acquired the stock of Sultan Media Holdings Inc. for $100,000 in cash.",
    "As a result, the Company recognized a gain of $4.3 million on the sale of its former headquarters.",
    "In April 2018, in exchange for $561,000 paid by the Company to one of its former officers, such officer cancelled an option to acquire shares.",
    "Orrin used the proceeds to redeem its $300.0 million 6.000% Senior Notes due 2024.",
    "Orrin also entered into a $270.0 million senior secured term loan with Bank of Dunmore, N.A.",
    "Fees earned in 2018 and 2019 by the Company amounted to $5,558,000 and $12,027,000, respectively.",
    "The Company also paid $2.0 million to Brightline Advisors LLC for financial advisory services.",
    "In 2017, the Company received $3.0 million from the sale of its office building.",
    "Orrin sold 1,000,000 shares to Tessaly Fund L.P. in a private placement for $12 million.",
]


@pytest.mark.parametrize("follow", NOT_THE_DEALS, ids=[str(i) for i in range(len(NOT_THE_DEALS))])
@pytest.mark.parametrize("paragraph", [False, True], ids=["same-paragraph", "next-paragraph"])
def test_a_figure_near_a_deal_is_not_its_payment(follow, paragraph):
    assert _deal_payments(follow, paragraph=paragraph) == []


@pytest.mark.parametrize("follow, expected", [
    ("Orrin will pay $110 million in cash at closing.", ("upfront", Decimal("110000000"))),
    ("Quell stockholders are eligible to receive up to $40 million in milestone payments.", ("milestone", Decimal("40000000"))),
    ("In March 2021, Orrin will pay Quell a milestone payment of $5 million upon the first product launch.", ("milestone", Decimal("5000000"))),
    ("The aggregate consideration consists of approximately $24 million in cash.", ("other", Decimal("24000000"))),
    ("If the agreement is terminated under certain circumstances, Quell will pay Orrin a termination fee of $9 million.", ("other", Decimal("9000000"))),
], ids=["pay-at-closing", "milestones", "milestone-other-year", "consideration", "termination-fee"])
def test_a_payment_of_the_deal_told_without_naming_it_stays(follow, expected):
    assert expected in _deal_payments(follow, paragraph=False)


@pytest.mark.parametrize("follow, expected", [
    ("The consideration was comprised of $2.0 million in cash, which was funded through borrowings under the Company's "
     "senior credit facility.", ("other", Decimal("2000000"))),
    ("The purchase price of $14 million was paid from the proceeds of a term loan.", ("other", Decimal("14000000"))),
    ("In 2017, Orrin also agreed to purchase 2.5 million shares of Quell common stock for an aggregate purchase price of "
     "$10.0 million.", ("other", Decimal("10000000"))),  # stock bought in an acquisition is its consideration
], ids=["price-funded-by-credit-facility", "price-funded-by-term-loan", "share-purchase-of-a-party"])
def test_a_price_stays_when_the_sentence_also_names_its_funding_or_another_year(follow, expected):
    assert expected in _deal_payments(follow, paragraph=False)


@pytest.mark.parametrize("sentence", [
    "In January 2021, we purchased 350,000 common shares in Quell's underwritten public offering at the public offering "
    "price of $24.75 per share, or an aggregate purchase price of $8.7 million.",
    "Orrin bought 1,000,000 shares in the underwritten offering for $12 million.",
    "Tarvo acquired shares at the public offering price, for a total of $3.1 million.",
], ids=["public-offering", "underwritten-offering", "offering-price"])
def test_shares_bought_in_a_public_offering_are_no_deal_payment(sentence):
    assert _amounts(sentence, per_share=True) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Orrin will assume Quell's outstanding stock options, the vested portion of which has a value of approximately $37 million.", []),
    ("The warrants assumed in the merger have an aggregate value of $4.2 million.", []),
    ("Quell's patents, which have an estimated value of $15 million, transfer to Orrin.", []),
    ("The shares issued have an intrinsic value of $2.0 million.", []),
    ("The acquired building, with a value of $6 million, is included in the assets.", []),
    ("The merger consideration, with a value of $80 million, will be paid in stock.", [Decimal("80000000")]),
    ("Orrin will pay consideration having a value of about $12 million.", [Decimal("12000000")]),
], ids=["options", "warrants", "patents", "intrinsic", "building", "consideration-valued", "pay-consideration"])
def test_the_value_of_an_assumed_instrument_is_no_payment(sentence, expected):
    assert _amounts(sentence, per_share=True) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Orrin will pay $8.3 million on the first anniversary of the closing.", P.OTHER),
    ("A further $2 million is due on the first anniversary of the effective date.", P.OTHER),
    ("Quell will pay $5 million upon the first commercial sale of the product.", P.MILESTONE),
    ("Tarvo pays $1 million on the first patient dosed in the Phase 2 trial.", P.MILESTONE),
], ids=["anniversary-closing", "anniversary-effective", "first-sale", "first-patient"])
def test_an_anniversary_is_a_date_not_an_event(sentence, expected):
    (p,) = [p for p in payments_in(sentence, default=P.OTHER) if p.amount is not None]
    assert p.kind is expected


def test_a_due_date_of_another_year_is_a_term_of_the_deal():
    got = _deal_payments("The aggregate consideration consists of $87 million, of which $21.7 million is payable in cash "
                         "on or before December 31, 2022.", paragraph=False)
    assert ("other", Decimal("87000000")) in got
