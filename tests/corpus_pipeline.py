"""Test helper: the shared corpus through the real pipeline into an in-memory store, not yet resolved.

kg.sources -> kg.extract -> kg.rdf -> kg.store, one named graph per filing;
filings that raise a KgError are left out (the build tests cover those).
Used by the query and resolution tests, which then resolve the store themselves.
"""
from __future__ import annotations

from pathlib import Path

from kg.errors import KgError
from kg.extract import extract
from kg.rdf import facts_to_graph
from kg.sources import read_file
from kg.store import Store

FILING_SUFFIXES = (".txt", ".htm", ".html")


def unresolved_corpus_store(corpus: Path) -> Store:
    """Every filing file below ``corpus`` extracted and written to a new in-memory Store."""
    st = Store(None)
    for path in sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in FILING_SUFFIXES
                       and p.name != "README.md"):
        try:
            filing = read_file(str(path))
            facts = extract(filing)
        except KgError:
            continue
        iri, graph = facts_to_graph(facts, filing)
        st.replace_graph(iri, graph, source_path=str(path), sha256=facts.sha256)
    return st
