"""Build orchestration: input files -> one validated named graph each -> the store; the build report.

For every input file (DESIGN.md house rule 8):
``kg.sources.read_file`` -> ``kg.extract.extract`` -> ``kg.rdf.facts_to_graph``
-> ``kg.validate.validate_graph`` (SHACL, per document) -> ``Store.replace_graph``
(one transaction).  A file that cannot be read, or whose graph violates the
shapes, is reported ``failed`` and nothing of it is written.

Incremental: a file whose sha256 is already in the store's manifest is
``unchanged`` and not re-read; a changed file replaces only its own graph; a
file that is no longer among the inputs stays unless ``prune=True``.  The same
content given under two paths is built once (the second is ``skipped``).

Parallel: with ``jobs > 1`` the read/extract/map/validate steps run in worker
processes; the parent writes their results in input order, so the store is the
same whatever ``jobs`` is.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import sys
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Iterator

import pyoxigraph as ox

from kg import build_cache
from kg.errors import KgError, StoreError
from kg.resolve import resolve
from kg.resolve._table import has_table
from kg.store import Store

__all__ = ["InputResult", "BuildReport", "build", "process_file", "file_sha256", "skip_status", "STATUSES", "READERS"]

#: Every status an input can end with, in report order.
STATUSES = ("built", "no-deal", "unchanged", "skipped", "failed")
#: The readers that produce agreements (kg.extract: a contract's own text, or a narrative filing).
READERS = ("contract", "narrative")

_MAX_VIOLATIONS_SHOWN = 3
_MAX_RESOLVED_SHOWN = 20
_LIC = "https://w3id.org/dealgraph/lic#"

# Reasons kg.sources.discover gives for inputs it could not take that the user
# must act on (a named path that does not exist, a file or directory that
# cannot be read): reported "failed", not "skipped".  Matched on the start of
# discover's one-line reason; everything else it skips (not a filing
# extension, duplicate content, directory loop, broken link) stays "skipped".
_FAILING_SKIP_REASONS = ("no such file or directory", "unreadable", "cannot list directory", "cannot stat")


def skip_status(reason: str) -> str:
    """"failed" for a discovery problem the user must fix, else "skipped"."""
    return "failed" if reason.lower().startswith(_FAILING_SKIP_REASONS) else "skipped"


@dataclass
class InputResult:
    """What happened to one input file."""

    path: str
    status: str  # one of STATUSES
    reason: str | None = None  # why skipped / failed / no deal found (without the path)
    graph: str | None = None  # document graph IRI (built, no-deal, unchanged)
    agreements: int = 0
    triples: int = 0
    #: agreements by the reader that produced them ("contract", "narrative"; kg.extract), when built now
    readers: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        """One report line: status, path, and the numbers or the reason."""
        if self.status in ("built", "no-deal") and not self.reason:
            by = ", ".join(f"{k} {v}" for k, v in sorted(self.readers.items()))
            detail = f"{self.agreements} agreement(s)" + (f" (read by {by})" if by else "") + f", {self.triples} triples"
        else:
            detail = self.reason or ""
        return f"{self.status:<9} {self.path}" + (f": {detail}" if detail else "")


@dataclass
class BuildReport:
    """Every input of one build and what happened to it, plus store-level events."""

    store: str | None
    results: list[InputResult] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    resolve: str | None = None  # kg.resolve summary, when it ran
    #: conflicting single-valued fields kg.resolve reconciled (kg/resolve/_reconcile.py), one line each
    resolved: list[str] = field(default_factory=list)
    #: kg.compact's decision after the writes: one line (compacted in how long, or why not)
    compaction: str | None = None
    compaction_seconds: float = 0.0
    #: quads this build added or removed (documents, manifest, resolution): what kg.compact counts
    written: int = 0
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        """Status -> number of inputs (every status listed, zero included)."""
        c = Counter(r.status for r in self.results)
        return {s: c.get(s, 0) for s in STATUSES}

    def read_by(self) -> dict[str, int]:
        """Agreements written in this build by the reader that produced them (every reader listed)."""
        c: Counter[str] = Counter()
        for r in self.results:
            if r.status in ("built", "no-deal"):
                c.update(r.readers)
        return {k: c.get(k, 0) for k in sorted(set(READERS) | set(c))}

    @property
    def failed(self) -> list[InputResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failed

    def by_path(self) -> dict[str, InputResult]:
        return {r.path: r for r in self.results}

    def format(self, *, verbose: bool = False, quiet: bool = False) -> str:
        """The report as text: a status table, then one line per input that was not built.

        ``verbose`` lists built inputs too; ``quiet`` the summary and the failed inputs
        only (``kg build -q``: no line per skipped, unchanged or no-deal input).
        """
        counts = self.counts()
        total_agreements = sum(r.agreements for r in self.results if r.status in ("built", "no-deal"))
        total_triples = sum(r.triples for r in self.results if r.status in ("built", "no-deal"))
        out = [f"store: {self.store or '(in memory)'}",
               f"{len(self.results)} input(s) in {self.seconds:.1f}s; "
               f"written: {total_agreements} agreement(s), {total_triples} triples"]
        if total_agreements:
            out.append("read by: " + ", ".join(f"{k} {v}" for k, v in self.read_by().items()))
        out.append(f"{'status':<10}{'inputs':>7}")
        for status in STATUSES:
            out.append(f"{status:<10}{counts[status]:>7}")
        for path in self.pruned:
            out.append(f"pruned    {path}: no longer among the inputs; its graph was removed")
        lines = [r.line() for r in self.results
                 if r.status == "failed" or not quiet and (verbose or r.status != "built")]
        if lines:
            out.append("")
            out.extend(lines)
        if self.resolve:
            out.append("")
            out.append(f"resolve: {self.resolve}")
        if self.resolved:
            shown = self.resolved if verbose else self.resolved[:_MAX_RESOLVED_SHOWN]
            out.append(f"reconciled {len(self.resolved)} conflicting value(s) of merged nodes:")
            out.extend(f"  {line}" for line in shown)
            if len(shown) < len(self.resolved):
                out.append(f"  ... and {len(self.resolved) - len(shown)} more (--verbose or --json lists all)")
        if self.compaction and (self.compaction_seconds or verbose):  # a compaction made, or why not (-v)
            out.append(f"store: {self.compaction}")
        return "\n".join(out) + "\n"

    def to_json(self) -> dict[str, Any]:
        """The report as a JSON-ready dict."""
        return {
            "store": self.store,
            "seconds": round(self.seconds, 3),
            "counts": self.counts(),
            "read_by": self.read_by(),
            "pruned": list(self.pruned),
            "resolve": self.resolve,
            "resolved": list(self.resolved),
            "compaction": self.compaction,
            "compaction_seconds": round(self.compaction_seconds, 3),
            "written": self.written,
            "inputs": [dict(vars(r)) for r in self.results],
        }


# ---------------------------------------------------------------- one file

@dataclass
class _Outcome:
    """A worker's result for one file: picklable, N-Triples bytes instead of an rdflib graph."""

    status: str
    reason: str | None = None
    graph: str | None = None
    ntriples: bytes = b""
    agreements: int = 0
    triples: int = 0
    readers: dict[str, int] = field(default_factory=dict)


def file_sha256(path: str) -> str:
    """sha256 of a file's bytes (raises OSError)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _violations_summary(result: Any) -> str:
    """'N SHACL violation(s): focus path: message; ...' from a kg.validate.ValidationResult."""
    vs = list(getattr(result, "violations", []) or [])
    parts = []
    for v in vs[:_MAX_VIOLATIONS_SHOWN]:
        focus = getattr(v, "focus", None)
        path = getattr(v, "path", None)
        if path and str(path).startswith(_LIC):
            path = "lic:" + str(path)[len(_LIC):]
        msg = " ".join(str(getattr(v, "message", v)).split())
        parts.append(f"{focus}" + (f" {path}" if path else "") + f": {msg}")
    more = f"; and {len(vs) - _MAX_VIOLATIONS_SHOWN} more" if len(vs) > _MAX_VIOLATIONS_SHOWN else ""
    return f"{len(vs)} SHACL violation(s), graph not written: " + "; ".join(parts) + more


def process_file(path: str) -> _Outcome:
    """Read, extract, map and validate one file (runs in a worker process).

    Never raises for a bad input: a :class:`KgError` becomes ``failed`` with its
    one-line message; an unexpected exception (a bug) becomes ``failed`` naming
    the stage, so one file never stops the build.
    """
    from kg.extract import extract
    from kg.rdf import facts_to_graph
    from kg.sources import read_file
    from kg.store import to_ox
    from kg.validate import surely_conforms, validate_graph

    stage = "read"
    try:
        filing = read_file(path)
        stage = "extract"
        facts = extract(filing)
        stage = "map to RDF"
        graph_iri, graph = facts_to_graph(facts, filing)
        stage = "validate"
        try:
            triples = [ox.Triple(*(to_ox(t) for t in triple)) for triple in graph]
            data = ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES)
        except Exception:  # reported below, at "serialize", after validation as before
            triples = None
        # pySHACL (~40 ms) only when the pre-check cannot vouch for the graph: same outcome, same report.
        if triples is None or not surely_conforms(graph, data):
            result = validate_graph(graph)
            if not result.conforms:
                return _Outcome("failed", _violations_summary(result))
        stage = "serialize"
        if triples is None:
            triples = [ox.Triple(*(to_ox(t) for t in triple)) for triple in graph]
            data = ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES)
        n_agr = len(facts.agreements)
        status = "built" if n_agr else "no-deal"
        reason = None if n_agr else f"no deal found ({len(triples)} triples of filing facts written)"
        readers = dict(Counter(a.reader or "unknown" for a in facts.agreements))
        return _Outcome(status, reason, str(graph_iri), data, n_agr, len(triples), readers)
    except KgError as exc:
        return _Outcome("failed", _without_path(exc.one_line(), path, exc.path))
    except Exception as exc:  # a bug in one stage must not stop the other inputs
        return _Outcome("failed", f"internal error during {stage}: {type(exc).__name__}: "
                                  f"{' '.join(str(exc).split())[:300]}")


def _without_path(message: str, *paths: str | None) -> str:
    """A reason without the leading 'path: ' (the report and the CLI put the path in front)."""
    for p in paths:
        if p and message.startswith(f"{p}: "):
            return message[len(p) + 2:]
    return message


def _worker_init(parent_pid: int) -> None:
    """Make a worker die with the build (Linux PR_SET_PDEATHSIG): a killed `kg build` leaves no workers."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the build died before the line above took effect
        os._exit(1)


def _ordered_map(paths: list[str], jobs: int) -> Iterator[_Outcome]:
    """process_file over ``paths`` in order; in ``jobs`` processes with a bounded look-ahead.

    A worker that dies (killed for memory, a crash in a native parser) breaks
    the pool: the pool is restarted from the oldest unfinished file, and a file
    that breaks it twice is reported failed, so one bad file never stops the build.
    """
    if jobs <= 1 or len(paths) <= 1:
        for p in paths:
            yield process_file(p)
        return
    window = jobs * 4
    start, breaks = 0, Counter()
    while start < len(paths):
        # spawn: workers never inherit the parent's open RocksDB and its threads, and
        # are children of this process, so they can die with it (_worker_init).
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_init, initargs=(os.getpid(),))
        broken = False
        try:
            pending: deque[tuple[int, Future]] = deque()
            nxt = start
            while nxt < len(paths) and len(pending) < window:
                pending.append((nxt, pool.submit(process_file, paths[nxt])))
                nxt += 1
            while pending:
                idx, fut = pending.popleft()
                try:
                    out = fut.result()
                except BrokenProcessPool:
                    breaks[idx] += 1
                    if breaks[idx] >= 2:
                        yield _Outcome("failed", "a worker process died while reading this file "
                                                 "(out of memory, or a crash in a parser)")
                        start = idx + 1
                    else:
                        start = idx
                    broken = True
                    break
                yield out
                start = idx + 1
                if nxt < len(paths):
                    pending.append((nxt, pool.submit(process_file, paths[nxt])))
                    nxt += 1
        finally:  # interrupted, broken or the parent failed: do not wait for the look-ahead
            pool.shutdown(wait=not broken, cancel_futures=True)


def _progress(total: int, enabled: bool):
    """A tqdm bar on stderr, shown only when asked and stderr is a terminal."""
    from tqdm import tqdm

    show = enabled and hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
    return tqdm(total=total, disable=not show, file=sys.stderr, unit="file", dynamic_ncols=True, leave=False)


# ---------------------------------------------------------------- the build

def build(paths: list[str], store_path: str | None, *, jobs: int = 1, progress: bool = True,
          prune: bool = False, force: bool = False, store: Store | None = None) -> BuildReport:
    """Build (or update) the store at ``store_path`` from ``paths`` (files and directories).

    ``force`` rebuilds files whose sha256 is unchanged (after an extractor
    upgrade).  ``store`` passes an already open store (then ``store_path`` is
    only reported).  Raises :class:`StoreError` when the store cannot be
    opened; every input problem is reported, never raised.
    """
    from kg.sources import discover

    started = time.monotonic()
    # the sha256 of files unchanged since the last build (kg.build_cache): not read again
    peeked = build_cache.peek_digests(store_path) if store is None and not force else None
    discovery = discover(list(paths), known=peeked.digest if peeked is not None else None)
    own_store = store is None
    # a build that finds no filing to read does not leave a new, empty store folder behind
    fresh = own_store and store_path is not None and not os.path.exists(store_path)
    st = Store(store_path) if own_store else store
    report = BuildReport(store=store_path)
    try:
        cache = build_cache.Keeper(st, discovery) if own_store and st.path is not None else None
        _run(discovery, st, report, jobs=max(1, int(jobs)), progress=progress, prune=prune, force=force, keep=cache)
        if report.written:  # a no-op build writes nothing and decides nothing
            _settle(st, report)
        if cache is not None:
            cache.commit(report.resolve)
    finally:
        if own_store:
            st.close()
    if fresh and not discovery.files:
        shutil.rmtree(store_path, ignore_errors=True)
    report.seconds = time.monotonic() - started
    return report


def _run(discovery: Any, st: Store, report: BuildReport, *, jobs: int, progress: bool,
         prune: bool, force: bool, keep: build_cache.Keeper | None = None) -> None:
    results: dict[str, InputResult] = {}
    order: list[str] = []

    def add(res: InputResult) -> None:
        if res.path not in results:
            order.append(res.path)
        results[res.path] = res

    for path, reason in discovery.skipped:
        add(InputResult(path, skip_status(reason), reason))

    # graphs written or dropped in this run, for kg.resolve; None (read every
    # document) when an earlier build was killed before resolution finished
    changed: set[str] | None = None if st.derived_stale() else set()
    manifest = keep.read_manifest() if keep is not None else st.manifest()  # abs path -> (graph, sha)
    known_shas = {h for _, h in manifest.values()}
    claimed: dict[str, tuple[str, str]] = {}  # graph IRI -> (path, sha) written or kept in this build
    by_sha: dict[str, str] = {}  # sha -> first path with that content in this build
    todo: list[tuple[str, str, str]] = []  # (path, abs path, sha)
    seen_abs: set[str] = set()
    dup_sha: dict[str, str] = {}  # duplicate path -> its sha

    for path in discovery.files:
        key = os.path.abspath(path)
        if key in seen_abs:  # the same file named twice
            continue
        seen_abs.add(key)
        try:
            sha = discovery.digests.get(path) or file_sha256(path)
        except OSError as exc:
            add(InputResult(path, "failed", f"cannot read file: {exc.strerror or exc}"))
            continue
        if sha in by_sha:
            add(InputResult(path, "skipped", f"same content as {by_sha[sha]}"))
            dup_sha[path] = sha
            continue
        by_sha[sha] = path
        known = manifest.get(key)
        if known and known[1] == sha and not force:
            add(InputResult(path, "unchanged", graph=known[0]))
            claimed[known[0]] = (path, sha)
            if keep is not None:
                keep.hashed(key, path, sha)
            continue
        moved = None if force or sha not in known_shas else next(((p, g) for p, (g, h) in manifest.items() if h == sha), None)
        if moved is not None:  # a renamed or moved file: its graph is already in the store
            st.record_source(key, moved[1], sha)
            if keep is not None:
                keep.wrote(key, moved[1], sha, path)
            add(InputResult(path, "unchanged", f"same content as {moved[0]}, already built", graph=moved[1]))
            claimed[moved[1]] = (path, sha)
            continue
        add(InputResult(path, "failed", "not processed"))  # placeholder keeps input order
        todo.append((path, key, sha))

    with _progress(len(todo), progress) as bar:
        for (path, key, sha), out in zip(todo, _ordered_map([t[0] for t in todo], jobs)):
            bar.update(1)
            res = InputResult(path, out.status, out.reason, out.graph, out.agreements, out.triples, dict(out.readers))
            if out.status in ("built", "no-deal"):
                owner = claimed.get(out.graph)
                if owner is not None and owner[1] != sha:
                    res = InputResult(path, "failed",
                                      f"document IRI {out.graph} is already built from {owner[0]} "
                                      f"(same accession number, different content); not written")
                else:
                    try:
                        n = st.replace_graph(out.graph, out.ntriples, source_path=key, sha256=sha)
                        if keep is not None:
                            keep.wrote(key, out.graph, sha, path)
                        # a replaced document removes about as many quads as it adds
                        report.written += n * (2 if key in manifest else 1)
                        if changed is not None:
                            changed.update([out.graph, *manifest.get(key, ())[:1]])
                        claimed[out.graph] = (path, sha)
                    except StoreError as exc:
                        res = InputResult(path, "failed", f"not written: {exc}")
            if res.status == "failed" and key in manifest:
                res.reason = f"{res.reason} (the graph of its previous content stays in the store)"
            add(res)

    # Duplicates point at the graph their first copy got (or share its failure).
    for path, sha in dup_sha.items():
        res, first = results[path], results[by_sha[sha]]
        if first.status in ("built", "no-deal", "unchanged") and first.graph:
            st.record_source(os.path.abspath(path), first.graph, sha)
            res.graph = first.graph
            if keep is not None:
                keep.wrote(os.path.abspath(path), first.graph, sha, path)

    if prune:
        current = {os.path.abspath(p) for p in discovery.files}
        current |= {os.path.abspath(p) for p, _ in discovery.skipped}
        for old_path in manifest:
            if old_path in current:
                continue
            size = sum(1 for _ in st.ox.quads_for_pattern(None, None, None, ox.NamedNode(manifest[old_path][0])))
            if st.forget_source(old_path):
                if keep is not None:
                    keep.forgot(old_path)
                report.written += size
                if changed is not None:
                    changed.add(manifest[old_path][0])
                report.pruned.append(old_path)

    report.results = sorted((results[p] for p in order), key=lambda r: r.path)
    # Derived data is redone whenever documents changed since it was last done,
    # including by an earlier build that was killed before resolution finished,
    # and for a store written before kg.resolve kept its deal table.
    if st.derived_stale() or not has_table(st) and st.manifest():
        # the resolution graph as the last build left it: from its cache, when the store was not stale
        last = keep.taken if keep is not None and changed is not None else None
        report.resolve, report.resolved, written = _resolve(
            st, changed, current=last.resolution_lines() if last is not None else None,
            pooled=last.pooled_facts() if last is not None else None, keep=keep.writer.folder if keep is not None else None)
        report.written += written
        if keep is not None:
            keep.resolved = not report.resolve.startswith("failed")


def _resolve(st: Store, changed: set[str] | None = None, **last: Any) -> tuple[str, list[str], int]:
    """Cross-filing entity resolution (kg.resolve) and its deal table: (summary line, values reconciled, quads written).

    ``last``: what the last build kept for it (kg.build_cache; kg.resolve.resolve's keywords)."""
    try:
        summary = resolve(st, changed=changed, **last)
    except KgError as exc:
        return f"failed: {exc.one_line()}", [], 0
    st.mark_derived_fresh()
    text = str(summary) if summary is not None else ""
    return " ".join(text.split()) or "done", list(getattr(summary, "resolved", [])), int(getattr(summary, "written", 0))


def _settle(st: Store, report: BuildReport) -> None:
    """kg.compact after the writes: compact when enough was written since the last compaction (never for small changes)."""
    from kg.compact import settle

    if st.path is None:  # an in-memory store has no files to compact
        return
    try:
        done = settle(st, report.written)
    except KgError as exc:
        report.compaction = f"compaction failed: {exc.one_line()}"
        return
    report.compaction, report.compaction_seconds = done.line(), done.seconds
