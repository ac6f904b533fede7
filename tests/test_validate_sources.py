"""Issue 16, defect 3: a validation result names the source file, not only a node IRI such as doc/sha256-.../filing."""
from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.facts import Agreement, AgreementKind, DealFacts, Evidence, FilingFacts, Organization
from kg.rdf import facts_to_graph
from kg.store import Store

EV = Evidence(0, 0, 20, "Acme licensed Zenith.")


def _put(st: Store, path: str, filing_evidence: bool) -> str:
    sha = hashlib.sha256(path.encode()).hexdigest()
    facts = DealFacts(path=path, sha256=sha,
                      filing=FilingFacts(form="8-K", date="2020-06-01", evidence=EV if filing_evidence else None),
                      organizations=[Organization("Acme Corp.", evidence=EV), Organization("Zenith Inc.", evidence=EV)],
                      agreements=[Agreement(AgreementKind.LICENSE, parties=["Acme Corp.", "Zenith Inc."], evidence=EV)])
    iri, graph = facts_to_graph(facts)
    st.replace_graph(iri, graph, source_path=path, sha256=sha)
    return str(iri)


@pytest.mark.parametrize("fast", [False, True], ids=["pyshacl", "fast"])
def test_warnings_name_the_source_file(tmp_path, fast):
    store = str(tmp_path / "s.kg")
    with Store(store) as st:
        doc = _put(st, "/filings/acme-2020-8k.txt", filing_evidence=False)
        _put(st, "/filings/other-2020-8k.txt", filing_evidence=True)
    res = CliRunner().invoke(cli, ["validate", "--store", store, "--warnings"] + (["--fast"] if fast else []))
    assert res.exit_code == 0, res.output
    [line] = [x for x in res.output.splitlines() if x.startswith("Warning:")]
    assert f"<{doc}/filing>" in line and line.endswith("(in /filings/acme-2020-8k.txt)")
    # organizations are named by several files: the first and a count
    with Store(store) as st:
        from kg.validate import ValidationResult, Violation, with_sources

        org = "https://w3id.org/dealgraph/id/org/acme"
        [v] = with_sources(ValidationResult(False, [Violation(org, None, "m")]), st).violations
        assert v.source == "/filings/acme-2020-8k.txt and 1 more file(s)"
