"""The deal table: derived rows kg.resolve keeps next to its merges, for reads that touch every deal.

Why: at 100,000 deals an aggregate over the document graphs joins ~300,000
payment rows through the bag union of ~100,000 graphs (Oxigraph: ~3 µs per
joined row, 1.3-1.7 s per aggregate), and the analytics projection decodes
~1 M result cells (~9 s).  The table answers the same questions from a few
index scans.  It is a *materialized view*: written in the resolution graph
(:data:`kg.resolve.RESOLUTION_GRAPH`) by every resolve run, in the same
transaction as the merges it depends on, recomputed from the facts resolve
already holds for clustering (no extra store reads) and written as a diff.
Its vocabulary (:data:`DGT`, ``dgt:``) is not part of the ``lic:`` ontology, so
no shape or ``lic:`` query matches it.  The reference definitions are the plain
``lic:`` formulations: tests/test_deal_table.py proves the table equals them.

Rows (canonical IRIs, i.e. after this run's merges):

* ``<deal-table> a dgt:DealTable`` -- the marker: this store keeps a table.
* ``?agreement dgt:deal "{json}"^^rdf:JSON`` -- one per agreement with a
  ``lic:agreementKind`` and at least one party: ``kind``, ``status``, ``date``
  (the least stated), ``exclusive``, ``parties``/``licensors``/``licensees``
  (sorted IRIs), ``value``/``upfront`` (currency -> decimal text), exactly what
  :func:`kg.analyze.load_deals` reads from the ``lic:`` triples.
* ``?org dgt:organization "{json}"^^rdf:JSON`` -- ``name`` (the display label),
  least ``cik``, ``ticker``, ``exchange``, per ``lic:Organization`` with a name.
* ``?org dgt:licensorDeals n`` / ``dgt:licenseeDeals n`` -- distinct agreements
  naming the organization (which has a name) as ``lic:licensor`` / ``lic:licensee``.
* ``<deal-table/year/Y> dgt:year Y ; dgt:deals n ; dgt:value <…/Y/CUR>`` and
  ``<…/Y/CUR> dgt:currency CUR ; dgt:amount total`` -- the dated ``dgt:deal``
  agreements per year of their least date, and the sum of their disclosed values
  per currency (:func:`kg.analyze.per_year`).
* ``?payment dgt:upfront amount ; dgt:currency CUR ; dgt:agreement ?agreement``
  -- every upfront payment with an amount and a currency.

"Disclosed value" is :data:`VALUE_KINDS` payments with an ``xsd:decimal``
amount and no ``lic:per`` unit (royalties, loans and "$172.50 per share" are
not lump sums), summed over an agreement's distinct payments.
"""
from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from itertools import product
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from ._facts import Facts

#: Vocabulary of the deal table (derived data; not the lic: ontology).
DGT = "https://w3id.org/dealgraph/table#"
#: The table's marker node; year rows live under it.
TABLE = "https://w3id.org/dealgraph/id/deal-table"
#: Payment kinds that count toward an agreement's disclosed value (shapes/lic.ttl's closed set minus royalty and loan).
VALUE_KINDS = frozenset({"upfront", "milestone", "equity", "research-funding", "license-fee", "reimbursement", "other"})

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_JSON = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")
_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_DEC = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")


def _d(local: str) -> ox.NamedNode:
    return ox.NamedNode(DGT + local)


def _json(value: dict) -> ox.Literal:
    return ox.Literal(json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False), datatype=_JSON)


def _least(values: Any) -> Any:
    """The least of a property's values as SPARQL MIN orders them (text order across types); None if none."""
    vals = [v for v in values if v is not None and v != ""]
    if not vals:
        return None
    try:
        return min(vals)
    except TypeError:
        return min(vals, key=str)


def _dec(v: Decimal) -> str:
    """A decimal as xsd:decimal canonical-ish text (no exponent)."""
    text = format(v, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _members(mapping: dict[str, str], items: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for x in items:
        out[mapping.get(x, x)].append(x)
    return out


def _values(facts: Facts, pays: dict[str, list[str]]) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """(value, upfront) per currency over an agreement's distinct payments (canonical payment -> its raw IRIs,
    whose facts are pooled); each (kind, amount, currency, per) combination counts once, as a DISTINCT row would."""
    u = facts.union
    value: dict[str, Decimal] = {}
    upfront: dict[str, Decimal] = {}
    for raws in pays.values():
        def pooled(local: str) -> set:
            return {v for r in raws for v in u[local].get(r, ())}
        kinds = {k for k in pooled("paymentKind") if k in VALUE_KINDS}
        amounts = {a for a in pooled("amount") if type(a) is Decimal}
        if not kinds or not amounts:
            continue
        pers = pooled("per") or {None}
        for kind, amount, currency, per in product(kinds, amounts, pooled("currency"), pers):
            if per is None or per == "":
                value[currency] = value.get(currency, Decimal(0)) + amount
            if kind == "upfront":
                upfront[currency] = upfront.get(currency, Decimal(0)) + amount
    return value, upfront


def table_quads(facts: Facts, ags: dict[str, dict[str, Any]], ag_map: dict[str, str], org_map: dict[str, str],
                pay_map: dict[str, str], org_labels: dict[str, str], graph: ox.NamedNode) -> set[ox.Quad]:
    """The deal table's quads in ``graph`` (see the module docstring).

    ``ags``: :func:`kg.resolve._facts.agreement_facts` (raw agreement IRI -> facts, parties
    already canonical); ``org_labels``: canonical organization -> display label.
    """
    u = facts.union
    out: set[ox.Quad] = {ox.Quad(ox.NamedNode(TABLE), _RDF_TYPE, _d("DealTable"), graph)}

    def add(s: str, p: str, o: Any) -> None:
        out.add(ox.Quad(ox.NamedNode(s), _d(p), o, graph))

    # organizations
    members = _members(org_map, (o for o, _ in facts.typed["Organization"]))
    for canon, label in org_labels.items():
        raws = members.get(canon, [canon])
        row: dict[str, Any] = {"name": label}
        for key in ("cik", "ticker", "exchange"):
            least = _least(v for r in raws for v in u[key].get(r, ()))
            if least is not None:
                row[key] = str(least)
        add(canon, "organization", _json(row))

    # agreements: pool each canonical agreement's members
    by_canon = _members(ag_map, ags)
    years: dict[int, set[str]] = defaultdict(set)
    year_value: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for canon, raws in sorted(by_canon.items()):
        infos = [ags[r] for r in raws]
        parties = set().union(*(i["parties"] | i["licensors"] | i["licensees"] for i in infos))
        pays = _members(pay_map, {p for r in raws for p in u["payment"].get(r, ())})
        value, upfront = _values(facts, pays)
        date = _least(str(d) for i in infos for d in i["dates"])
        year = int(date[:4]) if date and date[:4].isdigit() else None
        if parties and year is not None:  # the deals kg.analyze.per_year counts
            years[year].add(canon)
            for cur, amount in value.items():
                year_value[(year, cur)] += amount
        if parties:
            row = {"kind": _least(i["kind"] for i in infos),
                   "status": _least(s for i in infos for s in i["status"]),
                   "date": date,
                   "exclusive": _least(v for r in raws for v in u["exclusive"].get(r, ())),
                   "parties": sorted(parties),
                   "licensors": sorted(set().union(*(i["licensors"] for i in infos))),
                   "licensees": sorted(set().union(*(i["licensees"] for i in infos))),
                   "value": {c: _dec(v) for c, v in sorted(value.items())},
                   "upfront": {c: _dec(v) for c, v in sorted(upfront.items())}}
            add(canon, "deal", _json({k: v for k, v in row.items() if v is not None}))
        for canon_pay, raw_pays in pays.items():
            pooled = {local: {v for r in raw_pays for v in u[local].get(r, ())} for local in ("paymentKind", "amount", "currency")}
            if "upfront" not in pooled["paymentKind"]:
                continue
            for amount, currency in product(pooled["amount"], pooled["currency"]):
                add(canon_pay, "upfront", _literal(amount))
                add(canon_pay, "currency", ox.Literal(str(currency)))
            if pooled["amount"] and pooled["currency"]:
                add(canon_pay, "agreement", ox.NamedNode(canon))

    # counts per role: every subject of lic:licensor / lic:licensee (any agreement), named organizations only
    for local in ("licensor", "licensee"):
        deals: dict[str, set[str]] = defaultdict(set)
        for a, orgs in u[local].items():
            for o in orgs:
                deals[org_map.get(o, o)].add(ag_map.get(a, a))
        for org, agreements in deals.items():
            if org in org_labels:
                add(org, local + "Deals", ox.Literal(str(len(agreements)), datatype=_INT))

    for year, agreements in years.items():
        node = f"{TABLE}/year/{year}"
        add(node, "year", ox.Literal(str(year), datatype=_INT))
        add(node, "deals", ox.Literal(str(len(agreements)), datatype=_INT))
    for (year, cur), amount in year_value.items():
        node = f"{TABLE}/year/{year}/{quote(str(cur), safe='')}"
        add(f"{TABLE}/year/{year}", "value", ox.NamedNode(node))
        add(node, "currency", ox.Literal(str(cur)))
        add(node, "amount", ox.Literal(_dec(amount), datatype=_DEC))
    return out


def _literal(v: Any) -> ox.Literal:
    """A plain value read by kg.resolve._facts back as the literal it came from (numbers keep their type)."""
    if isinstance(v, bool):
        return ox.Literal("true" if v else "false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(v, Decimal):
        return ox.Literal(_dec(v), datatype=_DEC)
    if isinstance(v, int):
        return ox.Literal(str(v), datatype=_INT)
    if isinstance(v, float):
        return ox.Literal(repr(v), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))
    return ox.Literal(str(v))


__all__ = ["DGT", "TABLE", "VALUE_KINDS", "table_quads"]
