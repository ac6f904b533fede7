"""Contracts (EX-10 style): title, preamble parties, dates, governing law, term.  (Work in progress.)"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.document import Filing
from kg.extract.dates import DATE_RE, find_dates
from kg.facts import Agreement, Organization

__all__ = ["ContractFacts", "extract_contract", "contract_date"]

# Preamble date phrases of contracts: "dated as of", "made and entered into as of", "entered into on",
# "effective as of", "Dated:", "Effective Date:", "Date" (title pages).
_DATE_CUE = re.compile(
    r"\b(?:dated|made|entered\s+into|executed|effective|agreement\s+date|effective\s+date|date)\b"
    r"(?:\s+(?:and\s+)?(?:entered\s+into|made|effective))?\s*(?:as\s+of|on|:)?\s*(?:this|the)?\s*",
    re.I,
)


@dataclass
class ContractFacts:
    """What a contract's own text says about itself: the agreement and its parties."""

    agreement: Agreement
    organizations: list[Organization] = field(default_factory=list)


def contract_date(text: str, limit: int = 6000) -> str | None:
    """The agreement date a contract's preamble or title page states (a full ISO date), else None."""
    head = text[:limit]
    recitals = re.search(r"\b(?:WHEREAS|RECITALS|WITNESSETH|BACKGROUND)\b", head)
    if recitals:  # dates after the recitals start describe other agreements
        head = head[: recitals.start()]
    for m in _DATE_CUE.finditer(head):
        d = DATE_RE.match(head, m.end())
        if d:
            found = find_dates(d.group(0))
            if found and len(found[0][2]) == 10:
                return found[0][2]
    return None


def extract_contract(filing: Filing, document: int) -> ContractFacts | None:
    """Facts of the contract in ``filing.documents[document]``; None if it is not a contract."""
    return None
