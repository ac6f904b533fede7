"""DealFacts: what extraction produces, typed, with evidence, and nothing about RDF.

This is the seam of the design (DESIGN.md section 1): extractors return these
dataclasses; ``kg.rdf`` maps them to triples; :meth:`DealFacts.to_gold`
prints them as GOLD_SCHEMA JSON (``../shared/eval/GOLD_SCHEMA.md``) so that
``eval/score.py`` can measure extraction without any RDF in the way.

Closed value sets are enums (house rule 6): a typo in a term raises.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

__all__ = [
    "AgreementKind",
    "AgreementStatus",
    "PaymentKind",
    "Bound",
    "Evidence",
    "FilingFacts",
    "Organization",
    "Payment",
    "Agreement",
    "Person",
    "Product",
    "DealFacts",
]


class AgreementKind(str, Enum):
    """``lic:agreementKind`` values (GOLD_SCHEMA ``agreements[].kind``)."""

    LICENSE = "license"
    COLLABORATION = "collaboration"
    OPTION = "option"
    CO_DEVELOPMENT = "co-development"
    CO_PROMOTION = "co-promotion"
    SUPPLY = "supply"
    DISTRIBUTION = "distribution"
    RESEARCH = "research"
    SETTLEMENT = "settlement"
    ACQUISITION = "acquisition"
    OTHER = "other"


class AgreementStatus(str, Enum):
    """``lic:status`` values: the agreement's state as this document reports it."""

    NEW = "new"
    AMENDED = "amended"
    TERMINATED = "terminated"
    REFERENCED = "referenced"
    OPTION_EXERCISED = "option-exercised"


class PaymentKind(str, Enum):
    """``lic:paymentKind`` values (GOLD_SCHEMA ``payments[].kind``)."""

    UPFRONT = "upfront"
    MILESTONE = "milestone"
    ROYALTY = "royalty"
    EQUITY = "equity"
    RESEARCH_FUNDING = "research-funding"
    LICENSE_FEE = "license-fee"
    REIMBURSEMENT = "reimbursement"
    LOAN = "loan"
    OTHER = "other"


class Bound(str, Enum):
    """``lic:bound``: how a stated amount bounds the payment ("up to" -> UP_TO)."""

    EXACT = "exact"
    UP_TO = "up-to"
    APPROXIMATELY = "approximately"
    AT_LEAST = "at-least"


@dataclass(frozen=True)
class Evidence:
    """``lic:Evidence``: the quoted sentence a fact came from.

    ``document`` is the index of the Document in its Filing; ``start``/``end``
    are character offsets in that document's text; ``quote`` is the text
    between them (a sentence, trimmed to at most ~40 words).
    """

    document: int
    start: int
    end: int
    quote: str


@dataclass
class FilingFacts:
    """Cover page / header facts (``lic:Filing``; 8-K cover, SEC header, dei: tags)."""

    form: str | None = None
    filer: str | None = None
    cik: str | None = None  # 10 digits
    date: str | None = None  # ISO
    items: list[str] = field(default_factory=list)
    exhibits: list[str] = field(default_factory=list)
    accession_number: str | None = None
    jurisdiction: str | None = None
    commission_file_number: str | None = None
    irs_ein: str | None = None
    address: str | None = None
    phone: str | None = None
    ticker: str | None = None
    exchange: str | None = None
    evidence: Evidence | None = None


@dataclass
class Organization:
    """``lic:Organization``: a company, university or institution."""

    name: str
    aliases: list[str] = field(default_factory=list)
    ticker: str | None = None
    exchange: str | None = None
    cik: str | None = None
    jurisdiction: str | None = None
    parent: str | None = None  # name of the parent organization, when stated
    evidence: Evidence | None = None
    # a party a contract form leaves unnamed, known only by its role ("Franchisee", "Customer"): one
    # organization of this document, never the same node as another document's "Franchisee"
    placeholder: bool = False


@dataclass
class Payment:
    """``lic:Payment``: one stated payment obligation of an agreement.

    ``amount`` is in the currency's unit; ``redacted`` is True when the text
    hides the amount (``[***]``), in which case ``amount`` stays None.
    """

    kind: PaymentKind
    amount: Decimal | None = None
    currency: str | None = None  # ISO 4217
    bound: Bound | None = None
    per: str | None = None  # "antigen target", "product", "year" ...
    rate: str | None = None  # royalty rate: a number as text ("50") or a phrase ("mid-teens")
    redacted: bool = False
    description: str | None = None
    evidence: Evidence | None = None


@dataclass
class Agreement:
    """``lic:Agreement``: one distinct agreement the filing describes."""

    kind: AgreementKind
    status: AgreementStatus = AgreementStatus.NEW
    date: str | None = None  # ISO date, or YYYY-MM when only the month is stated
    parties: list[str] = field(default_factory=list)  # Organization.name values
    licensor: str | None = None
    licensee: str | None = None
    exclusive: bool | None = None
    subject: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    territory: str | None = None
    field_of_use: str | None = None
    term_years: float | None = None
    renewal_years: float | None = None
    option: str | None = None
    governing_law: str | None = None
    effective_date: str | None = None
    expiration_date: str | None = None
    title: str | None = None  # the contract's own title, when it has one
    person_parties: list[str] = field(default_factory=list)  # names in ``parties`` that are people (lic:Person)
    payments: list[Payment] = field(default_factory=list)
    evidence: Evidence | None = None
    # Provenance for the build report, not a GOLD_SCHEMA field (to_gold leaves both out):
    reader: str | None = None  # which reader produced it: "contract" or "narrative" (kg.extract)
    amends: Agreement | None = field(default=None, repr=False, compare=False)  # lic:amends, when read too


@dataclass
class Person:
    """``lic:Person`` with a title at an organization (signatory, contact, quoted executive)."""

    name: str
    title: str | None = None
    organization: str | None = None
    evidence: Evidence | None = None


@dataclass
class Product:
    """``lic:Product``: a named product or drug candidate."""

    name: str
    organization: str | None = None
    evidence: Evidence | None = None


def _num(value: Decimal | float | None):
    """JSON number for a Decimal/float: int when whole, else float; None stays None."""
    if value is None:
        return None
    f = float(value)
    return int(f) if f.is_integer() else f


@dataclass
class DealFacts:
    """Everything extracted from one input file (one :class:`kg.document.Filing`)."""

    path: str
    sha256: str
    filing: FilingFacts = field(default_factory=FilingFacts)
    organizations: list[Organization] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)

    def to_gold(self) -> dict:
        """This document's facts as one GOLD_SCHEMA object (plus ``path``)."""
        f = self.filing
        return {
            "path": self.path,
            "sha256": self.sha256,
            "filing": {
                "form": f.form,
                "filer": f.filer,
                "cik": f.cik,
                "date": f.date,
                "items": list(f.items),
                "exhibits": list(f.exhibits),
                "accession_number": f.accession_number,
                "jurisdiction": f.jurisdiction,
                "commission_file_number": f.commission_file_number,
                "irs_ein": f.irs_ein,
                "address": f.address,
                "phone": f.phone,
            },
            "organizations": [
                {
                    "name": o.name,
                    "aliases": list(o.aliases),
                    "ticker": o.ticker,
                    "exchange": o.exchange,
                    "cik": o.cik,
                    "jurisdiction": o.jurisdiction,
                    "parent": o.parent,
                }
                for o in self.organizations
            ],
            "agreements": [
                {
                    "kind": a.kind.value,
                    "status": a.status.value,
                    "date": a.date,
                    "parties": list(a.parties),
                    "licensor": a.licensor,
                    "licensee": a.licensee,
                    "exclusive": a.exclusive,
                    "subject": list(a.subject),
                    "products": list(a.products),
                    "territory": a.territory,
                    "field": a.field_of_use,
                    "term_years": _num(a.term_years),
                    "renewal_years": _num(a.renewal_years),
                    "option": a.option,
                    "governing_law": a.governing_law,
                    "effective_date": a.effective_date,
                    "expiration_date": a.expiration_date,
                    "title": a.title,
                    "payments": [
                        {
                            "kind": p.kind.value,
                            "amount": _num(p.amount),
                            "currency": p.currency,
                            "bound": p.bound.value if p.bound else None,
                            "per": p.per,
                            "rate": p.rate,
                            "redacted": p.redacted,
                        }
                        for p in a.payments
                    ],
                    "evidence": a.evidence.quote if a.evidence else None,
                }
                for a in self.agreements
            ],
            "people": [
                {"name": p.name, "title": p.title, "organization": p.organization} for p in self.people
            ],
            "products": [{"name": p.name, "organization": p.organization} for p in self.products],
        }
