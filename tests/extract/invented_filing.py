"""Invented filing texts read as ``kg build`` reads a file: the one reader of the paraphrase suites."""
from __future__ import annotations

from kg.document import Filing
from kg.extract import extract
from kg.facts import DealFacts


def extract_text(text: str, *, cover: str, doc_type: str, name: str = "doc.txt") -> DealFacts:
    """DealFacts of ``cover + text`` as a plain-text filing of ``doc_type`` at /tmp/case/``name``."""
    return extract(Filing.from_texts(cover + text, path=f"/tmp/case/{name}", doc_types=(doc_type,), fmt="text"))
