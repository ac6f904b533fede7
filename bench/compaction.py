"""Where compaction pays: reads on a store after k changed files, before and after a full compaction.

Starts from a store `kg build` made of generated filings (bench/scale.py's
``filings-N`` and ``build-store-N`` in ``--workdir``, copied, never changed),
compacts the copy, then for each k: changes k files, runs ``kg build`` with
compaction held off, and measures the quads the build wrote, a no-op re-build
and two named queries (CPU seconds, best of 3: the machine is shared), then
compacts (timed) and measures again.  Prints one table row per k; the
threshold of kg/compact.py is set where the reads gained stop being worth the
compaction (bench/README.md, "Compaction").

    python3 bench/compaction.py --workdir /tmp/dealgraph-bench --files 10000 --changes 10,100,1000
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import kg.compact as compact  # noqa: E402
from bench._synth import universe  # noqa: E402
from kg.build import build  # noqa: E402
from kg.query import run_query  # noqa: E402
from kg.store import Store  # noqa: E402

_MARK = "Exhibit 99.2 investor presentation furnished herewith.\n"


def _toggle(p: Path) -> None:
    """Change a filing's bytes (not its facts): an exhibit line added, or removed again."""
    text = p.read_text(encoding="utf-8")
    p.write_text(text[:-len(_MARK)] if text.endswith(_MARK) else text + _MARK, encoding="utf-8")


def _cpu(fn, reps: int = 3) -> float:
    best = float("inf")
    for _ in range(reps):
        c0 = time.process_time()
        fn()
        best = min(best, time.process_time() - c0)
    return best


def _reads(files: Path, store: Path, hub: str) -> tuple[float, float, float]:
    noop = _cpu(lambda: build([str(files)], str(store), jobs=1, progress=False))
    with Store(store, create=False, read_only=True) as st:
        up = _cpu(lambda: run_query(st, "upfront_above", {"min_amount": "20000000", "currency": "USD"}))
        tech = _cpu(lambda: run_query(st, "same_technology_as", {"org_name": hub}))
    return noop, up, tech


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workdir", default="/tmp/dealgraph-bench")
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--changes", default="10,100,1000", help="comma-separated numbers of changed files")
    args = ap.parse_args(argv)
    work = Path(args.workdir)
    files, source = work / f"filings-{args.files}", work / f"build-store-{args.files}"
    if not files.is_dir() or not source.is_dir():
        print(f"bench/compaction.py: run bench/scale.py --build-files {args.files} --workdir {work} first", file=sys.stderr)
        return 2
    store = work / "compaction-store"
    shutil.rmtree(store, ignore_errors=True)
    shutil.copytree(source, store)
    with Store(store, create=False) as st:
        compact.compact(st)
        size = len(st.ox)
    hub = universe(args.files + args.files // 10).orgs[4]
    names = sorted(os.listdir(files))
    print(f"store: {size:,} quads, {len(names)} files; CPU seconds, best of 3")
    print("changed files | quads written | compaction | no-op build before / after | upfronts > 20M before / after "
          "| same technology before / after")
    held = compact.COMPACT_MIN_QUADS
    touched: list[Path] = []
    for k in [int(x) for x in args.changes.split(",") if x.strip()]:
        step = max(1, len(names) // k)
        for name in names[::step][:k]:
            _toggle(files / name)
            touched.append(files / name)
        compact.COMPACT_MIN_QUADS = 10 ** 12  # hold compaction off for this build
        rep = build([str(files)], str(store), jobs=2, progress=False)
        compact.COMPACT_MIN_QUADS = held
        before = _reads(files, store, hub)
        with Store(store, create=False) as st:
            seconds = compact.compact(st)
        after = _reads(files, store, hub)
        print(f"{k} | {rep.written:,} | {seconds:.1f} s | " + " | ".join(f"{b:.3f} / {a:.3f}" for b, a in zip(before, after)),
              flush=True)
    for p in touched:  # the filings as they were (bench/scale.py builds them again)
        _toggle(p)
    shutil.rmtree(store, ignore_errors=True)
    print(f"(load average at end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
