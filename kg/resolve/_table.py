"""The deal table: derived rows kg.resolve keeps next to its merges, for reads that touch every deal.

Why: at 100,000 deals an aggregate over the document graphs joins ~300,000
payment rows through the bag union of ~100,000 graphs (Oxigraph: ~3 µs per
joined row, 1.3-1.7 s per aggregate), and the analytics projection decodes
~1 M result cells (~9 s).  The table answers the same questions from a few
index scans.  It is a *materialized view*: written in the resolution graph
(:data:`kg.resolve.RESOLUTION_GRAPH`) by every resolve run, recomputed from the
facts resolve already holds for clustering (no extra store reads) and written
as a diff of N-Triples lines after the merges, its additions by Oxigraph's
bulk loader.  Not atomic: the table is recomputed in full on every run, a run
killed while writing it leaves the store marked stale (the next build rewrites
whatever differs), and the marker row is written last (:func:`is_table_row`
tells its rows apart).
Its vocabulary (:data:`DGT`, ``dgt:``) is not part of the ``lic:`` ontology, so
no shape or ``lic:`` query matches it.  The reference definitions are the plain
``lic:`` formulations: tests/test_deal_table.py proves the table equals them.

Rows (canonical IRIs, i.e. after this run's merges):

* ``<deal-table> a dgt:DealTable2`` -- the marker: this store keeps a table of this format
  (:data:`MARKER_CLASS`; an older format's marker is dropped by the next full resolve).
* ``?agreement dgt:deal "{json}"^^rdf:JSON`` -- one per agreement with a
  ``lic:agreementKind`` and at least one party: ``kind``, ``status``, ``date``
  (the least stated), ``exclusive``, ``parties``/``licensors``/``licensees``
  (sorted IRIs), ``value``/``upfront`` (currency -> decimal text), exactly what
  :func:`kg.analyze.load_deals` reads from the ``lic:`` triples.
* ``?agreement dgt:partyNames "A; B"`` -- the display labels of its ``lic:party``
  organizations, sorted, joined by "; " (what the listing queries show).
* ``?org dgt:organization "{json}"^^rdf:JSON`` -- ``name`` (the display label),
  least ``cik``, ``ticker``, ``exchange``, per ``lic:Organization`` with a name.
* ``?org dgt:licensorDeals n`` / ``dgt:licenseeDeals n`` -- distinct agreements
  naming the organization (which has a name) as ``lic:licensor`` / ``lic:licensee``.
* ``<deal-table/year/Y> dgt:year Y ; dgt:deals n ; dgt:value <…/Y/CUR>`` and
  ``<…/Y/CUR> dgt:currency CUR ; dgt:amount total`` -- the dated ``dgt:deal``
  agreements per year of their least date, and the sum of their disclosed values
  per currency (:func:`kg.analyze.per_year`).
* ``?org dgt:partner ?other`` -- the two are ``lic:party`` of one agreement (both directions; any
  party, people signing as one included): what two_hop_partners.rq joins instead of every
  document's ``lic:party`` statements (100k deals: ~160,000 rows against ~290,000 joined rows of
  agreements for a popular organization's partners of partners; 6.7 s -> 3.4 s).
* ``?payment dgt:upfront amount`` -- every upfront payment's amount (queries look
  its currency and agreement up in the ``lic:`` triples, for the rows they keep).
* ``<deal-table/upfront-row/H> dgt:upfrontAmount amount ; dgt:upfrontRow "packed"`` -- one
  per (currency, agreement with a kind, upfront amount): every column upfront_above.rq
  shows, packed in one literal (:func:`_upfront_rows`).
* ``?org dgt:licensorRank n`` / ``dgt:licenseeRank n`` -- its place in the
  ranking by deals (most first), then display label, then IRI.
* ``?technology dgt:label "text" ; dgt:labelRank n`` -- the technology's least ``rdfs:label``
  (``MIN``: documents restate it) and its dense rank (1 = first) among the least labels of all
  ``lic:subject`` technologies; ``?org dgt:name "text" ; dgt:nameRank n`` -- the name a query
  shows for an organization (or another party): its kg.resolve label, else its greatest
  ``lic:name``, and its dense rank.  Read from here, a query does not group every restated
  label or name again.  Equal texts share a rank, so ``ORDER BY`` on the rank gives
  the order of the texts (code point order, as Oxigraph compares strings) while comparing
  integers: Oxigraph re-reads a string from the store at every comparison of a sort
  (same_technology_as.rq at 10k deals: 1.1 s sorted by strings, 0.46 s by ranks, 0.38 s unsorted).
* ``<deal-table/upfront/CUR> dgt:currency CUR ; dgt:topThreshold amount`` -- the
  amount of the currency's :data:`TOP_UPFRONTS`-th biggest distinct (agreement,
  amount) upfront: every row of biggest_upfronts.rq is at or above it.

"Disclosed value" is :data:`VALUE_KINDS` payments with an ``xsd:decimal``
amount and no ``lic:per`` unit (royalties, loans and "$172.50 per share" are
not lump sums), summed over an agreement's distinct payments.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from decimal import Decimal
from itertools import product
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from kg.query import oxigraph_store

from ._cluster import RESOLUTION_GRAPH, _total
from ._facts import Facts

#: Vocabulary of the deal table (derived data; not the lic: ontology).
DGT = "https://w3id.org/dealgraph/table#"
#: The table's marker node; year rows live under it.
TABLE = "https://w3id.org/dealgraph/id/deal-table"
#: Payment kinds that count toward an agreement's disclosed value (shapes/lic.ttl's closed set minus royalty and loan).
VALUE_KINDS = frozenset({"upfront", "milestone", "equity", "research-funding", "license-fee", "reimbursement", "other"})

#: biggest_upfronts.rq lists this many; the table keeps each currency's threshold amount for it.
TOP_UPFRONTS = 20

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"
_INT, _DEC, _STRING = _XSD + "integer", _XSD + "decimal", _XSD + "string"


#: One encoder for every row (json.dumps with options builds a new encoder per call).
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def _json(value: dict) -> str:
    return _ENCODER.encode(value)  # keys in the fixed order rows are built


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
    u_kind, u_amount, u_currency, u_per = u["paymentKind"], u["amount"], u["currency"], u["per"]
    value: dict[str, Decimal] = {}
    upfront: dict[str, Decimal] = {}
    for raws in pays.values():
        kinds = {k for r in raws for k in u_kind.get(r, ()) if k in VALUE_KINDS}
        if not kinds:
            continue
        amounts = {a for r in raws for a in u_amount.get(r, ()) if type(a) is Decimal}
        if not amounts:
            continue
        currencies = {c for r in raws for c in u_currency.get(r, ())}
        pers = {p for r in raws for p in u_per.get(r, ())} or {None}
        for kind, amount, currency, per in product(kinds, amounts, currencies, pers):
            if per is None or per == "":
                value[currency] = value.get(currency, Decimal(0)) + amount
            if kind == "upfront":
                upfront[currency] = upfront.get(currency, Decimal(0)) + amount
    return value, upfront


# N-Triples escaping exactly as Oxigraph writes it (so that a row read back compares equal):
# \t \b \n \r \f \" \\ by name, other controls as \uXXXX.
_ESCAPES = {i: f"\\u{i:04X}" for i in [*range(0x20), 0x7F]}
_ESCAPES.update({0x09: "\\t", 0x08: "\\b", 0x0A: "\\n", 0x0D: "\\r", 0x0C: "\\f", 0x22: '\\"', 0x5C: "\\\\"})


_CONTROL = re.compile("[\x00-\x1f\x7f]")
_CONTROL_NOT_TAB = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def nt_line(s: str, p: str, lexical: str, datatype: str) -> str:
    """One table row as the N-Triples line Oxigraph dumps for it (datatype "" = the object is an IRI)."""
    if not datatype:
        return f"<{s}> <{p}> <{lexical}> ."
    text = lexical.replace("\\", "\\\\").replace('"', '\\"') if '"' in lexical or "\\" in lexical else lexical
    if _CONTROL.search(lexical):  # tabs alone (dgt:upfrontRow's separator) by replace: translate is ~5x slower
        text = lexical.translate(_ESCAPES) if _CONTROL_NOT_TAB.search(lexical) else text.replace("\t", "\\t")
    if datatype == _STRING:
        return f'<{s}> <{p}> "{text}" .'
    return f'<{s}> <{p}> "{text}"^^<{datatype}> .'


#: The row marking a store that keeps a table (written last by kg.resolve).
#: The marker's class names the table's format: a store whose table lacks rows this code reads (one
#: built before dgt:upfrontRow) has no current marker, so queries refuse it and ``kg build`` resolves
#: it in full (a query would otherwise answer nothing from the missing rows).  2: dgt:upfrontRow;
#: 3: dgt:partner.
MARKER_CLASS = DGT + "DealTable3"
MARKER = nt_line(TABLE, _RDF_TYPE.value, MARKER_CLASS, "")
_TABLE_PREDICATE = f" <{DGT}"


def has_table(store: Any) -> bool:
    """True if ``store`` (kg.store.Store or pyoxigraph Store) keeps a deal table: its marker row is there."""
    marker = ox.Quad(ox.NamedNode(TABLE), _RDF_TYPE, ox.NamedNode(MARKER_CLASS), ox.NamedNode(RESOLUTION_GRAPH))
    return marker in oxigraph_store(store)


def is_table_row(line: str) -> bool:
    """True for an N-Triples line of the deal table (a ``dgt:`` predicate, or the marker)."""
    return _TABLE_PREDICATE in line[:line.index("> ") + len(_TABLE_PREDICATE) + 1] or line == MARKER


def table_rows(facts: Facts, ags: dict[str, dict[str, Any]], ag_map: dict[str, str], org_map: dict[str, str],
               pay_map: dict[str, str], org_labels: dict[str, str],
               tech_labels: dict[str, str] | None = None) -> set[str]:
    """The deal table (see the module docstring) as N-Triples lines (:func:`nt_line`): plain strings, so that
    250,000 rows at 100k deals cost tens of MB, and kg.resolve diffs them against a dump of the store.

    ``ags``: :func:`kg.resolve._facts.agreement_facts` (raw agreement IRI -> facts, parties
    already canonical); ``org_labels``: canonical organization -> display label;
    ``tech_labels``: technology IRI -> its least ``rdfs:label`` (:func:`tech_labels`).
    """
    u = facts.union
    out: set[str] = {MARKER}

    def add(s: str, p: str, lexical: str, datatype: str) -> None:
        out.add(nt_line(s, DGT + p, lexical, datatype))

    def add_int(s: str, p: str, n: int) -> None:  # nt_line's result for an xsd:integer, without its checks
        out.add(f'<{s}> <{DGT}{p}> "{n}"^^<{_INT}> .')

    # partners: every ordered pair of distinct co-parties of an agreement, as the documents state them
    # after this run's substitution (organizations and agreements, then payments and people)
    total = _total({**org_map, **ag_map}, pay_map)
    co_parties: dict[str, set[str]] = defaultdict(set)
    for a, parties in u["party"].items():
        co_parties[total.get(a, a)].update(total.get(p, p) for p in parties)
    for parties in co_parties.values():
        if len(parties) > 1:
            out.update(f"<{p}> <{DGT}partner> <{o}> ." for p in parties for o in parties if p != o)
    del co_parties

    # organizations
    members = _members(org_map, (o for o, _ in facts.typed["Organization"]))
    for canon, label in org_labels.items():
        raws = members.get(canon, [canon])
        row: dict[str, Any] = {"name": label}
        for key in ("cik", "ticker", "exchange"):
            least = _least(v for r in raws for v in u[key].get(r, ()))
            if least is not None:
                row[key] = str(least)
        add(canon, "organization", _json(row), _JSON)

    # agreements: pool each canonical agreement's members
    by_canon = _members(ag_map, ags)
    years: dict[int, set[str]] = defaultdict(set)
    year_value: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    upfronts: dict[str, set[tuple[Decimal, str]]] = defaultdict(set)  # currency -> (amount, agreement)
    # canonical agreement -> canonical payment -> its raw payments (one pass over lic:payment)
    pays_of: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for a, pays in u["payment"].items():
        by_pay = pays_of[ag_map.get(a, a)]
        for p in pays:
            raw_list = by_pay[pay_map.get(p, p)]
            if p not in raw_list:
                raw_list.append(p)
    rows_of: list[tuple] = []  # (payment, amount, currency, agreement, date, kind, bound, party names)
    u_exclusive, u_kind, u_amount, u_currency, u_bound = (u[k] for k in ("exclusive", "paymentKind", "amount",
                                                                            "currency", "bound"))
    no_pays: dict[str, list[str]] = {}
    for canon, raws in by_canon.items():
        infos = [ags[r] for r in raws]
        if len(infos) == 1:  # most agreements are stated once: no pooling of members
            info = infos[0]
            licensors, licensees = info["licensors"], info["licensees"]
            parties = info["parties"] | licensors | licensees
            party_orgs = info["parties"]
            date = _least([str(d) for d in info["dates"]])
            kind = _least([info["kind"]])
            status = _least(info["status"])
        else:
            licensors = set().union(*(i["licensors"] for i in infos))
            licensees = set().union(*(i["licensees"] for i in infos))
            party_orgs = set().union(*(i["parties"] for i in infos))
            parties = party_orgs | licensors | licensees
            date = _least([str(d) for i in infos for d in i["dates"]])
            kind = _least([i["kind"] for i in infos])
            status = _least([s for i in infos for s in i["status"]])
        pays = pays_of.get(canon, no_pays)
        value, upfront = _values(facts, pays) if pays else ({}, {})
        year = int(date[:4]) if date and date[:4].isdigit() else None
        names = ""
        if parties:
            if year is not None:  # the deals kg.analyze.per_year counts
                years[year].add(canon)
                for cur, amount in value.items():
                    year_value[(year, cur)] += amount
            row = {"kind": kind, "status": status, "date": date,
                   "exclusive": _least([v for r in raws for v in u_exclusive.get(r, ())]),
                   "parties": sorted(parties), "licensors": sorted(licensors), "licensees": sorted(licensees),
                   "value": {c: _dec(v) for c, v in sorted(value.items())},
                   "upfront": {c: _dec(v) for c, v in sorted(upfront.items())}}
            add(canon, "deal", _json({k: v for k, v in row.items() if v is not None}), _JSON)
            labels = sorted({org_labels[o] for o in party_orgs if o in org_labels})
            if labels:
                names = "; ".join(labels)
                add(canon, "partyNames", names, _STRING)
        for canon_pay, raw_pays in pays.items():
            if any("upfront" in u_kind.get(r, ()) for r in raw_pays):
                amounts = {v for r in raw_pays for v in u_amount.get(r, ())}
                for amount in amounts:
                    add(canon_pay, "upfront", *_literal(amount))
                bound = _least([v for r in raw_pays for v in u_bound.get(r, ())])
                for amount, cur in product(amounts, {v for r in raw_pays for v in u_currency.get(r, ())}):
                    if isinstance(amount, (Decimal, int, float)) and not isinstance(amount, bool):
                        upfronts[str(cur)].add((Decimal(amount), canon))
                        if kind is not None:  # upfront_above.rq lists agreements with a kind
                            rows_of.append((canon_pay, amount, str(cur), canon, date, kind, bound, names))

    # one packed row per (currency, agreement, upfront amount): upfront_above.rq reads it
    for row in _upfront_rows(rows_of):
        add(*row)

    # per role: deal counts and rank (deals desc, then display label, then IRI)
    for local in ("licensor", "licensee"):
        deals: dict[str, set[str]] = defaultdict(set)
        for a, orgs in u[local].items():
            for o in orgs:
                deals[org_map.get(o, o)].add(ag_map.get(a, a))
        named = sorted((o for o in deals if o in org_labels), key=lambda o: (-len(deals[o]), org_labels[o], o))
        for rank, org in enumerate(named, 1):
            add_int(org, local + "Deals", len(deals[org]))
            add_int(org, local + "Rank", rank)

    # per currency: the amount of the TOP_UPFRONTS-th biggest distinct (agreement, amount) upfront
    for cur, pairs in upfronts.items():
        node = f"{TABLE}/upfront/{quote(cur, safe='')}"
        top = sorted(pairs, key=lambda t: (-t[0], t[1]))[:TOP_UPFRONTS]
        add(node, "currency", cur, _STRING)
        add(node, "topThreshold", _dec(top[-1][0]), _DEC)

    # sort keys: dense ranks of technology labels and organization display names
    for pred, texts in (("label", tech_labels or {}), ("name", _org_names(facts, org_map, org_labels))):
        rank = {t: i for i, t in enumerate(sorted(set(texts.values())), 1)}
        for node, text in texts.items():
            add(node, pred, text, _STRING)
            add_int(node, pred + "Rank", rank[text])

    for year, agreements in years.items():
        node = f"{TABLE}/year/{year}"
        add_int(node, "year", year)
        add_int(node, "deals", len(agreements))
    for (year, cur), amount in year_value.items():
        node = f"{TABLE}/year/{year}/{quote(str(cur), safe='')}"
        add(f"{TABLE}/year/{year}", "value", node, "")
        add(node, "currency", str(cur), _STRING)
        add(node, "amount", _dec(amount), _DEC)
    return out


#: Field separator of ``dgt:upfrontRow`` (no field but the last, the party names, can hold a tab).
ROW_SEP = "\t"


def _upfront_rows(rows: list[tuple]) -> list[tuple[str, str, str, str]]:
    """One row node per (currency, agreement, upfront amount), what upfront_above.rq lists:
    ``<deal-table/upfront-row/H> dgt:upfrontAmount amount ; dgt:upfrontRow "currency TAB rank TAB
    agreement TAB date TAB kind TAB bound TAB parties"``.

    Why packed: the query scans the amounts, then looks up ONE literal per row; each further
    index lookup cost ~5 µs of CPU a row (10k deals, compacted), and the old formulation made
    seven of them.  ``rank``: the row's place in the currency's order by amount descending,
    then agreement IRI (code point order, as Oxigraph sorts IRIs), so the query sorts integers.
    ``bound``: the least ``lic:bound`` of the group's payments; missing values are empty fields.
    """
    groups: dict[tuple[str, Decimal, str], list[tuple]] = defaultdict(list)
    for row in rows:
        _, amount, cur, agreement, *_ = row
        groups[(cur, Decimal(amount), agreement)].append(row)
    order: dict[str, list[tuple[Decimal, str]]] = defaultdict(list)
    for cur, amount, agreement in groups:
        order[cur].append((amount, agreement))
    rank = {cur: {k: i for i, k in enumerate(sorted(keys, key=lambda t: (-t[0], t[1])), 1)}
            for cur, keys in order.items()}
    out = []
    for (cur, amount, agreement), members in groups.items():
        _, raw_amount, _, _, date, kind, _, names = members[0]
        bound = _least([m[6] for m in members])
        lexical, datatype = _literal(raw_amount)
        node = f"{TABLE}/upfront-row/" + hashlib.sha256(f"{cur}\n{agreement}\n{lexical}".encode()).hexdigest()[:24]
        fields = (cur, str(rank[cur][(amount, agreement)]), agreement, date or "", str(kind),
                  "" if bound is None else str(bound), names)
        out.append((node, "upfrontAmount", lexical, datatype))
        out.append((node, "upfrontRow", ROW_SEP.join(fields), _STRING))
    return out


def _org_names(facts: Facts, org_map: dict[str, str], org_labels: dict[str, str]) -> dict[str, str]:
    """Organization -> the name the queries show: its kg.resolve label, else its greatest ``lic:name``
    (``COALESCE(MAX(?label), MAX(STR(?name)))``), for every organization and every other party with a name."""
    names = dict(org_labels)
    u = facts.union
    for local in ("party", "licensor", "licensee"):  # the nodes queries name (people sign too)
        for values in u[local].values():
            for node in values:
                if node not in names and node not in org_map and u["name"][node]:
                    names[node] = max(str(v) for v in u["name"][node])
    return names


def tech_labels(facts: Facts) -> dict[str, str]:
    """Technology (``lic:subject`` value) -> its least ``rdfs:label`` over the documents (``MIN(?label)``)."""
    labels = facts.union["label"]
    out: dict[str, str] = {}
    for values in facts.union["subject"].values():
        for t in values:
            if isinstance(t, str) and t not in out and labels[t]:
                out[t] = min(str(v) for v in labels[t])
    return out


def _literal(v: Any) -> tuple[str, str]:
    """A plain value read by kg.resolve._facts as the (lexical form, datatype) it came from (numbers keep their type)."""
    if isinstance(v, bool):
        return ("true" if v else "false"), _XSD + "boolean"
    if isinstance(v, Decimal):
        return _dec(v), _DEC
    if isinstance(v, int):
        return str(v), _INT
    if isinstance(v, float):
        return repr(v), _XSD + "double"
    return str(v), _STRING


__all__ = ["DGT", "MARKER", "MARKER_CLASS", "TABLE", "has_table", "TOP_UPFRONTS", "VALUE_KINDS", "is_table_row", "nt_line", "table_rows",
           "tech_labels"]
