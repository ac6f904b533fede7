"""The project's seed document scores 1.000 on every deal field with the shared scorer.

People and cover-page fields come from kg.extract.people / kg.extract.cover
and are checked here too, since the seed must be perfect end to end.
Skipped (with the reason shown) when ../shared is not next to the repository.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract import extract
from kg.facts import AgreementStatus as S

REPO = Path(__file__).resolve().parents[2]
SEED_DIR = REPO.parent / "shared" / "corpus" / "seed"
SCORER = REPO.parent / "shared" / "eval" / "score.py"

pytestmark = pytest.mark.skipif(
    not (SEED_DIR.is_dir() and SCORER.is_file()),
    reason=f"seed corpus not found at {SEED_DIR} (needs ../shared/corpus/seed and ../shared/eval/score.py)",
)


@pytest.fixture(scope="module")
def seed_facts():
    from kg.sources import discover, read_file

    (path,) = discover([str(SEED_DIR)]).files
    return extract(read_file(path))


@pytest.fixture(scope="module")
def seed_scores(seed_facts, tmp_path_factory):
    pred = tmp_path_factory.mktemp("seed") / "seed.jsonl"
    pred.write_text(json.dumps(seed_facts.to_gold()) + "\n")
    res = subprocess.run([sys.executable, str(SCORER), str(SEED_DIR), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


DEAL_FIELDS = [
    "organizations", "agreements", "agreement.parties", "agreement.kind", "agreement.licensor",
    "agreement.licensee", "agreement.date", "agreement.exclusive", "agreement.term_years", "payments.kind",
    "payments.amount", "agreement.status", "agreement.renewal_years", "agreement.subject", "agreement.products",
    "payments.currency", "payments.bound", "payments.per", "products",
]


@pytest.mark.parametrize("field", DEAL_FIELDS)
def test_seed_deal_field_is_perfect(seed_scores, field):
    row = seed_scores["fields"][field]
    assert (row["f1"], row["fp"], row["fn"]) == (1.0, 0, 0), f"{field}: {row}"


def test_seed_every_scored_field_is_perfect(seed_scores):
    bad = {k: v for k, v in seed_scores["fields"].items() if v["fp"] or v["fn"]}
    assert bad == {}
    assert seed_scores["core_f1"] == 1.0


def test_seed_values(seed_facts):
    collab, ref = seed_facts.agreements
    assert collab.exclusive is False and collab.term_years == 5 and collab.renewal_years == 3
    assert [(p.kind.value, p.amount and int(p.amount), p.bound and p.bound.value, p.per) for p in collab.payments] == [
        ("upfront", 3_000_000, "exact", None),
        ("milestone", 40_000_000, "up-to", "antigen target"),
        ("royalty", None, None, None),
        ("reimbursement", None, None, None),
    ]
    assert collab.option == "exclusive product licenses for a limited number of antigen targets"
    assert ref.status is S.REFERENCED and ref.date == "2000-05-04" and ref.products == ["Herceptin TAP conjugate"]
