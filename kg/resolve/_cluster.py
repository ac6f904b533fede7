"""Clustering rules of kg.resolve (pure functions over facts read from the store)."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

from kg.names import normalize_org_name, strip_legal_suffix
from kg.xsd_dates import parse_date as _parse_date


#: Named graph holding what resolution derived: ``owl:sameAs`` (replaced IRIs), ``rdfs:label``
#: (display name), ``skos:hiddenLabel`` (folded lookup keys), ``lic:amends`` links, and the
#: deal table (``dgt:`` rows, :mod:`kg.resolve._table`).
RESOLUTION_GRAPH = "https://w3id.org/dealgraph/id/resolution"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_HIDDEN = "http://www.w3.org/2004/02/skos/core#hiddenLabel"

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
    #: single-valued fields merged documents disagreed on, one line each (kg.resolve._reconcile)
    resolved: list[str] = field(default_factory=list)
    #: quads this run added or removed in the store (records, rewrites, deal table): kg.compact counts them
    written: int = 0

    def __str__(self) -> str:
        return (f"organizations {self.organizations_before} -> {self.organizations_after}, "
                f"agreements {self.agreements_before} -> {self.agreements_after}, "
                f"{self.payments_merged} duplicate payments merged, {self.people_merged} people merged, "
                f"{len(self.amends_links)} amends links, "
                f"{len(self.conflicts)} conflicts, {len(self.resolved)} conflicting values reconciled")


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


def _dates_compatible(a: str | None, b: str | None) -> bool:
    """Two agreement dates can be one agreement's: one unstated, or within a month (an 8-K's
    signing date and a later filing's announcement date), ~45 days when one is a month only."""
    pa, pb = _parse_date(a), _parse_date(b)
    if pa is None or pb is None:
        return True
    slack = 45 if (pa[1] or pb[1]) else 31
    return abs((pa[0] - pb[0]).days) <= slack


def _roles_compatible(x: dict[str, Any], y: dict[str, Any]) -> bool:
    """Agreements stated with different licensors (or licensees) are different agreements,
    e.g. a licence and its cross-licence back between the same two companies."""
    return all(not x[k] or not y[k] or x[k] == y[k] for k in ("licensors", "licensees"))


def _canon_date(dates: set[str]) -> tuple:
    parsed = [p for p in (_parse_date(d) for d in dates) if p]
    if not parsed:
        return (True, date.max, True)
    d, month_only = min(parsed)
    return (False, d, month_only)


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
                         and _roles_compatible(ags[m], info) and (not ags[m]["subjects"] or not info["subjects"] or ags[m]["subjects"] & info["subjects"])
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
    by_parties: dict[frozenset, list[str]] = defaultdict(list)  # only agreements between the same parties compete
    for b, other in canon.items():
        by_parties[frozenset(other["parties"])].append(b)
    links = []
    for a, info in sorted(canon.items()):
        if not (info["status"] & _CHANGE_STATUSES) or info["amends"] or len(info["parties"]) < 2:
            continue
        when = min(info["dates"], default=None)
        best = None
        for b in by_parties[frozenset(info["parties"])]:
            other = canon[b]
            if b == a:
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


def _total(first: dict[str, str], second: dict[str, str]) -> dict[str, str]:
    """Raw IRI -> final canonical: ``first`` (organizations, agreements), then ``second`` (payments, people)."""
    total = {}
    for t in set(first) | set(second):
        t1 = first.get(t, t)
        t2 = second.get(t1, t1)
        if t2 != t:
            total[t] = t2
    return total
