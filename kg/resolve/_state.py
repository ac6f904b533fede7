"""What kg.resolve keeps to undo its own rewrites, and how it writes a change in one transaction.

Resolution rewrites document graphs (merged IRIs replaced by their canonical
IRI), so a merge that stops holding (a document removed or changed) could not
be undone from the rewritten graphs alone.  For every document graph it
rewrote, resolution keeps one *record* in the store's bookkeeping graph
(:data:`kg.store.MANIFEST_GRAPH`, left out of dumps, exports and
``canonical_nquads``): ``<doc> dgb:resolution "json"`` with

* ``map``: the substitution applied to that graph (raw IRI -> canonical IRI);
* ``drop``: the graph's statements left out by :mod:`kg.resolve._reconcile`
  (a single-valued field another document's value won), as N-Triples lines;
* ``raw``: the graph's original triples naming any IRI of ``map`` (either side)
  or a subject of ``drop``, as N-Triples;
* ``digest``: SHA-256 of the graph as resolution wrote it.

The unresolved graph is then ``(current - triples naming a canonical of map or
a subject of drop) | raw``.
A record whose digest no longer matches its graph is stale (the build wrote
the document again, or dropped it): that graph already holds its raw triples.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from typing import Iterable

import pyoxigraph as ox

from kg.errors import StoreError

MANIFEST = ox.NamedNode("https://w3id.org/dealgraph/id/manifest")  # kg.store.MANIFEST_GRAPH
P_RECORD = ox.NamedNode("https://w3id.org/dealgraph/build#resolution")  # kg.store.BUILD vocabulary
#: one record per document graph: the facts resolution reads from it, as JSON (kg.resolve._facts.dumps);
#: the name carries the record format (2: with lic:licensor/lic:licensee; 3: with lic:exclusive, for the
#: deal table), so older records are never read
P_FACTS = ox.NamedNode("https://w3id.org/dealgraph/build#resolveFacts4")  # 4: with rdfs:label, for the table's ranks
#: records of earlier formats, dropped by the next (full) pass
P_FACTS_OLD = (ox.NamedNode("https://w3id.org/dealgraph/build#resolveFacts"),
               ox.NamedNode("https://w3id.org/dealgraph/build#resolveFacts2"),
               ox.NamedNode("https://w3id.org/dealgraph/build#resolveFacts3"))


def digest(quads: Iterable[ox.Quad]) -> str:
    """SHA-256 of a graph's triples (sorted N-Triples lines), as Oxigraph stores them."""
    lines = sorted(f"{q.subject} {q.predicate} {q.object}" for q in quads)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def names(q: ox.Quad, iris: set[str] | dict) -> bool:
    return ((isinstance(q.subject, ox.NamedNode) and q.subject.value in iris)
            or (isinstance(q.object, ox.NamedNode) and q.object.value in iris))


def unresolve(current: list[ox.Quad], record: dict, graph: ox.NamedNode) -> list[ox.Quad]:
    """The graph's triples before resolution rewrote it (see the module docstring)."""
    canon = set(record["map"].values()) | drop_subjects(record)
    kept = [q for q in current if not names(q, canon)]
    raw = [ox.Quad(t.subject, t.predicate, t.object, graph)
           for t in ox.parse(record["raw"], ox.RdfFormat.N_TRIPLES)] if record["raw"] else []
    return list(dict.fromkeys(kept + raw))


def drop_subjects(record: dict) -> set[str]:
    """IRIs of the subjects whose statements a record's ``drop`` left out."""
    return {t.subject.value for t in ox.parse(record["drop"], ox.RdfFormat.N_TRIPLES)
            if isinstance(t.subject, ox.NamedNode)} if record.get("drop") else set()


def drop_text(drop: Iterable[ox.Quad]) -> str:
    """``drop`` as a record holds it: sorted N-Triples lines ("" when nothing is left out)."""
    lines = sorted(f"{q.subject} {q.predicate} {q.object} ." for q in drop)
    return "\n".join(lines) + "\n" if lines else ""


def substitute(quads: Iterable[ox.Quad], mapping: dict[str, str]) -> list[ox.Quad]:
    """Every subject and object IRI in ``mapping`` replaced by its canonical IRI."""
    nodes = {k: ox.NamedNode(v) for k, v in mapping.items()}
    out = []
    for q in quads:
        s = nodes.get(q.subject.value, q.subject) if isinstance(q.subject, ox.NamedNode) else q.subject
        o = nodes.get(q.object.value, q.object) if isinstance(q.object, ox.NamedNode) else q.object
        out.append(ox.Quad(s, q.predicate, o, q.graph_name))
    return list(dict.fromkeys(out))


def record_quad(graph: ox.NamedNode, raw: list[ox.Quad], mapping: dict[str, str], written: list[ox.Quad],
                drop: Iterable[ox.Quad] = ()) -> ox.Quad:
    """The bookkeeping quad that lets a later run undo ``mapping`` and ``drop`` on ``graph``."""
    drop = list(drop)
    touched = set(mapping) | set(mapping.values()) | {q.subject.value for q in drop if isinstance(q.subject, ox.NamedNode)}
    lines = sorted(f"{q.subject} {q.predicate} {q.object} ." for q in raw if names(q, touched))
    rec = {"map": dict(sorted(mapping.items())), "raw": "\n".join(lines) + "\n", "digest": digest(written)}
    if drop:
        rec["drop"] = drop_text(drop)
    text = json.dumps(rec, ensure_ascii=False, sort_keys=True)
    return ox.Quad(graph, P_RECORD, ox.Literal(text), MANIFEST)


def _quad_block(quads: list[ox.Quad]) -> str:
    by_graph: dict[str, list[str]] = defaultdict(list)
    for q in quads:
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        by_graph[g].append(f"{q.subject} {q.predicate} {q.object} .")
    parts = []
    for g, lines in by_graph.items():
        body = "\n".join(lines)
        parts.append(f"GRAPH {g} {{\n{body}\n}}" if g else body)
    return "\n".join(parts)


def _has_bnode(q: ox.Quad) -> bool:
    return isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)


def apply(ox_store: ox.Store, remove: list[ox.Quad], add: list[ox.Quad]) -> None:
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


#: Bytes of N-Triples per Oxigraph bulk load; why: one call sorts its whole input in memory
#: (400,000 table rows at 100k deals: +230 MB), ~8 MB slices keep it near 30 MB at the same speed.
BULK_SLICE = 8 * 1024 * 1024


def write_rows(ox_store: ox.Store, graph: ox.NamedNode, remove: list[str], add: list[str]) -> None:
    """Delete then add derived rows (N-Triples lines) in ``graph``: one SPARQL ``DELETE DATA``, then
    Oxigraph's bulk loader (no transaction held in memory).  Not atomic: callers write only data they
    recompute in full on the next run, while the store is marked stale (kg.store ``derivedStale``)."""
    try:
        if remove:
            ox_store.update(f"DELETE DATA {{ GRAPH {graph} {{\n" + "\n".join(remove) + "\n} }")
        chunk: list[str] = []
        size = 0
        for line in add:
            chunk.append(line)
            size += len(line)
            if size >= BULK_SLICE:
                ox_store.bulk_load(input="\n".join(chunk).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
                chunk, size = [], 0
        if chunk:
            ox_store.bulk_load(input="\n".join(chunk).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    except (OSError, SyntaxError, RuntimeError, ValueError) as e:
        raise StoreError(f"entity resolution could not write the deal table: {' '.join(str(e).split())}") from None


_P_GRAPH = ox.NamedNode("https://w3id.org/dealgraph/build#graph")  # kg.store manifest entries
_P_PATH = ox.NamedNode("https://w3id.org/dealgraph/build#sourcePath")


def sources(ox_store: ox.Store) -> dict[str, str]:
    """Document graph IRI -> the source file it was built from (the least path, when several files hold it)."""
    paths = {q.subject: q.object.value for q in ox_store.quads_for_pattern(None, _P_PATH, None, MANIFEST)}
    out: dict[str, str] = {}
    for q in ox_store.quads_for_pattern(None, _P_GRAPH, None, MANIFEST):
        path = paths.get(q.subject)
        if path is not None and (q.object.value not in out or path < out[q.object.value]):
            out[q.object.value] = path
    return out


def source(ox_store: ox.Store, graph: str) -> str:
    """The source file document graph ``graph`` was built from (the least path when several files hold it), else ``graph``.

    A lookup per graph: reconciliation names the files of the few graphs it reports on
    (reading every manifest entry for them cost 0.6 s of a 1-file build at 10,000 files)."""
    paths = [p.object.value for q in ox_store.quads_for_pattern(None, _P_GRAPH, ox.NamedNode(graph), MANIFEST)
             for p in ox_store.quads_for_pattern(q.subject, _P_PATH, None, MANIFEST)]
    return min(paths) if paths else graph
