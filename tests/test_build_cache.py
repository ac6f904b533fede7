"""kg.build_cache: what a build keeps beside its store, and that a build reading it ends exactly like one
reading the store (issue 18: a 1-file change in 10,000 under 2 s).

Every build here is compared with a clean build of the same files (canonical N-Quads, the resolution
graph and deal table included); the monkeypatched readers prove which path a build took.
"""
from __future__ import annotations

import json
import os
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import build_cache
from kg.build import build
from kg.resolve._facts import Facts, loads_all
from kg.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from test_build import synthetic_filing  # noqa: E402

_OLD_NS = 1_500_000_000 * 10**9  # 2017: long before any cache these tests write


def _write(folder: Path, name: str, text: str, *, old: bool = True) -> Path:
    p = folder / name
    p.write_text(text, encoding="utf-8")
    if old:  # as files fetched long ago: their cached sha256 may be trusted (not "racily clean")
        os.utime(p, ns=(_OLD_NS, _OLD_NS))
    return p


def _inputs(tmp: Path) -> Path:
    d = tmp / "in"
    d.mkdir()
    for n in range(1, 6):  # f1 and f5 tell one deal of the same two companies (merged across files)
        pair = {"filer": "NORTHWIND THERAPEUTICS INC", "partner": "Bluefin Pharma AG"} if n in (1, 5) else {}
        _write(d, f"f{n}.txt", synthetic_filing(n, **pair, extra=f"\nCopy {n}.\n"))
    return d


def _clean(tmp: Path, d: Path) -> str:
    clean = tmp / f"clean-{len(list(tmp.iterdir()))}"
    assert build([str(d)], str(clean), progress=False).ok
    with Store(str(clean), read_only=True) as s:
        return s.canonical_nquads()


def _nquads(store: Path) -> str:
    with Store(str(store), read_only=True) as s:
        return s.canonical_nquads()


def test_a_build_leaves_its_cache_and_the_next_one_reads_it_instead_of_the_store(tmp_path, monkeypatch):
    d = _inputs(tmp_path)
    store = tmp_path / "s.kg"
    assert build([str(d)], str(store), progress=False).ok
    cache = store / build_cache.CACHE_DIR
    assert {p.name for p in cache.iterdir()} == {"manifest.json", "resolution.nt", "facts.marshal"}
    entries = json.loads((cache / "manifest.json").read_text())["entries"]
    assert sorted(e[0] for e in entries) == sorted(str(p.resolve()) for p in d.iterdir())
    assert all(len(e) == 8 for e in entries)  # path, graph, sha256 and the stat it was taken at

    # one file changed (another amount): no manifest scan, no file re-hashed but it, no record of another document read
    _write(d, "f2.txt", synthetic_filing(2, extra="\nCopy 2.\nThe upfront payment was later raised to USD 9 million.\n"))
    hashed: list[str] = []
    real_sha = __import__("kg.build", fromlist=["file_sha256"]).file_sha256
    monkeypatch.setattr(Store, "manifest", lambda self: pytest.fail("the manifest was read from the store"))
    monkeypatch.setattr("kg.build.file_sha256", lambda p: hashed.append(os.path.basename(p)) or real_sha(p))
    monkeypatch.setattr("kg.resolve.loads_all", _only_one_record(loads_all))
    report = build([str(d)], str(store), progress=False)
    monkeypatch.undo()
    assert report.counts()["built"] == 1 and report.counts()["unchanged"] == 4
    assert hashed == ["f2.txt"]
    assert _nquads(store) == _clean(tmp_path, d)


def _only_one_record(real):
    def loads_all(texts):
        assert len(texts) <= 1, f"{len(texts)} facts records read"
        return real(texts)
    return loads_all


def test_any_writer_takes_the_cache_away_and_the_next_build_reads_the_store(tmp_path):
    d = _inputs(tmp_path)
    store = tmp_path / "s.kg"
    build([str(d)], str(store), progress=False)
    with Store(str(store), read_only=True):
        pass
    assert (store / build_cache.CACHE_DIR).is_dir()  # a reader leaves it
    with Store(str(store)):  # a writer (kg optimize, a query resolving a stale store...) does not
        assert not (store / build_cache.CACHE_DIR).exists()
    assert not any(p.name.startswith(build_cache.CACHE_DIR) for p in store.iterdir())
    (d / "f3.txt").unlink()
    assert build([str(d)], str(store), progress=False, prune=True).ok
    assert (store / build_cache.CACHE_DIR).is_dir()
    assert _nquads(store) == _clean(tmp_path, d)


def test_a_build_that_fails_in_resolution_leaves_no_cache(tmp_path, monkeypatch):
    d = _inputs(tmp_path)
    store = tmp_path / "s.kg"
    build([str(d)], str(store), progress=False)
    _write(d, "f4.txt", synthetic_filing(4, extra="\nChanged.\n"))
    from kg.errors import StoreError

    def broken(*_a, **_k):
        raise StoreError("disk full")
    monkeypatch.setattr("kg.build.resolve", broken)
    report = build([str(d)], str(store), progress=False)
    assert report.resolve.startswith("failed")
    assert not (store / build_cache.CACHE_DIR).exists()
    monkeypatch.undo()
    assert build([str(d)], str(store), progress=False).ok  # a full pass (the store is stale), then a cache again
    assert (store / build_cache.CACHE_DIR).is_dir()
    assert _nquads(store) == _clean(tmp_path, d)


@pytest.mark.parametrize("damage", ["garbage manifest", "truncated facts", "no resolution", "other format"])
def test_a_damaged_cache_reads_as_none(tmp_path, damage):
    d = _inputs(tmp_path)
    store = tmp_path / "s.kg"
    build([str(d)], str(store), progress=False)
    cache = store / build_cache.CACHE_DIR
    if damage == "garbage manifest":
        (cache / "manifest.json").write_bytes(b"\x00\xff not json")
    elif damage == "truncated facts":
        data = (cache / "facts.marshal").read_bytes()
        (cache / "facts.marshal").write_bytes(data[: len(data) // 2])
    elif damage == "no resolution":
        (cache / "resolution.nt").unlink()
    else:
        doc = json.loads((cache / "manifest.json").read_text())
        (cache / "manifest.json").write_text(json.dumps({**doc, "format": "dealgraph build cache 0"}))
    _write(d, "f1.txt", synthetic_filing(1, filer="NORTHWIND THERAPEUTICS INC", partner="Bluefin Pharma AG",
                                         extra="\nCopy 1, revised.\n"))
    assert build([str(d)], str(store), progress=False).ok
    assert _nquads(store) == _clean(tmp_path, d)


def test_a_cached_digest_stands_only_for_the_same_stat_taken_long_enough_before_the_cache(tmp_path):
    p = _write(tmp_path, "a.txt", "one")
    st0 = os.stat(p)
    cache = build_cache.Cache(tmp_path, written_ns=st0.st_mtime_ns + 10 * build_cache.RACY_NS,
                              manifest={str(p): ("g", "sha-one")}, stats={str(p): build_cache.fingerprint(st0)})
    assert cache.digest(str(p), st0) == "sha-one"
    racy = build_cache.Cache(tmp_path, written_ns=st0.st_mtime_ns + build_cache.RACY_NS // 2,
                             manifest=cache.manifest, stats=cache.stats)
    assert racy.digest(str(p), st0) is None  # written in the same tick as the cache could be: hash again
    p.write_text("two")  # same size; mtime put back: the ctime still moves
    os.utime(p, ns=(st0.st_atime_ns, st0.st_mtime_ns))
    assert cache.digest(str(p), os.stat(p)) is None
    assert cache.digest(str(tmp_path / "b.txt"), st0) is None  # another path


def test_a_file_rewritten_with_its_old_size_and_mtime_is_still_read_again(tmp_path):
    d = _inputs(tmp_path)
    store = tmp_path / "s.kg"
    build([str(d)], str(store), progress=False)
    p = d / "f2.txt"
    text = p.read_text(encoding="utf-8")
    assert "of $7 million" in text
    _write(d, "f2.txt", text.replace("of $7 million", "of $8 million"))  # same size, mtime set back to the same past
    report = build([str(d)], str(store), progress=False)
    assert report.counts()["built"] == 1
    assert _nquads(store) == _clean(tmp_path, d)


# ---------------------------------------------------------------- the pool of facts


_VALUES = st.one_of(st.sampled_from(["a", "b", "c"]), st.sampled_from([Decimal("1.5"), Decimal("20")]), st.integers(0, 2))
_RECORD = st.dictionaries(
    st.sampled_from(["name", "amount", "party", "paymentKind"]),
    st.dictionaries(st.sampled_from(["s1", "s2", "s3"]), st.lists(_VALUES, min_size=1, max_size=3, unique=True),
                    min_size=1, max_size=2),
    max_size=3)


def _pool(records: dict[str, dict]) -> Facts:
    f = Facts()
    for g, rec in records.items():
        f.add(g, {**rec, "type": {s: ["Organization"] for s in rec.get("party", {})}})
    return f


def _view(f: Facts) -> tuple:
    """What resolution reads of a pool, order aside."""
    union = {local: {s: sorted(map(repr, vs)) for s, vs in u.items() if vs} for local, u in f.union.items()}
    return (union, f.typed, {k: sorted(map(repr, rows)) for k, rows in f.in_graph.items()}, f.shared, f.graphs, f.filing_date)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(records=st.dictionaries(st.sampled_from(["g1", "g2", "g3", "g4"]), _RECORD, min_size=1),
       gone=st.sets(st.sampled_from(["g1", "g2", "g3", "g4"])))
def test_taking_graphs_out_of_a_pool_equals_pooling_the_others(records, gone):
    records = {g: {**rec, "type": {s: ["Organization"] for s in rec.get("party", {})}} for g, rec in records.items()}
    pool = Facts()
    for g, rec in records.items():
        pool.add(g, rec)
    pool.subtract({g: records[g] for g in gone if g in records})
    others = Facts()
    for g, rec in records.items():
        if g not in gone:
            others.add(g, rec)
    assert _view(pool) == _view(others)
    assert _view(Facts.from_state(__import__("marshal").loads(__import__("marshal").dumps(pool.state())))) == _view(pool)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(records=st.dictionaries(st.sampled_from(["g1", "g2", "g3", "g4"]), _RECORD, min_size=1))
def test_a_pool_that_is_not_kept_reads_the_same_without_counting_and_refuses_to_be_kept(records):
    records = {g: {**rec, "type": {s: ["Organization"] for s in rec.get("party", {})}} for g, rec in records.items()}
    counted, plain = Facts(), Facts(counting=False)
    for g, rec in records.items():
        counted.add(g, rec)
        plain.add(g, rec)
    assert _view(plain)[:3] == _view(counted)[:3] and plain.filing_date == counted.filing_date
    assert plain.shared == {} and plain.graphs == set()
    with pytest.raises(ValueError):
        plain.state()
    with pytest.raises(ValueError):
        plain.subtract({g: rec for g, rec in records.items()})
