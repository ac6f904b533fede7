"""Form 8-K items and exhibit numbers (``lic:item``, ``lic:exhibit``).

Two numbering schemes (SEC Release 33-8400, effective 2004-08-23):

* before: whole numbers 1-12 ("Item 5. Other Events", "Item 7. Financial
  Statements and Exhibits", "Item 9. Regulation FD Disclosure");
* after: section.item numbers 1.01-9.01 ("Item 1.01 Entry into a Material
  Definitive Agreement", "Item 9.01 Financial Statements and Exhibits").

``parse_items`` finds item headings in a document's text (single and combined:
"Items 1.01 and 2.03", "Items 2.02, 7.01 and 9.01"); ``parse_exhibit_numbers``
reads the exhibit list of Item 9.01(d) / Item 7(c) or an exhibit index;
``item_numbers_from_titles`` maps the header's ITEM INFORMATION titles to numbers.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from kg.sources.doctype import EXHIBIT_MAJORS

__all__ = ["parse_items", "parse_exhibit_numbers", "item_numbers_from_titles", "ITEMS_2004", "ITEMS_PRE_2004"]

SCHEME_CHANGE = "2004-08-23"  # first filing date of the 1.01-9.01 numbering

# Form 8-K items since 2004-08-23 (General Instructions B; 1.05 added 2023,
# 1.04 in 2010, 5.07/5.08 in 2010/2011, 6.xx for asset-backed issuers).
ITEMS_2004: dict[str, str] = {
    "1.01": "Entry into a Material Definitive Agreement",
    "1.02": "Termination of a Material Definitive Agreement",
    "1.03": "Bankruptcy or Receivership",
    "1.04": "Mine Safety - Reporting of Shutdowns and Patterns of Violations",
    "1.05": "Material Cybersecurity Incidents",
    "2.01": "Completion of Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition",
    "2.03": "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement of a Registrant",
    "2.04": "Triggering Events That Accelerate or Increase a Direct Financial Obligation",
    "2.05": "Costs Associated with Exit or Disposal Activities",
    "2.06": "Material Impairments",
    "3.01": "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; Transfer of Listing",
    "3.02": "Unregistered Sales of Equity Securities",
    "3.03": "Material Modification to Rights of Security Holders",
    "4.01": "Changes in Registrant's Certifying Accountant",
    "4.02": "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or Completed Interim Review",
    "5.01": "Changes in Control of Registrant",
    "5.02": "Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers",
    "5.03": "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
    "5.04": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "5.05": "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "5.06": "Change in Shell Company Status",
    "5.07": "Submission of Matters to a Vote of Security Holders",
    "5.08": "Shareholder Director Nominations",
    "6.01": "ABS Informational and Computational Material",
    "6.02": "Change of Servicer or Trustee",
    "6.03": "Change in Credit Enhancement or Other External Support",
    "6.04": "Failure to Make a Required Distribution",
    "6.05": "Securities Act Updating Disclosure",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}
# Form 8-K items before 2004-08-23 (with the older titles EDGAR headers carry).
ITEMS_PRE_2004: dict[str, str] = {
    "1": "Changes in Control of Registrant",
    "2": "Acquisition or Disposition of Assets",
    "3": "Bankruptcy or Receivership",
    "4": "Changes in Registrant's Certifying Accountant",
    "5": "Other Events",
    "6": "Resignations of Registrant's Directors",
    "7": "Financial Statements and Exhibits",
    "8": "Change in Fiscal Year",
    "9": "Regulation FD Disclosure",
    "10": "Amendments to the Registrant's Code of Ethics",
    "11": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "12": "Results of Operations and Financial Condition",
}

# Other titles the same pre-2004 items carried in EDGAR headers over the years.
_PRE_2004_ALIASES: dict[str, tuple[str, ...]] = {
    "7": ("Financial Statements, Pro Forma Financial Information and Exhibits",),
    "9": ("Sales of Equity Securities Pursuant to Regulation S",),
}

# An item heading: at the start of a line, "Item"/"Items" then one or more
# numbers joined by commas / "and" / "&", then a separator (".", ":", "-",
# TAB, spaces) and usually the title.  Covers "ITEM 5. OTHER EVENTS",
# "Item 1.01\tEntry ...", "Items 1.01 and 2.03.", "Items 2.02, 7.01 and 9.01".
_NUM = r"\d{1,2}(?:\.\d{2})?"
_HEADING = re.compile(
    rf"^[ \t]*(?:\(?[a-z0-9]\)[ \t]*)?items?[ \t]+({_NUM}(?:[ \t]*(?:,|and|&|,[ \t]*and)[ \t]*{_NUM})*)\b(.*)$",
    re.IGNORECASE | re.MULTILINE,
)
# Lines that list items as absent, not reported: "Items 1 through 4, 6 and 8
# Not Applicable." (pre-2004 8-K cover convention).
_NOT_REPORTED = re.compile(r"not\s+applicable|inapplicable|omitted|\bnone\b|through", re.IGNORECASE)

# What follows the number in a cross-reference rather than a heading: "of
# Form 8-K", "(a) of", or a lower-case word of a sentence wrapped onto a new
# line ("Item 1.01 above", "Item 2.02 is furnished").
_REFERENCE = re.compile(r"(?:\([a-z0-9]\))?\s*(?:of\b|[a-z])")


def _valid_item(num: str) -> bool:
    return num in ITEMS_2004 or num in ITEMS_PRE_2004


def parse_items(text: str) -> list[str]:
    """8-K item numbers whose headings appear in ``text``, deduplicated, in order of appearance."""
    found: list[str] = []
    for m in _HEADING.finditer(text):
        rest = m.group(2)
        if rest[:1].isalnum() or rest.startswith("'"):
            continue  # "Item 5B", "Item 1A": not an 8-K item
        if _NOT_REPORTED.search(m.group(0)):
            continue
        if _REFERENCE.match(rest):
            continue  # "Item 2.02 of Form 8-K", "Item 7(a) of", "Item 1.01 above": prose, not a heading
        for num in re.findall(_NUM, m.group(1)):
            num = num.lstrip("0") or num
            if _valid_item(num) and num not in found:
                found.append(num)
    return found


def _norm_title(s: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", s.lower().replace("\u2019", "'").replace("'", "")).split())


def item_numbers_from_titles(values: Iterable[str], filed_date: str | None) -> list[str]:
    """Map header ITEM INFORMATION values (titles, possibly truncated) to item numbers.

    The filing date picks the scheme (before 2004-08-23 whole numbers); a
    value that already names a number ("Item 1.01") keeps it.
    """
    old = filed_date is not None and filed_date < SCHEME_CHANGE
    table = ITEMS_PRE_2004 if old else ITEMS_2004
    other = ITEMS_2004 if old else ITEMS_PRE_2004
    titles = _titles(table)
    other_titles = _titles(other)
    out: list[str] = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        # "Item 1.01 ..." or a bare number ("1.01", tagged headers), else a title
        numbered = value if value.lower().startswith("item") else f"Item {value}" if value[:1].isdigit() else ""
        nums = parse_items(numbered)
        if not nums:
            nums = [n for n in (_match_title(value, titles) or _match_title(value, other_titles),) if n]
        for n in nums:
            if n not in out:
                out.append(n)
    return out


def _titles(table: dict[str, str]) -> list[tuple[str, str]]:
    """``(number, normalized title)`` pairs of a scheme, longest title first, aliases included."""
    pairs = [(num, _norm_title(t)) for num, t in table.items()]
    if table is ITEMS_PRE_2004:
        pairs += [(num, _norm_title(t)) for num, ts in _PRE_2004_ALIASES.items() for t in ts]
    return sorted(pairs, key=lambda p: -len(p[1]))


def _match_title(value: str, titles: list[tuple[str, str]]) -> str | None:
    v = _norm_title(value)
    if len(v) < 5:
        return None
    for num, title in titles:
        if title == v or title.startswith(v) or v.startswith(title):
            return num
    return None


# Anchors of an exhibit list: "(c) Exhibits" / "(d) Exhibits" sub-headings,
# "EXHIBIT INDEX" / "INDEX TO EXHIBITS", an "Exhibit No./Number" column head.
_EXHIBIT_ANCHOR = re.compile(
    r"^[ \t]*(?:\([a-d]\)[ \t]*exhibits?\b|exhibit[ \t]+index\b|index[ \t]+to[ \t]+exhibits\b|exhibits?[ \t]+(?:no\.?|number)\b)",
    re.IGNORECASE | re.MULTILINE,
)
# An exhibit line: the number first ("99.1", "99.1.", "Exhibit 10.1", "(99)"),
# then a separator and a description.
_EXHIBIT_LINE = re.compile(r"^[ \t]*(?:exhibit[ \t]+)?\(?(\d{1,3}(?:\.\d{1,3})?)\)?\.?(?:[ \t]+|[ \t]*[-\u2013\u2014:][ \t]*)(\S.*)$", re.IGNORECASE)
# Where an exhibit list ends: a signature block or the next item heading.
_LIST_END = re.compile(r"^[ \t]*(?:signatures?\b|items?[ \t]+\d)", re.IGNORECASE)


def parse_exhibit_numbers(text: str) -> list[str]:
    """Exhibit numbers ("99.1", "10.1") listed under Item 9.01(d) / 7(c) or an exhibit index."""
    anchors = [m.start() for m in _EXHIBIT_ANCHOR.finditer(text)]
    if not anchors:
        anchors = [m.end() for m in _HEADING.finditer(text) if set(re.findall(_NUM, m.group(1))) & {"9.01", "7"}]
    found: list[str] = []
    for start in anchors:
        lines = text[start:].split("\n", 80)[1:80]
        for line in lines:
            if _LIST_END.match(line):
                break
            m = _EXHIBIT_LINE.match(line)
            if not m:
                continue
            num = m.group(1)
            major = int(num.split(".")[0])
            if major not in EXHIBIT_MAJORS or not re.search(r"[A-Za-z]", m.group(2)):
                continue
            if num not in found:
                found.append(num)
    return found
