"""Extraction: a :class:`kg.document.Filing` in, :class:`kg.facts.DealFacts` out.

One module per concern (DESIGN.md "Extraction"); this package's ``extract``
is the only entry point the rest of dealgraph calls.
"""
from __future__ import annotations

from kg.document import Filing
from kg.facts import DealFacts

__all__ = ["extract"]


def extract(filing: Filing) -> DealFacts:
    """All facts of one input file.  (Skeleton: filled in by the extract modules.)"""
    return DealFacts(path=filing.path, sha256=filing.sha256)
