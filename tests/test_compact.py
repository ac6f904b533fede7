"""kg.compact: a build compacts the store after big writes, not after small ones; kg optimize compacts now.

The policy is counted, not timed: quads written since the last compaction
against a share of the store's size then (timings: bench/scale.py).
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

import kg.compact as compact
from kg.build import build
from kg.cli import cli
from kg.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed"
_WRITTEN = ox.NamedNode("https://w3id.org/dealgraph/build#writtenSinceCompaction")


def _count(path: Path) -> int:
    with Store(path, create=False, read_only=True) as st:
        return compact._count(st.ox, _WRITTEN)


def test_first_build_compacts_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(compact, "COMPACT_MIN_QUADS", 10)
    rep = build([str(SEED)], str(tmp_path / "s"), progress=False)
    assert rep.written > 10
    assert rep.compaction.startswith("compacted the store in ")
    assert rep.compaction_seconds > 0
    assert "store: compacted the store" in rep.format(quiet=True)  # said even with -q
    assert rep.to_json()["compaction"] == rep.compaction
    assert _count(tmp_path / "s") == 0  # the count starts again
    with Store(tmp_path / "s", create=False, read_only=True) as st:
        base = compact._count(st.ox, compact._SIZE)
        assert 0 <= len(st.ox) - base <= 2  # the next threshold is a share of this (+ the count quads)


def test_small_writes_accumulate_until_the_threshold(tmp_path, monkeypatch):
    store = tmp_path / "s"
    monkeypatch.setattr(compact, "COMPACT_MIN_QUADS", 10**9)  # never compact while counting
    first = build([str(SEED)], str(store), progress=False)
    assert first.compaction.startswith("not compacted")
    assert _count(store) == first.written
    again = build([str(SEED)], str(store), progress=False)  # nothing changed: nothing written, nothing decided
    assert again.written == 0 and again.compaction is None
    with Store(store) as st:
        done = compact.settle(st, 5)
        assert not done.compacted and done.written == first.written + 5
        monkeypatch.setattr(compact, "COMPACT_MIN_QUADS", first.written + 5)
        done = compact.settle(st, 0)  # the count reached the threshold: compacted now
        assert done.compacted and done.written == first.written + 5
        assert compact._count(st.ox, _WRITTEN) == 0


def test_threshold_is_a_share_of_the_store_at_its_last_compaction(tmp_path, monkeypatch):
    monkeypatch.setattr(compact, "COMPACT_MIN_QUADS", 1)
    with Store(tmp_path / "s") as st:
        st.add_quads([(ox.NamedNode(f"http://ex/{i}"), ox.NamedNode("http://ex/p"), ox.Literal(str(i)),
                       ox.NamedNode("http://ex/g")) for i in range(1000)])
        compact.compact(st)
        assert compact.threshold(st) == int(compact.COMPACT_FRACTION * len(st.ox))
        assert not compact.settle(st, compact.threshold(st) - 1).compacted
        assert compact.settle(st, 1).compacted


def test_kg_optimize_compacts_an_existing_store_and_refuses_a_missing_one(tmp_path):
    build([str(SEED)], str(tmp_path / "s"), progress=False)
    res = CliRunner().invoke(cli, ["optimize", "--store", str(tmp_path / "s")], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "compacted the store in" in res.output
    assert _count(tmp_path / "s") == 0
    res = CliRunner().invoke(cli, ["optimize", "--store", str(tmp_path / "none")])
    assert res.exit_code != 0
    assert "no store here" in res.output


def test_compaction_keeps_every_quad(tmp_path):
    build([str(SEED)], str(tmp_path / "s"), progress=False)
    with Store(tmp_path / "s") as st:
        before = st.canonical_nquads()
        compact.compact(st)
        assert st.canonical_nquads() == before
