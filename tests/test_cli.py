"""kg.cli: every command through click's CliRunner on a real store built from the seed."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF

from kg.cli import cli
from kg.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed"
LIC = Namespace("https://w3id.org/dealgraph/lic#")
COMMANDS = sorted(cli.commands)


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("kg") / "seed.kg"
    result = run("build", SEED, "--store", path, "--quiet")
    assert result.exit_code == 0, result.output
    return path


def test_commands_are_the_documented_set():
    assert COMMANDS == ["analyze", "build", "deals", "explain", "export", "extract", "optimize", "plot", "push", "queries",
                        "query", "serve",
                        "sparql",
                        "validate"]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_help_ends_with_an_example(name):
    result = run(name, "--help")
    assert result.exit_code == 0
    tail = [line.strip() for line in result.output.strip().splitlines()[-2:]]
    assert tail[0] == "Example:"
    assert tail[1].startswith(f"kg {name}")


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\bkg {name}\b", readme), f"README.md does not show `kg {name}`"


def test_fast_validate_conforms_on_seed(seed_store):
    result = run("validate", "--store", seed_store, "--fast")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"conforms: {re.escape(str(seed_store))} \(0 violation\(s\), \d+ warning\(s\)\)",
                        result.output.strip().splitlines()[-1])


def test_build_prints_report_and_validate_conforms(seed_store, tmp_path):
    again = run("build", SEED, "--store", seed_store)  # not --quiet: that prints the summary only
    assert again.exit_code == 0
    assert re.search(r"^unchanged\s+1$", again.output, re.M)
    assert re.search(r"^unchanged .*imgn-2000-05-08-8k\.txt", again.output, re.M)
    result = run("validate", "--store", seed_store, "--report", tmp_path / "r.txt")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    assert (tmp_path / "r.txt").read_text().startswith("Conforms")


def test_build_json_report(tmp_path):
    result = run("build", SEED, "--store", tmp_path / "kg", "--quiet", "--json")
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["counts"]["built"] == 1
    assert data["inputs"][0]["path"].endswith("imgn-2000-05-08-8k.txt")


def _injected_store(seed_store: Path, tmp_path: Path) -> tuple[Path, str, str]:
    """A copy of the seed store plus a graph with a negative payment and an agreement without a kind."""
    path = tmp_path / "bad.kg"
    with Store(str(seed_store)) as src, Store(str(path)) as dst:
        dst.bulk_load(src.dump("nquads"))
        g = URIRef("https://w3id.org/dealgraph/id/doc/sha256-injected00000000000")
        ag = URIRef(f"{g}/agreement/1")
        pay = URIRef(f"{ag}/payment/1")
        dst.add_quads([
            (ag, RDF.type, LIC.Agreement, g),
            (ag, LIC.payment, pay, g),
            (pay, RDF.type, LIC.Payment, g),
            (pay, LIC.paymentKind, Literal("upfront"), g),
            (pay, LIC.amount, Literal(Decimal("-5")), g),
            (pay, LIC.currency, Literal("USD"), g),
        ])
    return path, str(ag), str(pay)


@pytest.mark.parametrize("fast", [False, True], ids=["pyshacl", "fast"])
def test_validate_reports_injected_violations(seed_store, tmp_path, fast):
    path, agreement, payment = _injected_store(seed_store, tmp_path)
    result = CliRunner().invoke(cli, ["validate", "--store", str(path)] + (["--fast"] if fast else []))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    amount = [l for l in lines if payment in l and str(LIC.amount) in l]
    assert amount, result.output
    kind = [l for l in lines if agreement in l and str(LIC.agreementKind) in l]
    assert kind, result.output
    assert re.search(r"does not conform: .* \(\d+ violation\(s\), \d+ warning\(s\)\)", result.stderr)
    assert not [l for l in lines if l.startswith("Warning")]  # warnings only with --warnings


def test_validate_missing_store_is_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["validate", "--store", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kg: error: {tmp_path / 'nope'}: no store here (build one with: kg build PATH... --store DIR)"
    assert not (tmp_path / "nope").exists()


def test_non_store_directory_is_usage_error(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"\xff\xd8\xff")
    result = CliRunner().invoke(cli, ["build", str(SEED), "--store", str(tmp_path / "photos"), "--quiet"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: {tmp_path / 'photos'}: not a dealgraph store")
    assert "Traceback" not in result.output + result.stderr


def test_extract_json_one_object_per_file(tmp_path):
    result = run("extract", SEED)
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert obj["path"].endswith("imgn-2000-05-08-8k.txt")
    assert len(obj["sha256"]) == 64
    assert {"filing", "organizations", "agreements"} <= set(obj)


def test_extract_failed_input_goes_on_and_exits_1(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["extract", str(empty), str(SEED)])
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1  # the seed still came out
    err = [l for l in result.stderr.splitlines() if l.startswith("kg: error:")]
    assert len(err) == 1 and err[0].startswith(f"kg: error: {empty}: ")


@pytest.mark.parametrize("fmt,marker", [("turtle", "@prefix"), ("nquads", "<https://w3id.org/dealgraph/id/doc/")])
def test_extract_rdf_formats(fmt, marker):
    result = run("extract", SEED, "--format", fmt)
    assert result.exit_code == 0 and marker in result.output


def test_queries_lists_names_and_query_runs(seed_store):
    listed = run("queries")
    assert listed.exit_code == 0
    names = [line.split()[0] for line in listed.output.strip().splitlines()]
    assert "find_org" in names
    result = run("query", "find_org", "--store", seed_store, "--param", "text=Genentech", "--format", "json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.output), list)


def test_query_errors_are_one_line(seed_store):
    unknown = CliRunner().invoke(cli, ["query", "no_such_query", "--store", str(seed_store)])
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("kg: error: ") and unknown.stderr.count("\n") == 1
    bad = CliRunner().invoke(cli, ["query", "find_org", "--store", str(seed_store), "--param", "novalue"])
    assert bad.exit_code == 2 and "KEY=VALUE" in bad.stderr


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld", "graphml", "gexf"])
def test_export_writes_file(seed_store, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--store", seed_store, "--format", fmt, "--out", out)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 100


def test_explain_shows_quote(seed_store):
    with Store(str(seed_store)) as st:
        rows = st.query("PREFIX lic: <https://w3id.org/dealgraph/lic#> "
                        "SELECT ?a WHERE { ?a a lic:Agreement ; lic:evidence ?e } ORDER BY ?a LIMIT 1").rows
    assert rows
    result = run("explain", "--store", seed_store, str(rows[0][0]))
    assert result.exit_code == 0
    assert "imgn-2000-05-08-8k.txt" in result.output and '"' in result.output


def test_analyze_and_plot(seed_store, tmp_path):
    result = run("analyze", "--store", seed_store, "--format", "json")
    assert result.exit_code == 0
    json.loads(result.output)
    pics = run("plot", "--store", seed_store, "--out", tmp_path / "pics", "--format", "svg")
    assert pics.exit_code == 0
    written = [Path(l.split(" ", 1)[1]) for l in pics.output.splitlines() if l.startswith("wrote ")]
    assert written and all(p.exists() and p.suffix == ".svg" for p in written)
