"""shapes/lic.ttl: every shape has a conforming and a violating case graph (tests/shapes/cases/).

Each ``cases/<NodeShape>/violating.ttl`` lists the results it must produce,
one ``# expect: <focus> <path> <sourceShape> <component> [severity]`` line
each (prefixed names from the file); the validator must report exactly that
set.  ``cases/_support.ttl`` (valid documents, evidence, organizations) is
merged into every case graph.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SH

from kg.validate import ValidationResult, shapes_graph, validate_graph

CASES = Path(__file__).parent / "cases"
LICSH = "https://w3id.org/dealgraph/shapes#"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())

Key = tuple[str, str, str, str, str]


def case_graph(name: str, kind: str) -> Graph:
    g = Graph()
    g.parse(CASES / "_support.ttl", format="turtle")
    g.parse(CASES / name / f"{kind}.ttl", format="turtle")
    return g


def expected_results(name: str) -> set[Key]:
    """The ``# expect:`` lines of a violating case, prefixed names expanded."""
    path = CASES / name / "violating.ttl"
    nsm = Graph().parse(path, format="turtle").namespace_manager
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("# expect:"):
            continue
        parts = line[len("# expect:"):].split()
        focus, pth, shape, component = (str(nsm.expand_curie(x)) if ":" in x else x for x in parts[:4])
        severity = parts[4] if len(parts) > 4 else "Violation"
        out.add((focus, pth, shape, component, severity))
    assert out, f"{path} has no '# expect:' lines"
    return out


def actual_results(result: ValidationResult) -> set[Key]:
    return {(v.focus, v.path, v.shape, v.component, v.severity) for v in result.violations}


@pytest.mark.parametrize("name", CASE_NAMES)
def test_conforming_case_has_no_results(name):
    result = validate_graph(case_graph(name, "conforming"))
    assert result.conforms, result.text()
    assert result.violations == [], result.text()
    assert result.exit_code == 0


@pytest.mark.parametrize("name", CASE_NAMES)
def test_violating_case_gives_exactly_the_expected_results(name):
    result = validate_graph(case_graph(name, "violating"))
    expected = expected_results(name)
    actual = actual_results(result)
    missing, extra = sorted(expected - actual), sorted(actual - expected)
    assert not missing and not extra, f"missing: {missing}\nunexpected: {extra}\n{result.text()}"
    has_violation = any(k[4] == "Violation" for k in expected)
    assert result.conforms is (not has_violation)


def _node_shapes(sg: Graph) -> set[URIRef]:
    return set(sg.subjects(RDF.type, SH.NodeShape))


def test_every_node_shape_has_a_case_folder():
    names = {str(s)[len(LICSH):] for s in _node_shapes(shapes_graph())}
    assert names == set(CASE_NAMES)


def test_every_constraint_is_exercised_by_some_violating_case():
    sg = shapes_graph()
    needed = set(map(str, sg.subjects(RDF.type, SH.PropertyShape)))
    needed |= {str(s) for s in sg.subjects(SH.sparql, None)}
    covered = {k[2] for name in CASE_NAMES for k in expected_results(name)}
    assert not (needed - covered), f"shapes no case violates: {sorted(needed - covered)}"


def test_every_shape_and_sparql_constraint_says_what_it_guards():
    sg = shapes_graph()
    shapes = _node_shapes(sg) | set(sg.subjects(RDF.type, SH.PropertyShape))
    shapes |= set(sg.subjects(RDF.type, SH.SPARQLConstraint))
    for s in shapes:
        assert isinstance(s, URIRef) and str(s).startswith(LICSH), s
        comment = sg.value(s, RDFS.comment)
        assert comment is not None and len(str(comment)) > 10, s


def test_report_text_names_focus_path_and_shape():
    result = validate_graph(case_graph("PaymentShape", "violating"))
    text = result.text()
    assert text.startswith("Does not conform: ")
    line = next(x for x in text.splitlines() if "payBad1" in x and "currency" in x)
    assert "<http://example.org/payBad1> <https://w3id.org/dealgraph/lic#currency>" in line
    assert "[Payment-currency]" in line
    assert result.exit_code == 1


def test_dataset_is_validated_as_union():
    from rdflib import Dataset
    ds = Dataset()
    ds.graph(URIRef("http://example.org/g1")).parse(CASES / "_support.ttl", format="turtle")
    ds.graph(URIRef("http://example.org/g2")).parse(CASES / "TechnologyShape" / "violating.ttl", format="turtle")
    keys = {(v.focus, v.component) for v in validate_graph(ds).violations}
    assert keys == {("http://example.org/techBad1", "MinCountConstraintComponent"),
                    ("http://example.org/techBad2", "DatatypeConstraintComponent")}
