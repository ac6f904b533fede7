"""Bad inputs end to end through `kg build`: a one-line error naming the file, a report entry,
exit code 1, the other inputs still built, and no part of the bad file in the store.

Fixtures in tests/data/bad/ are made by hand (see each id); hostile names and
directory loops are made in tmp_path by the tests.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.build import file_sha256
from kg.cli import cli
from kg.store import Store

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
SEED = ROOT / "examples" / "seed"
LIC = "https://w3id.org/dealgraph/lic#"

sys.path.insert(0, str(Path(__file__).parent))
from test_build import synthetic_filing  # noqa: E402

CASES = [
    # (fixture, what the one-line reason must say)
    pytest.param("empty.txt", r"empty file", id="empty-file"),
    pytest.param("whitespace.txt", r"empty", id="whitespace-only"),
    pytest.param("pdf-bytes.htm", r"binary .*PDF", id="pdf-bytes-named-htm"),
    pytest.param("png-bytes.txt", r"binary .*PNG", id="png-bytes-named-txt"),
    pytest.param("zip-bytes.txt", r"binary .*ZIP", id="zip-bytes-named-txt"),
    pytest.param("truncated-sgml.txt", r"truncated", id="truncated-sgml"),
    pytest.param("header-only.txt", r"no <DOCUMENT>", id="sgml-header-without-documents"),
    pytest.param("no-text.htm", r"no readable text", id="html-without-text"),
]


def build_cli(*args: str | Path):
    return CliRunner().invoke(cli, ["build", *map(str, args)])  # the full report (-q: summary and failures only)


def store_mentions(store_path: Path, needle: str) -> bool:
    """True if any quad of the store (manifest included) contains ``needle``."""
    with Store(str(store_path), create=False) as st:
        return any(needle in str(q) for q in st.ox)


def assert_failed_cleanly(result, path: Path, store_path: Path, reason_re: str) -> None:
    assert result.exit_code == 1, result.output
    errors = [l for l in result.stderr.splitlines() if l.startswith("kg: error:")]
    assert len(errors) == 1, result.stderr
    assert re.fullmatch(rf"kg: error: {re.escape(str(path))}: .*{reason_re}.*", errors[0], re.I), errors[0]
    assert "Traceback" not in result.stderr
    report = [l for l in result.stdout.splitlines() if l.startswith("failed ") and str(path) in l]
    assert len(report) == 1 and re.fullmatch(rf"failed\s+{re.escape(str(path))}: .*{reason_re}.*", report[0], re.I)
    assert re.search(r"^failed\s+1$", result.stdout, re.M)
    with Store(str(store_path), create=False) as st:
        assert os.path.abspath(path) not in st.manifest()
    if path.exists() and path.stat().st_size:
        assert not store_mentions(store_path, file_sha256(str(path)))
    assert not store_mentions(store_path, path.name)


@pytest.mark.parametrize("name,reason", CASES)
def test_bad_file_fails_alone_and_leaves_nothing(tmp_path, name, reason):
    path = tmp_path / name
    shutil.copyfile(BAD / name, path)
    store = tmp_path / "kg"
    result = build_cli(path, "--store", store)
    assert_failed_cleanly(result, path, store, reason)
    with Store(str(store), create=False) as st:
        assert len(st) == 0 and st.graphs() == []


@pytest.mark.parametrize("name,reason", CASES)
def test_bad_file_next_to_good_one(tmp_path, name, reason):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copyfile(BAD / name, inputs / name)
    shutil.copytree(SEED, inputs / "seed")
    store = tmp_path / "kg"
    result = build_cli(inputs, "--store", store)
    assert_failed_cleanly(result, inputs / name, store, reason)
    with Store(str(store), create=False) as st:
        assert [Path(p).name for p in st.manifest()] == ["imgn-2000-05-08-8k.txt"]
        assert len(st.graphs()) >= 1


def test_non_filing_extension_is_skipped_not_failed(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copyfile(BAD / "pdf-bytes.htm", inputs / "scan.pdf")
    shutil.copytree(SEED, inputs / "seed")
    result = build_cli(inputs, "--store", tmp_path / "kg")
    assert result.exit_code == 0, result.output
    assert re.search(rf"^skipped\s+{re.escape(str(inputs / 'scan.pdf'))}: \S", result.stdout, re.M)
    assert re.search(r"^skipped\s+1$", result.stdout, re.M)


def test_missing_input_path_fails(tmp_path):
    missing = tmp_path / "no-such-filing.txt"
    result = build_cli(missing, SEED, "--store", tmp_path / "kg")
    assert result.exit_code == 1
    assert f"kg: error: {missing}: no such file or directory" in result.stderr


def test_directory_loop_is_reported_and_walked_once(tmp_path):
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    shutil.copyfile(SEED / "imgn-2000-05-08-8k" / "imgn-2000-05-08-8k.txt", inputs / "sub" / "filing.txt")
    os.symlink(inputs, inputs / "sub" / "back-to-top")
    result = CliRunner().invoke(cli, ["build", str(inputs), "--store", str(tmp_path / "kg"), "--json", "--quiet"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_path = {i["path"]: i for i in data["inputs"]}
    loop = by_path[str(inputs / "sub" / "back-to-top")]
    assert loop["status"] == "skipped" and "loop" in loop["reason"]
    assert [i["status"] for i in data["inputs"] if i["path"].endswith("filing.txt")] in (["built"], ["no-deal"])


def test_unreadable_file_fails(tmp_path):
    """A chmod 000 file.  Root reads anything, so as root the build runs without the
    capabilities that bypass file modes (util-linux setpriv)."""
    work = tmp_path / "in"
    work.mkdir()
    secret = work / "secret.txt"
    secret.write_text(synthetic_filing(7), encoding="utf-8")
    os.chmod(secret, 0)
    shutil.copyfile(SEED / "imgn-2000-05-08-8k" / "imgn-2000-05-08-8k.txt", work / "ok.txt")
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without util-linux setpriv: cannot make a file unreadable")
        caps = "-dac_override,-dac_read_search"
        prefix = [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    try:
        proc = subprocess.run([*prefix, sys.executable, "-m", "kg.cli", "build", str(work),
                               "--store", str(tmp_path / "kg"), "--quiet"],
                              capture_output=True, text=True, env=env, timeout=300)
    finally:
        os.chmod(secret, 0o644)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(rf"^kg: error: {re.escape(str(secret))}: .*permission denied", proc.stderr, re.M | re.I)
    assert re.search(rf"^failed\s+{re.escape(str(secret))}: ", proc.stdout, re.M)
    assert "Traceback" not in proc.stderr
    with Store(str(tmp_path / "kg"), create=False) as st:
        assert [Path(p).name for p in st.manifest()] == ["ok.txt"]
        assert not any("secret.txt" in str(q) for q in st.ox)


HOSTILE = "O'Brien & Söhne <Biotech> \"Ltd\" 株式会社"


def test_hostile_organization_name_survives_exports_and_queries(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "hostile.txt").write_text(synthetic_filing(11, filer=HOSTILE), encoding="utf-8")
    store = tmp_path / "kg"
    built = build_cli(inputs, "--store", store)
    assert built.exit_code == 0, built.output
    for fmt, parser in [("turtle", "turtle"), ("nquads", "nquads"), ("jsonld", "json-ld")]:
        out = tmp_path / f"export.{fmt}"
        res = CliRunner().invoke(cli, ["export", "--store", str(store), "--format", fmt, "--out", str(out)])
        assert res.exit_code == 0, res.output
        ds = rdflib.Dataset(default_union=True)
        ds.parse(out, format=parser)
        names = {str(o) for o in ds.objects(None, rdflib.URIRef(LIC + "name"))}
        assert HOSTILE in names, (fmt, names)
    res = CliRunner().invoke(cli, ["query", "find_org", "--store", str(store), "-p", "text=Söhne <Biotech> \"Ltd\"",
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["name"] for r in rows] == [HOSTILE]
