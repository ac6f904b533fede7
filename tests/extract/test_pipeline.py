"""The extraction entry point (kg.extract.extract) on filings written for these tests."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from kg.document import Document, Filing
from kg.errors import ExtractionError
from kg.extract import extract, looks_like_contract
from kg.facts import AgreementKind as K, PaymentKind as P


def filing(*texts: str, types: tuple = ()) -> Filing:
    return Filing.from_texts(*texts, path="/tmp/case/doc.txt", doc_types=types, fmt="sgml")


BODY = """FORM 8-K

CURRENT REPORT

Date of Report (Date of earliest event reported): October 6, 2009

ELMSTEAD GENOMICS, INC.
(Exact name of registrant as specified in its charter)

Item 1.01. Entry into a Material Definitive Agreement.

On October 6, 2009, Elmstead Genomics, Inc. ("Elmstead") entered into a collaboration agreement with
Baxley Pharma S.A. ("Baxley"). Baxley will pay Elmstead an upfront payment of $12 million and up to
$80 million in development milestones. A copy of the press release is filed as Exhibit 99.1 hereto.
"""

RELEASE = """Elmstead and Baxley Form Collaboration

BOSTON, Oct. 6, 2009 -- Elmstead Genomics, Inc. (Nasdaq: ELMG) and Baxley Pharma S.A. today announced a
collaboration. Under the terms of the agreement, Baxley will pay Elmstead $12 million up front and up to
$80 million in development milestones.

About Elmstead
Elmstead develops gene panels. Elmstead may not receive milestone payments or royalties.
"""


def test_the_same_deal_told_twice_is_one_agreement():
    facts = extract(filing(BODY, RELEASE, types=("8-K", "EX-99.1")))
    assert len(facts.agreements) == 1
    a = facts.agreements[0]
    assert a.kind is K.COLLABORATION
    assert sorted((p.kind.value, p.amount) for p in a.payments) == [
        ("milestone", Decimal(80_000_000)), ("upfront", Decimal(12_000_000))]
    tickers = {o.name: o.ticker for o in facts.organizations}
    assert tickers == {"Elmstead Genomics, Inc.": "ELMG", "Baxley Pharma S.A.": None}
    assert a.evidence is not None and "collaboration agreement" in a.evidence.quote


def test_every_fact_has_evidence_in_its_document():
    f = filing(BODY, RELEASE, types=("8-K", "EX-99.1"))
    facts = extract(f)
    for ev in [a.evidence for a in facts.agreements] + [o.evidence for o in facts.organizations]:
        assert ev is not None
        text = f.documents[ev.document].text
        assert " ".join(text[ev.start:ev.end].split()).startswith(ev.quote[:30])


@pytest.mark.parametrize(
    "text",
    [
        # underwritten offering: money and a bank, no deal
        "FORM 8-K\n\nItem 8.01. Other Events.\n\nOn May 1, 2014, Tallis Bio, Inc. (the \"Company\") priced an underwritten "
        "public offering of 5,000,000 shares at $12.00 per share. Redwood Securities LLC is acting as representative "
        "of the underwriters, and the Company granted the underwriters a 30-day option to buy additional shares.",
        # CEO succession
        "FORM 8-K\n\nItem 5.02.\n\nOn June 3, 2018, the Board of Directors of Quarry Systems Corp. appointed Dana Hale as "
        "Chief Executive Officer. Ms. Hale will receive a base salary of $600,000 per year.",
        # FDA approval press release
        "FOR IMMEDIATE RELEASE\n\nLarkin Therapeutics, Inc. (Nasdaq: LRKN) today announced that the U.S. Food and Drug "
        "Administration approved LRK-301 for adults with gout.",
        # stock split and dividend
        "FORM 8-K\n\nItem 8.01.\n\nOn March 1, 2024, Pallas Devices Corporation announced a ten-for-one stock split and "
        "a quarterly dividend of $0.04 per share, payable on April 2, 2024.",
    ],
    ids=["offering", "ceo-succession", "fda-approval", "stock-split"],
)
def test_documents_without_a_deal_give_no_agreements(text):
    facts = extract(filing(text))
    assert facts.agreements == []
    assert len(facts.organizations) <= 1  # the filer only


def test_contract_document_is_not_read_as_narrative():
    contract = ("EXCLUSIVE LICENSE AGREEMENT\n\nThis Exclusive License Agreement is made by and between Quinto Labs, "
                "Inc. and Merrow Pharma GmbH.\n\nWHEREAS, Quinto Labs, Inc. owns patents; NOW, THEREFORE, the parties "
                "agree as follows: Quinto grants Merrow a license and Merrow shall pay $1,000,000 upon signing.")
    doc = Document(text=contract, doc_type="EX-10.1")
    assert looks_like_contract(doc)
    facts = extract(Filing(path="/tmp/c/x.txt", sha256="1" * 64, size=1, encoding="utf-8", fmt="text", documents=[doc]))
    assert all(a.title or a.payments == [] for a in facts.agreements)  # any agreement comes from the contract reader


def test_to_gold_is_json_with_the_path():
    facts = extract(filing(BODY, RELEASE, types=("8-K", "EX-99.1")))
    gold = json.loads(json.dumps(facts.to_gold()))
    assert gold["path"] == "/tmp/case/doc.txt"
    assert gold["agreements"][0]["payments"][0]["currency"] == "USD"


def test_a_rule_bug_is_reported_as_extraction_error_naming_the_file(monkeypatch):
    import kg.extract as ex

    def boom(*a, **k):
        raise ValueError("bad rule")

    monkeypatch.setattr(ex, "extract_agreements", boom)
    with pytest.raises(ExtractionError) as err:
        extract(filing(BODY))
    assert err.value.path == "/tmp/case/doc.txt" and "bad rule" in err.value.one_line()


def test_thousands_table_context():
    text = ("NOTES TO CONSOLIDATED FINANCIAL STATEMENTS\n(U.S. dollars in thousands)\n\n"
            "In May 2013, Fenwick Bio, Inc. entered into a license agreement with Orland University. Under the "
            "agreement Orland University granted Fenwick Bio, Inc. an exclusive license, and Fenwick Bio, Inc. paid "
            "a license issuance fee of $300.")
    (a,) = extract(filing(text)).agreements
    assert [(p.kind, p.amount) for p in a.payments] == [(P.LICENSE_FEE, Decimal(300_000))]
    assert a.licensor == "Orland University"


def test_long_runs_of_capitals_stay_fast():
    """Regression: an unbounded name pattern backtracked cubically on all-caps boilerplate (86 s for 27 KB)."""
    import time

    caps = " ".join(["ACME HOLDINGS GROUP WORLDWIDE LICENSE AGREEMENT TERMS"] * 1000)
    t0 = time.perf_counter()
    facts = extract(filing(caps))
    assert time.perf_counter() - t0 < 10
    assert facts.agreements == []


def test_amount_restated_in_another_currency_is_one_payment():
    body = ("FORM 8-K\n\nHALCYON GENETICS, INC.\n(Exact name of registrant as specified in its charter)\n\n"
            "Item 1.01.\n\nOn November 3, 2008, Halcyon Genetics, Inc. (the \"Company\") entered into a License "
            "Agreement with Daewon Pharmaceutical Co., Ltd. (\"Daewon\"). Under the agreement, the Company granted "
            "Daewon an exclusive license to HG-77 in the Republic of Korea, and Daewon paid the Company an upfront fee "
            "of KRW 3 billion.")
    release = ("PALO ALTO, Calif., Nov. 3, 2008 -- Halcyon Genetics, Inc. (Nasdaq: HLCN) announced today that it has "
               "licensed HG-77 to Daewon Pharmaceutical Co., Ltd. Halcyon will receive an upfront payment of "
               "approximately $2.3 million (KRW 3 billion).")
    (a,) = extract(filing(body, release, types=("8-K", "EX-99.1"))).agreements
    assert [(p.kind, p.amount, p.currency) for p in a.payments] == [(P.UPFRONT, Decimal(3_000_000_000), "KRW")]
    assert a.territory == "Republic of Korea"


def test_payments_have_evidence_quoting_their_sentence():
    facts = extract(filing(BODY, RELEASE, types=("8-K", "EX-99.1")))
    for p in facts.agreements[0].payments:
        assert p.evidence is not None and "$" in p.evidence.quote


def test_capital_markets_agreements_are_not_deals():
    text = ("FORM 8-K\n\nItem 1.01.\n\nOn August 8, 2021, Tallis Bio, Inc. (the \"Company\") entered into an Equity "
            "Distribution Agreement with Redwood Securities LLC, as sales agent, under which the Company may sell up to "
            "$75 million of its common stock in at-the-market offerings.")
    assert extract(filing(text)).agreements == []
