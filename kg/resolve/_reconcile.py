"""Reconciling the single-valued fields of merged nodes, so that a merged store conforms to shapes/lic.ttl.

kg.resolve rewrites the IRIs of one entity stated by several documents to one
canonical IRI.  Each document validated on its own, but two documents may give
a single-valued field (``sh:maxCount 1`` in shapes/lic.ttl) different values:
``lic:status`` "new" in the signing 8-K and "referenced" in a later one, the
signing date in one and the closing date in another.  After the merge the node
would carry both, and a full validation fails.  This module picks one value per
field by a stated rule; the statements of the other values are left out of the
rewritten document graphs (the resolution record of :mod:`kg.resolve._state`
keeps them, so a merge that stops holding gives them back), and every choice is
listed in the build report.

Which fields: every ``sh:path`` with ``sh:maxCount 1`` of a ``sh:targetClass``
shape (:func:`single_valued`), read from shapes/lic.ttl, so a field added there
is reconciled without a change here.  Which nodes: every merged agreement,
payment, person and organization, and any organization IRI that documents give
two CIKs (two companies that share one name).

The rules (a document's *primary rank*: the report of the signing, i.e. a
document stating the agreement's status "new", first; then the earliest filing
date; then the document IRI):

* ``lic:status``: the latest event wins.  The events are the reports of a
  signing, amendment, termination or option exercise; "referenced" (a mention)
  wins only when no document reports an event.  Latest = latest filing date,
  then latest stated agreement date, then document IRI.
* ``lic:date``: the signing date when it is known: the date a document
  reporting the agreement as "new" states; among several, the earliest (a full
  date before a month-only one of the same month).  Without one, the earliest
  stated date.
* every other field (exclusive, term, renewal term, governing law, licensor,
  licensee, territory, title, a payment's description, an organization's CIK,
  ...): the value stated by the most documents; on a tie, the value of the
  document of best primary rank.

When documents disagree on an agreement's status or date, each document's
report becomes a ``lic:AgreementEvent`` (ontology/lic.ttl) in the resolution
graph: ``<agreement> lic:event <agreement>/event/<document id>`` with
``lic:eventStatus``, ``lic:eventDate`` (when stated) and ``lic:reportedIn`` the
document.  So the earlier states stay, each with its document.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable
from urllib.parse import quote

import pyoxigraph as ox

from kg.query import LIC, _py
from kg.xsd_dates import parse_date

from ._facts import View

__all__ = ["Reconciled", "reconcile", "single_valued", "STATUS_RULE", "DATE_RULE", "OTHER_RULE"]

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_STATUS = LIC + "status"
_DATE = LIC + "date"
#: statuses that report a change in the agreement's life (lic:status); "referenced" only mentions it
_EVENTS = frozenset({"new", "amended", "terminated", "option-exercised"})

STATUS_RULE = "status: the latest reported event wins (a mere reference only when no event is reported)"
DATE_RULE = "date: the signing date (stated by the report of the signing), else the earliest"
OTHER_RULE = "the value most documents state, then the signing report's, then the earliest filing's"


@lru_cache(maxsize=1)
def single_valued() -> dict[str, tuple[str, ...]]:
    """Class IRI -> the property IRIs its shape allows once (``sh:maxCount 1``), from shapes/lic.ttl."""
    from rdflib import URIRef
    from rdflib.namespace import SH

    from kg.validate import shared_shapes_graph

    sg = shared_shapes_graph()
    out: dict[str, set[str]] = defaultdict(set)
    for shape, cls in sg.subject_objects(SH.targetClass):
        for ps in sg.objects(shape, SH.property):
            path, most = sg.value(ps, SH.path), sg.value(ps, SH.maxCount)
            if isinstance(path, URIRef) and most is not None and int(most) == 1:
                out[str(cls)].add(str(path))
    return {c: tuple(sorted(ps)) for c, ps in out.items()}


@dataclass
class Reconciled:
    """What :func:`reconcile` decided."""

    #: document graph -> raw statements (quads as the document states them) left out of its rewrite
    drops: dict[ox.NamedNode, set[ox.Quad]] = field(default_factory=dict)
    #: lic:AgreementEvent quads for the resolution graph
    events: set[ox.Quad] = field(default_factory=set)
    #: one line per reconciled field: node, property, kept value and its file, dropped values and theirs, rule
    lines: list[str] = field(default_factory=list)
    #: (raw subject IRI, lic: local name, plain value) of every dropped statement, for the deal table
    dropped: list[tuple[str, str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class _Stmt:
    graph: ox.NamedNode
    quad: ox.Quad
    value: Any  # the object after this run's substitution (an ox term)


def _date_key(value: Any) -> tuple:
    parsed = parse_date(value.value) if isinstance(value, ox.Literal) else None
    return (1, None, True, str(value)) if parsed is None else (0, parsed[0], parsed[1], str(value))


def reconcile(view: View, clusters: Iterable[tuple[str, str, list[str]]], total: dict[str, str],
              filing_date: dict[str, str], source: Callable[[str], str], res_graph: ox.NamedNode) -> Reconciled:
    """Pick one value per single-valued field of each ``(class IRI, canonical IRI, member IRIs)`` cluster.

    ``view``: the documents as extracted (kg.resolve._facts.View); ``total``: raw
    IRI -> canonical IRI (this run's substitution, applied to object values);
    ``filing_date``: document graph -> its filing date; ``source``: document
    graph -> the file it was read from (for the report).
    """
    out = Reconciled()
    sv = single_valued()
    for cls, canon, members in sorted(clusters, key=lambda c: c[1]):
        preds = sv.get(cls, ())
        by_pred: dict[str, list[_Stmt]] = defaultdict(list)
        for m in sorted(set(members) | {canon}):
            node = ox.NamedNode(m)
            for p in preds:
                for q in view.quads(node, ox.NamedNode(p), None):
                    v = q.object
                    if isinstance(v, ox.NamedNode) and v.value in total:
                        v = ox.NamedNode(total[v.value])
                    by_pred[p].append(_Stmt(q.graph_name, q, v))
        if not any(len({s.value for s in stmts}) > 1 for stmts in by_pred.values()):
            continue
        # what each document says of the node's status and date (agreements), for the rules
        doc_status = {s.graph: str(s.value.value) for s in by_pred.get(_STATUS, ()) if isinstance(s.value, ox.Literal)}
        doc_date = {s.graph: s.value for s in by_pred.get(_DATE, ())}

        def primary(g: ox.NamedNode) -> tuple:
            return (doc_status.get(g) != "new", filing_date.get(g.value) or "9999", g.value)

        lifecycle = False
        for p in sorted(by_pred):
            stmts = by_pred[p]
            values = {s.value for s in stmts}
            if len(values) < 2:
                continue
            if p == _STATUS:
                events = [s for s in stmts if isinstance(s.value, ox.Literal) and s.value.value in _EVENTS] or stmts
                win = max(events, key=lambda s: (filing_date.get(s.graph.value) or "",
                                                 _date_key(doc_date[s.graph])[:3] if s.graph in doc_date else (1, None, True),
                                                 s.graph.value)).value
                rule, lifecycle = STATUS_RULE, True
            elif p == _DATE:
                win = min(stmts, key=lambda s: (doc_status.get(s.graph) != "new", _date_key(s.value), s.graph.value)).value
                rule, lifecycle = DATE_RULE, True
            else:
                docs: dict[Any, set[ox.NamedNode]] = defaultdict(set)
                for s in stmts:
                    docs[s.value].add(s.graph)
                win = min(docs, key=lambda v: (-len(docs[v]), min(primary(g) for g in docs[v]), str(v)))
                rule = OTHER_RULE
            kept = sorted({source(s.graph.value) for s in stmts if s.value == win})
            lost = []
            for s in sorted(stmts, key=lambda s: (s.graph.value, str(s.quad))):
                if s.value != win:
                    out.drops.setdefault(s.graph, set()).add(s.quad)
                    out.dropped.append((s.quad.subject.value, p[len(LIC):] if p.startswith(LIC) else p, _py(s.quad.object)))
                    lost.append(f"{_show(s.value)} ({source(s.graph.value)})")
            local = "lic:" + p[len(LIC):] if p.startswith(LIC) else f"<{p}>"
            out.lines.append(f"{canon} {local}: kept {_show(win)} ({', '.join(kept)}); dropped {'; '.join(lost)}; rule: {rule}")
        if lifecycle:
            out.events |= _events(canon, doc_status, doc_date, res_graph)
    return out


def _events(canon: str, doc_status: dict, doc_date: dict, res_graph: ox.NamedNode) -> set[ox.Quad]:
    """One lic:AgreementEvent per document that reports the agreement (its status, date and the document)."""
    quads = set()
    node = ox.NamedNode(canon)
    for g, status in doc_status.items():
        ev = ox.NamedNode(f"{canon}/event/{quote(g.value.split('/doc/', 1)[-1], safe='')}")
        quads.add(ox.Quad(node, ox.NamedNode(LIC + "event"), ev, res_graph))
        quads.add(ox.Quad(ev, RDF_TYPE, ox.NamedNode(LIC + "AgreementEvent"), res_graph))
        quads.add(ox.Quad(ev, ox.NamedNode(LIC + "eventStatus"), ox.Literal(status), res_graph))
        quads.add(ox.Quad(ev, ox.NamedNode(LIC + "reportedIn"), g, res_graph))
        if g in doc_date:
            quads.add(ox.Quad(ev, ox.NamedNode(LIC + "eventDate"), doc_date[g], res_graph))
    return quads


def _show(v: Any) -> str:
    return f"<{v.value}>" if isinstance(v, ox.NamedNode) else repr(v.value) if isinstance(v, ox.Literal) else str(v)
