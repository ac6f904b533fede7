"""What the deal explorer shows, read from the store: the deal list, one deal, one organization.

Reads: :func:`kg.analyze.load_deals` (kg.resolve's deal table, else the
``lic:`` triples) once, for the list and the filters; one resource's facts
by index lookups on its IRI (``quads_for_pattern``), never by text put into
SPARQL, so no request value can change a query.  Hands on plain dicts and
dataclasses to the templates (kg/serve/templates/).

Vocabulary shown: ``lic:Agreement`` (kind, status, dates, parties, terms,
``lic:amends``), ``lic:Payment``, ``lic:Evidence`` (``lic:quote``,
``lic:startOffset``, ``lic:endOffset``, ``lic:inDocument`` ->
``lic:sourcePath``), ``lic:Organization`` (docs/ARCHITECTURE.md).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from kg.analyze import Deal, load_deals
from kg.query import _py
from kg.store import Store

__all__ = ["DealFilter", "Explorer", "SORT_KEYS", "ID_BASE"]

LIC = "https://w3id.org/dealgraph/lic#"
ID_BASE = "https://w3id.org/dealgraph/id/"
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_RES = ox.NamedNode("https://w3id.org/dealgraph/id/resolution")

#: Sortable columns of the deal list -> the key they sort by.
SORT_KEYS = ("date", "kind", "status", "parties", "upfront", "value")

#: Agreement properties shown as "terms", in this order, with their labels (ontology/lic.ttl rdfs:label).
TERMS = (("title", "Title"), ("date", "Date"), ("effectiveDate", "Effective date"),
         ("expirationDate", "Expiration date"), ("exclusive", "Exclusive"), ("territory", "Territory"),
         ("fieldOfUse", "Field of use"), ("term", "Term"), ("renewalTerm", "Renewal term"),
         ("option", "Option"), ("governingLaw", "Governing law"))


def _p(local: str) -> ox.NamedNode:
    return ox.NamedNode(LIC + local)


@dataclass
class DealFilter:
    """The deal list's filters, sort and page, as parsed from the query string (bad values are dropped)."""

    org: str = ""            # part of a party's name (case-insensitive), or an organization IRI
    kind: str = ""
    status: str = ""
    year_from: int | None = None
    year_to: int | None = None
    min_upfront: Decimal | None = None
    currency: str = ""
    sort: str = "date"
    desc: bool = True
    page: int = 1
    per_page: int = 25

    @classmethod
    def parse(cls, q: Any) -> DealFilter:
        """From a mapping of query parameters (Starlette ``request.query_params``)."""
        def year(name: str) -> int | None:
            v = (q.get(name) or "").strip()
            return int(v) if v.isdigit() and len(v) == 4 else None

        minimum = None
        raw = (q.get("min_upfront") or "").replace(",", "").replace("_", "").strip()
        if raw:
            try:
                minimum = Decimal(raw)
                if not minimum.is_finite():
                    minimum = None
            except InvalidOperation:
                minimum = None
        page = q.get("page") or "1"
        sort = q.get("sort") or "date"
        return cls(org=(q.get("org") or "").strip()[:200], kind=(q.get("kind") or "").strip(),
                   status=(q.get("status") or "").strip(), year_from=year("year_from"), year_to=year("year_to"),
                   min_upfront=minimum, currency=(q.get("currency") or "").strip().upper()[:3],
                   sort=sort if sort in SORT_KEYS else "date", desc=(q.get("dir") or "desc") != "asc",
                   page=max(1, int(page)) if page.isdigit() else 1)


@dataclass
class Evidence:
    """A quoted sentence (``lic:Evidence``) with its source file and character offsets."""

    quote: str
    start: int | None = None
    end: int | None = None
    path: str | None = None
    form: str | None = None
    filing_date: str | None = None


@dataclass
class Payment:
    iri: str
    kind: str = ""
    amount: Decimal | None = None
    currency: str | None = None
    bound: str | None = None
    per: str | None = None
    rate: str | None = None
    redacted: bool = False
    description: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


class Explorer:
    """Read model of the explorer over one open store (read-only: a snapshot as of opening)."""

    def __init__(self, store: Store):
        self.store = store
        self.ox = store.ox
        self._deals: dict[str, Deal] | None = None
        self._orgs: dict[str, dict[str, Any]] = {}

    # -- the whole list
    def load(self) -> None:
        if self._deals is None:
            self._deals, self._orgs = load_deals(self.store)

    @property
    def deals(self) -> dict[str, Deal]:
        self.load()
        assert self._deals is not None
        return self._deals

    @property
    def orgs(self) -> dict[str, dict[str, Any]]:
        self.load()
        return self._orgs

    def org_name(self, iri: str) -> str:
        """The organization's display name (kg.resolve's label), else the IRI's last segment."""
        row = self.orgs.get(iri)
        if row and row.get("name"):
            return str(row["name"])
        for v in self._values(iri, _RDFS_LABEL):
            return str(v)
        for v in self._values(iri, _p("name")):
            return str(v)
        return iri.rsplit("/", 1)[-1]

    def choices(self) -> dict[str, list[str]]:
        """Values offered by the list's select boxes: kinds, statuses, currencies present in the store."""
        kinds, statuses, currencies = set(), set(), set()
        for d in self.deals.values():
            kinds.add(d.kind)
            if d.status:
                statuses.add(d.status)
            currencies.update(d.value, d.upfront)
        return {"kind": sorted(kinds), "status": sorted(statuses), "currency": sorted(currencies)}

    def filter_deals(self, f: DealFilter) -> tuple[list[Deal], int]:
        """The page of deals ``f`` selects, sorted, and how many match in all."""
        needle = f.org.casefold()
        out = []
        for d in self.deals.values():
            if f.kind and d.kind != f.kind or f.status and d.status != f.status:
                continue
            if f.year_from is not None and (d.year is None or d.year < f.year_from):
                continue
            if f.year_to is not None and (d.year is None or d.year > f.year_to):
                continue
            if f.currency and f.currency not in d.upfront and f.currency not in d.value:
                continue
            if f.min_upfront is not None:
                amounts = [d.upfront.get(f.currency)] if f.currency else list(d.upfront.values())
                if not any(a is not None and a >= f.min_upfront for a in amounts):
                    continue
            if needle:
                if needle.startswith(ID_BASE):
                    if f.org not in d.parties:
                        continue
                elif not any(needle in self.org_name(p).casefold() for p in d.parties):
                    continue
            out.append(d)
        key = self._sort_key(f)
        keyed = [(key(d), d) for d in sorted(out, key=lambda d: d.iri)]
        # deals without the sorted value (undated, no upfront) come last in either direction
        out = [d for k, d in sorted((x for x in keyed if x[0] is not None), key=lambda x: x[0], reverse=f.desc)]
        out += [d for k, d in keyed if k is None]
        start = (f.page - 1) * f.per_page
        return out[start:start + f.per_page], len(out)

    def _sort_key(self, f: DealFilter) -> Any:
        if f.sort == "parties":
            return lambda d: "; ".join(sorted(self.org_name(p).casefold() for p in d.parties))
        if f.sort in ("upfront", "value"):
            def money(d: Deal) -> Decimal | None:
                m = getattr(d, f.sort)
                return m.get(f.currency) if f.currency else max(m.values(), default=None)
            return money
        return lambda d: getattr(d, f.sort) or None

    # -- one resource
    def _quads(self, s: Any = None, p: Any = None, o: Any = None) -> list[ox.Quad]:
        return list(self.ox.quads_for_pattern(s, p, o, None))

    def _values(self, iri: str, prop: ox.NamedNode) -> list[Any]:
        """Distinct values of ``prop`` on ``iri`` over every graph, as plain Python values (sorted as text)."""
        vals = {q.object for q in self.ox.quads_for_pattern(ox.NamedNode(iri), prop, None, None)}
        return sorted((_py(v) for v in vals), key=str)

    def _one(self, iri: str, prop: str) -> Any:
        vals = self._values(iri, _p(prop))
        return vals[0] if vals else None

    def evidence(self, iri: str) -> list[Evidence]:
        """Every ``lic:evidence`` of a fact: quote, offsets, source path, form and filing date; by file and offset."""
        out = []
        for ev in self._values(iri, _p("evidence")):
            quote = self._one(ev, "quote")
            if quote is None:
                continue
            doc = self._one(ev, "inDocument")
            path = form = fdate = None
            if doc:
                path = self._one(doc, "sourcePath")
                filing = self._one(doc, "describes")
                if filing:
                    form, fdate = self._one(filing, "form"), self._one(filing, "filingDate")
            out.append(Evidence(str(quote), self._one(ev, "startOffset"), self._one(ev, "endOffset"),
                                path, form, None if fdate is None else str(fdate)))
        return sorted(out, key=lambda e: (e.path or "", e.start or 0))

    def deal(self, iri: str) -> dict[str, Any] | None:
        """Everything the deal page shows, or None when ``iri`` is no agreement."""
        node = ox.NamedNode(iri)
        if not self._quads(node, _p("agreementKind")):
            return None
        row = self.deals.get(iri)
        roles: dict[str, list[str]] = defaultdict(list)
        for local in ("licensor", "licensee", "party"):
            for org in self._values(iri, _p(local)):
                if local == "party" and roles.get(org):
                    continue
                roles[org].append(local)
        parties = sorted(({"iri": o, "name": self.org_name(o), "roles": r} for o, r in roles.items()),
                         key=lambda x: (x["roles"] == ["party"], x["name"].casefold()))
        terms = []
        for local, label in TERMS:
            vals = self._values(iri, _p(local))
            if vals:
                terms.append((label, vals))
        assets = [{"iri": a, "kind": local, "label": next(iter(self._values(a, _RDFS_LABEL)), a.rsplit("/", 1)[-1])}
                  for local in ("subject", "product") for a in self._values(iri, _p(local))]
        payments = [self._payment(p) for p in self._values(iri, _p("payment"))]
        payments.sort(key=lambda p: (p.kind, -(p.amount or 0), p.iri))
        amends = [self._link(a) for a in self._values(iri, _p("amends"))]
        amended_by = [self._link(q.subject.value) for q in self._quads(None, _p("amends"), node)]
        documents = sorted({q.graph_name.value for q in self._quads(node) if isinstance(q.graph_name, ox.NamedNode)
                            and q.graph_name != _RES})
        related = []  # other agreements between the same parties: the lifecycle by party set
        if row and len(row.parties) >= 2:
            for other in self.deals.values():
                if other.iri != iri and len(row.parties & other.parties) >= 2:
                    related.append(self._link(other.iri))
            related.sort(key=lambda x: (x["date"] or "", x["iri"]))
        return {"iri": iri, "kind": self._one(iri, "agreementKind"), "status": self._values(iri, _p("status")),
                "date": row.date if row else self._one(iri, "date"), "parties": parties, "terms": terms,
                "assets": assets, "payments": payments, "evidence": self.evidence(iri), "amends": amends,
                "amended_by": amended_by, "related": related,
                "documents": [(d, self._one(d, "sourcePath")) for d in documents],
                "upfront": row.upfront if row else {}, "value": row.value if row else {}}

    def _link(self, iri: str) -> dict[str, Any]:
        d = self.deals.get(iri)
        return {"iri": iri, "kind": d.kind if d else self._one(iri, "agreementKind"),
                "status": d.status if d else self._one(iri, "status"), "date": d.date if d else None,
                "parties": "; ".join(sorted(self.org_name(p) for p in d.parties)) if d else ""}

    def _payment(self, iri: str) -> Payment:
        amount = self._one(iri, "amount")
        return Payment(iri, str(self._one(iri, "paymentKind") or ""),
                       amount if isinstance(amount, Decimal) else None, self._one(iri, "currency"),
                       self._one(iri, "bound"), self._one(iri, "per"),
                       None if self._one(iri, "rate") is None else str(self._one(iri, "rate")),
                       bool(self._one(iri, "redacted")), self._one(iri, "description"), self.evidence(iri))

    def org(self, iri: str) -> dict[str, Any] | None:
        """Everything the organization page shows, or None when ``iri`` is no organization."""
        node = ox.NamedNode(iri)
        if iri not in self.orgs and not self._quads(node, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                                   _p("Organization")):
            return None
        deals = sorted((d for d in self.deals.values() if iri in d.parties),
                       key=lambda d: (d.date or "", d.iri), reverse=True)
        partners: Counter[str] = Counter()
        for d in deals:
            partners.update(p for p in d.parties if p != iri)
        info = dict(self.orgs.get(iri, {}))
        people = sorted({(str(self._one(q.subject.value, "name") or ""), str(self._one(q.subject.value, "title") or ""))
                         for q in self._quads(None, _p("memberOf"), node)})
        return {"iri": iri, "name": self.org_name(iri), "info": info,
                "aliases": [a for a in self._values(iri, _p("alias")) if a != self.org_name(iri)],
                "names": self._values(iri, _p("name")),
                "deals": [(d, "licensor" if iri in d.licensors else "licensee" if iri in d.licensees else "party")
                          for d in deals],
                "partners": [{"iri": p, "name": self.org_name(p), "deals": n}
                             for p, n in sorted(partners.items(), key=lambda x: (-x[1], self.org_name(x[0])))],
                "people": [p for p in people if p[0]],
                "evidence": self.evidence(iri)[:5]}

    def kind_of(self, iri: str) -> str | None:
        """'deal' or 'org' for an IRI the explorer has a page for, else None."""
        if iri in self.deals or self._quads(ox.NamedNode(iri), _p("agreementKind")):
            return "deal"
        if iri in self.orgs or self.org(iri) is not None:
            return "org"
        return None
