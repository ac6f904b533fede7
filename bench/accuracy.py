#!/usr/bin/env python3
"""Extraction accuracy: run kg.extract over the gold corpus and the CUAD set, score both, print tables.

usage: python3 bench/accuracy.py [--corpus DIR] [--cuad DIR] [--keep DIR]

Defaults are relative to the repository: ../shared/corpus (GOLD_SCHEMA gold,
scored by ../shared/eval/score.py) and ../shared/eval/cuad (CUAD lawyer
labels, scored by ../shared/eval/score_cuad.py).  Predictions are written as
JSONL (one ``DealFacts.to_gold()`` per input file, with its "path") to a
temporary directory, or to --keep.  Prints both scorers' tables and the
extraction speed in documents per second (reading + extraction).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from kg.errors import KgError  # noqa: E402
from kg.extract import extract  # noqa: E402
from kg.sources import discover, read_file  # noqa: E402

__all__ = ["predict", "score", "SHARED"]

SHARED = REPO.parent / "shared"


def predict(root: Path, out: Path) -> tuple[int, float, list[str]]:
    """Extract every filing under ``root`` into ``out`` (JSONL); (documents, seconds, failures)."""
    files = discover([str(root)]).files
    failures: list[str] = []
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for path in files:
            try:
                fh.write(json.dumps(extract(read_file(path)).to_gold()) + "\n")
            except KgError as err:
                failures.append(err.one_line())
    return len(files), time.perf_counter() - t0, failures


def score(scorer: Path, gold: Path, pred: Path, as_json: bool = False) -> str | dict:
    """Run one of the shared scorers; its printed table, or its --json summary as a dict."""
    args = [sys.executable, str(scorer), str(gold), str(pred)] + (["--json"] if as_json else [])
    res = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(res.stdout) if as_json else res.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--cuad", type=Path, default=SHARED / "eval" / "cuad")
    ap.add_argument("--keep", type=Path, default=None, help="directory to keep the JSONL predictions in")
    args = ap.parse_args(argv)
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="dealgraph-accuracy-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, root, scorer in (("corpus", args.corpus, SHARED / "eval" / "score.py"),
                               ("cuad", args.cuad, SHARED / "eval" / "score_cuad.py")):
        if not root.is_dir() or not scorer.is_file():
            print(f"== {name}: {root} or {scorer} not found, skipped")
            continue
        pred = out_dir / f"{name}.jsonl"
        n, secs, failures = predict(root, pred)
        print(f"== {name}: {root} ({n} documents, {n / secs if secs else 0:.1f} documents/s, predictions {pred})")
        for f in failures:
            print(f"   failed: {f}")
        print(score(scorer, root, pred))
    return 0


if __name__ == "__main__":
    sys.exit(main())
