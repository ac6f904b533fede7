"""Network analytics over the deal graph: networkx projections built from SPARQL results.

The projections are never built from raw triples: four SELECTs (organizations,
agreements, their parties, their payment sums per currency) give tables, and the
graphs are built from them (see the note above ``_ORGS`` on reading the bag union).

* :func:`org_network` -- undirected organization--organization graph; an edge per
  pair of parties of at least one agreement, weighted by the number of shared
  agreements, with the deal kinds and the total disclosed value (``lic:amount`` of
  upfront, milestone, equity, fee and funding payments; royalties, loans and per-unit
  amounts such as "per share" or "per target" left out: they are not lump sums).
* :func:`licensing_network` -- directed ``lic:licensor`` -> ``lic:licensee`` graph.
* :func:`asset_network` -- bipartite organization--asset graph (``lic:subject``
  technologies and ``lic:product`` products of their agreements).
* :func:`centrality` -- degree, PageRank, betweenness (exact up to
  :data:`EXACT_BETWEENNESS_MAX` nodes, sampled with a fixed seed above; networkx's
  algorithm and sources, computed on sparse matrices by :mod:`kg.betweenness`) and
  Louvain communities (fixed seed): deterministic for one store.
* :func:`per_year` -- deals and disclosed value per year.
* :func:`analyze` -- all of it as a table, CSV or JSON report (``kg analyze``).
"""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.betweenness import betweenness_centrality
from kg.errors import QueryError
from kg.names import normalize_org_name
from kg.query import LIC, _py, oxigraph_store, run_sparql
from kg.resolve._table import DGT, VALUE_KINDS, has_table
from kg.xsd_dates import iso_day

__all__ = [
    "EXACT_BETWEENNESS_MAX",
    "BETWEENNESS_SAMPLES",
    "SEED",
    "Deal",
    "load_deals",
    "org_network",
    "licensing_network",
    "asset_network",
    "centrality",
    "ego_network",
    "per_year",
    "find_org",
    "analyze",
    "analysis_tables",
    "write_analysis_csv",
]

#: Above this many nodes betweenness is estimated from k sampled sources (fixed seed).
EXACT_BETWEENNESS_MAX = 3000
#: Number of sampled source nodes for betweenness above that size.
BETWEENNESS_SAMPLES = 256  # ranking-quality estimate; each source is one BFS over the graph
#: Seed of every randomized algorithm (Louvain, sampled betweenness): same store, same answer.
SEED = 42

_PREFIX = (f"PREFIX lic: <{LIC}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
           "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n")
# Reading the store.  The union of the document graphs is a bag: a triple stated by K
# documents matches K times (an organization's name: K = 11,000 for the busiest one at
# 100k deals), so every property is read on its own as a sub-select and the sub-selects
# are joined on their shared variable (Oxigraph hash-joins sub-selects instead of looking
# each row up again: 3-4x faster at 100k deals), deduplicated (DISTINCT) where a repeat
# would change the answer (names, payment sums) and grouped in the store: about one row
# per organization, per agreement, per (agreement, party) and per (agreement, currency).
# Decoding IRIs is the main cost of a result row, so no query returns more rows than that.
# Several values of one property resolve deterministically: the smallest (kind, status,
# date, exclusive, CIK, ticker, exchange), the largest (display name).
_ORGS = _PREFIX + """
SELECT ?org (MAX(?l) AS ?label) (MAX(STR(?n)) AS ?name) (MIN(?c) AS ?cik) (MIN(?t) AS ?ticker) (MIN(?x) AS ?exchange)
WHERE {
  { SELECT DISTINCT ?org WHERE { ?org a lic:Organization } }
  { SELECT DISTINCT ?org ?n WHERE { ?org lic:name ?n } }
  OPTIONAL { SELECT DISTINCT ?org ?l WHERE { ?org rdfs:label ?l } }
  OPTIONAL { SELECT DISTINCT ?org ?c WHERE { ?org lic:cik ?c } }
  OPTIONAL { SELECT DISTINCT ?org ?t WHERE { ?org lic:ticker ?t } }
  OPTIONAL { SELECT DISTINCT ?org ?x WHERE { ?org lic:exchange ?x } }
}
GROUP BY ?org"""
_AGREEMENTS = _PREFIX + """
SELECT DISTINCT ?a ?kind ?status ?date ?exclusive WHERE {
  { SELECT ?a ?kind WHERE { ?a lic:agreementKind ?kind } }
  OPTIONAL { SELECT ?a ?status WHERE { ?a lic:status ?status FILTER(STR(?status) != "") } }
  OPTIONAL { SELECT ?a ?date WHERE { ?a lic:date ?d BIND(STR(?d) AS ?date) FILTER(?date != "") } }
  OPTIONAL { SELECT ?a ?exclusive WHERE { ?a lic:exclusive ?exclusive } }
}"""
_PARTIES = _PREFIX + """
SELECT ?a ?party (MAX(?r = 1) AS ?licensor) (MAX(?r = 2) AS ?licensee) WHERE {
  { ?a lic:party ?party BIND(0 AS ?r) } UNION { ?a lic:licensor ?party BIND(1 AS ?r) }
  UNION { ?a lic:licensee ?party BIND(2 AS ?r) }
}
GROUP BY ?a ?party"""
# Disclosed value and upfront per agreement and currency: sums over the distinct
# (payment, kind, amount, currency, per) rows of xsd:decimal amounts (see VALUE_KINDS).
_PAYMENTS = _PREFIX + """
SELECT ?a ?currency (SUM(IF(?v, ?amount, 0)) AS ?value) (MAX(?v) AS ?has_value)
       (SUM(IF(?u, ?amount, 0)) AS ?upfront) (MAX(?u) AS ?has_upfront) WHERE {
  { SELECT DISTINCT ?a ?p ?kind ?amount ?currency ?per WHERE {
    { SELECT ?a ?p WHERE { ?a lic:payment ?p } }
    { SELECT ?p ?kind WHERE { ?p lic:paymentKind ?kind FILTER(STR(?kind) IN (%s)) } }
    { SELECT ?p ?amount WHERE { ?p lic:amount ?amount FILTER(DATATYPE(?amount) = xsd:decimal) } }
    { SELECT ?p ?currency WHERE { ?p lic:currency ?currency } }
    OPTIONAL { SELECT ?p ?per WHERE { ?p lic:per ?per } } } }
  BIND(!BOUND(?per) || STR(?per) = "" AS ?v)
  BIND(STR(?kind) = "upfront" AS ?u)
}
GROUP BY ?a ?currency""" % ", ".join(f'"{k}"' for k in sorted(VALUE_KINDS))

_ASSETS = _PREFIX + """
SELECT DISTINCT ?a ?asset ?kind ?label WHERE {
  { ?a lic:subject ?asset . BIND("technology" AS ?kind) } UNION { ?a lic:product ?asset . BIND("product" AS ?kind) }
  OPTIONAL { ?asset rdfs:label ?label } }"""


@dataclass
class Deal:
    """One agreement as the projections see it (``lic:Agreement`` and its parties and payments)."""

    iri: str
    kind: str
    status: str | None = None
    date: str | None = None  # ISO date or YYYY-MM (earliest stated)
    exclusive: bool | None = None
    parties: set[str] = field(default_factory=set)
    licensors: set[str] = field(default_factory=set)
    licensees: set[str] = field(default_factory=set)
    value: dict[str, Decimal] = field(default_factory=dict)  # currency -> disclosed value
    upfront: dict[str, Decimal] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None


def _rows(store: Any, sparql: str) -> list[tuple]:
    """Rows of a SELECT as tuples of plain values (kg.query's conversions), read positionally.

    Same answers as ``run_sparql(...).rows``; IRIs are taken as their text directly
    (the hot path: ~400,000 IRIs at 100k deals).
    """
    try:
        sols = oxigraph_store(store).query(sparql, use_default_graph_as_union=True)
    except OSError as e:
        raise QueryError(f"query analyze: store read failed: {e}") from None
    except (SyntaxError, RuntimeError, ValueError) as e:
        raise QueryError(f"query analyze: {' '.join(str(e).split())}") from None
    named = ox.NamedNode
    return [tuple([t.value if type(t) is named else _py(t) for t in sol]) for sol in sols]


def _orgs(store: Any) -> dict[str, dict[str, Any]]:
    out = {}
    for org, label, name, cik, ticker, exchange in _rows(store, _ORGS):
        name = name if label is None else label  # kg.resolve's one rdfs:label, else a stated lic:name
        out[org] = {k: v for k, v in (("name", name), ("cik", cik), ("ticker", ticker), ("exchange", exchange)) if v}
    return out


def _least(a: Any, b: Any) -> Any:
    """The smaller of two values of one property (None = unknown), as SPARQL MIN orders them."""
    if a is None or b is None:
        return b if a is None else a
    try:
        return min(a, b)
    except TypeError:  # values of two datatypes: order by their text
        return min(a, b, key=str)


def load_deals(store: Any, *, use_table: bool = True) -> tuple[dict[str, Deal], dict[str, dict[str, Any]]]:
    """Agreements (``iri -> Deal``) and organizations (``iri -> {name, cik, ticker, exchange}``) of a store.

    A deal is a ``lic:agreementKind`` subject with at least one ``lic:party``,
    ``lic:licensor`` or ``lic:licensee``; its value and upfront add up its
    distinct payments with an ``xsd:decimal`` amount (see :data:`VALUE_KINDS`).
    Read from kg.resolve's deal table when the store keeps one (every ``kg build``
    store), else (``use_table=False``, or a store never resolved) from the ``lic:`` triples.

    Examples
    --------
    >>> deals, orgs = load_deals(store)  # doctest: +SKIP
    >>> sorted(deals[iri].parties)  # doctest: +SKIP
    """
    table = _from_table(store) if use_table else None
    if table is not None:
        return table
    heads: dict[str, tuple] = {}
    for a, *values in _rows(store, _AGREEMENTS):
        old = heads.get(a)  # several rows only when a property has several values: keep the smallest
        heads[a] = tuple(values) if old is None else tuple(map(_least, old, values))
    deals: dict[str, Deal] = {}
    for a, party, licensor, licensee in _rows(store, _PARTIES):
        d = deals.get(a)
        if d is None:
            if a not in heads:
                continue
            d = deals[a] = Deal(a, *heads[a])
        d.parties.add(party)
        if licensor:
            d.licensors.add(party)
        if licensee:
            d.licensees.add(party)
    for a, currency, value, has_value, upfront, has_upfront in _rows(store, _PAYMENTS):
        d = deals.get(a)
        if d is None:
            continue
        if has_value:  # "$172.50 per share", "$40M per target" (lic:per) are not lump sums
            d.value[currency] = d.value.get(currency, Decimal(0)) + value
        if has_upfront:
            d.upfront[currency] = d.upfront.get(currency, Decimal(0)) + upfront
    return deals, _orgs(store)


_TABLE_DEALS = f"SELECT ?a ?row WHERE {{ ?a <{DGT}deal> ?row }}"
_TABLE_ORGS = f"SELECT ?o ?row WHERE {{ ?o <{DGT}organization> ?row }}"


def _from_table(store: Any) -> tuple[dict[str, Deal], dict[str, dict[str, Any]]] | None:
    """:func:`load_deals` read from kg.resolve's deal table (kg/resolve/_table.py), or None if the store has none.

    The table rows hold exactly what the SPARQL reads below compute (tests/test_deal_table.py);
    reading ~100,000 JSON rows takes ~1 s at 100k deals against ~9 s for the joins.
    """
    from kg.resolve._fresh import ensure_resolved

    ensure_resolved(store, "analysis")  # never a projection of a half-resolved store (issue 16)
    ox_store = oxigraph_store(store)
    try:
        if not has_table(ox_store):
            return None
        deal_rows = ox_store.query(_TABLE_DEALS, use_default_graph_as_union=True)
        deals: dict[str, Deal] = {}
        for a, row in deal_rows:
            r = json.loads(row.value)
            deals[a.value] = Deal(a.value, r["kind"], r.get("status"), r.get("date"), r.get("exclusive"),
                                  set(r["parties"]), set(r["licensors"]), set(r["licensees"]),
                                  {c: Decimal(v) for c, v in r["value"].items()},
                                  {c: Decimal(v) for c, v in r["upfront"].items()})
        orgs = {o.value: json.loads(row.value) for o, row in
                ox_store.query(_TABLE_ORGS, use_default_graph_as_union=True)}
    except OSError as e:
        raise QueryError(f"query analyze: store read failed: {e}") from None
    return deals, orgs


def org_network(store: Any, *, _loaded: tuple | None = None) -> nx.Graph:
    """Undirected organization network weighted by shared agreements.

    Nodes are ``lic:Organization`` IRIs that take part in at least one agreement,
    with ``name`` and, when known, ``cik``, ``ticker``, ``exchange``, plus
    ``deals`` and ``first_deal`` (earliest agreement date).  Edge attributes:
    ``weight`` (shared agreements), ``kinds`` and ``agreements`` (sorted lists),
    ``start`` (earliest dated shared agreement, YYYY-MM-DD), ``total_value_usd``
    (float, disclosed USD value) and ``other_values`` (``"EUR 2000000"``) when
    other currencies are stated.

    Examples
    --------
    >>> G = org_network(store)  # doctest: +SKIP
    >>> G.edges["…/org/alpha", "…/org/beta"]["weight"]  # doctest: +SKIP
    2
    """
    deals, orgs = _loaded or load_deals(store)
    G = nx.Graph()
    for d in sorted(deals.values(), key=lambda d: d.iri):
        parties = sorted(d.parties)
        for p in parties:
            if p not in G:
                G.add_node(p, **orgs.get(p, {"name": p.rsplit("/", 1)[-1]}), deals=0)
            G.nodes[p]["deals"] += 1
            day = iso_day(d.date)
            if day and (G.nodes[p].get("first_deal") is None or day < G.nodes[p]["first_deal"]):
                G.nodes[p]["first_deal"] = day
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                if not G.has_edge(a, b):
                    G.add_edge(a, b, weight=0, kinds=[], agreements=[], values=defaultdict(Decimal))
                e = G.edges[a, b]
                e["weight"] += 1
                e["agreements"].append(d.iri)
                if d.kind not in e["kinds"]:
                    e["kinds"].append(d.kind)
                for cur, v in d.value.items():
                    e["values"][cur] += v
                day = iso_day(d.date)
                if day and (e.get("start") is None or day < e["start"]):
                    e["start"] = day
    for _a, _b, e in G.edges(data=True):
        values = e.pop("values")
        e["kinds"].sort()
        e["total_value_usd"] = float(values.get("USD", 0))
        other = [f"{c} {format(v.normalize(), 'f')}" for c, v in sorted(values.items()) if c != "USD"]
        if other:
            e["other_values"] = "; ".join(other)
    return G


def licensing_network(store: Any, *, _loaded: tuple | None = None) -> nx.DiGraph:
    """Directed licensor -> licensee network (``lic:licensor``, ``lic:licensee``).

    Edge attributes: ``weight`` (licences granted), ``agreements``, ``start``.

    Examples
    --------
    >>> D = licensing_network(store)  # doctest: +SKIP
    >>> list(D.successors("…/org/alpha"))  # doctest: +SKIP
    ['…/org/beta']
    """
    deals, orgs = _loaded or load_deals(store)
    D = nx.DiGraph()
    for d in sorted(deals.values(), key=lambda d: d.iri):
        for lor in sorted(d.licensors):
            for lee in sorted(d.licensees):
                if lor == lee:
                    continue
                for n in (lor, lee):
                    if n not in D:
                        D.add_node(n, **orgs.get(n, {"name": n.rsplit("/", 1)[-1]}))
                if not D.has_edge(lor, lee):
                    D.add_edge(lor, lee, weight=0, agreements=[])
                e = D.edges[lor, lee]
                e["weight"] += 1
                e["agreements"].append(d.iri)
                day = iso_day(d.date)
                if day and (e.get("start") is None or day < e["start"]):
                    e["start"] = day
    return D


def asset_network(store: Any, *, _loaded: tuple | None = None) -> nx.Graph:
    """Bipartite organization--asset network: who licenses which technology or product.

    Nodes have ``bipartite`` (``"organization"`` or ``"asset"``), ``name`` and, for
    assets, ``kind`` (``technology`` / ``product``).  An edge joins each party of an
    agreement to each of its ``lic:subject`` / ``lic:product`` assets, with ``role``
    (licensor, licensee or party, joined when several) and ``agreements``.

    Examples
    --------
    >>> B = asset_network(store)  # doctest: +SKIP
    >>> sorted(B.neighbors("…/tech/zeta-antibody-platform"))  # doctest: +SKIP
    ['…/org/alpha', '…/org/beta']
    """
    deals, orgs = _loaded or load_deals(store)
    B = nx.Graph()
    for a, asset, kind, label in sorted(run_sparql(store, _ASSETS, name="analyze").rows, key=lambda r: tuple(map(str, r))):
        d = deals.get(a)
        if d is None:
            continue
        if asset not in B:
            B.add_node(asset, bipartite="asset", kind=kind, name=label or asset.rsplit("/", 1)[-1])
        for p in sorted(d.parties):
            if p not in B:
                B.add_node(p, bipartite="organization", name=orgs.get(p, {}).get("name", p.rsplit("/", 1)[-1]))
            role = "licensor" if p in d.licensors else "licensee" if p in d.licensees else "party"
            if not B.has_edge(p, asset):
                B.add_edge(p, asset, roles=[], agreements=[])
            e = B.edges[p, asset]
            if role not in e["roles"]:
                e["roles"].append(role)
            if a not in e["agreements"]:
                e["agreements"].append(a)
    for _p, _a, e in B.edges(data=True):
        e["role"] = ", ".join(sorted(e.pop("roles")))
    return B


def centrality(G: nx.Graph, *, seed: int = SEED) -> dict[str, dict[str, Any]]:
    """Per node: ``degree``, ``weighted_degree``, ``pagerank``, ``betweenness``, ``community``.

    Parameters
    ----------
    G : networkx.Graph
        A projection such as :func:`org_network` (edge ``weight`` used by
        PageRank, weighted degree and Louvain).
    seed : int
        Seed for Louvain and for sampled betweenness (above
        :data:`EXACT_BETWEENNESS_MAX` nodes, :data:`BETWEENNESS_SAMPLES` sources).

    Returns
    -------
    dict
        ``node -> metrics``; communities are numbered 0, 1, ... by decreasing
        size, ties broken by the smallest member, so numbering is stable.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> m = centrality(G)
    >>> m["b"]["degree"], m["b"]["betweenness"], m["a"]["community"] == m["b"]["community"]
    (2, 1.0, True)
    """
    if G.number_of_nodes() == 0:
        return {}
    U = G.to_undirected() if G.is_directed() else G
    pr = nx.pagerank(G, weight="weight") if G.number_of_edges() else {n: 1 / len(G) for n in G}
    # networkx's Brandes betweenness (same sources, same scaling), one BFS level per sparse product
    if len(G) <= EXACT_BETWEENNESS_MAX:
        bc = betweenness_centrality(G)
    else:
        bc = betweenness_centrality(G, k=min(BETWEENNESS_SAMPLES, len(G)), seed=seed)
    comms = nx.community.louvain_communities(U, weight="weight", seed=seed)
    comms = sorted((sorted(c) for c in comms), key=lambda c: (-len(c), c[0]))
    community = {n: i for i, c in enumerate(comms) for n in c}
    wdeg = dict(G.degree(weight="weight"))
    return {n: {"degree": G.degree(n), "weighted_degree": wdeg[n], "pagerank": pr[n], "betweenness": bc[n],
                "community": community[n]} for n in G}


def ego_network(G: nx.Graph, center: str, radius: int = 1) -> nx.Graph:
    """The organizations within ``radius`` agreements of ``center``, with their edges.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(ego_network(G, "b"))
    ['a', 'b', 'c']
    """
    if center not in G:
        raise QueryError(f"organization {center} takes part in no agreement in this store")
    return nx.ego_graph(G, center, radius=radius)


def per_year(store: Any, *, _loaded: tuple | None = None) -> list[dict[str, Any]]:
    """Deals and disclosed value per year (agreement ``lic:date``; undated deals left out).

    Returns rows ``{"year", "deals", "value_usd", "other_values"}`` sorted by year.

    Examples
    --------
    >>> per_year(store)[0]  # doctest: +SKIP
    {'year': 2019, 'deals': 1, 'value_usd': 425000000.0, 'other_values': ''}
    """
    deals, _ = _loaded or load_deals(store)
    years: dict[int, dict[str, Any]] = {}
    for d in deals.values():
        if d.year is None:
            continue
        y = years.setdefault(d.year, {"deals": 0, "values": defaultdict(Decimal)})
        y["deals"] += 1
        for cur, v in d.value.items():
            y["values"][cur] += v
    out = []
    for year in sorted(years):
        vals = years[year]["values"]
        out.append({"year": year, "deals": years[year]["deals"], "value_usd": float(vals.get("USD", 0)),
                     "other_values": "; ".join(f"{c} {format(v.normalize(), 'f')}"
                                               for c, v in sorted(vals.items()) if c != "USD")})
    return out


def find_org(G: nx.Graph, text: str) -> str:
    """The node of ``G`` whose IRI is ``text`` or whose name folds to the same key (kg.names).

    Examples
    --------
    >>> G = nx.Graph(); G.add_node("x:1", name="Alpha Bio, Inc.")
    >>> find_org(G, "ALPHA BIO INC")
    'x:1'
    """
    if text in G:
        return text
    key = normalize_org_name(text)
    hits = sorted(n for n, a in G.nodes(data=True) if key and normalize_org_name(a.get("name")) == key)
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise QueryError(f"no organization named {text!r} takes part in an agreement (try `kg query find_org`)")
    raise QueryError(f"{text!r} names {len(hits)} organizations; pass one IRI: {', '.join(hits)}")


def _fmt_tables(tables: list[tuple[str, list[str], list[list[Any]]]], fmt: str) -> str:
    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, float):  # money is whole; metrics are fractions
            return f"{v:.0f}" if v.is_integer() or abs(v) >= 1000 else f"{v:.4f}"
        return str(v)

    if fmt == "json":
        return json.dumps({t: [dict(zip(cols, r)) for r in rows] for t, cols, rows in tables}, ensure_ascii=False,
                          indent=2)
    out = []
    for title, cols, rows in tables:
        if fmt == "csv":
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(["section"] + cols)
            w.writerows([title] + [cell(v) for v in r] for r in rows)
            out.append(buf.getvalue().rstrip("\n"))
            continue
        cells = [[cell(v) for v in r] for r in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
        out.append(f"== {title} ({len(rows)})")
        out.append("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip())
        out.extend("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def analyze(store: Any, *, ego: str | None = None, fmt: str = "table") -> str:
    """The network report: organizations ranked by PageRank, communities, licensors, deals per year.

    ``ego`` (an organization IRI or name) restricts the organization table to
    its ego network (radius 1) and adds its partners.  ``fmt``: ``table``,
    ``csv`` or ``json``.

    Examples
    --------
    >>> print(analyze(store, fmt="table"))  # doctest: +SKIP
    == organizations (5)
    organization  name  deals  degree  ...
    """
    if fmt not in ("table", "csv", "json"):
        raise QueryError(f"unknown output format {fmt!r}; expected table, csv or json")
    return _fmt_tables(analysis_tables(store, ego=ego), fmt)


def write_analysis_csv(store: Any, out_dir: str, *, ego: str | None = None) -> list[str]:
    """:func:`analyze`'s tables as one CSV file each in ``out_dir`` (``organizations.csv``, ``per_year.csv``...).

    Each file has its own header row, so it opens in a spreadsheet or ``pandas.read_csv`` as is.
    Returns the written paths.
    """
    import os

    from kg.errors import ExportError
    from kg.sheet import format_table

    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as e:
        raise ExportError(f"cannot create output directory: {e.strerror or e}", path=out_dir) from None
    paths = []
    for title, cols, rows in analysis_tables(store, ego=ego):
        path = os.path.join(out_dir, title.replace(" ", "_") + ".csv")
        try:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(format_table(cols, rows, "csv"))
        except OSError as e:
            raise ExportError(f"cannot write file: {e.strerror or e}", path=path) from None
        paths.append(path)
    return paths


def analysis_tables(store: Any, *, ego: str | None = None) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The tables of :func:`analyze` as ``(title, columns, rows)`` with plain values."""
    loaded = load_deals(store)  # one read of the store for every table
    G = org_network(store, _loaded=loaded)
    metrics = centrality(G)
    nodes = sorted(G, key=lambda n: (-metrics[n]["pagerank"], G.nodes[n].get("name", ""), n))
    tables: list[tuple[str, list[str], list[list[Any]]]] = []
    if ego is not None:
        center = find_org(G, ego)
        E = ego_network(G, center)
        nodes = [n for n in nodes if n in E]
        tables.append(("ego partners", ["partner", "name", "shared_deals", "kinds", "total_value_usd", "first"],
                       [[n, G.nodes[n].get("name"), E.edges[center, n]["weight"], ", ".join(E.edges[center, n]["kinds"]),
                         E.edges[center, n]["total_value_usd"], E.edges[center, n].get("start")]
                        for n in sorted(E.neighbors(center), key=lambda n: (-E.edges[center, n]["weight"], n))]))
    tables.append(("organizations", ["organization", "name", "deals", "degree", "weighted_degree", "pagerank",
                                     "betweenness", "community"],
                   [[n, G.nodes[n].get("name"), G.nodes[n]["deals"], metrics[n]["degree"],
                     metrics[n]["weighted_degree"], metrics[n]["pagerank"], metrics[n]["betweenness"],
                     metrics[n]["community"]] for n in nodes]))
    if ego is None:
        comms: dict[int, list[str]] = defaultdict(list)
        for n in G:
            comms[metrics[n]["community"]].append(G.nodes[n].get("name", n))
        tables.append(("communities", ["community", "size", "members"],
                       [[c, len(m), "; ".join(sorted(m))] for c, m in sorted(comms.items())]))
        D = licensing_network(store, _loaded=loaded)
        tables.append(("licensors", ["organization", "name", "licences_granted", "licences_taken"],
                       [[n, D.nodes[n].get("name"), D.out_degree(n, weight="weight"), D.in_degree(n, weight="weight")]
                        for n in sorted(D, key=lambda n: (-D.out_degree(n, weight="weight"), n))]))
        B = asset_network(store, _loaded=loaded)
        n_agreements = {n: len({a for o in B[n] for a in B.edges[o, n]["agreements"]})
                        for n, d in B.nodes(data=True) if d["bipartite"] == "asset"}
        assets = [n for n, k in n_agreements.items() if k > 1]  # the same asset in several agreements
        tables.append(("shared assets", ["asset", "name", "kind", "agreements", "organizations", "licensors",
                                         "licensees"],
                       [[n, B.nodes[n]["name"], B.nodes[n]["kind"], n_agreements[n], B.degree(n),
                         "; ".join(sorted(B.nodes[o]["name"] for o in B[n] if "licensor" in B.edges[o, n]["role"])),
                         "; ".join(sorted(B.nodes[o]["name"] for o in B[n] if "licensee" in B.edges[o, n]["role"]))]
                        for n in sorted(assets, key=lambda n: (-n_agreements[n], -B.degree(n), B.nodes[n]["name"]))]))
        tables.append(("per year", ["year", "deals", "value_usd", "other_values"],
                       [[r["year"], r["deals"], r["value_usd"], r["other_values"]] for r in per_year(store, _loaded=loaded)]))
    return tables
