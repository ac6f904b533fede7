"""Issue 16, defect 2: after a build killed at any point, every named query either answers exactly as a
clean build of the same files would, or refuses with one line that says what to run; never a silent
partial answer (a killed build once left ``org_deals`` answering 0 rows while ``find_org`` showed 18 deals).

Kill points: in-process, the build is stopped (an exception no code catches, like SIGKILL: nothing after
it runs) at each stage boundary: after some documents, before the merges' transaction, while writing the
deal table, before its marker, before the stale mark is cleared.  Then once with a real SIGKILL of a
`kg build` process (tests/test_kill.py's helpers).  Read-only, each query must answer like the clean
build or refuse; open for writing, each must answer like the clean build (the store is resolved first).
"""
from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from kg import build as build_mod
from kg.build import build
from kg.errors import QueryError
from kg.query import list_queries, run_query
from kg.resolve import _state
from kg.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from test_build import synthetic_filing  # noqa: E402
from test_kill import SEED_FILE, dir_size, kg_build  # noqa: E402

N_SEED, N_SYNTH = 4, 4
REFUSAL = r"^query \w+: store \S+: .*resolution.*; run `kg build PATH\.\.\. --store \S+` again with the same inputs"


class Killed(BaseException):
    """Stops the build where it stands (BaseException: no `except Exception` in the build catches it)."""


def _inputs(folder: Path) -> list[str]:
    folder.mkdir()
    seed = SEED_FILE.read_text(encoding="utf-8")
    for n in range(N_SEED):  # one deal reported by several documents: merged by kg.resolve
        (folder / f"s{n}.txt").write_text(seed + f"\nReference number {n} for this copy.\n", encoding="utf-8")
    for n in range(N_SYNTH):
        (folder / f"n{n}.txt").write_text(synthetic_filing(n + 1, partner="Bluefin Pharma AG"), encoding="utf-8")
    return sorted(f"in/{p.name}" for p in folder.iterdir())


def _params(ref: Store) -> dict[str, dict[str, str]]:
    """Parameters for every named query, picked from the clean build (an organization with the most deals...)."""
    orgs = run_query(ref, "find_org", {"text": "a"}).dicts()
    top = max(orgs, key=lambda r: (r["deals"] or 0, r["name"]))
    deals = run_query(ref, "org_deals", {"org_name": top["name"]}).dicts()
    assert deals, "the clean build has deals"
    partner = deals[0]["partners"].split("; ")[0]
    values = {"org_name": top["name"], "org_a": top["name"], "org_b": partner, "text": "pharma",
              "agreement": deals[0]["agreement"], "fact": deals[0]["agreement"], "currency": "USD",
              "date_from": "1990-01-01", "date_to": "2030-12-31", "min_amount": "0"}
    from kg.query import load_query

    return {name: {p.name: values[p.name] for p in load_query(name).params} for name, _ in list_queries()}


def _answers(store: Store, params: dict[str, dict[str, str]]) -> dict[str, object]:
    """Every named query's rows, or its refusal message."""
    out: dict[str, object] = {}
    for name, ps in params.items():
        try:
            out[name] = sorted(map(repr, run_query(store, name, ps).rows))
        except QueryError as exc:
            out[name] = QueryError(str(exc))
    return out


def _check(store_dir: Path, refs: dict, params: dict) -> tuple[int, int]:
    """The property, on a killed store: read-only answers equal the clean build's or refuse; read-write equal."""
    if not store_dir.exists():
        return 0, 0
    with Store(str(store_dir), read_only=True) as ro:
        files = frozenset(p for p, _ in ro.manifest().items())
        answers = _answers(ro, params)
    expected = refs(files)
    refused = 0
    for name, got in answers.items():
        if isinstance(got, QueryError):
            assert "\n" not in str(got) and __import__("re").match(REFUSAL, str(got)), str(got)
            refused += 1
        else:
            assert got == expected[name], f"{name} answered from a half-built store"
    with Store(str(store_dir)) as rw:  # open for writing: brought up to date, then every answer is the clean one
        assert _answers(rw, params) == expected
    return len(answers) - refused, refused


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = _inputs(tmp_path / "in")
    cache: dict[frozenset, dict] = {}
    state: dict = {"paths": paths}

    def refs(files: frozenset) -> dict:
        """The clean build of exactly these files (absolute manifest paths), its answers."""
        if files not in cache:
            d = tmp_path / f"ref-{len(cache)}.kg"
            chosen = [p for p in paths if os.path.abspath(p) in files]
            assert build(chosen, str(d), progress=False).ok
            with Store(str(d), read_only=True) as st:
                if "params" not in state:
                    state["params"] = _params(st)
                cache[files] = _answers(st, state["params"])
        return cache[files]

    refs(frozenset(os.path.abspath(p) for p in paths))  # the full clean build picks the parameters
    state["refs"] = refs
    return tmp_path, state


def _kill_at(monkeypatch, target, attr: str, after: int) -> None:
    """Make ``target.attr`` stop the build on its call number ``after + 1``."""
    real = getattr(target, attr)
    calls = {"n": 0}

    def wrapper(*a, **kw):
        calls["n"] += 1
        if calls["n"] > after:
            raise Killed(attr)
        return real(*a, **kw)

    monkeypatch.setattr(target, attr, wrapper)


POINTS = [  # (where, which call stops the build, a complete build of half the files first)
    ("replace_graph", 3, False),    # three documents written, the others not
    ("replace_graph", 3, True),     # ... over a store built before
    ("apply", 0, True),             # every document written, the merges not
    ("write_rows", 0, True),        # merges written, the deal table not
    ("write_rows", 1, False),       # a first build: deal table written, its marker not
    ("mark_derived_fresh", 0, False),  # everything written, the stale mark still set
]


@pytest.mark.parametrize("where,after,prior", POINTS, ids=[f"{w}-{a}{'-over-a-build' if p else ''}" for w, a, p in POINTS])
def test_killed_build_answers_like_a_clean_build_or_refuses(workdir, monkeypatch, where, after, prior):
    tmp, state = workdir
    target = {"replace_graph": Store, "mark_derived_fresh": Store, "apply": _state, "write_rows": _state}[where]
    store_dir = tmp / "killed.kg"
    if prior:
        assert build(state["paths"][::2], str(store_dir), progress=False).ok
    with monkeypatch.context() as m:
        _kill_at(m, target, where, after)
        with pytest.raises(Killed):
            build(state["paths"], str(store_dir), progress=False)
    answered, refused = _check(store_dir, state["refs"], state["params"])
    assert refused == len(state["params"]), "a stale store answered a question read-only"


def test_sigkill_at_several_points_answers_like_a_clean_build_or_refuses(workdir):
    tmp, state = workdir
    final = dir_size(tmp / "ref-0.kg")
    for attempt, fraction in enumerate((0.2, 0.6, 0.95)):
        store = tmp / f"sigkill-{attempt}.kg"
        proc = kg_build(tmp, store.name)
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline:
            if store.exists() and dir_size(store) >= fraction * final:
                break
            time.sleep(0.002)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        _check(store, state["refs"], state["params"])
        shutil.rmtree(store, ignore_errors=True)
