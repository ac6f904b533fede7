"""The organization page's network picture: the organization, its partners and the deals among them.

A radial layout computed here (the organization in the centre, partners on a
circle, most deals first, clockwise from the top) and drawn as inline SVG by
the template: no JavaScript, every node a link to its organization page, node
size and edge width by number of deals (``lic:party`` co-occurrence, the org-org
projection of kg.analyze.org_network).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import Any

__all__ = ["Picture", "ego_picture"]

#: Partners drawn at most; why: past ~24 labels on one circle overlap and the picture stops being readable.
MAX_PARTNERS = 24


@dataclass
class Picture:
    width: int
    height: int
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    hidden: int  # partners left out (beyond MAX_PARTNERS)


def ego_picture(center: str, center_name: str, partners: list[dict[str, Any]], deals: list[Any],
                width: int = 640, height: int = 440) -> Picture:
    """Layout of ``center`` and its ``partners`` (``{"iri", "name", "deals"}``, most deals first).

    ``deals``: the center's deals (objects with ``.parties``), which also give
    the partner-partner edges (two partners in one deal of the center).
    """
    shown = partners[:MAX_PARTNERS]
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 70
    top = max([p["deals"] for p in shown] + [1])
    nodes = [{"iri": center, "name": center_name, "x": cx, "y": cy, "r": 16, "center": True, "deals": len(deals),
              "anchor": "middle", "lx": cx, "ly": cy + 30}]
    pos = {center: (cx, cy)}
    for i, p in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(shown))
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        pos[p["iri"]] = (x, y)
        r = 6 + 8 * math.sqrt(p["deals"] / top)
        right = math.cos(angle) >= 0.2
        left = math.cos(angle) <= -0.2
        nodes.append({"iri": p["iri"], "name": p["name"], "x": x, "y": y, "r": r, "center": False,
                      "deals": p["deals"], "anchor": "start" if right else "end" if left else "middle",
                      "lx": x + (r + 4 if right else -r - 4 if left else 0),
                      "ly": y + (4 if right or left else (r + 14 if math.sin(angle) > 0 else -r - 6))})
    weights: dict[tuple[str, str], int] = {}
    for d in deals:
        members = sorted(p for p in d.parties if p in pos)
        for a, b in combinations(members, 2):
            weights[(a, b)] = weights.get((a, b), 0) + 1
    edges = [{"x1": pos[a][0], "y1": pos[a][1], "x2": pos[b][0], "y2": pos[b][1], "w": 1 + min(w, 6),
              "center": center in (a, b), "deals": w} for (a, b), w in sorted(weights.items())]
    return Picture(width, height, nodes, edges, max(0, len(partners) - len(shown)))
