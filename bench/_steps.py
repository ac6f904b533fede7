"""The measured steps of bench/scale.py, each run in its own process (for per-step peak memory).

``python3 -m bench._steps STEP ARGS_JSON OUT_JSON`` runs one step and writes
its result (seconds, counts, answers) plus the process's peak resident
memory (``ru_maxrss`` of itself and of the largest worker it waited for) to
OUT_JSON.  Steps that run long (the rdflib and pySHACL baselines) append to
OUT_JSON as they go, so a timeout still leaves the numbers measured so far.

dealgraph steps use only dealgraph's own functions: ``kg.rdf.facts_to_graph``
(map), ``kg.store.Store.bulk_load`` (load), ``kg.query.run_query`` (queries),
``kg.fastcheck.fast_validate`` (validation), ``kg.export`` (projection,
PageRank, communities, GEXF, GraphML), ``kg.build.build`` (incremental).
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = ["QUERIES", "normalize_rows", "run_step"]

#: (label, named query, parameters, target class) of the benchmarked questions.
#: "{hub}" is replaced by the name of a popular organization of the generated set.
QUERIES: tuple[tuple[str, str, dict[str, str], str], ...] = (
    ("query: top licensors/licensees", "top_licensors_licensees", {}, "aggregate"),
    ("query: deals + value by year", "deals_per_year", {"currency": "USD"}, "aggregate"),
    ("query: 20 biggest upfronts", "biggest_upfronts", {"currency": "USD"}, "aggregate"),
    ("query: upfronts > USD 20M", "upfront_above", {"min_amount": "20000000", "currency": "USD"}, "aggregate"),
    ("query: same technology as hub (2-hop)", "same_technology_as", {"org_name": "{hub}"}, "2hop"),
    ("query: partners of partners (2-hop)", "two_hop_partners", {"org_name": "{hub}"}, "2hop"),
)


def _peak_mb() -> float:
    """Peak RSS in MB of this process or of the largest child it waited for (Linux ru_maxrss is KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def normalize_rows(columns: list[str], rows: list[tuple]) -> list[tuple[str, ...]]:
    """Rows as sorted tuples of canonical strings, so two engines' answers compare equal.

    Decimals are normalized ("5.0" == "5"), booleans lower-case, IRIs and
    literals by their value; the order of rows is ignored (ties in ORDER BY).
    """
    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, Decimal):
            return format(v.normalize(), "f")
        if isinstance(v, float):
            return format(Decimal(repr(v)).normalize(), "f")
        text = str(v)
        # GROUP_CONCAT order is undefined in SPARQL 1.1 (section 18.5.1.7): compare its parts as a set
        return "; ".join(sorted(text.split("; "))) if "; " in text else text
    return sorted(tuple(cell(v) for v in r) for r in rows)


def _write(out: str, result: dict[str, Any]) -> None:
    result["peak_mb"] = round(_peak_mb(), 1)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(result, fh)
    os.replace(tmp, out)


# ---------------------------------------------------------------- map: DealFacts -> N-Quads

def _map_range(args: tuple[int, int, int, int, str]) -> tuple[int, int]:
    """Filings start..stop through kg.rdf.facts_to_graph into an N-Quads part file."""
    import pyoxigraph as ox

    from bench._synth import iter_facts
    from kg.rdf import facts_to_graph
    from kg.store import to_ox

    n, seed, start, stop, part = args
    triples = docs = 0
    with open(part, "wb") as fh:
        batch: list = []
        for facts in iter_facts(n, seed, start, stop):
            doc, g = facts_to_graph(facts)
            gname = ox.NamedNode(str(doc))
            batch.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), gname) for s, p, o in g)
            docs += 1
            if len(batch) > 50_000:
                fh.write(ox.serialize(batch, None, ox.RdfFormat.N_QUADS))
                triples += len(batch)
                batch = []
        fh.write(ox.serialize(batch, None, ox.RdfFormat.N_QUADS))
        triples += len(batch)
    return docs, triples


def step_map(a: dict[str, Any]) -> dict[str, Any]:
    """Generate ``n`` deals and map them with dealgraph's mapping to one N-Quads file (``jobs`` workers)."""
    from bench._synth import n_filings

    n, seed, jobs, out = a["n"], a["seed"], a["jobs"], a["nquads"]
    total = n_filings(n)
    k = max(1, jobs * 8)
    bounds = [(total * i // k, total * (i + 1) // k) for i in range(k)]
    parts = [f"{out}.part{i:03d}" for i in range(k)]
    t0 = time.perf_counter()
    work = [(n, seed, lo, hi, p) for (lo, hi), p in zip(bounds, parts)]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            counts = list(ex.map(_map_range, work))
    else:
        counts = [_map_range(w) for w in work]
    with open(out + ".tmp", "wb") as dst:
        for p in parts:
            with open(p, "rb") as src:
                shutil.copyfileobj(src, dst, 1 << 22)
            os.remove(p)
    os.replace(out + ".tmp", out)
    return {"seconds": time.perf_counter() - t0, "docs": sum(c[0] for c in counts),
            "triples": sum(c[1] for c in counts), "bytes": os.path.getsize(out)}


# ---------------------------------------------------------------- dealgraph steps

def step_load(a: dict[str, Any]) -> dict[str, Any]:
    """kg.store.Store.bulk_load of the N-Quads into a fresh on-disk store."""
    from kg.store import Store

    shutil.rmtree(a["store"], ignore_errors=True)
    t0 = time.perf_counter()
    with Store(a["store"]) as st:
        st.bulk_load(a["nquads"])
        seconds = time.perf_counter() - t0
        quads = len(st.ox)
    return {"seconds": seconds, "quads": quads}


def step_queries(a: dict[str, Any]) -> dict[str, Any]:
    """Every benchmarked named query through kg.query.run_query on the store."""
    from kg.query import run_query
    from kg.store import Store

    out: dict[str, Any] = {"queries": {}}
    with Store(a["store"], create=False, read_only=True) as st:
        for label, name, params, _ in QUERIES:
            p = {k: v.replace("{hub}", a["hub"]) for k, v in params.items()}
            t0 = time.perf_counter()
            res = run_query(st, name, p)
            dt = time.perf_counter() - t0
            out["queries"][label] = {"seconds": dt, "rows": len(res.rows),
                                     "answer": normalize_rows(res.columns, res.rows) if a.get("answers") else None}
    out["seconds"] = sum(q["seconds"] for q in out["queries"].values())
    return out


def step_query(a: dict[str, Any]) -> dict[str, Any]:
    """One benchmarked named query (by label) through kg.query.run_query on the store."""
    from kg.query import run_query
    from kg.store import Store

    label, name, params, _ = next(q for q in QUERIES if q[0] == a["label"])
    with Store(a["store"], create=False, read_only=True) as st:
        p = {k: v.replace("{hub}", a["hub"]) for k, v in params.items()}
        t0, c0 = time.perf_counter(), time.process_time()
        res = run_query(st, name, p)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        same = None
        if a.get("reference") and (REFERENCE_QUERIES / f"{name}.rq").exists():
            # after the timing: the plain lic: formulation on the same store (Oxigraph), every size
            ref = run_query(st, name, p, query=reference_query(name))
            same = [normalize_rows(res.columns, [r]) for r in res.rows] == [normalize_rows(ref.columns, [r]) for r in ref.rows]
    return {"seconds": dt, "cpu_seconds": cpu, "rows": len(res.rows), "reference_equal": same,
            "answer": normalize_rows(res.columns, res.rows) if a.get("answers") else None}


def step_resolve(a: dict[str, Any]) -> dict[str, Any]:
    """kg.resolve.resolve over the loaded store (what ``kg build`` runs after writing documents).

    With ``a["dump"]``, also writes the resolved store (document graphs and the
    resolution graph) as N-Quads, so the rdflib and pySHACL baselines answer
    over the same dataset as the store.
    """
    import pyoxigraph as ox

    from kg.resolve import RESOLUTION_GRAPH, resolve
    from kg.store import Store

    from kg.compact import settle

    with Store(a["store"], create=False) as st:
        t0 = time.perf_counter()
        report = resolve(st)
        st.mark_derived_fresh()
        seconds = time.perf_counter() - t0
        derived = sum(1 for _ in st.ox.quads_for_pattern(None, None, None, ox.NamedNode(RESOLUTION_GRAPH)))
        if a.get("dump"):
            st.dump("nquads", a["dump"])
        # the store as `kg build` leaves it: the loaded quads and resolve's writes counted, then
        # kg.compact's decision (kg.build._settle), so every later step reads that store
        done = settle(st, int(a.get("loaded") or 0) + report.written) if a.get("settle", True) else None
    merged = sorted({canon for canon, _ in report.agreement_merges})
    return {"seconds": seconds, "report": str(report), "quads": derived, "merged_agreements": merged,
            "written": report.written, "compaction": None if done is None else
            {"compacted": done.compacted, "seconds": done.seconds, "written": done.written, "threshold": done.threshold}}


def step_validate(a: dict[str, Any]) -> dict[str, Any]:
    """kg.fastcheck.fast_validate over the whole store."""
    from kg.fastcheck import fast_validate
    from kg.store import Store
    from kg.validate import result_key

    with Store(a["store"], create=False, read_only=True) as st:
        t0, c0 = time.perf_counter(), time.process_time()
        res = fast_validate(st)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"seconds": seconds, "cpu_seconds": cpu, "keys": sorted(list(result_key(v)) for v in res.violations)}


def step_analyze(a: dict[str, Any]) -> dict[str, Any]:
    """kg.export.deal_network (projection + PageRank + betweenness + Louvain), then GEXF 1.3 and GraphML."""
    from kg.export import deal_network, write_gexf, write_graphml
    from kg.store import Store

    with Store(a["store"], create=False, read_only=True) as st:
        t0 = time.perf_counter()
        M = deal_network(st)
        t1 = time.perf_counter()
    write_gexf(M, a["gexf"])
    t2 = time.perf_counter()
    write_graphml(M, a["graphml"])
    t3 = time.perf_counter()
    return {"seconds": t3 - t0, "network": t1 - t0, "gexf": t2 - t1, "graphml": t3 - t2,
            "nodes": M.number_of_nodes(), "edges": M.number_of_edges()}


def step_build(a: dict[str, Any]) -> dict[str, Any]:
    """kg.build.build over a directory (what `kg build DIR --store S --jobs J` does)."""
    from kg.build import build

    t0, c0 = time.perf_counter(), time.process_time()
    rep = build([a["dir"]], a["store"], jobs=a["jobs"], progress=False)
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0,
            "counts": rep.counts(), "resolve": rep.resolve,
            "compaction": rep.compaction, "compaction_seconds": rep.compaction_seconds, "written": rep.written}


# ---------------------------------------------------------------- baselines

def step_extract_loop(a: dict[str, Any]) -> dict[str, Any]:
    """Baseline of bench/extract.py: kg.sources.read_file + kg.extract.extract in a plain loop, no store."""
    from kg.errors import KgError
    from kg.extract import extract
    from kg.sources import discover, read_file

    files = discover([a["dir"]]).files
    counts = {"ok": 0, "no-deal": 0, "failed": 0}
    t0, c0 = time.perf_counter(), time.process_time()
    for f in files:
        try:
            facts = extract(read_file(f))
        except KgError:
            counts["failed"] += 1
            continue
        counts["ok" if facts.agreements else "no-deal"] += 1
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0, "counts": counts}


#: Plain lic: formulations of the queries that read kg.resolve's deal table: the rdflib
#: baseline runs these (the obvious way to ask), and tests prove the table queries equal them.
REFERENCE_QUERIES = Path(__file__).parent / "reference_queries"


def reference_query(name: str) -> Any:
    """The plain ``lic:`` formulation of query ``name`` (bench/reference_queries/), else the shipped query."""
    from kg.query import load_query, parse_query

    path = REFERENCE_QUERIES / f"{name}.rq"
    return parse_query(name, path.read_text(encoding="utf-8")) if path.exists() else load_query(name)


class _QueryTimeout(Exception):
    """One baseline query ran past its time limit."""


def _alarm(_signum: int, _frame: Any) -> None:
    raise _QueryTimeout


def step_rdflib(a: dict[str, Any]) -> dict[str, Any]:
    """Baseline: rdflib Dataset (Memory store) parse of the resolved store's N-Quads, then each query's
    plain lic: formulation (:func:`reference_query`; the shipped text where the two are the same)."""
    import rdflib

    from kg.query import _term
    from kg.store import from_ox

    out: dict[str, Any] = {"queries": {}}
    t0 = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(a["nquads"], format="nquads")
    out["load"] = time.perf_counter() - t0
    out["triples"] = len(ds)
    _write(a["out"], out)
    for label, name, params, _ in QUERIES:
        nq = reference_query(name)
        given = {k: v.replace("{hub}", a["hub"]) for k, v in params.items()}
        bindings = {}
        for p in nq.params:
            raw = given.get(p.name, p.default)
            bindings[p.name] = from_ox(_term(name, p, raw))
        t0 = time.perf_counter()
        limit = int(a.get("query_timeout") or 0)
        try:  # each query gets its own time limit (SIGALRM interrupts rdflib's pure-Python evaluation)
            if limit:
                signal.signal(signal.SIGALRM, _alarm)
                signal.alarm(limit)
            res = ds.query(nq.sparql, initBindings=bindings)
            cols = [str(v) for v in res.vars]
            rows = [tuple(None if t is None else (t.toPython() if isinstance(t, rdflib.Literal) else str(t)) for t in r)
                    for r in res]
        except _QueryTimeout:
            out["queries"][label] = {"seconds": None, "timeout": limit}
            _write(a["out"], out)
            continue
        finally:
            signal.alarm(0)
        dt = time.perf_counter() - t0
        keep = [i for i, c in enumerate(cols) if c not in bindings]
        rows = [tuple(r[i] for i in keep) for r in rows]
        out["queries"][label] = {"seconds": dt, "rows": len(rows),
                                 "answer": normalize_rows([cols[i] for i in keep], rows) if a.get("answers") else None}
        _write(a["out"], out)
    return out


def step_pyshacl(a: dict[str, Any]) -> dict[str, Any]:
    """Baseline: full pySHACL (kg.validate.validate_graph) over the union of the same N-Quads."""
    import rdflib

    from kg.validate import result_key, validate_graph

    t0 = time.perf_counter()
    g = rdflib.Graph()
    ds = rdflib.Dataset()
    ds.parse(a["nquads"], format="nquads")
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    del ds
    load = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    res = validate_graph(g)
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0, "load": load,
            "keys": sorted(list(result_key(v)) for v in res.violations)}


STEPS = {"map": step_map, "load": step_load, "resolve": step_resolve, "query": step_query,
         "queries": step_queries, "validate": step_validate,
         "analyze": step_analyze, "build": step_build, "extract_loop": step_extract_loop, "rdflib": step_rdflib, "pyshacl": step_pyshacl}


def run_step(step: str, args: dict[str, Any], out: str) -> None:
    """Run one step and write its result JSON (with peak memory) to ``out``."""
    args = dict(args, out=out)
    result = STEPS[step](args)
    _write(out, result)


if __name__ == "__main__":
    sys.setrecursionlimit(10_000)
    run_step(sys.argv[1], json.loads(sys.argv[2]), sys.argv[3])
