"""kg.store: atomic per-document graphs, manifest, bound queries, dumps, opening errors."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
import rdflib
import rdflib.compare
from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from kg.errors import QueryError, StoreError
from kg.store import MANIFEST_GRAPH, Store

LIC = Namespace("https://w3id.org/dealgraph/lic#")
ID = "https://w3id.org/dealgraph/id/"
HOSTILE = 'Ärzte & "Söhne" <GmbH> 株式会社 \\ O\'Brien\nLtd'


def doc_graph(n: int, org_name: str = "Acme Corp", amount: str = "1000000") -> tuple[URIRef, rdflib.Graph]:
    """A small hand-made document graph: one organization, one agreement, one payment."""
    doc = URIRef(f"{ID}doc/sha256-{n:020d}")
    g = rdflib.Graph()
    org = URIRef(f"{ID}org/acme-{n}")
    ag = URIRef(f"{doc}/agreement/1")
    pay = URIRef(f"{ag}/payment/1")
    g.add((doc, RDF.type, LIC.Document))
    g.add((org, RDF.type, LIC.Organization))
    g.add((org, LIC.name, Literal(org_name)))
    g.add((ag, RDF.type, LIC.Agreement))
    g.add((ag, LIC.agreementKind, Literal("license")))
    g.add((ag, LIC.party, org))
    g.add((ag, LIC.payment, pay))
    g.add((pay, LIC.amount, Literal(Decimal(amount))))
    g.add((pay, LIC.currency, Literal("USD")))
    return doc, g


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "store")) as s:
        yield s


def test_replace_graph_writes_graph_and_manifest(store):
    doc, g = doc_graph(1)
    n = store.replace_graph(doc, g, source_path="in/a.txt", sha256="aa" * 32)
    assert n == 9
    assert len(store) == 9
    assert store.graphs() == [str(doc)]
    assert store.manifest() == {"in/a.txt": (str(doc), "aa" * 32)}
    assert MANIFEST_GRAPH not in store.graphs()


def test_replace_graph_replaces_only_its_graph(store):
    d1, g1 = doc_graph(1)
    d2, g2 = doc_graph(2)
    store.replace_graph(d1, g1, source_path="a", sha256="1")
    store.replace_graph(d2, g2, source_path="b", sha256="2")
    before_b = store.canonical_nquads(str(d2))
    _, g1b = doc_graph(1, amount="5")
    store.replace_graph(d1, g1b, source_path="a", sha256="3")
    assert store.canonical_nquads(str(d2)) == before_b
    amounts = store.query("SELECT ?a ?g WHERE { GRAPH ?g { ?p <%s> ?a } } ORDER BY ?a" % LIC.amount,
                          {"g": d1})
    assert [str(r[0]) for r in amounts.rows] == ["5"]
    assert store.manifest()["a"] == (str(d1), "3")


def test_path_that_changes_graph_iri_drops_its_old_graph(store):
    d1, g1 = doc_graph(1)
    d9, g9 = doc_graph(9)
    store.replace_graph(d1, g1, source_path="a", sha256="1")
    store.replace_graph(d9, g9, source_path="a", sha256="2")
    assert store.graphs() == [str(d9)]
    assert store.manifest() == {"a": (str(d9), "2")}


def test_record_source_and_forget_source(store):
    d1, g1 = doc_graph(1)
    store.replace_graph(d1, g1, source_path="a", sha256="1")
    store.record_source("copy-of-a", d1, "1")
    assert store.manifest() == {"a": (str(d1), "1"), "copy-of-a": (str(d1), "1")}
    assert store.forget_source("a") is True
    assert store.graphs() == [str(d1)]  # still owned by copy-of-a
    assert store.forget_source("copy-of-a") is True
    assert store.graphs() == []
    assert store.forget_source("never-built") is False


def test_remove_graph_removes_manifest_entries(store):
    d1, g1 = doc_graph(1)
    store.replace_graph(d1, g1, source_path="a", sha256="1")
    store.remove_graph(d1)
    assert store.graphs() == [] and store.manifest() == {} and len(store) == 0


def test_hostile_literals_round_trip(store):
    d1, g1 = doc_graph(1, org_name=HOSTILE)
    store.replace_graph(d1, g1, source_path='we"ird <path> & ü.txt', sha256="1")
    res = store.query("SELECT ?o ?n WHERE { ?o <%s> ?n }" % LIC.name, {"n": Literal(HOSTILE)})
    assert [str(r[0]) for r in res.rows] == [f"{ID}org/acme-1"]
    names = store.query("SELECT ?n WHERE { ?o <%s> ?n }" % LIC.name)
    assert str(names.rows[0][0]) == HOSTILE
    assert 'we"ird <path> & ü.txt' in store.manifest()
    # Round trip through every dump format.
    for fmt, parse_fmt in [("nquads", "nquads"), ("trig", "trig"), ("turtle", "turtle"), ("jsonld", "json-ld")]:
        data = store.dump(fmt)
        ds = rdflib.Dataset(default_union=True)
        ds.parse(data=data.decode("utf-8"), format=parse_fmt)
        assert Literal(HOSTILE) in set(ds.objects(None, LIC.name)), fmt


def test_query_bindings_are_bound_not_formatted(store):
    d1, g1 = doc_graph(1)
    store.replace_graph(d1, g1, source_path="a", sha256="1")
    injection = '" } } SELECT * WHERE { ?s ?p ?o'
    res = store.query("SELECT ?o ?n WHERE { ?o <%s> ?n }" % LIC.name, {"?n": injection})
    assert res.columns == ["o", "n"] and res.rows == []
    ask = store.query("ASK { ?a <%s> ?k }" % LIC.agreementKind, {"k": "license"})
    assert ask.boolean is True
    typed = store.query("SELECT ?p ?a WHERE { ?p <%s> ?a }" % LIC.amount, {"a": Literal(Decimal("1000000"))})
    assert [str(r[0]) for r in typed.rows] == [f"{d1}/agreement/1/payment/1"]
    assert typed.rows[0][0] == URIRef(f"{d1}/agreement/1/payment/1")


def test_query_syntax_error_is_query_error(store):
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        store.query("SELEKT nothing")


def test_union_default_graph_sees_all_documents(store):
    for i in (1, 2, 3):
        d, g = doc_graph(i)
        store.replace_graph(d, g, source_path=str(i), sha256=str(i))
    res = store.query("SELECT (COUNT(?a) AS ?n) WHERE { ?a a <%s> }" % LIC.Agreement)
    assert int(res.rows[0][0]) == 3


def test_literal_datatypes_round_trip(store):
    d1, g1 = doc_graph(1)
    s = URIRef(f"{d1}/x")
    g1.add((s, LIC.date, Literal("2001-02-03", datatype=XSD.date)))
    g1.add((s, LIC.title, Literal("Lizenz", lang="de")))
    g1.add((s, LIC.exclusive, Literal(True)))
    store.replace_graph(d1, g1, source_path="a", sha256="1")
    back = store.graph(str(d1))
    assert rdflib.compare.isomorphic(back, g1)


def test_blank_nodes_are_kept_and_canonical(store):
    d1, g1 = doc_graph(1)
    b = BNode("not-alnum-label!")
    g1.add((URIRef(f"{d1}/x"), LIC.evidence, b))
    g1.add((b, LIC.quote, Literal("q")))
    store.replace_graph(d1, g1, source_path="a", sha256="1")
    text = store.canonical_nquads()
    assert "_:c14n0" in text and text.count("\n") == 11


def test_to_rdflib_dataset_and_union_exclude_manifest(store):
    d1, g1 = doc_graph(1)
    store.replace_graph(d1, g1, source_path="a", sha256="1")
    ds = store.to_rdflib_dataset()
    assert {str(c.identifier) for c in ds.graphs() if len(c)} == {str(d1)}
    assert len(store.union_graph()) == 9


def test_bulk_load_nquads(tmp_path, store):
    d1, g1 = doc_graph(1)
    store.replace_graph(d1, g1, source_path="a", sha256="1")
    data = store.dump("nquads")
    with Store(str(tmp_path / "other")) as other:
        other.bulk_load(data)
        assert other.canonical_nquads() == store.canonical_nquads()


def test_bulk_load_in_slices_equals_one_load(tmp_path, store):
    """Slices cut at line ends (a few hundred bytes each here) load the same quads as one call."""
    for i in (1, 2, 3):
        d, g = doc_graph(i)
        store.replace_graph(d, g, source_path=f"p{i}", sha256=str(i))
    path = tmp_path / "all.nq"
    path.write_bytes(store.dump("nquads"))
    with Store(str(tmp_path / "sliced")) as sliced:
        sliced.BULK_SLICE_BYTES = 300  # smaller than the file: many slices, most ending mid-line
        assert sliced.bulk_load(path) == path.stat().st_size
        assert sliced.canonical_nquads() == store.canonical_nquads()


def test_bulk_load_reports_bad_line_with_path(tmp_path):
    path = tmp_path / "bad.nq"
    path.write_bytes(b"<http://a> <http://b> <http://c> <http://g> .\n<http://a> <http://b> \"x\n")
    with Store(str(tmp_path / "s")) as st, pytest.raises(StoreError, match="not valid N-Quads") as err:
        st.bulk_load(path)
    assert err.value.path == str(path)


def test_persistence_across_reopen(tmp_path):
    path = str(tmp_path / "s")
    d1, g1 = doc_graph(1)
    with Store(path) as s:
        s.replace_graph(d1, g1, source_path="a", sha256="1")
    with Store(path, create=False) as s:
        assert s.manifest() == {"a": (str(d1), "1")} and len(s) == 9


def test_open_non_store_directory_is_store_error(tmp_path):
    (tmp_path / "notes.txt").write_text("not a store")
    with pytest.raises(StoreError, match="not a dealgraph store") as err:
        Store(str(tmp_path))
    assert err.value.path == str(tmp_path)
    assert (tmp_path / "CURRENT").exists() is False


def test_open_missing_store_without_create(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        Store(str(tmp_path / "missing"), create=False)
    assert not (tmp_path / "missing").exists()


def test_open_locked_store_is_store_error(tmp_path):
    path = str(tmp_path / "s")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, kg.store; s = kg.store.Store(sys.argv[1]); print('open', flush=True); sys.stdin.read()", path],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="in use by another process") as err:
            Store(path)
        assert err.value.one_line().startswith(path + ": ")
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_invalid_iri_is_store_error(store):
    d1, g1 = doc_graph(1)
    g1.add((URIRef("http://x/has space"), LIC.name, Literal("x")))
    with pytest.raises(StoreError, match="not valid RDF"):
        store.replace_graph(d1, g1, source_path="a", sha256="1")
    assert store.graphs() == [] and store.manifest() == {}


def test_unprojected_parameter_is_query_error(store):
    with pytest.raises(QueryError, match="must be a SELECT column"):
        store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef("http://x/g")})


def test_read_only_store_reads_while_writer_holds_lock(tmp_path):
    path = str(tmp_path / "s")
    d1, g1 = doc_graph(1)
    with Store(path) as writer:
        writer.replace_graph(d1, g1, source_path="a", sha256="1")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, kg.store; s = kg.store.Store(sys.argv[1]); print('open', flush=True); sys.stdin.read()", path],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with Store(path, read_only=True) as reader, Store(path, read_only=True) as reader2:
            assert reader.manifest() == {"a": (str(d1), "1")} == reader2.manifest()
            assert len(reader) == 9
            with pytest.raises(StoreError, match="read-only"):
                reader.replace_graph(d1, g1, source_path="a", sha256="2")
            with pytest.raises(StoreError, match="read-only"):
                reader.add_quads([(d1, LIC.name, Literal("x"), d1)])
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    with pytest.raises(StoreError, match="no store here"):
        Store(str(tmp_path / "missing"), read_only=True)
