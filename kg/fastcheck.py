"""Fast full-store validation: ``shapes/lic.ttl`` compiled to SPARQL, run on pyoxigraph.

pySHACL walks a graph node by node in Python (minutes at millions of
triples); here every constraint of every shape becomes one SPARQL SELECT
over all its focus nodes at once, run by Oxigraph, returning the same
``(focus, path, sourceShape, constraintComponent)`` results as pySHACL
(tests/shapes/test_fastcheck.py proves it on a graph with every kind of
violation).  The compilation is generic over the SHACL features the shapes
use (https://www.w3.org/TR/shacl/ sections 2.1 targets, 4 core constraint
components, 5 SPARQL-based constraints):

- targets: ``sh:targetClass`` (with ``rdfs:subClassOf*``), ``sh:targetNode``,
  ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``;
- property shapes with a single-IRI ``sh:path``;
- ``sh:minCount``, ``sh:maxCount``, ``sh:datatype``, ``sh:class``, ``sh:in``,
  ``sh:pattern`` (+ ``sh:flags``), ``sh:minInclusive``/``maxInclusive``/
  ``minExclusive``/``maxExclusive``, ``sh:disjoint``, ``sh:equals``,
  ``sh:lessThan``, ``sh:lessThanOrEquals``, ``sh:or`` of shapes holding only
  ``sh:datatype`` or ``sh:class``, ``sh:sparql`` SELECT constraints;
- ``sh:severity``, ``sh:message``, ``sh:deactivated``.

Any other ``sh:`` parameter raises :class:`kg.errors.ValidationError` at
compile time, so the shapes file stays the single source of truth.
Literal well-formedness for ``sh:datatype`` (``"2001-02-30"^^xsd:date``) is
checked in Python with rdflib, exactly as pySHACL does.

Known difference: Oxigraph stores literals canonically, so a value typed with
a type derived from ``xsd:integer`` (``xsd:long``, ``xsd:int`` ...) is held as
``xsd:integer`` and passes ``sh:datatype xsd:integer`` here while pySHACL, on
the original rdflib graph, rejects it; reported decimal values are in
canonical form ("5" for "5.0").  And rdflib itself rewrites an ill-typed
boolean ("maybe") to "false" when parsing, keeping only a flag that pySHACL
sees and a serialization does not.  dealgraph never writes such literals.
"""
from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph, Dataset
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import ValidationError
from kg.validate import ValidationResult, Violation, shapes_graph

__all__ = ["Check", "compile_shapes", "fast_validate"]

# Parameters that describe a shape or are handled structurally (not constraints).
_STRUCTURAL = {
    SH.path, SH.property, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
    SH.severity, SH.message, SH.deactivated, SH.name, SH.description, SH.order, SH.group, SH.flags,
}
_COMPARE = {  # value-range parameter -> SPARQL operator that must hold
    SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<",
}
_PAIR = {SH.disjoint, SH.equals, SH.lessThan, SH.lessThanOrEquals}
_HANDLED = {SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"], SH.pattern, SH["or"], SH.sparql}
_HANDLED |= set(_COMPARE) | _PAIR
_COMPONENT = {
    SH.minCount: "MinCountConstraintComponent", SH.maxCount: "MaxCountConstraintComponent",
    SH.datatype: "DatatypeConstraintComponent", SH["class"]: "ClassConstraintComponent",
    SH["in"]: "InConstraintComponent", SH.pattern: "PatternConstraintComponent",
    SH["or"]: "OrConstraintComponent", SH.sparql: "SPARQLConstraintComponent",
    SH.minInclusive: "MinInclusiveConstraintComponent", SH.maxInclusive: "MaxInclusiveConstraintComponent",
    SH.minExclusive: "MinExclusiveConstraintComponent", SH.maxExclusive: "MaxExclusiveConstraintComponent",
    SH.disjoint: "DisjointConstraintComponent", SH.equals: "EqualsConstraintComponent",
    SH.lessThan: "LessThanConstraintComponent", SH.lessThanOrEquals: "LessThanOrEqualsConstraintComponent",
}
_NO_WELLFORMED_CHECK = {XSD.string, RDF.langString, RDFS.Literal}


@dataclass
class Check:
    """One compiled constraint: a SELECT yielding ``?this`` (and ``?value``, ``?path``) per result.

    ``wellformed`` lists datatypes whose selected values are violations only
    when rdflib finds them ill-typed (the second half of ``sh:datatype``).
    """

    shape: str
    component: str
    severity: str
    path: str | None
    message: str
    query: str
    wellformed: tuple[str, ...] = field(default_factory=tuple)
    focus_is_value: bool = False  # SPARQL constraint of a node shape: sh:value defaults to $this


def _n3(node: Node) -> str:
    if isinstance(node, BNode):
        raise ValidationError(f"fastcheck: blank node {node} where an IRI or literal is needed in shapes/lic.ttl")
    return node.n3()


def _local(node: Node | None) -> str | None:
    if node is None:
        return None
    return re.split(r"[#/]", str(node))[-1]


def _type_path(subclasses: bool) -> str:
    """``rdf:type/rdfs:subClassOf*`` (SHACL instance-of), or plain ``rdf:type`` when
    the data holds no ``rdfs:subClassOf`` triple (same answers, much faster)."""
    return f"{_n3(RDF.type)}/{_n3(RDFS.subClassOf)}*" if subclasses else _n3(RDF.type)


def _targets(sg: Graph, shape: Node, subclasses: bool = True) -> str | None:
    """SPARQL group binding ``?this`` to the shape's focus nodes (DISTINCT), or None."""
    parts = []
    for c in sg.objects(shape, SH.targetClass):
        parts.append(f"?this {_type_path(subclasses)} {_n3(c)} .")
    for n in sg.objects(shape, SH.targetNode):
        parts.append(f"VALUES ?this {{ {_n3(n)} }}")
    for p in sg.objects(shape, SH.targetSubjectsOf):
        parts.append(f"?this {_n3(p)} [] .")
    for p in sg.objects(shape, SH.targetObjectsOf):
        parts.append(f"[] {_n3(p)} ?this .")
    if not parts:
        return None
    body = " } UNION { ".join(parts)
    return f"{{ SELECT DISTINCT ?this WHERE {{ {{ {body} }} }} }}"


def _prefixes(sg: Graph, constraint: Node) -> str:
    lines = []
    for onto in sg.objects(constraint, SH.prefixes):
        for decl in sg.objects(onto, SH.declare):
            prefix, ns = sg.value(decl, SH.prefix), sg.value(decl, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{ns}>")
    return "\n".join(sorted(set(lines)))


def _message(sg: Graph, shape: Node, default: str) -> str:
    msg = sg.value(shape, SH.message)
    return str(msg) if msg is not None else default


def _or_members(sg: Graph, shape_ref: str, lst: Node) -> tuple[list[URIRef], list[URIRef]]:
    datatypes, classes = [], []
    for member in Collection(sg, lst):
        params = {p for p in sg.predicates(member) if str(p).startswith(str(SH)) and p != SH.message}
        if params == {SH.datatype}:
            datatypes.append(sg.value(member, SH.datatype))
        elif params == {SH["class"]}:
            classes.append(sg.value(member, SH["class"]))
        else:
            raise ValidationError(f"fastcheck: sh:or members of {shape_ref} must hold only sh:datatype or sh:class")
    return datatypes, classes


def _compile_param(sg: Graph, shape: Node, param: URIRef, obj: Node, target: str,
                   path: URIRef | None, severity: str, subclasses: bool = True) -> list[Check]:
    """The Check(s) of one constraint parameter of one shape."""
    ref = str(shape)
    comp = _COMPONENT[param]
    pstr = None if path is None else str(path)

    def check(query: str, msg: str, wellformed: tuple[str, ...] = ()) -> Check:
        return Check(ref, comp, severity, pstr, _message(sg, shape, msg), query, wellformed)

    if param == SH.sparql:
        if sg.value(obj, SH.deactivated) == Literal(True):
            return []
        select = sg.value(obj, SH.select)
        if select is None:
            raise ValidationError(f"fastcheck: sh:sparql of {ref} has no sh:select")
        text = str(select)
        if "$PATH" in text:
            raise ValidationError(f"fastcheck: $PATH in sh:sparql of {ref} is not supported")
        inner = re.sub(r"\$this\b", "?this", text)
        query = f"{_prefixes(sg, obj)}\nSELECT ?this ?path ?value WHERE {{ {target} {{ {inner} }} }}"
        msg = sg.value(obj, SH.message)
        c = check(query, str(msg) if msg is not None else "SPARQL constraint")
        c.focus_is_value = path is None
        return [c]
    if path is None:
        raise ValidationError(f"fastcheck: {_local(param)} on node shape {ref} is not supported")
    p = _n3(path)
    values = f"{target} ?this {p} ?value ."
    if param == SH.minCount:
        n = int(obj)
        if n <= 0:
            return []
        if n == 1:
            q = f"SELECT ?this WHERE {{ {target} FILTER NOT EXISTS {{ ?this {p} ?value }} }}"
        else:
            q = (f"SELECT ?this WHERE {{ {target} OPTIONAL {{ ?this {p} ?value }} }} "
                 f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})")
        return [check(q, f"Less than {n} values on {path}")]
    if param == SH.maxCount:
        n = int(obj)
        q = f"SELECT ?this WHERE {{ {values} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {n})"
        return [check(q, f"More than {n} values on {path}")]
    if param == SH.datatype:
        dt = _n3(obj)
        mismatch = (f"SELECT DISTINCT ?this ?value WHERE {{ {values} "
                    f"FILTER (!isLiteral(?value) || !sameTerm(datatype(?value), {dt})) }}")
        out = [check(mismatch, f"Value is not Literal with datatype {obj}")]
        if obj not in _NO_WELLFORMED_CHECK and _rdflib_checks(str(obj)):
            typed = (f"SELECT DISTINCT ?this ?value WHERE {{ {values} "
                     f"FILTER (isLiteral(?value) && sameTerm(datatype(?value), {dt})) }}")
            out.append(check(typed, f"Value is not a well-formed {obj}", (str(obj),)))
        return out
    if param == SH["class"]:
        # MINUS against the typed nodes computed once (a hash anti-join), not NOT EXISTS per
        # row: the union of document graphs is a bag, so an organization typed in K
        # documents costs K lookups per row that names it (K = 11,000 at 100k deals).
        q = (f"SELECT DISTINCT ?this ?value WHERE {{ {values} MINUS "
             f"{{ SELECT DISTINCT ?value WHERE {{ ?value {_type_path(subclasses)} {_n3(obj)} }} }} }}")
        return [check(q, f"Value does not have class {obj}")]
    if param == SH["in"]:
        allowed = list(Collection(sg, obj))
        cond = " || ".join(f"sameTerm(?value, {_n3(a)})" for a in allowed) or "false"
        q = f"SELECT DISTINCT ?this ?value WHERE {{ {values} FILTER (!({cond})) }}"
        return [check(q, "Value not in the allowed list")]
    if param == SH.pattern:
        flags = sg.value(shape, SH.flags)
        fl = f", {_n3(Literal(str(flags)))}" if flags is not None else ""
        q = (f"SELECT DISTINCT ?this ?value WHERE {{ {values} "
             f"FILTER (isBlank(?value) || !REGEX(STR(?value), {_n3(Literal(str(obj)))}{fl})) }}")
        return [check(q, f"Value does not match pattern {obj}")]
    if param in _COMPARE:
        op = _COMPARE[param]
        q = (f"SELECT DISTINCT ?this ?value WHERE {{ {values} "
             f"FILTER (!COALESCE(?value {op} {_n3(obj)}, false)) }}")
        return [check(q, f"Value is not {op} {obj}")]
    if param in _PAIR:
        other = _n3(obj)
        if param == SH.disjoint:
            q = f"SELECT DISTINCT ?this ?value WHERE {{ {values} ?this {other} ?value . }}"
        elif param == SH.equals:
            q = (f"SELECT DISTINCT ?this ?value WHERE {{ {{ {values} FILTER NOT EXISTS {{ ?this {other} ?value }} }} "
                 f"UNION {{ {target} ?this {other} ?value . FILTER NOT EXISTS {{ ?this {p} ?value }} }} }}")
        else:
            op = "<" if param == SH.lessThan else "<="
            q = (f"SELECT DISTINCT ?this ?value WHERE {{ {values} ?this {other} ?other . "
                 f"FILTER (!COALESCE(?value {op} ?other, false)) }}")
        return [check(q, f"Value fails {_local(param)} {obj}")]
    if param == SH["or"]:
        datatypes, classes = _or_members(sg, ref, obj)
        conds = [f"(isLiteral(?value) && sameTerm(datatype(?value), {_n3(d)}))" for d in datatypes]
        conds += [f"EXISTS {{ ?value {_type_path(subclasses)} {_n3(c)} }}" for c in classes]
        q = f"SELECT DISTINCT ?this ?value WHERE {{ {values} FILTER (!({' || '.join(conds) or 'false'})) }}"
        out = [check(q, "Value does not conform to any shape of sh:or")]
        checked = [d for d in datatypes if d not in _NO_WELLFORMED_CHECK and _rdflib_checks(str(d))]
        if checked:
            dts = " || ".join(f"sameTerm(datatype(?value), {_n3(d)})" for d in checked)
            typed = f"SELECT DISTINCT ?this ?value WHERE {{ {values} FILTER (isLiteral(?value) && ({dts})) }}"
            out.append(check(typed, "Value does not conform to any shape of sh:or", tuple(map(str, checked))))
        return out
    raise ValidationError(f"fastcheck: cannot compile {param} on {ref}")  # pragma: no cover


def _compile_shape(sg: Graph, shape: Node, target: str, severity: str, subclasses: bool = True) -> list[Check]:
    """Checks of one shape (and, for a node shape, of its property shapes)."""
    if sg.value(shape, SH.deactivated) == Literal(True):
        return []
    if isinstance(shape, BNode):
        raise ValidationError("fastcheck: every shape in shapes/lic.ttl needs an IRI (results name their shape)")
    severity = _local(sg.value(shape, SH.severity)) or severity
    path = sg.value(shape, SH.path)
    if path is not None and not isinstance(path, URIRef):
        raise ValidationError(f"fastcheck: only single-IRI sh:path is supported ({shape})")
    checks: list[Check] = []
    for param, obj in sorted(sg.predicate_objects(shape)):
        if not str(param).startswith(str(SH)) or param in _STRUCTURAL or param == RDF.type:
            continue
        if param not in _HANDLED:
            raise ValidationError(f"fastcheck: cannot compile {param} on {shape}; extend kg/fastcheck.py")
        checks += _compile_param(sg, shape, param, obj, target, path, severity, subclasses)
    for prop in sg.objects(shape, SH.property):
        checks += _compile_shape(sg, prop, target, "Violation", subclasses)
    return checks


def compile_shapes(sg: Graph | None = None, *, subclasses: bool = True) -> list[Check]:
    """Every constraint of every targeted shape of ``sg`` (default: shapes/lic.ttl) as a Check.

    ``subclasses=False`` compiles class membership as plain ``rdf:type``, valid
    for data without ``rdfs:subClassOf`` triples.
    """
    sg = shapes_graph() if sg is None else sg
    targeted = {s for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
                for s in sg.subjects(p, None)}
    checks = []
    for shape in sorted(targeted):
        target = _targets(sg, shape, subclasses)
        checks += _compile_shape(sg, shape, target, "Violation", subclasses)
    return checks


@lru_cache(maxsize=2)
def _default_checks(subclasses: bool = True) -> tuple[Check, ...]:
    return tuple(compile_shapes(subclasses=subclasses))


def _to_store(data) -> ox.Store:
    """A pyoxigraph Store holding ``data`` (a Store, a kg.store.Store, or rdflib graphs)."""
    if isinstance(data, ox.Store):
        return data
    inner = getattr(data, "ox", None)
    if isinstance(inner, ox.Store):
        return inner
    if isinstance(data, Graph):
        store = ox.Store()
        fmt = "nquads" if isinstance(data, (Dataset, ConjunctiveGraph)) else "nt"
        payload = data.serialize(format=fmt, encoding="utf-8")
        store.bulk_load(payload, format=ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.N_TRIPLES)
        return store
    raise ValidationError(f"fastcheck: cannot validate a {type(data).__name__}")


def _rdflib_term(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    return Literal(term.value) if dt == str(XSD.string) else Literal(term.value, datatype=URIRef(dt))


# Python value type rdflib must produce for a well-formed literal (pySHACL's
# DatatypeConstraintComponent table; other datatypes pass once rdflib parses them).
_PY_TYPES = {
    XSD.integer: int, XSD.float: float, XSD.decimal: Decimal, XSD.boolean: bool,
    XSD.date: date, XSD.time: time, XSD.dateTime: datetime,
}


# Lexical forms rdflib always parses to the right Python type (fast path that
# skips building an rdflib Literal for the common, valid case).
_SURELY_WELL_FORMED = {
    str(XSD.integer): re.compile(r"^[+-]?[0-9]+$"),
    str(XSD.decimal): re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$"),
    str(XSD.boolean): re.compile(r"^(?:true|false)$"),
}
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _surely_well_formed(lexical: str, datatype: str) -> bool:
    fast = _SURELY_WELL_FORMED.get(datatype)
    if fast is not None:
        return fast.match(lexical) is not None
    if datatype == str(XSD.date) and _DATE_RE.match(lexical):
        try:
            date.fromisoformat(lexical)
            return True
        except ValueError:
            return False
    return False


@lru_cache(maxsize=None)
def _rdflib_checks(datatype: str) -> bool:
    """Whether rdflib can find a literal of ``datatype`` ill-typed at all (it has a parser for it)."""
    log = logging.getLogger("rdflib.term")
    level = log.level
    log.setLevel(logging.CRITICAL)  # the probe is meant to fail; do not log it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            probe = Literal("not a value", datatype=URIRef(datatype))
    finally:
        log.setLevel(level)
    return probe.ill_typed is not None or URIRef(datatype) in _PY_TYPES


def _ill_typed(lit: Literal) -> bool:
    """pySHACL's well-formedness test for a literal of the right datatype (rdflib's parse)."""
    if getattr(lit, "ill_typed", None) is True:
        return True
    py = _PY_TYPES.get(lit.datatype)
    return py is not None and not isinstance(lit.value, py)


def _fmt(template: str, row: dict) -> str:
    def sub(m: re.Match) -> str:
        v = row.get(m.group(1))
        return str(v) if v is not None else m.group(0)
    return re.sub(r"\{[?$](\w+)\}", sub, template)


def fast_validate(store_or_graph, shapes: Graph | None = None) -> ValidationResult:
    """Validate a whole store (pyoxigraph, :class:`kg.store.Store`) or rdflib graph/dataset.

    All named graphs are validated as their union.  Results and ``conforms``
    follow :func:`kg.validate.validate_graph`.  ``shapes`` replaces
    ``shapes/lic.ttl`` (for tests of the compiler).
    """
    store = _to_store(store_or_graph)
    subclasses = bool(store.query(f"ASK {{ ?a {_n3(RDFS.subClassOf)} ?b }}", use_default_graph_as_union=True))
    checks = _default_checks(subclasses) if shapes is None else tuple(compile_shapes(shapes, subclasses=subclasses))
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.CRITICAL)  # ill-typed literals are results here, not log noise
    try:
        found = _run_checks(store, checks)
    finally:
        term_log.setLevel(level)
    violations = sorted(found)
    return ValidationResult(conforms=not any(v.severity == "Violation" for v in violations), violations=violations)


def _run_checks(store: ox.Store, checks: tuple[Check, ...]) -> set[Violation]:
    found: set[Violation] = set()
    for c in checks:
        try:
            rows = store.query(c.query, use_default_graph_as_union=True)
        except (SyntaxError, OSError, ValueError) as exc:
            raise ValidationError(f"fastcheck query for {c.shape} failed: {exc}") from exc
        names = [v.value for v in rows.variables]
        for sol in rows:
            if c.wellformed:
                v = sol["value"]
                if isinstance(v, ox.Literal) and _surely_well_formed(v.value, v.datatype.value):
                    continue
            row = {n: sol[n] for n in names}
            this = row.get("this")
            if this is None:
                continue
            value = row.get("value")
            if value is None and c.focus_is_value:
                value = this
            value_term = _rdflib_term(value) if value is not None else None
            if c.wellformed:
                if not isinstance(value_term, Literal) or not _ill_typed(value_term):
                    continue
            path = row.get("path")
            focus = _rdflib_term(this)
            fmt_row = {"this": focus, "value": value_term, "path": _rdflib_term(path) if path else None}
            found.add(Violation(
                focus=str(focus),
                path=str(path.value) if path is not None else c.path,
                message=_fmt(c.message, fmt_row),
                severity=c.severity,
                shape=c.shape,
                component=c.component,
                value=value_term.n3() if value_term is not None else None,
            ))
    return found
