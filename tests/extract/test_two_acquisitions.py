"""Two acquisitions from one seller group told in one 8-K item stay two agreements (invented texts):
a person who sells is no party (GOLD_SCHEMA: parties are organizations), a company named only to
describe a holder ("sole stockholder of LHS") or in a defined term's grouping ("(collectively with
LHS ..., the "LHS Acquisition")") is no party of the sentence's deal, and a reporting period's end is no
deal date."""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract

COVER = ("FORM 8-K\nDate of Report (Date of earliest event reported): January 10, 1997\n\nHome Care Partners, Inc.\n(Exact name of registrant as specified in its charter)\n\n"
         "ITEM 2. ACQUISITION OR DISPOSITION OF ASSETS\n\n")
FIRST = ("On January 10, 1997, Home Care Partners, Inc. (the \"Company\") acquired from {person} and Lakeshore Holdings, Inc. "
         "(\"Lakeshore\") certain assets of Lakeshore and its subsidiary Bayview Nursing, Inc. for $2.0 million in cash. ")
SECOND = ("Additionally, in connection with this acquisition, the Company signed a definitive agreement to acquire from "
          "{person}, {role} of Lakeshore, certain assets of Pinecrest, Inc. (\"Pinecrest\") and Medicorp IV, Inc., affiliates "
          "of Lakeshore (collectively with Lakeshore and Bayview, the \"Lakeshore Acquisition\"), with $1.3 million in net "
          "revenues for the twelve month period ended June 30, 1996.")


@pytest.mark.parametrize("person,role", [
    ("Mark O'Neill", "sole stockholder"), ("Jane Roe", "the principal shareholder"), ("Peter van Dyke", "majority owner"),
    ("Anna Marie Koenig", "sole shareholder"), ("Li Wei", "founder"), ("Ravi Shah", "the sole owner"),
])
def test_two_acquisitions_from_one_seller_group_stay_two(person, role):
    text = COVER + FIRST.format(person=person) + SECOND.format(person=person, role=role)
    facts = extract(Filing.from_texts(text, path="/tmp/case/doc.txt", doc_types=("8-K",), fmt="text"))
    got = sorted(sorted(a.parties) for a in facts.agreements)
    assert got == [["Bayview Nursing, Inc.", "Home Care Partners, Inc.", "Lakeshore Holdings, Inc."],
                   ["Home Care Partners, Inc.", "Medicorp IV, Inc.", "Pinecrest, Inc."]]
    assert all(a.date != "1996-06-30" for a in facts.agreements)
    assert person.removeprefix("Dr. ").removeprefix("Mr. ") not in {o.name for o in facts.organizations}
