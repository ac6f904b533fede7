"""Roles of licences told in the clause of their own agreement (invented 8-K texts):
- a grant told both ways, or a cross-licence, records no direction (lic:licensor / lic:licensee name
  one direction; a cross-licence has two), and the agreement is still a licence;
- a grant in the "pursuant to which" clause of the agreement a sentence opens is that agreement's,
  also when an earlier agreement with the same partner already has its roles."""
from __future__ import annotations

import pytest

from invented_filing import extract_text

COVER = "Nuvola Communications, Inc.\n(Exact name of registrant as specified in its charter)\n\nItem 1.01 Entry into a Material Definitive Agreement\n\n"
US, THEM = "Nuvola Communications, Inc.", "Cerulean Inc."


def _deals(text: str):
    return extract_text(text, cover=COVER, doc_type="8-K").agreements


MUTUAL = [
    "On September 30, 2019, we entered into an Intellectual Property Agreement with Cerulean Inc., pursuant to which Cerulean Inc. granted to us, and we granted to Cerulean Inc., perpetual, non-exclusive licenses to certain patents.",
    "On September 30, 2019, we entered into a license agreement with Cerulean Inc., under which each party granted the other a non-exclusive license to its patents.",
    "On September 30, 2019, we entered into a patent cross-license agreement with Cerulean Inc., under which we granted Cerulean Inc. a license to our patents.",
    "On September 30, 2019, we entered into a cross license agreement with Cerulean Inc. covering our respective patent portfolios.",
    "On September 30, 2019, we and Cerulean Inc. entered into a license agreement, pursuant to which we granted Cerulean Inc. a license to our speech patents and Cerulean Inc. granted us a license to its imaging patents.",
    "On September 30, 2019, we entered into a license agreement with Cerulean Inc. in which the parties granted each other royalty-free licenses.",
    "On September 30, 2019, we entered into a patent license agreement with Cerulean Inc., pursuant to which Cerulean Inc. granted us a license under its patents and we granted Cerulean Inc. a license under ours.",
    "On September 30, 2019, we entered into a Patent Cross-License Agreement with Cerulean Inc.",
    "On September 30, 2019, we entered into a license agreement with Cerulean Inc., under which each party grants to the other a worldwide license.",
    "On September 30, 2019, we signed a license agreement with Cerulean Inc.: Cerulean Inc. granted to us, and we granted to Cerulean Inc., licenses to certain software.",
]


@pytest.mark.parametrize("text", MUTUAL)
def test_a_grant_told_both_ways_records_no_direction(text):
    deals = [a for a in _deals(text) if THEM in a.parties]
    assert [(a.kind.value, a.licensor, a.licensee) for a in deals] == [("license", None, None)]


FIRST = ("On September 30, 2019, we entered into several agreements with Cerulean Inc.\n\nPatent License Agreement\n\n"
         "We entered into a Patent License Agreement with Cerulean Inc., pursuant to which Cerulean Inc. granted us an exclusive license to its patents.\n\n")
SECOND = [
    ("Trademark License Agreement", "pursuant to which we granted Cerulean Inc. a non-exclusive, royalty free license to use our trademarks", (US, THEM)),
    ("Software License Agreement", "under which we granted Cerulean Inc. a license to our software", (US, THEM)),
    ("Data License Agreement", "pursuant to which we granted to Cerulean Inc. a license to certain data", (US, THEM)),
    ("Know-How License Agreement", "under which we license to Cerulean Inc. our manufacturing know-how", (US, THEM)),
    ("Transitional Trademark License Agreement", "pursuant to which Cerulean Inc. was granted a license to use the Nuvola name", (US, THEM)),
    ("Brand License Agreement", "pursuant to which we granted Cerulean Inc. the right to use certain brands under a license", (US, THEM)),
    ("Content License Agreement", "under which Cerulean Inc. granted us a license to its content", (THEM, US)),
    ("Technology License Agreement", "pursuant to which we obtained a license from Cerulean Inc. to its technology", (THEM, US)),
    ("Database License Agreement", "under which we were granted a license by Cerulean Inc. to its databases", (THEM, US)),
    ("Voice License Agreement", "pursuant to which Cerulean Inc. licensed to us its voice models", (THEM, US)),
]


@pytest.mark.parametrize("title,clause,roles", SECOND)
def test_a_grant_in_the_clause_of_the_agreement_just_opened_is_its(title, clause, roles):
    text = FIRST + f"{title}\n\nWe entered into a {title} with Cerulean Inc., {clause}."
    deals = [a for a in _deals(text) if THEM in a.parties]
    assert len(deals) == 2
    assert (deals[0].licensor, deals[0].licensee) == (THEM, US)
    assert (deals[1].licensor, deals[1].licensee) == roles
