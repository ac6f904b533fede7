"""kg.fastcheck's scale shortcuts give pySHACL's results (no timings here; bench/scale.py measures).

- the store's default graph is the union of per-document graphs, a bag: a node
  restated in many graphs, with the same or with different values, is one node
  (sh:maxCount's count-then-group shortcut, sh:minCount, sh:class);
- well-formed typed literals are recognised inside Oxigraph (``_SURE_SPARQL``)
  only when rdflib also finds them well-formed (pySHACL's test), on edge cases
  of every datatype the shapes check;
- value conditions merged into one query per property shape, sh:in as MINUS
  VALUES, pair constraints as hash joins, and 2 threads report what one query
  per constraint in one thread reports.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import XSD, Graph, Literal, URIRef

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.fastcheck import (_SURE_SPARQL, _default_checks, _ill_typed, _run_checks, compile_shapes,  # noqa: E402
                          fast_validate)
from kg.validate import validate_graph  # noqa: E402

EX = "http://example.org/"
LIC = "https://w3id.org/dealgraph/lic#"

# Lexical forms around the edges of what rdflib (and Oxigraph) accept.
EDGE_LEXICALS = {
    XSD.integer: ["0", "5", "+5", "-5", "05", " 5", "5 ", "5.0", "1e3", "", "x", "١٢"],
    XSD.decimal: ["0", "1.5", "-1.5", "+.5", ".5", "1.", "5", "1e3", "1,5", "", "1.2.3"],  # no NaN (pySHACL fails)
    XSD.boolean: ["true", "false", "1", "0", "TRUE", "True", " true", "yes", ""],
    XSD.date: ["2001-02-28", "2001-02-29", "2000-02-29", "2001-02-30", "2001-04-31", "2001-13-01", "0000-01-01",
               "0001-01-01", "9999-12-31", "20001-01-01", "-2001-01-01", "2001-01-01Z", "2001-01-01+02:00",
               "2001-1-01", "2001-01-1", "2001/01/01", ""],
    XSD.duration: ["P5Y", "P1Y2M", "P1Y2M3D", "P2M", "P3D", "P0D", "P", "PT", "PT5H", "P1W", "-P1Y", "P1.5Y",
                   "P1Y2D", "5Y", "p5y", ""],
}


def _typed(lexical: str, datatype: URIRef) -> ox.Literal:
    return ox.Literal(lexical, datatype=ox.NamedNode(str(datatype)))


@pytest.mark.parametrize("datatype", sorted(_SURE_SPARQL), ids=lambda d: d.rsplit("#", 1)[-1])
def test_sparql_well_formedness_shortcut_never_passes_what_rdflib_rejects(datatype):
    dt = URIRef(datatype)
    lexicals = EDGE_LEXICALS[dt]
    store = ox.Store()
    for i, lex in enumerate(lexicals):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), _typed(lex, dt)))
    rows = store.query(f"SELECT ?s ?value (COALESCE({_SURE_SPARQL[datatype]}, false) AS ?sure) "
                       f"WHERE {{ ?s <{EX}p> ?value }}")
    # Oxigraph keeps valid literals in canonical form ("1"^^xsd:boolean is "true"): both are checked
    sure = {(lexicals[int(r["s"].value[len(EX) + 1:])], r["value"].value): r["sure"].value == "true" for r in rows}
    assert {lex for lex, _ in sure} == set(lexicals)
    wrongly_sure = [(lex, stored) for (lex, stored), s in sure.items()
                    if s and (_ill_typed(Literal(lex, datatype=dt)) or _ill_typed(Literal(stored, datatype=dt)))]
    assert not wrongly_sure
    assert any(sure.values()), "the shortcut recognises nothing: it would prove nothing"


def _edge_graph() -> Graph:
    """Evidence, payments and agreements carrying every edge lexical in a checked field."""
    g = Graph()
    field = {XSD.integer: "endOffset", XSD.decimal: "amount", XSD.boolean: "exclusive",
             XSD.date: "effectiveDate", XSD.duration: "term"}
    cls = {XSD.integer: "Evidence", XSD.decimal: "Payment", XSD.boolean: "Agreement",
           XSD.date: "Agreement", XSD.duration: "Agreement"}
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for dt, lexicals in EDGE_LEXICALS.items():
        if dt == XSD.boolean:  # ill-typed booleans: rdflib-only flag lost in serialization (kg.fastcheck docstring)
            lexicals = ["true", "false", "1", "0"]
        for i, lex in enumerate(lexicals):
            node = URIRef(f"{EX}{field[dt]}/{i}")
            g.add((node, rdf_type, URIRef(LIC + cls[dt])))
            g.add((node, URIRef(LIC + field[dt]), Literal(lex, datatype=dt)))
    return g


def keys(result) -> set[tuple]:
    return {(v.focus, v.path, v.shape, v.component, v.severity) for v in result.violations}


def test_edge_lexicals_give_pyshacl_results():
    g = _edge_graph()
    slow, fast = validate_graph(g), fast_validate(g)
    assert keys(fast) == keys(slow)
    wellformed = {v.focus for v in fast.violations if v.component in ("DatatypeConstraintComponent",
                                                                      "OrConstraintComponent")}
    assert f"{EX}effectiveDate/1" in wellformed and f"{EX}effectiveDate/0" not in wellformed  # 2001-02-29


# One organization and one agreement restated in many document graphs (the
# default graph is their bag union); some restatements disagree.
BAG_DOCS = 30


def _bag_store() -> tuple[ox.Store, Graph]:
    lic = lambda local: ox.NamedNode(LIC + local)  # noqa: E731
    typ = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    s = ox.Literal
    hub, other, agr = ox.NamedNode(EX + "hub"), ox.NamedNode(EX + "other"), ox.NamedNode(EX + "agr")
    quads = []
    for d in range(BAG_DOCS):
        gname = ox.NamedNode(f"{EX}doc/{d}")
        quads += [ox.Quad(hub, typ, lic("Organization"), gname), ox.Quad(hub, lic("name"), s("Hub Inc."), gname),
                  ox.Quad(hub, lic("cik"), s("0000000001"), gname),  # same value restated: no maxCount result
                  ox.Quad(other, typ, lic("Organization"), gname), ox.Quad(other, lic("name"), s("Other"), gname),
                  ox.Quad(agr, typ, lic("Agreement"), gname), ox.Quad(agr, lic("agreementKind"), s("license"), gname),
                  ox.Quad(agr, lic("status"), s("new"), gname), ox.Quad(agr, lic("party"), hub, gname),
                  ox.Quad(agr, lic("party"), other, gname), ox.Quad(agr, lic("licensor"), hub, gname),
                  ox.Quad(agr, lic("evidence"), ox.NamedNode(f"{EX}ev/{d}"), gname)]
    last = ox.NamedNode(f"{EX}doc/{BAG_DOCS - 1}")
    quads += [ox.Quad(other, lic("cik"), s("0000000002"), last),  # two CIKs in two documents: maxCount
              ox.Quad(other, lic("cik"), s("0000000003"), ox.NamedNode(f"{EX}doc/0")),
              ox.Quad(agr, lic("licensee"), hub, last),  # self-deal stated once: disjoint
              ox.Quad(agr, lic("status"), s("amended"), last),  # second status: maxCount
              ox.Quad(agr, lic("party"), ox.NamedNode(EX + "untyped"), last)]  # sh:class
    store = ox.Store()
    store.extend(quads)
    union = Graph().parse(data=ox.serialize([q.triple for q in quads], None, ox.RdfFormat.N_TRIPLES),
                          format="nt")
    return store, union


def test_bag_union_of_document_graphs_gives_pyshacl_results_on_the_union():
    store, union = _bag_store()
    fast, slow = keys(fast_validate(store)), keys(validate_graph(union))
    assert fast == slow
    found = {(f.rsplit("/", 1)[-1], p.rsplit("#", 1)[-1], c) for f, p, _, c, _ in fast}
    assert ("other", "cik", "MaxCountConstraintComponent") in found
    assert ("hub", "cik", "MaxCountConstraintComponent") not in found
    assert {("agr", "status", "MaxCountConstraintComponent"), ("agr", "licensor", "DisjointConstraintComponent"),
            ("agr", "party", "OrConstraintComponent")} <= found


def test_threads_and_shared_queries_change_nothing():
    store, _ = _bag_store()
    g = _edge_graph()
    edge = ox.Store()
    edge.bulk_load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    checks = _default_checks(True)
    for st in (store, edge):
        assert _run_checks(st, checks, threads=1) == _run_checks(st, checks, threads=2)


def test_value_conditions_of_a_property_shape_share_one_query():
    checks = compile_shapes()
    amount = [c for c in checks if c.shape.endswith("#Payment-amount") and c.flag is not None]
    assert {c.component for c in amount} == {"DatatypeConstraintComponent", "MinInclusiveConstraintComponent"}
    assert len({c.query for c in amount}) == 1 and len({c.flag for c in amount}) == len(amount) == 3
