"""What ``kg build`` keeps beside its store, so that the next build need not read it all back (issue 18).

A store that a build finished writing holds a folder :data:`CACHE_DIR` with two files:

* ``manifest.json``: the store's manifest (source path -> document graph, sha256) as ``entries``, one
  array each: ``[path, graph, sha256, size, mtime_ns, ctime_ns, inode, device]``, the last five the
  file's ``stat`` when its sha256 was taken (absent when not known), and ``written_ns``, when;
* ``resolution.nt``: the resolution graph (kg.resolve: merges, labels, the deal table) as N-Triples lines;
* ``facts.marshal``: the facts of every document as kg.resolve pooled them (``Facts.state``, Python's
  ``marshal`` format: plain values only, read ~10x faster than JSON; written only by kg build).

Why: at 10,000 filings a build that changed one file spent ~0.3 s reading the manifest back (three
scans of 10,000 quads, ~7 µs a quad), ~0.2 s hashing every unchanged file and ~0.4 s dumping the
resolution graph to diff the deal table against it, and ~0.5 s reading and pooling the facts
records of 10,000 documents to change one: most of its 2.6 s.

Trust.  The cache describes the store exactly as the build that wrote it left it:

* every writable open of the store takes it away (:func:`take`, called by :class:`kg.store.Store`:
  the folder is renamed aside and deleted when the store closes), so any other writer -- a build
  that fails or is killed, ``kg optimize``, a query resolving a stale store -- leaves a store
  without a cache, and the next build reads the store itself;
* only a build that finished (documents written, resolution done) writes a new one
  (:class:`Writer`: into a fresh folder, renamed into place last);
* a file's cached sha256 is used only while its size, mtime, ctime, inode and device are those it
  had when hashed, and its mtime is older than the cache by more than :data:`RACY_NS` (a file
  rewritten within the clock tick that wrote the cache could keep all five: it is hashed again,
  as git treats "racily clean" index entries).

The cache is an accelerator only: a missing, unreadable or malformed cache reads as none.
:class:`Keeper` is what kg.build records as it goes (manifest changes, file stats) to write the next one.
"""
from __future__ import annotations

import gc
import json
import marshal
import os
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["CACHE_DIR", "RACY_NS", "Cache", "Keeper", "Writer", "take", "peek_digests", "fingerprint"]

#: The cache folder inside a store folder (RocksDB ignores files it did not name).
CACHE_DIR = "dealgraph-cache"
_TAKEN = CACHE_DIR + ".taken"
_NEW = CACHE_DIR + ".new"
_FORMAT = "dealgraph build cache 1"
#: what kg.resolve writes into the cache folder (its ``keep``)
_RESOLVED = ("resolution.nt", "facts.marshal")
#: A cached sha256 is trusted only for files last modified this long before the cache was written.
RACY_NS = 2_000_000_000


def fingerprint(st: os.stat_result) -> tuple[int, int, int, int, int]:
    """What must not change for a file's cached sha256 to stand: size, mtime, ctime, inode, device."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


@dataclass
class Cache:
    """A cache as read: the manifest with each file's stat fingerprint, and the resolution graph's lines."""

    folder: Path
    written_ns: int
    manifest: dict[str, tuple[str, str]] = field(default_factory=dict)
    stats: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def digest(self, path: str, st: os.stat_result) -> str | None:
        """The cached sha256 of ``path`` (absolute) if its stat is unchanged and old enough, else None."""
        known = self.stats.get(path)
        fp = fingerprint(st)
        if known is None or tuple(known) != fp or fp[1] >= self.written_ns - RACY_NS:
            return None
        entry = self.manifest.get(path)
        return entry[1] if entry else None

    def pooled_facts(self) -> dict | None:
        """The facts of every document as the last resolve pooled them (kg.resolve._facts.Facts.state), or None."""
        was_enabled = gc.isenabled()
        gc.disable()  # why: ~1 M small acyclic objects; the cyclic collector would rescan them over and over
        try:
            state = marshal.loads((self.folder / "facts.marshal").read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        finally:
            if was_enabled:
                gc.enable()
        return state if isinstance(state, dict) and {"union", "decimal", "typed", "in_graph", "shared", "graphs"} <= set(state) else None

    def resolution_lines(self) -> list[str] | None:
        """The resolution graph as the last build left it (N-Triples lines), or None if unreadable."""
        try:
            text = (self.folder / "resolution.nt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return [line for line in text.split("\n") if line]  # not splitlines(): U+2028 is no line end here


def _read(folder: Path) -> Cache | None:
    try:
        doc = json.loads((folder / "manifest.json").read_text(encoding="ascii"))  # one parse: 10,000 entries ~15 ms
        if doc.get("format") != _FORMAT:
            return None
        cache = Cache(folder, int(doc["written_ns"]))
        for path, graph, sha, *st in doc["entries"]:
            cache.manifest[path] = (graph, sha)
            if len(st) == 5:
                cache.stats[path] = tuple(st)
        return cache
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def take(store_folder: str | os.PathLike[str]) -> Cache | None:
    """Take the cache away from a store folder just opened for writing (see the module docstring).

    Returns it, read, or None.  Its files stay in a folder aside until :func:`discard`.
    """
    root = Path(store_folder)
    taken = root / _TAKEN
    shutil.rmtree(taken, ignore_errors=True)  # left by a process killed while holding it
    shutil.rmtree(root / _NEW, ignore_errors=True)
    try:
        os.replace(root / CACHE_DIR, taken)
    except OSError:
        return None
    return _read(taken)


def discard(store_folder: str | os.PathLike[str]) -> None:
    """Delete a taken (or half-written) cache: called when the store closes."""
    root = Path(store_folder)
    shutil.rmtree(root / _TAKEN, ignore_errors=True)
    shutil.rmtree(root / _NEW, ignore_errors=True)


def peek_digests(store_folder: str | os.PathLike[str] | None) -> Cache | None:
    """The cache of a store folder, read without taking it (for discovery's file digests only:
    a file's digest depends on the file, not on the store)."""
    if store_folder is None or not os.path.isdir(store_folder):
        return None
    return _read(Path(store_folder) / CACHE_DIR)


class Writer:
    """Writes a new cache into a fresh folder; :meth:`commit` puts it in place (last step of a build)."""

    def __init__(self, store_folder: str | os.PathLike[str]):
        self.root = Path(store_folder)
        self.folder = self.root / _NEW
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir()

    def carry_over(self, cache: Cache) -> bool:
        """Keep what resolve left in a taken cache (a build that resolved nothing: it is still true)."""
        try:
            for name in _RESOLVED:
                os.replace(cache.folder / name, self.folder / name)
            return True
        except OSError:
            return False

    def commit(self, manifest: dict[str, tuple[str, str]], stats: dict[str, tuple[int, ...]]) -> None:
        """Write the manifest (with the stat fingerprint of the files hashed) and put the cache in place,
        if resolve's files are there (:data:`_RESOLVED`, written by kg.resolve into :attr:`folder`)."""
        if not all((self.folder / name).exists() for name in _RESOLVED):
            return
        entries = [[path, graph, sha, *stats.get(path, ())] for path, (graph, sha) in sorted(manifest.items())]
        doc = {"format": _FORMAT, "written_ns": time.time_ns(), "entries": entries}
        (self.folder / "manifest.json").write_text(json.dumps(doc), encoding="ascii")
        os.replace(self.folder, self.root / CACHE_DIR)


class Keeper:
    """The cache one build leaves beside its store (used by kg.build): the manifest as the build changes it,
    the stat of every file it hashed, and what resolve leaves in :attr:`writer`'s folder."""

    def __init__(self, st: Any, discovery: Any):
        self.taken = st.cache
        self.st = st
        self.discovery = discovery
        self.writer = Writer(st.path)
        self.manifest: dict[str, tuple[str, str]] = {}
        self.by_graph: dict[str, set[str]] = defaultdict(set)  # graph -> the manifest keys naming it
        self.stats: dict[str, tuple[int, ...]] = dict(self.taken.stats) if self.taken is not None else {}
        self.resolved = False  # resolve ran and wrote self.writer.resolution_path

    def read_manifest(self) -> dict[str, tuple[str, str]]:
        """The store's manifest: from the taken cache (never stale: see kg.build_cache), else from the store."""
        self.manifest = dict(self.taken.manifest) if self.taken is not None else self.st.manifest()
        for key, (graph, _) in self.manifest.items():
            self.by_graph[graph].add(key)
        return dict(self.manifest)

    def wrote(self, key: str, graph: str, sha: str, path: str | None) -> None:
        """Store.replace_graph / record_source of ``key``: entries naming ``graph`` with other content go."""
        for other in [k for k in self.by_graph[graph] if self.manifest[k][1] != sha]:
            self.forgot(other)
        self.forgot(key)
        self.manifest[key] = (graph, sha)
        self.by_graph[graph].add(key)
        self.hashed(key, path, sha)

    def hashed(self, key: str, path: str | None, sha: str) -> None:
        """Remember the stat ``path`` had when discovery opened it, if its manifest entry holds that sha256."""
        st = self.discovery.stats.get(path) if path is not None else None
        if st is not None and self.manifest.get(key, ("", ""))[1] == sha:
            self.stats[key] = fingerprint(st)
        else:
            self.stats.pop(key, None)

    def forgot(self, key: str) -> None:
        """Store.forget_source of ``key`` (and an entry replaced by :meth:`wrote`)."""
        entry = self.manifest.pop(key, None)
        if entry is not None:
            self.by_graph[entry[0]].discard(key)
        self.stats.pop(key, None)

    def commit(self, resolve_summary: str | None) -> None:
        """Put the cache in place if the build finished: resolution done (or not needed), store not stale.
        ``resolve_summary``: the build report's resolve line (None when resolve did not run)."""
        if resolve_summary is not None and resolve_summary.startswith("failed") or self.st.derived_stale():
            return
        if not self.resolved and not (self.taken is not None and self.writer.carry_over(self.taken)):
            return  # nothing resolved, nothing to carry over: the next build that resolves writes one
        stats = {k: v for k, v in self.stats.items() if k in self.manifest}
        try:
            self.writer.commit(self.manifest, stats)
        except OSError:
            pass  # an accelerator only: the next build reads the store itself
