"""SHACL validation of dealgraph graphs with pySHACL (https://www.w3.org/TR/shacl/).

:func:`validate_graph` checks a graph against ``shapes/lic.ttl`` (read with
``importlib.resources``; no inference, and the ontology alignment file is
never loaded).  The result is a :class:`ValidationResult` whose ``conforms``
is False only for results of severity ``sh:Violation`` (warnings are
reported but do not fail a document).  pySHACL's exit-code convention is
kept in :attr:`ValidationResult.exit_code`: 0 conforms, 1 violations; a run
that cannot happen raises :class:`kg.errors.ValidationError` (exit code 2).

For a whole store of millions of triples use :func:`kg.fastcheck.fast_validate`,
which compiles the same shapes to SPARQL and returns the same results.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph, Dataset
from rdflib.namespace import SH
from rdflib.term import Node

from kg._genvocab import data_text
from kg.errors import ValidationError

__all__ = ["Violation", "ValidationResult", "shapes_graph", "validate_graph", "result_key", "violations_from_report"]


@dataclass(frozen=True, order=True)
class Violation:
    """One ``sh:ValidationResult``: what failed, where, and which shape said so.

    ``severity`` and ``component`` are local names ("Violation", "Warning";
    "MinCountConstraintComponent"); ``shape`` is the ``sh:sourceShape`` IRI.
    """

    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    shape: str | None = None
    component: str | None = None
    value: str | None = None

    def line(self) -> str:
        """One report line: ``<focus> <path>: message [shape]``."""
        where = f"<{self.focus}>" + (f" <{self.path}>" if self.path else "")
        shape = f" [{self.shape.rsplit('#', 1)[-1]}]" if self.shape else ""
        return f"{self.severity}: {where}: {' '.join(self.message.split())}{shape}"


@dataclass
class ValidationResult:
    """The outcome of validating one graph (``conforms`` ignores warnings)."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """pySHACL's convention: 0 conforms, 1 violations."""
        return 0 if self.conforms else 1

    def text(self) -> str:
        """A readable report: a summary line, then one line per result."""
        n_viol = sum(1 for v in self.violations if v.severity == "Violation")
        head = "Conforms" if self.conforms else "Does not conform"
        head += f": {n_viol} violation(s), {len(self.violations) - n_viol} other result(s)"
        return "\n".join([head] + [v.line() for v in sorted(self.violations)]) + "\n"

    def __str__(self) -> str:
        return self.text()


def result_key(v: Violation) -> tuple[str, str | None, str | None, str | None]:
    """``(focus, path, sourceShape, constraintComponent)``: what two validators must agree on."""
    return (v.focus, v.path, v.shape, v.component)


@lru_cache(maxsize=1)
def _shapes_source() -> str:
    return data_text("shapes", "lic.ttl")


def shapes_graph() -> Graph:
    """``shapes/lic.ttl`` parsed (a fresh graph each call; the text is cached)."""
    g = Graph()
    try:
        g.parse(data=_shapes_source(), format="turtle")
    except Exception as exc:  # a broken shapes file is a setup error, not a data error
        raise ValidationError(f"cannot parse shapes/lic.ttl: {exc}") from exc
    return g


@lru_cache(maxsize=1)
def _cached_shapes() -> Graph:
    return shapes_graph()


def _local(node: Node | None) -> str | None:
    if node is None:
        return None
    s = str(node)
    for sep in ("#", "/"):
        if sep in s:
            s = s.rsplit(sep, 1)[-1]
    return s


def _str(node: Node | None) -> str | None:
    return None if node is None else str(node)


class _PreparedQueryGraph(Graph):
    """A Graph whose SPARQL query strings are parsed once per process.

    pySHACL runs each ``sh:sparql`` constraint once per focus node and rdflib
    parses the query text on every call (about 20 ms each, most of a
    document's validation time); prepared queries give the same results.
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=256)
def _prepared(text: str):
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


def _working_copy(graph: Graph) -> Graph:
    """The triples of ``graph`` (a Dataset's as their union) in a fresh graph pySHACL may use in place."""
    copy = _PreparedQueryGraph()
    if isinstance(graph, (Dataset, ConjunctiveGraph)):
        for s, p, o, _ in graph.quads((None, None, None, None)):
            copy.add((s, p, o))
    else:
        for triple in graph:
            copy.add(triple)
    return copy


def violations_from_report(report: Graph) -> list[Violation]:
    """The ``sh:ValidationResult`` nodes of a SHACL report graph as sorted Violations."""
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        msg = report.value(r, SH.resultMessage)
        value = report.value(r, SH.value)
        out.append(
            Violation(
                focus=str(report.value(r, SH.focusNode)),
                path=_str(report.value(r, SH.resultPath)),
                message=str(msg) if msg is not None else "",
                severity=_local(report.value(r, SH.resultSeverity)) or "Violation",
                shape=_str(report.value(r, SH.sourceShape)),
                component=_local(report.value(r, SH.sourceConstraintComponent)),
                value=None if value is None else (value.n3() if isinstance(value, (Literal, URIRef)) else str(value)),
            )
        )
    return sorted(out)


def validate_graph(graph: Graph, shapes: Graph | None = None) -> ValidationResult:
    """Validate ``graph`` (one document's graph, or a union) against ``shapes/lic.ttl``.

    ``shapes`` replaces the shipped shapes (tests).  Raises
    :class:`kg.errors.ValidationError` when pySHACL cannot run.
    """
    import pyshacl  # imported here: a slow import only validation needs

    data = _working_copy(graph)
    try:
        _, report, _ = pyshacl.validate(
            data,
            inplace=True,  # our own copy: no inference or rules run, so nothing is added to it
            shacl_graph=_cached_shapes() if shapes is None else shapes,
            inference="none",
            allow_warnings=True,
            advanced=False,
            abort_on_first=False,
            meta_shacl=False,
        )
    except Exception as exc:
        raise ValidationError(f"SHACL validation could not run: {type(exc).__name__}: {exc}") from exc
    if not isinstance(report, Graph):  # pySHACL returns its failure instead of raising
        raise ValidationError(f"SHACL validation could not run: {report}")
    violations = violations_from_report(report)
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationResult(conforms=conforms, violations=violations)
