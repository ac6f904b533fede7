"""Roles told in a 10-K note without naming both sides in one sentence (invented note text):
- a role the text defines as a party's name ('X, a company organized under the laws of England and
  Wales (the "Licensee")'), then uses: "The Licensee obtained exclusive rights";
- an agentless passive grant in the filer's own note ("the rights were licensed to X"): the filer is the
  other side;
- a terms table that summarises the deals the note describes joins them, never duplicates them."""
from __future__ import annotations

import pytest

from invented_filing import extract_text

COVER = "Halden Bio, Inc.\n(Exact name of registrant as specified in its charter)\n\nFORM 10-K\nFor the fiscal year ended December 31, 2019\n\n"
US, THEM = "Halden Bio, Inc.", "Avelline Therapeutics Ltd."


def _deals(text: str):
    facts = extract_text(text, cover=COVER, doc_type="10-K", name="note.txt")
    return [a for a in facts.agreements if THEM in a.parties]


ROLE_TERMS = [
    ("a company organized under the laws of England and Wales (the \"Licensee\")", "The Licensee obtained exclusive worldwide rights to HB-902.", (US, THEM)),
    ("a company incorporated in Ireland (the \"Licensee\")", "The Licensee received an exclusive license to HB-902.", (US, THEM)),
    ("an English company (the \"Licensee\")", "The Licensee holds an exclusive license to HB-902 in Europe.", (US, THEM)),
    ("a company organized under the laws of England and Wales (\"Licensor\")", "Licensor granted the Company an exclusive license to its antibody.", (THEM, US)),
    ("a private company based in Oxford, United Kingdom (the \"Licensor\")", "The Licensor granted us a license under its patents.", (THEM, US)),
    ("a company organized under the laws of Scotland (the \"Sublicensee\")", "The Sublicensee obtained rights to HB-902 in Asia.", (US, THEM)),
    ("a corporation organized under the laws of England and Wales (the \"Licensee\")", "The Company granted the Licensee an exclusive license to HB-902.", (US, THEM)),
    ("a company organized under the laws of Jersey (the \"Licensee\")", "The Licensee was granted exclusive rights to HB-902.", (US, THEM)),
    ("a biotechnology company headquartered in London (the \"Licensor\")", "Under the agreement, the Licensor licensed to us its formulation patents.", (THEM, US)),
    ("a company organized under the laws of Wales (the \"Licensee\")", "We licensed to the Licensee our rights to HB-902.", (US, THEM)),
]


@pytest.mark.parametrize("appositive,grant,roles", ROLE_TERMS)
def test_a_role_defined_as_a_partys_name_gives_the_roles(appositive, grant, roles):
    text = (f"In June 2019, the Company entered into a license agreement (the \"Avelline Agreement\") with {THEM}, "
            f"{appositive}. {grant}")
    deals = _deals(text)
    assert [(a.kind.value, a.licensor, a.licensee) for a in deals] == [("license", *roles)]


PASSIVE = [
    "Under an agreement signed in October 2018, the rights to HB-771 in Brazil were licensed to Avelline Therapeutics Ltd.",
    "Under a license agreement signed in October 2018, exclusive rights to HB-771 were granted to Avelline Therapeutics Ltd.",
    "Pursuant to an agreement entered into in October 2018, HB-771 was exclusively licensed to Avelline Therapeutics Ltd.",
    "Under an agreement signed in October 2018, the HB-771 patents have been licensed to Avelline Therapeutics Ltd. for Latin America.",
    "Under a license agreement entered into in October 2018, the rights to HB-771 were sublicensed to Avelline Therapeutics Ltd.",
]


@pytest.mark.parametrize("text", PASSIVE)
def test_an_agentless_grant_in_the_filers_note_is_the_filers_licence(text):
    deals = _deals(text)
    assert [(a.kind.value, a.licensor, a.licensee, a.date) for a in deals] == [("license", US, THEM, "2018-10")]


def test_a_terms_table_joins_the_deals_its_note_tells():
    text = ("Note 5. License Arrangements\n\nThe table presents the principal financial terms of each license.\n\n"
            "Counterparty | Signed | Upfront | Milestones | Royalty\n---|---|---|---|---\n"
            "Avelline Therapeutics Ltd. | 2019 | $20,000,000 | $215,000,000 | 8%\n"
            "Rudbeck University Foundation | 2015 | $350,000 | $6,000,000 | 2.5%\n\n"
            "Avelline Therapeutics\n\nIn June 2019, the Company entered into a license agreement with Avelline Therapeutics Ltd., "
            "under which the Company granted Avelline Therapeutics Ltd. exclusive worldwide rights to HB-902.\n\n"
            "Rudbeck University Foundation\n\nIn 2015, the Company and the Rudbeck University Foundation entered into an agreement "
            "covering the HB-500 platform.\n")
    facts = extract_text(text, cover=COVER, doc_type="10-K", name="note.txt")
    by_partner = {}
    for a in facts.agreements:
        for p in a.parties:
            if p != US:
                by_partner.setdefault(p, []).append(a)
    assert sorted(by_partner) == ["Avelline Therapeutics Ltd.", "Rudbeck University Foundation"]
    assert all(len(v) == 1 for v in by_partner.values())
    (avelline,), (rudbeck,) = by_partner["Avelline Therapeutics Ltd."], by_partner["Rudbeck University Foundation"]
    assert (avelline.kind.value, avelline.licensor, avelline.licensee) == ("license", US, THEM)
    assert rudbeck.kind.value == "license"  # "an agreement" in the note, a licence in the table
