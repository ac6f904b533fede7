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

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph, Dataset
from rdflib.namespace import OWL, RDFS, SH, XSD
from rdflib.term import Node

from kg._genvocab import data_text
from kg.errors import ValidationError

__all__ = ["Violation", "ValidationResult", "shapes_graph", "shared_shapes_graph", "validate_graph", "result_key", "violations_from_report",
           "surely_conforms", "with_sources"]


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
    #: the source file(s) stating the focus node (:func:`with_sources`), for the reader who must act
    source: str | None = None

    def line(self) -> str:
        """One report line: ``<focus> <path>: message [shape] (in FILE)``."""
        where = f"<{self.focus}>" + (f" <{self.path}>" if self.path else "")
        shape = f" [{self.shape.rsplit('#', 1)[-1]}]" if self.shape else ""
        source = f" (in {self.source})" if self.source else ""
        return f"{self.severity}: {where}: {' '.join(self.message.split())}{shape}{source}"


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


def shared_shapes_graph() -> Graph:
    """``shapes/lic.ttl`` parsed once per process, shared by every reader: never modify it
    (a 1-file ``kg build`` parsed it twice, ~30 ms each: its validation and kg.resolve)."""
    return _cached_shapes()


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


# ---------------------------------------------------------------- per-document pre-check
#
# kg.build validates every document before writing it.  pySHACL costs ~40 ms on a
# 130-triple document graph (it builds its own shape objects and runs SPARQL
# through rdflib); the check below decides the common case -- no sh:Violation --
# in well under a millisecond, by evaluating the same shapes/lic.ttl directly
# over the graph's triples.  It is one-sided by design: True means pySHACL would
# report no sh:Violation; False means "not sure", and the caller runs
# validate_graph for the authoritative report.  Every comparison copies
# pySHACL 0.40's rule for the component (https://www.w3.org/TR/shacl/ section 4)
# or errs towards False; any shape feature it does not know makes it return
# False for every graph.

_ACTUAL_TYPES = {  # pySHACL DatatypeConstraintComponent._assert_actual_datatype
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime,
}


def _actual_datatype_ok(value: Literal, dt: URIRef) -> bool:
    py = _ACTUAL_TYPES.get(dt)
    return True if py is None else isinstance(value.value, py)


def _datatype_ok(v: Node, dt: URIRef) -> bool:
    """sh:datatype as pySHACL decides it (same datatype IRI, not ill-typed)."""
    if not isinstance(v, Literal):
        return False
    if v.datatype == dt:
        return getattr(v, "ill_typed", None) is not True and _actual_datatype_ok(v, dt)
    if dt == RDFS.Literal:
        return True
    if dt == RDFS.Datatype and v.datatype:
        return True
    if v.datatype is None and v.language is None and dt == XSD.string:
        return _actual_datatype_ok(v, dt)
    if dt == RDF.langString and v.language:
        return _actual_datatype_ok(v, dt)
    return False


def _pattern_text(v: Node) -> str:
    """pySHACL StringBasedConstraintBase.value_node_to_string."""
    if isinstance(v, Literal) and v.value is not None and v.datatype in (None, RDF.langString, XSD.string):
        return str(v.value)
    return str(v)


def _number(v: Node):
    """The numeric value of a well-typed numeric literal, else None (then the check errs to False)."""
    if not isinstance(v, Literal) or getattr(v, "ill_typed", None) is True:
        return None
    x = v.value
    if isinstance(x, bool) or not isinstance(x, (int, float, Decimal)):
        return None
    return x


_ORDER = {"minInclusive": lambda a, b: a >= b, "maxInclusive": lambda a, b: a <= b,
          "minExclusive": lambda a, b: a > b, "maxExclusive": lambda a, b: a < b,
          "lessThan": lambda a, b: a < b, "lessThanOrEquals": lambda a, b: a <= b}
# Parameters that never produce a result themselves.
_PRECHECK_STRUCTURAL = {"path", "property", "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf",
                        "severity", "message", "deactivated", "name", "description", "order", "group",
                        "defaultValue"}


@dataclass(frozen=True)
class _Rule:
    """One constraint parameter of one shape of severity sh:Violation."""

    kind: str  # SHACL parameter local name: minCount, datatype, in, sparql, ...
    arg: object


@dataclass(frozen=True)
class _Entry:
    """A shape's focus-node targets, its path (None for a node shape) and its Violation rules."""

    targets: tuple[tuple[str, Node], ...]
    path: URIRef | None
    rules: tuple[_Rule, ...]


class _Unsupported(Exception):
    pass


def _compile_precheck(sg: Graph) -> tuple[_Entry, ...]:
    """The shapes as _Entry rules; raises _Unsupported for anything the pre-check does not know."""
    sh = str(SH)
    for cls in (RDFS.Class, OWL.Class):  # implicit class targets (SHACL 2.1.3.3)
        for s in sg.subjects(RDF.type, cls):
            if (s, RDF.type, SH.NodeShape) in sg or (s, RDF.type, SH.PropertyShape) in sg:
                raise _Unsupported(f"shape {s} is also a class")

    def rules_of(shape: Node, path: URIRef | None) -> list[_Rule]:
        severity = sg.value(shape, SH.severity)
        own: list[_Rule] = []
        for p, o in sg.predicate_objects(shape):
            if not str(p).startswith(sh):
                continue
            name = str(p)[len(sh):]
            if name in _PRECHECK_STRUCTURAL:
                continue
            if name in ("minCount", "maxCount"):
                if path is None:
                    raise _Unsupported(f"{name} on node shape {shape}")
                own.append(_Rule(name, int(o)))
            elif name in ("datatype", "class", "disjoint", "equals", "lessThan", "lessThanOrEquals"):
                if not isinstance(o, URIRef) or (path is None and name != "datatype" and name != "class"):
                    raise _Unsupported(f"{name} {o} on {shape}")
                own.append(_Rule(name, o))
            elif name in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
                bound = _number(o)
                if bound is None:
                    raise _Unsupported(f"non-numeric {name} on {shape}")
                own.append(_Rule(name, bound))
            elif name == "in":
                own.append(_Rule(name, frozenset(Collection(sg, o))))
            elif name == "pattern":
                if sg.value(shape, SH.flags) is not None:
                    raise _Unsupported(f"sh:flags on {shape}")
                text = str(o.value) if isinstance(o, Literal) and o.value is not None and len(str(o.value)) > 1 else str(o)
                own.append(_Rule(name, re.compile(text)))
            elif name == "or":
                members = []
                for m in Collection(sg, o):
                    params = {q for q in sg.predicates(m) if str(q).startswith(sh) and q != SH.message}
                    if params == {SH.datatype}:
                        members.append(("datatype", sg.value(m, SH.datatype)))
                    elif params == {SH["class"]}:
                        members.append(("class", sg.value(m, SH["class"])))
                    else:
                        raise _Unsupported(f"sh:or member of {shape}")
                own.append(_Rule(name, tuple(members)))
            elif name == "sparql":
                own.append(_Rule(name, _sparql_rule(sg, shape, o)))
            else:
                raise _Unsupported(f"sh:{name} on {shape}")
        if severity is not None and severity != SH.Violation:
            return []  # warnings and infos never make a document fail
        return own

    entries: list[_Entry] = []
    targeted = {s for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
                for s in sg.subjects(p, None)}
    for shape in sorted(targeted):
        targets = tuple(sorted((str(p)[len(sh):], o) for p, o in sg.predicate_objects(shape)
                               if p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)))
        path = sg.value(shape, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise _Unsupported(f"complex sh:path on {shape}")
        entries.append(_Entry(targets, path, tuple(rules_of(shape, path))))
        for prop in sg.objects(shape, SH.property):
            ppath = sg.value(prop, SH.path)
            if not isinstance(ppath, URIRef) or sg.value(prop, SH.property) is not None:
                raise _Unsupported(f"property shape {prop}")
            entries.append(_Entry(targets, ppath, tuple(rules_of(prop, ppath))))
    return tuple(e for e in entries if e.rules)


def _sparql_rule(sg: Graph, shape: Node, constraint: Node) -> str:
    """An ASK query true when the SELECT constraint has a solution for one of ``$focus`` (VALUES)."""
    select = sg.value(constraint, SH.select)
    if select is None or sg.value(shape, SH.path) is not None:
        raise _Unsupported(f"sh:sparql of {shape}")
    text = str(select)
    if re.search(r"\$(?!this\b)\w", text):  # $PATH, $currentShape, $shapesGraph ...
        raise _Unsupported(f"pre-bound variable in sh:sparql of {shape}")
    prefixes = []
    for onto in sg.objects(constraint, SH.prefixes):
        for decl in sg.objects(onto, SH.declare):
            prefixes.append(f"PREFIX {sg.value(decl, SH.prefix)}: <{sg.value(decl, SH.namespace)}>")
    inner = re.sub(r"\$this\b", "?this", text)
    return "\n".join(sorted(set(prefixes))) + f"\nASK {{ VALUES ?this {{ $focus }} {{ {inner} }} }}"


@lru_cache(maxsize=1)
def _precheck_rules() -> tuple[_Entry, ...] | None:
    try:
        return _compile_precheck(_cached_shapes())
    except _Unsupported:
        return None


_RDF_TYPE = RDF.type
_SUBCLASS_OF = RDFS.subClassOf


def surely_conforms(graph: Graph, ntriples: bytes | None = None) -> bool:
    """True when pySHACL would find no sh:Violation in ``graph`` (shapes/lic.ttl, no inference).

    False means "not decided here": run :func:`validate_graph` for the report.
    ``ntriples`` is the graph serialized as N-Triples when the caller already
    has it (SPARQL constraints run on an in-memory Oxigraph copy).  Used by
    kg.build for every document; tests/test_validate_precheck.py compares it
    with pySHACL on every shape's violating and conforming cases.
    """
    rules = _precheck_rules()
    if rules is None or type(graph) is not Graph:
        return False
    spo: dict[Node, dict[Node, list[Node]]] = {}
    by_pred: dict[Node, list[tuple[Node, Node]]] = {}
    for s, p, o in graph:
        spo.setdefault(s, {}).setdefault(p, []).append(o)
        by_pred.setdefault(p, []).append((s, o))
    if _SUBCLASS_OF in by_pred:
        return False  # class targets through subclasses: leave them to pySHACL
    instances: dict[Node, list[Node]] = {}
    for s, o in by_pred.get(_RDF_TYPE, ()):
        instances.setdefault(o, []).append(s)
    empty: list = []

    def objects(s: Node, p: Node) -> list[Node]:
        return spo.get(s, {}).get(p, empty)

    def has_type(v: Node, cls: Node) -> bool:
        return not isinstance(v, Literal) and cls in objects(v, _RDF_TYPE)

    sparql: dict[str, set[Node]] = {}
    for entry in rules:
        focus: set[Node] = set()
        for kind, node in entry.targets:
            if kind == "targetClass":
                focus.update(instances.get(node, empty))
            elif kind == "targetNode":
                focus.add(node)
            elif kind == "targetSubjectsOf":
                focus.update(s for s, _ in by_pred.get(node, empty))
            else:
                focus.update(o for _, o in by_pred.get(node, empty))
        for f in focus:
            values = set(objects(f, entry.path)) if entry.path is not None else {f}
            for rule in entry.rules:
                k, arg = rule.kind, rule.arg
                if k == "minCount":
                    ok = len(values) >= arg
                elif k == "maxCount":
                    ok = len(values) <= arg
                elif k == "datatype":
                    ok = all(_datatype_ok(v, arg) for v in values)
                elif k == "class":
                    ok = all(has_type(v, arg) for v in values)
                elif k == "in":
                    ok = all(v in arg for v in values)
                elif k == "pattern":
                    ok = all(not isinstance(v, BNode) and arg.search(_pattern_text(v)) for v in values)
                elif k in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
                    ok = all((x := _number(v)) is not None and _ORDER[k](x, arg) for v in values)
                elif k == "disjoint":
                    ok = not (values & set(objects(f, arg)))
                elif k == "equals":
                    ok = values == set(objects(f, arg))
                elif k in ("lessThan", "lessThanOrEquals"):
                    others = [_number(o) for o in objects(f, arg)]
                    ok = all((x := _number(v)) is not None and all(y is not None and _ORDER[k](x, y) for y in others)
                             for v in values)
                elif k == "or":
                    ok = all(any(_datatype_ok(v, a) if m == "datatype" else has_type(v, a) for m, a in arg)
                             for v in values)
                else:  # sparql: run once below, over all focus nodes
                    if isinstance(f, BNode):
                        return False
                    sparql.setdefault(arg, set()).add(f)
                    ok = True
                if not ok:
                    return False
    return not sparql or not _sparql_finds(graph, sparql, ntriples)


def _sparql_finds(graph: Graph, queries: dict[str, set[Node]], ntriples: bytes | None) -> bool:
    """Whether any SPARQL constraint has a solution (Oxigraph over an in-memory copy of ``graph``)."""
    import pyoxigraph as ox

    from kg.store import to_ox

    store = ox.Store()
    if ntriples is None:
        dg = ox.DefaultGraph()
        store.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), dg) for s, p, o in graph])
    else:
        store.load(ntriples, ox.RdfFormat.N_TRIPLES)
    for query, focus in queries.items():
        values = " ".join(str(to_ox(f)) for f in sorted(focus))
        if store.query(query.replace("$focus", values)):
            return True
    return False


_RESOLUTION_GRAPH = "https://w3id.org/dealgraph/id/resolution"  # kg.resolve.RESOLUTION_GRAPH


def with_sources(result: ValidationResult, store: object) -> ValidationResult:
    """``result`` with each result's ``source``: the input file(s) whose graph states its focus node.

    A focus such as ``doc/sha256-.../filing`` says nothing to a reader; the file
    it was read from does (issue 16).  ``store`` is a kg.store.Store (its
    manifest maps document graphs to files); a node only kg.resolve states is
    "derived by kg.resolve"; a node many files state names the first and a count.
    """
    import dataclasses

    import pyoxigraph as ox

    from kg.resolve._state import sources
    from kg.query import oxigraph_store

    ox_store = oxigraph_store(store)
    files = sources(ox_store)
    cache: dict[str, str | None] = {}

    def source(focus: str) -> str | None:
        if focus not in cache:
            try:
                node = ox.NamedNode(focus)
            except ValueError:  # a blank node focus: no graph lookup by label
                cache[focus] = None
                return None
            graphs = {q.graph_name.value for q in ox_store.quads_for_pattern(node, None, None, None)
                      if isinstance(q.graph_name, ox.NamedNode)}
            paths = sorted({files[g] for g in graphs if g in files})
            if paths:
                cache[focus] = paths[0] + (f" and {len(paths) - 1} more file(s)" if len(paths) > 1 else "")
            else:
                cache[focus] = "derived by kg.resolve" if _RESOLUTION_GRAPH in graphs else None
        return cache[focus]

    return dataclasses.replace(result, violations=[dataclasses.replace(v, source=source(v.focus))
                                                   for v in result.violations])
