"""kg.resolve's deal table (kg/resolve/_table.py) equals the plain lic: formulations it replaces.

The table is a materialized view; these tests hold it to its reference
definitions on stores with merges (organizations, agreements and payments
restated by several filings), multi-currency payments and injected defects:

- kg.analyze.load_deals from the table == load_deals from the lic: triples;
- each shipped query reading the table == its reference formulation
  (bench/reference_queries/*.rq, the lic:-only queries of the previous
  release), modulo the documented difference that year totals count deals
  with at least one party;
- the table follows changes: after a document is replaced, incrementally
  resolved == resolved from scratch (the table is in the resolution graph,
  which tests/test_resolve_incremental.py compares too).
"""
from __future__ import annotations

import copy
import dataclasses
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis.strategies import sampled_from
from hypothesis.strategies import text as st_text

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._steps import REFERENCE_QUERIES, normalize_rows, reference_query  # noqa: E402
from bench._synth import iter_facts, universe  # noqa: E402
from kg.analyze import load_deals  # noqa: E402
from kg.errors import QueryError  # noqa: E402
from kg.query import run_query  # noqa: E402
from kg.rdf import facts_to_graph  # noqa: E402
from kg.resolve import DGT, RESOLUTION_GRAPH, resolve  # noqa: E402
from kg.resolve._table import has_table, is_table_row, nt_line  # noqa: E402
from kg.store import Store  # noqa: E402

DATA = Path(__file__).parent / "data"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"
TABLE_QUERIES = {
    "top_licensors_licensees": {},
    "deals_per_year": {"currency": "USD"},
    "biggest_upfronts": {"currency": "USD"},
    "upfront_above": {"min_amount": "1000000", "currency": "USD"},
}


def _restated(f, i: int):
    """The same deals reported again by another filing (its own accession number): resolve merges them."""
    g = copy.deepcopy(f)
    acc = g.filing.accession_number or "0000000000-00-000000"
    g.filing = dataclasses.replace(g.filing, accession_number=acc[:-6] + f"{900000 + i:06d}")
    g.path, g.sha256 = g.path + ".again", f"{i:064d}"
    return g


def _synthetic_store() -> Store:
    facts = list(iter_facts(150, 7))
    facts += [_restated(f, i) for i, f in enumerate(facts[::9])]  # every 9th filing twice
    st = Store()
    for f in facts:
        doc, g = facts_to_graph(f)
        st.replace_graph(doc, g, source_path=f.path, sha256=f.sha256)
    report = resolve(st)
    assert report.agreements_after < report.agreements_before, "no agreement merged: the test would prove less"
    return st


def _fixture_store() -> Store:
    st = Store()
    st.ox.load(path=str(DATA / "graph" / "resolve.trig"), format=ox.RdfFormat.TRIG)
    resolve(st)
    return st


def _hostile_store() -> Store:
    """The query fixture: an organization named 'Ωmega & <Sons> "Holdings" 株式会社', EUR and USD deals."""
    st = Store()
    st.ox.load(path=str(DATA / "graph" / "small.trig"), format=ox.RdfFormat.TRIG)
    resolve(st)
    return st


@pytest.fixture(scope="module", params=["synthetic", "resolve-fixture", "hostile-names"])
def store(request) -> Store:
    return {"synthetic": _synthetic_store, "resolve-fixture": _fixture_store, "hostile-names": _hostile_store}[request.param]()


def test_a_second_resolve_rewrites_no_table_row(store, monkeypatch):
    """The rows kg.resolve computes are byte for byte what the store dumps back (N-Triples escaping,
    canonical numbers), so an unchanged store costs no write: an incremental build stays cheap."""
    import kg.resolve._state as state
    writes = []
    monkeypatch.setattr(state, "write_rows", lambda _s, _g, remove, add: writes.append((list(remove), list(add))))
    resolve(store)
    assert writes == [([], [])]


def test_load_deals_from_table_equals_load_deals_from_lic_triples(store):
    table_deals, table_orgs = load_deals(store)
    ref_deals, ref_orgs = load_deals(store, use_table=False)
    assert table_deals, "no deals: the comparison would prove nothing"
    assert table_deals == ref_deals
    assert table_orgs == ref_orgs


def test_table_is_used_and_has_money_in_it(store):
    deals, _ = load_deals(store)
    assert any(d.value for d in deals.values())
    marks = list(store.ox.quads_for_pattern(None, ox.NamedNode(DGT + "deal"), None, ox.NamedNode(RESOLUTION_GRAPH)))
    assert len(marks) == len(deals)


def _reference(name: str):
    assert (REFERENCE_QUERIES / f"{name}.rq").exists()
    return reference_query(name)


@pytest.mark.parametrize("name", sorted(TABLE_QUERIES))
def test_query_on_table_equals_reference_formulation(store, name):
    params = TABLE_QUERIES[name]
    mine = run_query(store, name, params)
    ref = run_query(store, name, params, query=_reference(name))
    assert mine.columns == ref.columns
    if name != "top_licensors_licensees":
        assert mine.rows, f"{name} answers nothing: the comparison would prove nothing"
    # in order, each row normalized (GROUP_CONCAT's order is undefined, "5.0" == "5")
    assert [normalize_rows(mine.columns, [r]) for r in mine.rows] == [normalize_rows(ref.columns, [r]) for r in ref.rows]


@pytest.mark.parametrize("min_amount,currency", [("0", "USD"), ("0", "EUR"), ("0", "SD"), ("0", "US"),
                                                 ("5000000", "USD"), ("-1", "EUR")])
def test_upfront_above_packed_rows_equal_reference_for_any_threshold_and_currency(store, min_amount, currency):
    """upfront_above.rq cuts its columns from one packed literal per (currency, agreement, amount)
    (kg/resolve/_table.py _upfront_rows): every threshold and currency gives the reference's rows in
    its order, unbound where the reference is (no date, bound or party names), and a currency that
    is a part of another ("SD" of "USD") matches none of its rows."""
    params = {"min_amount": min_amount, "currency": currency}
    mine = run_query(store, "upfront_above", params)
    ref = run_query(store, "upfront_above", params, query=_reference("upfront_above"))
    assert [normalize_rows(mine.columns, [r]) for r in mine.rows] == [normalize_rows(ref.columns, [r]) for r in ref.rows]
    if currency in ("SD", "US"):
        assert mine.rows == []


def test_upfront_above_leaves_unbound_what_the_reference_leaves_unbound():
    """Agreements without a date, upfront payments without a bound, agreements without named
    parties: the packed row's empty fields come out unbound, as in the reference."""
    st = Store()
    st.ox.load(path=str(DATA / "graph" / "small.trig"), format=ox.RdfFormat.TRIG)
    drop = [q for local in ("date", "bound", "name") for q in st.ox.quads_for_pattern(
        None, ox.NamedNode("https://w3id.org/dealgraph/lic#" + local), None, None)]
    assert drop, "the fixture states no date, bound or name: the test would prove nothing"
    for q in drop:
        st.ox.remove(q)
    resolve(st)
    params = {"min_amount": "0", "currency": "USD"}
    mine = run_query(st, "upfront_above", params)
    ref = run_query(st, "upfront_above", params, query=_reference("upfront_above"))
    assert mine.rows and all(r[1] is None and r[5] is None and r[3] is None for r in mine.rows)  # date, bound, parties
    assert [normalize_rows(mine.columns, [r]) for r in mine.rows] == [normalize_rows(ref.columns, [r]) for r in ref.rows]


#: Older table formats: (marker class, the rows it lacked, a query that reads them, its parameters).
_OLDER_FORMATS = [("DealTable", "upfront", "upfront_above", {"min_amount": "0", "currency": "USD"}),
                  ("DealTable2", "partner", "two_hop_partners", None)]


@pytest.mark.parametrize("marker,lacking,query,params", _OLDER_FORMATS, ids=[f[0] for f in _OLDER_FORMATS])
def test_a_table_of_an_older_format_is_not_read_and_kg_build_rewrites_it(tmp_path, marker, lacking, query, params):
    """A store whose table predates rows a query reads (dgt:upfrontRow: marker dgt:DealTable; dgt:partner:
    dgt:DealTable2): a read-only query refuses it instead of answering nothing, and the next kg build resolves it."""
    from bench._synth import filing_facts, filing_text, n_filings
    from kg.build import build
    from kg.resolve._table import MARKER_CLASS

    d = tmp_path / "in"
    d.mkdir()
    for i in range(n_filings(30)):
        (d / f"{i:03d}.txt").write_text(filing_text(filing_facts(30, 5, i)), encoding="utf-8")
    assert build([str(d)], str(tmp_path / "s"), progress=False).ok
    res = ox.NamedNode(RESOLUTION_GRAPH)
    with Store(tmp_path / "s", create=False) as st:
        if params is None:  # the organization with the most partners
            params = {"org_name": max(run_query(st, "top_licensors_licensees").rows, key=lambda r: int(r[3]))[2]}
        for q in list(st.ox.quads_for_pattern(None, None, None, res)):
            if q.predicate.value.startswith(DGT + lacking) or q.object == ox.NamedNode(MARKER_CLASS):
                st.ox.remove(q)  # the older format: without those rows, the older marker
        st.ox.add(ox.Quad(ox.NamedNode("https://w3id.org/dealgraph/id/deal-table"),
                          ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(DGT + marker), res))
        assert not has_table(st)
    with Store(tmp_path / "s", create=False, read_only=True) as st:  # as `kg query` opens it
        with pytest.raises(QueryError, match="kg build"):
            run_query(st, query, params)
    build([str(d)], str(tmp_path / "s"), progress=False)
    with Store(tmp_path / "s", create=False) as st:
        assert has_table(st)
        assert not any(True for _ in st.ox.quads_for_pattern(None, None, ox.NamedNode(DGT + marker), None))
        mine = run_query(st, query, params)
        ref = run_query(st, query, params, query=_reference(query))
        assert mine.rows, f"{query} answers nothing: the test would prove little"
        assert [normalize_rows(mine.columns, [r]) for r in mine.rows] == [normalize_rows(ref.columns, [r]) for r in ref.rows]


def _in_order(columns: list[str], rows: list[tuple], query: str) -> list:
    """What a query's order fixes: same_technology_as sorts by every column it shows (each row in
    place); two_hop_partners by name only (rows of one name may come in any order)."""
    if query == "two_hop_partners":
        return [r[1] for r in rows] + [normalize_rows(columns, rows)]
    return [normalize_rows(columns, [r]) for r in rows]


@pytest.mark.parametrize("query", ["same_technology_as", "two_hop_partners"])
def test_2hop_queries_from_table_rows_equal_reference_formulation(store, request, query):
    """same_technology_as.rq names and sorts from the table (dgt:label/labelRank, dgt:name/nameRank) and
    two_hop_partners.rq joins its dgt:partner rows too; the references group and sort the texts and join
    every document's lic: statements: for every organization, the same rows in the same order."""
    labels = {q.object.value for q in store.ox.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None, ox.NamedNode(RESOLUTION_GRAPH))}
    answered = 0
    for name in sorted(labels):
        mine = run_query(store, query, {"org_name": name})
        ref = run_query(store, query, {"org_name": name}, query=_reference(query))
        assert mine.columns == ref.columns
        assert _in_order(mine.columns, mine.rows, query) == _in_order(ref.columns, ref.rows, query)
        answered += bool(mine.rows)
    if request.node.callspec.params["store"] == "synthetic":  # the fixtures share no technology
        assert answered > 10, f"few organizations have {query} rows: the comparison would prove little"


def test_rank_rows_order_as_the_texts(store):
    """Every labelled technology and named organization has a rank; equal texts share one, and ranks
    follow code point order (as Oxigraph compares strings)."""
    prefix = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX lic: <https://w3id.org/dealgraph/lic#> "
    for pred, sparql in (("labelRank", "SELECT ?n (MIN(?l) AS ?t) WHERE { { SELECT DISTINCT ?n WHERE { ?a lic:subject ?n } } "
                                       "?n rdfs:label ?l } GROUP BY ?n"),
                         ("nameRank", "SELECT ?n ?t WHERE { GRAPH <%s> { ?n rdfs:label ?t } }" % RESOLUTION_GRAPH)):
        text = {str(r[0]): str(r[1]) for r in store.query(prefix + sparql)}
        rank = {q.subject.value: int(q.object.value) for q in store.ox.quads_for_pattern(
            None, ox.NamedNode(DGT + pred), None, ox.NamedNode(RESOLUTION_GRAPH))}
        # nameRank also ranks parties that are not organizations (a person signing as a party)
        assert set(rank) == set(text) if pred == "labelRank" else set(text) <= set(rank)
        shown = {q.subject.value: q.object.value for q in store.ox.quads_for_pattern(
            None, ox.NamedNode(DGT + pred[:-4]), None, ox.NamedNode(RESOLUTION_GRAPH))}  # dgt:label, dgt:name
        assert set(shown) == set(rank) and all(shown[n] == t for n, t in text.items())
        pairs = sorted((text[n], rank[n]) for n in text)
        assert [r for _, r in pairs] == sorted(r for _, r in pairs)
        assert len({t for t, _ in pairs}) == len(set(rank.values()))


def test_deals_per_year_counts_years_without_value_in_the_currency():
    st = _synthetic_store()
    usd = {r[0]: r for r in run_query(st, "deals_per_year", {"currency": "USD"}).rows}
    jpy = {r[0]: r for r in run_query(st, "deals_per_year", {"currency": "JPY"}).rows}
    assert set(usd) == set(jpy)  # every year, whatever the currency
    assert all(usd[y][1] == jpy[y][1] for y in usd)  # same deal counts
    assert any(v[2] == Decimal(0) for v in jpy.values()) and any(v[2] > 0 for v in usd.values())


def test_query_reading_the_table_refuses_a_store_without_one(tmp_path):
    """Documents written, resolution never run (issue 16): read-only, every reader refuses with what to run;
    open for writing, the store is resolved first and answers like a finished build."""
    path = str(tmp_path / "unresolved.kg")
    with Store(path) as st:
        for f in list(iter_facts(20, 3))[:3]:
            doc, g = facts_to_graph(f)
            st.replace_graph(doc, g, source_path=f.path, sha256=f.sha256)
    with Store(path, read_only=True) as ro:
        for ask in (lambda: run_query(ro, "top_licensors_licensees"), lambda: load_deals(ro)):
            with pytest.raises(QueryError, match=r"resolution is out of date.*run `kg build PATH\.\.\. --store "):
                ask()
        assert load_deals(ro, use_table=False)[0]  # asked for explicitly: the lic: triples as they are
    with Store(path) as rw:
        rows = run_query(rw, "top_licensors_licensees").rows
        assert rows and has_table(rw) and not rw.derived_stale()
        deals, _ = load_deals(rw)
        assert deals == load_deals(rw, use_table=False)[0] and deals
    with Store(None) as empty:  # no documents at all: nothing to resolve, and no table to read
        with pytest.raises(QueryError, match="deal table"):
            run_query(empty, "top_licensors_licensees")


def test_table_follows_a_replaced_document():
    st = _synthetic_store()
    hub = universe(150).orgs[0]
    before = run_query(st, "top_licensors_licensees").rows
    facts = list(iter_facts(150, 7))
    victim = next(f for f in facts if any(a.licensor == hub for a in f.agreements))
    doc, g = facts_to_graph(dataclasses.replace(victim, agreements=[]))
    st.replace_graph(doc, g, source_path=victim.path, sha256="f" * 64)
    resolve(st, changed=[str(doc)])
    after = run_query(st, "top_licensors_licensees").rows
    assert after != before
    full = Store()
    full.ox.extend(q for q in st.ox if q.graph_name != ox.NamedNode(RESOLUTION_GRAPH))
    resolve(full)
    assert run_query(full, "top_licensors_licensees").rows == after
    assert load_deals(full) == load_deals(st)


@settings(max_examples=300, deadline=None)
@given(text=st_text(), datatype=sampled_from(["", XSD + "string", XSD + "decimal", RDF_JSON]))
def test_rows_are_written_as_oxigraph_dumps_them(text, datatype):
    """kg.resolve diffs computed rows against a dump of the store: the N-Triples of a row must be Oxigraph's."""
    s, p = "https://w3id.org/dealgraph/id/x", DGT + "deal"
    if datatype == "":
        text = "https://w3id.org/dealgraph/id/" + "".join(c for c in text if c.isalnum())
    elif datatype.endswith("decimal"):
        text = "12.5"
    store = ox.Store()
    g = ox.NamedNode("https://w3id.org/dealgraph/id/g")
    obj = ox.NamedNode(text) if not datatype else ox.Literal(text, datatype=ox.NamedNode(datatype))
    store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, g))
    dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g).decode("utf-8").strip()
    assert nt_line(s, p, text, datatype) == dumped
    assert is_table_row(dumped)


def test_kg_build_gives_a_store_without_a_table_one(tmp_path):
    """A store written before the deal table existed gets it from the next `kg build`, files unchanged."""
    from bench._synth import filing_facts, filing_text, n_filings
    from kg.build import build
    from kg.resolve._table import is_table_row

    src = tmp_path / "filings"
    src.mkdir()
    for i in range(n_filings(12)):
        (src / f"{i:03d}.txt").write_text(filing_text(filing_facts(12, 5, i)), encoding="utf-8")
    store_dir = tmp_path / "store"
    assert build([str(src)], str(store_dir), progress=False).ok
    with Store(store_dir) as st:
        expected = run_query(st, "top_licensors_licensees").rows
        res = ox.NamedNode(RESOLUTION_GRAPH)
        dump = st.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=res).decode("utf-8").splitlines()
        table = [line for line in dump if is_table_row(line)]
        assert expected and table
        st.ox.update(f"DELETE DATA {{ GRAPH {res} {{\n" + "\n".join(table) + "\n} }")  # an older store
    with Store(store_dir, read_only=True) as ro:  # read-only, a query refuses and says what to run
        with pytest.raises(QueryError, match=r"no cross-filing resolution.*run `kg build"):
            run_query(ro, "top_licensors_licensees")
    again = build([str(src)], str(store_dir), progress=False)
    assert again.counts()["unchanged"] == len(list(src.iterdir())) and again.resolve
    with Store(store_dir) as st:
        assert run_query(st, "top_licensors_licensees").rows == expected
