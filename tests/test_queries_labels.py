"""Display names in the named queries == the reference name of each organization.

The queries name an organization by its kg.resolve label (``rdfs:label`` in the
resolution graph) or, without one, by the greatest of its ``lic:name`` values,
and look that name up once per organization.  The reference is the plain
formulation (``COALESCE(MAX(label), MAX(name))`` over every organization with a
``lic:name``), checked on the fixture graph unlabelled, partly labelled (a mixed
store), and resolved by kg.resolve.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.query import run_query, run_sparql
from kg.resolve import DGT, RESOLUTION_GRAPH, TABLE, resolve

DATA = Path(__file__).parent / "data" / "graph"
ID = "https://w3id.org/dealgraph/id/"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")

REFERENCE = """
PREFIX lic: <https://w3id.org/dealgraph/lic#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?o (COALESCE(MAX(?l), MAX(STR(?n))) AS ?name)
WHERE { { SELECT DISTINCT ?o ?n WHERE { ?o lic:name ?n . FILTER EXISTS { ?o a lic:Organization } } }
        OPTIONAL { SELECT DISTINCT ?o ?l WHERE { ?o rdfs:label ?l } } }
GROUP BY ?o
"""
PARTIES = "PREFIX lic: <https://w3id.org/dealgraph/lic#> SELECT DISTINCT ?a ?p WHERE { ?a lic:party ?p }"


def _fixture() -> ox.Store:
    s = ox.Store()
    s.load(path=str(DATA / "small.trig"), format=ox.RdfFormat.TRIG)
    return s


def _unlabelled() -> ox.Store:
    return _fixture()


def _mixed() -> ox.Store:
    """Alpha (two spellings) and Delta labelled, the others not."""
    s = _fixture()
    g = ox.NamedNode(RESOLUTION_GRAPH)
    s.add(ox.Quad(ox.NamedNode(ID + "org/alpha-bio"), RDFS_LABEL, ox.Literal("Alpha (label)"), g))
    s.add(ox.Quad(ox.NamedNode(ID + "org/delta-therapeutics"), RDFS_LABEL, ox.Literal("Delta (label)"), g))
    return s


def _resolved() -> ox.Store:
    s = _fixture()
    resolve(s)
    return s


@pytest.fixture(scope="module", params=["unlabelled", "mixed", "resolved"])
def store(request) -> ox.Store:
    return {"unlabelled": _unlabelled, "mixed": _mixed, "resolved": _resolved}[request.param]()


def _names(store) -> dict[str, str]:
    return dict(run_sparql(store, REFERENCE).rows)


def _parties(store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a, p in run_sparql(store, PARTIES).rows:
        out.setdefault(a, set()).add(p)
    return out


def _has_table(store) -> bool:
    from kg.resolve._table import has_table
    return has_table(store)


def _split(text: str | None) -> set[str]:
    return set(text.split("; ")) if text else set()


def test_the_stores_differ_as_intended(store):
    names = _names(store)
    assert len(names) == 5
    labelled = sum(1 for q in store.quads_for_pattern(None, RDFS_LABEL, None, ox.NamedNode(RESOLUTION_GRAPH)))
    assert labelled in (0, 2, 5)


def test_organization_columns_show_the_reference_name(store):
    names = _names(store)
    if _has_table(store):
        rows = run_query(store, "top_licensors_licensees", {}).rows
        assert rows and all(name == names[org] for _role, org, name, _n in rows)
        rows = run_query(store, "two_hop_partners", {"org_name": "The Regents of Gamma University"}).rows
        assert rows == [(ID + "org/alpha-bio", names[ID + "org/alpha-bio"], names[ID + "org/delta-therapeutics"])]
    else:  # the deal table is kept by kg build (kg.resolve); tests/test_deal_table.py covers it
        for query, params in (("top_licensors_licensees", {}),
                              ("two_hop_partners", {"org_name": "The Regents of Gamma University"})):
            with pytest.raises(QueryError, match="deal table"):
                run_query(store, query, params)
    rows = run_query(store, "org_partners", {"org_name": "Beta Pharma"}).rows
    assert rows and all(name == names[org] for org, name, _n, _v in rows)
    rows = run_query(store, "find_org", {"text": "a"}).rows
    assert {r[0] for r in rows} == set(names) and all(r[1] == names[r[0]] for r in rows)


def test_party_lists_are_the_reference_names_of_the_parties(store):
    names, parties = _names(store), _parties(store)
    table = [("biggest_upfronts", {}), ("upfront_above", {"min_amount": "0"})] if _has_table(store) else []
    listed = {q: run_query(store, q, p).rows for q, p in [
        *table, ("royalty_rates", {}),
        ("agreement_lifecycle", {}), ("deals_in_period", {"date_from": "2000-01-01", "date_to": "2030-12-31"})]}
    column = {"biggest_upfronts": 2, "upfront_above": 3, "royalty_rates": 2, "agreement_lifecycle": 3,
              "deals_in_period": 4}
    for q, rows in listed.items():
        assert rows, q
        for r in rows:
            assert _split(r[column[q]]) == {names[p] for p in parties[r[0]]}, (q, r)
    alpha = ID + "org/alpha-bio"
    for r in run_query(store, "org_deals", {"org_name": "Alpha Bio"}).rows:
        assert _split(r[5]) == {names[p] for p in parties[r[0]] - {alpha}}


def test_shared_technology_pairs_use_reference_names(store):
    names = _names(store)
    rows = run_query(store, "shared_technology", {}).rows
    by = {(r[2], r[3], r[4]) for r in rows}
    n = {k.rsplit("/", 1)[1]: v for k, v in names.items()}
    # org_a is the organization with the smaller IRI
    assert by == {("licensee", n["beta-pharma"], n["delta-therapeutics"]),
                  ("licensor", n["alpha-bio"], n["gamma-university"])}
