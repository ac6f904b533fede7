"""kg.plot: the network picture and the per-year chart are written, sized and labelled."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree

import kg.plot as kp
from kg.errors import ExportError
from kg.resolve import resolve

DATA = Path(__file__).parent / "data" / "graph"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.load(path=str(DATA / "small.trig"), format=ox.RdfFormat.TRIG)
    resolve(s)
    return s


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_MAGIC
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def test_plot_writes_two_pngs(store, tmp_path):
    paths = kp.plot(store, tmp_path / "img")
    assert [Path(p).name for p in paths] == ["network.png", "deals_per_year.png"]
    for p in paths:
        w, h = _png_size(Path(p))
        assert 600 < w < 2500 and 300 < h < 2000
        assert Path(p).stat().st_size < 400_000


def test_svg_network_labels_every_organization_of_a_small_graph(store, tmp_path):
    net, years = kp.plot(store, tmp_path, fmt="svg")
    text = Path(net).read_text(encoding="utf-8")
    etree.fromstring(text.encode("utf-8"))  # well-formed XML
    # matplotlib writes text as glyph paths with the string in a comment
    for name in ("Alpha Bio, Inc.", "Beta Pharma AG", "Therapeutics, Inc.", "Gamma University",
                 "Ωmega &amp; &lt;Sons&gt;"):  # one comment per wrapped line, XML-escaped
        assert name in text
    assert "5 organizations, 4 partner pairs" in text
    ytext = Path(years).read_text(encoding="utf-8")
    assert "EUR 2 million" in ytext and "$425M" in ytext


def test_component_layout_separates_every_node():
    G = nx.Graph([("a", "b"), ("c", "d"), ("e", "f"), ("f", "g"), ("g", "e")])
    G.add_node("lonely")
    pos = kp._component_layout(G)
    pts = sorted(pos.values())
    assert len(pts) == len(G)
    for i, p in enumerate(pts):
        for q in pts[i + 1:]:
            assert ((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) ** 0.5 > 0.5


def test_empty_store_gives_placeholder_pictures(tmp_path):
    paths = kp.plot(ox.Store(), tmp_path)
    assert all(Path(p).stat().st_size > 1000 for p in paths)


def test_bad_format_raises(store, tmp_path):
    with pytest.raises(ExportError, match="unknown picture format"):
        kp.plot(store, tmp_path, fmt="gif")


def test_big_network_numbers_every_unnamed_organization(tmp_path):
    """Past max_labels, every organization is still identifiable: a number on the node, its name in the legend."""
    G = nx.star_graph(12)  # one hub and 12 partners
    nx.set_node_attributes(G, {n: f"Partner {n:02d} Ltd" for n in G}, "name")
    G.nodes[0]["name"] = "Hub Corp"
    nx.set_edge_attributes(G, 1, "weight")
    for n in G:
        G.nodes[n]["deals"] = 1
    text = Path(kp.plot_network(G, tmp_path / "net.svg", max_labels=4)).read_text(encoding="utf-8")
    assert "names: top 4 by PageRank; the other 9 numbered, named on the right" in text
    named = {n for n in range(1, 13) if f"Partner {n:02d} Ltd" in text}
    assert len(named) == 12  # 3 on the picture, 9 in the legend
    assert "  9  Partner" in text and " 10  Partner" not in text


@pytest.mark.parametrize("points, offsets", [
    ([(2000, 3.0), (2001, 3.5), (2002, 3.2)], [7, -14, 7]),  # neighbours at one height alternate
    ([(2000, 3.0), (2001, 3000.0)], [7, 7]),  # far apart on the log axis: both above
    ([(2000, 3.0), (2010, 3.1)], [7, 7]),  # years apart: both above
], ids=["alternate", "far-in-value", "far-in-time"])
def test_value_labels_of_neighbouring_years_do_not_collide(points, offsets):
    assert kp._label_offsets(points) == offsets


def test_value_chart_uses_a_log_axis_for_one_big_deal(tmp_path):
    rows = [{"year": 2019, "deals": 1, "value_usd": 2e6, "other_values": ""},
            {"year": 2020, "deals": 1, "value_usd": 9e9, "other_values": ""}]
    text = Path(kp.plot_per_year(rows, tmp_path / "y.svg")).read_text(encoding="utf-8")
    assert "$2M" in text and "$9B" in text and "(log scale)" in text
