"""Fast full-store validation: ``shapes/lic.ttl`` compiled to SPARQL, run on pyoxigraph.

pySHACL walks a graph node by node in Python (minutes at millions of
triples); here every constraint of every shape becomes one SPARQL SELECT
over all its focus nodes at once, run by Oxigraph, returning the same
``(focus, path, sourceShape, constraintComponent)`` results as pySHACL
(tests/shapes/test_fastcheck.py proves it on a graph with every kind of
violation, tests/test_fastcheck_scale.py on restated nodes and edge literals).

Scale (a store's default graph is the bag union of ~1 graph per document, a
shared organization restated in thousands): each query first finds candidate
(?this, ?value) pairs by scanning the path's triples -- a filter, a hash
anti-join (MINUS) or a hash join of subqueries -- and only then tests the few
candidates against the shape's targets; value conditions of one property
shape share one scan; sh:maxCount is skipped when the path has as many
triples as subjects; queries run in 2 threads (pyoxigraph releases the GIL).
The compilation is generic over the SHACL features the shapes
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
from concurrent.futures import ThreadPoolExecutor
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
    flag: str | None = None  # the query is shared; this check's rows have ?<flag> true
    skip_if: str | None = None  # a cheap query whose ?skip true proves there is no result


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


def _targets(sg: Graph, shape: Node, subclasses: bool = True) -> tuple[str, str] | None:
    """The shape's focus nodes (SHACL 2.1.3) as two SPARQL groups, or None when untargeted.

    First: a ``SELECT DISTINCT ?this`` enumerating them (for sh:minCount, which
    must look at every focus node).  Second: a test for an already bound
    ``?this``, joined *after* a constraint has found its few candidate values
    (Oxigraph joins in written order: scanning the target first and looking
    each focus node up again per constraint costs a lookup per focus node per
    constraint, multiplied by the documents restating it).
    """
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
    return f"{{ SELECT DISTINCT ?this WHERE {{ {{ {body} }} }} }}", f"{{ {body} }}"


def _then_target(candidates: str, test: str, out: str = "?this ?value") -> str:
    """``candidates`` (a pattern over the whole store binding ?this ?value) deduplicated
    first, then kept when ?this is a focus node of the shape."""
    return (f"SELECT DISTINCT {out} WHERE {{ {{ SELECT DISTINCT {out} WHERE {{ {candidates} }} }} "
            f"{test} }}")


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


def _compile_param(sg: Graph, shape: Node, param: URIRef, obj: Node, target: tuple[str, str],
                   path: URIRef | None, severity: str, subclasses: bool = True) -> list[Check]:
    """The Check(s) of one constraint parameter of one shape.

    Every query but sh:minCount finds its candidate (?this, ?value) pairs by
    scanning the path's triples once, then keeps those whose ?this is a focus
    node (:func:`_then_target`).
    """
    ref = str(shape)
    comp = _COMPONENT[param]
    pstr = None if path is None else str(path)
    enum, test = target

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
        # a join of two groups is evaluated bottom-up (SPARQL 1.1 section 18.5), so the
        # constraint's own SELECT first, then the target test, gives the same rows
        query = f"{_prefixes(sg, obj)}\nSELECT ?this ?path ?value WHERE {{ {{ {inner} }} {test} }}"
        msg = sg.value(obj, SH.message)
        c = check(query, str(msg) if msg is not None else "SPARQL constraint")
        c.focus_is_value = path is None
        return [c]
    if path is None:
        raise ValidationError(f"fastcheck: {_local(param)} on node shape {ref} is not supported")
    p = _n3(path)
    values = f"?this {p} ?value ."

    def bad(cond: str) -> str:
        return _VALUE + cond  # merged per property shape by _merge_value_checks

    if param == SH.minCount:
        n = int(obj)
        if n <= 0:
            return []
        if n == 1:  # MINUS: one hash anti-join against the path's subjects
            q = f"SELECT DISTINCT ?this WHERE {{ {test} MINUS {{ ?this {p} [] }} }}"
        else:
            q = (f"SELECT ?this WHERE {{ {enum} OPTIONAL {{ ?this {p} ?value }} }} "
                 f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})")
        return [check(q, f"Less than {n} values on {path}")]
    if param == SH.maxCount:
        n = int(obj)
        q = (f"SELECT DISTINCT ?this WHERE {{ {{ SELECT ?this WHERE {{ {values} }} GROUP BY ?this "
             f"HAVING (COUNT(DISTINCT ?value) > {n}) }} {test} }}")
        c = check(q, f"More than {n} values on {path}")
        if n >= 1:  # as many triples as subjects: one value each, nothing to group
            c.skip_if = f"SELECT ((COUNT(*) = COUNT(DISTINCT ?this)) AS ?skip) WHERE {{ {values} }}"
        return [c]
    if param == SH.datatype:
        dt = _n3(obj)
        out = [check(bad(f"COALESCE(!sameTerm(datatype(?value), {dt}), true)"),
                     f"Value is not Literal with datatype {obj}")]
        if obj not in _NO_WELLFORMED_CHECK and _rdflib_checks(str(obj)):
            typed = bad(f"COALESCE(sameTerm(datatype(?value), {dt}), false) && !({_sure(obj)})")
            out.append(check(typed, f"Value is not a well-formed {obj}", (str(obj),)))
        return out
    if param == SH["class"]:
        # MINUS against the typed nodes (a hash anti-join), not NOT EXISTS per row: the
        # union of document graphs is a bag, so an organization typed in K documents
        # costs K lookups per row that names it (K = 11,000 at 100k deals).
        q = _then_target(f"{values} MINUS {{ ?value {_type_path(subclasses)} {_n3(obj)} }}", test)
        return [check(q, f"Value does not have class {obj}")]
    if param == SH["in"]:
        # MINUS (term identity, as sameTerm): one hash anti-join, ~10x an OR of sameTerm tests
        allowed = " ".join(_n3(a) for a in Collection(sg, obj))
        return [check(_then_target(f"{values} MINUS {{ VALUES ?value {{ {allowed} }} }}", test),
                      "Value not in the allowed list")]
    if param == SH.pattern:
        flags = sg.value(shape, SH.flags)
        fl = f", {_n3(Literal(str(flags)))}" if flags is not None else ""
        cond = f"COALESCE(!REGEX(STR(?value), {_n3(Literal(str(obj)))}{fl}), true)"  # STR(blank node): error
        return [check(bad(cond), f"Value does not match pattern {obj}")]
    if param in _COMPARE:
        op = _COMPARE[param]
        return [check(bad(f"!COALESCE(?value {op} {_n3(obj)}, false)"), f"Value is not {op} {obj}")]
    if param in _PAIR:
        # each side in its own subquery: Oxigraph hash-joins them instead of one lookup per row
        other = _n3(obj)
        mine = f"{{ SELECT ?this ?value WHERE {{ {values} }} }}"
        if param == SH.disjoint:
            q = _then_target(f"{mine} {{ SELECT ?this ?value WHERE {{ ?this {other} ?value }} }}", test)
        elif param == SH.equals:
            q = _then_target(f"{{ {values} MINUS {{ ?this {other} ?value }} }} "
                             f"UNION {{ ?this {other} ?value . MINUS {{ {values} }} }}", test)
        else:
            op = "<" if param == SH.lessThan else "<="
            q = _then_target(f"{mine} {{ SELECT ?this ?other WHERE {{ ?this {other} ?other }} }} "
                             f"FILTER (!COALESCE(?value {op} ?other, false))", test)
        return [check(q, f"Value fails {_local(param)} {obj}")]
    if param == SH["or"]:
        datatypes, classes = _or_members(sg, ref, obj)
        dt_ok = f"COALESCE(datatype(?value) IN ({', '.join(_n3(d) for d in datatypes)}), false)" if datatypes else ""
        if classes:
            # class members as ONE hash anti-join (MINUS) against the typed nodes, as sh:class does: an
            # EXISTS per row looks up every document restating the node's type (lic:party of the 10k
            # bench: fastcheck 1.0 -> 1.6 s when Agreement-party became Organization-or-Person)
            typed = " UNION ".join(f"{{ ?value {_type_path(subclasses)} {_n3(c)} }}" for c in classes)
            cand = f"{values} " + (f"FILTER (!{dt_ok}) " if dt_ok else "") + f"MINUS {{ {typed} }}"
            out = [check(_then_target(cand, test), "Value does not conform to any shape of sh:or")]
        else:
            out = [check(bad(f"!({dt_ok or 'false'})"), "Value does not conform to any shape of sh:or")]
        checked = [d for d in datatypes if d not in _NO_WELLFORMED_CHECK and _rdflib_checks(str(d))]
        if checked:
            typed = bad(" || ".join(f"(COALESCE(sameTerm(datatype(?value), {_n3(d)}), false) && !({_sure(d)}))"
                                    for d in checked))
            out.append(check(typed, "Value does not conform to any shape of sh:or", tuple(map(str, checked))))
        return out
    raise ValidationError(f"fastcheck: cannot compile {param} on {ref}")  # pragma: no cover


def _compile_shape(sg: Graph, shape: Node, target: tuple[str, str], severity: str,
                   subclasses: bool = True) -> list[Check]:
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
    if path is not None:
        _merge_value_checks(checks, _n3(path), target[1])
    for prop in sg.objects(shape, SH.property):
        checks += _compile_shape(sg, prop, target, "Violation", subclasses)
    return checks


_VALUE = "#value-condition "  # marks a Check whose query is still a bare condition on ?value


def _merge_value_checks(checks: list[Check], p: str, test: str) -> None:
    """One query for every value condition of a property shape: the path's triples
    are scanned (and long strings read) once; ``?cI`` says which conditions fail."""
    conds = [c for c in checks if c.query.startswith(_VALUE)]
    if not conds:
        return
    flags = [f"c{i}" for i in range(len(conds))]
    exprs = [f"COALESCE({c.query[len(_VALUE):]}, false)" for c in conds]
    if len(conds) == 1:
        conds[0].query = _then_target(f"?this {p} ?value . FILTER ({exprs[0]})", test)
        return
    # the disjunction filters every triple; the flags are computed for the few rows it keeps
    binds = " ".join(f"BIND ({e} AS ?{f})" for e, f in zip(exprs, flags))
    inner = _then_target(f"?this {p} ?value . FILTER ({' || '.join(exprs)})", test)
    q = f"SELECT ?this ?value {' '.join('?' + f for f in flags)} WHERE {{ {{ {inner} }} {binds} }}"
    for c, f in zip(conds, flags):
        c.query, c.flag = q, f


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


# The same, as SPARQL conditions on ?value, so that well-formed typed literals
# (nearly all) never leave Oxigraph.  For xsd:date Oxigraph's own parse
# (DAY() errors on "2001-02-30") rejects impossible dates; year 0000 and
# years of 5+ digits, which Oxigraph accepts and rdflib does not, fail the regex.
_SURE_SPARQL = {
    str(XSD.integer): 'REGEX(STR(?value), "^[+-]?[0-9]+$")',
    str(XSD.decimal): 'REGEX(STR(?value), "^[+-]?(?:[0-9]+(?:[.][0-9]*)?|[.][0-9]+)$")',
    str(XSD.boolean): 'REGEX(STR(?value), "^(?:true|false)$")',
    str(XSD.date): ('REGEX(STR(?value), "^[0-9]{4}-[0-9]{2}-[0-9]{2}$") && !STRSTARTS(STR(?value), "0000") '
                    '&& COALESCE(DAY(?value) > 0, false)'),
    str(XSD.duration): 'REGEX(STR(?value), "^P(?:[0-9]+Y(?:[0-9]+M)?(?:[0-9]+D)?|[0-9]+M(?:[0-9]+D)?|[0-9]+D)$")',
}


def _sure(datatype: Node) -> str:
    """SPARQL condition: ?value (of ``datatype``) is surely well-formed for rdflib ("false": ask rdflib)."""
    return _SURE_SPARQL.get(str(datatype), "false")


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


def _solutions(store: ox.Store, query: str, shape: str) -> list[dict]:
    try:
        rows = store.query(query, use_default_graph_as_union=True)
        names = [v.value for v in rows.variables]
        return [{n: sol[n] for n in names} for sol in rows]
    except (SyntaxError, OSError, ValueError) as exc:
        raise ValidationError(f"fastcheck query for {shape} failed: {exc}") from exc


def _run_group(store: ox.Store, group: list[Check]) -> list[tuple[Check, dict]]:
    """Run one query shared by ``group`` (after its skip_if proof, if any); rows per check."""
    first = group[0]
    if first.skip_if is not None:
        proof = _solutions(store, first.skip_if, first.shape)
        if proof and proof[0].get("skip") is not None and proof[0]["skip"].value == "true":
            return []
    out = []
    for row in _solutions(store, first.query, first.shape):
        for c in group:
            if c.flag is None or (row.get(c.flag) is not None and row[c.flag].value == "true"):
                out.append((c, row))
    return out


def _run_checks(store: ox.Store, checks: tuple[Check, ...], threads: int = 2) -> set[Violation]:
    """Every distinct query once; in ``threads`` threads (pyoxigraph releases the GIL while it evaluates)."""
    groups: dict[str, list[Check]] = {}
    for c in checks:
        groups.setdefault(c.query, []).append(c)
    if threads > 1 and len(groups) > 1:
        with ThreadPoolExecutor(threads) as pool:
            batches = list(pool.map(lambda g: _run_group(store, g), groups.values()))
    else:
        batches = [_run_group(store, g) for g in groups.values()]
    found: set[Violation] = set()
    for batch in batches:
        for c, row in batch:
            v = _violation(c, row)
            if v is not None:
                found.add(v)
    return found


def _violation(c: Check, row: dict) -> Violation | None:
    """The SHACL result of one solution of ``c`` (None: a well-formed typed literal)."""
    this = row.get("this")
    if this is None:
        return None
    value = row.get("value")
    if c.wellformed and isinstance(value, ox.Literal) and _surely_well_formed(value.value, value.datatype.value):
        return None
    if value is None and c.focus_is_value:
        value = this
    value_term = _rdflib_term(value) if value is not None else None
    if c.wellformed and (not isinstance(value_term, Literal) or not _ill_typed(value_term)):
        return None
    path = row.get("path")
    focus = _rdflib_term(this)
    fmt_row = {"this": focus, "value": value_term, "path": _rdflib_term(path) if path else None}
    return Violation(
        focus=str(focus),
        path=str(path.value) if path is not None else c.path,
        message=_fmt(c.message, fmt_row),
        severity=c.severity,
        shape=c.shape,
        component=c.component,
        value=value_term.n3() if value_term is not None else None,
    )
