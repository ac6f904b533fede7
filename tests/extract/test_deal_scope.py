"""GOLD_SCHEMA "What counts as a deal", and several agreements told in one list (assembly).

Invented 8-K sentences: capital-markets, banking and stockholder agreements are not deals; a
spin-off's ancillary agreements are, each its own agreement; a Master Agreement and a Stock
Purchase Agreement with the same parties stay two.
"""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract

COVER = "Tarvo Systems, Inc.\n(Exact name of registrant as specified in its charter)\n\nItem 1.01 Entry into a Material Definitive Agreement\n\n"


def _agreements(text: str):
    return extract(Filing.from_texts(COVER + text, path="/tmp/case/doc.txt", doc_types=("8-K",), fmt="text")).agreements


NOT_DEALS = [
    "On March 3, 2021, the Company entered into an Amended and Restated Credit Agreement with Quell Bank, N.A., as administrative agent.",
    "On March 3, 2021, Tarvo Systems, Inc. entered into a Term Loan Agreement with Marden Capital LLC.",
    "On March 3, 2021, the Company entered into a Voting Agreement with Orrin Partners LP, its largest stockholder.",
    "On March 3, 2021, the Company entered into a Nomination and Standstill Agreement with Orrin Partners LP.",
    "On March 3, 2021, the Company entered into an agreement with Orrin Partners LP to repurchase 2,000,000 shares of its common stock.",
    "On March 3, 2021, the Company entered into an Underwriting Agreement with Hale Securities LLC.",
    "On March 3, 2021, the Company entered into an Equity Distribution Agreement with Hale Securities LLC.",
    "On March 3, 2021, the Company entered into a commitment letter with Quell Bank, N.A. for a bridge facility.",
    "On March 3, 2021, the Company entered into a Note Purchase Agreement with Marden Capital LLC.",
    "On March 3, 2021, the Company entered into a Registration Rights Agreement with Orrin Partners LP.",
    "On March 3, 2021, the Company entered into a purchase agreement with Hale Securities LLC (the \"Initial Purchasers\") to offer and sell $220 million of convertible debentures.",
    "On March 3, 2021, Tarvo Systems, Inc. entered into a Terms Agreement with Hale Securities LLC and the other underwriters named therein.",
    "On March 3, 2021, the Company entered into a One Time Transaction Bonus Agreement with Orrin Partners LP.",
    "On March 3, 2021, the Company entered into a stock purchase agreement with Orrin Partners LP to sell 5,000,000 shares and warrants to purchase 1,000,000 shares.",
]


@pytest.mark.parametrize("text", NOT_DEALS, ids=[str(i) for i in range(len(NOT_DEALS))])
def test_capital_markets_banking_and_stockholder_agreements_are_not_deals(text):
    assert _agreements(text) == []


def test_spin_off_ancillary_agreements_are_each_a_deal():
    text = ("On September 30, 2019, in connection with the Spin-Off, the Company entered into several agreements with "
            "Quell Automotive Inc. that govern the relationship of the parties following the Spin-Off, including the following:\n\n"
            "- a Separation and Distribution Agreement;\n\n- a Tax Matters Agreement;\n\n- a Transition Services Agreement;\n\n"
            "- an Employee Matters Agreement; and\n\n- a Trademark License Agreement.\n")
    deals = _agreements(text)
    assert len(deals) == 5
    assert all(set(a.parties) == {"Tarvo Systems, Inc.", "Quell Automotive Inc."} for a in deals)
    assert sum(a.kind.value == "license" for a in deals) == 1


def test_a_master_agreement_and_a_stock_purchase_agreement_stay_two():
    text = ("On March 3, 2021, the Company entered into a Master Agreement with Dorsal Ventures, Inc. "
            "On the same day, the Company entered into a Stock Purchase Agreement with Dorsal Ventures, Inc.")
    assert len(_agreements(text)) == 2


@pytest.mark.parametrize("text", [
    "On March 3, 2021, the Company entered into a License Agreement with Quell Bio, Inc. If Quell Bio, Inc. exercises its option, it will pay $5 million.",
    "On March 3, 2021, the Company entered into a License Agreement with Quell Bio, Inc. Should Quell Bio, Inc. exercise the option for a second target, the parties will negotiate.",
    "On March 3, 2021, the Company entered into a License Agreement with Quell Bio, Inc. In the event Quell Bio, Inc. exercises its option, royalties apply.",
])
def test_a_conditional_option_exercise_is_a_term_not_an_event(text):
    deals = _agreements(text)
    assert len(deals) == 1 and deals[0].status.value == "new"


def test_a_stock_purchase_option_agreement_is_an_option():
    (deal,) = _agreements("On March 3, 2021, the Company entered into a stock purchase option agreement with Quell Bio, Inc., "
                          "pursuant to which we were granted an option to acquire Quell Bio, Inc.")
    assert deal.kind.value == "option"


@pytest.mark.parametrize("text", [
    "On August 7, 2007, the Company entered into a purchase agreement by and among Hale Securities Inc. and Marden, Sachs & Co. "
    "(the \"Initial Purchasers\") and the Company to offer and sell $220 million of its Convertible Debentures due 2027.",
    "On April 5, 2007, the Company entered into (i) an Amended and Restated Credit Agreement among the Company, the Lenders "
    "party thereto, Quell Bank AG, as administrative agent, and (ii) a Security Agreement with Quell Bank AG.",
    "On April 7, 2008, the Company entered into a Purchase Agreement with Orrin Capital Partners VIII, L.P. pursuant to which "
    "Orrin agreed to purchase, and the Company agreed to sell, an aggregate of 5,760,369 shares of common stock for $100.0 "
    "million, and warrants to purchase 3,700,000 shares.",
], ids=["debentures-initial-purchasers", "credit-and-security", "shares-and-warrants"])
def test_financings_told_at_length_are_not_deals(text):
    assert _agreements(text) == []


@pytest.mark.parametrize("text", [
    "On March 3, 2021, the Company entered into a license agreement with Kepler Bio Ltd., the technology-transfer arm of Marlow University.",
    "On March 3, 2021, the Company entered into a license agreement with Ashwood Enterprise Limited, the technology transfer company of the University of Ashwood.",
    "On March 3, 2021, the Company entered into a license agreement with Vessel Labs Inc., a wholly-owned subsidiary of Orrin Holdings Inc.",
])
def test_the_owner_in_a_partys_description_is_no_party(text):
    (deal,) = _agreements(text)
    assert len(deal.parties) == 2 and not any(w in " ".join(deal.parties) for w in ("Marlow", "University of Ashwood", "Orrin"))


@pytest.mark.parametrize("sentence", [
    "On October 1, 2019, Nuvola Communications, Inc. entered into a Separation and Distribution Agreement with Cerulean Inc.",
    "On October 1, 2019, Nuvola Communications, Inc. and Cerulean Inc. entered into a separation and distribution agreement in connection with the spin-off.",
    "On October 1, 2019, Nuvola Communications, Inc. entered into a Separation and Distribution Agreement (the \"Distribution Agreement\") with Cerulean Inc.",
])
def test_a_spin_off_separation_and_distribution_agreement_is_no_distribution_deal(sentence):
    cover = "Nuvola Communications, Inc.\n(Exact name of registrant as specified in its charter)\n\nItem 1.01 Entry into a Material Definitive Agreement\n\n"
    facts = extract(Filing.from_texts(cover + sentence, path="/tmp/case/doc.txt", doc_types=("8-K",), fmt="text"))
    assert [(a.kind.value, sorted(a.parties)) for a in facts.agreements] == [("other", ["Cerulean Inc.", "Nuvola Communications, Inc."])]


_BODY = ("FORM 8-K\nCURRENT REPORT\nNorthgate Devices, Inc.\n(Exact name of registrant as specified in its charter)\n\n"
         "Item 9.01 Financial Statements and Exhibits. The exhibits listed below are filed with this report.\n")


@pytest.mark.parametrize("exhibit_type,exhibit", [
    ("EX-10.1", "NORTHGATE DEVICES, INC.\n2000 STOCK OPTION PLAN\n\n1. Purpose. The purpose of this Plan is to attract and retain "
                "employees of Northgate Devices, Inc. (the \"Company\").\n\nIN WITNESS WHEREOF, the Company has adopted this Plan "
                "as of September 21, 2000.\n\nNORTHGATE DEVICES, INC.\n\nBy: /s/ John Smith\nName: John Smith\nTitle: President\n"),
    ("EX-3.1", "CORRECTED AMENDED AND RESTATED CERTIFICATE OF INCORPORATION OF NORTHGATE DEVICES, INC.\n\nNorthgate Devices, Inc., "
               "a corporation organized under the laws of the State of Delaware, hereby certifies as follows. "
               "IN WITNESS WHEREOF, the Company has caused this Certificate to be signed on August 25, 2000.\n\n"
               "NORTHGATE DEVICES, INC.\n\nBy: /s/ John Smith\nName: John Smith\nTitle: Secretary\n"),
    ("EX-10.2", "NORTHGATE DEVICES, INC.\nEMPLOYEE STOCK PURCHASE PLAN\n\nThis Employee Stock Purchase Plan is adopted by Northgate "
                "Devices, Inc. (the \"Company\") by and between the Company and its eligible employees. WHEREAS the Company wishes ...\n\n"
                "NORTHGATE DEVICES, INC.\n\nBy: /s/ John Smith\nName: John Smith\nTitle: President\n"),
])
def test_an_exhibit_naming_only_the_filer_is_no_deal(exhibit_type, exhibit):
    facts = extract(Filing.from_texts(_BODY, exhibit, path="/tmp/case/8k.txt", doc_types=("8-K", exhibit_type), fmt="text"))
    assert facts.agreements == []


@pytest.mark.parametrize("sentence", [
    "(ii) any \"person,\" as such term is used in Section 13(d) of the Exchange Act, becomes the beneficial owner of securities of "
    "Northgate Devices, Inc. representing 25% or more of its voting power, or a merger agreement with Halvard Capital Corp. is signed;",
    "A Change in Control occurs if any person acquires more than 50% of the stock of Northgate Devices, Inc. under an agreement "
    "with Halvard Capital Corp.",
    "Change of Control means any corporation, including Halvard Capital Corp., acquiring Northgate Devices, Inc. pursuant to a merger agreement.",
    "The severance is payable if any third party enters into an agreement to acquire Northgate Devices, Inc. or Halvard Capital Corp.",
    "any entity, other than Halvard Capital Corp., that acquires Northgate Devices, Inc. under a purchase agreement shall assume this Agreement.",
])
def test_a_definitions_event_is_no_deal(sentence):
    facts = extract(Filing.from_texts(_BODY + sentence, path="/tmp/case/8k.txt", doc_types=("8-K",), fmt="text"))
    assert facts.agreements == []
