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

GEXF follows the GEXF 1.3 schema (``gexf.net/1.3``); networkx 3.6's own 1.3
writer does not validate (wrong XSI namespace, ``name`` on ``<graph>``).  In that
schema the viz elements (``<color>``, ``<size>``) are in the GEXF namespace itself.
Both files are streamed as text, element by element, in the exact bytes of an
lxml ``pretty_print`` tree (GEXF) and of ``networkx.write_graphml`` (GraphML):
memory does not grow with the file (tests/test_export_stream.py compares them).
"""
from __future__ import annotations

import colorsys
import os
import re
from itertools import repeat
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg import __version__
from kg.xsd_dates import iso_day
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
    ``other_values``.  Unknown values are absent, never None.  Edges are numbered
    ``e0, e1, ...`` by (date, agreement IRI); metrics come from
    :func:`kg.analyze.centrality` on the weighted simple graph of the same pairs.

    Examples
    --------
    >>> M = deal_network(store)  # doctest: +SKIP
    >>> M.edges[a, b, "e0"]["kind"]  # doctest: +SKIP
    'license'
    """
    deals, orgs = load_deals(store)
    nodes: dict[str, dict[str, Any]] = {}  # first appearance order, as the edges see them
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    pairs: dict[tuple[str, str], int] = {}  # shared agreements per pair, first appearance order
    texts: dict[str, str] = {}  # _clean of repeated strings (kinds, statuses, dates, currencies)

    def text(v: Any) -> Any:
        if type(v) is not str:
            return v if v is None or type(v) in (float, bool) else _clean(v)
        c = texts.get(v)
        if c is None:
            c = texts[v] = _XML_BAD.sub("", v)
        return c

    dated = sorted(((iso_day(d.date), d) for d in deals.values()), key=lambda t: (t[0] or "9999", t[1].iri))
    del deals
    for day, d in dated:
        parties = sorted(d.parties)
        for p in parties:
            node = nodes.get(p)
            if node is None:
                info = orgs.get(p, {})
                node = nodes[p] = {"label": _clean(info.get("name") or p.rsplit("/", 1)[-1]), "deals": 0,
                                   **{k: _clean(info[k]) for k in ("cik", "ticker", "exchange") if info.get(k)}}
            node["deals"] += 1
            if day and (node.get("start") is None or day < node["start"]):
                node["start"] = day
        if len(parties) < 2:
            continue
        names = {p: nodes[p]["label"] for p in parties}
        # the edge attributes in a fixed order, unknown (None) values left out
        kind = text(d.kind)
        common: dict[str, Any] = {} if kind is None else {"label": kind}
        common["weight"] = 1.0
        for k, v in (("agreement", _XML_BAD.sub("", d.iri)), ("kind", kind), ("status", text(d.status)),
                     ("date", text(d.date)), ("start", day), ("exclusive", text(d.exclusive)),
                     # names are clean already: _clean(list) is the join
                     ("licensor", "; ".join([names[x] for x in sorted(d.licensors) if x in names]) or None),
                     ("licensee", "; ".join([names[x] for x in sorted(d.licensees) if x in names]) or None)):
            if v is not None:
                common[k] = v
        if d.value or d.upfront:
            for k, v in _deal_money(d).items():
                common[k] = text(v)
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                key = f"e{len(edges)}"
                edges.append((a, b, key, {"id": key, **common}))
                pairs[a, b] = pairs.get((a, b), 0) + 1
    del dated
    M = nx.MultiGraph()
    M.add_nodes_from(nodes.items())
    M.add_edges_from(edges)
    del edges
    simple = nx.Graph()
    simple.add_edges_from((a, b, {"weight": w}) for (a, b), w in pairs.items())
    simple.add_nodes_from(M)
    for n, m in centrality(simple).items():
        M.nodes[n].update(pagerank=float(m["pagerank"]), betweenness=float(m["betweenness"]),
                          community=int(m["community"]))
    return M


_GEXF_TYPES = {bool: "boolean", int: "integer", float: "double", str: "string"}
_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}  # networkx's names
_RESERVED_NODE = {"label", "start"}
_RESERVED_EDGE = {"id", "label", "weight", "start"}


def _types(items: Any, reserved: set[str], what: str) -> dict[str, type]:
    """``name -> Python type`` of the attributes present, in first-seen order, checking one type per name."""
    seen: dict[tuple[str, type], None] = {}
    for attrs in items:  # (name, type) pairs in first-seen order, gathered at C speed
        seen.update(zip(zip(attrs, map(type, attrs.values())), repeat(None)))
    types: dict[str, type] = {}
    for k, t in seen:
        if k in reserved:
            continue
        if t not in _GEXF_TYPES:
            raise ExportError(f"{what} attribute {k!r} has unsupported type {t.__name__}")
        if k in types:
            raise ExportError(f"{what} attribute {k!r} has two types ({types[k].__name__}, {t.__name__})")
        types[k] = t
    return types


def _declare(items: Any, reserved: set[str], what: str) -> dict[str, str]:
    """``name -> GEXF type`` for the attributes present, checking one type per name."""
    return {k: _GEXF_TYPES[t] for k, t in sorted(_types(items, reserved, what).items())}


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


# Streamed XML.  The files are written as text, element by element (no tree in memory),
# escaped the way libxml2 serializes (lxml's pretty_print output, byte for byte; tested):
# attribute values escape & < > " and tab/newline/CR as character references, text escapes
# & < > and CR.  Characters XML 1.0 cannot carry are dropped (house rule, see _clean).
_ATTR_SPECIAL = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_ESC = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
_TEXT_ESC = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}


def _attr(text: str) -> str:
    """``text`` escaped for a double-quoted XML attribute value."""
    if _ATTR_SPECIAL.search(text) is None:
        return text
    return _ATTR_SPECIAL.sub(lambda m: _ATTR_ESC.get(m.group(), ""), text)


def _text(text: str) -> str:
    """``text`` escaped as XML character data."""
    if _TEXT_SPECIAL.search(text) is None:
        return text
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESC.get(m.group(), ""), text)


class _Out:
    """Buffered UTF-8 text output that reports write failures as :class:`ExportError`."""

    def __init__(self, path: str | os.PathLike[str], what: str):
        self.path, self.what, self.parts = str(path), what, []
        try:
            self.fh = open(self.path, "w", encoding="utf-8", newline="\n")
        except OSError as e:
            raise ExportError(f"cannot write {what}: {e.strerror or e}", path=self.path) from None

    def add(self, text: str) -> None:
        self.parts.append(text)
        if len(self.parts) >= 20_000:
            self.flush()

    def flush(self) -> None:
        try:
            self.fh.write("".join(self.parts))
        except OSError as e:
            self.fh.close()
            raise ExportError(f"cannot write {self.what}: {e.strerror or e}", path=self.path) from None
        self.parts = []

    def close(self) -> None:
        self.flush()
        try:
            self.fh.close()
        except OSError as e:
            raise ExportError(f"cannot write {self.what}: {e.strerror or e}", path=self.path) from None


def write_gexf(M: nx.MultiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``M`` (see :func:`deal_network`) as GEXF 1.3, dynamic, with dates and viz size/colour.

    Streamed: the elements are written as they are made, in the layout lxml's
    ``pretty_print`` gives (2-space indent), so memory does not grow with the file.
    """
    edges = list(M.edges(keys=True, data=True))
    node_types = _declare((d for _, d in M.nodes(data=True)), _RESERVED_NODE, "node")
    edge_types = _declare((e[3] for e in edges), _RESERVED_EDGE, "edge")
    ids = {cls: {name: str(i) for i, name in enumerate(types)} for cls, types in (("node", node_types),
                                                                                     ("edge", edge_types))}
    comms = sorted({d.get("community", 0) for _, d in M.nodes(data=True)})
    colours = {c: f'        <color r="{r}" g="{g}" b="{b}"/>\n' for c, (r, g, b) in zip(comms, _palette(len(comms)))}
    grey = '        <color r="128" g="128" b="128"/>\n'
    prs = [d.get("pagerank", 0.0) for _, d in M.nodes(data=True)] or [0.0]
    lo, hi = min(prs), max(prs)
    out = _Out(path, "GEXF")
    out.add(f"<?xml version='1.0' encoding='UTF-8'?>\n"
            f'<gexf xmlns="{GEXF_NS}" xmlns:xsi="{XSI_NS}" version="1.3" '
            f'xsi:schemaLocation="{GEXF_NS} http://gexf.net/1.3/gexf.xsd">\n'
            "  <meta>\n"  # no date: same store, byte-identical file
            f"    <creator>dealgraph {_text(__version__)}</creator>\n"
            "    <description>Organizations (nodes) and licensing/collaboration agreements (edges) disclosed in "
            "SEC filings</description>\n"
            "  </meta>\n"
            '  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">\n')
    for cls, types in (("node", node_types), ("edge", edge_types)):
        if not types:
            out.add(f'    <attributes class="{cls}" mode="static"/>\n')
            continue
        out.add(f'    <attributes class="{cls}" mode="static">\n')
        for name, t in types.items():
            out.add(f'      <attribute id="{ids[cls][name]}" title="{_attr(name)}" type="{t}"/>\n')
        out.add("    </attributes>\n")
    node_ids = ids["node"]
    node_lines = _gexf_lines(node_ids)
    if M.number_of_nodes() == 0:
        out.add('    <nodes count="0"/>\n')
    else:
        out.add(f'    <nodes count="{M.number_of_nodes()}">\n')
        for n, d in M.nodes(data=True):
            start = f' start="{_attr(str(d["start"]))}"' if d.get("start") else ""
            out.add(f'      <node id="{_attr(str(n))}" label="{_attr(str(d.get("label", n)))}"{start}>\n')
            _attvalues(out, d, node_ids, node_lines)
            out.add(colours.get(d.get("community", 0), grey))
            scaled = 0.5 if hi == lo else (d.get("pagerank", lo) - lo) / (hi - lo)
            out.add(f'        <size value="{5 + 45 * scaled:.3f}"/>\n      </node>\n')
        out.add("    </nodes>\n")
    edge_ids = ids["edge"]
    edge_lines = _gexf_lines(edge_ids)
    if M.number_of_edges() == 0:
        out.add('    <edges count="0"/>\n')
    else:
        out.add(f'    <edges count="{M.number_of_edges()}">\n')
        for a, b, k, d in edges:
            head = f'      <edge id="{_attr(str(d.get("id", k)))}" source="{_attr(str(a))}" target="{_attr(str(b))}"'
            if "label" in d:
                head += f' label="{_attr(str(d["label"]))}"'
            if "weight" in d:
                head += f' weight="{_fmt(float(d["weight"]))}"'
            if d.get("start"):
                head += f' start="{_attr(str(d["start"]))}"'
            if any(k in edge_ids for k in d):
                out.add(head + ">\n")
                _attvalues(out, d, edge_ids, edge_lines)
                out.add("      </edge>\n")
            else:
                out.add(head + "/>\n")
        out.add("    </edges>\n")
    out.add("  </graph>\n</gexf>\n")
    out.close()


class _Lines:
    """Formatted XML lines of attribute values, memoized: names, kinds, dates, 1.0 repeat on every edge.

    ``make(name, value)`` formats one line; up to :attr:`KEEP` lines are kept, looked
    up by the ``(name, value)`` item itself.  One instance per element class, whose
    attributes have one type each (``_types``), so ``1 == 1.0 == True`` cannot mix;
    zero floats are never kept (``-0.0 == 0.0`` but prints differently).
    """

    KEEP = 100_000

    def __init__(self, make: Any):
        self.make = make
        self.memo: dict[tuple[str, Any], str] = {}

    def miss(self, item: tuple[str, Any]) -> str:
        text = self.make(*item)
        v = item[1]
        if (type(v) is not float or v) and len(self.memo) < self.KEEP:
            self.memo[item] = text
        return text

    def join(self, items: Any) -> str:
        get, miss = self.memo.get, self.miss
        return "".join([get(item) or miss(item) for item in items])


def _attvalues(out: _Out, d: dict[str, Any], ids: dict[str, str], lines: _Lines) -> None:
    """``<attvalues>`` of the declared attributes present in ``d``, in the declared (sorted) order."""
    text = lines.join([(k, d[k]) for k in ids if k in d])
    if text:
        out.add("        <attvalues>\n" + text + "        </attvalues>\n")


def _gexf_lines(ids: dict[str, str]) -> _Lines:
    return _Lines(lambda k, v: f'          <attvalue for="{ids[k]}" value="{_attr(_fmt(v))}"/>\n')


def write_graphml(M: nx.MultiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``M`` as GraphML: typed keys named after the attributes, the same attributes as the GEXF.

    Streamed, in the layout of ``networkx.write_graphml(M, named_key_ids=True)``
    (byte for byte on the same graph; ``networkx.read_graphml`` reads it back).
    """
    multi = M.is_multigraph()
    graph_data = {k: v for k, v in M.graph.items() if k not in ("node_default", "edge_default")}
    graph_types = _types([graph_data], set(), "graph")
    node_types = _types((d for _, d in M.nodes(data=True)), set(), "node")
    edges = list(M.edges(keys=True, data=True) if multi else ((a, b, None, d) for a, b, d in M.edges(data=True)))
    edge_types = _types((e[3] for e in edges), set(), "edge")
    keys = [(name, scope, _GRAPHML_TYPES[t]) for scope, types in (("graph", graph_types), ("node", node_types),
                                                                   ("edge", edge_types)) for name, t in types.items()]
    out = _Out(path, "GraphML")
    out.add("<?xml version='1.0' encoding='utf-8'?>\n"
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
    for name, scope, t in reversed(keys):  # networkx inserts each new key first
        n = _attr(name)
        out.add(f'<key id="{n}" for="{scope}" attr.name="{n}" attr.type="{t}"/>\n')
    out.add(f'<graph edgedefault="{"directed" if M.is_directed() else "undirected"}">')
    out.add("".join(f'<data key="{_attr(str(k))}">{_text(str(v))}</data>\n' for k, v in graph_data.items()))
    def make(k: Any, v: Any) -> str:
        return f'  <data key="{_attr(str(k))}">{_text(str(v))}</data>\n'

    lines = _Lines(make)  # nodes
    for n, d in M.nodes(data=True):
        _graphml_element(out, f'<node id="{_attr(str(n))}"', "node", d, lines)
    lines = _Lines(make)  # edges
    for a, b, k, d in edges:
        eid = f' id="{_attr(str(k))}"' if multi else ""
        _graphml_element(out, f'<edge source="{_attr(str(a))}" target="{_attr(str(b))}"{eid}', "edge", d, lines)
    out.add("</graph></graphml>")
    out.close()


def _graphml_element(out: _Out, head: str, tag: str, d: dict[str, Any], lines: _Lines) -> None:
    if not d:
        out.add(head + "/>\n")
        return
    out.add(head + ">\n" + lines.join(d.items()) + f"</{tag}>\n")


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
