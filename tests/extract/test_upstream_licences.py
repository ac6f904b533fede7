"""An upstream licence between two other organizations, told inside the note of the filer's own
sublicence (invented 10-K note text): it is an agreement of its own, with its own defined term
("BWH-Purpose Agreement" is not "the Purpose Agreement"), its own parties (a name with "and" inside it
when its initials spell the defined term) and its own roles; the filer's agreement keeps its roles."""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract

COVER = "Halden Bio, Inc.\n(Exact name of registrant as specified in its charter)\n\nFORM 10-K\nFor the fiscal year ended December 31, 2022\n\n"

NOTE = (
    "In December 2015, we entered into an exclusive agreement (the \"Marrow Agreement\") to sublicense certain technology "
    "from Marrow Co. Ltd. (\"Marrow\"). Marrow entered into the original license agreement (\"{term}\") with {owner} "
    "(\"{acr}\") in August 2011. The {term} granted Marrow an exclusive, worldwide license under patents co-owned by "
    "{acr} and Marrow. The Marrow Agreement granted us exclusive rights to Marrow's technology. Under the Marrow "
    "Agreement, we are obligated to pay Marrow up to $10.0 million upon the achievement of milestones."
)

OWNERS = [
    ("Brigham and Women's Hospital, Inc.", "BWH"),
    ("Dana and Farber Cancer Institute, Inc.", "DFCI"),
    ("Kessler Research Foundation", "KRF"),
    ("Albion and Rowe Medical Center, Inc.", "ARMC"),
    ("Trustees of Wexford College", "TWC"),
]


@pytest.mark.parametrize("owner,acr", OWNERS)
@pytest.mark.parametrize("term_form", ["{acr}-Marrow Agreement", "{acr} License"])
def test_upstream_licence_is_its_own_agreement(owner, acr, term_form):
    term = term_form.format(acr=acr)
    text = COVER + NOTE.format(term=term, owner=owner, acr=acr)
    facts = extract(Filing.from_texts(text, path="/tmp/case/note.txt", doc_types=("10-K",), fmt="text"))
    by_parties = {frozenset(a.parties): a for a in facts.agreements}
    upstream = by_parties.get(frozenset({"Marrow Co. Ltd.", owner}))
    own = by_parties.get(frozenset({"Halden Bio, Inc.", "Marrow Co. Ltd."}))
    assert upstream is not None and own is not None, sorted(by_parties, key=sorted)
    assert (upstream.licensor, upstream.licensee, upstream.date) == (owner, "Marrow Co. Ltd.", "2011-08")
    assert (own.licensor, own.licensee) == ("Marrow Co. Ltd.", "Halden Bio, Inc.")
    assert [(p.kind.value, p.amount) for p in own.payments if p.amount] == [("milestone", 10000000)]
