"""Upload the store's named graphs to a SPARQL 1.1 Graph Store Protocol endpoint (``kg push``).

Protocol: https://www.w3.org/TR/sparql11-http-rdf-update/ -- ``PUT ?graph=IRI``
replaces one graph, ``DELETE ?graph=IRI`` removes it, ``GET ?graph=IRI`` reads
it.  Oxigraph server (``/store``), Apache Jena Fuseki (``/ds/data``) and
GraphDB (``/repositories/R/rdf-graphs/service``) speak it.

Idempotent by content hash: every graph pushed (the documents' graphs and the
derived resolution graph with the deal table; never the local build manifest)
is recorded with the sha256 of its sorted N-Triples in a bookkeeping graph on
the server itself, :data:`PUSH_GRAPH` (vocabulary ``dgb:``, which no ``lic:``
query or shape matches), so any machine pushing to that server skips what the
server already holds.  Changed graphs are replaced whole (PUT); graphs the
server got from an earlier push and the store no longer has (their files were
removed with ``kg build --prune``) are deleted with ``prune=True`` and
reported otherwise.  The record is written after the graphs: a push stopped
half way re-sends what it had not recorded (PUT is idempotent).
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.errors import StoreError
from kg.remote import endpoint_urls
from kg.store import Store

__all__ = ["PUSH_GRAPH", "PushReport", "push", "graph_ntriples"]

#: The server-side record of pushed graphs: ``<graph> dgb:pushedSha256 "hex"``.
PUSH_GRAPH = "https://w3id.org/dealgraph/id/push-manifest"
_P_SHA = "https://w3id.org/dealgraph/build#pushedSha256"
#: (connect, read) seconds; why: an unreachable server must fail in seconds with a message.
TIMEOUT = (10, 300)
#: Graphs uploaded at once; why: one PUT is a server transaction of a few ms, and reading the next
#: graph from the store overlaps with the uploads in flight (bench/push.py has the numbers).
UPLOAD_THREADS = 4


@dataclass
class PushReport:
    """What a push did: graphs sent, skipped as unchanged, deleted, and left stale (no --prune)."""

    endpoint: str
    sent: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    quads_sent: int = 0
    quads_total: int = 0
    seconds: float = 0.0

    def format(self) -> str:
        """The summary ``kg push`` prints."""
        rate = f", {self.quads_sent / self.seconds:,.0f} quads/s" if self.quads_sent and self.seconds else ""
        lines = [f"endpoint: {self.endpoint}",
                 f"{len(self.sent)} graph(s) sent ({self.quads_sent:,} quads) in {self.seconds:.1f}s{rate}",
                 f"{self.unchanged} unchanged, {len(self.deleted)} deleted"]
        if self.stale:
            lines.append(f"{len(self.stale)} graph(s) on the server are no longer in the store "
                         "(kg push --prune deletes them)")
        return "\n".join(lines)


def graph_ntriples(store: Store, graph_iri: str) -> tuple[bytes, int]:
    """One named graph as sorted N-Triples bytes (the hashed and sent form) and its number of triples."""
    # Oxigraph writes the graph (in Rust: 1.5x faster than formatting quads here); lines sorted for a stable hash
    data = store.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri)) or b""
    lines = sorted(line for line in data.split(b"\n") if line)
    return b"".join(line + b"\n" for line in lines), len(lines)


class _Client:
    """The Graph Store Protocol calls, with one-line errors for refusals and unreachable servers."""

    def __init__(self, url: str):
        self.url = url
        self._local = threading.local()  # one keep-alive session per thread (requests.Session is not thread-safe)

    @property
    def http(self) -> Any:
        import requests

        s = getattr(self._local, "session", None)
        if s is None:
            s = self._local.session = requests.Session()
            s.headers["User-Agent"] = "dealgraph (kg push)"
        return s

    def call(self, method: str, graph: str, body: bytes | None = None, ok: tuple[int, ...] = ()) -> Any:
        import requests

        headers = {"Content-Type": "application/n-triples"} if body is not None else {}
        if method == "GET":
            headers["Accept"] = "application/n-triples"
        try:
            r = self.http.request(method, self.url, params={"graph": graph}, data=body, headers=headers,
                                  timeout=TIMEOUT)
        except requests.ConnectionError:
            raise StoreError(f"cannot reach the Graph Store endpoint {self.url} (is the server running?)") from None
        except requests.Timeout:
            raise StoreError(f"the Graph Store endpoint {self.url} did not answer {method} within "
                             f"{TIMEOUT[1]} s") from None
        if r.status_code >= 400 and r.status_code not in ok:
            first = " ".join(r.text.split())[:200]
            raise StoreError(f"the server refused {method} of graph <{graph}>: {r.status_code} {r.reason}"
                             + (f": {first}" if first else "") + f" ({self.url})")
        return r


def _remote_record(client: _Client) -> dict[str, str]:
    """graph IRI -> sha256 the server holds from earlier pushes ({} when none)."""
    r = client.call("GET", PUSH_GRAPH, ok=(404,))
    if r.status_code == 404 or not r.content:
        return {}
    try:
        triples = ox.parse(r.content, ox.RdfFormat.N_TRIPLES)
        return {t.subject.value: t.object.value for t in triples if t.predicate.value == _P_SHA}
    except SyntaxError as exc:
        raise StoreError(f"the server's push record <{PUSH_GRAPH}> is not N-Triples: {exc}") from None


def push(store: Store, endpoint: str, *, prune: bool = False, progress: bool = True) -> PushReport:
    """Upload every data graph of ``store`` to the Graph Store endpoint ``endpoint`` (see module docstring).

    ``endpoint``: the Graph Store URL, or a bare Oxigraph server address
    (``http://127.0.0.1:7878`` means ``/store``).  Raises :class:`StoreError`
    with one line when the server is unreachable or refuses a request.
    """
    from tqdm import tqdm

    _, url = endpoint_urls(endpoint)
    started = time.monotonic()
    client = _Client(url)
    report = PushReport(endpoint=url)
    remote = _remote_record(client)
    graphs = [g for g in store.graphs() if g != PUSH_GRAPH]
    record: dict[str, str] = {}
    bar = tqdm(graphs, unit="graph", desc="push", disable=not progress, leave=False)
    pending: deque[Future[Any]] = deque()
    with ThreadPoolExecutor(UPLOAD_THREADS) as pool:
        for g in bar:
            body, n = graph_ntriples(store, g)
            sha = hashlib.sha256(body).hexdigest()
            record[g] = sha
            report.quads_total += n
            if remote.get(g) == sha:
                report.unchanged += 1
                continue
            pending.append(pool.submit(client.call, "PUT", g, body))
            report.sent.append(g)
            report.quads_sent += n
            while len(pending) > 2 * UPLOAD_THREADS:  # bounded: at most a few graphs in memory
                pending.popleft().result()
        for f in pending:
            f.result()  # the first refusal raises here, after the uploads in flight finished
    bar.close()
    gone = sorted(set(remote) - set(record))
    for g in gone:
        if prune:
            client.call("DELETE", g, ok=(404,))
            report.deleted.append(g)
        else:
            record[g] = remote[g]  # still on the server: keep it recorded until pruned
            report.stale.append(g)
    if report.sent or report.deleted or not remote:
        lines = sorted(f"{ox.NamedNode(g)} <{_P_SHA}> {ox.Literal(sha)} .\n" for g, sha in record.items())
        client.call("PUT", PUSH_GRAPH, "".join(lines).encode("utf-8"))
    report.seconds = time.monotonic() - started
    return report
