"""Layer 4 (kg.extract.frames): deals told by a verb, with no deal noun.

Paraphrase suite of acquisitions: active and passive, verb and noun, past and future, one
sentence or two; each read through the whole extractor (kg.extract.extract on a small filing).
"""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract
from kg.extract.frames import verbal_frames
from kg.facts import AgreementKind

ACQUISITIONS = [
    ("Halberd Corp. completed the acquisition of Norwood Foods, Inc. on May 3, 2004.", {"Halberd Corp.", "Norwood Foods, Inc."}),
    ("On June 3, 1997, the Registrant acquired Delmar Tool, Inc. for $4.0 million in cash.", {"Brisk Holdings, Inc.", "Delmar Tool, Inc."}),
    ("Brisk Holdings, Inc. announced its intention to purchase Tessaly Systems Inc. for $120 million.", {"Brisk Holdings, Inc.", "Tessaly Systems Inc."}),
    ("On January 10, 1997, the Company acquired from Orlan Partners, Inc. certain assets of Pellham Care, Inc.", {"Brisk Holdings, Inc.", "Orlan Partners, Inc.", "Pellham Care, Inc."}),
    ("We acquired all of the outstanding shares of Quorra Labs Ltd. in exchange for 1,000,000 shares.", {"Brisk Holdings, Inc.", "Quorra Labs Ltd."}),
    ("Under the terms of the transaction, Marsh Acquisition Corp. merged with and into Fennick Software, Inc.", {"Marsh Acquisition Corp.", "Fennick Software, Inc."}),
    ("Brisk Holdings, Inc. reported the acquisition by one of its subsidiaries of Cordale Credit, LLC.", {"Brisk Holdings, Inc.", "Cordale Credit, LLC"}),
    ("The Company has sold substantially all of its assets to Varrow Imaging, L.C. for $27 million.", {"Brisk Holdings, Inc.", "Varrow Imaging, L.C."}),
    ("Brisk Holdings, Inc. will acquire Nettle Analytics Corp. in an all-cash transaction valued at $45 million.", {"Brisk Holdings, Inc.", "Nettle Analytics Corp."}),
    ("BRISK HOLDINGS ANNOUNCES ACQUISITION OF SELWYN MOTORS, INC.", {"Brisk Holdings, Inc.", "SELWYN MOTORS, INC."}),
    ("On August 30, 2005, the Company acquired 39,773,792 shares of the common stock of eVanta Optics Corporation "
     "representing 99.93% of the shares issued and outstanding.", {"Brisk Holdings, Inc.", "eVanta Optics Corporation"}),
    ("On June 16, 2011, Brisk Holdings, Inc. acquired all of the outstanding capital stock of Quorra AG pursuant to a "
     "Share Purchase Agreement.", {"Brisk Holdings, Inc.", "Quorra AG"}),
    ("On November 11, 2018, the Company entered into a Sale Agreement with Leopard Buyer Limited relating to the sale of "
     "its imaging business.", {"Brisk Holdings, Inc.", "Leopard Buyer Limited"}),
]


def _filing(text: str) -> Filing:
    cover = "Brisk Holdings, Inc.\n(Exact name of registrant as specified in its charter)\n\nItem 2.01 Completion of Acquisition\n\n"
    return Filing.from_texts(cover + text, path="/tmp/case/doc.txt", doc_types=("8-K",), fmt="text")


@pytest.mark.parametrize("sentence, parties", ACQUISITIONS, ids=[str(i) for i in range(len(ACQUISITIONS))])
def test_acquisitions_told_by_a_verb_are_agreements(sentence, parties):
    facts = extract(_filing(sentence))
    acq = [a for a in facts.agreements if a.kind is AgreementKind.ACQUISITION]
    assert len(acq) == 1
    assert set(acq[0].parties) == parties


@pytest.mark.parametrize("sentence", [
    "Revenue from product sales increased 12% as customers purchased more units.",
    "The Company purchased $3.0 million of equipment during the quarter.",
    "We may acquire other businesses in the future.",
    "Holders sold 200,000 shares in the offering at $12.00 per share.",
])
def test_sentences_without_a_deal_frame(sentence):
    assert not [h for h in verbal_frames(sentence) if h.kind is AgreementKind.ACQUISITION] or \
        not extract(_filing(sentence)).agreements


def test_future_marker():
    (hit,) = verbal_frames("Parent agreed to acquire Tessaly Systems Inc. for $12.00 per share.")
    assert hit.future and hit.kind is AgreementKind.ACQUISITION


@pytest.mark.parametrize("sentence", [
    "In 2017 we also agreed to purchase 10.0 million shares of Quorra Labs common stock for $60.0 million.",
    "Brisk agreed to purchase up to 2,000,000 newly issued shares of the partner.",
    "The investor agreed to buy common stock worth $5 million.",
])
def test_buying_shares_is_no_acquisition_verb(sentence):
    assert [h for h in verbal_frames(sentence) if h.kind is AgreementKind.ACQUISITION] == []


@pytest.mark.parametrize("purpose,kind", [
    ("to jointly develop and co-promote OST-2211", "co-development"),
    ("to jointly develop and commercialize OST-2211", "co-development"),
    ("to co-develop and co-market OST-2211", "co-development"),
    ("to develop and commercialize OST-2211", "collaboration"),
    ("to develop and co-promote OST-2211", "collaboration"),
])
def test_an_agreement_named_by_its_purpose_takes_the_purposes_kind(purpose, kind):
    text = ("Ridgefield Animal Health, Inc.\n(Exact name of registrant as specified in its charter)\n\n"
            f"On February 19, 2002, Ridgefield Animal Health, Inc. and Osterby Laboratories A/S signed an agreement {purpose}.")
    facts = extract(Filing.from_texts(text, path="/tmp/case/doc.txt", doc_types=("8-K",), fmt="text"))
    assert [a.kind.value for a in facts.agreements] == [kind]
