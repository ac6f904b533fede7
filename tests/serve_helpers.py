"""Test helpers for kg serve / kg push: real servers in subprocesses on free loopback ports, real stores.

- :func:`corpus_store` builds the shared corpus with ``kg build``'s library function (real
  reading, extraction, SHACL, resolution) into a directory;
- :func:`hostile_store` writes generated deals plus one whose licensor is named
  ``<script>alert(1)</script> & "Sons"`` (through kg.rdf and kg.resolve, as a build would);
- :func:`running` starts a command, waits until its URL answers, and stops it (by its own pid).
"""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from decimal import Decimal
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus"
EVIL = '<script>alert(1)</script> & "Sons"'


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(cmd: list[str], url: str, *, timeout: float = 60.0) -> Iterator[subprocess.Popen]:
    """Run ``cmd`` until the block ends; first wait until ``url`` answers any HTTP status."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
                raise RuntimeError(f"{cmd[:4]} exited with {proc.returncode}: {out[-2000:]}")
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} did not answer within {timeout} s") from None
                time.sleep(0.2)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        if proc.stdout:
            proc.stdout.close()


def kg_serve(store: Path | str, port: int, *extra: str) -> list[str]:
    """The command line of ``kg serve`` on ``store`` at 127.0.0.1:``port``."""
    return [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port), *extra]


def oxigraph_server(location: Path, port: int, *, read_only: bool = False) -> list[str]:
    """The command line of a real Oxigraph server (the ``oxigraph`` PyPI package) with a union default graph."""
    exe = Path(sys.executable).with_name("oxigraph")
    binary = str(exe) if exe.exists() else "oxigraph"
    if read_only:
        return [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                "--union-default-graph"]
    return [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"]


def corpus_store(path: Path) -> Path:
    """The shared corpus built into a store at ``path`` by kg.build (as ``kg build`` does)."""
    from kg.build import build

    report = build([str(CORPUS)], str(path), progress=False)
    assert report.ok, report.format(verbose=True)
    return path


def hostile_store(path: Path, n_deals: int = 30) -> tuple[Path, str, str]:
    """Generated deals plus one licensed by an organization named :data:`EVIL`; returns (store, org IRI, deal IRI)."""
    from bench._synth import iter_facts
    from kg.facts import Agreement, AgreementKind, DealFacts, Evidence, FilingFacts, Organization, Payment, PaymentKind
    from kg.rdf import facts_to_graph
    from kg.resolve import resolve
    from kg.store import Store

    quote = f'{EVIL} grants Acme Bio Corp. an exclusive license for an upfront payment of $12 million.'
    ev = Evidence(0, 100, 100 + len(quote), quote)
    evil = DealFacts(
        path="/filings/evil-8k.txt", sha256="e" * 64,
        filing=FilingFacts(form="8-K", filer="Acme Bio Corp.", date="2021-03-04", accession_number="0000000000-21-000777"),
        organizations=[Organization(f"{EVIL}, Inc.", evidence=ev), Organization("Acme Bio Corp.", evidence=ev)],
        agreements=[Agreement(AgreementKind.LICENSE, date="2021-03-01", parties=[f"{EVIL}, Inc.", "Acme Bio Corp."],
                              licensor=f"{EVIL}, Inc.", licensee="Acme Bio Corp.", exclusive=True,
                              territory=f"{EVIL} territory",
                              payments=[Payment(PaymentKind.UPFRONT, Decimal(12000000), "USD", evidence=ev)],
                              evidence=ev)])
    with Store(path) as st:
        doc_iri = None
        for facts in [*iter_facts(n_deals, 7), evil]:
            doc, graph = facts_to_graph(facts)
            st.replace_graph(doc, graph, source_path=facts.path, sha256=facts.sha256)
            doc_iri = str(doc)
        resolve(st)
        st.mark_derived_fresh()
        org = next(r[0] for r in st.query(
            "PREFIX lic: <https://w3id.org/dealgraph/lic#> SELECT ?o WHERE { ?o lic:name ?n FILTER(STRSTARTS(?n, '<script>')) }").rows)
    return path, str(org), f"{doc_iri}/agreement/1"
