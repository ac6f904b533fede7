"""Is the resolution layer current?  Questions that read it check first, and never answer from a half-built store.

The resolution layer (kg.resolve: merged organizations and agreements, display
labels, lookup keys, lifecycle events, the deal table) is derived from the
document graphs.  kg.store marks it stale (``dgb:derivedStale`` in the manifest
graph) in the same transaction as every document write or removal, and kg.build
clears the mark only once resolution finished; a store with documents but no
deal table marker was never resolved whole (a build killed during its first
resolution, or a store from an older dealgraph).  Either way an answer read from
it may silently miss merged deals (issue 16: ``org_deals`` gave 0 rows while
``find_org`` showed 18 deals).

:func:`ensure_resolved` brings such a store up to date when it is open for
writing (a full resolve pass, the same one kg.build runs after a killed build),
and otherwise raises :class:`QueryError` with one line that says what to run.
"""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from kg.errors import KgError, QueryError
from kg.query import oxigraph_store

from . import _state
from ._table import has_table

__all__ = ["resolution_problem", "ensure_resolved"]

_STALE = ox.Quad(_state.MANIFEST, ox.NamedNode("https://w3id.org/dealgraph/build#derivedStale"),
                 ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")), _state.MANIFEST)
_P_GRAPH = ox.NamedNode("https://w3id.org/dealgraph/build#graph")


def resolution_problem(store: Any) -> str | None:
    """Why the store's resolution layer cannot be read as it is, or None when it is current."""
    ox_store = oxigraph_store(store)
    if _STALE in ox_store:
        return "its cross-filing resolution is out of date (a build was interrupted, or is still running)"
    if not has_table(ox_store) and next(iter(ox_store.quads_for_pattern(None, _P_GRAPH, None, _state.MANIFEST)), None):
        return "it has documents but no cross-filing resolution (a build was interrupted, or the store is older)"
    return None


def ensure_resolved(store: Any, what: str) -> None:
    """Bring a stale resolution layer up to date (store open for writing), or raise :class:`QueryError`.

    ``what`` names the question for the message ("query org_deals").
    """
    problem = resolution_problem(store)
    if problem is None:
        return
    path = getattr(store, "path", None)
    if not getattr(store, "read_only", False):  # a kg.store.Store open for writing, or a bare pyoxigraph store
        from . import resolve  # why here: kg.resolve imports this module

        try:
            resolve(store)
            ox_store = oxigraph_store(store)
            ox_store.remove(_STALE)
            return
        except (KgError, OSError):
            pass  # cannot write it: refuse below
    where = f"store {path}" if path else "the store"
    build = f"kg build PATH... --store {path}" if path else "kg build PATH... --store DIR"
    raise QueryError(f"{what}: {where}: {problem}; run `{build}` again with the same inputs, then ask again")
