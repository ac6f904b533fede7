"""Compaction of a store's RocksDB files, as part of the store's life: after big writes, not small ones.

Why: Oxigraph keeps its six quad indexes in RocksDB, whose writes land in new
sorted files (a bulk load or a transaction adds files, a deletion adds
tombstones); reads then merge several files per lookup until RocksDB compacts
them.  ``kg build`` never waited for that, so the store users query for weeks
was the uncompacted one: at 100k deals, the 2-hop "same technology" query took
29 s before ``Store.optimize()`` (full compaction, 11.7 s) and 11 s after,
"upfronts > USD 20M" 1.2-2.7 s before and 0.7 s after (issue 18).

Policy (:func:`settle`, run by :func:`kg.build.build` after resolution, and by
``kg optimize``): the store counts the quads written (added or removed) since
its last compaction in its manifest graph (``dgb:writtenSinceCompaction``),
and compacts once that count reaches :data:`COMPACT_FRACTION` of the quads it
held after its last compaction, and at least :data:`COMPACT_MIN_QUADS`.  A
full compaction costs time in proportion to the whole store, so a relative
threshold keeps its cost per written quad bounded whatever the store's size,
while a 1-file incremental build (a few hundred quads) never pays it.  The
first big build of a store compacts it (nothing compacted yet: any count over
the minimum).  Numbers behind the two constants: bench/README.md ("Compaction").
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.errors import StoreError

__all__ = ["COMPACT_FRACTION", "COMPACT_MIN_QUADS", "Compaction", "compact", "record_writes", "settle"]

#: Compact once the quads written since the last compaction reach this share of the store's quads then.
COMPACT_FRACTION = 0.2
#: ... and at least this many (below it, an uncompacted store answers as fast: bench/README.md).
COMPACT_MIN_QUADS = 50_000

_M = ox.NamedNode("https://w3id.org/dealgraph/id/manifest")  # kg.store.MANIFEST_GRAPH
_BUILD = "https://w3id.org/dealgraph/build#"  # kg.store.BUILD
_WRITTEN = ox.NamedNode(_BUILD + "writtenSinceCompaction")
_SIZE = ox.NamedNode(_BUILD + "quadsAtCompaction")
_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


@dataclass
class Compaction:
    """What :func:`settle` did: whether it compacted, in how long, and the counts it decided on."""

    compacted: bool
    seconds: float
    written: int  # quads written since the last compaction (before this one)
    threshold: int  # the count that triggers compaction

    def line(self) -> str:
        """One line for the build report."""
        if self.compacted:
            return (f"compacted the store in {self.seconds:.1f}s ({self.written:,} quads written since the last "
                    f"compaction, threshold {self.threshold:,})")
        return (f"not compacted ({self.written:,} quads written since the last compaction, "
                f"threshold {self.threshold:,})")


def _ox(store: Any) -> ox.Store:
    from kg.query import oxigraph_store

    return oxigraph_store(store)


def _count(ox_store: ox.Store, pred: ox.NamedNode) -> int:
    for q in ox_store.quads_for_pattern(_M, pred, None, _M):
        try:
            return int(q.object.value)
        except ValueError:
            return 0
    return 0


def _set(ox_store: ox.Store, pred: ox.NamedNode, value: int) -> None:
    for q in list(ox_store.quads_for_pattern(_M, pred, None, _M)):
        ox_store.remove(q)
    ox_store.add(ox.Quad(_M, pred, ox.Literal(str(value), datatype=_INT), _M))


def record_writes(store: Any, quads: int) -> int:
    """Add ``quads`` (written, i.e. added or removed) to the store's count since its last compaction; the new count."""
    ox_store = _ox(store)
    total = _count(ox_store, _WRITTEN) + max(0, int(quads))
    try:
        _set(ox_store, _WRITTEN, total)
    except OSError as exc:
        raise StoreError(f"cannot record the write count: {exc}") from None
    return total


def threshold(store: Any) -> int:
    """The write count at which the store is compacted next (see the module docstring)."""
    return max(COMPACT_MIN_QUADS, int(COMPACT_FRACTION * _count(_ox(store), _SIZE)))


def compact(store: Any) -> float:
    """Full compaction (Oxigraph ``Store.optimize``) now; resets the write count.  Returns the seconds it took."""
    ox_store = _ox(store)
    t0 = time.perf_counter()
    try:
        ox_store.optimize()
        size = len(ox_store)  # why: the base of the next threshold (~0.5 s at 8 M quads, after compaction)
        _set(ox_store, _SIZE, size)
        _set(ox_store, _WRITTEN, 0)
        ox_store.flush()
    except OSError as exc:
        raise StoreError(f"compaction failed: {' '.join(str(exc).split())}",
                         path=getattr(store, "path", None)) from None
    return time.perf_counter() - t0


def settle(store: Any, written: int, *, force: bool = False) -> Compaction:
    """Count ``written`` quads, then compact when the count reached the threshold (or ``force``)."""
    total = record_writes(store, written) if written else _count(_ox(store), _WRITTEN)
    limit = threshold(store)
    if force or total >= limit:
        return Compaction(True, compact(store), total, limit)
    return Compaction(False, 0.0, total, limit)
