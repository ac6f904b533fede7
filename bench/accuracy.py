#!/usr/bin/env python3
"""Extraction accuracy on every gold set, each labelled visible, development or blind.

usage: python3 bench/accuracy.py [--sets NAME,...] [--full] [--keep DIR]

Runs kg.extract over each set, scores it with the shared scorer for its format
(../shared/eval/score.py for GOLD_SCHEMA gold, ../shared/eval/score_cuad.py for
CUAD lawyer labels) and prints one summary table (documents, documents/s, core
F1 and the fields that matter per set), then, with --full, each scorer's whole
table. Blind sets print aggregate scores only, never per-document rows: their
documents are not read by the people who write the rules (tests/data/*/README.md).
Predictions are JSONL (one DealFacts.to_gold() per input, with its "path") in a
temporary directory, or in --keep.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from kg.errors import KgError  # noqa: E402
from kg.extract import extract  # noqa: E402
from kg.sources import discover, read_file  # noqa: E402

__all__ = ["predict", "score", "SHARED", "SETS", "GoldSet"]

SHARED = REPO.parent / "shared"
SCORE, SCORE_CUAD = SHARED / "eval" / "score.py", SHARED / "eval" / "score_cuad.py"


@dataclass(frozen=True)
class GoldSet:
    """One gold set: where it lives, how it is scored and who may read it."""

    name: str
    root: Path
    scorer: Path
    label: str  # visible | development | blind
    fields: tuple[str, ...]


_NARRATIVE_FIELDS = ("agreements", "agreement.parties", "agreement.licensor", "agreement.licensee",
                     "payments.kind", "payments.amount")
_CUAD_FIELDS = ("parties", "agreement_date", "effective_date", "governing_law", "kind", "expiration_date")

SETS: tuple[GoldSet, ...] = (
    GoldSet("corpus", SHARED / "corpus", SCORE, "visible", _NARRATIVE_FIELDS),
    GoldSet("seed", SHARED / "corpus" / "seed", SCORE, "visible", _NARRATIVE_FIELDS),
    GoldSet("heldout", REPO / "tests" / "data" / "heldout", SCORE, "visible", _NARRATIVE_FIELDS),
    GoldSet("real-dev", SHARED / "real-dev", SCORE, "development", _NARRATIVE_FIELDS),
    GoldSet("dev2", REPO / "tests" / "data" / "dev2", SCORE, "development", _NARRATIVE_FIELDS),
    GoldSet("dev3", REPO / "tests" / "data" / "dev3", SCORE, "development", _NARRATIVE_FIELDS),
    GoldSet("dev4", REPO / "tests" / "data" / "dev4", SCORE, "development", _NARRATIVE_FIELDS),
    GoldSet("heldout2", REPO / "tests" / "data" / "heldout2", SCORE, "blind", _NARRATIVE_FIELDS),
    GoldSet("blind3", REPO / "tests" / "data" / "blind3", SCORE, "blind", _NARRATIVE_FIELDS),
    GoldSet("cuad", SHARED / "eval" / "cuad", SCORE_CUAD, "visible", _CUAD_FIELDS),
    GoldSet("cuad-dev", SHARED / "eval" / "cuad-dev", SCORE_CUAD, "development", _CUAD_FIELDS),
)


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


def score(scorer: Path, gold: Path, pred: Path, as_json: bool = False, per_doc: bool = False) -> str | dict:
    """Run one of the shared scorers; its printed table, or its --json summary as a dict."""
    args = [sys.executable, str(scorer), str(gold), str(pred)]
    args += ["--json"] if as_json else []
    args += ["--per-doc"] if per_doc else []
    res = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(res.stdout) if as_json else res.stdout


def _f1(summary: dict, field: str) -> str:
    f = summary.get("fields", {}).get(field)
    return f"{f['f1']:.3f}" if f else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(s.name for s in SETS),
                    help="comma-separated set names (default: all): " + ", ".join(s.name for s in SETS))
    ap.add_argument("--full", action="store_true", help="also print each scorer's whole field table")
    ap.add_argument("--keep", type=Path, default=None, help="directory to keep the JSONL predictions in")
    args = ap.parse_args(argv)
    wanted = [s for s in SETS if s.name in args.sets.split(",")]
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="dealgraph-accuracy-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    rows, tables = [], []
    for gs in wanted:
        if not gs.root.is_dir() or not gs.scorer.is_file():
            rows.append((gs.name, gs.label, "absent", "", "", [""] * 0))
            continue
        pred = out_dir / f"{gs.name}.jsonl"
        n, secs, failures = predict(gs.root, pred)
        summary = score(gs.scorer, gs.root, pred, as_json=True)
        rows.append((gs.name, gs.label, str(n), f"{n / secs if secs else 0:.1f}",
                     f"{summary['core_f1']:.3f}", [f"{f}={_f1(summary, f)}" for f in gs.fields]))
        for f in failures:
            tables.append(f"   {gs.name} failed: {f}")
        if args.full:
            tables.append(f"== {gs.name} ({gs.label}): {gs.root}, predictions {pred}\n"
                          + score(gs.scorer, gs.root, pred))
    print("| set | label | docs | docs/s | core F1 | fields (F1) |")
    print("|---|---|---|---|---|---|")
    for name, label, n, rate, core, fields in rows:
        print(f"| {name} | {label} | {n} | {rate} | {core} | {' '.join(fields)} |")
    for t in tables:
        print(t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
