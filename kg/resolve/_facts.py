"""Facts kg.resolve clusters on, read with pyoxigraph pattern scans (one index scan per predicate).

Each reader is the plain-Python equivalent of the SPARQL SELECT it replaced
(profiled at 10,000 filings: ``?org a lic:Organization ; ?p ?v FILTER(?p IN ...)``
took 12 s, the scans below take well under one second in all).  They read a
:class:`View`: the document graphs of the store as they were *before* any
resolution rewrite (see :mod:`kg.resolve._state`), never the resolution graph or
the manifest.  Values are what :func:`kg.query._py` gives a SPARQL row.
"""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from itertools import product
from typing import Any, Iterator

import pyoxigraph as ox

from kg.query import LIC, _py

from ._cluster import ResolveReport, _exchange_key

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _p(local: str) -> ox.NamedNode:
    return ox.NamedNode(LIC + local)


class View:
    """Quads of the unresolved document graphs: the store minus ``skip`` graphs, plus ``extra`` (an ox.Store)."""

    def __init__(self, store: ox.Store, skip: set, extra: ox.Store | None = None):
        self.store, self.skip, self.extra = store, skip, extra

    def quads(self, s: Any = None, p: Any = None, o: Any = None) -> Iterator[ox.Quad]:
        skip = self.skip
        for q in self.store.quads_for_pattern(s, p, o, None):
            if q.graph_name not in skip and isinstance(q.graph_name, ox.NamedNode):
                yield q
        if self.extra is not None:
            yield from self.extra.quads_for_pattern(s, p, o, None)

    def values(self, p: ox.NamedNode) -> dict[str, set]:
        """Subject -> set of object values of predicate ``p`` over the union of the graphs."""
        out: dict[str, set] = defaultdict(set)
        for q in self.quads(None, p, None):
            out[_py(q.subject)].add(_py(q.object))
        return out


def org_facts(view: View) -> dict[str, dict[str, Any]]:
    """Per organization IRI: names (with graph set and latest filing date), aliases, CIKs, tickers, parents, graphs."""
    orgs: dict[str, dict[str, Any]] = defaultdict(lambda: {"names": {}, "aliases": set(), "ciks": set(),
                                                           "tickers": set(), "parents": set(), "graphs": set()})
    typed: set[tuple[str, str]] = set()
    for q in view.quads(None, RDF_TYPE, _p("Organization")):
        org, g = _py(q.subject), q.graph_name.value
        orgs[org]["graphs"].add(g)
        typed.add((org, g))
    # GRAPH ?g { ?g lic:describes/lic:filingDate ?d }: the latest filing date each graph states
    filings = {(q.graph_name.value, _py(q.object)) for q in view.quads(None, _p("describes"), None)
               if q.subject == q.graph_name}
    fdate: dict[str, str] = {}
    for q in view.quads(None, _p("filingDate"), None):
        g = q.graph_name.value
        if (g, _py(q.subject)) in filings:
            fdate[g] = max(fdate.get(g, ""), q.object.value)
    for q in view.quads(None, _p("name"), None):
        org, g = _py(q.subject), q.graph_name.value
        if (org, g) in typed:
            n = orgs[org]["names"].setdefault(_py(q.object), [set(), ""])
            n[0].add(g)
            n[1] = max(n[1], fdate.get(g, ""))
    for local, key in (("alias", "aliases"), ("cik", "ciks"), ("parentOrganization", "parents")):
        for org, vals in view.values(_p(local)).items():
            if org in orgs:
                orgs[org][key] |= vals
    exchanges = view.values(_p("exchange"))
    for org, tickers in view.values(_p("ticker")).items():
        if org in orgs:
            for t, ex in product(tickers, exchanges.get(org) or {None}):
                orgs[org]["tickers"].add((t.strip().upper(), _exchange_key(ex)))
    return dict(orgs)


def agreement_facts(view: View, org_map: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Per agreement IRI: graphs, kind, statuses, dates, (resolved) parties, subjects, stated amends."""
    ags: dict[str, dict[str, Any]] = defaultdict(lambda: {"graphs": set(), "kind": None, "status": set(), "dates": set(),
                                                          "parties": set(), "subjects": set(), "amends": set()})
    for q in view.quads(None, _p("agreementKind"), None):
        a = _py(q.subject)
        ags[a]["graphs"].add(q.graph_name.value)
        ags[a]["kind"] = _py(q.object)
    for local, key in (("status", "status"), ("date", "dates"), ("party", "parties"), ("subject", "subjects"),
                       ("amends", "amends")):
        for a, vals in view.values(_p(local)).items():
            if a in ags:
                ags[a][key] |= {org_map.get(v, v) for v in vals} if local == "party" else vals
    return dict(ags)


def payment_merges(view: View, ag_map: dict[str, str]) -> dict[str, str]:
    """Duplicate payments of one (merged) agreement: same kind, amount, currency, bound, per and rate."""
    kinds: dict[str, set[tuple[str, Any]]] = defaultdict(set)
    for q in view.quads(None, _p("paymentKind"), None):
        kinds[_py(q.subject)].add((q.graph_name.value, _py(q.object)))
    props = [view.values(_p(local)) for local in ("amount", "currency", "bound", "per", "rate")]
    # key -> graph -> payments; two equal payments stated by ONE document are two
    # obligations (two milestones of the same size), so only the i-th of each
    # document merges with the i-th of another.
    groups: dict[tuple, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for a, pays in view.values(_p("payment")).items():
        a = ag_map.get(a, a)
        for p in pays:
            if p not in kinds:
                continue
            for (g, k), amt, cur, b, per, rate in product(kinds[p], *((v.get(p) or {None}) for v in props)):
                amt = Decimal(amt).normalize() if isinstance(amt, Decimal) else amt
                groups[(a, k, amt, cur, b, per, rate)][g].add(p)
    mapping = {}
    for by_graph in groups.values():
        if len(by_graph) < 2:
            continue
        columns = [sorted(by_graph[g]) for g in sorted(by_graph)]
        for i in range(max(len(c) for c in columns)):
            same = sorted({c[i] for c in columns if i < len(c)})
            for m in same[1:]:
                mapping[m] = same[0]
    return mapping


def people_merges(view: View, org_map: dict[str, str]) -> dict[str, str]:
    """``lic:Person`` nodes with the same name at the same (resolved) organization.

    Person IRIs embed their organization's name, so a person of a renamed or
    merged company has one IRI per spelling; people without an organization are
    never merged (a bare name is not an identity).
    """
    people = {_py(q.subject) for q in view.quads(None, RDF_TYPE, _p("Person"))}
    names, member = view.values(_p("name")), view.values(_p("memberOf"))
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in people:
        for name, org in product(names.get(p, ()), member.get(p, ())):
            groups[(" ".join(re.sub(r"[^\w]+", " ", str(name).casefold()).split()), org_map.get(org, org))].add(p)
    mapping = {}
    for members in groups.values():
        first, *rest = sorted(members)
        for m in rest:
            mapping[m] = first
    return mapping


__all__ = ["View", "org_facts", "agreement_facts", "payment_merges", "people_merges", "ResolveReport"]
