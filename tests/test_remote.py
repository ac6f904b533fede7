"""kg push and kg query --endpoint against a real Oxigraph server (the `oxigraph` PyPI package).

The corpus store is built by kg.build, pushed with the Graph Store Protocol to a
server started here on a free loopback port, and every named query must give
the same rows remotely (standard SPARQL formulation, parameters bound as text)
as locally.  A second push sends nothing; --prune deletes graphs whose files left.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

sys.path.insert(0, str(Path(__file__).parent))
from serve_helpers import CORPUS, corpus_store, free_port, oxigraph_server, running  # noqa: E402

from bench._steps import normalize_rows  # noqa: E402
from kg.cli import cli  # noqa: E402
from kg.errors import QueryError, StoreError  # noqa: E402
from kg.push import PUSH_GRAPH, push  # noqa: E402
from kg.query import list_queries, load_query, run_query  # noqa: E402
from kg.remote import bind_parameters, portable_query, remote_select, run_query_remote  # noqa: E402
from kg.store import Store  # noqa: E402

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")
needs_oxigraph = pytest.mark.skipif(shutil.which("oxigraph") is None and not Path(sys.executable).with_name("oxigraph").exists(),
                                    reason="the oxigraph server (pip install oxigraph) is not installed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return corpus_store(tmp_path_factory.mktemp("corpus") / "store.kg")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running(oxigraph_server(tmp_path_factory.mktemp("oxigraph") / "db", port), url + "/query"):
        yield url


def _params(store: Store) -> dict[str, str]:
    """A value for every declared parameter, taken from the store itself (no document named in the test)."""
    top = run_query(store, "top_licensors_licensees").rows
    licensor = next(name for role, _o, name, _n in top if role == "licensor")
    licensee = next(name for role, _o, name, _n in top if role == "licensee")
    deal = run_query(store, "biggest_upfronts").rows[0]
    return {"currency": "USD", "org_name": licensee, "org_a": licensor, "org_b": licensee, "text": licensee.split()[0],
            "date_from": "1990-01-01", "date_to": "2030-12-31", "agreement": deal[0], "fact": deal[0],
            "min_amount": str(deal[3] / 2)}


@needs_corpus
@needs_oxigraph
def test_push_then_every_named_query_gives_the_local_rows(corpus, server):
    with Store(corpus, create=False, read_only=True) as st:
        first = push(st, server, progress=False)
        assert first.sent and first.quads_sent == first.quads_total == len(st)
        assert first.unchanged == 0
        values = _params(st)
        checked = nonempty = 0
        for name, _ in list_queries():
            params = {p.name: values[p.name] for p in load_query(name).params}
            local = run_query(st, name, params)
            remote = run_query_remote(server, name, params)
            assert remote.columns == local.columns, name
            assert normalize_rows(remote.columns, remote.rows) == normalize_rows(local.columns, local.rows), name
            checked += 1
            nonempty += bool(local.rows)
        assert checked == len(list_queries()) and nonempty >= 12, (checked, nonempty)
        again = push(st, server, progress=False)
        assert again.sent == [] and again.quads_sent == 0 and again.unchanged == len(first.sent)


@needs_corpus
@needs_oxigraph
def test_cli_query_endpoint_equals_local(corpus, server):
    runner = CliRunner()
    pushed = runner.invoke(cli, ["push", "--store", str(corpus), "--endpoint", server, "-q"])
    assert pushed.exit_code == 0, pushed.output
    local = runner.invoke(cli, ["query", "top_licensors_licensees", "--store", str(corpus), "--format", "json"])
    remote = runner.invoke(cli, ["query", "top_licensors_licensees", "--endpoint", server, "--format", "json"])
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(local.output) and json.loads(local.output)
    both = runner.invoke(cli, ["query", "top_licensors_licensees", "--store", str(corpus), "--endpoint", server])
    assert both.exit_code == 2 and "either --store DIR or --endpoint URL" in both.output


@needs_corpus
@needs_oxigraph
def test_push_replaces_changed_graphs_and_prunes_removed_ones(corpus, tmp_path):
    store = tmp_path / "copy.kg"
    shutil.copytree(corpus, store)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running(oxigraph_server(tmp_path / "db", port), url + "/query"):
        with Store(store, create=False, read_only=True) as st:
            push(st, url, progress=False)
            manifest = st.manifest()
        gone_path, (gone_graph, _sha) = next(iter(manifest.items()))
        with Store(store) as st:
            st.forget_source(gone_path)
        with Store(store, create=False, read_only=True) as st:
            kept = push(st, url, progress=False)
            assert kept.sent == [] and kept.stale == [gone_graph]  # without --prune: reported, left alone
            assert remote_select(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{gone_graph}> {{ ?s ?p ?o }} }}").rows[0][0] > 0
            pruned = push(st, url, prune=True, progress=False)
            assert pruned.deleted == [gone_graph]
            assert remote_select(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{gone_graph}> {{ ?s ?p ?o }} }}").rows[0][0] == 0
            graphs = {r[0] for r in remote_select(url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows}
            assert graphs == set(st.graphs()) | {PUSH_GRAPH}


@needs_oxigraph
def test_push_to_unreachable_and_refusing_servers_says_so(tmp_path):
    with Store(None) as st:
        st.add_quads([(URIRef("https://w3id.org/dealgraph/id/x"), URIRef("https://w3id.org/dealgraph/lic#name"),
                       Literal("x"), URIRef("https://w3id.org/dealgraph/id/doc/x"))])
        with pytest.raises(StoreError, match=r"cannot reach the Graph Store endpoint .*is the server running"):
            push(st, f"http://127.0.0.1:{free_port()}", progress=False)
        port = free_port()
        (tmp_path / "db").mkdir()
        Store(tmp_path / "db").close()  # serve-read-only needs an existing database
        url = f"http://127.0.0.1:{port}"
        with running(oxigraph_server(tmp_path / "db", port, read_only=True), url + "/query"):
            with pytest.raises(StoreError, match=r"the server refused PUT of graph .*: 4\d\d"):
                push(st, url, progress=False)
    result = CliRunner().invoke(cli, ["query", "top_licensors_licensees", "--endpoint", f"http://127.0.0.1:{free_port()}"])
    assert result.exit_code == 2 and "cannot reach the SPARQL endpoint" in result.output


def test_parameters_are_bound_as_terms_not_as_query_text():
    from kg.query import Param, _term

    nasty = 'x" } } ; DROP ALL ; SELECT * { ?s ?p "'
    text = bind_parameters(load_query("org_deals").sparql, {"org_name": _term("q", Param("org_name", "string"), nasty)})
    assert "DROP ALL" in text and '\\"' in text  # the quote is escaped inside one literal
    st = Store(None)
    assert run_query(st, "org_deals", {"org_name": "x"}).rows == []
    from kg.query import run_sparql
    assert run_sparql(st, text).rows == []  # parses as one SELECT: the value stayed a literal


def test_lateral_queries_declare_it_and_have_a_standard_formulation():
    lateral = [n for n, _ in list_queries() if "LATERAL" in load_query(n).sparql.split("WHERE", 1)[-1]]
    assert lateral, "no query uses LATERAL: the test proves nothing"
    for name in lateral:
        nq = load_query(name)
        assert "# extension: LATERAL" in nq.sparql
        port = portable_query(nq)
        body = "\n".join(l for l in port.sparql.splitlines() if not l.lstrip().startswith("#"))
        assert "LATERAL" not in body and port.params == nq.params and port.columns == nq.columns
    with pytest.raises(QueryError, match="not an http"):
        run_query_remote("ftp://example", "top_licensors_licensees")


@needs_corpus
@needs_oxigraph
def test_cli_sparql_endpoint_equals_local(corpus, server):
    runner = CliRunner()
    assert runner.invoke(cli, ["push", "--store", str(corpus), "--endpoint", server, "-q"]).exit_code == 0
    q = "SELECT ?a ?k WHERE { ?a lic:agreementKind ?k } ORDER BY ?a"
    local = runner.invoke(cli, ["sparql", "--store", str(corpus), q, "--format", "json"])
    remote = runner.invoke(cli, ["sparql", "--endpoint", server, q, "--format", "json"])
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(local.output) and json.loads(local.output)
    ask = runner.invoke(cli, ["sparql", "--endpoint", server, "ASK { ?a lic:agreementKind ?k }"])
    assert ask.exit_code == 0 and ask.output.strip() == "true"
    upd = runner.invoke(cli, ["sparql", "--endpoint", server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }"])
    assert upd.exit_code != 0 and "read-only" in upd.output
