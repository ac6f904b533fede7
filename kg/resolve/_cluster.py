"""Cross-filing entity resolution: one node per real organization and per real agreement.

Strategy: a **store rewrite**.  Each cluster of IRIs that denote one entity gets
a deterministic canonical IRI, and every other IRI of the cluster is replaced by
it in every document graph (subject and object positions), in one SPARQL Update
(one Oxigraph transaction).  Why a rewrite and not ``owl:sameAs`` links: every
query, projection and export then sees one node per entity with plain joins;
with ``owl:sameAs`` every one of them would have to canonicalize (or run a
reasoner), and a forgotten hop silently splits a company in two.  What was
merged is not lost: the resolution graph (:data:`RESOLUTION_GRAPH`) keeps
``canonical owl:sameAs old`` for every replaced IRI, and each document graph
still holds its own names and evidence.  The build re-runs :func:`resolve`
after every change, so a re-built document (with its raw IRIs) is re-merged.

Organizations (``lic:Organization``) are clustered, in order of trust, by
1. the same SEC CIK (``lic:cik``);
2. the same ticker on the same exchange (``lic:ticker`` + ``lic:exchange``) when
   the names share their first word (tickers are reused across eras: NYSE "DNA");
3. the same folded legal name (:func:`kg.names.normalize_org_name`) of a name or
   of a short-form alias ("Genentech" for "Genentech, Inc."), unless that alias
   folds to the names of two different clusters (ambiguous).
Never merged: two clusters with different CIKs, or a parent and its subsidiary
(``lic:parentOrganization`` stays a link between two nodes).

Agreements (``lic:Agreement``) stated in different documents are one agreement
when they have the same (resolved) party set, the same kind, compatible
statuses (new/referenced together, otherwise equal), dates within a month (or
one unstated) and overlapping subjects (or one unstated).  Their payments with
identical kind/amount/currency/bound/per/rate merge too, and so do people
(``lic:Person``) with the same name at the same resolved organization.  An amendment,
termination or option exercise gets ``lic:amends`` to the latest earlier
agreement between the same parties, giving each agreement a dated lifecycle.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Iterable

import pyoxigraph as ox

from kg.errors import StoreError
from kg.names import normalize_org_name, strip_legal_suffix
from kg.query import LIC, oxigraph_store, run_sparql

__all__ = ["RESOLUTION_GRAPH", "ResolveReport", "resolve"]

#: Named graph holding what resolution derived: ``owl:sameAs`` (replaced IRIs), ``rdfs:label``
#: (display name), ``skos:hiddenLabel`` (folded lookup keys), ``lic:amends`` links.
RESOLUTION_GRAPH = "https://w3id.org/dealgraph/id/resolution"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_HIDDEN = "http://www.w3.org/2004/02/skos/core#hiddenLabel"
_MANIFEST = "https://w3id.org/dealgraph/id/manifest"  # kg.store bookkeeping graph: never rewritten

# Generic role words used as defined terms in contracts and press releases
# ("the Company", "Licensee", "Parent", "Merger Sub"); why: they name a role, not an
# entity, so an alias equal to one of them must never merge organizations.
_ROLE_WORDS = frozenset("""
company corporation registrant licensee licensor sublicensee parent purchaser buyer seller
partner collaborator sponsor institution university hospital bank lender borrower issuer
merger sub subsidiary affiliate customer supplier distributor agent trustee we us our
""".split())

# Stock exchange spellings folded to one key; why: press releases and cover pages write
# one market many ways ("Nasdaq", "NASDAQ Global Select Market", "The Nasdaq Stock
# Market LLC"; "NYSE", "New York Stock Exchange"; NYSE American was "NYSE MKT" and
# "AMEX"; non-US listings "LSE"/"London Stock Exchange", "TSX"/"Toronto Stock Exchange").
# Anything else folds to its lower-cased words.
_EXCHANGES = (
    (re.compile(r"nasdaq", re.I), "nasdaq"),
    (re.compile(r"nyse\s*(?:american|mkt|amex)|\bamex\b|american stock exchange", re.I), "nyse-american"),
    (re.compile(r"\bnyse\b|new york stock exchange", re.I), "nyse"),
    (re.compile(r"\blse\b|london stock exchange", re.I), "lse"),
    (re.compile(r"\btsx\b|toronto stock exchange", re.I), "tsx"),
)

# Statuses that report an agreement itself (rather than a change to it).
_BASE_STATUSES = frozenset({"new", "referenced"})
_CHANGE_STATUSES = frozenset({"amended", "terminated", "option-exercised"})


@dataclass
class ResolveReport:
    """What :func:`resolve` did: counts, merges made, links added and conflicts left alone."""

    organizations_before: int = 0
    organizations_after: int = 0
    agreements_before: int = 0
    agreements_after: int = 0
    payments_merged: int = 0
    people_merged: int = 0
    org_merges: list[tuple[str, list[str], str]] = field(default_factory=list)  # canonical, others, why
    agreement_merges: list[tuple[str, list[str]]] = field(default_factory=list)
    amends_links: list[tuple[str, str]] = field(default_factory=list)  # (changing, changed)
    conflicts: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"organizations {self.organizations_before} -> {self.organizations_after}, "
                f"agreements {self.agreements_before} -> {self.agreements_after}, "
                f"{self.payments_merged} duplicate payments merged, {self.people_merged} people merged, "
                f"{len(self.amends_links)} amends links, "
                f"{len(self.conflicts)} conflicts")


class _UnionFind:
    """Union-find over IRIs whose clusters carry a set of CIKs (never two different ones)."""

    def __init__(self, items: Iterable[str], ciks: dict[str, set[str]]):
        self.parent = {i: i for i in items}
        self.ciks = {i: set(ciks.get(i, ())) for i in self.parent}
        self.blocked: set[frozenset[str]] = set()

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ca, cb = self.ciks[ra], self.ciks[rb]
        if ca and cb and ca != cb:
            return False
        if frozenset((ra, rb)) in self.blocked:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.ciks[ra] |= self.ciks[rb]
        self.blocked = {frozenset(self.find(x) for x in pair) for pair in self.blocked}
        return True


def _exchange_key(text: str | None) -> str | None:
    if not text:
        return None
    for rx, key in _EXCHANGES:
        if rx.search(text):
            return key
    return " ".join(text.lower().split())


def _alias_usable(alias_key: str, name_keys: set[str], alias: str) -> bool:
    """A short form of the organization's own name ("Genentech"), or its acronym ("CHOP")."""
    if not alias_key or alias_key in _ROLE_WORDS or all(w in _ROLE_WORDS for w in alias_key.split()):
        return False
    first = alias_key.split()[0]
    for nk in name_keys:
        words = nk.split()
        if words and words[0] == first:
            return True
        initials = "".join(w[0] for w in words if len(w) > 1 and w not in ("of", "and", "the", "for"))
        if alias.isupper() and 2 <= len(alias_key) <= 6 and alias_key.replace(" ", "") == initials:
            return True
    return False


def _rows(store: Any, sparql: str) -> list[tuple]:
    return run_sparql(store, sparql, name="resolve").rows


_PREFIX = "PREFIX lic: <%s>\nPREFIX rdfs: <%s>\n" % (LIC, "http://www.w3.org/2000/01/rdf-schema#")


def _org_facts(store: Any) -> dict[str, dict[str, Any]]:
    """Per organization IRI: names (with graph count and latest filing date), aliases, CIKs, tickers, parents."""
    orgs: dict[str, dict[str, Any]] = defaultdict(lambda: {"names": {}, "aliases": set(), "ciks": set(),
                                                           "tickers": set(), "parents": set(), "graphs": set()})
    for org, g in _rows(store, _PREFIX + f"""SELECT DISTINCT ?org ?g WHERE {{ GRAPH ?g {{ ?org a lic:Organization }}
        FILTER(?g != <{RESOLUTION_GRAPH}>) }}"""):
        orgs[org]["graphs"].add(g)
    for org, name, g, fdate in _rows(store, _PREFIX + f"""SELECT DISTINCT ?org ?name ?g ?fd WHERE {{
        GRAPH ?g {{ ?org a lic:Organization ; lic:name ?name }} FILTER(?g != <{RESOLUTION_GRAPH}>)
        OPTIONAL {{ GRAPH ?g {{ ?g lic:describes/lic:filingDate ?d }} }} BIND(STR(?d) AS ?fd) }}"""):
        n = orgs[org]["names"].setdefault(name, [set(), ""])
        n[0].add(g)
        n[1] = max(n[1], fdate or "")
    props = {LIC + "alias": "aliases", LIC + "cik": "ciks", LIC + "parentOrganization": "parents"}
    for org, p, v in _rows(store, _PREFIX + """SELECT DISTINCT ?org ?p ?v WHERE { ?org a lic:Organization ; ?p ?v .
        FILTER(?p IN (lic:alias, lic:cik, lic:parentOrganization)) }"""):
        orgs[org][props[p]].add(v)
    for org, t, ex in _rows(store, _PREFIX + """SELECT DISTINCT ?org ?t ?ex WHERE { ?org a lic:Organization ; lic:ticker ?t .
        OPTIONAL { ?org lic:exchange ?ex } }"""):
        orgs[org]["tickers"].add((t.strip().upper(), _exchange_key(ex)))
    return orgs


def _cluster_orgs(orgs: dict[str, dict[str, Any]], report: ResolveReport) -> dict[str, str]:
    """``old IRI -> canonical IRI`` for every organization that is not its own canonical."""
    ciks = {}
    for iri, o in orgs.items():
        if len(o["ciks"]) > 1:
            report.conflicts.append(f"{iri} carries {len(o['ciks'])} CIKs ({', '.join(sorted(o['ciks']))}): "
                                    "two companies share one name; not merged by CIK")
        else:
            ciks[iri] = o["ciks"]
    uf = _UnionFind(sorted(orgs), ciks)
    for iri, o in orgs.items():  # parent and subsidiary stay two nodes
        for p in o["parents"]:
            if p in orgs and p != iri:
                uf.blocked.add(frozenset((iri, p)))
    why: dict[str, str] = {}

    def join(members: list[str], reason: str) -> None:
        for other in members[1:]:
            if uf.find(members[0]) != uf.find(other) and uf.union(members[0], other):
                why.setdefault(other, reason)
                why.setdefault(members[0], reason)

    by_cik: dict[str, list[str]] = defaultdict(list)
    for iri in sorted(ciks):
        for c in ciks[iri]:
            by_cik[c].append(iri)
    for c, members in sorted(by_cik.items()):
        join(members, f"CIK {c}")

    name_keys = {iri: {k for k in (normalize_org_name(n) for n in o["names"]) if k} for iri, o in orgs.items()}
    by_ticker: dict[tuple, list[str]] = defaultdict(list)
    for iri in sorted(orgs):
        for t, ex in orgs[iri]["tickers"]:
            if ex:
                by_ticker[(t, ex)].append(iri)
    for (t, ex), members in sorted(by_ticker.items()):
        firsts = {iri: {k.split()[0] for k in name_keys[iri]} for iri in members}
        for other in members[1:]:
            if firsts[members[0]] & firsts[other]:
                join([members[0], other], f"ticker {t} on {ex}")

    by_key: dict[str, list[str]] = defaultdict(list)
    for iri in sorted(orgs):
        for k in name_keys[iri]:
            by_key[k].append(iri)
    for k, members in sorted(by_key.items()):
        join(members, f"name '{k}'")
    alias_targets: dict[str, set[str]] = defaultdict(set)
    for iri in sorted(orgs):
        for alias in orgs[iri]["aliases"]:
            ak = normalize_org_name(alias)
            if _alias_usable(ak, name_keys[iri], alias):
                alias_targets[ak].add(iri)
    for ak, owners in sorted(alias_targets.items()):
        named = by_key.get(ak, [])
        if not named:
            continue
        roots = {uf.find(x) for x in list(owners) + named}
        owner_roots = {uf.find(x) for x in owners}
        if len(owner_roots) > 1:
            report.conflicts.append(f"alias '{ak}' is used by {len(owner_roots)} different organizations; not merged")
            continue
        if len(roots) > 1:
            join(sorted(owners) + named, f"alias '{ak}'")

    clusters: dict[str, list[str]] = defaultdict(list)
    for iri in orgs:
        clusters[uf.find(iri)].append(iri)
    mapping: dict[str, str] = {}
    for members in clusters.values():
        if len(members) < 2:
            continue
        canon = min(members, key=lambda i: (-bool(orgs[i]["ciks"]), -len(orgs[i]["graphs"]), len(i), i))
        others = sorted(m for m in members if m != canon)
        for m in others:
            mapping[m] = canon
        report.org_merges.append((canon, others, "; ".join(sorted({why.get(m, "") for m in others} - {""}))))
    report.org_merges.sort()
    return mapping


def _label(names: dict[str, list]) -> str:
    """Display name: a full legal name (with its legal form) over a short form, then the one
    stated by most documents, then by the most recent filing (a renamed company shows its
    current name), then not ALL-CAPS (EDGAR conformed names), then the longest."""
    return max(names, key=lambda n: (strip_legal_suffix(n) != n.strip(), len(names[n][0]), names[n][1],
                                     not n.isupper(), len(n), n))


def _parse_date(text: str | None) -> tuple[date, bool] | None:
    """``(date, month_only)`` for an xsd:date / xsd:gYearMonth lexical form."""
    if not text:
        return None
    m = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)), m.group(3) is None
    except ValueError:
        return None


def _dates_compatible(a: str | None, b: str | None) -> bool:
    pa, pb = _parse_date(a), _parse_date(b)
    if pa is None or pb is None:
        return True
    slack = 45 if (pa[1] or pb[1]) else 31
    return abs((pa[0] - pb[0]).days) <= slack


def _canon_date(dates: set[str]) -> tuple:
    parsed = [p for p in (_parse_date(d) for d in dates) if p]
    if not parsed:
        return (True, date.max, True)
    d, month_only = min(parsed)
    return (False, d, month_only)


def _agreements(store: Any, org_map: dict[str, str]) -> dict[str, dict[str, Any]]:
    ags: dict[str, dict[str, Any]] = defaultdict(lambda: {"graphs": set(), "kind": None, "status": set(), "dates": set(),
                                                          "parties": set(), "subjects": set(), "amends": set()})
    for a, g, k in _rows(store, _PREFIX + f"""SELECT DISTINCT ?a ?g ?k WHERE {{ GRAPH ?g {{ ?a lic:agreementKind ?k }}
        FILTER(?g != <{RESOLUTION_GRAPH}>) }}"""):
        ags[a]["graphs"].add(g)
        ags[a]["kind"] = k
    keys = {LIC + "status": "status", LIC + "date": "dates", LIC + "party": "parties", LIC + "subject": "subjects",
            LIC + "amends": "amends"}
    for a, p, v in _rows(store, _PREFIX + """SELECT DISTINCT ?a ?p ?v WHERE { ?a lic:agreementKind ?k ; ?p ?v .
        FILTER(?p IN (lic:status, lic:date, lic:party, lic:subject, lic:amends)) }"""):
        if a in ags:
            ags[a][keys[p]].add(org_map.get(v, v) if p == LIC + "party" else v)
    return ags


def _status_class(statuses: set[str]) -> frozenset[str]:
    return frozenset({"base"}) if statuses <= _BASE_STATUSES else frozenset(statuses)


def _cluster_agreements(ags: dict[str, dict[str, Any]], report: ResolveReport) -> dict[str, str]:
    """``old IRI -> canonical IRI`` for agreements reported in several documents."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    for a, info in ags.items():
        if len(info["parties"]) >= 2:
            groups[(frozenset(info["parties"]), info["kind"], _status_class(info["status"]))].append(a)
    mapping: dict[str, str] = {}

    def sort_key(a: str) -> tuple:
        d = min(ags[a]["dates"], default=None)
        return (d is None, d or "", a)

    for members in groups.values():
        clusters: list[list[str]] = []
        for a in sorted(members, key=sort_key):
            info = ags[a]
            for c in clusters:
                if any(ags[m]["graphs"] & info["graphs"] for m in c):
                    continue  # one document's distinct agreements stay distinct
                ok = all(_dates_compatible(min(ags[m]["dates"], default=None), min(info["dates"], default=None))
                         and (not ags[m]["subjects"] or not info["subjects"] or ags[m]["subjects"] & info["subjects"])
                         for m in c)
                if ok:
                    c.append(a)
                    break
            else:
                clusters.append([a])
        for c in clusters:
            if len(c) > 1:
                # canonical: the report of the signing ("new"), with a full date, earliest
                canon = min(c, key=lambda a: ("new" not in ags[a]["status"], _canon_date(ags[a]["dates"]), a))
                others = sorted(m for m in c if m != canon)
                for m in others:
                    mapping[m] = canon
                report.agreement_merges.append((canon, others))
    report.agreement_merges.sort()
    return mapping


def _amends_links(ags: dict[str, dict[str, Any]], ag_map: dict[str, str]) -> list[tuple[str, str]]:
    """(changing agreement, changed agreement) for changes without a stated ``lic:amends``."""
    canon = {a: info for a, info in ags.items() if a not in ag_map}
    links = []
    for a, info in sorted(canon.items()):
        if not (info["status"] & _CHANGE_STATUSES) or info["amends"] or len(info["parties"]) < 2:
            continue
        when = min(info["dates"], default=None)
        best = None
        for b, other in canon.items():
            if b == a or other["parties"] != info["parties"]:
                continue
            if not (other["status"] & (_BASE_STATUSES | {"amended"})):
                continue
            same_kind = other["kind"] == info["kind"]
            if not same_kind and "amended" in info["status"]:
                continue  # an amendment changes an agreement of its own kind
            bdate = min(other["dates"], default=None)
            if when and bdate and bdate > when:
                continue
            rank = (same_kind, bdate or "", b)
            if best is None or rank > best[0]:
                best = (rank, b)
        if best is not None:
            links.append((a, best[1]))
    return links


def _term_nt(t: Any) -> str:
    return str(t)  # pyoxigraph's N-Triples form: IRIs in <>, literals escaped


def _rewrite(ox_store: ox.Store, mapping: dict[str, str]) -> None:
    """Replace every IRI in ``mapping`` by its canonical IRI in every graph, in one transaction."""
    if not mapping:
        return
    nodes = {k: ox.NamedNode(v) for k, v in mapping.items()}
    remove, add = [], []
    seen = set()
    for old in mapping:
        o = ox.NamedNode(old)
        for q in list(ox_store.quads_for_pattern(o, None, None, None)) + list(ox_store.quads_for_pattern(None, None, o, None)):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == _MANIFEST:
                continue
            if q in seen:
                continue
            seen.add(q)
            s = nodes.get(q.subject.value, q.subject) if isinstance(q.subject, ox.NamedNode) else q.subject
            obj = nodes.get(q.object.value, q.object) if isinstance(q.object, ox.NamedNode) else q.object
            remove.append(q)
            add.append(ox.Quad(s, q.predicate, obj, q.graph_name))
    _apply(ox_store, remove, add)


def _quad_block(quads: list[ox.Quad]) -> str:
    by_graph: dict[str, list[str]] = defaultdict(list)
    for q in quads:
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else _term_nt(q.graph_name)
        by_graph[g].append(f"{_term_nt(q.subject)} {_term_nt(q.predicate)} {_term_nt(q.object)} .")
    parts = []
    for g, lines in by_graph.items():
        body = "\n".join(lines)
        parts.append(f"GRAPH {g} {{\n{body}\n}}" if g else body)
    return "\n".join(parts)


def _has_bnode(q: ox.Quad) -> bool:
    return isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)


def _apply(ox_store: ox.Store, remove: list[ox.Quad], add: list[ox.Quad]) -> None:
    """Delete then insert quads in ONE SPARQL Update (one Oxigraph transaction).

    SPARQL ``DELETE DATA`` cannot name blank nodes, so the (rare) quads with one
    are changed through the store API right after, outside that transaction.
    """
    ops = []
    if any(not _has_bnode(q) for q in remove):
        ops.append("DELETE DATA {\n" + _quad_block([q for q in remove if not _has_bnode(q)]) + "\n}")
    if any(not _has_bnode(q) for q in add):
        ops.append("INSERT DATA {\n" + _quad_block([q for q in add if not _has_bnode(q)]) + "\n}")
    try:
        if ops:
            ox_store.update(" ;\n".join(ops))
        for q in remove:
            if _has_bnode(q):
                ox_store.remove(q)
        for q in add:
            if _has_bnode(q):
                ox_store.add(q)
    except (OSError, SyntaxError, RuntimeError, ValueError) as e:
        raise StoreError(f"entity resolution could not rewrite the store: {' '.join(str(e).split())}") from None


def _payment_merges(store: Any, report: ResolveReport) -> dict[str, str]:
    """Duplicate payments of one (merged) agreement: same kind, amount, currency, bound, per and rate."""
    rows = _rows(store, _PREFIX + """SELECT DISTINCT ?a ?p ?g ?k ?amt ?cur ?b ?per ?rate WHERE {
        ?a lic:payment ?p . GRAPH ?g { ?p lic:paymentKind ?k } .
        OPTIONAL { ?p lic:amount ?amt } OPTIONAL { ?p lic:currency ?cur } OPTIONAL { ?p lic:bound ?b }
        OPTIONAL { ?p lic:per ?per } OPTIONAL { ?p lic:rate ?rate } }""")
    # key -> graph -> payments; two equal payments stated by ONE document are two
    # obligations (two milestones of the same size), so only the i-th of each
    # document merges with the i-th of another.
    groups: dict[tuple, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for a, p, g, k, amt, cur, b, per, rate in rows:
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
    report.payments_merged = len(mapping)
    return mapping


def _people_merges(store: Any, report: ResolveReport) -> dict[str, str]:
    """``lic:Person`` nodes with the same name at the same (resolved) organization.

    Person IRIs embed their organization's name, so a person of a renamed or
    merged company has one IRI per spelling; people without an organization are
    never merged (a bare name is not an identity).
    """
    rows = _rows(store, _PREFIX + """SELECT DISTINCT ?p ?name ?org WHERE {
        ?p a lic:Person ; lic:name ?name ; lic:memberOf ?org }""")
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p, name, org in rows:
        groups[(" ".join(re.sub(r"[^\w]+", " ", name.casefold()).split()), org)].add(p)
    mapping = {}
    for members in groups.values():
        first, *rest = sorted(members)
        for m in rest:
            mapping[m] = first
    report.people_merged = len(mapping)
    return mapping


def resolve(store: Any) -> ResolveReport:
    """Merge organizations and agreements across filings in ``store`` (a ``kg.store.Store`` or pyoxigraph Store).

    Idempotent: a second run on a resolved store changes nothing.  Returns a
    :class:`ResolveReport`; ``str(report)`` is a one-line summary for the build report.
    """
    ox_store = oxigraph_store(store)
    report = ResolveReport()
    res_graph = ox.NamedNode(RESOLUTION_GRAPH)
    previous_same = [q for q in ox_store.quads_for_pattern(None, ox.NamedNode(OWL_SAME_AS), None, res_graph)]
    # derived facts are recomputed from the document graphs every run
    ox_store.remove_graph(res_graph) if ox_store.contains_named_graph(res_graph) else None

    orgs = _org_facts(store)
    report.organizations_before = len(orgs)
    org_map = _cluster_orgs(orgs, report)
    ags = _agreements(store, org_map)
    report.agreements_before = len(ags)
    ag_map = _cluster_agreements(ags, report)
    _rewrite(ox_store, {**org_map, **ag_map})
    pay_map = _payment_merges(store, report)
    pay_map.update(_people_merges(store, report))
    _rewrite(ox_store, pay_map)

    # the resolution graph: sameAs for every replaced IRI, one display label and
    # lookup keys (folded names and usable aliases) per organization, amends links.
    quads: set[ox.Quad] = set()
    for q in previous_same:
        canon = org_map.get(q.subject.value) or ag_map.get(q.subject.value) or pay_map.get(q.subject.value) or q.subject.value
        quads.add(ox.Quad(ox.NamedNode(canon), q.predicate, q.object, res_graph))
    for old, new in {**org_map, **ag_map, **pay_map}.items():
        quads.add(ox.Quad(ox.NamedNode(new), ox.NamedNode(OWL_SAME_AS), ox.NamedNode(old), res_graph))
    merged_names: dict[str, dict[str, list]] = defaultdict(dict)
    merged_aliases: dict[str, set[str]] = defaultdict(set)
    for iri, o in orgs.items():
        canon = org_map.get(iri, iri)
        for n, (graphs, fd) in o["names"].items():
            cur = merged_names[canon].setdefault(n, [set(), ""])
            cur[0] |= graphs
            cur[1] = max(cur[1], fd)
        merged_aliases[canon] |= o["aliases"]
    name_keys = {c: {normalize_org_name(n) for n in names} - {""} for c, names in merged_names.items()}
    alias_keys = {c: {normalize_org_name(a) for a in merged_aliases[c] if _alias_usable(normalize_org_name(a), name_keys[c], a)}
                  for c in merged_names}
    key_owners: dict[str, int] = defaultdict(int)
    for c in merged_names:
        for k in name_keys[c] | alias_keys[c]:
            key_owners[k] += 1
    for canon, names in merged_names.items():
        node = ox.NamedNode(canon)
        quads.add(ox.Quad(node, ox.NamedNode(RDFS_LABEL), ox.Literal(_label(names)), res_graph))
        # lookup keys (skos:hiddenLabel: "accessible to free text search", not displayed):
        # every folded name, and aliases no other organization answers to.  Not
        # lic:normalizedName, which stays one value per document statement.
        keys = name_keys[canon] | {k for k in alias_keys[canon] if key_owners[k] == 1}
        for k in sorted(keys):
            quads.add(ox.Quad(node, ox.NamedNode(SKOS_HIDDEN), ox.Literal(k), res_graph))
    canon_ags = {a: info for a, info in ags.items() if a not in ag_map}
    for a, info in ags.items():  # fold merged agreements' facts into their canonical
        if a in ag_map:
            c = canon_ags[ag_map[a]]
            for key in ("graphs", "status", "dates", "subjects", "amends"):
                c[key] |= info[key]
    report.amends_links = _amends_links(canon_ags, {})
    for a, b in report.amends_links:
        quads.add(ox.Quad(ox.NamedNode(a), ox.NamedNode(LIC + "amends"), ox.NamedNode(b), res_graph))
    _apply(ox_store, [], sorted(quads, key=str))
    report.organizations_after = len(merged_names)
    report.agreements_after = len(canon_ags)
    return report
