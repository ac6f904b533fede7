"""The term clause of a contract (kg.extract.contract_term), on clauses written for these tests."""
from __future__ import annotations

import pytest

from kg.extract.contract_term import ContractTerm, contract_term, expiration_from


def _contract(*clauses: str) -> str:
    """A small hard-wrapped contract: a preamble, the given clauses as numbered sections, a signature."""
    body = "\n\n".join(f"{i}.1 {c}" for i, c in enumerate(clauses, start=2))
    return ("LICENSE AGREEMENT\n\nThis License Agreement is made as of June 2, 2015 by and between\n"
            "Maple Assay Corp. (\"Licensor\") and Quillon Bio, Inc. (\"Licensee\").\n\n"
            "1.1 \"Net Sales\" means gross amounts invoiced less deductions.\n\n" + body +
            "\n\nIN WITNESS WHEREOF the parties have signed this Agreement.\n")


@pytest.mark.parametrize("clause,years,start,expected", [
    ("Term. The term of this Agreement shall be twelve (12) years from the Effective Date, unless sooner\n"
     "terminated under Article 9.", 12, "2015-06-02", "2027-06-02"),
    ("This Supply Agreement will begin on the Effective Date and continue for two (2) years unless the\n"
     "parties agree otherwise in writing.", 2, "2015-06-02", "2017-06-02"),
    ("Unless earlier terminated as set out below, this Agreement remains in effect for an initial term of\n"
     "eight (8) years (the \"Initial Term\").", 8, "2015-06-02", "2023-06-02"),
    ("This Agreement shall commence on the Effective Date and end eighteen (18) months thereafter.",
     1.5, "2015-06-02", "2016-12-02"),
    ("The Agreement shall have an initial term of four (4) years commencing from the Effective Date.",
     4, "2016-02-29", "2020-02-29"),
    ("The Agreement shall have an initial term of one (1) year commencing from the Effective Date.",
     1, "2016-02-29", "2017-02-28"),
], ids=["years-from-effective", "begin-and-continue", "initial-term-no-anchor", "months-thereafter",
        "leap-day-to-leap-day", "leap-day-clamped"])
def test_duration_from_the_start(clause, years, start, expected):
    term = contract_term(_contract(clause))
    assert term.years == years and term.from_start and term.end is None
    assert expiration_from(term, start) == expected


@pytest.mark.parametrize("clause,expected", [
    ("The term of this Agreement shall commence on the Effective Date and shall terminate on March 31, 2031.",
     "2031-03-31"),
    ("This Agreement shall remain in full force and effect until 30 September 2029, unless terminated earlier.",
     "2029-09-30"),
    ("This agreement shall commence as of the date first above written and shall continue through\n"
     "December 31, 2019 (the \"Term\").", "2019-12-31"),
], ids=["terminate-on", "until-day-month-year", "continue-through"])
def test_stated_end_date(clause, expected):
    term = contract_term(_contract(clause))
    assert term.end == expected and expiration_from(term, "2015-06-02") == expected


def test_stated_end_wins_over_a_length_in_another_term_clause():
    term = contract_term(_contract("This Agreement shall have an Initial Term of three (3) years.",
                                   "The Term shall commence on July 1, 2015 and shall expire on June 30, 2018."))
    assert term.years == 3 and term.end == "2018-06-30"
    assert expiration_from(term, "2015-06-02") == "2018-06-30"


def test_cover_field_expiration_date():
    text = "SERVICES AGREEMENT\nEffective Date: January 1, 2020\nExpiration Date: December 31, 2022\n\n" + _contract(
        "Licensor shall provide the services described in Exhibit A.")
    assert contract_term(text).end == "2022-12-31"


@pytest.mark.parametrize("clause", [
    # the end depends on events
    "The term of this Agreement shall continue until the later of (a) the fifth (5th) anniversary of the\n"
    "Effective Date and (b) the completion of the Research Plan.",
    "The term of this Agreement shall be six (6) years from the Effective Date or until the last Valid Claim\n"
    "expires, whichever is later.",
    # a renewal period is not the initial term
    "Thereafter the term of this Agreement shall automatically renew for successive periods of two (2) years.",
    # survival and standstill periods that mention the agreement
    "So long as this Agreement remains in effect and for a period of two (2) years thereafter, Licensee will not\n"
    "acquire any voting securities of Licensor.",
    "This obligation will exist while this Agreement is in force and for a period of three (3) years thereafter.",
    # a definition that mentions the term
    "\"Contract Year\" means each period of twelve (12) months during the Term; the first Contract Year of the Term\n"
    "shall begin on the Effective Date.",
], ids=["later-of", "whichever-is-later", "renewal-only", "standstill", "survival", "definition"])
def test_abstains(clause):
    term = contract_term(_contract(clause))
    assert expiration_from(term, "2015-06-02") is None


def test_length_from_another_event_gives_no_expiration():
    term = contract_term(_contract(
        "This Agreement shall remain in effect for a period of ten (10) years following the First Commercial Sale."))
    assert term.years == 10 and not term.from_start
    assert expiration_from(term, "2015-06-02") is None


def test_renewal_term_is_read_beside_the_initial_term():
    term = contract_term(_contract(
        "The term of this Agreement shall be five (5) years from the Effective Date and shall be renewed\n"
        "automatically for successive additional one (1) year periods."))
    assert (term.years, term.renewal_years) == (5, 1)


def test_no_arithmetic_without_a_start_or_in_weeks():
    assert expiration_from(ContractTerm(years=2, from_start=True), None) is None
    assert expiration_from(ContractTerm(years=2, from_start=True), "2015-06") is None  # month-only date
    assert expiration_from(ContractTerm(years=round(6 * 7 / 365.25, 4), from_start=True), "2015-06-02") is None
