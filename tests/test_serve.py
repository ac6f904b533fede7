"""kg serve against a running server: the explorer's pages, /sparql through SPARQLWrapper, and the guards.

Real parts: the corpus store built by kg.build, `kg serve` in its own process on a
free loopback port, SPARQLWrapper (a standard SPARQL 1.1 Protocol client).
Security: an organization named <script>alert(1)</script> & "Sons" renders as
text on every page; request values cannot reach SPARQL text; updates are
refused; an endless query is stopped by the time limit and the server goes on.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from serve_helpers import CORPUS, EVIL, corpus_store, free_port, hostile_store, kg_serve, running  # noqa: E402

from kg.query import run_query  # noqa: E402
from kg.store import Store  # noqa: E402

SPARQLWrapper = pytest.importorskip("SPARQLWrapper", reason="SPARQLWrapper (test extra) is not installed")


def _get(url: str, accept: str = "text/html") -> tuple[int, str, dict]:
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read().decode("utf-8"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8"), dict(e.headers)


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    store = corpus_store(tmp_path_factory.mktemp("corpus") / "store.kg")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running(kg_serve(store, port, "--timeout", "3", "--max-rows", "50"), url + "/"):
        yield url, store


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    store, org, deal = hostile_store(tmp_path_factory.mktemp("hostile") / "store.kg")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running(kg_serve(store, port), url + "/"):
        yield url, store, org, deal


def _seed_deals(store: Path) -> set[str]:
    """The seed filing's agreements, found through the store's own records (its source path)."""
    with Store(store, create=False, read_only=True) as st:
        rows = st.query("""PREFIX lic: <https://w3id.org/dealgraph/lic#>
            SELECT DISTINCT ?a WHERE { GRAPH ?g { ?a lic:agreementKind ?k } ?g lic:sourcePath ?p
                                       FILTER(CONTAINS(?p, "/corpus/seed/")) }""").rows
    return {str(r[0]) for r in rows}


def test_explorer_lists_the_seed_deals_and_sparqlwrapper_returns_them(corpus_server):
    url, store = corpus_server
    seed = _seed_deals(store)
    assert len(seed) >= 2
    status, page, headers = _get(url + "/?per_page=100&org=&page=1")
    assert status == 200 and "script-src" not in headers.get("content-security-policy", "x")
    listed = set()
    for n in range(1, 5):
        _s, page, _h = _get(url + f"/?page={n}")
        listed |= {"https://w3id.org/dealgraph/id/" + m for m in re.findall(r'href="/id/([^"]+/agreement/\d+)"', page)}
    assert seed <= listed
    from SPARQLWrapper import JSON, SPARQLWrapper as Client

    client = Client(url + "/sparql")
    client.setQuery("""PREFIX lic: <https://w3id.org/dealgraph/lic#>
        SELECT DISTINCT ?a ?kind WHERE { ?a lic:agreementKind ?kind }""")
    client.setReturnFormat(JSON)
    got = {b["a"]["value"] for b in client.query().convert()["results"]["bindings"]}
    assert seed <= got
    client.setMethod("POST")
    assert {b["a"]["value"] for b in client.query().convert()["results"]["bindings"]} == got


def test_results_by_content_negotiation(corpus_server):
    url, _ = corpus_server
    q = urllib.parse.urlencode({"query": "PREFIX lic: <https://w3id.org/dealgraph/lic#> "
                                "SELECT ?o ?n WHERE { ?o lic:cik ?n } ORDER BY ?o LIMIT 3"})
    status, body, h = _get(f"{url}/sparql?{q}", "application/sparql-results+json")
    assert status == 200 and h["content-type"].startswith("application/sparql-results+json")
    rows = json.loads(body)["results"]["bindings"]
    assert len(rows) == 3 and rows[0]["o"]["type"] == "uri"
    status, body, h = _get(f"{url}/sparql?{q}", "application/sparql-results+xml")
    assert status == 200 and "<sparql" in body and body.count("<result>") == 3
    status, body, h = _get(f"{url}/sparql?{q}", "text/csv")
    parsed = list(csv.reader(io.StringIO(body)))
    assert parsed[0] == ["o", "n"] and len(parsed) == 4 and parsed[1][0] == rows[0]["o"]["value"]
    status, body, h = _get(f"{url}/sparql?{q}", "text/tab-separated-values")
    lines = body.strip().split("\n")
    assert lines[0] == "?o\t?n" and lines[1].startswith("<" + rows[0]["o"]["value"] + ">\t")
    status, body, h = _get(f"{url}/sparql?{urllib.parse.urlencode({'query': 'ASK { ?s ?p ?o }'})}",
                           "application/sparql-results+json")
    assert json.loads(body)["boolean"] is True
    status, body, h = _get(f"{url}/sparql?{urllib.parse.urlencode({'query': 'SELECT * WHERE { ?s ?p ?o }'})}",
                           "application/sparql-results+json")
    assert len(json.loads(body)["results"]["bindings"]) == 50 and h.get("x-dealgraph-truncated") == "true"
    status, body, _ = _get(f"{url}/sparql?{urllib.parse.urlencode({'query': 'SELECT WHERE {'})}", "text/csv")
    assert status == 400 and "syntax error" in body


def test_endpoint_refuses_updates(corpus_server):
    url, store = corpus_server
    from SPARQLWrapper import POST, SPARQLWrapper as Client
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    before = len(Store(store, create=False, read_only=True))
    client = Client(url + "/sparql")
    client.setMethod(POST)
    client.setQuery('INSERT DATA { <https://example.org/a> <https://example.org/b> "c" }')
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as info:
        client.query()
    assert "403" in str(info.value) or "read-only" in str(info.value)
    data = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    req = urllib.request.Request(url + "/sparql", data=data, method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)
    assert err.value.code == 403 and "read-only" in err.value.read().decode()
    q = urllib.parse.urlencode({"query": 'INSERT DATA { <https://example.org/a> <https://example.org/b> "c" }'})
    status, body, _ = _get(f"{url}/sparql?{q}", "text/csv")
    assert status in (400, 403) and "read-only" in body
    assert len(Store(store, create=False, read_only=True)) == before


def test_endless_query_is_stopped_and_the_server_goes_on(corpus_server):
    url, _ = corpus_server
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    started = time.monotonic()
    status, body, _ = _get(f"{url}/sparql?{urllib.parse.urlencode({'query': endless})}", "text/csv")
    assert status == 503 and "time limit" in body
    assert time.monotonic() - started < 30  # the limit is 3 s; generous for a loaded machine
    status, body, _ = _get(f"{url}/sparql?{urllib.parse.urlencode({'query': 'ASK { ?s ?p ?o }'})}", "text/csv")
    assert status == 200 and "true" in body


def test_an_organization_named_like_markup_renders_as_text_everywhere(hostile_server):
    url, _store, org, deal = hostile_server
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Sons&#34;"
    pages = {"list": f"/?org={urllib.parse.quote('script')}", "list-all": "/?sort=parties&dir=asc",
             "deal": "/id/" + deal.split("/id/", 1)[1], "org": "/id/" + org.split("/id/", 1)[1],
             "sparql": "/sparql?format=html&" + urllib.parse.urlencode(
                 {"query": "PREFIX lic: <https://w3id.org/dealgraph/lic#> SELECT ?n WHERE { ?o lic:name ?n }"})}
    for what, path in pages.items():
        status, page, headers = _get(url + path)
        assert status == 200, what
        assert escaped in page, what
        assert "<script" not in page.lower(), what
        assert "script-src" not in headers["content-security-policy"] and "default-src 'none'" in headers[
            "content-security-policy"]
    _s, deal_page, _h = _get(url + pages["deal"])
    assert "USD 12,000,000" in deal_page and "characters 100–" in deal_page


def test_request_values_cannot_reach_sparql(hostile_server):
    url, store, org, _deal = hostile_server
    before = len(Store(store, create=False, read_only=True))
    for value in ['") } ; DROP ALL ; #', '"} UNION { ?s ?p ?o } #', "' OR 1=1 --"]:
        status, page, _ = _get(url + "/?" + urllib.parse.urlencode({"org": value, "kind": value, "currency": value,
                                                                    "min_upfront": value, "year_from": value}))
        assert status == 200 and "No deal matches these filters." in page
    for path in ["/id/org/x%3E%20%3Fs%20%3Fp%20%3Fo%20%3C", "/id/org/x>%20DROP%20ALL", "/id/"]:
        status, _page, _ = _get(url + path)
        assert status == 404, path
    assert len(Store(store, create=False, read_only=True)) == before
    status, page, _ = _get(url + "/?" + urllib.parse.urlencode({"org": org}))
    assert status == 200 and page.count('href="/id/doc/') >= 1


def test_filters_sort_and_pages(corpus_server):
    url, store = corpus_server
    with Store(store, create=False, read_only=True) as st:
        top = run_query(st, "biggest_upfronts").rows
        n_deals = len(run_query(st, "all_deals").rows)
    amount = top[0][3]
    _s, page, _ = _get(url + "/?" + urllib.parse.urlencode({"min_upfront": str(amount), "currency": "USD"}))
    assert page.count('<tr>') - 1 == sum(1 for r in top if r[3] >= amount)
    assert f"USD {amount:,.0f}" in page
    _s, page, _ = _get(url + "/?sort=date&dir=asc")
    cells = re.findall(r'<td class="nowrap"><a href="/id/[^"]+">([^<]+)</a>', page)
    dates = [c for c in cells if c != "undated"]
    assert len(cells) == min(25, n_deals) and dates == sorted(dates) and len(dates) >= 20
    assert cells == dates + ["undated"] * (len(cells) - len(dates))  # undated deals come last
    _s, page2, _ = _get(url + "/?sort=date&dir=asc&page=2")
    if n_deals > 25:  # a second page holds other deals than the first
        assert "page 2 of" in page2 and re.findall(r'href="(/id/[^"]+/agreement/\d+)"', page2)[0] not in page
    else:  # one page of deals: asking for the second shows the last page, never an error
        assert _s == 200 and "page 1 of 1" in page
