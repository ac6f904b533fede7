"""Cover page and header facts of a filing (``lic:Filing``).  Skeleton."""
from __future__ import annotations

from kg.document import Filing
from kg.facts import FilingFacts

__all__ = ["extract_filing_facts"]


def extract_filing_facts(filing: Filing) -> FilingFacts:
    """Form, filer, CIK, date, items, exhibits and cover-page details of ``filing``."""
    return FilingFacts()
