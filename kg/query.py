"""Named SPARQL questions (``queries/*.rq``) with bound, typed parameters.

Each ``.rq`` file is one analyst question.  Its header comment declares::

    # purpose: Deals an organization takes part in, newest first.
    # param: org_name orgname            -- an organization's name as written anywhere
    # param: currency string = USD       -- optional, with a default
    # columns: agreement, date, kind, ...

Parameter types: ``string``, ``orgname`` (folded with
:func:`kg.names.normalize_org_name` and matched against ``lic:normalizedName`` or
the lookup keys :mod:`kg.resolve` writes as ``skos:hiddenLabel``),
``decimal``, ``integer``, ``date`` (``xsd:date``), ``iri``.  Values are BOUND
as RDF terms (pyoxigraph ``substitutions``, SPARQL SEP-0007), never formatted
into the query text.  Queries run over the union of the named graphs.
pyoxigraph substitutes only variables the SELECT projects, so every query
projects its parameters (and groups by them); :func:`run_query` drops those
constant columns from the answer.

Results are :class:`QueryResult` with plain Python values (IRIs as ``str``,
``xsd:decimal`` as :class:`~decimal.Decimal`, integers as ``int``, booleans,
dates as ISO strings), so tests and formatters never see RDF terms.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date as _date
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any, Iterable

import pyoxigraph as ox

from kg.errors import QueryError
from kg.names import normalize_org_name

__all__ = [
    "LIC",
    "QueryResult",
    "NamedQuery",
    "list_queries",
    "named_queries",
    "unmatched_org_names",
    "parse_query",
    "load_query",
    "run_query",
    "run_sparql",
    "format_result",
    "explain",
    "oxigraph_store",
]

LIC = "https://w3id.org/dealgraph/lic#"
XSD = "http://www.w3.org/2001/XMLSchema#"

PARAM_TYPES = ("string", "orgname", "decimal", "integer", "date", "iri")
_INT_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
# "# purpose: ...", "# param: ...", "# columns: ..." header lines of a .rq file
_HEADER_RE = re.compile(r"^#\s*(purpose|param|columns)\s*:\s*(.*)$", re.IGNORECASE)
# "# param: NAME TYPE [= DEFAULT] [-- comment]"
_PARAM_RE = re.compile(r"^(\w+)\s+(\w+)(?:\s*=\s*(.*?))?\s*(?:--\s*(.*))?$")
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # date parameters: ISO 8601 calendar dates only


@dataclass
class QueryResult:
    """Rows of a SELECT: ``columns`` (variable names) and ``rows`` (tuples of Python values)."""

    columns: list[str]
    rows: list[tuple] = field(default_factory=list)

    def dicts(self) -> list[dict[str, Any]]:
        """Rows as ``{column: value}`` dictionaries."""
        return [dict(zip(self.columns, r)) for r in self.rows]


@dataclass(frozen=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    type: str
    default: str | None = None
    doc: str = ""  # the "-- comment" of its header line


@dataclass(frozen=True)
class NamedQuery:
    """A parsed ``.rq`` file: its name, purpose, declared parameters and columns, and text."""

    name: str
    purpose: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    sparql: str


def _query_files() -> dict[str, Any]:
    """``name -> Traversable`` of the shipped queries (package ``kg.queries``, or ``queries`` in a checkout)."""
    for pkg in ("kg.queries", "queries"):
        try:
            root = resources.files(pkg)
        except (ModuleNotFoundError, TypeError):
            continue
        found = {p.name[:-3]: p for p in root.iterdir() if p.name.endswith(".rq")}
        if found:
            return found
    raise QueryError("no named queries found: package kg.queries (queries/*.rq) is not installed")


def _parse(name: str, text: str) -> NamedQuery:
    purpose, params, columns = "", [], []
    for line in text.splitlines():
        m = _HEADER_RE.match(line.strip())
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key == "purpose":
            purpose = f"{purpose} {value}".strip()
        elif key == "columns":
            columns.extend(c.strip() for c in value.split(",") if c.strip())
        else:
            pm = _PARAM_RE.match(value)
            if not pm or pm.group(2) not in PARAM_TYPES:
                raise QueryError(f"query {name}: bad '# param:' line {value!r}; expected 'NAME TYPE' with TYPE in {PARAM_TYPES}")
            params.append(Param(pm.group(1), pm.group(2), pm.group(3), (pm.group(4) or "").strip()))
    return NamedQuery(name, purpose, tuple(params), tuple(columns), text)


def _user_files(dirs: Iterable[str]) -> dict[str, Any]:
    """``name -> Path`` of a user's ``.rq`` files (``--queries DIR``); a name the shipped queries use is an error."""
    from pathlib import Path

    shipped = _query_files()
    found: dict[str, Any] = {}
    for d in dirs:
        root = Path(d)
        if not root.is_dir():
            raise QueryError(f"--queries {d}: not a directory of .rq files")
        for path in sorted(root.glob("*.rq")):
            name = path.stem
            if name in shipped or name in found:
                raise QueryError(f"{path}: query name {name!r} is taken by "
                                 f"{'a shipped query' if name in shipped else found[name]}; rename the file")
            found[name] = path
    return found


def _all_files(dirs: Iterable[str] = ()) -> dict[str, Any]:
    return {**_query_files(), **_user_files(dirs)}


def load_query(name: str, dirs: Iterable[str] = ()) -> NamedQuery:
    """The named query ``name`` (file stem of ``queries/<name>.rq``, or of a ``.rq`` file in ``dirs``);
    :class:`QueryError` if unknown."""
    files = _all_files(dirs)
    if name not in files:
        raise QueryError(f"unknown query {name!r}; known: {', '.join(sorted(files))}")
    return _parse(name, files[name].read_text(encoding="utf-8"))


def list_queries(dirs: Iterable[str] = ()) -> list[tuple[str, str]]:
    """``(name, purpose)`` of every named query (shipped, then ``dirs``' ``.rq`` files), sorted by name."""
    files = _all_files(dirs)
    return [(n, _parse(n, files[n].read_text(encoding="utf-8")).purpose) for n in sorted(files)]


def named_queries(dirs: Iterable[str] = ()) -> list[NamedQuery]:
    """Every named query parsed (purpose, parameters with types and defaults, columns), sorted by name."""
    files = _all_files(dirs)
    return [_parse(n, files[n].read_text(encoding="utf-8")) for n in sorted(files)]


def _term(query: str, p: Param, raw: str) -> ox.NamedNode | ox.Literal:
    """Convert a parameter's text value to the RDF term of its declared type."""
    raw = raw.strip()
    bad = f"query {query}: parameter {p.name}={raw!r} is not a valid {p.type}"
    if p.type == "string":
        return ox.Literal(raw)
    if p.type == "orgname":
        key = normalize_org_name(raw)
        if not key:
            raise QueryError(bad)
        return ox.Literal(key)
    if p.type == "decimal":
        try:
            d = Decimal(raw.replace(",", "").replace("_", ""))
        except InvalidOperation:
            raise QueryError(bad) from None
        if not d.is_finite():
            raise QueryError(bad)
        return ox.Literal(format(d, "f"), datatype=ox.NamedNode(XSD + "decimal"))
    if p.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise QueryError(bad)
        return ox.Literal(str(int(raw)), datatype=ox.NamedNode(XSD + "integer"))
    if p.type == "date":
        try:
            if not _ISO_DATE_RE.match(raw):
                raise ValueError(raw)
            _date.fromisoformat(raw)
        except ValueError:
            raise QueryError(bad + " (expected YYYY-MM-DD)") from None
        return ox.Literal(raw, datatype=ox.NamedNode(XSD + "date"))
    # iri: an absolute IRI (scheme ":" then no spaces or characters RDF forbids in IRIs)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", raw):
        raise QueryError(bad)
    try:
        return ox.NamedNode(raw)
    except ValueError:
        raise QueryError(bad) from None


def _py(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value (see module docstring)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        v = term.value
        try:
            if dt == XSD + "decimal":
                return Decimal(v)
            if dt in _INT_TYPES:
                return int(v)
            if dt in (XSD + "double", XSD + "float"):
                return float(v)
            if dt == XSD + "boolean":
                return v in ("true", "1")
        except (InvalidOperation, ValueError):
            return v
        return v
    return str(term)


def oxigraph_store(store: Any) -> ox.Store:
    """The pyoxigraph store behind ``store`` (a ``pyoxigraph.Store`` or a ``kg.store.Store``)."""
    if isinstance(store, ox.Store):
        return store
    for attr in ("oxigraph", "ox", "_store", "store", "_ox"):
        inner = getattr(store, attr, None)
        if isinstance(inner, ox.Store):
            return inner
    raise QueryError(f"cannot reach the RDF store inside {type(store).__name__}")


def run_sparql(store: Any, sparql: str, bindings: dict[str, Any] | None = None, *, name: str = "query") -> QueryResult:
    """Run one SELECT over the union of named graphs with ``bindings`` (variable -> pyoxigraph term)."""
    subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
    try:
        sols = oxigraph_store(store).query(sparql, use_default_graph_as_union=True, substitutions=subs or None)
    except SyntaxError as e:
        raise QueryError(f"query {name}: SPARQL syntax error: {' '.join(str(e).split())}") from None
    except OSError as e:
        raise QueryError(f"query {name}: store read failed: {e}") from None
    except (RuntimeError, ValueError) as e:
        raise QueryError(f"query {name}: {' '.join(str(e).split())}") from None
    if not isinstance(sols, ox.QuerySolutions):
        raise QueryError(f"query {name}: not a SELECT query")
    cols = [v.value for v in sols.variables]
    rows = [tuple(map(_py, s)) for s in sols]  # a solution iterates its values in column order
    return QueryResult(cols, rows)


def parse_query(name: str, text: str) -> NamedQuery:
    """A named query from ``.rq`` text (header lines ``# purpose:``, ``# param:``, ``# columns:``)."""
    return _parse(name, text)


def bind_params(name: str, nq: NamedQuery, given: dict[str, str]) -> dict[str, Any]:
    """Each declared parameter of ``nq`` as a typed RDF term (given value or default); one-line
    QueryError for an unknown or missing parameter or a value of the wrong type."""
    declared = {p.name: p for p in nq.params}
    extra = sorted(set(given) - set(declared))
    if extra:
        raise QueryError(f"query {name}: unknown parameter(s) {', '.join(extra)}; it takes: {', '.join(declared) or 'none'}")
    bindings = {}
    for p in nq.params:
        raw = given.get(p.name, p.default)
        if raw is None:
            raise QueryError(f"query {name}: missing parameter {p.name} ({p.type}); pass {p.name}=VALUE")
        bindings[p.name] = _term(name, p, raw)
    return bindings


def run_query(store: Any, name: str, params: dict[str, str] | Iterable[str] | None = None, *,
              query: NamedQuery | None = None) -> QueryResult:
    """Run the named query with ``params`` (``{name: value}`` or ``["KEY=VALUE", ...]``), bound by declared type.

    ``query``: run this parsed query instead of the shipped ``name`` (tests run
    reference formulations this way).  Unknown query, unknown/missing parameter,
    a value of the wrong type, or a query reading the deal table (``dgt:``) on a
    store that keeps none raises :class:`QueryError` with a one-line message.
    """
    nq = query or load_query(name)
    from kg.resolve._fresh import ensure_resolved  # why here: kg.resolve imports kg.query
    from kg.resolve._table import DGT, has_table
    ensure_resolved(store, f"query {name}")  # never an answer from a half-resolved store (issue 16)
    if DGT in nq.sparql and not has_table(store):
        raise QueryError(f"query {name} reads the deal table kg build keeps (kg/resolve/_table.py), and this "
                         "store has none: run `kg build` on it (a store written by an older dealgraph gets it then)")
    given: dict[str, str] = {}
    if isinstance(params, dict):
        given = {str(k): str(v) for k, v in params.items()}
    elif params:
        for item in params:
            if "=" not in item:
                raise QueryError(f"query {name}: parameter {item!r} is not KEY=VALUE")
            k, v = item.split("=", 1)
            given[k.strip()] = v
    bindings = bind_params(name, nq, given)
    res = run_sparql(store, nq.sparql, bindings, name=name)
    # pyoxigraph only substitutes projected variables, so queries project their
    # parameters; they are constants, drop them from the answer.
    keep = [i for i, c in enumerate(res.columns) if c not in bindings]
    return QueryResult([res.columns[i] for i in keep], [tuple(r[i] for i in keep) for r in res.rows])


_ORG_KEY_SPARQL = """
PREFIX lic: <https://w3id.org/dealgraph/lic#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
ASK { ?org lic:normalizedName|skos:hiddenLabel ?key }
"""


def unmatched_org_names(store: Any, nq: NamedQuery, params: dict[str, str]) -> list[str]:
    """The ``orgname`` parameter values of ``nq`` that name no organization of ``store`` (folded as bound)."""
    out = []
    for p in nq.params:
        raw = params.get(p.name, p.default)
        if p.type != "orgname" or raw is None:
            continue
        key = normalize_org_name(raw)
        if not key or not oxigraph_store(store).query(_ORG_KEY_SPARQL, use_default_graph_as_union=True,
                                                        substitutions={ox.Variable("key"): ox.Literal(key)}):
            out.append(raw)
    return out


def _cell(v: Any) -> str:
    from kg.sheet import cell_text  # one text form of a value for every table the CLI prints

    return cell_text(v)


def _json_value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as ``table`` (aligned text), ``csv`` (RFC 4180) or ``json`` (list of objects)."""
    if fmt == "json":
        return json.dumps([{c: _json_value(v) for c, v in zip(result.columns, r)} for r in result.rows],
                          ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(result.columns)
        w.writerows([_cell(v) for v in r] for r in result.rows)
        return buf.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown output format {fmt!r}; expected table, csv or json")
    cells = [[_cell(v).replace("\n", " ") for v in r] for r in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


# where an Evidence node's quote comes from: its document's file, the filing's form and date (both explain queries)
_EVIDENCE_SOURCE = """  OPTIONAL { ?ev lic:inDocument ?doc .
             OPTIONAL { ?doc lic:sourcePath ?path }
             OPTIONAL { ?doc lic:describes ?filing .
                        OPTIONAL { ?filing lic:form ?form } OPTIONAL { ?filing lic:filingDate ?fd } } }
  BIND(STR(?fd) AS ?date)
} ORDER BY ?date ?path ?start
"""

_EXPLAIN_SPARQL = """
PREFIX lic: <https://w3id.org/dealgraph/lic#>
SELECT DISTINCT ?fact ?path ?form ?date ?quote ?start ?end WHERE {
  ?fact lic:evidence ?ev .
  ?ev lic:quote ?quote .
  OPTIONAL { ?ev lic:startOffset ?start }
  OPTIONAL { ?ev lic:endOffset ?end }
""" + _EVIDENCE_SOURCE


_STATED_BY_SPARQL = """
PREFIX lic: <https://w3id.org/dealgraph/lic#>
SELECT DISTINCT ?fact ?path WHERE { GRAPH ?g { ?fact ?p ?o } ?g lic:sourcePath ?path } ORDER BY ?path
"""


_ORG_SENTENCES_SPARQL = """
PREFIX lic: <https://w3id.org/dealgraph/lic#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?org ?path ?form ?date ?quote ?start WHERE {
  { ?org lic:evidence ?ev } UNION
  { ?fact lic:party|lic:licensor|lic:licensee|lic:filer|lic:memberOf|lic:owner ?org . ?fact lic:evidence ?ev } UNION
  { ?a lic:party ?org ; lic:payment ?fact . ?fact lic:evidence ?ev }
  ?ev lic:quote ?quote .
  OPTIONAL { ?ev lic:startOffset ?start }
""" + _EVIDENCE_SOURCE
_ORG_NAMES_SPARQL = """
PREFIX lic: <https://w3id.org/dealgraph/lic#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?org ?name ?label WHERE {
  ?org a lic:Organization . { ?org lic:name|lic:alias ?name BIND(false AS ?label) } UNION { ?org rdfs:label ?name BIND(true AS ?label) } }
"""


def _explain_org(store: Any, iri: str, term: ox.NamedNode) -> str | None:
    """An organization: the sentences of its facts (its mentions, agreements, payments, filings, people)
    grouped by document; None when ``iri`` is not a ``lic:Organization``."""
    rows = run_sparql(store, _ORG_NAMES_SPARQL, {"org": term}, name="explain").rows
    labels = {str(n) for _o, n, is_label in rows if is_label}
    names = sorted({str(n) for _o, n, _l in rows}, key=lambda n: (n not in labels, -len(n), n))  # display label first
    if not names:
        return None
    rows = run_sparql(store, _ORG_SENTENCES_SPARQL, {"org": term}, name="explain").rows
    folded = [n.casefold() for n in names]
    out = [f"{iri}", f"  organization: {names[0]}" + (f" (also: {', '.join(names[1:])})" if names[1:] else "")]
    seen: set[tuple[str, str]] = set()
    last_doc = None
    shown = 0
    for _o, path, form, date, quote, _start in rows:
        q = " ".join(str(quote).split())
        if (path, q) in seen or q.casefold() in folded:  # the bare name is not a sentence
            continue
        seen.add((path, q))
        doc = path or "(unknown document)"
        if doc != last_doc:
            meta = ", ".join(x for x in (form, date) if x)
            out.append(f"  {doc}{' (' + meta + ')' if meta else ''}:")
            last_doc = doc
        out.append(f'    "{q}"')
        shown += 1
    if not shown:
        out.append("  no sentence about it beyond its name")
    return "\n".join(out)


def explain(store: Any, iri: str) -> str:
    """Where a fact comes from: each source document path and the quoted sentence (``lic:evidence``).

    For an organization: the sentences of the facts that name it (its agreements,
    their payments, filings it filed, its people), document by document.
    A fact without evidence is answered with the documents whose graphs state it.
    Raises :class:`QueryError` when ``iri`` is not an IRI or has no evidence in the store.
    """
    term = _term("explain", Param("fact", "iri"), iri)
    from kg.resolve._fresh import ensure_resolved

    ensure_resolved(store, "explain")  # merged IRIs: a half-resolved store may not know this fact's node
    org_text = _explain_org(store, iri, term)
    if org_text is not None:
        return org_text
    res = run_sparql(store, _EXPLAIN_SPARQL, {"fact": term}, name="explain")
    if not res.rows:
        # no quote (a fact without lic:evidence): say at least which documents state it
        docs = run_sparql(store, _STATED_BY_SPARQL, {"fact": term}, name="explain").rows
        if not docs:
            raise QueryError(f"no evidence for {iri} in the store (is it a fact IRI? try `kg query find_org`)")
        return "\n".join([iri, "  no quoted evidence; stated by:"] + [f"  {path}" for _f, path in docs])
    out = [iri]
    for _fact, path, form, date, quote, start, end in res.rows:
        where = path or "(unknown document)"
        meta = ", ".join(x for x in (form, date) if x)
        span = f" chars {start}-{end}" if start is not None and end is not None else ""
        out.append(f"  {where}{' (' + meta + ')' if meta else ''}{span}:")
        out.append(f'    "{quote}"')
    return "\n".join(out)
