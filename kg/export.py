"""Export the deal graph: GEXF 1.3 (Gephi), GraphML, and RDF dumps (Turtle, N-Quads, JSON-LD, TriG).

Network model (GEXF and GraphML)
--------------------------------
Organizations are nodes; **each agreement is an edge** (one per pair of its
parties), so the file is a multigraph.  Why edges and not agreement nodes: the
question people open Gephi with is "who deals with whom", and layouts,
PageRank and communities all want the organization network directly; the
agreement's own attributes (kind, status, date, upfront, total value, exclusive,
licensor/licensee, IRI) ride on its edge, so nothing is lost for the 2-party
deals that make up nearly all disclosures (an n-party settlement becomes its
n(n-1)/2 pair edges, all with the same ``agreement`` IRI).

Nodes carry ``name`` (as GEXF ``label``), ``cik``, ``ticker``, ``exchange``,
``deals``, ``pagerank``, ``betweenness``, ``community`` and ``start`` (date of its
first dated deal); GEXF
adds size by PageRank and colour by community.  Dates drive Gephi's timeline
(``mode="dynamic"``, ``timeformat="date"``): an edge starts at its agreement's
date, a node at its first dated deal, so playing the timeline grows the network.

Attribute rules: one type per attribute name, ``None`` dropped, decimals as
floats, lists joined with "; ", text stripped of characters XML 1.0 forbids.

GEXF is written with lxml against the GEXF 1.3 schema (``gexf.net/1.3``);
networkx 3.6's own 1.3 writer does not validate (wrong XSI namespace, ``name``
on ``<graph>``).  In that schema the viz elements (``<color>``, ``<size>``) are
in the GEXF namespace itself.
"""
from __future__ import annotations

import colorsys
import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
from lxml import etree

from kg import __version__
from kg.analyze import Deal, centrality, load_deals
from kg.errors import ExportError, KgError
from kg.query import oxigraph_store

__all__ = ["FORMATS", "GEXF_NS", "deal_network", "write_gexf", "write_graphml", "export"]

GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
FORMATS = ("gexf", "graphml", "turtle", "nquads", "jsonld", "trig")
_RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD,
                "trig": ox.RdfFormat.TRIG}
_QUAD_FORMATS = {"nquads", "jsonld", "trig"}
_MANIFEST = "https://w3id.org/dealgraph/id/manifest"
# Characters XML 1.0 cannot carry (C0 controls except tab/newline/CR, surrogates, U+FFFE/F)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PREFIXES = {"lic": "https://w3id.org/dealgraph/lic#", "prov": "http://www.w3.org/ns/prov#",
             "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
             "owl": "http://www.w3.org/2002/07/owl#"}


def _clean(value: Any) -> Any:
    """One attribute value by the house rules (None stays None for the caller to drop)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(str(v) for v in value) if isinstance(value, (set, frozenset)) else [str(v) for v in value]
        return _XML_BAD.sub("", "; ".join(items)) or None
    if isinstance(value, str):
        return _XML_BAD.sub("", value)
    return value


def _day(text: str | None) -> str | None:
    """xsd:date or YYYY-MM (first of month) as a valid YYYY-MM-DD, else None."""
    if not text:
        return None
    m = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)).isoformat()
    except ValueError:
        return None


def _deal_money(d: Deal) -> dict[str, Any]:
    """``currency``, ``upfront`` and ``total_value`` in the deal's main currency (USD when stated)."""
    currencies = sorted(set(d.value) | set(d.upfront))
    if not currencies:
        return {}
    cur = "USD" if "USD" in currencies else currencies[0]
    out: dict[str, Any] = {"currency": cur}
    if cur in d.upfront:
        out["upfront"] = float(d.upfront[cur])
    if cur in d.value:
        out["total_value"] = float(d.value[cur])
    others = [f"{c} {format(d.value[c].normalize(), 'f')}" for c in currencies if c != cur and c in d.value]
    if others:
        out["other_values"] = "; ".join(others)
    return out


def deal_network(store: Any) -> nx.MultiGraph:
    """The exported network: organizations as nodes, one edge per agreement and pair of parties.

    Node keys: ``label`` (display name), ``cik``, ``ticker``, ``exchange``,
    ``deals``, ``pagerank``, ``betweenness``, ``community``, ``start`` (first dated deal).  Edge
    keys (edge key = ``id``): ``id``, ``label`` (kind), ``weight`` (1.0),
    ``agreement``, ``kind``, ``status``, ``date``, ``start``, ``exclusive``,
    ``licensor``, ``licensee``, ``currency``, ``upfront``, ``total_value``,
    ``other_values``.  Unknown values are absent, never None.

    Examples
    --------
    >>> M = deal_network(store)  # doctest: +SKIP
    >>> M.edges[a, b, "e0"]["kind"]  # doctest: +SKIP
    'license'
    """
    deals, orgs = load_deals(store)
    M = nx.MultiGraph()
    simple = nx.Graph()
    edge_no = 0
    for d in sorted(deals.values(), key=lambda d: ((_day(d.date) or "9999"), d.iri)):
        parties = sorted(d.parties)
        for p in parties:
            if p not in M:
                info = orgs.get(p, {})
                M.add_node(p, label=_clean(info.get("name") or p.rsplit("/", 1)[-1]), deals=0,
                           **{k: _clean(info[k]) for k in ("cik", "ticker", "exchange") if info.get(k)})
            M.nodes[p]["deals"] += 1
            day = _day(d.date)
            if day and (M.nodes[p].get("start") is None or day < M.nodes[p]["start"]):
                M.nodes[p]["start"] = day
        names = {p: M.nodes[p]["label"] for p in parties}
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                attrs = {"id": f"e{edge_no}", "label": d.kind, "weight": 1.0, "agreement": d.iri, "kind": d.kind,
                         "status": d.status, "date": d.date, "start": _day(d.date), "exclusive": d.exclusive,
                         "licensor": [names[x] for x in sorted(d.licensors) if x in names] or None,
                         "licensee": [names[x] for x in sorted(d.licensees) if x in names] or None,
                         **_deal_money(d)}
                attrs = {k: _clean(v) for k, v in attrs.items() if _clean(v) is not None}
                M.add_edge(a, b, key=attrs["id"], **attrs)
                edge_no += 1
                simple.add_edge(a, b, weight=simple.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    simple.add_nodes_from(M)
    for n, m in centrality(simple).items():
        M.nodes[n].update(pagerank=float(m["pagerank"]), betweenness=float(m["betweenness"]),
                          community=int(m["community"]))
    return M


_GEXF_TYPES = {bool: "boolean", int: "integer", float: "double", str: "string"}
_RESERVED_NODE = {"label", "start"}
_RESERVED_EDGE = {"id", "label", "weight", "start"}


def _declare(items: list[dict[str, Any]], reserved: set[str], what: str) -> dict[str, str]:
    """``name -> GEXF type`` for the attributes present, checking one type per name."""
    types: dict[str, type] = {}
    for attrs in items:
        for k, v in attrs.items():
            if k in reserved:
                continue
            t = type(v)
            if t not in _GEXF_TYPES:
                raise ExportError(f"{what} attribute {k!r} has unsupported type {t.__name__}")
            if types.setdefault(k, t) is not t:
                raise ExportError(f"{what} attribute {k!r} has two types ({types[k].__name__}, {t.__name__})")
    return {k: _GEXF_TYPES[t] for k, t in sorted(types.items())}


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    return str(v)


def _palette(n: int) -> list[tuple[int, int, int]]:
    """n well-separated colours (golden-angle hues), deterministic."""
    out = []
    for i in range(max(n, 1)):
        r, g, b = colorsys.hsv_to_rgb((i * 0.618033988749895) % 1.0, 0.65, 0.9)
        out.append((int(r * 255), int(g * 255), int(b * 255)))
    return out


def write_gexf(M: nx.MultiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``M`` (see :func:`deal_network`) as GEXF 1.3, dynamic, with dates and viz size/colour."""
    nsmap = {None: GEXF_NS, "xsi": XSI_NS}
    root = etree.Element(f"{{{GEXF_NS}}}gexf", nsmap=nsmap, version="1.3")
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd")
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta")  # no date: same store, byte-identical file
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = f"dealgraph {__version__}"
    etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = (
        "Organizations (nodes) and licensing/collaboration agreements (edges) disclosed in SEC filings")
    graph = etree.SubElement(root, f"{{{GEXF_NS}}}graph", defaultedgetype="undirected", mode="dynamic",
                             timeformat="date")
    node_types = _declare([d for _, d in M.nodes(data=True)], _RESERVED_NODE, "node")
    edge_types = _declare([d for *_, d in M.edges(keys=True, data=True)], _RESERVED_EDGE, "edge")
    ids: dict[str, dict[str, str]] = {}
    for cls, types in (("node", node_types), ("edge", edge_types)):
        attrs_el = etree.SubElement(graph, f"{{{GEXF_NS}}}attributes", {"class": cls, "mode": "static"})
        ids[cls] = {}
        for i, (name, t) in enumerate(types.items()):
            ids[cls][name] = str(i)
            etree.SubElement(attrs_el, f"{{{GEXF_NS}}}attribute", id=str(i), title=name, type=t)
    comms = sorted({d.get("community", 0) for _, d in M.nodes(data=True)})
    colours = dict(zip(comms, _palette(len(comms))))
    prs = [d.get("pagerank", 0.0) for _, d in M.nodes(data=True)] or [0.0]
    lo, hi = min(prs), max(prs)
    nodes_el = etree.SubElement(graph, f"{{{GEXF_NS}}}nodes", count=str(M.number_of_nodes()))
    for n, d in M.nodes(data=True):
        el = etree.SubElement(nodes_el, f"{{{GEXF_NS}}}node", id=_clean(str(n)), label=str(d.get("label", n)))
        if d.get("start"):
            el.set("start", d["start"])
        _attvalues(el, d, ids["node"], _RESERVED_NODE)
        r, g, b = colours.get(d.get("community", 0), (128, 128, 128))
        etree.SubElement(el, f"{{{GEXF_NS}}}color", r=str(r), g=str(g), b=str(b))
        scaled = 0.5 if hi == lo else (d.get("pagerank", lo) - lo) / (hi - lo)
        etree.SubElement(el, f"{{{GEXF_NS}}}size", value=f"{5 + 45 * scaled:.3f}")
    edges_el = etree.SubElement(graph, f"{{{GEXF_NS}}}edges", count=str(M.number_of_edges()))
    for a, b, k, d in M.edges(keys=True, data=True):
        el = etree.SubElement(edges_el, f"{{{GEXF_NS}}}edge", id=str(d.get("id", k)), source=_clean(str(a)),
                              target=_clean(str(b)))
        if "label" in d:
            el.set("label", str(d["label"]))
        if "weight" in d:
            el.set("weight", _fmt(float(d["weight"])))
        if d.get("start"):
            el.set("start", d["start"])
        _attvalues(el, d, ids["edge"], _RESERVED_EDGE)
    try:
        etree.ElementTree(root).write(str(path), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    except OSError as e:
        raise ExportError(f"cannot write GEXF: {e.strerror or e}", path=str(path)) from None


def _attvalues(el: etree._Element, d: dict[str, Any], ids: dict[str, str], reserved: set[str]) -> None:
    vals = [(ids[k], _fmt(v)) for k, v in sorted(d.items()) if k not in reserved and k in ids]
    if vals:
        av = etree.SubElement(el, f"{{{GEXF_NS}}}attvalues")
        for key, value in vals:
            etree.SubElement(av, f"{{{GEXF_NS}}}attvalue", {"for": key, "value": value})


def write_graphml(M: nx.MultiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``M`` as GraphML (networkx writer; typed keys, the same attributes as the GEXF)."""
    _declare([d for _, d in M.nodes(data=True)], set(), "node")
    _declare([d for *_, d in M.edges(keys=True, data=True)], set(), "edge")
    try:
        nx.write_graphml(M, str(path), encoding="utf-8", prettyprint=True, named_key_ids=True)
    except OSError as e:
        raise ExportError(f"cannot write GraphML: {e.strerror or e}", path=str(path)) from None


def _dump_rdf(store: Any, fmt: str, out_path: str) -> None:
    if hasattr(store, "dump") and not isinstance(store, ox.Store):
        try:
            store.dump(fmt, out_path, prefixes=_PREFIXES)
            return
        except KgError as e:
            raise ExportError(e.one_line(), path=out_path) from None
    ox_store = oxigraph_store(store)
    quads = [q for q in ox_store.quads_for_pattern(None, None, None, None)
             if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == _MANIFEST)]
    if fmt in _QUAD_FORMATS:
        data: Any = quads
    else:
        data = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    kwargs = {} if fmt == "nquads" else {"prefixes": _PREFIXES}
    try:
        ox.serialize(data, out_path, _RDF_FORMATS[fmt], **kwargs)
    except OSError as e:
        raise ExportError(f"cannot write {fmt}: {e.strerror or e}", path=out_path) from None


def export(store: Any, fmt: str, out_path: str | os.PathLike[str]) -> None:
    """Write the store as ``fmt``: gexf, graphml (the organization/agreement network) or
    turtle, nquads, jsonld, trig (the RDF itself; Turtle is the union of the document graphs).

    Raises :class:`ExportError` for an unknown format or an unwritable path.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out = str(out_path)
    parent = Path(out).parent
    if not parent.is_dir():
        raise ExportError(f"output directory {parent} does not exist", path=out)
    if fmt in _RDF_FORMATS:
        _dump_rdf(store, fmt, out)
        return
    M = deal_network(store)
    if fmt == "gexf":
        write_gexf(M, out)
    else:
        write_graphml(M, out)
