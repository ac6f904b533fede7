"""kg.validate.surely_conforms (the build's per-document SHACL pre-check) agrees with pySHACL.

The pre-check may only say True when pySHACL finds no sh:Violation; on these
graphs it must also say False whenever pySHACL finds one (so the build never
writes a violating document and never calls pySHACL for a clean one).  Graphs:
every shape's case files with one violating triple added at a time, every
triple of a real document graph removed or its object made wrong in turn, and
the held-out filings as built.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.errors import ValidationError
from kg.extract import extract
from kg.rdf import facts_to_graph
from kg.sources import discover, read_file
from kg.validate import surely_conforms, validate_graph

ROOT = Path(__file__).resolve().parent
CASES = ROOT / "shapes" / "cases"
HELDOUT = ROOT / "data" / "heldout"
LIC = "https://w3id.org/dealgraph/lic#"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def _parse(*paths: Path) -> Graph:
    g = Graph()
    for p in paths:
        g.parse(p, format="turtle")
    return g


def _agree(g: Graph) -> tuple[bool, bool]:
    """(pre-check, pySHACL); pySHACL failing to run counts as not conforming (the build fails the file)."""
    try:
        full = validate_graph(g).conforms
    except ValidationError:
        full = False
    return surely_conforms(g), full


@pytest.fixture(scope="module")
def documents() -> list[Graph]:
    out = []
    for f in discover([str(HELDOUT)]).files:
        filing = read_file(f)
        out.append(facts_to_graph(extract(filing), filing)[1])
    return out


def test_built_documents_conform_in_both(documents):
    assert documents
    for g in documents:
        assert _agree(g) == (True, True)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case_files_whole(name):
    conforming = _parse(CASES / "_support.ttl", CASES / name / "conforming.ttl")
    violating = _parse(CASES / "_support.ttl", CASES / name / "violating.ttl")
    assert _agree(conforming) == (True, True)
    fast, full = _agree(violating)
    assert fast == full


@pytest.mark.parametrize("name", CASE_NAMES)
def test_each_violating_triple_added_alone(name):
    """conforming case + ONE triple of the violating case: each rule is met on its own."""
    base = _parse(CASES / "_support.ttl", CASES / name / "conforming.ttl")
    bad = _parse(CASES / name / "violating.ttl")
    for t in sorted(bad):
        g = Graph()
        g += base
        g.add(t)
        fast, full = _agree(g)
        assert fast == full, (name, t)


_WRONG = [Literal("x"), Literal(-1), Literal("-2.5", datatype=XSD.decimal), Literal("x", datatype=XSD.integer),
          Literal("2001-02-30", datatype=XSD.date), Literal("maybe", datatype=XSD.boolean), Literal("a", lang="en"),
          URIRef("http://example.org/nothing"), BNode("b0"), Literal(True), Literal("123")]


def test_each_triple_of_a_document_removed_or_made_wrong(documents):
    doc = max(documents, key=len)
    triples = sorted(doc)
    disagree = []
    for i, t in enumerate(triples):
        variants = [None] + ([_WRONG[i % len(_WRONG)], _WRONG[(i * 7 + 3) % len(_WRONG)]]
                             if t[1] != RDF.type else [URIRef("http://example.org/Other")])
        for new in variants:
            g = Graph()
            g += doc
            g.remove(t)
            if new is not None:
                g.add((t[0], t[1], new))
            fast, full = _agree(g)
            if fast and not full:
                disagree.append((t, new))
            assert not (fast and not full), (t, new)  # never "conforms" when pySHACL finds a violation
            if not fast and full:
                disagree.append((t, new))
    assert not disagree


def test_subclass_targets_are_left_to_pyshacl(documents):
    g = Graph()
    g += documents[0]
    g.add((URIRef("http://example.org/C"), RDFS.subClassOf, URIRef("https://w3id.org/dealgraph/lic#Agreement")))
    assert surely_conforms(g) is False


def test_negative_amount_and_redacted_amount_are_caught(documents):
    """lic:amount >= 0 (sh:minInclusive) and a redacted payment has no amount (sh:sparql)."""
    amount, redacted = URIRef(LIC + "amount"), URIRef(LIC + "redacted")
    doc = next(g for g in documents if any(g.triples((None, amount, None))))
    pay, _, value = next(iter(doc.triples((None, amount, None))))
    negative = Graph()
    negative += doc
    negative.set((pay, amount, Literal(Decimal("-1"))))
    assert _agree(negative) == (False, False)
    hidden = Graph()
    hidden += doc
    hidden.set((pay, redacted, Literal(True)))
    assert _agree(hidden) == (False, False)
