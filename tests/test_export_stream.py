"""The streamed GEXF/GraphML writers give the bytes of the tree writers they replace.

References: ``networkx.write_graphml(named_key_ids=True)`` (lxml) for GraphML, and
for GEXF the lxml tree the exporter used to build (kept here, written the
straightforward way: one element per node, edge, attribute, then ``pretty_print``).
"""
from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from kg import __version__
from kg.export import GEXF_NS, XSI_NS, _attr, _declare, _fmt, _palette, _text, deal_network, write_gexf, write_graphml

DATA = Path(__file__).parent / "data" / "graph"
BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _tree_gexf(M: nx.MultiGraph, path: Path) -> None:
    """GEXF 1.3 as an lxml tree (the pre-streaming writer)."""
    E = lambda parent, tag, **kw: etree.SubElement(parent, f"{{{GEXF_NS}}}{tag}", **kw)  # noqa: E731
    root = etree.Element(f"{{{GEXF_NS}}}gexf", nsmap={None: GEXF_NS, "xsi": XSI_NS}, version="1.3")
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd")
    meta = E(root, "meta")
    E(meta, "creator").text = f"dealgraph {__version__}"
    E(meta, "description").text = ("Organizations (nodes) and licensing/collaboration agreements (edges) "
                                   "disclosed in SEC filings")
    graph = E(root, "graph", defaultedgetype="undirected", mode="dynamic", timeformat="date")
    ids = {}
    for cls, reserved, items in (("node", {"label", "start"}, [d for _, d in M.nodes(data=True)]),
                                 ("edge", {"id", "label", "weight", "start"}, [d for *_, d in M.edges(data=True)])):
        el = E(graph, "attributes", **{"class": cls, "mode": "static"})
        ids[cls] = {}
        for i, (name, t) in enumerate(_declare(items, reserved, cls).items()):
            ids[cls][name] = str(i)
            E(el, "attribute", id=str(i), title=name, type=t)

    def attvalues(el, d, ids):
        vals = [(ids[k], _fmt(v)) for k, v in sorted(d.items()) if k in ids]
        if vals:
            av = E(el, "attvalues")
            for key, value in vals:
                E(av, "attvalue", **{"for": key, "value": value})

    comms = sorted({d.get("community", 0) for _, d in M.nodes(data=True)})
    colours = dict(zip(comms, _palette(len(comms))))
    prs = [d.get("pagerank", 0.0) for _, d in M.nodes(data=True)] or [0.0]
    lo, hi = min(prs), max(prs)
    nodes = E(graph, "nodes", count=str(M.number_of_nodes()))
    for n, d in M.nodes(data=True):
        el = E(nodes, "node", id=str(n), label=str(d.get("label", n)))
        if d.get("start"):
            el.set("start", d["start"])
        attvalues(el, d, ids["node"])
        r, g, b = colours.get(d.get("community", 0), (128, 128, 128))
        E(el, "color", r=str(r), g=str(g), b=str(b))
        E(el, "size", value=f"{5 + 45 * (0.5 if hi == lo else (d.get('pagerank', lo) - lo) / (hi - lo)):.3f}")
    edges = E(graph, "edges", count=str(M.number_of_edges()))
    for a, b, k, d in M.edges(keys=True, data=True):
        el = E(edges, "edge", id=str(d.get("id", k)), source=str(a), target=str(b))
        if "label" in d:
            el.set("label", str(d["label"]))
        if "weight" in d:
            el.set("weight", _fmt(float(d["weight"])))
        if d.get("start"):
            el.set("start", d["start"])
        attvalues(el, d, ids["edge"])
    etree.ElementTree(root).write(str(path), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _same_bytes(M: nx.MultiGraph, out: Path) -> None:
    write_gexf(M, out / "s.gexf")
    _tree_gexf(M, out / "t.gexf")
    assert (out / "s.gexf").read_bytes() == (out / "t.gexf").read_bytes()
    write_graphml(M, out / "s.graphml")
    nx.write_graphml(M, str(out / "t.graphml"), encoding="utf-8", prettyprint=True, named_key_ids=True)
    assert (out / "s.graphml").read_bytes() == (out / "t.graphml").read_bytes()


def test_fixture_network_same_bytes_as_tree_writers(tmp_path):
    from kg.resolve import resolve

    store = ox.Store()
    store.load(path=str(DATA / "small.trig"), format=ox.RdfFormat.TRIG)
    resolve(store)
    _same_bytes(deal_network(store), tmp_path)


def test_empty_and_attribute_free_graphs(tmp_path):
    _same_bytes(nx.MultiGraph(), tmp_path)
    M = nx.MultiGraph()
    M.add_edge("a", "b", key="k")  # no attributes at all: self-closing elements
    M.add_node("c", label="C", community=1, pagerank=0.5)
    _same_bytes(M, tmp_path)


def test_graphml_of_a_simple_graph_with_graph_attributes(tmp_path):
    G = nx.Graph(name="deals", year=2020)
    G.add_edge("a", "b", weight=2)
    G.add_node("c", flag=True)
    write_graphml(G, tmp_path / "s.graphml")
    nx.write_graphml(G, str(tmp_path / "t.graphml"), encoding="utf-8", prettyprint=True, named_key_ids=True)
    assert (tmp_path / "s.graphml").read_bytes() == (tmp_path / "t.graphml").read_bytes()


_text_st = st.text(max_size=30).map(lambda s: BAD.sub("", s))


@settings(max_examples=60, deadline=None)
@given(t=_text_st)
def test_escaping_matches_libxml2(t):
    assert etree.tostring(etree.Element("e", a=t), encoding="unicode") == f'<e a="{_attr(t)}"/>'
    el = etree.Element("e")
    el.text = t
    assert etree.tostring(el, encoding="unicode") == (f"<e>{_text(t)}</e>" if t else "<e></e>")


@settings(max_examples=30, deadline=None)
@given(names=st.lists(_text_st.filter(str.strip), min_size=2, max_size=4, unique=True), kind=_text_st,
       value=st.floats(allow_nan=False), flag=st.booleans())
def test_hostile_graphs_same_bytes(tmp_path_factory, names, kind, value, flag):
    M = nx.MultiGraph()
    for i, name in enumerate(names):
        M.add_node(f"n:{i}&<{name[:3]}>", label=name, deals=i, pagerank=value if i else 0.0, community=i % 2)
    nodes = list(M)
    for i in range(1, len(nodes)):
        M.add_edge(nodes[0], nodes[i], key=f"e{i}", id=f"e{i}", label=kind, weight=1.0, kind=kind, exclusive=flag,
                   upfront=value, start="2020-01-0" + str(i))
    _same_bytes(M, tmp_path_factory.mktemp("h"))


def test_an_unwritable_path_is_an_export_error(tmp_path):
    from kg.errors import ExportError

    M = nx.MultiGraph([("a", "b")])
    for writer in (write_gexf, write_graphml):
        with pytest.raises(ExportError):
            writer(M, tmp_path / "missing" / "x.xml")
