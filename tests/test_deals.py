"""kg.deals, kg.sheet and the commands over them: kg deals, kg export csv/xlsx, kg sparql, kg queries,
kg build @list / - / -q, kg analyze --out; on stores built from the seed (and the shared corpus when present)."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.deals import COLUMNS, DealRow, duration_years, milestone_class

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed"
CORPUS = ROOT.parent / "shared" / "corpus"
SEED_AGREEMENT = "https://w3id.org/dealgraph/id/doc/sha256-0e210155cc622e753190/agreement/1"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("deals") / "seed.kg"
    assert run("build", SEED, "--store", path, "-q").exit_code == 0
    return path


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    path = tmp_path_factory.mktemp("deals") / "corpus.kg"
    assert run("build", CORPUS, "--store", path, "-q").exit_code == 0
    return path


# --------------------------------------------------------------- the row model

@pytest.mark.parametrize("quote, amount, expected", [
    ("up to $345 million in development, regulatory and first-sale milestones, up to $800 million in sales-related "
     "milestones", "345000000", "dev_reg"),
    ("up to $345 million in development, regulatory and first-sale milestones, up to $800 million in sales-related "
     "milestones", "800000000", "sales"),
    ("development milestones of up to $100 million and sales milestones of up to $200 million", "100000000", "dev_reg"),
    ("development milestones of up to $100 million and sales milestones of up to $200 million", "200000000", "sales"),
    ("payments of up to €710 million tied to commercial sales milestones.", "710000000", "sales"),
    ("eligible for up to $150 million in regulatory milestone payments", "150000000", "dev_reg"),
    ("up to $1.38 billion upon specified development, regulatory and commercial milestones.", "1380000000", "mixed"),
    ("potential milestone payments of up to nearly $40 million per antigen target", "40000000", None),
    ("milestone payments of $50 upon the dosing of the first patient", "50000", "dev_reg"),  # a table "in thousands"
    ("a milestone of $10 million", "7000000", None),  # the amount is not in the quote: no guess
], ids=["dev-reg-after", "sales-after", "dev-before", "sales-before", "commercial-sales", "regulatory",
        "mixed", "unstated", "in-thousands", "amount-not-quoted"])
def test_milestone_class(quote, amount, expected):
    assert milestone_class(quote, Decimal(amount)) == expected


@pytest.mark.parametrize("text, years", [("P5Y", "5"), ("P18M", "1.5"), ("P2Y6M", "2.5"), ("P30D", None), ("", None)])
def test_duration_years(text, years):
    assert duration_years(text) == (None if years is None else Decimal(years))


def test_seed_row_has_the_seed_deal(seed_store):
    from kg.deals import deal_rows
    from kg.store import Store

    with Store(str(seed_store), create=False, read_only=True) as st:
        rows = {r.agreement: r for r in deal_rows(st)}
    r = rows[SEED_AGREEMENT]
    assert (r.date, r.year, r.kind, r.status) == (date(2000, 5, 8), 2000, "collaboration", "new")
    assert (r.licensor, r.licensee, r.filer) == ("ImmunoGen, Inc.", "Genentech, Inc.", "ImmunoGen, Inc.")
    assert (r.currency, r.upfront_cash, r.milestones_total, r.milestones_per) == \
        ("USD", Decimal(3000000), Decimal(40000000), "antigen target")
    assert r.royalty is True and r.royalty_rate is None
    # the per-target milestone cap is not a lump sum: the headline value is the upfront alone
    assert (r.total_value, r.value_by_currency) == (Decimal(3000000), "USD 3000000")
    assert (r.term_years, r.renewal_years, r.exclusive) == (Decimal(5), Decimal(3), False)
    assert (r.form, r.filing_date) == ("8-K", date(2000, 5, 8))
    assert r.source_file.endswith("imgn-2000-05-08-8k.txt") and "second collaboration" in r.evidence
    assert not r.upfront_undisclosed and not r.redacted


def test_money_is_never_added_across_currencies():
    from kg.deals import _money

    def pay(kind, amount, cur):
        return {"kind": {kind}, "amount": {Decimal(amount)}, "currency": {cur}, "per": set(), "rate": set(),
                "redacted": False, "quote": None}

    row = DealRow("x:a")
    _money(row, [pay("upfront", "25000000", "EUR"), pay("milestone", "100000000", "USD"),
                 {"kind": {"upfront"}, "amount": set(), "currency": set(), "per": set(), "rate": set(),
                  "redacted": True, "quote": None}])
    assert row.currency == "EUR; USD" and row.upfront_cash is None and row.total_value is None
    assert row.value_by_currency == "EUR 25000000; USD 100000000"
    assert row.redacted and not row.upfront_undisclosed  # a redacted upfront is not "undisclosed"


# --------------------------------------------------------------- kg deals / kg export

def test_deals_csv_has_every_column_and_filters(seed_store):
    out = run("deals", "--store", seed_store, "--format", "csv")
    assert out.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 2
    assert rows[0]["agreement"] == SEED_AGREEMENT and rows[0]["upfront_cash"] == "3000000"  # newest first
    only = run("deals", "--store", seed_store, "--format", "json", "--kind", "license", "--since", "2000-05-01")
    assert [r["status"] for r in json.loads(only.output)] == ["referenced"]
    assert json.loads(run("deals", "--store", seed_store, "--format", "json", "--since", "2000-05-06").output)[0][
        "date"] == "2000-05-08"
    assert json.loads(run("deals", "--store", seed_store, "--format", "json", "--org", "GENENTECH INC").output)


def test_deals_unknown_org_says_so_and_suggests_find_org(seed_store):
    res = CliRunner().invoke(cli, ["deals", "--store", str(seed_store), "--org", "Nobody Such Ltd"])
    assert res.exit_code == 2 and "no organization matches 'Nobody Such Ltd'" in res.stderr
    assert "find_org" in res.stderr and res.stderr.count("\n") == 1


def test_deals_bad_since_and_xlsx_without_out(seed_store):
    res = CliRunner().invoke(cli, ["deals", "--store", str(seed_store), "--since", "May 2000"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.stderr
    res = CliRunner().invoke(cli, ["deals", "--store", str(seed_store), "--format", "xlsx"])
    assert res.exit_code == 2 and "--out" in res.stderr


def test_export_csv_is_the_deal_table(seed_store, tmp_path):
    out = tmp_path / "deals.csv"
    assert run("export", "--store", seed_store, "--format", "csv", "--out", out).exit_code == 0
    assert out.read_text(encoding="utf-8") == run("deals", "--store", seed_store, "--format", "csv").output


def _check_xlsx(path: Path, agreement: str) -> None:
    """The sheet as Excel and pandas read it: typed cells, frozen header, autofilter, money formats."""
    import openpyxl
    import pandas as pd

    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert tuple(header) == COLUMNS and all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:AF{ws.max_row}"
    row = {h: c for h, c in zip(header, next(r for r in ws.iter_rows(min_row=2) if r[-1].value == agreement))}
    assert row["upfront_cash"].value == 3000000 and row["upfront_cash"].data_type == "n"
    assert row["upfront_cash"].number_format == "#,##0"
    assert row["milestones_total"].value == 40000000 and row["milestones_per"].value == "antigen target"
    assert row["currency"].value == "USD" and row["royalty"].value is True
    assert row["date"].value == datetime(2000, 5, 8) and row["date"].is_date
    assert row["filing_date"].is_date and row["year"].value == 2000
    df = pd.read_excel(path)
    assert str(df["upfront_cash"].dtype) == "float64" and str(df["date"].dtype).startswith("datetime64")
    seed = df[df["agreement"] == agreement].iloc[0]
    assert (seed["upfront_cash"], seed["milestones_total"], seed["currency"]) == (3e6, 4e7, "USD")
    assert seed["date"] == pd.Timestamp("2000-05-08") and bool(seed["royalty"])


def test_deals_xlsx_typed_cells(seed_store, tmp_path):
    out = tmp_path / "deals.xlsx"
    res = run("deals", "--store", seed_store, "--format", "xlsx", "--out", out)
    assert res.exit_code == 0 and res.output == f"wrote {out} (2 deal(s))\n"
    _check_xlsx(out, SEED_AGREEMENT)


def test_corpus_xlsx_shows_the_seed_deal(corpus_store, tmp_path):
    """The issue's check: the store built from ../shared/corpus, kg deals --format xlsx, the seed's row."""
    out = tmp_path / "corpus.xlsx"
    assert run("deals", "--store", corpus_store, "--format", "xlsx", "--out", out).exit_code == 0
    _check_xlsx(out, SEED_AGREEMENT)
    export = tmp_path / "export.xlsx"
    assert run("export", "--store", corpus_store, "--format", "xlsx", "--out", export).exit_code == 0
    _check_xlsx(export, SEED_AGREEMENT)


def test_corpus_rows_split_milestones_and_keep_currencies(corpus_store):
    rows = json.loads(run("deals", "--store", corpus_store, "--format", "json").output)
    by_licensor = {r["licensor"]: r for r in rows if r["licensor"]}
    rigel = by_licensor["Rigel Pharmaceuticals, Inc."]
    assert (rigel["milestones_dev_reg"], rigel["milestones_sales"], rigel["milestones_total"]) == \
        (345000000, 800000000, 1145000000)
    sorrento = by_licensor["Sorrento Therapeutics, Inc."]
    assert (sorrento["currency"], sorrento["total_value"], sorrento["milestones_sales"]) == ("EUR", 735000000, 710000000)
    # all_deals, the shipped question, lists the same deals
    listed = json.loads(run("query", "all_deals", "--store", corpus_store, "--format", "json").output)
    assert sorted(r["agreement"] for r in listed) == sorted(r["agreement"] for r in rows)


# --------------------------------------------------------------- kg sparql / queries

def test_sparql_select_ask_construct_and_file(seed_store, tmp_path):
    res = run("sparql", "--store", seed_store, "SELECT ?n WHERE { ?o a lic:Organization ; lic:name ?n } ORDER BY ?n",
              "--format", "csv")
    assert res.output.splitlines() == ["n", "\"Genentech, Inc.\"", "\"ImmunoGen, Inc.\""]
    assert run("sparql", "--store", seed_store, 'ASK { ?a lic:agreementKind "license" }').output == "true\n"
    rq = tmp_path / "q.rq"
    rq.write_text(f"CONSTRUCT {{ ?a lic:status ?s }} WHERE {{ ?a lic:status ?s }}", encoding="utf-8")
    out = run("sparql", "--store", seed_store, "--file", rq).output
    assert f"<{SEED_AGREEMENT}> <https://w3id.org/dealgraph/lic#status> \"new\" ." in out


@pytest.mark.parametrize("update", [
    "INSERT DATA { <x:a> <x:b> <x:c> }",
    "PREFIX x: <http://x/>\n# comment SELECT\nDELETE WHERE { ?s ?p ?o }",
    "drop all",
    "LOAD <http://example.org/x.ttl>",
])
def test_sparql_refuses_updates(seed_store, update):
    res = CliRunner().invoke(cli, ["sparql", "--store", str(seed_store), update])
    assert res.exit_code == 2 and "read-only" in res.stderr and res.stderr.count("\n") == 1


def test_sparql_needs_exactly_one_query(seed_store, tmp_path):
    res = CliRunner().invoke(cli, ["sparql", "--store", str(seed_store)])
    assert res.exit_code == 2 and "QUERY or as --file" in res.stderr
    bad = CliRunner().invoke(cli, ["sparql", "--store", str(seed_store), "SELECT WHERE {"])
    assert bad.exit_code == 2 and "syntax error" in bad.stderr


def test_queries_lists_parameters_and_user_queries(seed_store, tmp_path):
    listed = run("queries").output
    assert "    currency (string, default USD)  ISO 4217 code" in listed
    assert "    org_name (orgname, required)" in listed
    assert "\nall_deals  Every deal" in listed
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "org_count.rq").write_text("# purpose: Number of organizations.\n# param: min integer = 0 -- at least\n"
                                       "# columns: n\nPREFIX lic: <https://w3id.org/dealgraph/lic#>\n"
                                       "SELECT ?min (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a lic:Organization } "
                                       "GROUP BY ?min HAVING (COUNT(DISTINCT ?o) >= ?min)\n", encoding="utf-8")
    assert "org_count  Number of organizations.\n    min (integer, default 0)  at least" in \
        run("queries", "--queries", mine).output
    res = run("query", "org_count", "--store", seed_store, "--queries", mine, "--format", "csv")
    assert res.output == "n\n2\n"
    (mine / "find_org.rq").write_text("SELECT * WHERE {}", encoding="utf-8")
    clash = CliRunner().invoke(cli, ["queries", "--queries", str(mine)])
    assert clash.exit_code == 2 and "taken by a shipped query" in clash.stderr


def test_query_with_unknown_org_says_so(seed_store):
    res = CliRunner().invoke(cli, ["query", "org_deals", "--store", str(seed_store), "-p", "org_name=Nobody Such"])
    assert res.exit_code == 1 and "(0 rows)" in res.stdout
    assert "no organization matches 'Nobody Such'" in res.stderr and "find_org" in res.stderr


# --------------------------------------------------------------- build inputs, analyze --out

def test_build_from_list_file_and_stdin(tmp_path):
    seed_file = next(SEED.rglob("*.txt"))
    listing = tmp_path / "list.txt"
    listing.write_text(f"# filings to build\n\n{seed_file}\n", encoding="utf-8")
    res = run("build", f"@{listing}", "--store", tmp_path / "a.kg", "-q")
    assert res.exit_code == 0 and "built           1" in res.output
    res = run("build", "-", "--store", tmp_path / "b.kg", "--json", input=f"{seed_file}\n")
    assert res.exit_code == 0 and json.loads(res.output)["counts"]["built"] == 1
    missing = CliRunner().invoke(cli, ["build", "@" + str(tmp_path / "nope.txt"), "--store", str(tmp_path / "c.kg")])
    assert missing.exit_code == 2 and "nope.txt: input list not found" in missing.stderr
    assert not (tmp_path / "c.kg").exists()


def test_build_quiet_prints_only_the_summary(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("not a filing", encoding="utf-8")
    seed_file = next(SEED.rglob("*.txt"))
    res = run("build", seed_file, tmp_path / "in", "--store", tmp_path / "s.kg", "-q")
    assert res.exit_code == 0 and "notes.md" not in res.output and "skipped         1" in res.output
    loud = run("build", seed_file, tmp_path / "in", "--store", tmp_path / "s.kg")
    assert "notes.md: not a filing file" in loud.output


def test_missing_input_leaves_no_store_folder(tmp_path):
    res = CliRunner().invoke(cli, ["build", str(tmp_path / "no-such.txt"), "--store", str(tmp_path / "new.kg")])
    assert res.exit_code == 1 and "no-such.txt" in res.stderr
    assert not (tmp_path / "new.kg").exists()


def test_analyze_csv_out_writes_one_file_per_table(seed_store, tmp_path):
    res = run("analyze", "--store", seed_store, "--format", "csv", "--out", tmp_path / "tables")
    assert res.exit_code == 0
    files = sorted(p.name for p in (tmp_path / "tables").iterdir())
    assert files == ["communities.csv", "licensors.csv", "organizations.csv", "per_year.csv", "shared_assets.csv"]
    orgs = list(csv.DictReader((tmp_path / "tables" / "organizations.csv").open(encoding="utf-8")))
    assert {r["name"] for r in orgs} == {"Genentech, Inc.", "ImmunoGen, Inc."} and "pagerank" in orgs[0]
    years = list(csv.DictReader((tmp_path / "tables" / "per_year.csv").open(encoding="utf-8")))
    assert years == [{"year": "2000", "deals": "2", "value_usd": "3000000", "other_values": ""}]
    wrong = CliRunner().invoke(cli, ["analyze", "--store", str(seed_store), "--out", str(tmp_path / "t2")])
    assert wrong.exit_code == 2 and "--format csv" in wrong.stderr


# --------------------------------------------------------------- kg explain

def test_help_iris_exist_in_the_seed_store(seed_store):
    """Every id IRI a --help shows names something in the store built from examples/seed."""
    import re

    from kg.sparql import run_adhoc
    from kg.store import Store

    iris = set()
    for name in cli.commands:
        iris |= set(re.findall(r"https://w3id\.org/dealgraph/id/\S+", run(name, "--help").output))
    assert iris
    with Store(str(seed_store), create=False, read_only=True) as st:
        for iri in sorted(iris):
            assert run_adhoc(st, f"ASK {{ <{iri}> ?p ?o }}") is True, iri


def test_explain_organization_shows_its_sentences(seed_store):
    out = run("explain", "--store", seed_store, "https://w3id.org/dealgraph/id/org/genentech").output.splitlines()
    assert out[1] == "  organization: Genentech, Inc. (also: Genentech)"
    assert out[2].endswith("imgn-2000-05-08-8k.txt (8-K, 2000-05-08):")
    assert any("up-front technology access fee of $3 million" in line for line in out)
    assert any("Genentech is developing a Herceptin TAP conjugate" in line for line in out)
    assert '    "Genentech, Inc."' not in out  # the bare name is not a sentence
