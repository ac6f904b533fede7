"""Pictures of the deal graph (matplotlib, Agg backend, no screen needed).

* ``network.<fmt>`` -- the organization network (:func:`kg.analyze.org_network`):
  node area by PageRank, colour by Louvain community, edge width by shared
  agreements, labels on the most central organizations only so the picture
  stays readable.
* ``deals_per_year.<fmt>`` -- agreements per year (bars) and their disclosed
  USD value (one marker per year on a log-scale right axis, so one big deal does
  not flatten the others; labels of neighbouring years alternate above and below);
  other currencies are named in a note, never added to dollars.
"""
from __future__ import annotations

import os
import textwrap
import warnings
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.ticker

matplotlib.use("Agg")  # files only; must precede any pyplot import anywhere in the process
import networkx as nx  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from kg.analyze import SEED, centrality, org_network, per_year  # noqa: E402
from kg.errors import ExportError  # noqa: E402

__all__ = ["FORMATS", "MAX_LABELS", "plot", "plot_network", "plot_per_year"]

FORMATS = ("png", "svg")
#: Organizations named in the network picture (the highest PageRank first); the others are numbered.
MAX_LABELS = 40


def _save(fig: Figure, path: Path) -> str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # missing glyphs (non-Latin names) fall back to boxes
            fig.savefig(str(path), dpi=110, bbox_inches="tight")
    except OSError as e:
        raise ExportError(f"cannot write picture: {e.strerror or e}", path=str(path)) from None
    return str(path)


def _empty(fig: Figure, message: str) -> None:
    ax = fig.add_subplot()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="0.4")
    ax.set_axis_off()


def _component_layout(G: nx.Graph, seed: int = SEED) -> dict[Any, tuple[float, float]]:
    """Positions with each connected component laid out on its own and packed on shelves.

    Deal networks are mostly many small components (one pair per deal); one
    spring layout over all of them scatters pairs on a ring with overlapping
    nodes, so each component gets its own box, sized by the square root of its
    node count, largest first.
    """
    comps = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for c in comps:
        H = G.subgraph(c)
        if len(c) == 1:
            pos = {c[0]: (0.0, 0.0)}
        elif len(c) == 2:
            pos = {c[0]: (0.0, 1.0), c[1]: (0.0, -1.0)}  # stacked: labels go above and below
        else:
            pos = {n: tuple(p) for n, p in nx.kamada_kawai_layout(H, weight=None).items()}
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        side = 0.0 if len(c) == 1 else 2.6 if len(c) == 2 else 2.2 * len(c) ** 0.5
        scale = side / span
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        boxes.append(({n: ((x - cx) * scale, (y - cy) * scale) for n, (x, y) in pos.items()}, side))
    pad = 3.0  # room for labels between boxes
    total = sum((side + pad) ** 2 for _, side in boxes)
    width = max(total ** 0.5 * 1.3, boxes[0][1] + pad)
    out: dict[Any, tuple[float, float]] = {}
    x = y = 0.0
    row_h = 0.0
    for pos, side in boxes:
        cell = side + pad + (1.5 if len(pos) > 2 else 0.0)  # outward labels of bigger components
        if x > 0 and x + cell > width:
            x, y, row_h = 0.0, y - row_h - 3.5, 0.0  # extra room: labels above and below
        for n, (px, py) in pos.items():
            out[n] = (x + cell / 2 + px, y - cell / 2 + py)
        x += cell
        row_h = max(row_h, cell)
    return out


_LEGEND_ROWS = 60  # names per legend column
_LEGEND_COL_INCHES = 2.6


def _number_legend(fig: Figure, ax: Any, names: list[str]) -> None:
    """The numbered organizations' names in columns to the right of ``ax`` ("12  Acme Corp.")."""
    cols = -(-len(names) // _LEGEND_ROWS)
    col_w = _LEGEND_COL_INCHES / fig.get_figwidth()
    ax.set_position([0.01, 0.02, 0.98 - cols * col_w, 0.86])
    for c in range(cols):
        chunk = names[c * _LEGEND_ROWS:(c + 1) * _LEGEND_ROWS]
        text = "\n".join(f"{c * _LEGEND_ROWS + i:>3}  {textwrap.shorten(name, 30, placeholder='…')}"
                         for i, name in enumerate(chunk, 1))
        fig.text(1.0 - (cols - c) * col_w, 0.88, text, fontsize=6.5, va="top", ha="left", family="monospace",
                 linespacing=1.25)


def plot_network(G: nx.Graph, path: str | os.PathLike[str], *, max_labels: int = MAX_LABELS,
                 title: str = "Organizations linked by disclosed agreements") -> str:
    """Draw ``G`` (an :func:`~kg.analyze.org_network`) to ``path``; returns the path.

    Every organization is named when there are at most ``max_labels``
    organizations; otherwise the ``max_labels`` with the highest PageRank are named
    on the picture and every other one carries a number, named in a legend on the
    right, so that each organization with a partner can be identified.

    Examples
    --------
    >>> G = nx.Graph([("a", "b")]); nx.set_node_attributes(G, {"a": "A", "b": "B"}, "name")
    >>> plot_network(G, "/tmp/net.png")  # doctest: +SKIP
    '/tmp/net.png'
    """
    legend_cols = -(-max(0, G.number_of_nodes() - max_labels) // _LEGEND_ROWS)
    fig = Figure(figsize=(13 + _LEGEND_COL_INCHES * legend_cols, 10))
    if G.number_of_nodes() == 0:
        _empty(fig, "no agreements in the store")
        return _save(fig, Path(path))
    m = centrality(G)
    ax = fig.add_subplot()
    pos = _component_layout(G)
    cmap = matplotlib.colormaps["tab20"]
    prs = [m[n]["pagerank"] for n in G]
    lo, hi = min(prs), max(prs)
    sizes = [60 + 900 * ((m[n]["pagerank"] - lo) / (hi - lo) if hi > lo else 0.4) for n in G]
    colours = [cmap(m[n]["community"] % 20) for n in G]
    widths = [0.8 + 1.2 * min(d.get("weight", 1), 5) for *_, d in G.edges(data=True)]
    nx.draw_networkx_edges(G, pos, ax=ax, width=widths, edge_color="0.5", alpha=0.7)
    nx.draw_networkx_nodes(G, pos, ax=ax, node_size=sizes, node_color=colours, edgecolors="0.3", linewidths=0.6)
    ranked = sorted(G, key=lambda n: (-m[n]["pagerank"], n))
    top = ranked if len(G) <= max_labels else ranked[:max_labels]
    rest = ranked[len(top):]  # numbered on the node, named in the legend beside the picture
    centre = {}
    for comp in nx.connected_components(G):
        cx = sum(pos[n][0] for n in comp) / len(comp)
        cy = sum(pos[n][1] for n in comp) / len(comp)
        centre.update({n: (cx, cy) for n in comp})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for n in top:
            x, y = pos[n]
            # label pushed away from its component's centre, so labels do not cover the partners
            dx, dy = x - centre[n][0], y - centre[n][1]
            norm = (dx * dx + dy * dy) ** 0.5
            ux, uy = (dx / norm, dy / norm) if norm > 1e-6 else (0.0, -1.0)
            ha = "left" if ux > 0.35 else "right" if ux < -0.35 else "center"
            va = "bottom" if uy > 0.35 else "top" if uy < -0.35 else "center"
            ax.annotate(textwrap.fill(str(G.nodes[n].get("name", n)), 18), (x, y), xytext=(9 * ux, 9 * uy),
                        textcoords="offset points", ha=ha, va=va, fontsize=7.5,
                        bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 0.6})
        for i, n in enumerate(rest, 1):
            ax.annotate(str(i), pos[n], ha="center", va="center", fontsize=5.5, color="black",
                        bbox={"boxstyle": "circle,pad=0.15", "facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
    if rest:
        _number_legend(fig, ax, [str(G.nodes[n].get("name", n)) for n in rest])
    n_comm = len({v["community"] for v in m.values()})
    which = ("all organizations labelled" if not rest else
             f"names: top {len(top)} by PageRank; the other {len(rest)} numbered, named on the right")
    ax.set_title(f"{title}\n{G.number_of_nodes()} organizations, {G.number_of_edges()} partner pairs, "
                 f"{n_comm} communities (colour); node size = PageRank; edge width = shared agreements; {which}",
                 fontsize=10.5)
    ax.margins(0.06)
    ax.set_axis_off()
    return _save(fig, Path(path))


def _money(millions: float) -> str:
    """US$ millions as a short label: 1750.0 -> "$1.75B", 43.0 -> "$43M", 0.65 -> "$650K", 0.00065 -> "$650"."""
    dollars = millions * 1e6
    for scale, unit in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if dollars >= scale:
            return f"${dollars / scale:.3g}{unit}"
    return f"${dollars:.3g}"


def _label_offsets(points: list[tuple[int, float]]) -> list[int]:
    """Vertical label offsets (points) so that labels of neighbouring years do not overlap.

    A label goes above its marker unless the previous year's label (within two
    years) is above and at nearly the same height on the log axis; then below.
    """
    import math

    out: list[int] = []
    prev: tuple[int, float, int] | None = None
    for year, value in points:
        offset = 7
        if prev is not None and year - prev[0] <= 2 and abs(math.log10(value) - math.log10(prev[1])) < 0.35 \
                and prev[2] > 0:
            offset = -14
        out.append(offset)
        prev = (year, value, offset)
    return out


def _millions(values: str) -> str:
    """"EUR 735000000; GBP 5000" -> "EUR 735.0 million; GBP 0.005 million"."""
    out = []
    for part in values.split("; "):
        cur, _, amount = part.partition(" ")
        try:
            out.append(f"{cur} {float(amount) / 1e6:,.3g} million")
        except ValueError:
            out.append(part)
    return "; ".join(out)


def plot_per_year(rows: list[dict[str, Any]], path: str | os.PathLike[str]) -> str:
    """Bar chart of deals per year with the disclosed USD value on a second axis; returns the path.

    ``rows`` as returned by :func:`kg.analyze.per_year`.

    Examples
    --------
    >>> plot_per_year([{"year": 2020, "deals": 2, "value_usd": 5e6, "other_values": ""}], "/tmp/y.png")  # doctest: +SKIP
    '/tmp/y.png'
    """
    fig = Figure(figsize=(10, 5.5))
    if not rows:
        _empty(fig, "no dated agreements in the store")
        return _save(fig, Path(path))
    years = list(range(rows[0]["year"], rows[-1]["year"] + 1))
    by_year = {r["year"]: r for r in rows}
    deals = [by_year.get(y, {}).get("deals", 0) for y in years]
    value = [by_year[y]["value_usd"] / 1e6 if y in by_year else float("nan") for y in years]
    ax = fig.add_subplot()
    ax.bar(years, deals, color="#4C72B0", alpha=0.85, label="agreements")
    ax.set_ylabel("agreements (dated)")
    ax.set_xlabel("year of agreement")
    ax.yaxis.get_major_locator().set_params(integer=True)
    step = max(1, len(years) // 15)
    ax.set_xticks(years[::step])
    ax.tick_params(axis="x", rotation=45 if len(years) > 10 else 0)
    ax2 = ax.twinx()
    ax2.set_zorder(ax.get_zorder() + 1)  # markers and labels above the bars
    ax2.patch.set_visible(False)
    # a log scale: one big deal must not flatten every other year into the axis
    pts = [(y, v) for y, v in zip(years, value) if v == v and v > 0]  # years with a disclosed USD value
    ax2.plot([y for y, _ in pts], [v for _, v in pts], color="#DD8452", marker="D", linestyle="none",
             markersize=7, markeredgecolor="#8B3A0F", label="disclosed value (US$ million, log scale)")
    for (y, v), dy in zip(pts, _label_offsets(pts)):
        ax2.annotate(_money(v), (y, v), xytext=(0, dy), textcoords="offset points", ha="center",
                     va="bottom" if dy > 0 else "top", fontsize=7.5, color="#8B3A0F",
                     bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 0.5})
    ax2.set_ylabel("disclosed value, US$ million (log scale)")
    ax2.set_yscale("log")
    if pts:
        lo, hi = min(v for _, v in pts), max(v for _, v in pts)
        ax2.set_ylim(lo / 4, hi * 4)  # room for the labels above the top and below the bottom marker
    ax2.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _pos: f"{v:,.6g}"))
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    ax.legend(handles, [h.get_label() for h in handles], loc="upper left", fontsize=9)
    others = [f"{r['year']}: {_millions(r['other_values'])}" for r in rows if r.get("other_values")]
    note = ("Value = stated lump sums: upfront + milestones (at their caps) + equity + fees + funding; "
            "royalties, loans and per-unit amounts (per share, per target) excluded.")
    if others:
        note += "\nNot converted, not included: " + "; ".join(others)
    ax.set_title("Disclosed agreements per year", fontsize=12)
    fig.text(0.01, -0.02, textwrap.fill(note, 140), fontsize=8, color="0.35", va="top")
    return _save(fig, Path(path))


def plot(store: Any, out_dir: str | os.PathLike[str], fmt: str = "png") -> list[str]:
    """Write ``network.<fmt>`` and ``deals_per_year.<fmt>`` into ``out_dir`` (created if missing).

    Returns the written paths.  Raises :class:`ExportError` for an unknown format
    or an unwritable directory.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown picture format {fmt!r}; expected png or svg")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"cannot create output directory: {e.strerror or e}", path=str(out)) from None
    return [plot_network(org_network(store), out / f"network.{fmt}"),
            plot_per_year(per_year(store), out / f"deals_per_year.{fmt}")]
