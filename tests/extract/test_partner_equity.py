"""A partner's share purchase agreement told beside its deal is an agreement of its own (GOLD_SCHEMA
"What counts as a deal": an equity investment in a partner as part of a deal), kind other, and never
absorbed by the licence or collaboration told before it (invented 8-K Item 1.01 texts)."""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract

COVER = "Calder Bio, Inc.\n(Exact name of registrant as specified in its charter)\n\nItem 1.01 Entry into a Material Definitive Agreement\n\n"
DEAL = "On March 3, 2021, Calder Bio, Inc. entered into a collaboration agreement with Ostrand Pharma AG to develop antibodies. "

PURCHASES = [
    "On the same day, Calder Bio, Inc. also entered into a Securities Purchase Agreement with Ostrand Pharma AG, pursuant to which Ostrand Pharma AG agreed to purchase 2,000,000 shares of common stock.",
    "Concurrently, Calder Bio, Inc. entered into a Share Purchase Agreement with Ostrand Pharma AG for the sale of 1,500,000 shares.",
    "Calder Bio, Inc. and Ostrand Pharma AG also entered into a Stock Purchase Agreement under which Ostrand Pharma AG will buy shares of the Company.",
    "On March 3, 2021, Calder Bio, Inc. entered into an Equity Purchase Agreement with Ostrand Pharma AG.",
    "In connection with the collaboration, Calder Bio, Inc. entered into a Subscription Agreement with Ostrand Pharma AG for 800,000 ordinary shares.",
    "Calder Bio, Inc. also signed a securities purchase agreement with Ostrand Pharma AG, under which Ostrand Pharma AG will invest in the Company.",
    "On March 3, 2021, the Company also entered into a Securities Purchase Agreement (the \"Purchase Agreement\") with Ostrand Pharma AG.",
    "At the same time, Calder Bio, Inc. entered into a common stock purchase agreement with Ostrand Pharma AG.",
    "Calder Bio, Inc. and Ostrand Pharma AG entered into a Share Subscription Agreement on March 3, 2021.",
    "Separately, Calder Bio, Inc. entered into a stock purchase agreement with Ostrand Pharma AG providing for the sale of 500,000 shares.",
]


@pytest.mark.parametrize("purchase", PURCHASES)
def test_a_partners_share_purchase_is_its_own_agreement(purchase):
    facts = extract(Filing.from_texts(COVER + DEAL + purchase, path="/tmp/case/doc.txt", doc_types=("8-K",), fmt="text"))
    kinds = sorted(a.kind.value for a in facts.agreements if "Ostrand Pharma AG" in a.parties)
    assert kinds == ["collaboration", "other"]
