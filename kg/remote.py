"""Named questions and SPARQL against a remote SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB).

What it reads: a query endpoint URL speaking the SPARQL 1.1 Protocol
(https://www.w3.org/TR/sparql11-protocol/) and the named ``queries/*.rq``.
What it hands on: :class:`kg.query.QueryResult` rows with the same Python
values :func:`kg.query.run_query` gives on the local store, so a remote answer
and a local one compare equal.

Three differences from the embedded store, and how each is met:

* **Parameters.** The protocol has no bound parameters (pyoxigraph's
  ``substitutions``, SEP-0007).  :func:`bind_parameters` substitutes each
  parameter's RDF term into the query text, written by pyoxigraph's own term
  serializer (a value can never end a string or an IRI: no injection), with
  SEP-0007's meaning: a projected parameter becomes ``(term AS ?name)``, a
  grouping or ordering key ``(term)``, every other use the term itself.
* **Extensions.** A named query that uses an Oxigraph-only extension says so
  in a ``# extension:`` header line and names its standard SPARQL 1.1
  formulation with ``# portable: FILE`` (``queries/portable/``, same columns,
  same rows); remote runs use that one.
* **Union default graph.** Named questions read the union of the document
  graphs as the default graph.  The server must be set up that way (Oxigraph:
  ``oxigraph serve --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph
  true``; GraphDB does it by default); :func:`check_union_default_graph` says so
  in one line when it is not.
"""
from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query import NamedQuery, QueryResult, _py, bind_params, load_query, parse_query

__all__ = [
    "bind_parameters",
    "check_union_default_graph",
    "endpoint_urls",
    "portable_query",
    "remote_select",
    "run_query_remote",
    "sparql_remote",
]

#: Seconds to wait for a server's answer (connect, read).  Why: an unreachable
#: host must fail in seconds with a message, not hang the command.
TIMEOUT = (10, 600)

_EXTENSION_RE = re.compile(r"^#\s*extension\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)
_PORTABLE_RE = re.compile(r"^#\s*portable\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)

# SPARQL 1.1 lexical tokens that can hide a "?name": comments, strings (long ones first),
# IRIs (IRIREF: no spaces, so "?a < ?b" is never one), then variables and words.
_TOKEN_RE = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_][\w.-]*:[\w.-]*|[A-Za-z][A-Za-z0-9_-]*)  # a prefixed name is one word: lic:order is no keyword
  | (?P<open>[({])
  | (?P<close>[)}])
''', re.VERBOSE)
_CLAUSE_END = {"WHERE", "FROM", "HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES", "GROUP"}


def endpoint_urls(url: str) -> tuple[str, str]:
    """``(query URL, graph store URL)`` for ``url``.

    A bare server address (no path: ``http://127.0.0.1:7878``) is taken as an
    Oxigraph server, whose endpoints are ``/query`` and ``/store``; a URL with a
    path is used as given for both (Fuseki: ``/ds/query`` and ``/ds/data``,
    pass each where it is needed).
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise QueryError(f"endpoint {url!r} is not an http(s) URL (e.g. http://127.0.0.1:7878)")
    if parts.path in ("", "/"):
        base = (parts.scheme, parts.netloc)
        return urlunsplit((*base, "/query", "", "")), urlunsplit((*base, "/store", "", ""))
    return url, url


def bind_parameters(sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """``sparql`` with each variable of ``bindings`` replaced by its term (SEP-0007 substitution, as text).

    In the top SELECT's projection a bare ``?v`` becomes ``(term AS ?v)``, in a
    subquery's projection it is dropped (every other use is the constant, so no
    join needs it); in GROUP BY and ORDER BY a bare ``?v`` becomes ``(term)``;
    anywhere else ``?v`` becomes the term, written by pyoxigraph (escaped
    N-Triples syntax).  Comments, strings and IRIs are left alone.
    """
    if not bindings:
        return sparql
    terms = {name.lstrip("?$"): str(term) for name, term in bindings.items()}
    out: list[str] = []
    pos = 0
    clause = ""          # "select", "group", "order" or "" (a pattern or an expression)
    depth_at_clause = 0  # bracket depth where the clause began: bare variables sit at that depth
    depth = 0
    prev_word = ""
    for m in _TOKEN_RE.finditer(sparql):
        kind, text = m.lastgroup, m.group()
        if kind == "word":
            upper = text.upper()
            if upper == "SELECT":
                clause, depth_at_clause = "select", depth
            elif upper == "BY" and prev_word in ("GROUP", "ORDER"):
                clause, depth_at_clause = prev_word.lower(), depth
            elif clause and depth == depth_at_clause and upper in _CLAUSE_END:
                clause = ""
            prev_word = upper
        elif kind == "open":
            if clause and depth == depth_at_clause and text == "{":
                clause = ""  # SELECT ... { (WHERE left out) or the end of GROUP/ORDER BY inside a group
            depth += 1
        elif kind == "close":
            depth -= 1
            if clause and depth < depth_at_clause:
                clause = ""
        elif kind == "var" and text[1:] in terms:
            term = terms[text[1:]]
            bare = clause and depth == depth_at_clause
            if prev_word == "AS":
                raise QueryError(f"parameter {text} is also assigned with AS in the query: it cannot be bound")
            if bare and clause == "select":
                # the top SELECT names the constant; a subquery stops projecting it (its other uses are
                # the constant too, so no join needs it, and "(term AS ?v)" over a ?v in scope is an error)
                replacement = f"({term} AS {text})" if depth_at_clause == 0 else ""
            elif bare:
                replacement = f"({term})"
            else:
                replacement = term
            out.append(sparql[pos:m.start()])
            out.append(replacement)
            pos = m.end()
        if kind not in ("word", "comment"):
            prev_word = ""
    out.append(sparql[pos:])
    return "".join(out)


def _queries_root() -> Any:
    for pkg in ("kg.queries", "queries"):
        try:
            root = resources.files(pkg)
        except (ModuleNotFoundError, TypeError):
            continue
        if (root / "portable").is_dir():
            return root
    raise QueryError("queries/portable/ is not installed with this dealgraph")


def portable_query(nq: NamedQuery) -> NamedQuery:
    """The standard SPARQL 1.1 formulation of ``nq``: itself, or the ``# portable:`` file its header names.

    A query with an ``# extension:`` line and no ``# portable:`` line raises
    :class:`QueryError` (it cannot run on a standard server).
    """
    ext = _EXTENSION_RE.search(nq.sparql)
    if not ext:
        return nq
    port = _PORTABLE_RE.search(nq.sparql)
    if not port:
        raise QueryError(f"query {nq.name} uses {ext.group(1).strip()} and has no standard formulation "
                         "(# portable: line): it runs only on the local store")
    path = _queries_root().joinpath(*port.group(1).split("/"))
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"query {nq.name}: its portable formulation {port.group(1)} is missing: {exc}") from None
    if _EXTENSION_RE.search(text):
        raise QueryError(f"query {nq.name}: its portable formulation {port.group(1)} declares an extension itself")
    return parse_query(nq.name, text)


def _session() -> Any:
    import requests

    s = requests.Session()
    s.headers["User-Agent"] = "dealgraph (kg)"
    return s


def sparql_remote(endpoint: str, sparql: str, accept: str = "application/sparql-results+json",
                  session: Any = None) -> tuple[str, bytes]:
    """POST ``sparql`` to ``endpoint`` (SPARQL 1.1 Protocol, query via POST directly); ``(content type, body)``.

    For ``kg sparql --endpoint``: the body is the server's answer in the
    ``accept``ed format.  Unreachable server, refusal or error status raise
    :class:`QueryError` with the server's first line.
    """
    import requests

    url, _ = endpoint_urls(endpoint)
    s = session or _session()
    try:
        r = s.post(url, data=sparql.encode("utf-8"), timeout=TIMEOUT,
                   headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept})
    except requests.ConnectionError:
        raise QueryError(f"cannot reach the SPARQL endpoint {url} (is the server running?)") from None
    except requests.Timeout:
        raise QueryError(f"the SPARQL endpoint {url} did not answer within {TIMEOUT[1]} s") from None
    if r.status_code >= 400:
        first = " ".join(r.text.split())[:300]
        raise QueryError(f"the SPARQL endpoint {url} answered {r.status_code} {r.reason}: {first}")
    return r.headers.get("Content-Type", ""), r.content


def _json_term(cell: dict[str, Any]) -> Any:
    """One SPARQL 1.1 JSON results term (https://www.w3.org/TR/sparql11-results-json/) as a pyoxigraph term."""
    t, v = cell.get("type"), cell.get("value", "")
    if t == "uri":
        return ox.NamedNode(v)
    if t == "bnode":
        return ox.BlankNode(v) if v.isalnum() else ox.BlankNode()
    if "xml:lang" in cell:
        return ox.Literal(v, language=cell["xml:lang"])
    if cell.get("datatype"):
        return ox.Literal(v, datatype=ox.NamedNode(cell["datatype"]))
    return ox.Literal(v)


def remote_select(endpoint: str, sparql: str, *, name: str = "query", session: Any = None) -> QueryResult:
    """Run one SELECT on a remote endpoint; rows as the Python values :func:`kg.query.run_sparql` gives."""
    ctype, body = sparql_remote(endpoint, sparql, session=session)
    try:
        doc = json.loads(body)
    except ValueError:
        raise QueryError(f"query {name}: the endpoint did not answer SPARQL JSON (got {ctype or 'no content type'})") from None
    if "boolean" in doc:
        raise QueryError(f"query {name}: not a SELECT query")
    cols = list(doc.get("head", {}).get("vars", []))
    rows = [tuple(_py(_json_term(b[c])) if c in b else None for c in cols)
            for b in doc.get("results", {}).get("bindings", [])]
    return QueryResult(cols, rows)


def check_union_default_graph(endpoint: str, session: Any = None) -> None:
    """Raise :class:`QueryError` when the endpoint's named graphs hold data and its default graph does not."""
    def ask(text: str) -> bool:
        _, body = sparql_remote(endpoint, text, session=session)
        return bool(json.loads(body).get("boolean"))

    if not ask("ASK { ?s ?p ?o }") and ask("ASK { GRAPH ?g { ?s ?p ?o } }"):
        raise QueryError(f"the endpoint {endpoint} keeps its named graphs out of the default graph: named "
                         "queries read their union (Oxigraph: oxigraph serve --union-default-graph; "
                         "Fuseki: tdb2:unionDefaultGraph true)")


def run_query_remote(endpoint: str, name: str, params: dict[str, str] | None = None) -> QueryResult:
    """:func:`kg.query.run_query` against a remote SPARQL 1.1 endpoint (the graph ``kg push`` uploaded).

    Uses the query's standard formulation (:func:`portable_query`), binds the
    parameters as text (:func:`bind_parameters`) and drops their constant
    columns, as the local run does.
    """
    nq = load_query(name)
    runnable = portable_query(nq)
    given = {str(k): str(v) for k, v in (params or {}).items()}
    bindings = bind_params(name, nq, given)
    session = _session()
    check_union_default_graph(endpoint, session)
    res = remote_select(endpoint, bind_parameters(runnable.sparql, bindings), name=name, session=session)
    keep = [i for i, c in enumerate(res.columns) if c not in bindings]
    return QueryResult([res.columns[i] for i in keep], [tuple(r[i] for i in keep) for r in res.rows])
