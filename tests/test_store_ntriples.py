"""Store.replace_graph given N-Triples bytes (what kg.build's workers send) writes what the triples would."""
from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from kg.errors import StoreError
from kg.store import Store, to_ox

LIC = Namespace("https://w3id.org/dealgraph/lic#")
ID = "https://w3id.org/dealgraph/id/"
HOSTILE = 'Ärzte & "Söhne" <GmbH> 株式会社 \\ O\'Brien\nLtd } ; DROP ALL ; {\r\t\u0000\u2028'


def _graph() -> tuple[URIRef, rdflib.Graph]:
    doc = URIRef(f"{ID}doc/sha256-{1:020d}")
    g = rdflib.Graph()
    org, ag, b = URIRef(f"{ID}org/acme"), URIRef(f"{doc}/agreement/1"), BNode("x1")
    g.add((doc, RDF.type, LIC.Document))
    g.add((org, LIC.name, Literal(HOSTILE)))
    g.add((org, LIC.alias, Literal("Acme", lang="en")))
    g.add((ag, LIC.amount, Literal(Decimal("12.50"))))
    g.add((ag, LIC.date, Literal("2001-02", datatype=XSD.gYearMonth)))
    g.add((ag, LIC.exclusive, Literal(True)))
    g.add((ag, LIC.party, b))
    g.add((b, LIC.name, Literal("blank")))
    return doc, g


def _ntriples(g: rdflib.Graph) -> bytes:
    return ox.serialize([ox.Triple(*(to_ox(t) for t in tr)) for tr in g], None, ox.RdfFormat.N_TRIPLES)


def test_bytes_and_triples_write_the_same_store():
    doc, g = _graph()
    a, b = Store(), Store()
    na = a.replace_graph(doc, g, source_path="/x/a.txt", sha256="a" * 64)
    nb = b.replace_graph(str(doc), _ntriples(g), source_path="/x/a.txt", sha256="a" * 64)
    assert na == nb == len(g)
    assert a.canonical_nquads() == b.canonical_nquads()
    assert a.manifest() == b.manifest()
    # replacing again with bytes drops the old triples, as with a graph
    g2 = rdflib.Graph()
    g2.add((doc, RDF.type, LIC.Document))
    a.replace_graph(doc, g2, source_path="/x/a.txt", sha256="b" * 64)
    b.replace_graph(doc, _ntriples(g2), source_path="/x/a.txt", sha256="b" * 64)
    assert a.canonical_nquads() == b.canonical_nquads()
    assert len(b) == 1


def test_invalid_ntriples_is_store_error_and_writes_nothing():
    doc, g = _graph()
    st = Store()
    st.replace_graph(doc, _ntriples(g), source_path="/x/a.txt", sha256="a" * 64)
    before = st.canonical_nquads()
    for bad in (b"<http://a> <http://b> } ; DROP ALL ; INSERT DATA { <http://c> <http://d> <http://e> .\n",
                b"not n-triples\n"):
        with pytest.raises(StoreError):
            st.replace_graph(doc, bad, source_path="/x/a.txt", sha256="c" * 64)
    assert st.canonical_nquads() == before
    assert st.manifest()["/x/a.txt"][1] == "a" * 64


def test_new_document_fast_path_marks_derived_data_stale_and_is_all_or_nothing():
    """A first write of N-Triples goes through Oxigraph's transactional load (Store._load_new)."""
    doc, g = _graph()
    st = Store()
    with pytest.raises(StoreError):  # the last line is broken: nothing of the document lands
        st.replace_graph(doc, _ntriples(g) + b"<http://a> <http://b> .\n", source_path="/x/a.txt", sha256="a" * 64)
    assert len(st) == 0 and st.manifest() == {} and not st.derived_stale()
    st.replace_graph(doc, _ntriples(g), source_path="/x/a.txt", sha256="a" * 64)
    assert st.derived_stale() and st.manifest() == {"/x/a.txt": (str(doc), "a" * 64)}
    assert len(st) == len(g)
