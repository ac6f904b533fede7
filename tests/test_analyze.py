"""kg.analyze: projections, metrics and reports on the fixture graph (a weighted path of five organizations)."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

import kg.analyze as an
from kg.errors import QueryError
from kg.resolve import resolve

DATA = Path(__file__).parent / "data" / "graph"
ORG = "https://w3id.org/dealgraph/id/org/"
ALPHA, BETA, DELTA, GAMMA, OMEGA = (ORG + s for s in ("alpha-bio", "beta-pharma", "delta-therapeutics",
                                                      "gamma-university", "omega-and-sons-holdings"))


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.load(path=str(DATA / "small.trig"), format=ox.RdfFormat.TRIG)
    resolve(s)
    return s


def test_org_network_edges_weights_kinds_values(store):
    G = an.org_network(store)
    assert sorted(G) == sorted([ALPHA, BETA, DELTA, GAMMA, OMEGA])
    e = G.edges[ALPHA, BETA]
    assert (e["weight"], e["kinds"], e["start"], e["total_value_usd"]) == (2, ["license"], "2019-02-27", 425e6)
    assert G.edges[ALPHA, DELTA]["start"] == "2020-06-01"  # month-only date starts on the 1st
    assert G.edges[BETA, OMEGA]["total_value_usd"] == 0.0 and G.edges[BETA, OMEGA]["other_values"] == "EUR 2000000"
    assert G.nodes[ALPHA]["cik"] == "0000000001" and G.nodes[ALPHA]["ticker"] == "ALBO"
    assert G.nodes[ALPHA]["deals"] == 3 and G.nodes[ALPHA]["first_deal"] == "2019-02-27"
    assert G.number_of_edges() == 4


def test_licensing_network_is_directed(store):
    D = an.licensing_network(store)
    assert sorted(D.edges()) == [(ALPHA, BETA), (GAMMA, DELTA)]


def test_asset_network_is_bipartite_with_roles(store):
    B = an.asset_network(store)
    tech = "https://w3id.org/dealgraph/id/tech/zeta-antibody-platform"
    assert B.nodes[tech] == {"bipartite": "asset", "kind": "technology", "name": "Zeta antibody platform"}
    assert sorted((o, B.edges[o, tech]["role"]) for o in B[tech]) == [
        (ALPHA, "licensor"), (BETA, "licensee"), (DELTA, "licensee"), (GAMMA, "licensor")]
    assert nx.is_bipartite(B)
    shared = json.loads(an.analyze(store, fmt="json"))["shared assets"]
    assert shared == [{"asset": tech, "name": "Zeta antibody platform", "kind": "technology", "agreements": 2,
                       "organizations": 4,
                       "licensors": "Alpha Bio, Inc.; The Regents of Gamma University",
                       "licensees": "Beta Pharma AG; Delta Therapeutics, Inc."}]


def test_centrality_on_the_path(store):
    G = an.org_network(store)
    m = an.centrality(G)
    # the org network is the path Gamma - Delta - Alpha - Beta - Omega
    assert {n: round(v["betweenness"], 4) for n, v in m.items()} == {
        GAMMA: 0.0, DELTA: 0.5, ALPHA: 0.6667, BETA: 0.5, OMEGA: 0.0}
    assert {n: v["degree"] for n, v in m.items()} == {GAMMA: 1, DELTA: 2, ALPHA: 2, BETA: 2, OMEGA: 1}
    assert m[ALPHA]["weighted_degree"] == 3
    assert abs(sum(v["pagerank"] for v in m.values()) - 1) < 1e-9
    assert max(m, key=lambda n: m[n]["pagerank"]) in (ALPHA, BETA)
    groups = {}
    for n, v in m.items():
        groups.setdefault(v["community"], set()).add(n)
    assert sorted(map(sorted, groups.values())) == [sorted([ALPHA, BETA, OMEGA]), sorted([DELTA, GAMMA])]
    assert m == an.centrality(G)  # fixed seed: same answer twice


def test_sampled_betweenness_above_threshold_is_deterministic(monkeypatch):
    monkeypatch.setattr(an, "EXACT_BETWEENNESS_MAX", 10)
    monkeypatch.setattr(an, "BETWEENNESS_SAMPLES", 20)
    G = nx.gnm_random_graph(60, 150, seed=1)
    a, b = an.centrality(G), an.centrality(G)
    assert a == b
    exact = nx.betweenness_centrality(G)
    assert any(abs(a[n]["betweenness"] - exact[n]) > 1e-12 for n in G)  # really sampled, not exact


def test_ego_network_and_lookup(store):
    G = an.org_network(store)
    center = an.find_org(G, "ALPHA BIO INC.")
    assert center == ALPHA
    assert sorted(an.ego_network(G, center)) == sorted([ALPHA, BETA, DELTA])
    with pytest.raises(QueryError, match="no organization named"):
        an.find_org(G, "Nobody Ltd")


def test_per_year(store):
    assert an.per_year(store) == [
        {"year": 2019, "deals": 1, "value_usd": 425e6, "other_values": ""},
        {"year": 2020, "deals": 1, "value_usd": 15e6, "other_values": ""},
        {"year": 2021, "deals": 3, "value_usd": 1e6, "other_values": "EUR 2000000"},
    ]


def test_analyze_formats(store):
    data = json.loads(an.analyze(store, fmt="json"))
    assert [r["name"] for r in data["organizations"]][:2] == ["Beta Pharma AG", "Alpha Bio, Inc."]
    assert data["per year"][2] == {"year": 2021, "deals": 3, "value_usd": 1e6, "other_values": "EUR 2000000"}
    assert data["licensors"][0]["licences_granted"] == 1
    text = an.analyze(store, ego="Delta Therapeutics")
    assert text.splitlines()[0] == "== ego partners (2)"
    assert "The Regents of Gamma University" in text and "Omega" not in text
    csv_lines = an.analyze(store, fmt="csv").splitlines()
    assert csv_lines[0].startswith("section,organization,name,deals")
    assert any(line.startswith("per year,2020,1,15000000") for line in csv_lines)
    with pytest.raises(QueryError):
        an.analyze(store, fmt="xml")
