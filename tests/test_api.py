"""kg.api, used as a notebook would: open a store, read the deal table into pandas, ask a named
question, run ad-hoc SPARQL, take the network into networkx (the README's example, end to end)."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.deals import COLUMNS
from kg.errors import KgError, QueryError

pd = pytest.importorskip("pandas", reason="the notebook API's DataFrames need pandas (pip install '.[pandas]')")

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "seed.kg"
    assert CliRunner().invoke(cli, ["build", str(SEED), "--store", str(path), "-q"]).exit_code == 0
    return path


def test_notebook_session(store_path):
    from kg.api import open_store

    with open_store(store_path) as kg:
        # 1. the deal table, typed for analysis
        deals = kg.deals()
        assert list(deals.columns) == list(COLUMNS) and len(deals) == 2
        assert str(deals["upfront_cash"].dtype) == "float64" and str(deals["date"].dtype).startswith("datetime64")
        new = deals[deals["status"] == "new"].iloc[0]
        assert (new["licensor"], new["licensee"], new["upfront_cash"], new["milestones_total"]) == \
            ("ImmunoGen, Inc.", "Genentech, Inc.", 3e6, 4e7)
        assert new["date"] == pd.Timestamp("2000-05-08") and new["year"] == 2000
        assert deals.groupby("kind").size().to_dict() == {"collaboration": 1, "license": 1}
        assert deals["upfront_cash"].sum() == 3e6  # NaN (not stated) is skipped, never counted as 0 deals
        assert len(kg.deals(kind="license")) == 1 and len(kg.deals(org="Genentech", since="2000-05-05")) == 1

        # 2. a named question with keyword parameters
        mine = kg.query("org_deals", org_name="Genentech")
        assert set(mine["role"]) == {"licensee"} and set(mine["partners"]) == {"ImmunoGen, Inc."}
        upfronts = kg.query("biggest_upfronts", currency="USD")
        assert upfronts["amount"].tolist() == [3e6]

        # 3. ad-hoc SPARQL (lic: is predeclared); ASK answers a bool
        pays = kg.sparql("SELECT ?kind (COUNT(*) AS ?n) WHERE { ?p lic:paymentKind ?kind } GROUP BY ?kind ORDER BY ?kind")
        assert dict(zip(pays["kind"], pays["n"])) == {"milestone": 1, "reimbursement": 1, "royalty": 1, "upfront": 1}
        assert kg.sparql('ASK { ?a lic:status "terminated" }') is False
        with pytest.raises(QueryError, match="read-only"):
            kg.sparql("CLEAR ALL")

        # 4. organizations and the network
        orgs = kg.organizations()
        assert orgs.set_index("name")["deals"].to_dict() == {"Genentech, Inc.": 2, "ImmunoGen, Inc.": 2}
        G = kg.network()
        assert isinstance(G, nx.Graph) and G.number_of_nodes() == 2
        (a, b, w), = G.edges(data="weight")
        assert {G.nodes[a]["name"], G.nodes[b]["name"]} == {"Genentech, Inc.", "ImmunoGen, Inc."} and w == 2
        assert nx.pagerank(G)[a] == pytest.approx(0.5)
        D = kg.network("licensing")
        assert [(D.nodes[u]["name"], D.nodes[v]["name"]) for u, v in D.edges] == [("ImmunoGen, Inc.", "Genentech, Inc.")]


def test_open_store_errors(tmp_path):
    from kg.api import open_store

    with pytest.raises(KgError, match="no dealgraph store"):
        open_store(tmp_path / "nowhere")
    with pytest.raises(KgError, match="no store here"):
        open_store(tmp_path)


def test_readme_shows_the_api():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for call in ("from kg.api import open_store", ".deals()", ".query(", ".sparql(", ".organizations()", ".network()"):
        assert call in readme, call
