"""Facts kg.resolve clusters on, read with pyoxigraph pattern scans (one index scan per predicate).

Each reader is the plain-Python equivalent of the SPARQL SELECT it replaced
(profiled at 10,000 filings: ``?org a lic:Organization ; ?p ?v FILTER(?p IN ...)``
took 12 s, the scans below take well under one second in all).  They read a
:class:`View`: the document graphs of the store as they were *before* any
resolution rewrite (see :mod:`kg.resolve._state`), never the resolution graph or
the manifest.  Values are what :func:`kg.query._py` gives a SPARQL row.
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from decimal import Decimal
from itertools import product
from typing import Any, Iterable, Iterator

import pyoxigraph as ox

from kg.query import LIC, _py

from ._cluster import _exchange_key

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


# Predicates resolution reads (lic: local names), and the classes of rdf:type it keeps.
LOCALS = ("name", "describes", "filingDate", "alias", "cik", "parentOrganization", "ticker", "exchange",
          "agreementKind", "status", "date", "party", "licensor", "licensee", "subject", "amends", "payment", "paymentKind", "amount",
          "currency", "bound", "per", "rate", "memberOf", "exclusive")
#: rdfs:label of technologies and products (the deal table ranks technology labels: kg.resolve._table)
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_BY_IRI = {LIC + local: local for local in LOCALS}
_BY_IRI[RDFS_LABEL.value] = "label"
_CLASSES = {LIC + "Organization": "Organization", LIC + "Person": "Person"}


def collect(quads: Iterable[ox.Quad], out: dict[str, list]) -> None:
    """Add the facts resolution reads from ``quads`` to ``out``: graph -> [(lic: local name, subject, value)].

    One document's entry (grouped by :func:`nested`) is what kg.resolve keeps of
    it (a JSON record), so a later run that only changed other documents need
    not read it again.  Strings are interned: an IRI named in many statements is
    held once.
    """
    intern = sys.intern
    for q in quads:
        g = q.graph_name
        if not isinstance(g, ox.NamedNode):
            continue
        p = q.predicate.value
        if p == RDF_TYPE.value:
            cls = _CLASSES.get(q.object.value) if isinstance(q.object, ox.NamedNode) else None
            if cls:
                out.setdefault(g.value, []).append(("type", intern(_py(q.subject)), cls))
        elif p in _BY_IRI:
            v = _py(q.object)
            out.setdefault(g.value, []).append((_BY_IRI[p], intern(_py(q.subject)), intern(v) if type(v) is str else v))


def nested(flat: list[tuple]) -> dict[str, dict[str, list]]:
    """One graph's facts grouped: lic: local name -> subject -> [values]."""
    out: dict[str, dict[str, list]] = {}
    for local, s, v in flat:
        out.setdefault(local, {}).setdefault(s, []).append(v)
    return out


def scan(view: View) -> dict[str, list]:
    """:func:`collect` over every document graph of ``view``, one index scan per predicate."""
    out: dict[str, list] = {}
    for cls in _CLASSES:
        collect(view.quads(None, RDF_TYPE, ox.NamedNode(cls)), out)
    for local in LOCALS:
        collect(view.quads(None, _p(local), None), out)
    collect(view.quads(None, RDFS_LABEL, None), out)
    return out


def _encode(v: Any) -> Any:
    if isinstance(v, Decimal):
        return {"$d": str(v)}
    raise TypeError(type(v).__name__)


def dumps(facts: dict[str, dict]) -> str:
    """One document's facts as JSON (values sorted; Decimal values tagged and their predicates listed in "$dec")."""
    out: dict[str, Any] = {}
    dec = []
    for local, by_subject in facts.items():
        out[local] = {str(s): sorted(set(vs), key=repr) if len(vs) > 1 else vs for s, vs in by_subject.items()}
        if any(isinstance(v, Decimal) for vs in by_subject.values() for v in vs):
            dec.append(local)
    if dec:
        out["$dec"] = sorted(dec)
    return json.dumps(out, default=_encode, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads_all(texts: list[str]) -> list[dict[str, dict]]:
    """Many records at once (one C-speed JSON parse); tagged Decimal values restored."""
    records = json.loads("[" + ",".join(texts) + "]")
    for rec in records:
        for local in rec.pop("$dec", ()):
            rec[local] = {s: [Decimal(v["$d"]) if type(v) is dict else v for v in vs] for s, vs in rec[local].items()}
    return records


class _Values(dict):
    """subject -> list of distinct values (a list: most subjects have one value, and a set costs 4x more)."""

    def __missing__(self, key):
        return []


def _pooled(facts: dict[str, dict[str, list]]) -> Iterator[tuple[str, dict[str, list]]]:
    """(lic: local name, subject -> values) of one graph's facts that pool into ``Facts.union``
    (rdf:type, lic:describes and lic:filingDate are kept per graph instead)."""
    return ((local, by_subject) for local, by_subject in facts.items() if local not in ("type", "describes", "filingDate"))


class Facts:
    """The facts of all documents: ``union[local][subject]`` = values over all graphs, and per-graph detail.

    ``shared[(local, subject, value)]``: how many graphs state a value that more than one graph
    states (a value absent from it is stated by one), so that :meth:`subtract` can take one
    graph's facts out again: what lets a build that changed one document update the pool of
    all the others (kept by kg.build_cache, :meth:`state`) instead of reading them again.
    """

    def __init__(self, counting: bool = True):
        #: False: no ``shared`` counts and no ``graphs`` (a pass that keeps no pool: ~11 MB less at 100k
        #: deals); such a pool cannot :meth:`subtract` or give its :meth:`state`.
        self.counting = counting
        self.union: dict[str, dict[Any, list]] = {local: _Values() for local in (*LOCALS, "label")}
        self.typed: dict[str, set[tuple[Any, str]]] = {"Organization": set(), "Person": set()}
        self.in_graph: dict[str, list[tuple[str, Any, Any]]] = {"name": [], "agreementKind": [], "paymentKind": []}
        self.filing_date: dict[str, str] = {}
        self.shared: dict[tuple[str, Any, Any], int] = {}
        self.graphs: set[str] = set()

    def add(self, g: str, facts: dict[str, dict[str, list]]) -> None:
        """Add one graph's (nested) facts."""
        counting = self.counting
        if counting:
            self.graphs.add(g)
        for s, classes in facts.get("type", {}).items():
            for cls in classes:
                self.typed[cls].add((s, g))
        shared = self.shared
        for local, by_subject in _pooled(facts):
            u = self.union[local]
            for s, vs in by_subject.items():
                cur = u.get(s)
                if cur is None:
                    u[s] = list(dict.fromkeys(vs))
                else:
                    for v in dict.fromkeys(vs):
                        if v not in cur:
                            cur.append(v)
                        elif counting:
                            key = (local, s, v)
                            shared[key] = shared.get(key, 1) + 1
            if local in self.in_graph:
                self.in_graph[local].extend((g, s, v) for s, vs in by_subject.items() for v in vs)
        filings = set(facts.get("describes", {}).get(g, ()))
        dates = [str(d) for f, ds in facts.get("filingDate", {}).items() if f in filings for d in ds]
        if dates:
            self.filing_date[g] = max(dates)

    def subtract(self, graphs: dict[str, dict[str, dict[str, list]]]) -> None:
        """Take graphs' facts (graph -> the nested facts :meth:`add` was given for it) out of the pool."""
        if not self.counting:
            raise ValueError("a pool built without counting cannot subtract")
        shared = self.shared
        for g, facts in graphs.items():
            self.graphs.discard(g)
            self.filing_date.pop(g, None)
            for s, classes in facts.get("type", {}).items():
                for cls in classes:
                    self.typed[cls].discard((s, g))
            for local, by_subject in _pooled(facts):
                u = self.union[local]
                for s, vs in by_subject.items():
                    cur = u.get(s)
                    for v in dict.fromkeys(vs):
                        key = (local, s, v)
                        n = shared.get(key, 1)
                        if n > 2:
                            shared[key] = n - 1
                        elif n == 2:
                            del shared[key]
                        elif cur is not None and v in cur:
                            cur.remove(v)
                    if cur is not None and not cur:
                        del u[s]
        gone = set(graphs)
        for local, rows in self.in_graph.items():
            if any(g in gone for g, _, _ in rows):
                self.in_graph[local] = [row for row in rows if row[0] not in gone]

    def state(self) -> dict[str, Any]:
        """The pool as plain data (str, int, float, bool, lists, tuples, dicts): marshal-able, a Decimal
        written ``("$d", text)`` in the predicates listed under "decimal".  :meth:`from_state` reads it back."""
        if not self.counting:
            raise ValueError("a pool built without counting has no state to keep")
        def enc(v: Any) -> Any:
            return ("$d", str(v)) if type(v) is Decimal else v
        union, decimal = {}, []
        for local, u in self.union.items():
            if any(type(v) is Decimal for vs in u.values() for v in vs):
                decimal.append(local)
                union[local] = {s: [enc(v) for v in vs] for s, vs in u.items()}
            else:
                union[local] = dict(u)
        in_graph = {k: rows if all(type(v) is not Decimal for _, _, v in rows) else [(g, s, enc(v)) for g, s, v in rows]
                    for k, rows in self.in_graph.items()}
        return {"union": union, "decimal": decimal, "typed": {c: list(pairs) for c, pairs in self.typed.items()},
                "in_graph": in_graph, "filing_date": self.filing_date,
                "shared": [(k[0], k[1], enc(k[2]), n) for k, n in self.shared.items()], "graphs": list(self.graphs)}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Facts:
        def dec(v: Any) -> Any:
            return Decimal(v[1]) if type(v) is tuple and len(v) == 2 and v[0] == "$d" else v
        out = cls()
        decimal = set(state["decimal"])
        for local, u in state["union"].items():
            out.union[local] = _Values({s: [dec(v) for v in vs] for s, vs in u.items()} if local in decimal else u)
        out.typed = {c: set(pairs) for c, pairs in state["typed"].items()}
        out.in_graph = {k: [(g, s, dec(v)) for g, s, v in rows] if any(type(v) is tuple for _, _, v in rows) else rows
                        for k, rows in state["in_graph"].items()}
        out.filing_date = state["filing_date"]
        out.shared = {(local, s, dec(v)): n for local, s, v, n in state["shared"]}
        out.graphs = set(state["graphs"])
        return out


def org_facts(facts: Facts) -> dict[str, dict[str, Any]]:
    """Per organization IRI: names (with graph set and latest filing date), aliases, CIKs, tickers, parents, graphs."""
    orgs: dict[str, dict[str, Any]] = defaultdict(lambda: {"names": {}, "aliases": set(), "ciks": set(),
                                                           "tickers": set(), "parents": set(), "graphs": set()})
    typed = facts.typed["Organization"]
    for org, g in sorted(typed):
        orgs[org]["graphs"].add(g)
    for g, org, name in facts.in_graph["name"]:
        if (org, g) in typed:  # GRAPH ?g { ?org a lic:Organization ; lic:name ?name }
            n = orgs[org]["names"].setdefault(name, [set(), ""])
            n[0].add(g)
            n[1] = max(n[1], facts.filing_date.get(g, ""))
    u = facts.union
    for local, key in (("alias", "aliases"), ("cik", "ciks"), ("parentOrganization", "parents")):
        for org, vals in u[local].items():
            if org in orgs:
                orgs[org][key].update(vals)
    for org, tickers in u["ticker"].items():
        if org in orgs:
            for t, ex in product(tickers, u["exchange"].get(org) or {None}):
                orgs[org]["tickers"].add((str(t).strip().upper(), _exchange_key(ex)))
    return dict(orgs)


def agreement_facts(facts: Facts, org_map: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Per agreement IRI: graphs, kind, statuses, dates, (resolved) parties, licensors, licensees, subjects, stated amends."""
    ags: dict[str, dict[str, Any]] = defaultdict(lambda: {"graphs": set(), "kind": None, "status": set(), "dates": set(),
                                                          "parties": set(), "licensors": set(), "licensees": set(),
                                                          "subjects": set(), "amends": set()})
    kinds: dict[str, set] = defaultdict(set)
    for g, a, k in facts.in_graph["agreementKind"]:
        ags[a]["graphs"].add(g)
        kinds[a].add(k)
    for a, ks in kinds.items():
        ags[a]["kind"] = min(ks, key=str)  # one kind per agreement in practice; the same one every run
    orgs = {"party", "licensor", "licensee"}
    for local, key in (("status", "status"), ("date", "dates"), ("party", "parties"), ("licensor", "licensors"),
                       ("licensee", "licensees"), ("subject", "subjects"), ("amends", "amends")):
        for a, vals in facts.union[local].items():
            if a in ags:
                ags[a][key].update(org_map.get(v, v) for v in vals) if local in orgs else ags[a][key].update(vals)
    return dict(ags)


def payment_merges(facts: Facts, ag_map: dict[str, str]) -> dict[str, str]:
    """Duplicate payments of one (merged) agreement: same kind, amount, currency, bound, per and rate."""
    kinds: dict[str, set[tuple[str, Any]]] = defaultdict(set)
    for g, p, k in facts.in_graph["paymentKind"]:
        kinds[p].add((g, k))
    props = [facts.union[local] for local in ("amount", "currency", "bound", "per", "rate")]
    # key -> graph -> payments; two equal payments stated by ONE document are two
    # obligations (two milestones of the same size), so only the i-th of each
    # document merges with the i-th of another.
    groups: dict[tuple, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    by_agreement: dict[str, set[str]] = defaultdict(set)
    for a, pays in facts.union["payment"].items():
        by_agreement[ag_map.get(a, a)].update(pays)
    for a, pays in by_agreement.items():
        if len({g for p in pays for g, _ in kinds.get(p, ())}) < 2:
            continue  # payments stated by one document only: nothing to merge
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


def people_merges(facts: Facts, org_map: dict[str, str]) -> dict[str, str]:
    """``lic:Person`` nodes with the same name at the same (resolved) organization.

    Person IRIs embed their organization's name, so a person of a renamed or
    merged company has one IRI per spelling; people without an organization are
    never merged (a bare name is not an identity).
    """
    people = {p for p, _ in facts.typed["Person"]}
    names, member = facts.union["name"], facts.union["memberOf"]
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


__all__ = ["View", "Facts", "collect", "nested", "scan", "dumps", "loads_all", "org_facts", "agreement_facts", "payment_merges", "people_merges"]
