"""Golden-graph assertion in the manner of rdflib's own test utilities.

Compares two graphs by isomorphism and, when they differ, fails with the
triples only in the expected graph and only in the actual one.
"""
from __future__ import annotations

from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

__all__ = ["assert_isomorphic"]


def _lines(g: Graph) -> list[str]:
    return sorted(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in g)


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    """Fail, listing the differing triples, unless ``expected`` and ``actual`` are isomorphic."""
    iso_e, iso_a = to_isomorphic(expected), to_isomorphic(actual)
    if iso_e == iso_a:
        return
    _, only_e, only_a = graph_diff(iso_e, iso_a)
    msg = ["graphs differ", "only in expected:"] + _lines(only_e) + ["only in actual:"] + _lines(only_a)
    raise AssertionError("\n".join(msg))
