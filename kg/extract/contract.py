"""Contracts (EX-10 style): title, preamble parties, dates, governing law, term.  Skeleton."""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.document import Filing
from kg.facts import Agreement, Organization

__all__ = ["ContractFacts", "extract_contract"]


@dataclass
class ContractFacts:
    """What a contract's own text says about itself: the agreement and its parties."""

    agreement: Agreement
    organizations: list[Organization] = field(default_factory=list)


def extract_contract(filing: Filing, document: int) -> ContractFacts | None:
    """Facts of the contract in ``filing.documents[document]``; None if it is not a contract."""
    return None
