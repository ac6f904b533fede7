"""kg.export: GEXF 1.3 (schema-valid, dynamic, viz), GraphML, RDF dumps; round trips through networkx."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree

from kg.errors import ExportError
from kg.export import GEXF_NS, deal_network, export
from kg.resolve import resolve

DATA = Path(__file__).parent / "data" / "graph"
XSD = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "gexf-1.3" / "gexf.xsd"
ORG = "https://w3id.org/dealgraph/id/org/"
OMEGA_NAME = 'Ωmega & <Sons> "Holdings" 株式会社'
NS = {"g": GEXF_NS}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.load(path=str(DATA / "small.trig"), format=ox.RdfFormat.TRIG)
    resolve(s)
    return s


@pytest.fixture(scope="module")
def gexf(store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gexf") / "deals.gexf"
    export(store, "gexf", out)
    return out


def test_deal_network_one_edge_per_agreement(store):
    M = deal_network(store)
    assert M.number_of_nodes() == 5 and M.number_of_edges() == 5
    ab = sorted(M.get_edge_data(ORG + "alpha-bio", ORG + "beta-pharma").values(), key=lambda d: d["id"])
    assert [(d["kind"], d["status"], d["start"]) for d in ab] == [("license", "new", "2019-02-27"),
                                                                   ("license", "terminated", "2021-01-05")]
    first = ab[0]
    assert (first["upfront"], first["total_value"], first["currency"], first["exclusive"]) == (25e6, 425e6, "USD", True)
    assert first["licensor"] == "Alpha Bio, Inc." and first["licensee"] == "Beta Pharma AG"
    assert all(v is not None for *_, d in M.edges(keys=True, data=True) for v in d.values())
    eur = [d for *_, d in M.edges(keys=True, data=True) if d.get("currency") == "EUR"]
    assert len(eur) == 1 and eur[0]["upfront"] == 2e6
    assert M.nodes[ORG + "omega-and-sons-holdings"]["label"] == OMEGA_NAME


@pytest.mark.skipif(not XSD.is_file(), reason=f"GEXF 1.3 schema not found at {XSD}")
def test_gexf_validates_against_the_1_3_schema(gexf):
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.parse(str(gexf))
    assert schema.validate(doc), schema.error_log


def test_gexf_structure_without_schema(gexf):
    root = etree.parse(str(gexf)).getroot()
    assert root.tag == f"{{{GEXF_NS}}}gexf" and root.get("version") == "1.3"
    graph = root.find("g:graph", NS)
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == ("dynamic", "date", "undirected")
    assert graph.get("name") is None
    declared = {}
    for attrs in graph.findall("g:attributes", NS):
        declared[attrs.get("class")] = {a.get("id"): a.get("type") for a in attrs.findall("g:attribute", NS)}
    node_ids = {n.get("id") for n in graph.findall("g:nodes/g:node", NS)}
    assert len(node_ids) == 5
    for cls, path in (("node", "g:nodes/g:node"), ("edge", "g:edges/g:edge")):
        for el in graph.findall(path, NS):
            for av in el.findall("g:attvalues/g:attvalue", NS):
                t = declared[cls][av.get("for")]
                v = av.get("value")
                {"integer": int, "double": float, "string": str,
                 "boolean": lambda x: {"true": True, "false": False}[x]}[t](v)
    for e in graph.findall("g:edges/g:edge", NS):
        assert e.get("source") in node_ids and e.get("target") in node_ids
        assert e.get("start") is None or len(e.get("start")) == 10
    for n in graph.findall("g:nodes/g:node", NS):
        assert float(n.find("g:size", NS).get("value")) >= 5
        assert n.find("g:color", NS).get("r") is not None
    # size by PageRank: the most central organization is drawn biggest
    sizes = {n.get("label"): float(n.find("g:size", NS).get("value")) for n in graph.findall("g:nodes/g:node", NS)}
    assert max(sizes, key=sizes.get) == "Beta Pharma AG"
    # colour by community: Alpha and Beta share one, Gamma has another
    colours = {n.get("label"): n.find("g:color", NS).attrib for n in graph.findall("g:nodes/g:node", NS)}
    assert dict(colours["Alpha Bio, Inc."]) == dict(colours["Beta Pharma AG"])
    assert dict(colours["Alpha Bio, Inc."]) != dict(colours["The Regents of Gamma University"])


def _same(a: nx.MultiGraph, b: nx.MultiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    ea = {(min(u, v), max(u, v), k): d for u, v, k, d in a.edges(keys=True, data=True)}
    eb = {(min(u, v), max(u, v), k): d for u, v, k, d in b.edges(keys=True, data=True)}
    assert ea == eb


def test_gexf_rereads_with_networkx_to_the_same_graph(store, gexf):
    _same(nx.read_gexf(str(gexf)), deal_network(store))


def test_graphml_rereads_with_networkx_to_the_same_graph(store, tmp_path):
    out = tmp_path / "deals.graphml"
    export(store, "graphml", out)
    back = nx.read_graphml(str(out))
    _same(back, deal_network(store))
    assert back.nodes[ORG + "omega-and-sons-holdings"]["label"] == OMEGA_NAME


def test_hostile_names_survive_in_gexf_text(gexf):
    text = gexf.read_text(encoding="utf-8")
    assert 'label="Ωmega &amp; &lt;Sons&gt; &quot;Holdings&quot; 株式会社"' in text


def test_gexf_is_byte_identical_for_the_same_store(store, gexf, tmp_path):
    again = tmp_path / "again.gexf"
    export(store, "gexf", again)
    assert again.read_bytes() == gexf.read_bytes()


@pytest.mark.parametrize("fmt,rdf_format,quads", [
    ("nquads", ox.RdfFormat.N_QUADS, True), ("trig", ox.RdfFormat.TRIG, True),
    ("jsonld", ox.RdfFormat.JSON_LD, True), ("turtle", ox.RdfFormat.TURTLE, False),
], ids=["nquads", "trig", "jsonld", "turtle"])
def test_rdf_dumps_round_trip(store, tmp_path, fmt, rdf_format, quads):
    out = tmp_path / f"dump.{fmt}"
    export(store, fmt, out)
    back = ox.Store()
    back.load(path=str(out), format=rdf_format)
    # the dump leaves out kg.store's bookkeeping graph (kg.resolve records its state there)
    data = {q for q in store if q.graph_name != ox.NamedNode("https://w3id.org/dealgraph/id/manifest")}
    if quads:
        assert set(back) == data
    else:
        assert {ox.Triple(q.subject, q.predicate, q.object) for q in back} == \
               {ox.Triple(q.subject, q.predicate, q.object) for q in data}


def test_export_errors(store, tmp_path):
    with pytest.raises(ExportError, match="unknown export format"):
        export(store, "pdf", tmp_path / "x.pdf")
    with pytest.raises(ExportError, match="does not exist"):
        export(store, "gexf", tmp_path / "missing" / "x.gexf")


def test_export_through_kg_store(tmp_path):
    from kg.store import Store

    src = ox.Store()
    src.load(path=str(DATA / "small.trig"), format=ox.RdfFormat.TRIG)
    st = Store(None)
    for g in sorted({q.graph_name.value for q in src}):
        quads = [(q.subject, q.predicate, q.object) for q in src.quads_for_pattern(None, None, None, ox.NamedNode(g))]
        st.replace_graph(g, quads, source_path=g, sha256="0" * 64)
    resolve(st)
    export(st, "gexf", tmp_path / "s.gexf")
    export(st, "nquads", tmp_path / "s.nq")
    assert nx.read_gexf(str(tmp_path / "s.gexf")).number_of_edges() == 5
    assert "manifest" not in (tmp_path / "s.nq").read_text(encoding="utf-8")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kg.export import write_gexf, write_graphml  # noqa: E402

_names = st.text(min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None)
@given(a=_names, b=_names, kind=_names)
def test_any_text_round_trips_through_gexf_and_graphml(tmp_path_factory, a, b, kind):
    """Hostile text (quotes, <, >, &, non-Latin, controls) survives, minus what XML 1.0 cannot carry."""
    import re

    bad = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
    M = nx.MultiGraph()
    M.add_node("n:1", label=bad.sub("", a), deals=1)
    M.add_node("n:2", label=bad.sub("", b), deals=1)
    M.add_edge("n:1", "n:2", key="e0", id="e0", label=bad.sub("", kind), weight=1.0, kind=bad.sub("", kind))
    out = tmp_path_factory.mktemp("h")
    write_gexf(M, out / "g.gexf")
    write_graphml(M, out / "g.graphml")
    for back in (nx.read_gexf(str(out / "g.gexf")), nx.read_graphml(str(out / "g.graphml"))):
        assert back.nodes["n:1"]["label"] == bad.sub("", a)
        assert back.nodes["n:2"]["label"] == bad.sub("", b)
        data = back.get_edge_data("n:1", "n:2")  # one edge: networkx reads a simple graph
        assert data.get("e0", data)["kind"] == bad.sub("", kind)
