"""The read-only SPARQL 1.1 Protocol endpoint of ``kg serve`` (``/sparql``), with a time and a row limit.

Protocol: https://www.w3.org/TR/sparql11-protocol/ -- query via GET
(``?query=``), via URL-encoded POST (``query=``) and via POST directly
(``application/sparql-query``); ``default-graph-uri`` / ``named-graph-uri``
pick the dataset (default: the union of the document graphs, as ``kg query``).
An update (``update=`` or ``application/sparql-update``) is refused with 403
and a message; the store is opened read-only in any case.

Results by content negotiation (``Accept``, or the ``format`` parameter
SPARQLWrapper sends): SPARQL JSON, XML, CSV (rdflib's serializers) and TSV
(https://www.w3.org/TR/sparql11-results-csv-tsv/; terms in N-Triples syntax
as pyoxigraph writes them); CONSTRUCT/DESCRIBE as Turtle, N-Triples or
RDF/XML.

Limits: each query runs in a worker process (``multiprocessing`` spawn, the
store opened read-only there).  Oxigraph cannot cancel a running query, so a
query past the time limit is stopped by killing its worker (a new one starts
for the next query) and answered 503; answers are cut at ``max_rows`` rows
(header ``X-Dealgraph-Truncated: true``).
"""
from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

__all__ = ["Answer", "QueryPool", "negotiate", "RESULT_TYPES"]

#: Result formats by media type; the first listed is the default.
RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "ntriples", "application/rdf+xml": "rdfxml"}
_CTYPE = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
          "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
          "turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples",
          "rdfxml": "application/rdf+xml"}
_GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
# SPARQLWrapper and some clients also name the format in a parameter
_FORMAT_PARAM = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "n3": "turtle",
                 "nt": "ntriples", "ntriples": "ntriples", "rdf": "rdfxml", "rdfxml": "rdfxml"}


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def negotiate(accept: str, format_param: str | None = None) -> tuple[str, str]:
    """``(results format, graph format)`` for an Accept header (q-values honoured) or a ``format`` parameter."""
    if format_param and format_param.lower() in _FORMAT_PARAM:
        f = _FORMAT_PARAM[format_param.lower()]
        return (f if f in _CTYPE and f not in _GRAPH_FORMATS else "json",
                f if f in _GRAPH_FORMATS else "turtle")
    ranked = []
    for i, part in enumerate((accept or "").split(",")):
        fields = [x.strip() for x in part.split(";")]
        q = 1.0
        for p in fields[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, fields[0].lower()))
    results = graph = None
    for _q, _i, media in sorted(ranked):
        if results is None and media in RESULT_TYPES:
            results = RESULT_TYPES[media]
        if graph is None and media in GRAPH_TYPES:
            graph = GRAPH_TYPES[media]
    return results or "json", graph or "turtle"


# ---------------------------------------------------------------- serialization (in the worker)

def _tsv(columns: list[str], rows: list[list[Any]]) -> bytes:
    lines = ["\t".join("?" + c for c in columns)]
    lines += ["\t".join("" if t is None else str(t) for t in r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _results(columns: list[str], rows: list[list[Any]], fmt: str) -> bytes:
    """SELECT results in ``fmt`` (json, xml, csv through rdflib's result serializers; tsv here)."""
    if fmt == "tsv":
        return _tsv(columns, rows)
    from rdflib.query import Result
    from rdflib.term import Variable

    from kg.store import from_ox

    res = Result("SELECT")
    res.vars = [Variable(c) for c in columns]
    res.bindings = [{Variable(c): from_ox(t) for c, t in zip(columns, r) if t is not None} for r in rows]
    return res.serialize(format=fmt)


def _boolean(value: bool, fmt: str) -> bytes:
    from rdflib.query import Result

    if fmt in ("csv", "tsv"):  # the CSV/TSV results spec defines no boolean form: the common practice
        return b"_askResult\n" + (b"true\n" if value else b"false\n")
    res = Result("ASK")
    res.askAnswer = value
    return res.serialize(format=fmt)


def answer(store: ox.Store, text: str, fmt: str, graph_fmt: str, max_rows: int,
           default_graphs: list[str], named_graphs: list[str]) -> Answer:
    """Run one query on ``store`` and serialize it (what a worker does for each request)."""
    kwargs: dict[str, Any] = {}
    try:
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    except ValueError as exc:
        return Answer(400, "text/plain; charset=utf-8", f"bad graph IRI: {exc}\n".encode())
    try:
        res = store.query(text, **kwargs)
    except SyntaxError as exc:
        msg = " ".join(str(exc).split())
        if any(w in text.upper() for w in ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE")):
            msg += " (this endpoint is read-only: SPARQL Update is refused)"
        return Answer(400, "text/plain; charset=utf-8", f"SPARQL syntax error: {msg}\n".encode())
    except (OSError, RuntimeError, ValueError) as exc:
        return Answer(400, "text/plain; charset=utf-8", f"query failed: {' '.join(str(exc).split())}\n".encode())
    truncated = False
    try:
        if isinstance(res, ox.QueryBoolean):
            return Answer(200, _CTYPE[fmt], _boolean(bool(res), fmt))
        if isinstance(res, ox.QuerySolutions):
            columns = [v.value for v in res.variables]
            rows = []
            for sol in res:
                if len(rows) == max_rows:
                    truncated = True
                    break
                rows.append(list(sol))
            return Answer(200, _CTYPE[fmt], _results(columns, rows, fmt), truncated)
        triples = []
        for t in res:
            if len(triples) == max_rows:
                truncated = True
                break
            triples.append(t)
        return Answer(200, _CTYPE[graph_fmt], ox.serialize(triples, format=_GRAPH_FORMATS[graph_fmt]) or b"",
                      truncated)
    except (OSError, RuntimeError, ValueError) as exc:
        return Answer(400, "text/plain; charset=utf-8", f"query failed: {' '.join(str(exc).split())}\n".encode())


def _worker(path: str, conn: Any) -> None:
    """Worker process: open the store read-only, answer requests until told to stop (None)."""
    try:
        store = ox.Store.read_only(path)
    except OSError as exc:
        conn.send(Answer(500, "text/plain; charset=utf-8", f"cannot open the store: {exc}\n".encode()))
        return
    conn.send(None)  # ready
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        try:
            conn.send(answer(store, *msg))
        except Exception as exc:  # a bug must answer 500, not leave the server waiting for the limit
            conn.send(Answer(500, "text/plain; charset=utf-8", f"internal error: {type(exc).__name__}: {exc}\n".encode()))


class _Worker:
    def __init__(self, path: str):
        ctx = multiprocessing.get_context("spawn")  # never fork a threaded server
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(path, child), daemon=True, name="kg-serve-sparql")
        self.proc.start()
        child.close()
        if not self.conn.poll(60):
            self.kill()
            raise RuntimeError("SPARQL worker did not start within 60 s")
        ready = self.conn.recv()
        if ready is not None:
            self.kill()
            raise RuntimeError(ready.body.decode("utf-8", "replace").strip())

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes answering queries with a time limit (a worker past it is killed and replaced)."""

    def __init__(self, path: str, *, timeout: float = 10.0, max_rows: int = 10000, workers: int = 2):
        self.path, self.timeout, self.max_rows = path, float(timeout), int(max_rows)
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(max(1, workers)):
            self._idle.put(None)  # started on first use
        self._all: list[_Worker] = []
        self._lock = threading.Lock()

    def run(self, text: str, fmt: str = "json", graph_fmt: str = "turtle", default_graphs: list[str] | None = None,
            named_graphs: list[str] | None = None) -> Answer:
        """Answer one query; 503 when it runs past the time limit or every worker stays busy that long."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer(503, "text/plain; charset=utf-8",
                          f"the SPARQL endpoint is busy: every worker ran queries for the last {self.timeout:g} s\n".encode())
        try:
            if worker is None:
                worker = _Worker(self.path)
                with self._lock:
                    self._all.append(worker)
            worker.conn.send((text, fmt, graph_fmt, self.max_rows, default_graphs or [], named_graphs or []))
            if worker.conn.poll(self.timeout):
                return worker.conn.recv()
            self._retire(worker)
            worker = None
            return Answer(503, "text/plain; charset=utf-8",
                          f"query stopped: it ran longer than the time limit of {self.timeout:g} s "
                          "(kg serve --timeout)\n".encode())
        except (EOFError, OSError, RuntimeError) as exc:
            if worker is not None:
                self._retire(worker)
                worker = None
            return Answer(500, "text/plain; charset=utf-8", f"SPARQL worker failed: {exc}\n".encode())
        finally:
            self._idle.put(worker)

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.kill()
