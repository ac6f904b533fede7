"""The persistent embedded store: pyoxigraph (RocksDB on disk), one named graph per input file.

Layout of the dataset
---------------------
* Every input file's triples live in their own named graph (the ``lic:Document``
  IRI, see docs/ARCHITECTURE.md "IRIs").
* A dedicated *manifest* graph (:data:`MANIFEST_GRAPH`) records which source
  path, with which sha256, owns which document graph.  It uses its own small
  bookkeeping vocabulary (:data:`BUILD`, ``dgb:``) so that no ``lic:`` query or
  SHACL shape ever matches it, and it is left out of :meth:`Store.graphs`,
  :meth:`Store.dump` and :meth:`Store.to_rdflib_dataset`.
* The default graph is not written to.

Query semantics
---------------
:meth:`Store.query` evaluates SPARQL with the default graph being the **union of
all graphs** (pyoxigraph ``use_default_graph_as_union=True``): a query without
``GRAPH`` sees every document's facts at once, which is what cross-filing
questions need; ``GRAPH ?g { ... }`` still tells which document states a fact.
The union is a bag: a triple stated by two documents (an organization's name,
say) matches twice, so use ``DISTINCT`` where that matters.  Parameters are
bound with pyoxigraph ``substitutions`` (SEP-0007), never formatted into text.

Atomicity
---------
:meth:`Store.replace_graph` drops the old graph, inserts the new one and updates
the manifest in ONE SPARQL Update request, which Oxigraph applies as one
RocksDB transaction: an interrupted build (even ``kill -9``) leaves each
document either fully old, fully new, or absent, never half written.
"""
from __future__ import annotations

import hashlib
import io
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Union

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg import build_cache
from kg.errors import QueryError, StoreError

__all__ = [
    "BUILD",
    "MANIFEST_GRAPH",
    "QueryResult",
    "Store",
    "to_ox",
    "from_ox",
]

#: Bookkeeping vocabulary of the build manifest (not part of the ``lic:`` ontology).
BUILD = "https://w3id.org/dealgraph/build#"
#: The named graph holding the manifest: source path -> (document graph, sha256).
MANIFEST_GRAPH = "https://w3id.org/dealgraph/id/manifest"
_ENTRY_BASE = MANIFEST_GRAPH + "/entry/"

_P_PATH = ox.NamedNode(BUILD + "sourcePath")
_P_SHA = ox.NamedNode(BUILD + "sha256")
_P_GRAPH = ox.NamedNode(BUILD + "graph")
_M = ox.NamedNode(MANIFEST_GRAPH)
# "derived data (kg.resolve) is stale": set in the same transaction as every
# document write, cleared once derivation finished, so a build killed between
# the two re-derives next time.
_STALE = f"<{MANIFEST_GRAPH}> <{BUILD}derivedStale> true"
_STALE_NQ = f'<{MANIFEST_GRAPH}> <{BUILD}derivedStale> "true"^^<http://www.w3.org/2001/XMLSchema#boolean>'

RdfTerm = Union[URIRef, BNode, Literal]
OxTerm = Union[ox.NamedNode, ox.BlankNode, ox.Literal]

# Formats accepted by dump(); quad formats keep the named graphs, triple formats
# write the union of the document graphs.
_FORMATS: dict[str, ox.RdfFormat] = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_QUAD_FORMATS = {"nquads", "trig", "jsonld"}


@dataclass
class QueryResult:
    """Result of a SPARQL query: column names and rows of rdflib terms (None = unbound).

    ASK queries give ``columns == ["ask"]`` and ``boolean`` set; CONSTRUCT and
    DESCRIBE give the columns ``subject, predicate, object``.
    """

    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)


# ---------------------------------------------------------------- term mapping

def _bnode_id(value: str) -> str:
    """A blank node label pyoxigraph accepts (alphanumeric), stable for one label."""
    if value and value.isascii() and value.isalnum():
        return value
    return "b" + hashlib.sha1(value.encode("utf-8")).hexdigest()


def to_ox(term: Any) -> OxTerm:
    """An rdflib term (or a pyoxigraph term, passed through) as a pyoxigraph term."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    try:
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(_bnode_id(str(term)))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None and term.datatype != XSD.string:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
    except ValueError as exc:
        raise StoreError(f"term {term!r} is not valid RDF: {exc}") from None
    raise StoreError(f"cannot store {type(term).__name__} {term!r} as an RDF term")


_LANG_STRING = RDF.langString


def from_ox(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term (xsd:string literals become plain literals)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise StoreError(f"unsupported term {term!r} in query result")


def _entry_iri(source_path: str) -> ox.NamedNode:
    """Manifest entry of one source path: deterministic, from the path's hash."""
    return ox.NamedNode(_ENTRY_BASE + hashlib.sha256(source_path.encode("utf-8")).hexdigest()[:32])


def _looks_like_store(path: Path) -> bool:
    """True if ``path`` is absent, empty, or already a RocksDB directory."""
    if not path.exists():
        return True
    if not path.is_dir():
        return False
    entries = os.listdir(path)
    return not entries or "CURRENT" in entries


def _store_open_error(path: str, exc: Exception, read_only: bool = False) -> StoreError:
    """Turn a RocksDB open failure into a one-line StoreError."""
    msg = " ".join(str(exc).split())
    if "lock" in msg.lower():
        return StoreError("store is in use by another process (close it or wait for it)", path=path)
    if read_only and ("no such file" in msg.lower() or "corruption" in msg.lower()):
        return StoreError("store changed while opening it for reading (is a build running?); try again",
                          path=path)
    return StoreError(f"cannot open store: {msg[:200]}", path=path)


# ---------------------------------------------------------------- the store

class Store:
    """A dealgraph store: pyoxigraph on disk at ``path`` (None = in memory, for tests).

    ``create=False`` refuses to create a new store.  ``read_only=True`` (for
    commands that only read: query, validate, export...) opens an existing
    store without taking its lock, so readers never wait for each other or for
    a build; a reader sees the store as it was when opened (RocksDB read-only
    mode; Oxigraph does not promise more while another process writes, so a
    read racing a build may fail with a one-line error: run it again).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, create: bool = True,
                 read_only: bool = False):
        self.path = None if path is None else str(path)
        self.read_only = bool(read_only) and path is not None
        #: what the last build kept beside this store (kg.build_cache), taken by a writable open
        self.cache: build_cache.Cache | None = None
        if path is None:
            self._ox = ox.Store()
            return
        p = Path(path)
        if (not create or self.read_only) and not (p.is_dir() and (p / "CURRENT").exists()):
            raise StoreError("no store here (build one with: kg build PATH... --store DIR)", path=self.path)
        if not _looks_like_store(p):
            raise StoreError("not a dealgraph store (a file or a non-empty directory of other files)", path=self.path)
        try:
            self._ox = ox.Store.read_only(str(p)) if self.read_only else ox.Store(str(p))
        except (OSError, RuntimeError) as exc:  # RocksDB reports some open failures as RuntimeError
            raise _store_open_error(self.path, exc, self.read_only) from None
        if not self.read_only:  # any writer may change what the cache describes: only a finished build puts one back
            self.cache = build_cache.take(p)

    # -- life cycle
    def close(self) -> None:
        """Flush and release the store (and its lock)."""
        if getattr(self, "_ox", None) is not None:
            if not self.read_only:
                try:
                    self._ox.flush()
                except OSError:
                    pass
                if self.path is not None:
                    build_cache.discard(self.path)
            self._ox = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def ox(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk reads by kg.query, kg.export...)."""
        if self._ox is None:
            raise StoreError("store is closed", path=self.path)
        return self._ox

    def __len__(self) -> int:
        """Number of quads in the document graphs (the manifest is not counted)."""
        total = len(self.ox)
        return total - sum(1 for _ in self.ox.quads_for_pattern(None, None, None, _M))

    # -- writing
    def replace_graph(self, graph_iri: Any, graph: rdflib.Graph | Iterable[tuple] | bytes, *,
                      source_path: str, sha256: str) -> int:
        """Write one document's named graph and its manifest entry in ONE transaction.

        ``graph`` is an rdflib graph, (s, p, o) tuples, or N-Triples bytes (what
        kg.build's workers send: checked by parsing, then used as the update text).
        Old triples of ``graph_iri`` are dropped; if ``source_path`` owned another
        graph before (its content changed its IRI) and no other path owns that
        one, it is dropped too; manifest entries pointing at ``graph_iri`` with a
        different sha256 are removed.  Returns the number of triples written.
        """
        g = to_ox(URIRef(str(graph_iri)) if isinstance(graph_iri, str) else graph_iri)
        if not isinstance(g, ox.NamedNode) or g == _M:
            raise StoreError(f"graph name {graph_iri!r} must be a document IRI")
        entry = _entry_iri(source_path)
        if isinstance(graph, (bytes, bytearray)) and self._is_new(g, entry):
            n = self._load_new(g, entry, bytes(graph), source_path, sha256)
            if n >= 0:
                return n
        parts: list[str] = []
        # The graph this path owned before, if it is a different one and nobody else owns it.
        old = self._graph_of_entry(entry)
        if old is not None and old != g and not self._other_owners(old, entry):
            parts.append(f"DROP SILENT GRAPH {old}")
        parts.append(f"DROP SILENT GRAPH {g}")
        parts.append(f"DELETE WHERE {{ GRAPH {_M} {{ {entry} ?p ?o }} }}")
        # Entries of other paths that claimed this graph with other content are stale now.
        parts.append(
            f"DELETE {{ GRAPH {_M} {{ ?e ?p ?o }} }} WHERE {{ GRAPH {_M} {{ "
            f"?e {_P_GRAPH} {g} ; {_P_SHA} ?h ; ?p ?o . FILTER(?h != {ox.Literal(sha256)}) }} }}"
        )
        lines: list[str] = []
        n = 0
        if isinstance(graph, (bytes, bytearray)):
            # Valid N-Triples is valid INSERT DATA content (terms print the same way, and no
            # "}" can occur outside a literal), so the parse only checks and counts.
            try:
                n = sum(1 for _ in ox.parse(bytes(graph), ox.RdfFormat.N_TRIPLES))
            except SyntaxError as exc:
                raise StoreError(f"not valid N-Triples: {exc}", path=self.path) from None
            lines.append(bytes(graph).decode("utf-8"))
        else:
            for triple in graph:
                s, p, o = (to_ox(t) for t in tuple(triple)[:3])
                lines.append(f"{s} {p} {o} .")
                n += 1
        manifest = (f"{entry} {_P_PATH} {ox.Literal(source_path)} ; "
                    f"{_P_SHA} {ox.Literal(sha256)} ; {_P_GRAPH} {g} .")
        parts.append(f"INSERT DATA {{ GRAPH {g} {{ {chr(10).join(lines)} }} GRAPH {_M} {{ {manifest} {_STALE} . }} }}")
        self._update(" ;\n".join(parts))
        return n

    def _is_new(self, g: ox.NamedNode, entry: ox.NamedNode) -> bool:
        """Nothing to drop for this document: no triples in ``g``, no manifest entry of the path or naming ``g``."""
        return (next(iter(self.ox.quads_for_pattern(None, None, None, g)), None) is None
                and next(iter(self.ox.quads_for_pattern(entry, None, None, _M)), None) is None
                and next(iter(self.ox.quads_for_pattern(None, _P_GRAPH, g, _M)), None) is None)

    def _load_new(self, g: ox.NamedNode, entry: ox.NamedNode, ntriples: bytes, source_path: str, sha256: str) -> int:
        """A new document in ONE transaction without SPARQL text: Oxigraph's transactional ``load`` of
        N-Quads (its triples, its manifest entry, the stale mark).  Why: parsing an INSERT DATA of each
        document was 1.5 s of 9.7 s for 380 filings (bench/extract.py).  Returns the number of triples,
        or -1 (nothing written) when the bytes are not one statement per line: replace_graph's SPARQL path."""
        try:  # checked as N-Triples first: a broken line could read as a valid quad once the graph is named
            n = sum(1 for _ in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise StoreError(f"not valid N-Triples: {exc}", path=self.path) from None
        # N-Triples lines end with " .\n" (a newline inside a literal is written \n): name the graph there
        body = ntriples if ntriples.endswith(b"\n") or not ntriples else ntriples + b"\n"
        if body.count(b" .\n") != n:  # not one statement per line (comments, several per line): the slow path
            return -1
        quads = body.replace(b" .\n", f" {g} .\n".encode("utf-8"))
        manifest = (f"{entry} {_P_PATH} {ox.Literal(source_path)} {_M} .\n{entry} {_P_SHA} {ox.Literal(sha256)} {_M} .\n"
                    f"{entry} {_P_GRAPH} {g} {_M} .\n{_STALE_NQ} {_M} .\n")
        try:
            self.ox.load(input=quads + manifest.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise StoreError(f"not valid N-Triples: {exc}", path=self.path) from None
        except OSError as exc:
            raise StoreError(f"write failed: {exc}", path=self.path) from None
        return n

    def record_source(self, source_path: str, graph_iri: Any, sha256: str) -> None:
        """Record that ``source_path`` (same content as a built file) is held by ``graph_iri``."""
        g = to_ox(URIRef(str(graph_iri)))
        entry = _entry_iri(source_path)
        self._update(
            f"DELETE WHERE {{ GRAPH {_M} {{ {entry} ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH {_M} {{ {entry} {_P_PATH} {ox.Literal(source_path)} ; "
            f"{_P_SHA} {ox.Literal(sha256)} ; {_P_GRAPH} {g} . }} }}"
        )

    def forget_source(self, source_path: str) -> bool:
        """Drop ``source_path`` from the manifest, and its graph if no other path owns it.

        Returns True if the path was in the manifest.  One transaction.
        """
        entry = _entry_iri(source_path)
        old = self._graph_of_entry(entry)
        if old is None:
            return False
        parts = [f"DELETE WHERE {{ GRAPH {_M} {{ {entry} ?p ?o }} }}"]
        if not self._other_owners(old, entry):
            parts.append(f"DROP SILENT GRAPH {old}")
            parts.append(f"INSERT DATA {{ GRAPH {_M} {{ {_STALE} . }} }}")
        self._update(" ;\n".join(parts))
        return True

    def remove_graph(self, graph_iri: Any) -> None:
        """Remove a document graph and every manifest entry pointing at it (one transaction)."""
        g = to_ox(URIRef(str(graph_iri)))
        self._update(
            f"DROP SILENT GRAPH {g} ;\n"
            f"DELETE {{ GRAPH {_M} {{ ?e ?p ?o }} }} WHERE {{ GRAPH {_M} {{ ?e {_P_GRAPH} {g} ; ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH {_M} {{ {_STALE} . }} }}"
        )

    def derived_stale(self) -> bool:
        """True when documents changed since derived data (kg.resolve) was last brought up to date."""
        return bool(self.ox.query(f"ASK {{ GRAPH {_M} {{ {_STALE} }} }}"))

    def mark_derived_fresh(self) -> None:
        """Record that derived data reflects the current documents (call after kg.resolve)."""
        self._update(f"DELETE DATA {{ GRAPH {_M} {{ {_STALE} . }} }}")

    def add_quads(self, quads: Iterable[tuple]) -> None:
        """Add (s, p, o, g) quads atomically (rdflib or pyoxigraph terms) without manifest bookkeeping.

        For derived graphs (entity resolution) and tests; document graphs go
        through :meth:`replace_graph`.
        """
        self._writable()
        out = []
        for s, p, o, g in quads:
            gg = ox.DefaultGraph() if g is None else to_ox(g)
            out.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), gg))
        try:
            self.ox.extend(out)
        except OSError as exc:
            raise StoreError(f"write failed: {exc}", path=self.path) from None

    #: Bytes of N-Quads handed to one Oxigraph bulk load; why: Oxigraph's bulk loader
    #: holds a whole call's input in memory while it sorts it into RocksDB files
    #: (one 1.7 GB call peaks near 1.9 GB), while small slices keep the peak low and
    #: load faster (bench/scale.py, 800k quads: 6.9 s whole, 5.1 s in 32 MB, 4.1 s in 8 MB slices).
    BULK_SLICE_BYTES = 8 * 1024 * 1024
    #: Slices loaded at once; why: one Oxigraph bulk load keeps about one core busy, two
    #: threads load 8 M quads in 38 s instead of 53 s on the 2-core bench machine.
    BULK_THREADS = min(2, os.cpu_count() or 1)

    def bulk_load(self, nquads: str | os.PathLike[str] | bytes) -> int:
        """Bulk-ingest N-Quads (a file path or bytes) in slices.  Fast, NOT transactional, no manifest.

        Meant for loading a previously exported dataset into a fresh store.
        N-Quads is line-based, so the input is cut at line ends into
        :data:`BULK_SLICE_BYTES` slices, loaded by :data:`BULK_THREADS` threads
        (at most two slices waiting per thread, so memory stays bounded).
        Returns the number of bytes read.
        """
        self._writable()
        where = None if isinstance(nquads, (bytes, bytearray)) else str(nquads)
        try:
            stream: IO[bytes] = io.BytesIO(bytes(nquads)) if where is None else open(where, "rb")
        except OSError as exc:
            raise StoreError(f"bulk load: cannot read: {exc.strerror or exc}", path=where) from None

        def load(chunk: bytes) -> None:
            try:
                self.ox.bulk_load(input=chunk, format=ox.RdfFormat.N_QUADS)
            except SyntaxError as exc:
                raise StoreError(f"bulk load: not valid N-Quads: {exc}", path=where) from None
            except OSError as exc:
                raise StoreError(f"bulk load failed: {exc}", path=self.path) from None

        total = 0
        with stream, ThreadPoolExecutor(self.BULK_THREADS) as pool:
            pending: deque[Future[None]] = deque()
            while True:
                chunk = stream.read(self.BULK_SLICE_BYTES)
                if not chunk:
                    break
                if not chunk.endswith(b"\n"):
                    chunk += stream.readline()
                total += len(chunk)
                pending.append(pool.submit(load, chunk))
                while len(pending) >= 2 * self.BULK_THREADS:
                    pending.popleft().result()
            for f in pending:
                f.result()
        return total

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("store is open read-only", path=self.path)

    def _update(self, text: str) -> None:
        self._writable()
        try:
            self.ox.update(text)
        except SyntaxError as exc:  # a term we serialized is not valid SPARQL: a bug, say so
            raise StoreError(f"internal: generated update is not valid SPARQL: {exc}", path=self.path) from None
        except OSError as exc:
            raise StoreError(f"write failed: {' '.join(str(exc).split())}", path=self.path) from None

    # -- reading the manifest
    def _graph_of_entry(self, entry: ox.NamedNode) -> ox.NamedNode | None:
        for q in self.ox.quads_for_pattern(entry, _P_GRAPH, None, _M):
            return q.object
        return None

    def _other_owners(self, graph: ox.NamedNode, entry: ox.NamedNode) -> bool:
        return any(q.subject != entry for q in self.ox.quads_for_pattern(None, _P_GRAPH, graph, _M))

    def manifest(self) -> dict[str, tuple[str, str]]:
        """Source path -> (document graph IRI, sha256) of every file built into this store."""
        # one scan per property (a lookup per entry cost 0.3 s at 10,000 files: most of a no-op build)
        graphs = {q.subject: q.object.value for q in self.ox.quads_for_pattern(None, _P_GRAPH, None, _M)}
        shas = {q.subject: q.object.value for q in self.ox.quads_for_pattern(None, _P_SHA, None, _M)}
        out: dict[str, tuple[str, str]] = {}
        for q in self.ox.quads_for_pattern(None, _P_PATH, None, _M):
            graph, sha = graphs.get(q.subject), shas.get(q.subject)
            if graph is not None and sha is not None:
                out[q.object.value] = (graph, sha)
        return dict(sorted(out.items()))

    def graphs(self) -> list[str]:
        """IRIs of the named graphs holding data (documents and derived graphs), sorted; not the manifest."""
        return sorted(g.value for g in self.ox.named_graphs()
                      if isinstance(g, ox.NamedNode) and g != _M
                      and next(iter(self.ox.quads_for_pattern(None, None, None, g)), None) is not None)

    def graph(self, graph_iri: str) -> rdflib.Graph:
        """One named graph as an rdflib Graph (identifier = the graph IRI)."""
        g = ox.NamedNode(str(graph_iri))
        out = rdflib.Graph(identifier=URIRef(str(graph_iri)))
        for q in self.ox.quads_for_pattern(None, None, None, g):
            out.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return out

    # -- querying
    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
        """Run SPARQL over the union of all graphs with ``bindings`` bound as variables.

        ``bindings`` maps a variable name (with or without ``?``) to an rdflib or
        pyoxigraph term (a plain str becomes a literal).  Bound, never formatted.
        Oxigraph substitutes only variables a SELECT projects (``SELECT *`` is
        fine); ASK and CONSTRUCT accept any variable of the pattern.
        """
        subs = {}
        for name, value in (bindings or {}).items():
            # rdflib terms are str subclasses: only a bare str becomes a plain literal
            term = to_ox(value) if isinstance(value, rdflib.term.Identifier) or not isinstance(value, str) \
                else ox.Literal(value)
            subs[ox.Variable(name.lstrip("?$"))] = term
        try:
            res = self.ox.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {' '.join(str(exc).split())}") from None
        except RuntimeError as exc:  # Oxigraph binds only projected variables (SEP-0007)
            msg = " ".join(str(exc).split())
            if "projection" in msg:
                msg += " (a bound parameter must be a SELECT column: add it, with GROUP BY if aggregating)"
            raise QueryError(f"query failed: {msg}") from None
        except OSError as exc:
            raise QueryError(f"query failed: {' '.join(str(exc).split())}", path=self.path) from None
        if isinstance(res, ox.QueryBoolean):
            return QueryResult(["ask"], [], bool(res))
        if isinstance(res, ox.QuerySolutions):
            cols = [v.value for v in res.variables]
            rows = [tuple(from_ox(sol[i]) for i in range(len(cols))) for sol in res]
            return QueryResult(cols, rows)
        rows = [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in res]
        return QueryResult(["subject", "predicate", "object"], rows)

    # -- whole-store views
    def _data_quads(self) -> Iterator[ox.Quad]:
        for q in self.ox.quads_for_pattern(None, None, None, None):
            if q.graph_name != _M:
                yield q

    def to_rdflib_dataset(self) -> rdflib.Dataset:
        """The document graphs as an rdflib Dataset (for pyshacl and rdflib serializers)."""
        ds = rdflib.Dataset()
        for q in self._data_quads():
            g = q.graph_name
            ctx = ds.default_graph if isinstance(g, ox.DefaultGraph) else ds.graph(from_ox(g))
            ctx.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return ds

    def union_graph(self) -> rdflib.Graph:
        """The union of the document graphs as one rdflib Graph (for full-store SHACL)."""
        g = rdflib.Graph()
        for q in self._data_quads():
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return g

    def dump(self, fmt: str, out: str | os.PathLike[str] | IO[bytes] | None = None, *,
             prefixes: dict[str, str] | None = None) -> bytes | None:
        """Serialize the document graphs (manifest excluded).

        ``fmt``: nquads, trig, jsonld (named graphs kept) or turtle, ntriples,
        rdfxml (the union as triples).  Returns bytes when ``out`` is None.
        """
        if fmt not in _FORMATS:
            raise StoreError(f"unknown dump format {fmt!r} (one of: {', '.join(_FORMATS)})")
        if fmt in _QUAD_FORMATS:
            data: Iterable = self._data_quads()
        else:
            seen: set = set()
            data = (t for t in (ox.Triple(q.subject, q.predicate, q.object) for q in self._data_quads())
                    if not (t in seen or seen.add(t)))
        kwargs = {"prefixes": prefixes} if prefixes and fmt not in ("nquads", "ntriples") else {}
        try:
            return ox.serialize(data, None if out is None else (str(out) if isinstance(out, (str, os.PathLike)) else out),
                                _FORMATS[fmt], **kwargs)
        except OSError as exc:
            raise StoreError(f"cannot write {fmt}: {exc}", path=str(out) if isinstance(out, (str, os.PathLike)) else None) from None

    def canonical_nquads(self, graph_iri: str | None = None) -> str:
        """Canonical N-Quads (RDFC-1.0 blank-node labels, lines sorted) of one graph or all document graphs."""
        quads = (self.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri)))
                 if graph_iri is not None else self._data_quads())
        ds = ox.Dataset(quads)
        if any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in ds):
            ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        lines = sorted(str(q) + " ." for q in ds)
        return "\n".join(lines) + ("\n" if lines else "")
