"""Party names the mention layer must keep whole and single (invented 8-K sentences):
names that begin with a number ("4-Antibody AG", "3-Dimensional Pharmaceuticals, Inc."), and a
party's other name in parentheses ("(now known as X)", "(formerly X)"), which is the same party,
not a second one."""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract

COVER = "Calder Bio, Inc.\n(Exact name of registrant as specified in its charter)\n\nItem 1.01 Entry into a Material Definitive Agreement\n\n"


def _parties(text: str) -> list[list[str]]:
    facts = extract(Filing.from_texts(COVER + text, path="/tmp/case/doc.txt", doc_types=("8-K",), fmt="text"))
    return [sorted(a.parties) for a in facts.agreements]


NUMBERED = [
    ("On March 3, 2021, Calder Bio, Inc. entered into a license agreement with 4-Antibody AG.", "4-Antibody AG"),
    ("On March 3, 2021, Calder Bio, Inc. signed a supply agreement with 3-Dimensional Pharmaceuticals, Inc.", "3-Dimensional Pharmaceuticals, Inc."),
    ("On March 3, 2021, 2-Phase Diagnostics Ltd. and Calder Bio, Inc. entered into a collaboration agreement.", "2-Phase Diagnostics Ltd."),
    ("Calder Bio, Inc. entered into a distribution agreement with 7-Hills Medical, LLC on March 3, 2021.", "7-Hills Medical, LLC"),
    ("On March 3, 2021, Calder Bio, Inc. acquired 1-Stop Imaging Corp. for $4 million.", "1-Stop Imaging Corp."),
]


@pytest.mark.parametrize("text,name", NUMBERED)
def test_a_name_that_begins_with_a_number_is_kept_whole(text, name):
    assert [sorted(["Calder Bio, Inc.", name])] == _parties(text)


ALIASES = [
    "On March 3, 2021, Calder Bio, Inc. entered into a license agreement with Vantor AG (now known as Vantor Switzerland Inc.).",
    "On March 3, 2021, Calder Bio, Inc. entered into a license agreement with Vantor AG (formerly Helix Genomics AG).",
    "On March 3, 2021, Calder Bio, Inc. entered into a license agreement with Vantor AG (formerly known as Helix Genomics AG).",
    "On March 3, 2021, Calder Bio, Inc. entered into a license agreement with Vantor AG (f/k/a Helix Genomics AG).",
    "On March 3, 2021, Calder Bio, Inc. entered into a license agreement with Vantor AG (previously known as Helix Genomics AG).",
    "On March 3, 2021, Calder Bio, Inc. entered into a license agreement with Vantor AG (later renamed Vantor Switzerland Inc.).",
    "On March 3, 2021, Calder Bio, Inc. entered into a license agreement with Vantor AG (subsequently renamed Vantor Switzerland Inc.).",
    "On March 3, 2021, Calder Bio, Inc. entered into a license agreement with Vantor AG (currently known as Vantor Switzerland Inc.).",
    "On March 3, 2021, Calder Bio, Inc. entered into a license agreement with Vantor AG (renamed Vantor Switzerland Inc. in 2022).",
    "On March 3, 2021, Calder Bio, Inc. entered into a license agreement with Vantor AG (n/k/a Vantor Switzerland Inc.).",
]


@pytest.mark.parametrize("text", ALIASES)
def test_a_partys_other_name_is_not_another_party(text):
    assert _parties(text) == [["Calder Bio, Inc.", "Vantor AG"]]


def test_two_named_parties_in_parentheses_stay_parties():
    # a parenthesis that is no alias ("(together with Helix Genomics AG)") still names a party
    text = ("On March 3, 2021, Calder Bio, Inc. entered into a license agreement with Vantor AG and Helix Genomics AG "
            "(each a subsidiary of Vantor Holding SE).")
    assert ["Calder Bio, Inc.", "Helix Genomics AG", "Vantor AG"] in _parties(text)
