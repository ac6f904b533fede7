"""Golden-result tests for queries/*.rq and kg.query on the hand-written fixture graph."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.query import explain, format_result, list_queries, load_query, run_query
from kg.resolve import resolve

DATA = Path(__file__).parent / "data" / "graph"
ID = "https://w3id.org/dealgraph/id/"
A1 = ID + "doc/0000000001-19-000001/agreement/1"  # Alpha -> Beta licence, 2019
B1 = ID + "doc/0000000002-20-000002/agreement/1"  # Alpha + Delta collaboration, 2020-06
C1 = ID + "doc/0000000003-21-000003/agreement/1"  # Gamma -> Delta licence, 2021
C2 = ID + "doc/0000000003-21-000003/agreement/2"  # termination of A1
C3 = ID + "doc/0000000003-21-000003/agreement/3"  # Beta + Omega collaboration (EUR)
ALPHA, BETA, DELTA, GAMMA, OMEGA = (ID + "org/" + s for s in
                                    ("alpha-bio", "beta-pharma", "delta-therapeutics", "gamma-university",
                                     "omega-and-sons-holdings"))
OMEGA_NAME = 'Ωmega & <Sons> "Holdings" 株式会社'


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.load(path=str(DATA / "small.trig"), format=ox.RdfFormat.TRIG)
    resolve(s)  # as kg build leaves a store: merges, labels and the deal table
    return s


def test_list_queries_has_every_question_with_a_purpose():
    names = dict(list_queries())
    assert len(names) >= 13
    for expected in ("org_deals", "deal_payments", "top_licensors_licensees", "org_partners", "deals_between",
                     "upfront_above", "deals_per_year", "deals_by_kind_year_territory", "biggest_upfronts",
                     "royalty_rates", "agreement_lifecycle", "shared_technology", "same_technology_as", "two_hop_partners",
                     "org_people", "fact_evidence"):
        assert expected in names
        assert len(names[expected]) > 20, expected


def test_org_deals_matches_any_spelling(store):
    for spelling in ("ALPHA BIO INC.", "Alpha Bio", "the alpha bio, inc"):
        res = run_query(store, "org_deals", {"org_name": spelling})
        assert res.columns == ["agreement", "date", "kind", "status", "role", "partners", "exclusive", "territory"]
        assert res.rows == [
            (C2, "2021-01-05", "license", "terminated", "party", "Beta Pharma AG", None, None),
            (B1, "2020-06", "collaboration", "new", "party", "Delta Therapeutics, Inc.", None, "United States"),
            (A1, "2019-02-27", "license", "new", "licensor", "Beta Pharma AG", True, "worldwide"),
        ]


def test_deal_payments_with_bounds_and_quote(store):
    res = run_query(store, "deal_payments", {"agreement": A1})
    quote = "Beta will pay $25 million upfront and up to $400 million in milestones."
    assert res.rows == [
        ("milestone", Decimal("400000000.0"), "USD", "up-to", None, None, None, quote, A1 + "/payment/2"),
        ("royalty", None, None, None, None, "tiered low double digits", None, None, A1 + "/payment/3"),
        ("upfront", Decimal("25000000.0"), "USD", "exact", None, None, None, quote, A1 + "/payment/1"),
    ]


def test_per_unit_payment_is_listed_but_not_summed(store):
    rows = run_query(store, "deal_payments", {"agreement": B1}).rows
    assert [(r[0], r[1], r[3], r[4]) for r in rows if r[0] == "milestone"] == [
        ("milestone", Decimal("20000000"), "up-to", "program")]
    # deals_per_year 2020 stays 15 million: "up to $20M per program" is not a lump sum
    assert run_query(store, "deals_per_year", {}).rows[1] == (2020, 1, Decimal("15000000"))


def test_top_licensors_and_licensees(store):
    res = run_query(store, "top_licensors_licensees", {})
    assert res.rows == [
        ("licensee", BETA, "Beta Pharma AG", 1), ("licensee", DELTA, "Delta Therapeutics, Inc.", 1),
        ("licensor", ALPHA, "Alpha Bio, Inc.", 1), ("licensor", GAMMA, "The Regents of Gamma University", 1),
    ]


@pytest.mark.parametrize("currency,rows", [
    ("USD", [(ALPHA, "Alpha Bio, Inc.", 2, Decimal("425000000")), (OMEGA, OMEGA_NAME, 1, Decimal("0"))]),
    ("EUR", [(ALPHA, "Alpha Bio, Inc.", 2, Decimal("0")), (OMEGA, OMEGA_NAME, 1, Decimal("2000000"))]),
], ids=["usd", "eur"])
def test_org_partners_counts_and_value(store, currency, rows):
    res = run_query(store, "org_partners", {"org_name": "Beta Pharma", "currency": currency})
    got = sorted(res.rows, key=lambda r: r[0])
    assert got == rows


def test_deals_between_two_organizations_over_time(store):
    res = run_query(store, "deals_between", ["org_a=Beta Pharma AG", "org_b=Alpha Bio"])
    assert res.rows == [(A1, "2019-02-27", "license", "new", True, None),
                        (C2, "2021-01-05", "license", "terminated", None, A1)]


def _parties(row: tuple, i: int) -> tuple:
    """The row with its GROUP_CONCAT list (column i) sorted: SPARQL leaves that order open."""
    return row[:i] + ("; ".join(sorted(row[i].split("; "))),) + row[i + 1:]


def test_upfront_above_is_strict_and_bound(store):
    res = run_query(store, "upfront_above", {"min_amount": "10000000"})
    assert [_parties(r, 3) for r in res.rows] == [
        (A1, "2019-02-27", "license", "Alpha Bio, Inc.; Beta Pharma AG", Decimal("25000000"), "exact")]
    assert run_query(store, "upfront_above", {"min_amount": "1000000", "currency": "EUR"}).rows[0][0] == C3


def test_deals_per_year(store):
    res = run_query(store, "deals_per_year", {})
    assert res.rows == [(2019, 1, Decimal("425000000")), (2020, 1, Decimal("15000000")), (2021, 3, Decimal("1000000"))]


@pytest.mark.parametrize("period,expected", [
    (("2020-06-01", "2021-01-05"), [B1, C2]),
    (("2019-02-27", "2019-02-27"), [A1]),
    (("2021-01-06", "2021-12-31"), [C1, C3]),
], ids=["month-date-and-end-inclusive", "one-day", "after-termination"])
def test_deals_in_period(store, period, expected):
    res = run_query(store, "deals_in_period", {"date_from": period[0], "date_to": period[1]})
    assert [r[0] for r in res.rows] == expected


def test_deals_in_period_rejects_impossible_date(store):
    with pytest.raises(QueryError, match="not a valid date"):
        run_query(store, "deals_in_period", {"date_from": "2021-02-30", "date_to": "2021-12-31"})


def test_deals_by_kind_year_territory(store):
    res = run_query(store, "deals_by_kind_year_territory", {})
    assert res.rows == [("collaboration", 2020, "United States", 1), ("collaboration", 2021, "Japan", 1),
                        ("license", 2019, "worldwide", 1), ("license", 2021, "", 1), ("license", 2021, "worldwide", 1)]


def test_biggest_upfronts(store):
    res = run_query(store, "biggest_upfronts", {})
    quote = "Beta will pay $25 million upfront and up to $400 million in milestones."
    assert [_parties(r, 2) for r in res.rows] == [
        (A1, "2019-02-27", "Alpha Bio, Inc.; Beta Pharma AG", Decimal("25000000"), "exact", quote),
        (B1, "2020-06", "Alpha Bio, Inc.; Delta Therapeutics, Inc.", Decimal("10000000"), "exact", None),
        (C1, "2021-01-10", "Delta Therapeutics, Inc.; The Regents of Gamma University", Decimal("1000000"), "exact", None),
    ]


def test_royalty_rates(store):
    res = run_query(store, "royalty_rates", {})
    assert [_parties(r, 2) for r in res.rows] == [
        (A1, "2019-02-27", "Alpha Bio, Inc.; Beta Pharma AG", "tiered low double digits", None),
        (B1, "2020-06", "Alpha Bio, Inc.; Delta Therapeutics, Inc.", "8", None),
    ]


def test_agreement_lifecycle(store):
    res = run_query(store, "agreement_lifecycle", {})
    assert [_parties(r, 3) for r in res.rows] == [
        (C2, "terminated", "2021-01-05", "Alpha Bio, Inc.; Beta Pharma AG", A1, "2019-02-27")]


def test_shared_technology(store):
    res = run_query(store, "shared_technology", {})
    tech = ID + "tech/zeta-antibody-platform"
    assert res.rows == [(tech, "Zeta antibody platform", "licensee", "Beta Pharma AG", "Delta Therapeutics, Inc."),
                        (tech, "Zeta antibody platform", "licensor", "Alpha Bio, Inc.", "The Regents of Gamma University")]


def test_same_technology_as(store):
    """Peers on a technology: licensors/licensees of the other agreements on it, not the organization's own."""
    tech, label = ID + "tech/zeta-antibody-platform", "Zeta antibody platform"
    assert run_query(store, "same_technology_as", {"org_name": "Beta Pharma"}).rows == [
        (tech, label, "licensee", DELTA, "Delta Therapeutics, Inc."),
        (tech, label, "licensor", ID + "org/gamma-university", "The Regents of Gamma University")]
    assert run_query(store, "same_technology_as", {"org_name": "Delta Therapeutics"}).rows == [
        (tech, label, "licensee", ID + "org/beta-pharma", "Beta Pharma AG"),
        (tech, label, "licensor", ALPHA, "Alpha Bio, Inc.")]
    assert run_query(store, "same_technology_as", {"org_name": "Nobody Such"}).rows == []


def test_two_hop_partners(store):
    res = run_query(store, "two_hop_partners", {"org_name": "The Regents of Gamma University"})
    assert res.rows == [(ALPHA, "Alpha Bio, Inc.", "Delta Therapeutics, Inc.")]
    res = run_query(store, "two_hop_partners", {"org_name": "Beta Pharma"})
    assert res.rows == [(DELTA, "Delta Therapeutics, Inc.", "Alpha Bio, Inc.")]


def test_org_people(store):
    assert run_query(store, "org_people", {"org_name": "Delta Therapeutics"}).rows == [
        (ID + "person/maria-lopez--delta-therapeutics", "Maria López", "Chief Business Officer")]


def test_fact_evidence_and_explain(store):
    res = run_query(store, "fact_evidence", {"fact": C2})
    assert res.rows == [(ID + "doc/0000000003-21-000003", "filings/gamma-2021-8k.txt", "8-K", "2021-01-12",
                         "Beta terminated its license agreement with Alpha effective January 5, 2021.", 90, 150)]
    text = explain(store, A1)
    assert "filings/alpha-2019-8k.txt" in text
    assert '"Alpha granted Beta an exclusive worldwide license to its Zeta antibody platform."' in text


def test_find_org_by_substring(store):
    res = run_query(store, "find_org", {"text": "SONS"})
    assert res.rows == [(OMEGA, OMEGA_NAME, None, None, 1)]


@pytest.mark.parametrize("name,params,message", [
    ("no_such_query", {}, "unknown query 'no_such_query'"),
    ("org_deals", {}, "missing parameter org_name"),
    ("org_deals", {"org_name": "x", "limit": "3"}, "unknown parameter(s) limit"),
    ("upfront_above", {"min_amount": "ten million"}, "not a valid decimal"),
    ("deal_payments", {"agreement": "not an iri"}, "not a valid iri"),
    ("org_deals", ["org_name"], "is not KEY=VALUE"),
], ids=["unknown", "missing", "extra", "bad-decimal", "bad-iri", "not-key-value"])
def test_bad_queries_raise_one_line_query_error(store, name, params, message):
    with pytest.raises(QueryError) as e:
        run_query(store, name, params)
    assert message in str(e.value)
    assert "\n" not in e.value.one_line()


def test_parameters_are_bound_not_formatted(store):
    """An injection attempt is a literal name that matches nothing, not extra SPARQL."""
    res = run_query(store, "find_org", {"text": '") } UNION { ?organization ?p ?o } #'})
    assert res.rows == []


def test_explain_organization_quotes_the_sentences_of_its_facts(store):
    text = explain(store, BETA)  # Beta Pharma has no lic:evidence of its own; two filings state its deals
    assert text.splitlines() == [
        BETA, "  organization: Beta Pharma AG",
        "  filings/alpha-2019-8k.txt (8-K, 2019-03-01):",
        '    "Alpha granted Beta an exclusive worldwide license to its Zeta antibody platform."',
        '    "Beta will pay $25 million upfront and up to $400 million in milestones."',
        "  filings/gamma-2021-8k.txt (8-K, 2021-01-12):",
        '    "Beta terminated its license agreement with Alpha effective January 5, 2021."']


def test_explain_without_evidence_raises(store):
    with pytest.raises(QueryError, match="no evidence"):
        explain(store, ALPHA + "-nothing")


def test_format_result_table_csv_json(store):
    res = run_query(store, "deals_per_year", {})
    assert format_result(res, "csv").splitlines() == ["year,deals,disclosed_value", "2019,1,425000000",
                                                      "2020,1,15000000", "2021,3,1000000"]
    assert json.loads(format_result(res, "json"))[0] == {"year": 2019, "deals": 1, "disclosed_value": 425000000}
    table = format_result(res, "table").splitlines()
    assert table[0].split() == ["year", "deals", "disclosed_value"] and table[-1] == "(3 rows)"
    with pytest.raises(QueryError):
        format_result(res, "xml")


def test_every_query_answers_with_its_declared_columns(store):
    """The '# columns:' header is the contract the CLI help shows: it must match the SELECT."""
    values = {"orgname": "Alpha Bio", "string": "a", "iri": A1, "decimal": "0", "integer": "1", "date": "2020-01-01"}
    for name, _purpose in list_queries():
        nq = load_query(name)
        res = run_query(store, name, {p.name: values[p.type] for p in nq.params if p.default is None})
        assert res.columns == [c.split()[0] for c in nq.columns], name


# --------------------------------------------------------------- stores built from the shared corpus

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")


@pytest.fixture(scope="module")
def gold_store():
    """All corpus gold annotations -> DealFacts -> kg.rdf -> kg.store, resolved (no extraction involved)."""
    from test_resolve import _gold_facts

    from kg.rdf import facts_to_graph
    from kg.resolve import resolve
    from kg.store import Store

    st = Store(None)
    for gp in sorted(CORPUS.glob("*/*/*.gold.json")):
        _gold, facts = _gold_facts(gp)
        iri, graph = facts_to_graph(facts)
        st.replace_graph(iri, graph, source_path=facts.path, sha256=facts.sha256)
    resolve(st)
    return st


@needs_corpus
def test_corpus_gold_biggest_upfronts(gold_store):
    rows = run_query(gold_store, "biggest_upfronts", {}).rows
    assert [(sorted(r[2].split("; ")), r[3]) for r in rows[:3]] == [
        (["AbbVie Inc.", "REGENXBIO Inc."], Decimal("370000000")),
        (["Alnylam Pharmaceuticals, Inc.", "Roche"], Decimal("310000000")),
        (["AstraZeneca AB", "Rigel Pharmaceuticals, Inc."], Decimal("100000000")),
    ]
    eur = run_query(gold_store, "upfront_above", {"min_amount": "1000000", "currency": "EUR"}).rows
    assert [(r[1], r[4]) for r in eur] == [("2016-07-11", Decimal("25000000"))]


@needs_corpus
def test_corpus_gold_org_deals_across_two_filings(gold_store):
    rows = run_query(gold_store, "org_deals", {"org_name": "BIOGEN INC"}).rows
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        ("2023-07-28", "acquisition", "new", "party"), ("2016-08-01", "license", "option-exercised", "licensee")]
    # GOLD_SCHEMA "What counts as a deal": the bridge commitment letter (banking) and the voting
    # agreements (stockholders) are not deals, so JPMorgan is no partner of Biogen's.
    partners = {name for r in rows for name in r[5].split("; ")}
    assert {"Ionis Pharmaceuticals, Inc.", "Reata Pharmaceuticals, Inc."} <= partners
    assert "JPMorgan Chase Bank, N.A." not in partners


@needs_corpus
def test_corpus_gold_lifecycle_and_between(gold_store):
    rows = run_query(gold_store, "agreement_lifecycle", {}).rows
    assert [(r[1], r[2]) for r in rows] == [("amended", "2006-03-27"), ("terminated", "2008-05-08"),
                                            ("terminated", "2013-12-04"), ("option-exercised", "2016-08-01")]
    between = run_query(gold_store, "deals_between", {"org_a": "Rambus", "org_b": "SAMSUNG ELECTRONICS CO LTD"}).rows
    assert sorted(r[2] for r in between) == ["collaboration", "license", "other", "settlement"]
    assert {r[1] for r in between} == {"2010-01-19"}


@needs_corpus
def test_corpus_gold_royalties_and_people(gold_store):
    rates = {r[3] for r in run_query(gold_store, "royalty_rates", {}).rows}
    assert {"mid-single digits", "1.5", "low double digit"} <= rates
    people = run_query(gold_store, "org_people", {"org_name": "Regeneron Pharmaceuticals, Inc."}).rows
    assert ("Leonard S. Schleifer", "President and Chief Executive Officer") in [(r[1], r[2]) for r in people]


@pytest.fixture(scope="module")
def extracted_store():
    """The corpus read, extracted and mapped by the real pipeline (kg.sources -> kg.extract -> kg.rdf)."""
    from corpus_pipeline import unresolved_corpus_store
    from kg.resolve import resolve

    st = unresolved_corpus_store(CORPUS)
    resolve(st)
    if not run_sparql_count(st):
        pytest.skip("extraction finds no agreements in the corpus yet: nothing to query")
    return st


def run_sparql_count(st) -> int:
    from kg.query import run_sparql

    return run_sparql(st, "PREFIX lic: <https://w3id.org/dealgraph/lic#> SELECT (COUNT(DISTINCT ?a) AS ?n) "
                          "WHERE { ?a lic:agreementKind ?k }").rows[0][0]


@needs_corpus
def test_corpus_extracted_answers_are_consistent(extracted_store):
    """Invariants of any correct extraction: counts add up and every fact's evidence names a corpus file."""
    st = extracted_store
    total = run_sparql_count(st)
    per_year = run_query(st, "deals_per_year", {}).rows
    assert sum(r[1] for r in per_year) <= total
    kinds = run_query(st, "deals_by_kind_year_territory", {}).rows
    assert sum(r[3] for r in kinds) == total
    for r in run_query(st, "biggest_upfronts", {}).rows:
        assert r[3] > 0
        ev = run_query(st, "fact_evidence", {"fact": r[0]}).rows
        assert all(Path(e[1]).is_file() and str(CORPUS) in e[1] for e in ev)
    for r in run_query(st, "find_org", {"text": "a"}).rows:
        if r[4]:
            deals = run_query(st, "org_deals", {"org_name": r[1]}).rows
            assert len(deals) >= r[4], r[1]  # its display name is one of its lookup keys
