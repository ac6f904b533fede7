"""Status "referenced" for an agreement a report shows was made and reported before it (GOLD_SCHEMA
status: "mentioned, described elsewhere"): filed with an earlier report, or a transaction completed
under an agreement of an earlier month; and its counter-cases, which stay "new" (invented 8-Ks)."""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract

COVER = """FORM 8-K
CURRENT REPORT
Date of Report (Date of earliest event reported): August 24, 2021

Calder Bio, Inc.
(Exact name of registrant as specified in its charter)

Item 2.01 Completion of Acquisition or Disposition of Assets

"""

TOLD_BEFORE = [
    # completion under an agreement dated in an earlier month
    "On August 24, 2021, Calder Bio, Inc. completed its acquisition of Vantor Systems, Inc. pursuant to a "
    "Stock Purchase Agreement dated June 21, 2021, by and among Calder Bio, Inc., Vantor Systems, Inc. and Oakridge Holdings LLC.",
    "On August 24, 2021, Calder Bio, Inc. consummated the merger with Vantor Systems, Inc. pursuant to the Agreement and Plan "
    "of Merger, dated as of May 3, 2021, between Calder Bio, Inc. and Vantor Systems, Inc.",
    "Calder Bio, Inc. closed the previously announced acquisition of Vantor Systems, Inc. under a merger agreement dated March 2, 2021.",
    "On August 23, 2021, Calder Bio, Inc. completed the sale of its diagnostics unit to Vantor Systems, Inc. pursuant to an "
    "Asset Purchase Agreement dated July 1, 2021 between Calder Bio, Inc. and Vantor Systems, Inc.",
    # the agreement filed with an earlier report
    "Calder Bio, Inc. acquired Vantor Systems, Inc. under a merger agreement with Vantor Systems, Inc. (the \"Merger Agreement\"). "
    "The terms are more fully described in the Merger Agreement, which was filed as Exhibit 2.1 to the Current Report on Form 8-K "
    "filed on May 18, 2021.",
    "Calder Bio, Inc. acquired Vantor Systems, Inc. under a merger agreement with Vantor Systems, Inc. (the \"Merger Agreement\"). "
    "The Merger Agreement was filed by Calder Bio, Inc. as Exhibit 2.1 to its Current Report on Form 8-K filed on June 2, 2021.",
    "Calder Bio, Inc. acquired Vantor Systems, Inc. under a merger agreement with Vantor Systems, Inc. (the \"Merger Agreement\"). "
    "A copy of the Merger Agreement was previously filed as an exhibit to the Company's Quarterly Report on Form 10-Q.",
    "Calder Bio, Inc. acquired Vantor Systems, Inc. under a merger agreement with Vantor Systems, Inc. (the \"Merger Agreement\"). "
    "The Merger Agreement has been filed with the SEC as Exhibit 2.1 to the Company's Form 8-K dated July 7, 2021.",
    "Calder Bio, Inc. acquired Vantor Systems, Inc. under a merger agreement with Vantor Systems, Inc. (the \"Merger Agreement\"). "
    "The Merger Agreement, which was previously filed as Exhibit 10.1, is incorporated herein by reference.",
    "On August 24, 2021, Calder Bio, Inc. completed the purchase of Vantor Systems, Inc. pursuant to the Share Purchase Agreement "
    "dated as of December 14, 2020 between Calder Bio, Inc. and Oakridge Holdings LLC.",
]

STILL_NEW = [
    # the agreement is the report's news: future filing, filed herewith, signed the same month
    "On August 24, 2021, Calder Bio, Inc. entered into a merger agreement with Vantor Systems, Inc. (the \"Merger Agreement\"). "
    "The Merger Agreement will be filed as an exhibit to the Company's Quarterly Report on Form 10-Q.",
    "On August 24, 2021, Calder Bio, Inc. entered into a merger agreement with Vantor Systems, Inc. (the \"Merger Agreement\"). "
    "A copy of the Merger Agreement is filed as Exhibit 2.1 hereto.",
    "On August 24, 2021, Calder Bio, Inc. completed its acquisition of Vantor Systems, Inc. pursuant to a Stock Purchase "
    "Agreement dated August 20, 2021 between Calder Bio, Inc. and Vantor Systems, Inc.",
    # filed with a report of days before (the signing 8-K of the deal this 8-K reports completed)
    "On August 24, 2021, Calder Bio, Inc. acquired Vantor Systems, Inc. under a merger agreement with Vantor Systems, Inc. "
    "(the \"Merger Agreement\"). The Merger Agreement was filed as Exhibit 2.1 to the Current Report on Form 8-K dated August 3, 2021.",
    # "existing" of something other than the deal
    "On August 24, 2021, Calder Bio, Inc. acquired Vantor Systems, Inc., whose software will be incorporated into the "
    "Company's existing computer system.",
    "On August 24, 2021, Calder Bio, Inc. acquired Vantor Systems, Inc. for $12 million, adding to its existing portfolio of assays.",
]


def _only_deal(text: str):
    facts = extract(Filing.from_texts(COVER + text, path="/tmp/case/doc.txt", doc_types=("8-K",), fmt="text"))
    deals = [a for a in facts.agreements if "Vantor Systems, Inc." in a.parties]
    assert len(deals) == 1, [(a.kind.value, a.parties) for a in facts.agreements]
    return deals[0]


@pytest.mark.parametrize("text", TOLD_BEFORE)
def test_agreement_made_and_reported_before_is_referenced(text):
    deal = _only_deal(text)
    assert deal.status.value == "referenced"
    assert deal.date != "2021-08-24"  # the completion's day is not the agreement's


@pytest.mark.parametrize("text", STILL_NEW)
def test_agreement_of_the_report_stays_new(text):
    assert _only_deal(text).status.value == "new"


# A current report (8-K, 6-K, release) telling an agreement made months before it: told again, "referenced".
OLDER = [
    "In December 2019, Calder Bio, Inc. entered into a license agreement with Vantor Systems, Inc.",
    "Calder Bio, Inc. signed a supply agreement with Vantor Systems, Inc. in March 2021.",
    "On May 3, 2021, Calder Bio, Inc. and Vantor Systems, Inc. entered into a collaboration agreement.",
    "In 2015, Calder Bio, Inc. in-licensed the antibody from Vantor Systems, Inc. under a license agreement.",
    "Calder Bio, Inc. entered into a distribution agreement with Vantor Systems, Inc. on January 12, 2020.",
]
RECENT = [
    "On August 20, 2021, Calder Bio, Inc. entered into a license agreement with Vantor Systems, Inc.",
    "Calder Bio, Inc. signed a supply agreement with Vantor Systems, Inc. on August 23, 2021.",
    "On July 30, 2021, Calder Bio, Inc. and Vantor Systems, Inc. entered into a collaboration agreement.",
    "Calder Bio, Inc. today announced that it has entered into a license agreement with Vantor Systems, Inc.",
    "Calder Bio, Inc. entered into a distribution agreement with Vantor Systems, Inc., effective as of August 1, 2021.",
]


@pytest.mark.parametrize("text", OLDER)
def test_an_agreement_made_months_before_a_current_report_is_referenced(text):
    assert _only_deal(text).status.value == "referenced"


@pytest.mark.parametrize("text", RECENT)
def test_an_agreement_of_the_reports_weeks_is_new(text):
    assert _only_deal(text).status.value == "new"
