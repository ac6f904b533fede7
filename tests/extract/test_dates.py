"""Date and duration normalisers (kg.extract.dates): examples and properties."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from kg.extract.dates import find_dates, parse_date, parse_years

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]


@pytest.mark.parametrize(
    "text,iso",
    [
        ("Date of Report (Date of earliest event reported): May 8, 2000", "2000-05-08"),
        ("signed in Basel on 8 May 2000", "2000-05-08"),
        ("first marketed in May 2000", "2000-05"),
        ("made and entered into as of the 4th day of March, 2019 by", "2019-03-04"),
        ("Dated: 03/04/2019", "2019-03-04"),
        ("CHICAGO, Ill., Aug. 1, 2016 -- Acme", "2016-08-01"),
        ("effective as of this 18t h day of August 2014", "2014-08-18"),
        ("on April 14th, 2020 (the", "2020-04-14"),
        ("NOV 02, 2019 ACME AND BETA", "2019-11-02"),
        ("Source: ACME INC, 10-Q, 3/28/06", "2006-03-28"),
        ("FILED AS OF DATE value", None),
        ("20000124", "2000-01-24"),
        ("2021-09-13", "2021-09-13"),
    ],
    ids=["us", "european", "month-only", "day-of", "slashes", "dateline-abbrev", "pdf-split-ordinal",
         "ordinal", "caps-month", "two-digit-year", "no-date", "sec-header", "iso"],
)
def test_parse_date_examples(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    ["entered into as of September ___, 2019", "made as of the [ ] day of [ ], 2020", "February 30, 2020"],
    ids=["blank-day", "bracket-blanks", "impossible-day"],
)
def test_incomplete_or_impossible_dates_are_not_full_dates(text):
    got = parse_date(text)
    assert got is None or len(got) < 10


def test_find_dates_gives_offsets_in_order():
    text = "Signed March 1, 2019 and amended 2 June 2020."
    found = find_dates(text)
    assert [iso for _, _, iso in found] == ["2019-03-01", "2020-06-02"]
    assert text[found[0][0]:found[0][1]] == "March 1, 2019"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["us", "eu", "dayof", "slash", "iso"]))
def test_formatted_dates_round_trip(d, style):
    month = MONTH_NAMES[d.month - 1]
    text = {
        "us": f"on {month} {d.day}, {d.year} the parties",
        "eu": f"on {d.day} {month} {d.year} the parties",
        "dayof": f"as of the {d.day}th day of {month}, {d.year}",
        "slash": f"Dated {d.month:02d}/{d.day:02d}/{d.year}",
        "iso": f"date {d.isoformat()}",
    }[style]
    assert parse_date(text) == d.isoformat()


@given(st.integers(min_value=1900, max_value=2099), st.integers(min_value=1, max_value=12))
def test_month_only_gives_year_month(year, month):
    assert parse_date(f"launched in {MONTH_NAMES[month - 1]} {year} by") == f"{year}-{month:02d}"


@pytest.mark.parametrize(
    "text,years",
    [
        ("over the agreement's five-year term", 5),
        ("for eighteen (18) months after signing", 1.5),
        ("an initial term of 3 years", 3),
        ("renewed for one subsequent three-year period", 3),
        ("a period of twenty-four (24) months", 2),
        ("no duration here", None),
    ],
    ids=["word-hyphen", "word-and-figure-months", "figure", "first-duration-wins", "months-to-years", "none"],
)
def test_parse_years_examples(text, years):
    assert parse_years(text) == years


@given(st.integers(min_value=1, max_value=600))
def test_months_convert_to_years(n):
    assert parse_years(f"a term of {n} months") == pytest.approx(n / 12, abs=1e-4)


@pytest.mark.parametrize("text,iso", [
    ("Basel, 14.03.2019", "2019-03-14"),
    ("signed on 1.7.2015 in Zug", "2015-07-01"),
    ("Date: 14-Mar-2019", "2019-03-14"),
    ("Effective: 03-Sept-2018", "2018-09-03"),
])
def test_european_dotted_and_hyphenated_dates(text, iso):
    assert [d for _, _, d in find_dates(text)] == [iso]


def test_dotted_numbers_that_are_not_dates():
    assert find_dates("release 1.2.2019.5 of the software; 31.02.2019 is no day") == []
