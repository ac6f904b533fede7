"""kg.analyze.load_deals / kg.export.deal_network == a reference read with rdflib; kg.betweenness == networkx.

The reference reads the same TriG into an rdflib Dataset and applies the projection
rules in plain Python (distinct values per property; smallest kind/status/date/exclusive,
largest label/name; sums over distinct payments with xsd:decimal amounts), with none of
the store's SPARQL.  The second fixture adds what the bag-union store makes hard: an
agreement, a payment and names restated in several document graphs, conflicting
statuses/dates, a per-share amount, a non-decimal amount, a non-value kind, a party
without an organization record.
"""
from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF, RDFS, XSD

from kg.analyze import VALUE_KINDS, centrality, load_deals
from kg.betweenness import betweenness_centrality
from kg.export import deal_network
from kg.xsd_dates import iso_day as _day

DATA = Path(__file__).parent / "data" / "graph"
LIC = rdflib.Namespace("https://w3id.org/dealgraph/lic#")

BAG = """
@prefix lic: <https://w3id.org/dealgraph/lic#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix o: <https://w3id.org/dealgraph/id/org/> .
@prefix a: <https://w3id.org/dealgraph/id/doc/d1/agreement/> .
@prefix p: <https://w3id.org/dealgraph/id/doc/d1/agreement/1/payment/> .
<urn:g:1> {
  o:x a lic:Organization ; lic:name "X Corp" ; lic:cik "0000000009" ; lic:ticker "XX" .
  o:y a lic:Organization ; lic:name "Y AG" .
  o:z a lic:Organization ; lic:name "Z plc" ; lic:name "Zed" .
  a:1 lic:agreementKind "license" ; lic:status "new" ; lic:date "2020-05-01"^^xsd:date ; lic:exclusive true ;
      lic:licensor o:x ; lic:licensee o:y ; lic:party o:x , o:y ;
      lic:payment p:1 , p:2 , p:3 , p:4 , p:5 , p:7 .
  p:1 lic:paymentKind "upfront" ; lic:amount 10.5 ; lic:currency "USD" .
  p:2 lic:paymentKind "milestone" ; lic:amount 100.0 ; lic:currency "USD" .
  p:7 lic:paymentKind "milestone" ; lic:amount 100 ; lic:currency "USD" .
  p:3 lic:paymentKind "equity" ; lic:amount 7.25 ; lic:currency "USD" ; lic:per "share" .
  p:4 lic:paymentKind "royalty" ; lic:amount 3 ; lic:currency "USD" .
  p:5 lic:paymentKind "upfront" ; lic:amount "2e6"^^xsd:double ; lic:currency "EUR" .
  a:2 lic:agreementKind "collaboration" ; lic:party o:x , o:y , o:z , o:nobody ; lic:date "2019-07" .
  a:3 lic:agreementKind "license" ; lic:licensor o:z .
  a:4 lic:agreementKind "supply" .
}
<urn:g:2> {
  o:x a lic:Organization ; lic:name "X Corporation" .
  o:y a lic:Organization ; lic:name "Y AG" .
  a:1 lic:agreementKind "license" ; lic:status "amended" ; lic:date "2020-04-30"^^xsd:date ; lic:exclusive false ;
      lic:party o:x ; lic:payment p:1 , p:6 .
  p:1 lic:paymentKind "upfront" ; lic:amount 10.5 ; lic:currency "USD" .
  p:6 lic:paymentKind "license-fee" ; lic:amount 1.5 ; lic:currency "GBP" .
}
<https://w3id.org/dealgraph/id/resolution> { o:y rdfs:label "Y Aktiengesellschaft" . }
"""


def _values(ds: rdflib.Dataset, s, p) -> set:
    return set(ds.objects(s, p))


def _reference(ds: rdflib.Dataset) -> tuple[dict, dict]:
    """The projection rules applied to an rdflib Dataset (union of its graphs, set semantics)."""
    def least(vals):
        vals = [v for v in vals if v is not None and v != ""]
        return min(vals) if vals else None

    deals = {}
    for a in sorted(set(ds.subjects(LIC.agreementKind, None))):
        parties = {str(o) for p in (LIC.party, LIC.licensor, LIC.licensee) for o in ds.objects(a, p)}
        if not parties:
            continue
        value, upfront = {}, {}
        for pay in _values(ds, a, LIC.payment):
            for kind in _values(ds, pay, LIC.paymentKind):
                for amount in _values(ds, pay, LIC.amount):
                    if amount.datatype != XSD.decimal:
                        continue
                    for cur in _values(ds, pay, LIC.currency):
                        for per in _values(ds, pay, LIC.per) or {None}:
                            amt, c = Decimal(str(amount)), str(cur)
                            if str(kind) in VALUE_KINDS and not per:
                                value[c] = value.get(c, Decimal(0)) + amt
                            if str(kind) == "upfront":
                                upfront[c] = upfront.get(c, Decimal(0)) + amt
        deals[str(a)] = (least(str(k) for k in _values(ds, a, LIC.agreementKind)),
                         least(str(s) for s in _values(ds, a, LIC.status)),
                         least(str(d) for d in _values(ds, a, LIC.date)),
                         least(d.toPython() for d in _values(ds, a, LIC.exclusive)),
                         parties, {str(o) for o in ds.objects(a, LIC.licensor)},
                         {str(o) for o in ds.objects(a, LIC.licensee)}, value, upfront)
    orgs = {}
    for org in set(ds.subjects(RDF.type, LIC.Organization)):
        names = {str(n) for n in ds.objects(org, LIC.name)}
        if not names:
            continue
        labels = {str(n) for n in ds.objects(org, RDFS.label)}
        info = {"name": max(labels) if labels else max(names)}
        for key in ("cik", "ticker", "exchange"):
            vals = {str(v) for v in ds.objects(org, LIC[key])}
            if vals:
                info[key] = min(vals)
        orgs[str(org)] = info
    return deals, orgs


def _stores(trig: str) -> tuple[ox.Store, rdflib.Dataset]:
    store = ox.Store()
    store.load(trig.encode(), format=ox.RdfFormat.TRIG)
    ds = rdflib.Dataset(default_union=True)
    for q in store:  # the same quads (after any kg.resolve rewrite), read by rdflib
        ds.add((rdflib.URIRef(q.subject.value), rdflib.URIRef(q.predicate.value),
                rdflib.Literal(q.object.value, datatype=rdflib.URIRef(q.object.datatype.value))
                if isinstance(q.object, ox.Literal) else rdflib.URIRef(q.object.value),
                rdflib.URIRef(q.graph_name.value)))
    return store, ds


@pytest.fixture(params=["small", "bag"])
def stores(request) -> tuple[ox.Store, rdflib.Dataset]:
    if request.param == "small":
        from kg.resolve import resolve

        store = ox.Store()
        store.load(path=str(DATA / "small.trig"), format=ox.RdfFormat.TRIG)
        resolve(store)
        return _stores(store.dump(format=ox.RdfFormat.TRIG).decode())
    return _stores(BAG)


def test_load_deals_equals_the_rdflib_reference(stores):
    store, ds = stores
    deals, orgs = load_deals(store)
    ref_deals, ref_orgs = _reference(ds)
    got = {k: (d.kind, d.status, d.date, d.exclusive, d.parties, d.licensors, d.licensees, d.value, d.upfront)
           for k, d in deals.items()}
    assert got == ref_deals
    assert orgs == ref_orgs


def test_bag_fixture_known_answers():
    store, _ = _stores(BAG)
    deals, orgs = load_deals(store)
    a1 = deals["https://w3id.org/dealgraph/id/doc/d1/agreement/1"]
    # restated payment p:1 counted once; per-share equity, royalty, xsd:double and xsd:integer amounts left out
    assert a1.value == {"USD": Decimal("110.5"), "GBP": Decimal("1.5")} and a1.upfront == {"USD": Decimal("10.5")}
    assert (a1.status, a1.date, a1.exclusive) == ("amended", "2020-04-30", False)
    assert "https://w3id.org/dealgraph/id/doc/d1/agreement/4" not in deals  # no party
    org = "https://w3id.org/dealgraph/id/org/"
    assert orgs[org + "y"]["name"] == "Y Aktiengesellschaft" and orgs[org + "x"]["name"] == "X Corporation"


def test_deal_network_nodes_and_edges_follow_the_reference(stores):
    store, ds = stores
    ref_deals, ref_orgs = _reference(ds)
    M = deal_network(store)
    expected_edges = sorted((a, min(x, y), max(x, y)) for a, r in ref_deals.items()
                            for x in r[4] for y in r[4] if x < y)
    assert sorted((d["agreement"], min(u, v), max(u, v)) for u, v, d in M.edges(data=True)) == expected_edges
    assert set(M) == {p for r in ref_deals.values() for p in r[4]}
    for n, d in M.nodes(data=True):
        assert d["label"] == ref_orgs.get(n, {}).get("name", n.rsplit("/", 1)[-1])
        assert d["deals"] == sum(n in r[4] for r in ref_deals.values())
    order = sorted(ref_deals, key=lambda a: (_day(ref_deals[a][2]) or "9999", a))
    firsts = [d["agreement"] for *_, d in sorted(M.edges(keys=True, data=True), key=lambda e: int(e[2][1:]))]
    assert list(dict.fromkeys(firsts)) == [a for a in order if len(ref_deals[a][4]) > 1]
    simple = nx.Graph()
    for u, v in M.edges():
        w = simple.get_edge_data(u, v, {"weight": 0})["weight"]
        simple.add_edge(u, v, weight=w + 1)
    pr = nx.pagerank(simple, weight="weight") if simple.number_of_edges() else {}
    for n in simple:
        assert abs(M.nodes[n]["pagerank"] - pr[n]) < 1e-9


def _graphs():
    yield nx.path_graph(6)
    yield nx.gnm_random_graph(80, 160, seed=3)
    yield nx.gnm_random_graph(60, 40, seed=4)  # disconnected, isolated nodes
    yield nx.gnm_random_graph(50, 120, seed=5, directed=True)
    yield nx.barabasi_albert_graph(300, 2, seed=6)
    M = nx.MultiGraph(nx.gnm_random_graph(40, 90, seed=7))
    M.add_edges_from([(0, 1), (0, 1), (2, 2)])  # parallel edges and a self-loop
    yield M
    G = nx.Graph([("b", "a"), ("a", "c"), ("c", "d")])
    G.add_node("z")
    yield G


@pytest.mark.parametrize("k", [None, 1, 5, 17])
def test_betweenness_equals_networkx(k):
    for G in _graphs():
        kk = None if k is None else min(k, len(G))
        ours = betweenness_centrality(G, k=kk, seed=42)
        ref = nx.betweenness_centrality(G, k=kk, seed=42)
        assert list(ours) == list(ref)
        for n in G:
            if ref[n] != ref[n]:  # NaN: networkx's k == 1 source scaling
                assert ours[n] != ours[n]
            else:
                assert abs(ours[n] - ref[n]) <= 1e-12 * max(1.0, abs(ref[n])), (G, k, n)


def test_betweenness_accepts_a_random_instance_and_empty_graph():
    G = nx.gnm_random_graph(30, 60, seed=1)
    ours = betweenness_centrality(G, k=7, seed=random.Random(3))
    ref = nx.betweenness_centrality(G, k=7, seed=random.Random(3))
    assert all(abs(ours[n] - ref[n]) < 1e-12 for n in G)
    assert betweenness_centrality(nx.Graph()) == {}


def test_centrality_metrics_equal_networkx_on_a_sampled_graph(monkeypatch):
    import kg.analyze as an

    monkeypatch.setattr(an, "EXACT_BETWEENNESS_MAX", 50)
    monkeypatch.setattr(an, "BETWEENNESS_SAMPLES", 40)
    G = nx.barabasi_albert_graph(200, 3, seed=2)
    for u, v in G.edges():
        G.edges[u, v]["weight"] = 1 + (u + v) % 3
    m = centrality(G)
    bc = nx.betweenness_centrality(G, k=40, seed=an.SEED)
    pr = nx.pagerank(G, weight="weight")
    comms = nx.community.louvain_communities(G, weight="weight", seed=an.SEED)
    assert all(abs(m[n]["betweenness"] - bc[n]) < 1e-12 and abs(m[n]["pagerank"] - pr[n]) < 1e-12 for n in G)
    assert sorted(sorted({n for n in G if m[n]["community"] == c}) for c in {v["community"] for v in m.values()}) \
        == sorted(sorted(c) for c in comms)
