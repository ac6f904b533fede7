"""Accuracy floors on the shared gold corpus and CUAD, measured with the shared scorers.

Skipped (with the reason shown) when ../shared is not next to the repository.
The floors are the project's targets: whole corpus organizations >= 0.90,
agreements and parties/licensor/licensee >= 0.85, payment kind and amount
>= 0.85, core F1 >= 0.85; CUAD parties >= 0.85, kind >= 0.70 and expiration_date >= 0.65; the held-out set
(tests/data/heldout, docs/heldout.md) core F1 >= 0.88 and payment amounts >= 0.75, a few
points under what it measures, so a rule that only helps the corpus wording shows up; the blind
second set (tests/data/heldout2) core F1 >= 0.75.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CORPUS, CUAD, EVAL = SHARED / "corpus", SHARED / "eval" / "cuad", SHARED / "eval"
HELDOUT = REPO / "tests" / "data" / "heldout"
HELDOUT2 = REPO / "tests" / "data" / "heldout2"  # blind: aggregate scores only (its README)
DEV2 = REPO / "tests" / "data" / "dev2"  # development set: its failures are read to find rule classes

pytestmark = pytest.mark.skipif(
    not (CORPUS.is_dir() and (EVAL / "score.py").is_file()),
    reason=f"shared gold corpus not found at {SHARED} (needs ../shared/corpus and ../shared/eval/score.py)",
)


def _bench():
    spec = importlib.util.spec_from_file_location("bench_accuracy", REPO / "bench" / "accuracy.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses resolve their annotations through sys.modules
    spec.loader.exec_module(mod)
    return mod


def _scores(tmp_dir: Path, root: Path, scorer: str, min_docs: int) -> dict:
    """Extract every filing under ``root`` (none may fail) and score it with the shared ``scorer``."""
    bench = _bench()
    pred = tmp_dir / "pred.jsonl"
    n, _, failures = bench.predict(root, pred)
    assert failures == [] and n >= min_docs
    return bench.score(EVAL / scorer, root, pred, as_json=True)


@pytest.fixture(scope="module")
def corpus_scores(tmp_path_factory):
    return _scores(tmp_path_factory.mktemp("acc"), CORPUS, "score.py", 19)


@pytest.fixture(scope="module")
def cuad_scores(tmp_path_factory):
    if not CUAD.is_dir():
        pytest.skip(f"CUAD set not found at {CUAD}")
    return _scores(tmp_path_factory.mktemp("acc"), CUAD, "score_cuad.py", 60)


CORPUS_FLOORS = {
    "organizations": 0.90,
    "agreements": 0.85,
    "agreement.parties": 0.85,
    "agreement.licensor": 0.85,
    "agreement.licensee": 0.85,
    "payments.kind": 0.85,
    "payments.amount": 0.85,
}


@pytest.mark.parametrize("field", sorted(CORPUS_FLOORS))
def test_corpus_field_floor(corpus_scores, field):
    f1 = corpus_scores["fields"][field]["f1"]
    assert f1 >= CORPUS_FLOORS[field], f"{field} F1 {f1:.3f} < {CORPUS_FLOORS[field]}"


def test_corpus_core_f1_floor(corpus_scores):
    assert corpus_scores["core_f1"] >= 0.85
    assert corpus_scores["missing"] == []


@pytest.mark.parametrize("field, floor", [("parties", 0.85), ("kind", 0.70), ("expiration_date", 0.65)])
def test_cuad_floor(cuad_scores, field, floor):
    f1 = cuad_scores["fields"][field]["f1"]
    assert f1 >= floor, f"CUAD {field} F1 {f1:.3f} < {floor}"


@pytest.fixture(scope="module")
def heldout_scores(tmp_path_factory):
    return _scores(tmp_path_factory.mktemp("acc"), HELDOUT, "score.py", 14)


def test_heldout_floors(heldout_scores):
    assert heldout_scores["missing"] == []
    assert heldout_scores["core_f1"] >= 0.88
    amount = heldout_scores["fields"]["payments.amount"]["f1"]
    assert amount >= 0.75, f"held-out payments.amount F1 {amount:.3f} < 0.75"


def test_blind_heldout_floor(tmp_path):
    """The blind set's core F1 stays near its measurements (0.781 -> 0.797 in the session that added it;
    0.886 after the layered narrative reader)."""
    scores = _scores(tmp_path, HELDOUT2, "score.py", 12)
    assert scores["missing"] == [] and scores["core_f1"] >= 0.85


@pytest.mark.parametrize("name, floor", [("dev2", 0.88), ("dev3", 0.85), ("dev4", 0.85)])
def test_dev_set_floor(tmp_path, name, floor):
    """The hand-written development sets keep what their classes won: dev2 0.678 -> 0.828 in the session that
    added it, 0.906 after the layered reader; dev3 0.689 and dev4 0.826 when added (written by helpers who
    never read the code), 0.884 and 0.882 at the end of that session."""
    scores = _scores(tmp_path, REPO / "tests" / "data" / name, "score.py", 12)
    assert scores["missing"] == [] and scores["core_f1"] >= floor


REAL_DEV, BLIND3 = SHARED / "real-dev", REPO / "tests" / "data" / "blind3"


def test_real_dev_floor(tmp_path):
    """Real 8-Ks and 10-K notes with independent gold (development set): 0.481 before the layered reader,
    0.836 after its first session, 0.911 after the second; agreements recall is what the layers were built for."""
    if not REAL_DEV.is_dir():
        pytest.skip(f"real development set not found at {REAL_DEV}")
    scores = _scores(tmp_path, REAL_DEV, "score.py", 26)
    assert scores["missing"] == [] and scores["core_f1"] >= 0.88
    assert scores["fields"]["agreements"]["recall"] >= 0.88


def test_third_blind_set_floor(tmp_path):
    """The blind set written from GOLD_SCHEMA alone by someone who never read the code (aggregate only):
    0.622 before the layered reader, 0.786 after its first session, 0.868 after the second."""
    scores = _scores(tmp_path, BLIND3, "score.py", 12)
    assert scores["missing"] == [] and scores["core_f1"] >= 0.84
