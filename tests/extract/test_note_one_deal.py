"""A 10-K note about one collaboration stays one agreement (invented note text): its defined term in
prospectus style (", or the Kestrel Agreement,"), deal words used as modifiers ("a collaboration
program", "a license fee") and hypothetical licences ("If Kestrel exercises its option, the parties
shall enter into a license agreement") open no second agreement; "We have granted to X an option to
obtain a license" gives the roles."""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract

COVER = "Halden Bio, Inc.\n(Exact name of registrant as specified in its charter)\n\nFORM 10-K\nFor the fiscal year ended December 31, 2022\n\n"
OPENING = {
    "or": "In May 2021, we entered into a Collaboration and Option Agreement, or the Kestrel Agreement, with Kestrel Bio LP, or Kestrel. ",
    "refer": "In May 2021, we entered into a Collaboration and Option Agreement, which we refer to as the Kestrel Agreement, with Kestrel Bio LP (\"Kestrel\"). ",
    "quoted": "In May 2021, we entered into a Collaboration and Option Agreement (the \"Kestrel Agreement\") with Kestrel Bio LP (\"Kestrel\"). ",
}
LATER = [
    "Under the Kestrel Agreement, we conduct research under a research plan for each collaboration program.",
    "If Kestrel exercises its option for a program, the parties shall negotiate financial terms and enter into a license agreement.",
    "If Kestrel exercises its option but the parties do not enter into a commercial license, the exclusivity ends.",
    "Should Kestrel exercise its option, the parties will enter into a separate license agreement for that program.",
    "Upon exercise of the option, Kestrel and the Company shall enter into a commercial license.",
    "In the event the parties enter into a commercial license, Kestrel will be responsible for development.",
    "Kestrel will pay a license fee for each program for which it exercises its option.",
    "The Kestrel Agreement provides for a collaboration term of three years.",
    "The joint steering committee oversees each collaboration program under the Kestrel Agreement.",
    "Unless the parties enter into a license agreement within 90 days, the option for that program lapses.",
]
GRANT = "We have granted to Kestrel an option, on a program-by-program basis, to obtain an exclusive license under our intellectual property. "


@pytest.mark.parametrize("opening", sorted(OPENING))
@pytest.mark.parametrize("later", LATER)
def test_one_collaboration_with_its_roles(opening, later):
    text = COVER + "Note 7. Collaboration Agreements\n\n" + OPENING[opening] + GRANT + later
    facts = extract(Filing.from_texts(text, path="/tmp/case/note.txt", doc_types=("10-K",), fmt="text"))
    deals = [(a.kind.value, a.licensor, a.licensee) for a in facts.agreements]
    assert deals == [("collaboration", "Halden Bio, Inc.", "Kestrel Bio LP")]
