"""kg.xsd_dates: the one reading of xsd:date / xsd:gYearMonth lexical forms."""
from datetime import date

import pytest

from kg.xsd_dates import iso_day, parse_date


@pytest.mark.parametrize("text,parsed,day", [
    ("2000-05-08", (date(2000, 5, 8), False), "2000-05-08"),
    ("2004-01", (date(2004, 1, 1), True), "2004-01-01"),
    ("2001-02-29", None, None),        # not a real day
    ("May 2000", None, None),          # not a lexical form the ontology stores
    ("", None, None), (None, None, None),
])
def test_parse_date_and_iso_day(text, parsed, day):
    assert parse_date(text) == parsed
    assert iso_day(text) == day
