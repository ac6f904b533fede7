#!/usr/bin/env python3
"""What bounds the bulk load: the same dump loaded in lighter shapes, side by side.

``kg.store.Store.bulk_load`` is CPU-bound on this 2-core machine (Oxigraph's loader parses,
encodes and sorts every quad into six indexes for a named graph, three for the default graph).
This script takes the N-Quads dump bench/scale.py made (default: the cached 100k-deal file) and
loads variants of it, each into a fresh scratch store, through the very same ``bulk_load``:

- ``as built``: the dump itself (one named graph per document, full evidence);
- ``evidence trimmed``: without the Evidence node's type, offsets, document index and
  document link, and without ``lic:normalizedName`` / ``rdfs:label`` restatements (what the
  quote-only provenance a lighter model would keep);
- ``default graph``: every quad moved into the default graph (no per-document graphs: no
  incremental replacement, no per-document provenance by graph);
- ``both``: the two cuts together;
- ``first N quads``: the dump cut at N lines (the issue sized 100k deals at ~3 M triples).

Prints one table: variant, quads, seconds, M quads/s, time relative to ``as built``.  The
variants are measurements of the loader, not proposals: dealgraph ships ``as built``.

    python3 bench/load_ceiling.py                     # the cached 100k dump
    python3 bench/load_ceiling.py --nquads FILE --first 300000
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.store import Store  # noqa: E402

_TRIMMED = re.compile(
    rb"<https://w3id\.org/dealgraph/lic#(?:startOffset|endOffset|documentIndex|inDocument|normalizedName)> "
    rb"|<https://w3id\.org/dealgraph/lic#Evidence> "
    rb"|<http://www\.w3\.org/2000/01/rdf-schema#label> ")
_GRAPH = re.compile(rb" <[^<>\s]*> \.\r?\n$")  # the graph term at a line's end (IRIs have no spaces)

Transform = Callable[[Iterator[bytes]], Iterator[bytes]]


def trim_evidence(lines: Iterator[bytes]) -> Iterator[bytes]:
    """Drop evidence bookkeeping and name restatements; keep quotes and lic:evidence links."""
    return (line for line in lines if not _TRIMMED.search(line))


def default_graph(lines: Iterator[bytes]) -> Iterator[bytes]:
    """Move every quad into the default graph (its graph term dropped).

    Assumes every line names a graph, as bench/scale.py's dumps do (one graph per document);
    on a line without one it would drop an IRI object instead.
    """
    return (_GRAPH.sub(b" .\n", line) for line in lines)


def first(n: int) -> Transform:
    def cut(lines: Iterator[bytes]) -> Iterator[bytes]:
        for _, line in zip(range(n), lines):
            yield line
    return cut


def write_variant(src: Path, dst: Path, transforms: list[Transform]) -> None:
    with open(src, "rb") as f, open(dst, "wb") as out:
        lines: Iterator[bytes] = iter(f)
        for t in transforms:
            lines = t(lines)
        out.writelines(lines)


def load(nquads: Path, scratch: Path) -> tuple[float, int]:
    """Seconds of Store.bulk_load into a fresh store, and the number of quads it then holds."""
    shutil.rmtree(scratch, ignore_errors=True)
    t0 = time.perf_counter()
    with Store(scratch) as st:
        st.bulk_load(nquads)
        seconds = time.perf_counter() - t0
        quads = len(st.ox)
    shutil.rmtree(scratch, ignore_errors=True)
    return seconds, quads


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nquads", type=Path, default=Path("/tmp/dealgraph-bench/deals-100000-s1.nq"),
                    help="an N-Quads dump made by bench/scale.py (default: the cached 100k one)")
    ap.add_argument("--first", type=int, default=3_000_000, help="quads of the cut variant")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/dealgraph-bench/ceiling"))
    args = ap.parse_args()
    if not args.nquads.is_file():
        print(f"error: {args.nquads}: no such dump; run bench/scale.py --sizes 100000 first", file=sys.stderr)
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    variants: list[tuple[str, list[Transform]]] = [
        ("as built", []),
        ("evidence trimmed", [trim_evidence]),
        ("default graph", [default_graph]),
        ("both", [trim_evidence, default_graph]),
        (f"first {args.first:,} quads", [first(args.first)]),
    ]
    rows = []
    for name, transforms in variants:
        path = args.nquads
        if transforms:
            path = args.workdir / "variant.nq"
            write_variant(args.nquads, path, transforms)
        seconds, quads = load(path, args.workdir / "store")
        if transforms:
            os.remove(path)
        rows.append((name, quads, seconds))
        print(f"  {name}: {quads:,} quads, {seconds:.1f} s", file=sys.stderr, flush=True)
    base = rows[0][2]
    print("| variant | quads | load time | M quads/s | time / as built |")
    print("|---|---|---|---|---|")
    for name, quads, seconds in rows:
        print(f"| {name} | {quads:,} | {seconds:.1f} s | {quads / seconds / 1e6:.2f} | {seconds / base:.2f} |")
    print(f"\n(dump {args.nquads}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
