"""People with titles and organizations (``lic:Person``).  Skeleton."""
from __future__ import annotations

from kg.document import Filing
from kg.facts import Organization, Person

__all__ = ["extract_people"]


def extract_people(filing: Filing, organizations: list[Organization]) -> list[Person]:
    """Signatories, contacts and quoted executives of ``filing``."""
    return []
