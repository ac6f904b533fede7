"""8-K item headings (both numbering schemes) and exhibit lists."""
from __future__ import annotations

import pytest

from kg.sources import parse_exhibit_numbers, parse_items
from kg.sources.items import item_numbers_from_titles


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ITEM 5. OTHER EVENTS\n\nSomething happened.\n\nITEM 7. FINANCIAL STATEMENTS AND EXHIBITS\n", ["5", "7"]),
        ("Item 2.  Acquisition or Disposition of Assets\n", ["2"]),
        ("Item 1.01 Entry into a Material Definitive Agreement.\nItem 9.01 Financial Statements and Exhibits.\n", ["1.01", "9.01"]),
        ("Items 1.01 and 2.03. Entry into an Agreement; Creation of an Obligation\n", ["1.01", "2.03"]),
        ("Items 2.02, 7.01 and 9.01\tResults; Regulation FD; Exhibits\n", ["2.02", "7.01", "9.01"]),
        ("Item 1.01\tEntry into\nItem 1.01 (continued)\n", ["1.01"]),
        ("ITEM 5.03 AMENDMENTS TO ARTICLES OF INCORPORATION OR BYLAWS; CHANGE IN FISCAL YEAR\n", ["5.03"]),
        ("   Item 8.01:  Other Events\n", ["8.01"]),
        ("Items 1 through 4, 6 and 8 Not Applicable.\nItem 5. Other Events\n", ["5"]),
        ("As described under Item 1.01 above, the parties agreed.\n", []),
        ("Item 2.02 of Form 8-K requires this furnishing.\nItem 7(a) of Form 8-K\n", []),
        ("Item 1A. Risk Factors\nItem 15. Exhibits\nItem 3.07 Nothing\n", []),
        ("the information disclosed under\nItem 2.02 above is furnished.\nItem 7(c) Exhibits\n", ["7"]),
    ],
    ids=["pre2004", "pre2004-single", "post2004", "and", "comma-list", "dedup", "upper-title-with-to", "colon", "not-applicable", "prose", "cross-reference", "not-8k-items", "wrapped-prose-and-subitem"],
)
def test_parse_items(text, expected):
    assert parse_items(text) == expected


def test_item_titles_by_era():
    assert item_numbers_from_titles(["Other events", "Financial statements and exhibits"], "2001-05-02") == ["5", "7"]
    assert item_numbers_from_titles(["Other Events", "Financial Statements and Exhibits"], "2012-05-02") == ["8.01", "9.01"]
    assert item_numbers_from_titles(["Entry into a Material Definitive Agreement", "Regulation FD Disclosure"], "2019-01-01") == ["1.01", "7.01"]
    assert item_numbers_from_titles(["Departure of Directors or Certain Officers; Election of Directors; Appo"], "2015-01-01") == ["5.02"]
    assert item_numbers_from_titles(["", "   "], "2015-01-01") == []
    assert item_numbers_from_titles(["Other Events and Regulation FD Disclosure", "Financial Statements, Pro Forma Financial Information and Exhibits"], "2003-06-01") == ["5", "7"]
    assert item_numbers_from_titles(["Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers: Compensatory Arrangements of Certain Officers"], "2016-01-01") == ["5.02"]
    assert item_numbers_from_titles(["Something nobody files"], "2015-01-01") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Item 9.01 Financial Statements and Exhibits.\n\n(d) Exhibits\n\n10.1  License Agreement dated May 1\n99.1  Press release\n\nSIGNATURES\n", ["10.1", "99.1"]),
        ("ITEM 7. FINANCIAL STATEMENTS AND EXHIBITS\n\n     (c)  Exhibits.\n\n          99.1.  Joint press release of the parties\n                 dated June 2.\n                                   3\n", ["99.1"]),
        ("EXHIBIT INDEX\n\nExhibit Number\tDescription\n10.2\tCollaboration Agreement\n104\tCover Page Interactive Data File\n", ["10.2", "104"]),
        ("Item 9.01\n(d)\nExhibit No.   Description\nExhibit 99.1 - Press release issued by the company\n", ["99.1"]),
        ("Item 9.01 Financial Statements and Exhibits\n\n99.2 Investor presentation\n\nSIGNATURE\n99.3 not listed\n", ["99.2"]),
        ("The company paid $99.1 million in 2019.\n10.1 percent growth was reported.\n", []),
        ("(c) Exhibits\n\n1998   Annual figures\n2.1   Agreement and Plan of Merger\n", ["2.1"]),
    ],
    ids=["post2004", "pre2004-trailing-dot", "index-table", "exhibit-prefix", "stops-at-signature", "no-anchor", "rejects-years"],
)
def test_parse_exhibit_numbers(text, expected):
    assert parse_exhibit_numbers(text) == expected
