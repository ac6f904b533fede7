"""Extraction throughput: `kg build` over real filings, one worker and two, against a plain loop.

The corpus filings (``../shared/corpus`` by default; every file
``kg.sources.discover`` takes) are copied N times into a scratch directory,
each copy with one unique line appended so every content hash differs (the
build would otherwise skip duplicates).  Then, each in its own process (for
peak memory):

- baseline: ``kg.sources.read_file`` + ``kg.extract.extract`` in a plain loop,
  no mapping, no validation, no store;
- ``kg.build.build`` with ``jobs=1`` and ``jobs=2`` into a fresh store
  (read, extract, map, per-document SHACL, one transaction per file, resolve).

Prints documents/s, MB/s and peak memory per run; the target is >= 45
documents/s per core.  The plain loop also reports documents per CPU-second
(per core, and steady on a loaded machine).  ``--compare-tree DIR`` runs the
same loop with another checkout's code (``git worktree add /tmp/base <rev>``)
in the same run, so a change is measured against its baseline on one machine
state.

    python3 bench/extract.py --copies 20 [--compare-tree /tmp/base] [--loop-only]

``--contracts`` measures the contract path alone (issue 13): ``kg.extract.extract`` over every CUAD text
(``../shared/eval/cuad`` and ``cuad-dev``, read before the clock starts), in contracts per CPU-second,
alternating with ``--compare-tree`` when given; the target is >= 25 contracts/s per core.

    python3 bench/extract.py --contracts [--compare-tree /tmp/base] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.scale import _run  # noqa: E402

__all__ = ["make_copies", "main"]

TARGET_DOCS_PER_CORE = 45.0
TARGET_CONTRACTS_PER_CORE = 25.0
CUAD_SETS = (ROOT.parent / "shared" / "eval" / "cuad", ROOT.parent / "shared" / "eval" / "cuad-dev")


#: the sequence part of an EDGAR accession number (0000912057-00-002128) in a submission header
_ACCESSION = re.compile(rb"(ACCESSION[ -]NUMBER:\s*\d{10}-\d{2}-)\d{6}")


def make_copies(corpus: Path, out: Path, copies: int) -> tuple[int, int]:
    """``copies`` copies of every filing under ``corpus`` in ``out``; (files, bytes).

    The appended line is a comment in HTML and a plain trailing line in text
    and SGML submissions, so it changes the hash but not what is extracted.
    """
    from kg.sources import discover

    files = discover([str(corpus)]).files
    if not files:
        raise SystemExit(f"{corpus}: no filings found (pass --corpus DIR)")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    total = 0
    for c in range(copies):
        for i, f in enumerate(files):
            src = Path(f)
            data = src.read_bytes()
            if c:  # a copy is another filing: its own accession number (the build refuses one number, two contents)
                data = _ACCESSION.sub(lambda m: m.group(1) + f"{c:06d}".encode(), data)
            tag = f"dealgraph bench copy {c}"
            line = f"\n<!-- {tag} -->\n" if src.suffix.lower() in (".htm", ".html", ".xhtml") else f"\n{tag}\n"
            dst = out / f"c{c:03d}-{i:03d}{src.suffix}"
            dst.write_bytes(data + line.encode("ascii"))
            total += len(data) + len(line)
    return len(files) * copies, total


def _row(name: str, r: dict[str, Any] | None, files: int, mb: float, jobs: int, base: float | None) -> list[str]:
    if r is None or r.get("timeout"):
        return [name, "failed or timed out", "-", "-", "-", "-", "-"]
    secs = r["seconds"]
    dps = files / secs
    per_core = dps / jobs
    ratio = f"{base / secs:.2f}x" if base else "-"
    ok = "ok" if per_core >= TARGET_DOCS_PER_CORE else "MISS"
    return [name, f"{secs:.1f} s", f"{dps:.1f} docs/s ({per_core:.1f}/core)", f"{mb / secs:.2f} MB/s",
            f"{r['peak_mb']:.0f} MB", ratio, f">= {TARGET_DOCS_PER_CORE:.0f} docs/s/core {ok}"]


def _run_in(tree: Path, args: dict[str, Any], out: Path, timeout: float) -> dict[str, Any] | None:
    """The extract-loop step run with another checkout's code (its kg and bench packages)."""
    import subprocess

    out.unlink(missing_ok=True)
    code = (
        "import json, sys, time\n"
        f"sys.path.insert(0, {str(tree)!r})\n"
        "from kg.errors import KgError\nfrom kg.extract import extract\nfrom kg.sources import discover, read_file\n"
        f"files = discover([{args['dir']!r}]).files\n"
        "counts = {'ok': 0, 'no-deal': 0, 'failed': 0}\nt0, c0 = time.perf_counter(), time.process_time()\n"
        "for f in files:\n"
        "    try:\n        facts = extract(read_file(f))\n    except KgError:\n        counts['failed'] += 1\n        continue\n"
        "    counts['ok' if facts.agreements else 'no-deal'] += 1\n"
        f"json.dump({{'seconds': time.perf_counter() - t0, 'cpu_seconds': time.process_time() - c0, 'counts': counts}}, "
        f"open({str(out)!r}, 'w'))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd="/", timeout=timeout)
    return json.loads(out.read_text()) if proc.returncode == 0 and out.exists() else None


def _contract_loop(tree: Path, dirs: list[str], out: Path, timeout: float) -> dict[str, Any] | None:
    """``tree``'s ``kg.extract.extract`` over the contracts in ``dirs``, in a fresh process: seconds and
    CPU-seconds of extraction alone (files are read first), and how many gave a party."""
    import subprocess

    out.unlink(missing_ok=True)
    code = (
        "import json, sys, time\n"
        f"sys.path.insert(0, {str(tree)!r})\n"
        "from kg.extract import extract\nfrom kg.sources import discover, read_file\n"
        f"filings = [read_file(f) for f in discover({dirs!r}).files]\n"
        "t0, c0 = time.perf_counter(), time.process_time()\n"
        "named = sum(1 for f in filings if any(a.parties for a in extract(f).agreements))\n"
        "json.dump({'seconds': time.perf_counter() - t0, 'cpu_seconds': time.process_time() - c0, "
        f"'contracts': len(filings), 'with_parties': named}}, open({str(out)!r}, 'w'))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd="/", timeout=timeout)
    return json.loads(out.read_text()) if proc.returncode == 0 and out.exists() else None


def contracts_main(args: argparse.Namespace) -> int:
    """``--contracts``: contracts per CPU-second of this tree (and of ``--compare-tree``), alternating."""
    dirs = [str(d) for d in CUAD_SETS if d.is_dir()]
    if not dirs:
        raise SystemExit(f"no CUAD sets found under {CUAD_SETS[0].parent}")
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    trees = [("this tree", ROOT)] + ([(f"--compare-tree {args.compare_tree}", Path(args.compare_tree))] if args.compare_tree else [])
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in trees}
    for i in range(args.repeat):
        for name, tree in trees if i % 2 == 0 else trees[::-1]:  # alternate who runs first
            r = _contract_loop(tree, dirs, work / f"contracts-{len(runs[name])}-{tree.name}.json", args.timeout)
            if r:
                runs[name].append(r)
    for name, rs in runs.items():
        if not rs:
            print(f"{name}: failed")
            continue
        rates = sorted(r["contracts"] / r["cpu_seconds"] for r in rs)
        med = rates[len(rates) // 2]
        ok = "ok" if med >= TARGET_CONTRACTS_PER_CORE else "MISS"
        print(f"contracts, {name}: median {med:.1f} contracts per CPU-second (runs: {', '.join(f'{x:.1f}' for x in rates)}; "
              f"{rs[0]['contracts']} contracts, {rs[0]['with_parties']} with a party) >= {TARGET_CONTRACTS_PER_CORE:.0f} {ok}")
    print(f"(load average at end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} cores)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring and bench/README.md."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"), help="directory of filings")
    ap.add_argument("--copies", type=int, default=20, help="copies of each filing")
    ap.add_argument("--workdir", default="/tmp/dealgraph-bench-extract")
    ap.add_argument("--timeout", type=float, default=1200.0, help="seconds per run")
    ap.add_argument("--compare-tree", default=None, help="another checkout whose extract loop runs on the same copies")
    ap.add_argument("--loop-only", action="store_true", help="only the plain extract loop(s), no kg build runs")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each tree's loop with --compare-tree (alternating)")
    ap.add_argument("--contracts", action="store_true", help="only the contract path over the CUAD texts (contracts/CPU-s)")
    args = ap.parse_args(argv)
    if args.contracts:
        return contracts_main(args)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    files, size = make_copies(Path(args.corpus), work / "filings", args.copies)
    mb = size / 1e6
    res = work / "results"
    res.mkdir(exist_ok=True)
    loop_args = {"dir": str(work / "filings")}
    base = _run("extract_loop", loop_args, res / "loop.json", args.timeout)
    if args.compare_tree:
        # alternate the two trees (a later run finds warmer caches) and report each one's median
        mine, theirs = [base], []
        for i in range(args.repeat):
            theirs.append(_run_in(Path(args.compare_tree), loop_args, res / f"loop-other-{i}.json", args.timeout))
            if i + 1 < args.repeat:
                mine.append(_run("extract_loop", loop_args, res / f"loop-{i}.json", args.timeout))
        for name, rs in (("this tree", mine), (f"--compare-tree {args.compare_tree}", theirs)):
            rates = sorted(files / r["cpu_seconds"] for r in rs if r and r.get("cpu_seconds"))
            if rates:
                print(f"extract loop, {name}: median {rates[len(rates) // 2]:.1f} documents per CPU-second "
                      f"(runs: {', '.join(f'{x:.1f}' for x in rates)}; {files} documents)")
    elif base and base.get("cpu_seconds"):
        print(f"extract loop: {files / base['cpu_seconds']:.1f} documents per CPU-second ({files} documents, "
              f"{base['cpu_seconds']:.1f} CPU s, {base['seconds']:.1f} s wall), {base['counts']}")
    if args.loop_only:
        print(f"(load average at end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} cores)")
        return 0
    runs = []
    for jobs in (1, 2):
        store = work / f"store-j{jobs}"
        shutil.rmtree(store, ignore_errors=True)
        runs.append((jobs, _run("build", {"dir": str(work / "filings"), "store": str(store), "jobs": jobs},
                                res / f"build-j{jobs}.json", args.timeout)))
    b = base["seconds"] if base and not base.get("timeout") else None
    head = ["run", "time", "documents/s", "MB/s", "peak memory", "ratio (baseline/run)", "target"]
    rows = [_row("baseline: read_file + extract loop", base, files, mb, 1, None)]
    rows[0][5] = "1.00x" if b else "-"
    for jobs, r in runs:
        rows.append(_row(f"kg build --jobs {jobs}", r, files, mb, jobs, b))
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    print(f"{files} filings ({len(os.listdir(work / 'filings'))} files, {mb:.1f} MB): "
          f"{args.copies} copies of {files // args.copies} corpus filings")
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths)))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths)))
    for jobs, r in runs:
        if r and not r.get("timeout"):
            print(f"kg build --jobs {jobs}: {r['counts']}; resolve: {(r.get('resolve') or '-')[:100]}")
    if base and not base.get("timeout"):
        print(f"baseline: {base['counts']}")
    print(f"(load average at end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
