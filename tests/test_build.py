"""kg.build: every input reported, incremental rebuilds, one graph per file, parallel = serial.

Inputs are small full-submission 8-Ks written here (made-up companies and
sentences), plus the seed filing shipped in examples/seed.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from kg.build import build, file_sha256
from kg.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed"

_HEADER = """<SEC-DOCUMENT>{acc}.txt : 20190612
<SEC-HEADER>{acc}.hdr.sgml : 20190612
ACCESSION NUMBER:\t\t{acc}
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t1
CONFORMED PERIOD OF REPORT:\t20190610
ITEM INFORMATION:\t\tEntry into a Material Definitive Agreement
FILED AS OF DATE:\t\t20190612

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\t{filer}
\t\tCENTRAL INDEX KEY:\t\t\t{cik}
\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tPHARMACEUTICAL PREPARATIONS [2834]
\t\tIRS NUMBER:\t\t\t\t{irs}
\t\tSTATE OF INCORPORATION:\t\t\tDE
\t\tFISCAL YEAR END:\t\t\t1231

\tFILING VALUES:
\t\tFORM TYPE:\t\t8-K
\t\tSEC ACT:\t\t1934 Act
\t\tSEC FILE NUMBER:\t001-{file_no}

\tBUSINESS ADDRESS:\t
\t\tSTREET 1:\t\t12 Harbor Lane
\t\tCITY:\t\t\tBoston
\t\tSTATE:\t\t\tMA
\t\tZIP:\t\t\t02110
\t\tBUSINESS PHONE:\t\t6175550100
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>form8-k.txt
<DESCRIPTION>CURRENT REPORT
<TEXT>
                     SECURITIES AND EXCHANGE COMMISSION
                           WASHINGTON, D.C. 20549

                                  FORM 8-K

                               CURRENT REPORT

Date of Report (Date of earliest event reported): June 10, 2019

                          {display}
           (Exact name of registrant as specified in its charter)

Item 1.01 Entry into a Material Definitive Agreement.

On June 10, 2019, {display} (the "Company") entered into an exclusive license
agreement (the "License Agreement") with {partner} ("{short}"). Under the License
Agreement, the Company grants {short} an exclusive, worldwide license to develop and
commercialize its {product} compound. {short} will pay the Company an upfront payment
of ${upfront} million and up to ${milestones} million in development and regulatory
milestone payments, plus tiered royalties on net sales.

{extra}
Item 9.01 Financial Statements and Exhibits.

SIGNATURE

Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant
has duly caused this report to be signed on its behalf by the undersigned.

                                        {display}

Date: June 12, 2019                     By: /s/ Jordan Q. Example
                                            Jordan Q. Example
                                            Chief Financial Officer
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def synthetic_filing(n: int, *, filer: str | None = None, partner: str | None = None, extra: str = "") -> str:
    """A small, made-up full-submission 8-K announcing a licence (n makes it unique)."""
    filer = filer or f"NORTHWIND THERAPEUTICS {n} INC"
    display = filer.title() if filer.isupper() else filer
    return _HEADER.format(
        acc=f"0009999999-19-{n:06d}", filer=filer, display=display, cik=f"{9000000 + n:010d}",
        irs=f"{100000000 + n}", file_no=f"{30000 + n}", partner=partner or f"Bluefin Pharma {n} AG",
        short=f"Bluefin{n}", product=f"NW-{100 + n}", upfront=str(5 + n % 7), milestones=str(40 + n),
        extra=extra,
    )


def write_inputs(folder: Path, count: int, start: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        p = folder / f"filing-{n:03d}.txt"
        p.write_text(synthetic_filing(n), encoding="utf-8")
        paths.append(p)
    return paths


def graph_texts(store_path: Path) -> dict[str, str]:
    """Canonical N-Quads of every document graph, by graph IRI."""
    with Store(str(store_path), create=False) as st:
        return {g: st.canonical_nquads(g) for g, _ in set(st.manifest().values())}


def test_seed_builds_one_graph(tmp_path):
    report = build([str(SEED)], str(tmp_path / "kg"), progress=False)
    assert report.counts()["failed"] == 0, report.format()
    assert len(report.results) == 1
    res = report.results[0]
    assert res.status == "built" and res.agreements >= 1 and res.triples > 20
    with Store(str(tmp_path / "kg"), create=False) as st:
        manifest = st.manifest()
        assert list(manifest) == [os.path.abspath(res.path)]
        assert manifest[os.path.abspath(res.path)][0] == res.graph
        assert len(st.graph(res.graph)) == res.triples


def test_every_input_is_reported(tmp_path):
    inputs = tmp_path / "in"
    files = write_inputs(inputs, 3)
    (inputs / "notes.json").write_text("{}")
    report = build([str(inputs)], str(tmp_path / "kg"), progress=False)
    by_path = {Path(r.path).name: r for r in report.results}
    assert {by_path[f.name].status for f in files} <= {"built", "no-deal"}
    assert all(by_path[f.name].triples > 5 and by_path[f.name].graph for f in files)
    assert by_path["notes.json"].status == "skipped" and by_path["notes.json"].reason
    assert sum(report.counts().values()) == len(report.results) == 4
    text = report.format()
    for status in ("built", "no-deal", "unchanged", "skipped", "failed"):
        assert re.search(rf"^{status}\s+\d+$", text, re.M), status  # the table lists every status
    assert re.search(r"^skipped\s+.*notes\.json: ", text, re.M)


def test_build_twice_is_identical_and_second_is_unchanged(tmp_path):
    inputs = tmp_path / "in"
    write_inputs(inputs, 3)
    build([str(inputs)], str(tmp_path / "a"), progress=False)
    build([str(inputs)], str(tmp_path / "b"), progress=False)
    with Store(str(tmp_path / "a")) as a, Store(str(tmp_path / "b")) as b:
        first = a.canonical_nquads()
        assert first == b.canonical_nquads() and first.count("\n") > 50
    again = build([str(inputs)], str(tmp_path / "a"), progress=False)
    assert [r.status for r in again.results] == ["unchanged"] * 3
    assert again.resolve is None  # nothing changed, nothing re-resolved
    with Store(str(tmp_path / "a")) as a:
        assert a.canonical_nquads() == first


def test_changed_input_replaces_only_its_graph(tmp_path):
    inputs = tmp_path / "in"
    files = write_inputs(inputs, 3)
    store = tmp_path / "kg"
    first = build([str(inputs)], str(store), progress=False)
    graphs = {Path(r.path).name: r.graph for r in first.results}
    with Store(str(store)) as st:
        before = {g: st.canonical_nquads(g) for g in graphs.values()}
    old_sha = file_sha256(str(files[1]))
    files[1].write_text(synthetic_filing(2, partner="Kestrel Biologics 2 GmbH"), encoding="utf-8")
    new_sha = file_sha256(str(files[1]))
    second = build([str(inputs)], str(store), progress=False)
    status = {Path(r.path).name: r.status for r in second.results}
    assert status["filing-001.txt"] == status["filing-003.txt"] == "unchanged"
    assert status["filing-002.txt"] in ("built", "no-deal")
    with Store(str(store)) as st:
        after = {g: st.canonical_nquads(g) for g in graphs.values()}
        assert after[graphs["filing-001.txt"]] == before[graphs["filing-001.txt"]]
        assert after[graphs["filing-003.txt"]] == before[graphs["filing-003.txt"]]
        assert after[graphs["filing-002.txt"]] != before[graphs["filing-002.txt"]]
        assert new_sha in after[graphs["filing-002.txt"]] and old_sha not in after[graphs["filing-002.txt"]]
        assert old_sha in before[graphs["filing-002.txt"]]
        assert st.manifest()[str(files[1].resolve())][1] != st.manifest()[str(files[0].resolve())][1]


def test_same_content_twice_is_built_once(tmp_path):
    inputs = tmp_path / "in"
    (a,) = write_inputs(inputs, 1)
    copy = inputs / "zz-copy-of-filing.txt"
    shutil.copyfile(a, copy)
    report = build([str(inputs)], str(tmp_path / "kg"), progress=False)
    by_name = {Path(r.path).name: r for r in report.results}
    assert by_name["filing-001.txt"].status in ("built", "no-deal")
    dup = by_name["zz-copy-of-filing.txt"]
    assert dup.status == "skipped" and str(a) in dup.reason
    with Store(str(tmp_path / "kg")) as st:
        assert list(st.manifest().values()) == [(by_name["filing-001.txt"].graph, file_sha256(str(a)))]
    again = build([str(inputs)], str(tmp_path / "kg"), progress=False)
    assert {Path(r.path).name: r.status for r in again.results} == \
        {"filing-001.txt": "unchanged", "zz-copy-of-filing.txt": "skipped"}


def test_same_accession_different_content_fails_second(tmp_path):
    inputs = tmp_path / "in"
    (a,) = write_inputs(inputs, 1)
    (inputs / "z-refiled.txt").write_text(synthetic_filing(1, partner="Heron Labs Ltd") + "\n\n", encoding="utf-8")
    report = build([str(inputs)], str(tmp_path / "kg"), progress=False)
    by_name = {Path(r.path).name: r for r in report.results}
    assert by_name["filing-001.txt"].status in ("built", "no-deal")
    bad = by_name["z-refiled.txt"]
    assert bad.status == "failed" and "already built from" in bad.reason and str(a) in bad.reason
    with Store(str(tmp_path / "kg")) as st:
        assert st.manifest() == {str(a.resolve()): (by_name["filing-001.txt"].graph, file_sha256(str(a)))}
        assert file_sha256(str(inputs / "z-refiled.txt")) not in st.canonical_nquads()


def test_disappeared_input_kept_unless_pruned(tmp_path):
    inputs = tmp_path / "in"
    files = write_inputs(inputs, 2)
    store = str(tmp_path / "kg")
    first = build([str(inputs)], store, progress=False)
    gone_graph = first.results[1].graph
    files[1].unlink()
    kept = build([str(inputs)], store, progress=False)
    assert [r.status for r in kept.results] == ["unchanged"] and kept.pruned == []
    with Store(store) as st:
        assert gone_graph in st.graphs()
    pruned = build([str(inputs)], store, progress=False, prune=True)
    assert pruned.pruned == [str(files[1].resolve())]
    assert "pruned" in pruned.format()
    with Store(store) as st:
        assert gone_graph not in st.graphs()
        assert list(st.manifest()) == [str(files[0].resolve())]


def test_parallel_build_equals_serial(tmp_path):
    inputs = tmp_path / "in"
    write_inputs(inputs, 6)
    shutil.copytree(SEED, inputs / "seed")
    serial = build([str(inputs)], str(tmp_path / "s"), jobs=1, progress=False)
    parallel = build([str(inputs)], str(tmp_path / "p"), jobs=2, progress=False)
    assert [(r.path, r.status, r.triples) for r in serial.results] == \
           [(r.path, r.status, r.triples) for r in parallel.results]
    with Store(str(tmp_path / "s")) as s, Store(str(tmp_path / "p")) as p:
        assert s.canonical_nquads() == p.canonical_nquads()
        assert len(s.manifest()) == 7


def test_force_rebuilds_unchanged(tmp_path):
    inputs = tmp_path / "in"
    write_inputs(inputs, 2)
    store = str(tmp_path / "kg")
    first = build([str(inputs)], store, progress=False)
    forced = build([str(inputs)], store, progress=False, force=True)
    assert [r.status for r in forced.results] == [r.status for r in first.results]
    assert all(r.status in ("built", "no-deal") for r in forced.results)


def test_report_json_lists_every_input(tmp_path):
    inputs = tmp_path / "in"
    write_inputs(inputs, 2)
    report = build([str(inputs)], str(tmp_path / "kg"), progress=False)
    data = report.to_json()
    assert data["counts"]["built"] + data["counts"]["no-deal"] == 2
    assert [Path(i["path"]).name for i in data["inputs"]] == ["filing-001.txt", "filing-002.txt"]


def test_moved_file_is_not_rebuilt(tmp_path):
    first_dir = tmp_path / "in"
    first_dir.mkdir()
    a = first_dir / "seed.txt"
    shutil.copyfile(SEED / "imgn-2000-05-08-8k" / "imgn-2000-05-08-8k.txt", a)
    store = str(tmp_path / "kg")
    first = build([str(first_dir)], store, progress=False)
    assert first.results[0].status in ("built", "no-deal")
    moved_dir = tmp_path / "moved"
    moved_dir.mkdir()
    moved = moved_dir / "renamed.txt"
    shutil.move(str(a), moved)
    report = build([str(moved_dir)], store, progress=False, prune=True)
    (res,) = report.results
    assert res.status == "unchanged" and res.reason == f"same content as {a.resolve()}, already built"
    assert res.graph == first.results[0].graph
    assert report.pruned == [str(a.resolve())]
    with Store(store) as st:
        assert st.manifest() == {str(moved.resolve()): (res.graph, file_sha256(str(moved)))}
        assert res.graph in st.graphs()
