"""kg.build report: which reader (contract or narrative) produced each input's agreements.

Inputs are made up here: one 8-K that tells a deal in prose (the narrative reader) and one
contract's own text (the contract reader).  The reader is provenance for the report only:
DealFacts.to_gold() keeps the GOLD_SCHEMA keys and the scorers never see it.
"""
from __future__ import annotations

import json

from kg.build import READERS, build
from kg.extract import extract
from kg.sources import read_file
from tests.test_build import synthetic_filing

CONTRACT = """SUPPLY AGREEMENT

This Supply Agreement (this "Agreement") is made as of March 4, 2015 by and between
Harrow Valley Foods, Inc., a Delaware corporation ("Supplier"), and Quillon Retail Group LLC,
an Ohio limited liability company ("Buyer").

WHEREAS, Supplier makes packaged goods and Buyer wishes to buy them;

NOW, THEREFORE, the parties hereby agree as follows:

1. Supply. Supplier shall sell to Buyer the products listed in Exhibit A.

2. Governing Law. This Agreement shall be governed by the laws of the State of Ohio.

IN WITNESS WHEREOF, the parties have executed this Agreement as of the date first written above.
"""


def _inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "filing-001.txt").write_text(synthetic_filing(1), encoding="utf-8")
    (folder / "supply-contract.txt").write_text(CONTRACT, encoding="utf-8")
    return folder


def test_each_agreement_knows_its_reader(tmp_path):
    folder = _inputs(tmp_path)
    narrative = extract(read_file(str(folder / "filing-001.txt")))
    contract = extract(read_file(str(folder / "supply-contract.txt")))
    assert narrative.agreements and {a.reader for a in narrative.agreements} == {"narrative"}
    assert len(contract.agreements) == 1 and contract.agreements[0].reader == "contract"
    assert contract.agreements[0].parties == ["Harrow Valley Foods, Inc.", "Quillon Retail Group LLC"]
    gold = contract.to_gold()["agreements"][0]
    assert "reader" not in gold and "amends" not in gold  # the scorers see the GOLD_SCHEMA keys only


def test_build_report_counts_agreements_by_reader(tmp_path):
    report = build([str(_inputs(tmp_path))], str(tmp_path / "kg"), progress=False)
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in report.results}
    assert by_name["supply-contract.txt"].readers == {"contract": 1}
    narrative = by_name["filing-001.txt"]
    assert set(narrative.readers) == {"narrative"} and narrative.readers["narrative"] == narrative.agreements
    total = narrative.agreements + 1
    assert report.read_by() == {"contract": 1, "narrative": total - 1}
    text = report.format(verbose=True)
    assert f"read by: contract 1, narrative {total - 1}" in text
    assert "supply-contract.txt: 1 agreement(s) (read by contract 1)" in text
    data = json.loads(json.dumps(report.to_json()))
    assert data["read_by"] == {"contract": 1, "narrative": total - 1}
    assert {i["path"].rsplit("/", 1)[-1]: i["readers"] for i in data["inputs"]}["supply-contract.txt"] == {"contract": 1}


def test_unchanged_inputs_carry_no_reader_counts(tmp_path):
    folder = _inputs(tmp_path)
    build([str(folder)], str(tmp_path / "kg"), progress=False)
    again = build([str(folder)], str(tmp_path / "kg"), progress=False)
    assert all(r.status == "unchanged" and r.readers == {} for r in again.results)
    assert again.read_by() == {k: 0 for k in READERS}
    assert "read by:" not in again.format()
