"""An acquisition made by exercising the option an option agreement gave is that option agreement,
status option-exercised, not a second deal (GOLD_SCHEMA status); an option that may be exercised
leaves the two apart. "The X Acquisition" names a deal, so X is no party of the sentence's other deal.
(Invented 10-K note and 8-K texts.)"""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract

COVER = "Halden Bio, Inc.\n(Exact name of registrant as specified in its charter)\n\nFORM 10-K\nFor the fiscal year ended December 31, 2022\n\n"
OPTION = ("In September 2017, we entered into a stock purchase option agreement (the \"Tarvo Agreement\") with Tarvo Bio, Inc. "
          "(\"Tarvo\"), pursuant to which we were granted a license to Tarvo's antibody and an exclusive call option to purchase "
          "all of the outstanding securities of Tarvo. ")
EXERCISED = [
    "In January 2019, we exercised the call option and in March 2019, we acquired all of the outstanding securities of Tarvo.",
    "In March 2019, we exercised our purchase option and acquired all of the outstanding shares of Tarvo for $10.0 million.",
    "In 2019 we exercised the option and completed the acquisition of Tarvo.",
    "We acquired all of the outstanding securities of Tarvo in March 2019, following our exercise of the call option.",
    "We completed the acquisition of Tarvo in March 2019, after our exercise of the purchase option under the Tarvo Agreement.",
    "In March 2019, following the exercise of the option, we acquired all of the outstanding securities of Tarvo.",
    "We exercised the purchase option in January 2019 and acquired Tarvo in March 2019 for $10.0 million in cash.",
    "In 2019, we exercised its option and acquired all of the outstanding equity of Tarvo.",
    "We exercised the Tarvo call option in January 2019 and completed the acquisition of Tarvo in March 2019.",
    "In March 2019, we completed the acquisition of Tarvo after we exercised the exclusive call option.",
]
NOT_EXERCISED = [
    "If we exercise the call option, we will acquire all of the outstanding securities of Tarvo.",
    "Upon exercise of the option, we may acquire all of the outstanding securities of Tarvo.",
    "In March 2019, we acquired all of the outstanding securities of Tarvo. The call option had expired unexercised.",
]


def _by_kind(text: str) -> dict[str, list]:
    facts = extract(Filing.from_texts(COVER + OPTION + text, path="/tmp/case/note.txt", doc_types=("10-K",), fmt="text"))
    out: dict[str, list] = {}
    for a in facts.agreements:
        if "Tarvo Bio, Inc." in a.parties:
            out.setdefault(a.kind.value, []).append(a)
    return out


@pytest.mark.parametrize("text", EXERCISED)
def test_acquisition_by_exercised_option_is_the_option_agreement(text):
    kinds = _by_kind(text)
    assert list(kinds) == ["option"]
    assert kinds["option"][0].status.value == "option-exercised"


@pytest.mark.parametrize("text", NOT_EXERCISED[:2])
def test_an_option_that_may_be_exercised_is_no_acquisition(text):
    kinds = _by_kind(text)
    assert kinds["option"][0].status.value != "option-exercised"


def test_an_acquisition_with_no_exercise_stays_apart():
    assert sorted(_by_kind(NOT_EXERCISED[2])) == ["acquisition", "option"]


def test_the_x_acquisition_names_a_deal_not_a_party():
    text = ("In March 2019, we acquired all of the outstanding securities of Tarvo (the \"Tarvo Acquisition\"). "
            "As a result of the Tarvo Acquisition, we acquired the rights to an exclusive license to patents controlled by "
            "Marrow University (\"Marrow\") under the Marrow license agreement.")
    facts = extract(Filing.from_texts(COVER + text, path="/tmp/case/note.txt", doc_types=("10-K",), fmt="text"))
    marrow = [a for a in facts.agreements if "Marrow University" in a.parties]
    assert [sorted(a.parties) for a in marrow] == [["Halden Bio, Inc.", "Marrow University"]]
