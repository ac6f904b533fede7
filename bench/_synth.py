"""Deterministic synthetic deal facts for the scale benchmark (bench/scale.py) and its tests.

Generates :class:`kg.facts.DealFacts` (one per synthetic filing) with the shape
of real licensing disclosures: a few organizations and technology platforms
take part in many deals (Zipf-like popularity), one or two agreements per
filing, 1-4 payments per agreement, evidence quotes, people and products.
A small, exactly known set of defects is injected so validation has
something to find; :func:`expected_violations` says what SHACL must report
for them (``(focus, path, sourceShape, constraintComponent)`` keys, as
:func:`kg.validate.result_key`).

Everything is a pure function of ``(n_deals, seed)``: filing ``i`` is built
from its own ``random.Random`` seeded with ``"<seed>:<i>"``, so any slice of
filings can be generated independently (the benchmark maps slices in
parallel worker processes and gets the same bytes as a single process).
"""
from __future__ import annotations

import hashlib
import random
from bisect import bisect
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate
from typing import Iterator

from kg import iris
from kg.facts import (Agreement, AgreementKind, AgreementStatus, Bound, DealFacts, Evidence, FilingFacts,
                      Organization, Payment, PaymentKind, Person, Product)

__all__ = [
    "DEFECT_KINDS",
    "Defect",
    "Universe",
    "universe",
    "n_filings",
    "filing_facts",
    "iter_facts",
    "defects",
    "expected_violations",
    "filing_text",
]

LIC = "https://w3id.org/dealgraph/lic#"
SH = "https://w3id.org/dealgraph/shapes#"

#: Injected defect kinds, each the class of extractor error a shape guards against.
DEFECT_KINDS = ("negative-amount", "self-deal", "missing-evidence", "bad-cik", "bad-currency")
#: Fraction of deals that carry a defect (at least one deal per kind is always defective).
DEFECT_RATE = 0.002

# Filings 0..9 of every block of ten describe 1,1,...,1,2 agreements: about one
# filing in ten reports two agreements (a licence plus an option, an amendment).
_AGREEMENTS_PER_FILING = (1, 1, 1, 1, 1, 1, 1, 1, 1, 2)
_BLOCK = sum(_AGREEMENTS_PER_FILING)

# Name material (invented syllables, so no generated name is a real company).
_SYL = ("al", "bex", "cor", "dyn", "el", "fyr", "gen", "hal", "ix", "jor", "kal", "lum", "mor", "nov",
        "ost", "pra", "quil", "ryn", "sol", "tav")
_SECTOR = ("Therapeutics", "Biosciences", "Pharmaceuticals", "Technologies", "Medical", "Genomics",
           "Systems", "Labs", "Biologics", "Devices", "Networks", "Software")
_SUFFIX = ("Inc.", "Corporation", "Ltd.", "AG", "plc", "N.V.", "GmbH", "LLC", "S.A.", "K.K.")
_JURIS = ("Delaware", "California", "England and Wales", "Switzerland", "Germany", "Japan",
          "the Netherlands", "Massachusetts")
_TECH = ("antibody-drug conjugate", "RNAi", "gene therapy vector", "bispecific antibody", "cell therapy",
         "protein degradation", "drug delivery", "display", "semiconductor IP", "content", "trademark",
         "diagnostic assay", "vaccine adjuvant", "peptide", "codec", "search")
_FIRST = ("Alice", "Robert", "Maria", "Kenji", "Priya", "Thomas", "Elena", "David", "Sofia", "James",
          "Wei", "Laura", "Ahmed", "Claire", "Jonas", "Nora")
_LAST = ("Meyer", "Okafor", "Tanaka", "Rossi", "Lindqvist", "Patel", "Dubois", "Novak", "Garcia",
         "Schmidt", "Kowalski", "Haddad", "Moreau", "Brennan", "Ivanova", "Chen")
_TITLES = ("Chief Executive Officer", "Chief Financial Officer", "President", "General Counsel",
           "Chief Business Officer", "Vice President, Business Development")
_KINDS = ((AgreementKind.LICENSE, 60), (AgreementKind.COLLABORATION, 20), (AgreementKind.OPTION, 6),
          (AgreementKind.CO_DEVELOPMENT, 5), (AgreementKind.RESEARCH, 4), (AgreementKind.SUPPLY, 3),
          (AgreementKind.DISTRIBUTION, 2))
_CURRENCIES = (("USD", 85), ("EUR", 8), ("JPY", 3), ("GBP", 2), ("CHF", 2))
_TERRITORIES = ("worldwide", "United States", "Europe", "Japan", "Asia excluding Japan", None)


@dataclass(frozen=True)
class Defect:
    """One injected defect: which deal (0-based), which filing and agreement (1-based) it sits in."""

    kind: str
    deal: int
    filing: int
    agreement: int


def _zipf_cum(n: int, s: float) -> list[float]:
    return list(accumulate(1.0 / (r ** s) for r in range(1, n + 1)))


@dataclass(frozen=True)
class Universe:
    """The shared pools of one benchmark size: organizations and technologies with Zipf weights."""

    orgs: tuple[str, ...]
    org_cik: tuple[str | None, ...]
    org_ticker: tuple[str | None, ...]
    org_cum: tuple[float, ...]
    techs: tuple[str, ...]
    tech_cum: tuple[float, ...]

    def org(self, rng: random.Random) -> int:
        return bisect(self.org_cum, rng.random() * self.org_cum[-1])

    def tech(self, rng: random.Random) -> int:
        return bisect(self.tech_cum, rng.random() * self.tech_cum[-1])


def _org_name(i: int) -> str:
    a, b, c = i % 20, (i // 20) % 20, (i // 400) % 20
    stem = (_SYL[a] + _SYL[b] + _SYL[c]).capitalize()
    sector = _SECTOR[(i // 8000 + i) % len(_SECTOR)]
    if i >= 8000:  # more than 8000 stems: a second word keeps normalized names distinct
        stem += " " + _SYL[(i // 8000) % 20].capitalize() + "ra"
    return f"{stem} {sector} {_SUFFIX[i % len(_SUFFIX)]}"


@lru_cache(maxsize=8)
def universe(n_deals: int) -> Universe:
    """Pools for ``n_deals``: one organization per ~8 deals, one technology per ~25 deals.

    Popularity is Zipf-like (exponent 0.9 for organizations, 0.8 for
    technologies): the top organization is a party to a few percent of all
    deals, as the largest pharma and tech licensors are.
    """
    n_orgs = max(40, n_deals // 8)
    n_tech = max(12, n_deals // 25)
    orgs = tuple(_org_name(i) for i in range(n_orgs))
    cik = tuple(f"{1_000_000 + 7 * i:010d}" if i % 10 < 7 else None for i in range(n_orgs))
    ticker = tuple(("".join(_SYL[(i // k) % 20][0] for k in (1, 20, 400, 8000))).upper() + str(i % 10)
                   if i % 10 < 5 else None for i in range(n_orgs))
    techs = tuple(f"{(_SYL[i % 20] + _SYL[(i // 20) % 20]).capitalize()}"
                  f"{'' if i < 400 else str(i // 400)} {_TECH[i % len(_TECH)]} platform" for i in range(n_tech))
    return Universe(orgs, cik, ticker, tuple(_zipf_cum(n_orgs, 0.9)), techs, tuple(_zipf_cum(n_tech, 0.8)))


def n_filings(n_deals: int) -> int:
    """Number of filings that together report exactly ``n_deals`` agreements."""
    full, rest = divmod(n_deals, _BLOCK)
    n = full * len(_AGREEMENTS_PER_FILING)
    while rest > 0:
        rest -= _AGREEMENTS_PER_FILING[n % len(_AGREEMENTS_PER_FILING)]
        n += 1
    return n


def _first_deal(filing: int) -> int:
    block, k = divmod(filing, len(_AGREEMENTS_PER_FILING))
    return block * _BLOCK + sum(_AGREEMENTS_PER_FILING[:k])


def _deals_in(filing: int, n_deals: int) -> int:
    per = _AGREEMENTS_PER_FILING[filing % len(_AGREEMENTS_PER_FILING)]
    return max(0, min(per, n_deals - _first_deal(filing)))


def defects(n_deals: int) -> list[Defect]:
    """The injected defects: ``max(5, 0.2 % of deals)``, evenly spread, kinds in turn."""
    count = max(len(DEFECT_KINDS), round(n_deals * DEFECT_RATE))
    out = []
    filing = 0
    for j in range(count):
        deal = int((j + 0.5) * n_deals / count)
        while _first_deal(filing + 1) <= deal:
            filing += 1
        out.append(Defect(DEFECT_KINDS[j % len(DEFECT_KINDS)], deal, filing, deal - _first_deal(filing) + 1))
    return out


@lru_cache(maxsize=8)
def _defects_by_deal(n_deals: int) -> dict[int, str]:
    return {d.deal: d.kind for d in defects(n_deals)}


def _sha(seed: int, filing: int) -> str:
    return hashlib.sha256(f"dealgraph-bench:{seed}:{filing}".encode()).hexdigest()


def _accession(u: Universe, filer: int, filing: int, year: int) -> str:
    cik = u.org_cik[filer] or f"{9_000_000 + filer:010d}"
    return f"{cik}-{year % 100:02d}-{filing:06d}"


class _Quotes:
    """Evidence spans laid out one after another in a synthetic document text."""

    def __init__(self) -> None:
        self.pos = 0

    def __call__(self, quote: str, doc: int = 0) -> Evidence:
        start = self.pos
        self.pos += len(quote) + 1
        return Evidence(doc, start, start + len(quote), quote)


def _payments(rng: random.Random, q: _Quotes, lee: str, lor: str, currency: str, defect: str | None) -> list[Payment]:
    n = rng.choice((1, 1, 1, 2, 2, 3, 4))
    kinds = [PaymentKind.UPFRONT, PaymentKind.MILESTONE, PaymentKind.ROYALTY, PaymentKind.EQUITY][:n]
    # one "financial terms" sentence states every payment (the usual press-release form)
    terms = q(f"Under the agreement {lee} will make payments to {lor} described below.")
    out = []
    for k in kinds:
        if k == PaymentKind.ROYALTY:
            rate = rng.choice(("high single-digit", "low double-digit", "tiered", "5", "12.5"))
            out.append(Payment(k, rate=rate, evidence=terms))
            continue
        base = {PaymentKind.UPFRONT: 5, PaymentKind.MILESTONE: 50, PaymentKind.EQUITY: 10}[k]
        amount = Decimal(int(base * 1_000_000 * rng.lognormvariate(0, 1.0)) // 10_000 * 10_000)
        bound = Bound.UP_TO if k == PaymentKind.MILESTONE else Bound.EXACT
        redacted = rng.random() < 0.03
        per = "product" if k == PaymentKind.MILESTONE and rng.random() < 0.3 else None
        out.append(Payment(k, None if redacted else amount, currency, bound, per, None, redacted, None, terms))
    if defect == "negative-amount":  # a sign error: a credit read as a payment
        p = next(p for p in out if p.amount is not None) if any(p.amount is not None for p in out) else out[0]
        p.amount, p.redacted, p.currency = Decimal("-2500000"), False, p.currency or currency
    elif defect == "bad-currency":  # a currency symbol kept instead of its ISO 4217 code
        p = next((p for p in out if p.amount is not None), out[0])
        p.currency = "US$"
    return out


def filing_facts(n_deals: int, seed: int, filing: int) -> DealFacts:
    """The facts of synthetic filing number ``filing`` (0-based) of a ``n_deals`` benchmark."""
    u = universe(n_deals)
    rng = random.Random(f"{seed}:{filing}")
    q = _Quotes()
    year = min(2024, 1995 + int(30 * rng.random() ** 0.6))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date = f"{year}-{month:02d}-{day:02d}"
    wanted = _defects_by_deal(n_deals)
    first = _first_deal(filing)
    agreements: list[Agreement] = []
    named: dict[int, None] = {}
    extra_orgs: list[Organization] = []
    filer = None
    for k in range(_deals_in(filing, n_deals)):
        defect = wanted.get(first + k)
        lor, lee = u.org(rng), u.org(rng)
        while lee == lor:
            lee = u.org(rng)
        named[lor] = named[lee] = None
        filer = lee if filer is None else filer
        lor_name, lee_name = u.orgs[lor], u.orgs[lee]
        kind = rng.choices([k for k, _ in _KINDS], weights=[w for _, w in _KINDS])[0]
        currency = rng.choices([c for c, _ in _CURRENCIES], weights=[w for _, w in _CURRENCIES])[0]
        if defect == "bad-cik":  # a CIK read with a stray digit (11 digits) for a new counterparty
            lee_name = f"Newco {first + k} Holdings Inc."
            extra_orgs.append(Organization(lee_name, cik=f"{98_765_432_100 + first + k}",
                                           evidence=q(f"{lee_name} (CIK {98_765_432_100 + first + k}) is a party.")))
        if defect == "self-deal":  # the same organization read as licensor and licensee
            lee_name = lor_name
        tech = u.techs[u.tech(rng)]
        exclusive = rng.random() < 0.6
        product = f"{_SYL[rng.randrange(20)].upper()}-{rng.randrange(100, 9999)}"
        ev = q(f"{lor_name} granted {lee_name} an {'exclusive' if exclusive else 'non-exclusive'} "
               f"{kind.value} to its {tech} on {date}.")
        payments = _payments(rng, q, lee_name, lor_name, currency, defect)
        agreements.append(Agreement(
            kind=kind,
            status=AgreementStatus.NEW if k == 0 else rng.choice((AgreementStatus.AMENDED, AgreementStatus.REFERENCED)),
            date=date,
            parties=sorted({lor_name, lee_name}),
            licensor=lor_name,
            licensee=lee_name,
            exclusive=exclusive,
            subject=[tech],
            products=[product] if rng.random() < 0.4 else [],
            territory=rng.choice(_TERRITORIES),
            term_years=rng.choice((None, 5, 10, 2.5, 15)),
            governing_law=rng.choice(("New York", "Delaware", None)),
            payments=payments,
            evidence=None if defect == "missing-evidence" else ev,
        ))
    orgs = [Organization(u.orgs[i], ticker=u.org_ticker[i], exchange="Nasdaq" if u.org_ticker[i] else None,
                         cik=u.org_cik[i]) for i in named]
    filer = 0 if filer is None else filer
    accession = _accession(u, filer, filing, year)
    people = []
    for _ in range(rng.choice((0, 0, 1, 1, 1))):
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        title = rng.choice(_TITLES)
        people.append(Person(name, title, u.orgs[filer], q(f"/s/ {name}, {title}")))
    products: list[Product] = []
    facts = DealFacts(
        path=f"synthetic/{seed}/{filing:06d}.txt",
        sha256=_sha(seed, filing),
        filing=FilingFacts(form="8-K", filer=u.orgs[filer], cik=u.org_cik[filer], date=date,
                           items=["1.01", "9.01"], exhibits=["99.1"], accession_number=accession,
                           jurisdiction=_JURIS[filer % len(_JURIS)], commission_file_number=f"000-{filer + 10000}",
                           evidence=q(f"FORM 8-K. Date of report: {date}. {u.orgs[filer]}")),
        organizations=orgs + extra_orgs,
        agreements=agreements,
        people=people,
        products=products,
    )
    return facts


def iter_facts(n_deals: int, seed: int, start: int = 0, stop: int | None = None) -> Iterator[DealFacts]:
    """Filings ``start..stop`` (default: all) of a ``n_deals`` benchmark, in order."""
    stop = n_filings(n_deals) if stop is None else min(stop, n_filings(n_deals))
    for i in range(start, stop):
        yield filing_facts(n_deals, seed, i)


def expected_violations(n_deals: int, seed: int) -> set[tuple[str, str | None, str, str]]:
    """``(focus, path, sourceShape, component)`` of every SHACL result the injected defects must produce.

    Warnings included (a self-deal names one party, which the two-party
    warning shape reports as well).
    """
    out: set[tuple[str, str | None, str, str]] = set()
    for d in defects(n_deals):
        facts = filing_facts(n_deals, seed, d.filing)
        doc = iris.document_iri(facts.sha256, facts.filing.accession_number)
        a = facts.agreements[d.agreement - 1]
        agr = str(iris.agreement_iri(doc, d.agreement))
        if d.kind in ("negative-amount", "bad-currency"):
            n, _ = next((i, p) for i, p in enumerate(a.payments, 1)
                        if (p.amount is not None and p.amount < 0) or p.currency == "US$")
            pay = str(iris.payment_iri(iris.agreement_iri(doc, d.agreement), n))
            if d.kind == "negative-amount":
                out.add((pay, LIC + "amount", SH + "Payment-amount", "MinInclusiveConstraintComponent"))
            else:
                out.add((pay, LIC + "currency", SH + "Payment-currency", "InConstraintComponent"))
        elif d.kind == "self-deal":
            out.add((agr, LIC + "licensor", SH + "Agreement-licensor", "DisjointConstraintComponent"))
            if a.status != AgreementStatus.REFERENCED:
                out.add((agr, LIC + "party", SH + "AgreementPartiesShape", "SPARQLConstraintComponent"))
        elif d.kind == "missing-evidence":
            out.add((agr, LIC + "evidence", SH + "Agreement-evidence", "MinCountConstraintComponent"))
        elif d.kind == "bad-cik":
            out.add((str(iris.org_iri(a.licensee)), LIC + "cik", SH + "Organization-cik",
                     "PatternConstraintComponent"))
    return out


def filing_text(facts: DealFacts) -> str:
    """A small plain-text 8-K (cover page, Item 1.01, signature) stating ``facts``, for build benchmarks."""
    f = facts.filing
    lines = ["UNITED STATES", "SECURITIES AND EXCHANGE COMMISSION", "Washington, D.C. 20549", "", "FORM 8-K", "",
             "CURRENT REPORT", "Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934", "",
             f"Date of Report (Date of earliest event reported): {f.date}", "", f.filer or "", "",
             f"Commission File Number: {f.commission_file_number}", "",
             "Item 1.01 Entry into a Material Definitive Agreement.", ""]
    for a in facts.agreements:
        if a.evidence is not None:
            lines.append(a.evidence.quote)
        for p in a.payments:
            if p.redacted:
                lines.append(f"The agreement provides for a {p.kind.value} payment of [***].")
            elif p.amount is not None:
                bound = "up to " if p.bound == Bound.UP_TO else ""
                lines.append(f"The agreement provides for {bound}{p.currency} {p.amount / 1_000_000:g} million "
                             f"in {p.kind.value} payments.")
            elif p.rate:
                lines.append(f"{a.licensor} will receive {p.rate} royalties on net sales.")
        lines.append("")
    lines += ["Item 9.01 Financial Statements and Exhibits.", "", "SIGNATURES", ""]
    for p in facts.people:
        lines += [f"/s/ {p.name}", f"{p.name}", f"{p.title}", ""]
    return "\n".join(lines) + "\n"
