"""Money normaliser (kg.extract.money): figures, words, currencies, scales, bounds, per-unit, redaction."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.money import find_money, hint_at, parse_money, scale_hint, scale_hints, words_to_number
from kg.facts import Bound


@pytest.mark.parametrize(
    "text, amount, currency",
    [
        ("a fee of $3 million", "3000000", "USD"),
        ("a fee of \u20ac25 million", "25000000", "EUR"),
        ("EUR 25 million upfront", "25000000", "EUR"),
        ("\u00a31.2 billion", "1200000000", "GBP"),
        ("\u00a510 billion", "10000000000", "JPY"),
        ("CHF 5 million", "5000000", "CHF"),
        ("DKK 100 million", "100000000", "DKK"),
        ("RMB 30 million", "30000000", "CNY"),
        ("US$60,000,000", "60000000", "USD"),
        ("$1.38 billion", "1380000000", "USD"),
        ("$5M at signing", "5000000", "USD"),
        ("$7.5mm in cash", "7500000", "USD"),
        ("25 million euros", "25000000", "EUR"),
        ("40 million Swiss francs", "40000000", "CHF"),
        ("Sixty Million U.S. Dollars (US$60,000,000)", "60000000", "USD"),
        ("Two Hundred Fifty Thousand Dollars", "250000", "USD"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) > 6 else None,
)
def test_amount_and_currency(text, amount, currency):
    m = parse_money(text)
    assert m is not None
    assert m.amount == Decimal(amount)
    assert m.currency == currency
    assert m.redacted is False


@pytest.mark.parametrize(
    "text, bound",
    [
        ("payments of up to nearly $40 million", Bound.UP_TO),
        ("up to an additional $1.38 billion", Bound.UP_TO),
        ("approximately $9 million of costs", Bound.APPROXIMATELY),
        ("about $25 million a quarter", Bound.APPROXIMATELY),
        ("nearly $900 million", Bound.APPROXIMATELY),
        ("at least $2 million per year", Bound.AT_LEAST),
        ("more than $200 million", Bound.AT_LEAST),
        ("in excess of $10 million", Bound.AT_LEAST),
        ("a payment of $4 million", Bound.EXACT),
    ],
)
def test_bound(text, bound):
    assert parse_money(text).bound is bound


@pytest.mark.parametrize(
    "text, per",
    [
        ("up to $12 million per antigen target", "antigen target"),
        ("$2 million per product candidate", "product"),
        ("$1 million per year", "year"),
        ("$250,000 per annum", "year"),
        ("about $25 million a quarter", "quarter"),
        ("$3 million for each program", "program"),
        ("$5 million upon approval", None),
    ],
)
def test_per_unit(text, per):
    assert parse_money(text).per == per


@pytest.mark.parametrize("text", ["a fee of $[***]", "[***] Dollars", "US$ [REDACTED]", "a payment of $*****"])
def test_redacted_amounts_have_no_value(text):
    m = parse_money(text)
    assert m is not None and m.redacted is True and m.amount is None


def test_range_reads_as_its_top_with_up_to():
    (m,) = find_money("milestones ranging from $250,000 to $500,000 per milestone")
    assert m.amount == Decimal(500000) and m.bound is Bound.UP_TO and m.per == "milestone"


def test_thousands_hint_scales_bare_figures_only():
    text = "(U.S. dollars in thousands, except per share data)\nan issue fee of $25 and a price of $18.00 per share; $2 million more"
    hint = scale_hint(text)
    assert hint == 1000
    amounts = [m.amount for m in find_money(text, hint)]
    assert amounts == [Decimal(25000), Decimal(18), Decimal(2000000)]


def test_no_hint_without_thousands_caption():
    assert scale_hint("The company paid $25 to the agent.") is None


def test_words_to_number():
    assert words_to_number("Sixty Million") == 60_000_000
    assert words_to_number("one hundred twenty-five thousand") == 125_000
    assert words_to_number("blue") is None


def test_several_amounts_keep_order_and_offsets():
    text = "an upfront fee of $3 million and milestones of up to $40 million"
    found = find_money(text)
    assert [m.amount for m in found] == [Decimal(3_000_000), Decimal(40_000_000)]
    assert text[found[0].start:found[0].end] == "$3 million"


_STYLES = [
    lambda d: f"${d:,}",  # $3,000,000
    lambda d: f"US${d:,}",
    lambda d: f"USD {d}",
]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=10**11), st.sampled_from(range(len(_STYLES))))
def test_round_trip_figures(n, style):
    text = "a payment of " + _STYLES[style](n) + " on signing"
    m = parse_money(text)
    assert m.amount == Decimal(n) and m.currency == "USD"


@settings(max_examples=150, deadline=None)
@given(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1),
    st.sampled_from([("million", 10**6), ("billion", 10**9), ("thousand", 10**3)]),
    st.sampled_from([("$", "USD"), ("\u20ac", "EUR"), ("\u00a3", "GBP"), ("CHF ", "CHF"), ("EUR ", "EUR")]),
)
def test_round_trip_scaled(d, scale, cur):
    word, mult = scale
    sym, code = cur
    m = parse_money(f"fees of {sym}{d} {word} in total")
    assert m.amount == d * mult
    assert m.currency == code


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["million", "billion"]))
def test_round_trip_currency_name_after(n, word):
    m = parse_money(f"{n} {word} euros")
    assert m.amount == Decimal(n) * (10**6 if word == "million" else 10**9) and m.currency == "EUR"


@pytest.mark.parametrize(
    "text",
    ["Revenue is recognized under IFRS 15 over the term.", "The Company adopted ASC 606 and Topic 606 guidance.",
     "Intangible assets are tested under IAS 38 annually."],
    ids=["ifrs", "asc-topic", "ias"],
)
def test_accounting_standards_are_not_amounts(text):
    assert find_money(text) == []


def test_indian_rupee_prefix_still_reads():
    assert [(m.amount, m.currency) for m in find_money("a fee of Rs 40 million")] == [(Decimal(40_000_000), "INR")]


@pytest.mark.parametrize(
    "text,amount,bound",
    [("royalty caps were increased from $12.0 million to up to $18.5 million", Decimal(18_500_000), Bound.UP_TO),
     ("the fee was reduced from EUR 5 million to EUR 3 million", Decimal(3_000_000), Bound.EXACT)],
    ids=["increased-to-up-to", "reduced-eur"],
)
def test_superseded_figure_keeps_only_the_new_one(text, amount, bound):
    assert [(m.amount, m.bound) for m in find_money(text)] == [(amount, bound)]


def test_per_calendar_year_is_per_year():
    (m,) = find_money("a fee of Twenty Thousand Dollars ($20,000) per calendar year")
    assert (m.amount, m.per) == (Decimal(20_000), "year")


@pytest.mark.parametrize("text,amount", [
    ("an up-front fee of Rs. 4.5 crore", Decimal(45_000_000)),
    ("up to Rs. 80 lakh per growing season", Decimal(8_000_000)),
    ("INR 12 crores", Decimal(120_000_000)),
    ("₹ 3.5 lakh", Decimal(350_000)),
])
def test_indian_numbering(text, amount):
    (m,) = find_money(text)
    assert (m.amount, m.currency) == (amount, "INR")


def test_in_thousands_applies_to_the_reporting_currency_and_not_to_exempted_units():
    hint = scale_hint("NOTE 7 (in thousands, except per-FTE amounts and amounts denominated in foreign currencies)")
    text = "a fee of C$150,000, an upfront payment of $10,000, $320,000 per FTE, $200 per year and $18.00 per share"
    got = [(m.amount, m.currency) for m in find_money(text, hint)]
    assert got == [(Decimal(150_000), "CAD"), (Decimal(10_000_000), "USD"), (Decimal(320_000), "USD"),
                   (Decimal(200_000), "USD"), (Decimal(18), "USD")]
    eur = scale_hint("(euros in thousands)")
    assert [(m.amount, m.currency) for m in find_money("EUR 5,000 and $20", eur)] == [
        (Decimal(5_000_000), "EUR"), (Decimal(20), "USD")]


# A scale statement governs the figures after it, wherever it stands (kg.extract.money.scale_hints);
# "in millions" scales the small figures a table in millions holds, never a figure written in full.


@pytest.mark.parametrize("statement,figure,value", [
    ("(Dollar amounts in thousands, except where stated otherwise)", "$2,500", 2_500_000),
    ("(in thousands)", "$1,250", 1_250_000),
    ("All dollar amounts below are in thousands.", "$40", 40_000),
    ("(U.S. dollars in thousands)", "$15,000", 15_000_000),
    ("The amounts are in millions of U.S. dollars.", "$0.35", 350_000),
    ("The amounts are in millions of U.S. dollars.", "$6.0", 6_000_000),
    ("The amounts are in millions of U.S. dollars.", "$215", 215_000_000),
    ("The amounts are in millions of U.S. dollars.", "$50,000", 50_000),
    ("(in millions)", "$120.0", 120_000_000),
    ("(in thousands)", "$1.5 million", 1_500_000),
])
def test_a_scale_statement_governs_the_figures_after_it(statement, figure, value):
    text = "Filler sentence about the company. " * 120 + statement + " The upfront payment was " + figure + "."
    hints = scale_hints(text)
    (money,) = find_money(text[text.index("The upfront"):], hint_at(hints, text.index("The upfront")))
    assert money.amount == value


def test_a_figure_before_the_statement_keeps_its_face_value():
    text = "The fee was $2,500. Note 8 (in thousands) The upfront payment was $2,500."
    hints = scale_hints(text)
    first, second = text.index("The fee"), text.index("The upfront")
    assert find_money(text[first:text.index("Note 8")], hint_at(hints, first))[0].amount == 2500
    assert find_money(text[second:], hint_at(hints, second))[0].amount == 2_500_000


def test_a_figure_written_out_in_dollars_keeps_its_value_under_a_thousands_note():
    text = "(in thousands) The Company purchased 52.6% of RHI's outstanding capital stock for $8,700,000 in cash."
    assert find_money(text, scale_hint(text))[0].amount == 8_700_000
