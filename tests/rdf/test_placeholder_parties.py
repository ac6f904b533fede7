"""A contract party a form leaves unnamed ("____ ("Licensee")") is an organization of its own document:
two forms' "Licensee" parties are two lic:Organization nodes, while a named party is one node across
documents (kg.iris.placeholder_org_iri vs org_iri)."""
from __future__ import annotations

from rdflib import RDF

from kg.document import Filing
from kg.extract import extract
from kg.rdf import facts_to_graph
from kg.vocab import LIC

FORM = """LICENSE AGREEMENT

This License Agreement is made as of {date} by and between Acme Biotech, Inc., a Delaware corporation ("Licensor"), and
____________, a ______ corporation ("Licensee").

IN WITNESS WHEREOF the parties have signed this Agreement.
"""


def _orgs(date: str) -> set[str]:
    facts = extract(Filing.from_texts(FORM.format(date=date), path=f"/tmp/case/{date[-4:]}.txt", doc_types=("EX-10.1",), fmt="text"))
    assert [o.name for o in facts.organizations if o.placeholder] == ["Licensee"]
    _, g = facts_to_graph(facts)
    return {str(s) for s in g.subjects(RDF.type, LIC.Organization)}


def test_unnamed_parties_of_two_forms_are_two_organizations_and_named_ones_one():
    first, second = _orgs("May 1, 2020"), _orgs("May 1, 2021")
    shared = first & second
    assert len(shared) == 1 and shared.pop().endswith("/org/acme-biotech")
    (a,), (b,) = first - second, second - first
    assert a.endswith("/party/licensee") and b.endswith("/party/licensee") and a != b
