"""The fast paths the scale benchmark measures give the same answers as the reference paths.

No timings here (bench/scale.py measures); on a small generated set with
injected defects (bench/_synth.py) this proves:

- kg.fastcheck (SHACL compiled to SPARQL on pyoxigraph) == pySHACL, and both
  find exactly the injected defects;
- named queries on the resolved pyoxigraph store == the same SPARQL (for queries reading the deal
  table: its plain lic: formulation, bench/reference_queries/) on an rdflib Dataset;
- a bulk-loaded store == a store written document by document (replace_graph);
- an incremental `kg build` after one changed file == a clean build.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._steps import QUERIES, normalize_rows, reference_query  # noqa: E402
from bench._synth import (DEFECT_KINDS, defects, expected_violations, filing_facts, filing_text,  # noqa: E402
                          iter_facts, n_filings, universe)
from kg.build import build  # noqa: E402
from kg.fastcheck import fast_validate  # noqa: E402
from kg.query import _term, run_query  # noqa: E402
from kg.rdf import facts_to_graph  # noqa: E402
from kg.resolve import resolve  # noqa: E402
from kg.store import Store, from_ox, to_ox  # noqa: E402
from kg.validate import result_key, validate_graph  # noqa: E402

N_DEALS = 150
SEED = 7


@pytest.fixture(scope="module")
def graphs() -> list[tuple[rdflib.URIRef, rdflib.Graph]]:
    return [facts_to_graph(f) for f in iter_facts(N_DEALS, SEED)]


@pytest.fixture(scope="module")
def nquads(graphs) -> bytes:
    quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(doc))) for doc, g in graphs for s, p, o in g]
    return ox.serialize(quads, None, ox.RdfFormat.N_QUADS)


@pytest.fixture(scope="module")
def bulk_store(nquads) -> Store:
    st = Store()
    st.bulk_load(nquads)
    return st


@pytest.fixture(scope="module")
def dataset(nquads) -> rdflib.Dataset:
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=nquads, format="nquads")
    return ds


@pytest.fixture(scope="module")
def resolved(nquads) -> tuple[Store, rdflib.Dataset]:
    """The generated set as kg build leaves it (merges, labels, deal table), and the same quads in rdflib."""
    st = Store()
    st.bulk_load(nquads)
    resolve(st)
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=st.dump("nquads"), format="nquads")
    return st, ds


def test_generator_is_deterministic_and_injects_every_defect_kind():
    a = filing_facts(N_DEALS, SEED, 3).to_gold()
    assert a == filing_facts(N_DEALS, SEED, 3).to_gold()
    assert a != filing_facts(N_DEALS, SEED + 1, 3).to_gold()
    assert sum(len(f.agreements) for f in iter_facts(N_DEALS, SEED)) == N_DEALS
    assert {d.kind for d in defects(N_DEALS)} == set(DEFECT_KINDS)
    assert len(defects(100_000)) == 200  # 0.2 % of deals


def test_fastcheck_equals_pyshacl_and_finds_exactly_the_injected_defects(bulk_store, dataset):
    fast = {result_key(v) for v in fast_validate(bulk_store).violations}
    reference = {result_key(v) for v in validate_graph(dataset).violations}
    expected = expected_violations(N_DEALS, SEED)
    assert len(expected) >= len(DEFECT_KINDS)
    assert fast == reference
    assert fast == expected


@pytest.mark.parametrize("label", [q[0] for q in QUERIES], ids=[q[1] for q in QUERIES])
def test_named_query_on_oxigraph_equals_rdflib(label, resolved):
    bulk_store, dataset = resolved
    _, name, params, _ = next(q for q in QUERIES if q[0] == label)
    given = {k: v.replace("{hub}", universe(N_DEALS).orgs[4]) for k, v in params.items()}
    mine = run_query(bulk_store, name, given)
    nq = reference_query(name)  # table queries: their plain lic: formulation (rdflib has no LATERAL)
    bindings = {p.name: from_ox(_term(name, p, given.get(p.name, p.default))) for p in nq.params}
    res = dataset.query(nq.sparql, initBindings=bindings)
    cols = [str(v) for v in res.vars]
    keep = [i for i, c in enumerate(cols) if c not in bindings]
    rows = [tuple(None if r[i] is None else (r[i].toPython() if isinstance(r[i], rdflib.Literal) else str(r[i]))
                  for i in keep) for r in res]
    assert mine.rows, f"{name} answers nothing on the generated set: the comparison would prove nothing"
    assert normalize_rows(mine.columns, mine.rows) == normalize_rows(mine.columns, rows)


def test_bulk_loaded_store_equals_document_by_document_store(graphs, bulk_store):
    st = Store()
    for doc, g in graphs:
        st.replace_graph(doc, g, source_path=f"/synthetic/{doc.rsplit('/', 1)[-1]}.txt", sha256="0" * 64)
    one_by_one = st.canonical_nquads()
    assert one_by_one.count("\n") == sum(len(g) for _, g in graphs)
    assert one_by_one == bulk_store.canonical_nquads()


def test_incremental_build_equals_clean_build(tmp_path):
    src = tmp_path / "filings"
    src.mkdir()
    n_deals = 40
    for i in range(n_filings(n_deals)):
        (src / f"{i:04d}.txt").write_text(filing_text(filing_facts(n_deals, SEED, i)), encoding="utf-8")
    files = sorted(src.iterdir())
    first = build([str(src)], str(tmp_path / "inc"), progress=False)
    assert first.ok and first.counts()["unchanged"] == 0
    # one filing changes: another agreement's text replaces its own
    files[5].write_text(filing_text(filing_facts(n_deals, SEED + 1, 5)), encoding="utf-8")
    again = build([str(src)], str(tmp_path / "inc"), progress=False)
    counts = again.counts()
    assert counts["unchanged"] == len(files) - 1
    assert counts["built"] + counts["no-deal"] == 1
    clean = build([str(src)], str(tmp_path / "clean"), progress=False)
    assert clean.counts()["unchanged"] == 0
    with Store(tmp_path / "inc") as a, Store(tmp_path / "clean") as b:
        assert a.manifest() == b.manifest()
        assert a.canonical_nquads() == b.canonical_nquads()
