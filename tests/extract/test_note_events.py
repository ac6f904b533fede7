"""Annual-report notes: several deals under sub-headings, each opened by its heading, with its later
amendment or termination as its status (invented notes; filer from the cover page)."""
from __future__ import annotations

from kg.document import Filing
from kg.extract import extract

NOTE = """Halden Bio, Inc.
(Exact name of registrant as specified in its charter)

FORM 10-K
For the fiscal year ended December 31, 2022

Note 7. Collaboration and License Agreements

Oriel Agreement

In March 2017, we entered into a license agreement with Oriel (the "Oriel Agreement"), pursuant to which Oriel granted us an exclusive license to its antibody platform. Under the Oriel Agreement, we made an upfront payment of $5.0 million. In July 2020, we entered into an amendment to the Oriel Agreement to add a second field.

Tessaly Collaboration

In June 2018, the Company entered into a collaboration agreement with Tessaly Labs, Inc. (the "Tessaly Agreement"). Tessaly paid the Company an upfront payment of $12.0 million. The Tessaly Agreement was terminated effective March 31, 2022.

Marrow License

In 2015, we in-licensed patents from the Marrow Institute under a license agreement. Either party may terminate the agreement upon a material breach. We pay the Marrow Institute an annual license maintenance fee.
"""


def test_note_with_three_deals_and_their_later_events():
    facts = extract(Filing.from_texts(NOTE, path="/tmp/case/note.txt", doc_types=("10-K",), fmt="text"))
    by_partner = {next(p for p in a.parties if p != "Halden Bio, Inc."): a for a in facts.agreements}
    assert set(by_partner) == {"Oriel", "Tessaly Labs, Inc.", "Marrow Institute"}
    oriel, tessaly, marrow = by_partner["Oriel"], by_partner["Tessaly Labs, Inc."], by_partner["Marrow Institute"]
    assert (oriel.status.value, oriel.date, oriel.licensor, oriel.licensee) == ("amended", "2017-03", "Oriel", "Halden Bio, Inc.")
    assert [(p.kind.value, p.amount) for p in oriel.payments if p.amount] == [("upfront", 5000000)]
    assert (tessaly.status.value, tessaly.date) == ("terminated", "2018-06")
    assert [(p.kind.value, p.amount) for p in tessaly.payments if p.amount] == [("upfront", 12000000)]
    assert marrow.status.value == "referenced"  # a termination right is not a termination
    assert (marrow.licensor, marrow.licensee) == ("Marrow Institute", "Halden Bio, Inc.")


def test_a_definite_agreement_entered_into_with_a_counterparty_opens_it_and_its_heading_names_the_kind():
    note = ("Halden Bio, Inc.\n(Exact name of registrant as specified in its charter)\n\nFORM 10-K\n"
            "For the fiscal year ended December 31, 2022\n\n"
            "Co-Development and Commercialization Agreement with Varrow Biotech\n\n"
            "The Company entered into the Varrow Agreement with Varrow Biotech to co-develop the vaccine. In June 2021 the "
            "Company paid Varrow Biotech a non-refundable, upfront payment of $15.0 million.\n")
    facts = extract(Filing.from_texts(note, path="/tmp/case/note.txt", doc_types=("10-K",), fmt="text"))
    (deal,) = facts.agreements
    assert deal.kind.value == "co-development" and set(deal.parties) == {"Halden Bio, Inc.", "Varrow Biotech"}
    assert [(p.kind.value, p.amount) for p in deal.payments if p.amount] == [("upfront", 15000000)]
