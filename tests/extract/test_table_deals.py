"""Deals told only in a partner table (kg.extract.table_deals), read through the whole extractor."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.document import Filing
from kg.extract import extract

COVER = ("Calder Bio, Inc.\n(Exact name of registrant as specified in its charter)\n\nFORM 10-K\n"
         "For the fiscal year ended December 31, 2022\n\n")

TABLES = {
    "pipes": ("Our collaboration and license agreements:\n\nPartner | Program | Upfront received | Remaining milestones\n"
              "---|---|---|---\nLumos Pharma Inc. | Dermatology | $150,000 | $4,850,000\n"
              "Quell Bio Ltd. | Oncology | $2,000,000 | $10,000,000\n"),
    "tabs": ("We have out-licensed the following programs:\n\nLicensee\tTerritory\tUpfront payment\tRoyalty\n"
             "Lumos Pharma Inc.\tEurope\t$150,000\tmid-single digits\nQuell Bio Ltd.\tJapan\t$2,000,000\ttiered\n"),
    "spaces": ("Collaboration partners (in thousands):\n\nPartner                 Upfront      Milestones\n"
               "Lumos Pharma Inc.       150          4,850\nQuell Bio Ltd.          2,000        10,000\n"),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_each_partner_row_is_an_agreement_with_the_filer(name):
    facts = extract(Filing.from_texts(COVER + TABLES[name], path="/tmp/case/doc.txt", doc_types=("10-K",), fmt="text"))
    by_partner = {next(p for p in a.parties if p != "Calder Bio, Inc."): a for a in facts.agreements}
    assert set(by_partner) == {"Lumos Pharma Inc.", "Quell Bio Ltd."}
    lumos = by_partner["Lumos Pharma Inc."]
    assert lumos.status.value == "referenced"
    assert ("upfront", Decimal("150000")) in [(p.kind.value, p.amount) for p in lumos.payments]
    if name == "tabs":
        assert (lumos.kind.value, lumos.licensor, lumos.licensee) == ("license", "Calder Bio, Inc.", "Lumos Pharma Inc.")


def test_a_table_without_a_partner_column_gives_no_deal():
    text = "Revenue by product:\n\nProduct\tRevenue\nAlpha\t$1,000\nBeta\t$2,000\n"
    facts = extract(Filing.from_texts(COVER + text, path="/tmp/case/doc.txt", doc_types=("10-K",), fmt="text"))
    assert facts.agreements == []
