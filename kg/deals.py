"""The deal table: one row per ``lic:Agreement``, with the columns deal databases give.

Built from the store's facts: the agreement rows :func:`kg.analyze.load_deals`
reads (kg.resolve's deal table, ``dgt:deal``, or the ``lic:`` triples of a
store that keeps none) and four grouped reads of ``lic:`` terms (payments,
agreement terms, evidence, source documents).  The columns (:data:`COLUMNS`,
in order) and what fills them:

* when and what: ``date`` (the least ``lic:date``; a month-only date stands for
  its first day and ``date_precision`` says "month"), ``year``, ``kind``
  (``lic:agreementKind``), ``status`` (``lic:status``);
* who: ``parties``, ``licensor``, ``licensee`` (display names joined by "; "),
  ``filer`` (``lic:filer`` of the filing that states the agreement);
* money, all in ``currency`` (an ISO 4217 code).  An agreement whose amounts are
  in several currencies has ``currency`` = "EUR; USD" and empty amount columns:
  amounts are never added across currencies; ``value_by_currency`` has each
  currency's total.

  - ``upfront_cash``: ``upfront`` payments; ``upfront_equity``: ``equity``
    payments stated as money;
  - ``milestones_total``: ``milestone`` payments as lump sums; when the only
    milestones are per unit ("up to $40 million per antigen target") it is the
    biggest per-unit amount and ``milestones_per`` names the unit;
    ``milestones_dev_reg`` / ``milestones_sales``: the part the text calls
    development/regulatory or sales milestones (:func:`milestone_class`);
  - ``royalty``: True when a ``royalty`` payment is stated; ``royalty_rate``: its
    ``lic:rate`` ("1.5%", "tiered, up to the mid-teens");
  - ``total_value``: upfront cash plus lump-sum milestones (the headline deal
    value; equity, fees, funding and per-unit amounts are in their own columns
    or left out);
  - ``upfront_undisclosed``: an upfront payment is stated without its amount;
    ``redacted``: a payment's amount is redacted (``lic:redacted``);
* terms: ``territory``, ``exclusive``, ``field`` (``lic:fieldOfUse``),
  ``term_years``, ``renewal_years`` (from ``lic:term`` / ``lic:renewalTerm``);
* source: ``form``, ``filing_date``, ``source_file`` (earliest filing first),
  ``evidence`` (the agreement's quoted sentence) and the ``agreement`` IRI.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date as _date
from decimal import Decimal
from typing import Any, Iterable

from kg.analyze import load_deals
from kg.errors import QueryError
from kg.extract.money import find_money
from kg.names import normalize_org_name
from kg.query import LIC, run_sparql
from kg.xsd_dates import parse_date

__all__ = ["COLUMNS", "TABLE_COLUMNS", "MONEY_COLUMNS", "DATE_COLUMNS", "DealRow", "deal_rows", "filter_rows", "select", "write_deals",
           "milestone_class", "resolve_org", "duration_years"]

#: Column names of the deal table, in order (CSV header, XLSX header, DataFrame columns).
COLUMNS: tuple[str, ...] = (
    "date", "date_precision", "year", "kind", "status",
    "parties", "licensor", "licensee", "filer",
    "currency", "upfront_cash", "upfront_equity", "milestones_total", "milestones_dev_reg", "milestones_sales",
    "milestones_per", "royalty", "royalty_rate", "total_value", "value_by_currency",
    "upfront_undisclosed", "redacted",
    "territory", "exclusive", "field", "term_years", "renewal_years",
    "form", "filing_date", "source_file", "evidence", "agreement",
)
#: Columns holding amounts in ``currency`` (money number format in XLSX).
MONEY_COLUMNS = frozenset({"upfront_cash", "upfront_equity", "milestones_total", "milestones_dev_reg",
                           "milestones_sales", "total_value"})
#: Columns holding :class:`datetime.date` values.
DATE_COLUMNS = frozenset({"date", "filing_date"})

_PREFIX = f"PREFIX lic: <{LIC}>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
_PAYMENTS = _PREFIX + """
SELECT DISTINCT ?a ?p ?kind ?amount ?currency ?per ?rate ?redacted ?quote WHERE {
  ?a lic:payment ?p . ?p lic:paymentKind ?kind .
  OPTIONAL { ?p lic:amount ?amount FILTER(DATATYPE(?amount) = xsd:decimal) }
  OPTIONAL { ?p lic:currency ?currency }
  OPTIONAL { ?p lic:per ?per }
  OPTIONAL { ?p lic:rate ?rate }
  OPTIONAL { ?p lic:redacted ?redacted }
  OPTIONAL { ?p lic:evidence/lic:quote ?quote }
}"""
_TERMS = _PREFIX + """
SELECT DISTINCT ?a ?prop ?value WHERE {
  VALUES ?prop { lic:territory lic:fieldOfUse lic:term lic:renewalTerm }
  ?a lic:agreementKind ?k ; ?prop ?v . BIND(STR(?v) AS ?value)
}"""
_EVIDENCE = _PREFIX + """
SELECT ?a (MIN(?q) AS ?quote) WHERE { ?a lic:agreementKind ?k ; lic:evidence/lic:quote ?q } GROUP BY ?a"""
_SOURCES = _PREFIX + """
SELECT DISTINCT ?a ?path ?form ?fd ?filer WHERE {
  GRAPH ?g { ?a lic:agreementKind ?k }
  OPTIONAL { ?g lic:sourcePath ?path }
  OPTIONAL { ?g lic:describes ?f .
             OPTIONAL { ?f lic:form ?form } OPTIONAL { ?f lic:filingDate ?d BIND(STR(?d) AS ?fd) }
             OPTIONAL { ?f lic:filer ?filer } }
}"""
_ORG_KEYS = _PREFIX + """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?key ?org WHERE { ?org lic:normalizedName|skos:hiddenLabel ?key }"""


@dataclass
class DealRow:
    """One row of the deal table; attribute names are :data:`COLUMNS`."""

    agreement: str
    date: _date | None = None
    date_precision: str | None = None
    year: int | None = None
    kind: str | None = None
    status: str | None = None
    parties: str = ""
    licensor: str = ""
    licensee: str = ""
    filer: str = ""
    currency: str | None = None
    upfront_cash: Decimal | None = None
    upfront_equity: Decimal | None = None
    milestones_total: Decimal | None = None
    milestones_dev_reg: Decimal | None = None
    milestones_sales: Decimal | None = None
    milestones_per: str | None = None
    royalty: bool = False
    royalty_rate: str | None = None
    total_value: Decimal | None = None
    value_by_currency: str = ""
    upfront_undisclosed: bool = False
    redacted: bool = False
    territory: str | None = None
    exclusive: bool | None = None
    field: str | None = None
    term_years: Decimal | None = None
    renewal_years: Decimal | None = None
    form: str | None = None
    filing_date: _date | None = None
    source_file: str | None = None
    evidence: str | None = None
    # organizations (IRIs) for filtering; not a column
    _orgs: frozenset = frozenset()

    def values(self) -> tuple:
        """The row's values in :data:`COLUMNS` order."""
        return tuple(getattr(self, c) for c in COLUMNS)

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(COLUMNS, self.values()))


# --------------------------------------------------------------- milestone kinds

# Words that make a milestone a development/regulatory one (clinical events, filings,
# approvals, a first commercial sale, which deal databases count as a launch milestone) or
# a sales one (sales thresholds, commercial milestones).  Why: press releases and 10-K notes
# split "up to $X in development and regulatory milestones and up to $Y in sales milestones".
_FIRST_SALE = re.compile(r"\bfirst[\s-]+(?:commercial[\s-]+)?sales?\b", re.I)
_DEV_REG = re.compile(r"\b(?:development(?:al)?|regulatory|clinical|approvals?|filings?|dosing|dosed|IND|NDA|BLA|"
                      r"phase|trials?|launch(?:es)?)\b", re.I)
_SALES = re.compile(r"\b(?:sales?|commercial|commerciali[sz]ation|revenues?)\b", re.I)
_LEADING_CONJ = re.compile(r"^[\s,;]*(?:and|or|as well as|plus|;|,)\b|^[\s]*[,;]", re.I)
_MILESTONE = re.compile(r"\bmilestones?\b", re.I)


def _cue(text: str) -> str | None:
    text = _FIRST_SALE.sub("launch", text)
    dev, sales = bool(_DEV_REG.search(text)), bool(_SALES.search(text))
    if dev and not sales:
        return "dev_reg"
    if sales and not dev:
        return "sales"
    return "mixed" if dev else None


def milestone_class(quote: str | None, amount: Decimal | None) -> str | None:
    """'dev_reg', 'sales', 'mixed' or None: what kind of milestone ``quote`` calls ``amount``.

    The words right after the amount, up to the next amount or the word
    "milestone(s)" ("$345 million in development, regulatory and first-sale
    milestones"), else the words before it back to the previous amount
    ("sales milestones of up to $200 million").  Words after the amount that
    start with "and"/"," belong to the next item and are not read.
    """
    if not quote or amount is None:
        return None
    found = [m for m in find_money(quote) if m.amount is not None]
    match = None
    for scale in (1, 1000, 1000000):  # tables "in thousands": the quote says $50, the fact 50,000
        match = next((i for i, m in enumerate(found) if m.amount * scale == amount), None)
        if match is not None:
            break
    if match is None:
        return None
    m = found[match]
    after = quote[m.end:found[match + 1].start if match + 1 < len(found) else len(quote)]
    after = re.split(r"[;.](?:\s|$)", after, maxsplit=1)[0]
    if not _LEADING_CONJ.match(after):
        ms = _MILESTONE.search(after)
        cue = _cue(after[:ms.end()] if ms else after)
        if cue:
            return cue
    before = quote[found[match - 1].end if match else 0:m.start]
    before = re.split(r"[;.](?:\s|$)", before)[-1]
    return _cue(before)


# --------------------------------------------------------------- reading

def duration_years(text: str | None) -> Decimal | None:
    """An ``xsd:duration`` ("P5Y", "P18M", "P2Y6M") in years; None for days-only or unreadable values."""
    m = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:\d+D)?", text or "")
    if not m or not (m.group(1) or m.group(2)):
        return None
    years = Decimal(m.group(1) or 0) + Decimal(m.group(2) or 0) / 12
    return years.quantize(Decimal("0.01")).normalize() if years != years.to_integral_value() else years.quantize(Decimal(1))


def _rate(rate: str) -> str:
    """A stated royalty rate as shown: a bare number is a percentage ("1.5" -> "1.5%")."""
    return f"{rate}%" if re.fullmatch(r"\d+(?:\.\d+)?", rate.strip()) else rate.strip()


def _join(values: Iterable[str]) -> str:
    return "; ".join(sorted({v for v in values if v}))


def _money_text(amounts: dict[str, Decimal]) -> str:
    return "; ".join(f"{c} {format(v.normalize(), 'f')}" for c, v in sorted(amounts.items()))


def _payments(store: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for a, p, kind, amount, currency, per, rate, redacted, quote in run_sparql(store, _PAYMENTS, name="deals").rows:
        pay = out[a].setdefault(p, {"kind": set(), "amount": set(), "currency": set(), "per": set(),
                                    "rate": set(), "redacted": False, "quote": None})
        pay["kind"].add(kind)
        for key, v in (("amount", amount), ("currency", currency), ("per", per), ("rate", rate)):
            if v not in (None, ""):
                pay[key].add(v)
        pay["redacted"] = pay["redacted"] or redacted is True
        if quote and (pay["quote"] is None or quote < pay["quote"]):
            pay["quote"] = quote
    return {a: list(ps.values()) for a, ps in out.items()}


def _money(row: DealRow, pays: list[dict[str, Any]]) -> None:
    """Fill the money columns of ``row`` from its payments (see the module docstring)."""
    cols: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    per_unit: dict[str, dict[str, Decimal]] = defaultdict(dict)  # currency -> unit -> biggest amount
    rates: list[str] = []
    for pay in pays:
        kinds = pay["kind"]
        row.redacted = row.redacted or pay["redacted"]
        if "royalty" in kinds:
            row.royalty = True
            rates += [_rate(r) for r in pay["rate"]]
        if "upfront" in kinds and not pay["amount"] and not pay["redacted"]:
            row.upfront_undisclosed = True
        for kind in kinds & {"upfront", "equity", "milestone"}:
            for amount in pay["amount"]:
                for cur in pay["currency"]:
                    if pay["per"]:
                        if kind == "milestone":
                            for unit in pay["per"]:
                                per_unit[cur][unit] = max(per_unit[cur].get(unit, Decimal(0)), amount)
                        continue
                    col = {"upfront": "upfront_cash", "equity": "upfront_equity"}.get(kind)
                    if col is None:
                        col = "milestones_total"
                        split = milestone_class(pay["quote"], amount)
                        if split in ("dev_reg", "sales"):
                            cols[cur]["milestones_" + split] += amount
                    cols[cur][col] += amount
    for cur, units in per_unit.items():
        if not cols[cur].get("milestones_total") and units:
            unit, amount = max(units.items(), key=lambda kv: (kv[1], kv[0]))
            cols[cur]["milestones_total"] = amount
            row.milestones_per = unit
    totals = {cur: c.get("upfront_cash", Decimal(0)) + (c.get("milestones_total", Decimal(0)) if not row.milestones_per
                                                       else Decimal(0))
              for cur, c in cols.items()}
    row.value_by_currency = _money_text({c: v for c, v in totals.items() if v})
    row.royalty_rate = _join(rates) or None
    currencies = sorted(cols)
    if len(currencies) == 1:
        cur = currencies[0]
        row.currency = cur
        for col, amount in cols[cur].items():
            setattr(row, col, amount)
        row.total_value = totals[cur] if totals[cur] else None
    elif currencies:
        row.currency = "; ".join(currencies)


def deal_rows(store: Any) -> list[DealRow]:
    """Every deal of ``store`` (a kg.store.Store or pyoxigraph store) as a :class:`DealRow`, newest first.

    A deal is what :func:`kg.analyze.load_deals` counts: an agreement with a kind
    and at least one party.  Undated deals come last; ties in IRI order.
    """
    deals, orgs = load_deals(store)

    def names(iris: Iterable[str]) -> str:
        return _join(orgs.get(o, {}).get("name", "") for o in iris)

    pays = _payments(store)
    terms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for a, prop, value in run_sparql(store, _TERMS, name="deals").rows:
        terms[a][prop.rsplit("#", 1)[-1]].add(value)
    quotes = dict(run_sparql(store, _EVIDENCE, name="deals").rows)
    sources: dict[str, list[tuple]] = defaultdict(list)
    for a, path, form, fd, filer in run_sparql(store, _SOURCES, name="deals").rows:
        sources[a].append((fd or "9999", path or "", form, fd, filer))
    rows = []
    for iri, d in deals.items():
        row = DealRow(iri, kind=d.kind, status=d.status, exclusive=d.exclusive, _orgs=frozenset(d.parties))
        parsed = parse_date(d.date)
        if parsed:
            row.date, month_only = parsed
            row.date_precision = "month" if month_only else "day"
            row.year = row.date.year
        else:
            row.year = d.year
        row.parties, row.licensor, row.licensee = names(d.parties), names(d.licensors), names(d.licensees)
        _money(row, pays.get(iri, []))
        t = terms.get(iri, {})
        row.territory = _join(t.get("territory", ())) or None
        row.field = _join(t.get("fieldOfUse", ())) or None
        row.term_years = max(filter(None, map(duration_years, t.get("term", ()))), default=None)
        row.renewal_years = max(filter(None, map(duration_years, t.get("renewalTerm", ()))), default=None)
        row.evidence = quotes.get(iri)
        src = sorted(sources.get(iri, []), key=lambda s: (s[0], s[1]))
        if src:
            _, _, row.form, fd, _ = src[0]
            parsed_fd = parse_date(fd)
            row.filing_date = parsed_fd[0] if parsed_fd else None
            row.source_file = _join(s[1] for s in src) or None
            row.filer = names(s[4] for s in src if s[4])
        rows.append(row)
    rows.sort(key=lambda r: (r.date is None, -(r.date.toordinal() if r.date else 0), r.agreement))
    return rows


def resolve_org(store: Any, name: str) -> set[str]:
    """Organizations (IRIs) whose normalized name or kg.resolve lookup key is ``name``'s (:func:`normalize_org_name`).

    Raises :class:`QueryError` naming ``find_org`` when none matches.
    """
    import pyoxigraph as ox

    key = normalize_org_name(name)
    found = {r[1] for r in run_sparql(store, _ORG_KEYS, {"key": ox.Literal(key)}, name="deals").rows} if key else set()
    if not found:
        raise QueryError(f"no organization matches {name!r}; find its name with "
                         f"`kg query find_org --store DIR -p text={name.split()[0] if name.split() else name}`")
    return found


def filter_rows(rows: list[DealRow], *, orgs: set[str] | None = None, kind: str | None = None,
                since: _date | None = None) -> list[DealRow]:
    """Rows naming one of ``orgs`` as a party, of ``kind``, dated on or after ``since`` (undated rows drop out)."""
    out = rows
    if orgs is not None:
        out = [r for r in out if r._orgs & orgs]
    if kind:
        out = [r for r in out if r.kind == kind]
    if since is not None:
        out = [r for r in out if r.date is not None and r.date >= since]
    return out


#: Columns ``kg deals --format table`` shows (the terminal is narrow; csv, json and xlsx have them all).
TABLE_COLUMNS: tuple[str, ...] = ("date", "kind", "status", "licensor", "licensee", "parties", "currency",
                                  "upfront_cash", "milestones_total", "milestones_per", "royalty", "total_value")


def select(store: Any, *, org: str | None = None, kind: str | None = None, since: str | None = None) -> list[DealRow]:
    """:func:`deal_rows` filtered as ``kg deals`` does: ``org`` a name (:func:`resolve_org`), ``since`` ISO YYYY-MM-DD."""
    since_day = None
    if since:
        parsed = parse_date(since)
        if not parsed or not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", since):
            raise QueryError(f"--since {since!r} is not a date; expected YYYY-MM-DD")
        since_day = parsed[0]
    orgs = resolve_org(store, org) if org else None
    return filter_rows(deal_rows(store), orgs=orgs, kind=kind, since=since_day)


def write_deals(rows: list[DealRow], fmt: str, out: str | None = None) -> str | None:
    """The rows in ``fmt`` (table, csv, json, xlsx; see :mod:`kg.sheet`), written to ``out`` or returned as text."""
    from kg.sheet import write_table

    columns = TABLE_COLUMNS if fmt == "table" else COLUMNS
    values = [tuple(getattr(r, c) for c in columns) for r in rows]
    return write_table(columns, values, fmt, out, money=MONEY_COLUMNS, dates=DATE_COLUMNS, sheet="deals")
