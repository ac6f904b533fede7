"""The Python API for notebooks: ``open_store(path)`` and a few methods that answer in DataFrames.

Examples
--------
>>> from kg.api import open_store                                   # doctest: +SKIP
>>> with open_store("seed.kg") as kg:                                # doctest: +SKIP
...     deals = kg.deals()                       # pandas DataFrame, the `kg deals` columns
...     deals[["date", "licensor", "licensee", "upfront_cash"]]
...     kg.query("org_deals", org_name="Genentech")                  # a named question
...     kg.sparql("SELECT ?n WHERE { ?o a lic:Organization ; lic:name ?n }")
...     G = kg.network()                         # networkx Graph of organizations

The store is opened read-only (a ``kg build`` may not run on it meanwhile).
pandas is an optional extra (``pip install 'dealgraph[pandas]'``); without
it, :meth:`DealStore.deal_rows`, :meth:`DealStore.query_result` and
:meth:`DealStore.network` still work.
"""
from __future__ import annotations

import os
from typing import Any

import networkx as nx

from kg.errors import KgError, QueryError

__all__ = ["DealStore", "open_store"]


def _pandas():
    try:
        import pandas as pd
    except ModuleNotFoundError:
        raise KgError("DataFrames need pandas: pip install 'dealgraph[pandas]' (or pip install pandas)") from None
    return pd


def _frame(columns: list[str], rows: list[tuple], *, money: frozenset = frozenset(), dates: frozenset = frozenset()):
    """A DataFrame with typed columns: money as float64, dates as datetime64, the rest as given."""
    from decimal import Decimal

    pd = _pandas()
    df = pd.DataFrame.from_records(rows, columns=columns)
    for c in columns:
        if c in dates:
            df[c] = pd.to_datetime(df[c])
        elif c in money or (len(df) and df[c].map(lambda v: isinstance(v, Decimal)).any()):
            df[c] = pd.to_numeric(df[c].map(lambda v: float(v) if isinstance(v, Decimal) else v), errors="coerce")
        else:
            i = columns.index(c)
            kinds = {type(r[i]) for r in rows if r[i] is not None}  # the raw values: pandas made None-ints floats
            if kinds == {int}:
                df[c] = df[c].astype("Int64")  # nullable: a missing year stays missing, not 2000.0
            elif kinds == {bool} and df[c].isna().any():
                df[c] = df[c].astype("boolean")  # True / False / <NA> (exclusivity not stated)
    return df


class DealStore:
    """A dealgraph store opened for reading; use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str]):
        from kg.store import Store

        self.path = os.fspath(path)
        if not os.path.isdir(self.path):
            raise KgError("no dealgraph store here (make one with `kg build FILINGS --store DIR`)", path=self.path)
        self._store = Store(self.path, create=False, read_only=True)

    # context manager
    def __enter__(self) -> DealStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Release the store (RocksDB files)."""
        self._store.close()

    def __repr__(self) -> str:
        return f"DealStore({self.path!r})"

    # the deal table
    def deal_rows(self, *, org: str | None = None, kind: str | None = None, since: str | None = None) -> list:
        """The deal table as :class:`kg.deals.DealRow` objects (no pandas needed); filters as :meth:`deals`."""
        from kg.deals import select

        return select(self._store, org=org, kind=kind, since=since)

    def deals(self, *, org: str | None = None, kind: str | None = None, since: str | None = None):
        """The deal table as a DataFrame: one row per agreement, the columns of ``kg deals`` (kg.deals.COLUMNS).

        ``org``: only deals this organization (any name it is written with) is a party to;
        ``kind``: only this agreement kind; ``since``: only deals dated on or after YYYY-MM-DD.
        Amounts are floats in the row's ``currency``; ``date`` and ``filing_date`` are datetimes.
        """
        from kg.deals import COLUMNS, DATE_COLUMNS, MONEY_COLUMNS

        rows = [r.values() for r in self.deal_rows(org=org, kind=kind, since=since)]
        return _frame(list(COLUMNS), rows, money=MONEY_COLUMNS | {"term_years", "renewal_years"}, dates=DATE_COLUMNS)

    # questions
    def query_result(self, name: str, **params: Any):
        """A named query's :class:`kg.query.QueryResult` (plain values, no pandas needed)."""
        from kg.query import run_query

        return run_query(self._store, name, {k: str(v) for k, v in params.items()})

    def query(self, name: str, **params: Any):
        """Run the named question ``name`` (``kg queries`` lists them) with keyword parameters; a DataFrame."""
        res = self.query_result(name, **params)
        return _frame(res.columns, res.rows)

    def sparql(self, text: str):
        """Run a read-only SPARQL query (prefixes lic:, rdfs:, xsd:, prov:, skos: predeclared).

        SELECT gives a DataFrame, ASK a bool, CONSTRUCT/DESCRIBE N-Triples text;
        updates raise :class:`kg.errors.QueryError`.
        """
        from kg.query import QueryResult
        from kg.sparql import run_adhoc, with_prefixes

        res = run_adhoc(self._store, with_prefixes(text))
        return _frame(res.columns, res.rows) if isinstance(res, QueryResult) else res

    def organizations(self):
        """Organizations taking part in deals: IRI, name, CIK, ticker, exchange, deals (count); a DataFrame."""
        from kg.analyze import load_deals

        deals, orgs = load_deals(self._store)
        count: dict[str, int] = {}
        for d in deals.values():
            for o in d.parties:
                count[o] = count.get(o, 0) + 1
        rows = [(o, a.get("name"), a.get("cik"), a.get("ticker"), a.get("exchange"), count.get(o, 0))
                for o, a in orgs.items()]
        rows.sort(key=lambda r: (-r[5], r[1] or "", r[0]))
        return _frame(["organization", "name", "cik", "ticker", "exchange", "deals"], rows)

    def network(self, kind: str = "organizations") -> nx.Graph:
        """A networkx graph: ``organizations`` (undirected, partners weighted by shared deals; the default),
        ``licensing`` (directed licensor -> licensee) or ``assets`` (bipartite organization--asset)."""
        from kg import analyze

        builders = {"organizations": analyze.org_network, "licensing": analyze.licensing_network,
                    "assets": analyze.asset_network}
        if kind not in builders:
            raise QueryError(f"unknown network {kind!r}; expected one of {', '.join(builders)}")
        return builders[kind](self._store)


def open_store(path: str | os.PathLike[str]) -> DealStore:
    """Open the store ``kg build`` made at ``path`` for reading (see the module docstring)."""
    return DealStore(path)
