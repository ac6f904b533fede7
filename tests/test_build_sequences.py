"""Issue 16: any sequence of builds, file changes, removals (``prune``) and killed builds ends in the same
canonical N-Quads as a clean build of the final set of files, and that store conforms.

A bounded hypothesis property (fixed seed, a few examples: CI-cheap).  Files are small invented
filings; the same deal in several of them makes kg.resolve merge across files, and some pairs
disagree on single-valued fields (kg/resolve/_reconcile.py).  A kill stops the build at a stage
boundary with an exception nothing in the build catches (tests/test_kill_queries.py shows the same
states reached by a real SIGKILL).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build import build
from kg.fastcheck import fast_validate
from kg.resolve import _state
from kg.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from test_build import synthetic_filing  # noqa: E402
from test_kill import SEED_FILE  # noqa: E402
from test_kill_queries import Killed, _kill_at  # noqa: E402

NAMES = ("a", "b", "c", "d")
_SEED = SEED_FILE.read_text(encoding="utf-8")


def _content(variant: int) -> str:
    """Variant 0-2: the seed's deal (one agreement, merged across files); 3-5: a made-up licence of one
    pair of companies, with another date or partner spelling in some variants."""
    if variant < 3:
        return _SEED + f"\nReference number {variant} for this copy.\n"
    n = 1 if variant < 5 else 2
    extra = "" if variant == 3 else "\nThe agreement was signed on March 3, 2019.\n"
    return synthetic_filing(n, filer="NORTHWIND THERAPEUTICS INC", partner="Bluefin Pharma AG", extra=extra)


KILLS = [(Store, "replace_graph", 1), (_state, "apply", 0), (_state, "write_rows", 0), (Store, "mark_derived_fresh", 0)]
_OP = st.one_of(
    st.tuples(st.just("build"), st.sets(st.sampled_from(NAMES), min_size=1), st.booleans()),
    st.tuples(st.just("change"), st.sampled_from(NAMES), st.integers(0, 5)),
    st.tuples(st.just("kill"), st.sets(st.sampled_from(NAMES), min_size=1), st.integers(0, len(KILLS) - 1)),
)


@pytest.fixture(scope="module")
def clean_cache():
    return {}


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ops=st.lists(_OP, min_size=1, max_size=4), final=st.sets(st.sampled_from(NAMES), min_size=1))
def test_any_sequence_ends_like_a_clean_build(tmp_path_factory, monkeypatch, clean_cache, ops, final):
    tmp = tmp_path_factory.mktemp("seq")
    monkeypatch.chdir(tmp)
    files = tmp / "in"
    files.mkdir()
    content = {n: i % 6 for i, n in enumerate(NAMES)}
    for n in NAMES:
        (files / f"{n}.txt").write_text(_content(content[n]), encoding="utf-8")
    store = str(tmp / "s.kg")

    def paths(names):
        return [f"in/{n}.txt" for n in sorted(names)]

    for op in ops:
        if op[0] == "build":
            build(paths(op[1]), store, progress=False, prune=op[2])
        elif op[0] == "change":
            content[op[1]] = op[2]
            (files / f"{op[1]}.txt").write_text(_content(op[2]), encoding="utf-8")
        else:
            target, attr, after = KILLS[op[2]]
            with monkeypatch.context() as m:
                _kill_at(m, target, attr, after)
                try:
                    build(paths(op[1]), store, progress=False)
                except Killed:
                    pass
    assert build(paths(final), store, progress=False, prune=True).ok
    key = tuple(sorted((n, content[n]) for n in final))
    if key not in clean_cache:
        clean = str(tmp / "clean.kg")
        assert build(paths(final), clean, progress=False).ok
        with Store(clean, read_only=True) as c:
            clean_cache[key] = c.canonical_nquads()
    with Store(store, read_only=True) as s:
        assert s.canonical_nquads() == clean_cache[key]
        assert fast_validate(s).conforms
