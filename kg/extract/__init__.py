"""Extraction: a :class:`kg.document.Filing` in, :class:`kg.facts.DealFacts` out.

One module per concern (DESIGN.md "Extraction"); this package's ``extract``
is the only entry point the rest of dealgraph calls.  The pipeline:

1. cover-page facts (:mod:`kg.extract.cover`);
2. contracts (EX-10 style documents) through :mod:`kg.extract.contract` --
   their agreement and parties are taken as the contract states them, and
   the narrative rules below do not read them;
3. the narrative reader, in layers over one document model (DESIGN.md "a layered
   reader"): :mod:`kg.extract.docmodel` (sections, sentences, tables),
   :mod:`kg.extract.organizations` and :mod:`kg.extract.mentions` (organization
   mentions, recall first), :mod:`kg.extract.references` (the filer's
   self-references), deal frames (:mod:`kg.extract.agreements`,
   :mod:`kg.extract.frames`), assembly (:mod:`kg.extract.assembly`,
   :mod:`kg.extract.table_deals`), roles (:mod:`kg.extract.roles`) and payments
   (:mod:`kg.extract.payments`);
4. agreements with their payments (:mod:`kg.extract.agreements`);
5. people (:mod:`kg.extract.people`) and products.

GOLD_SCHEMA keeps as organizations only deal parties plus the filer.
"""
from __future__ import annotations

import re

from kg.document import Document, Filing
from kg.errors import ExtractionError, KgError
from kg.extract.agreements import NOT_DEAL, extract_agreements
from kg.extract.contract import extract_contract
from kg.extract.contract_payments import contract_payments
from kg.extract.cover import extract_filing_facts
from kg.extract.docmodel import build_docmodel
from kg.extract.organizations import OrgEntry, OrgIndex, find_organizations
from kg.extract.people import extract_people
from kg.extract.products import products_in
from kg.extract.sentences import make_evidence
from kg.facts import Agreement, AgreementStatus, DealFacts, Organization, Product
from kg.names import normalize_org_name

__all__ = ["extract", "looks_like_contract"]

# Contract documents: EX-10 material contracts and EX-2 merger agreements by type; by text, an
# agreement title with recitals or a preamble ("by and between", "WHEREAS", "NOW, THEREFORE").
_CONTRACT_TYPE = re.compile(r"^EX-(?:10|2)(?:\.|$)", re.I)
_CONTRACT_TEXT = re.compile(r"\bWHEREAS\b|\bNOW,?\s+THEREFORE\b|\bby\s+and\s+(?:between|among)\b|\bhereby\s+agree", re.I)
_REPORT_TEXT = re.compile(r"\bFORM\s+(?:8-K|10-K|10-Q|6-K|20-F)\b|\bCURRENT\s+REPORT\b|\bFOR\s+IMMEDIATE\s+RELEASE\b|\bNOTES\s+TO\s+(?:CONSOLIDATED\s+)?FINANCIAL", re.I)
_FISCAL = re.compile(r"\bFISCAL\s+YEAR\s+ENDED\s+[A-Za-z]+\s+\d{1,2},?\s+(?P<y>(?:19|20)\d\d)", re.I)


def looks_like_contract(doc: Document) -> bool:
    """True for a contract's own text (EX-10/EX-2 exhibit, or a titled agreement with a preamble)."""
    if doc.doc_type and _CONTRACT_TYPE.match(doc.doc_type):
        return True
    head = doc.text[:8000]
    if _REPORT_TEXT.search(head[:3000]):
        return False
    return bool(re.search(r"\bAGREEMENT\b", head[:3000]) and _CONTRACT_TEXT.search(head))


def extract(filing: Filing) -> DealFacts:
    """All facts of one input file (``lic:Document`` -> DealFacts)."""
    try:
        return _extract(filing)
    except KgError:
        raise
    except Exception as exc:  # a bug in a rule must name the file, not print a traceback at the user
        raise ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}", path=filing.path) from exc


def _extract(filing: Filing) -> DealFacts:
    facts = DealFacts(path=filing.path, sha256=filing.sha256)
    facts.filing = extract_filing_facts(filing)
    contracts = {}
    for i, doc in enumerate(filing.documents):
        if _REPORT_TEXT.search(doc.text[:3000]) and not (doc.doc_type and _CONTRACT_TYPE.match(doc.doc_type)):
            continue  # an 8-K body, 10-K or press release: narrative, even when it quotes a contract's preamble
        cf = extract_contract(filing, i)
        if cf is not None:
            contracts[i] = cf
    narrative = [None if (i in contracts or looks_like_contract(d)) else d.text for i, d in enumerate(filing.documents)]
    if any(narrative):  # a narrative filing: agreements with its officers, financings and stockholder
        # agreements filed as exhibits are not deals (GOLD_SCHEMA "What counts as a deal")
        # and a deal has two sides: an exhibit naming only the filer (a stock option plan, a charter) is none
        contracts = {i: cf for i, cf in contracts.items() if not _with_officer(cf.agreement) and not _financing(cf.agreement)
                     and len(cf.agreement.parties) >= 2}
    index = find_organizations([t or "" for t in narrative])
    filer = _filer(filing, facts.filing.filer, index, narrative)
    fiscal = None
    form = (facts.filing.form or "").upper()
    if form.startswith(("10-K", "10-Q", "20-F", "40-F")) or any(t and _FISCAL.search(t[:2000]) for t in narrative):
        m = next((_FISCAL.search(t[:2000]) for t in narrative if t and _FISCAL.search(t[:2000])), None)
        fiscal = int(m.group("y")) if m else (int(facts.filing.date[:4]) if facts.filing.date else None)
    registration = form.startswith(("S-1", "F-1", "S-4", "F-4", "10-12", "424B"))
    agreements = extract_agreements(narrative, index, filer, facts.filing.date, fiscal, registration)

    orgs: list[OrgEntry] = []
    if filer is not None:
        orgs.append(filer)
    for a in agreements:
        for name in a.parties:
            e = index.resolve(name)
            if e is not None and all(e is not o for o in orgs):
                orgs.append(e)
    facts.organizations = [_org_fact(e, index, filer) for e in orgs]
    if filer is not None and facts.organizations:
        first = facts.organizations[0]  # the filer: identifiers from the cover page / SEC header
        first.cik = first.cik or facts.filing.cik
        first.ticker = first.ticker or facts.filing.ticker
        first.exchange = first.exchange or facts.filing.exchange
        first.jurisdiction = first.jurisdiction or facts.filing.jurisdiction
    contract_agreements: list[Agreement] = []
    for i, cf in contracts.items():
        if not cf.agreement.payments:
            cf.agreement.payments = contract_payments(filing.documents[i].text, i)
        contract_agreements.append(cf.agreement)
        contract_agreements.extend(r for r in cf.referenced if not _told(r, agreements))  # its recitals' agreements
        known = {normalize_org_name(o.name) for o in facts.organizations}
        for o in cf.organizations:
            if normalize_org_name(o.name) not in known:
                facts.organizations.append(o)
                known.add(normalize_org_name(o.name))
    facts.agreements = contract_agreements + _unrestated(agreements, contract_agreements)
    for a in facts.agreements:  # provenance for the build report (kg.build): which reader produced it
        a.reader = "contract" if any(a is c for c in contract_agreements) else "narrative"
    facts.people = extract_people(filing, facts.organizations, facts.filing)
    facts.products = _products(filing, narrative, index, agreements)
    return facts


# Titles of agreements with individuals that GOLD_SCHEMA keeps out of the deal graph.
_OFFICER_TITLE = re.compile(r"(?i)employment|compensation|severance|separation|offer\s+letter|retention|award|indemnif|consult|service\s+agreement|change\s+(?:in|of)\s+control")


def _financing(a: Agreement) -> bool:
    """A capital-markets, banking or stockholder agreement (by its title, or by the purchasers, underwriters or
    lenders its opening names): the scope list the narrative reader uses (kg.extract.agreements.NOT_DEAL)."""
    opening = a.evidence.quote if a.evidence else ""
    return bool(NOT_DEAL.search(a.title or "") or _FINANCING_ROLE.search(opening))


# the parties a financing names by their role in its opening
_FINANCING_ROLE = re.compile(r"(?i)\b(?:initial\s+purchasers?|underwriters?|placement\s+agents?|lenders?|administrative\s+agent|arrangers?)\b")


def _with_officer(a: Agreement) -> bool:
    """An employment or compensation agreement with a person (``Agreement.person_parties``)."""
    return bool(a.person_parties) and bool(_OFFICER_TITLE.search(a.title or ""))


def _told(ref: Agreement, narrative: list[Agreement]) -> bool:
    """A contract's referenced agreement that the filing's narrative tells itself (same kind, its
    parties among the told one's): the narrative's entry stands for it."""
    names = {normalize_org_name(p) for p in ref.parties}
    return any(a.kind is ref.kind and names <= {normalize_org_name(p) for p in a.parties} for a in narrative)


def _unrestated(narrative: list[Agreement], contracts: list[Agreement]) -> list[Agreement]:
    """Narrative agreements other than those that retell a filed contract (an 8-K Item 1.01 and its
    EX-10: same kind, same parties).  A retelling is folded into the contract: the fields the
    contract left empty and the payments it does not state (by kind and amount)."""
    def key(a: Agreement) -> tuple:
        return a.kind, frozenset(normalize_org_name(p) for p in a.parties)

    by_key = {key(c): c for c in contracts if c.status is AgreementStatus.NEW}
    kept: list[Agreement] = []
    for a in narrative:
        c = by_key.get(key(a)) if a.status is AgreementStatus.NEW else None
        if c is None:
            kept.append(a)
            continue
        names = {normalize_org_name(p): p for p in c.parties}  # the contract's spelling of each party
        for attr in ("licensor", "licensee"):
            if getattr(c, attr) is None and getattr(a, attr):
                setattr(c, attr, names.get(normalize_org_name(getattr(a, attr))))
        for attr in ("exclusive", "territory", "field_of_use", "term_years", "renewal_years"):
            if getattr(c, attr) is None and getattr(a, attr) is not None:
                setattr(c, attr, getattr(a, attr))
        stated = {(p.kind, p.amount) for p in c.payments}
        c.payments += [p for p in a.payments if (p.kind, p.amount) not in stated
                       and not (p.amount is None and any(q.kind is p.kind for q in c.payments))]
    return kept


def _filer(filing: Filing, name: str | None, index: OrgIndex, narrative: list[str | None]) -> OrgEntry | None:
    """The registrant as an organization of the index (added when the text never names it as a party)."""
    candidates = [name]
    if filing.header and filing.header.filers:
        candidates.append(filing.header.filers[0].name)
    for c in candidates:
        e = index.resolve(c)
        if e is not None:
            return e
    if name:
        text = next((t for t in narrative if t), "") or ""
        pos = text.find(name)
        return index.add(name, 0, text, max(pos, 0), max(pos, 0) + len(name)) if normalize_org_name(name) else None
    with_ticker = [e for e in index.entries if e.ticker]
    return with_ticker[0] if with_ticker else (index.entries[0] if index.entries else None)


def _org_fact(e: OrgEntry, index: OrgIndex, filer: OrgEntry | None) -> Organization:
    o = e.to_fact()
    if o.parent:
        p = index.resolve(o.parent) or (filer if o.parent.lower() in ("company", "the company") else None)
        o.parent = p.name if p is not None else o.parent
    return o


def _products(filing: Filing, narrative: list[str | None], index: OrgIndex, agreements: list[Agreement]) -> list[Product]:
    """Named products of the deal text (``lic:Product``), each with the organization that develops it."""
    out: list[Product] = []
    seen: set[str] = set()
    for doc, text in enumerate(narrative):
        if not text:
            continue
        model = build_docmodel(text)  # the layers' shared model of this text (built by the organization layer)
        paras = model.paragraphs
        for s, e in model.sentences:
            if model.in_zone(s):
                continue
            names = products_in(text[s:e])
            if not names:
                continue
            ments = index.mentions(text, s, e)
            if not ments:
                ps = next((p for p in paras if p[0] <= s < p[1]), None)
                ments = index.mentions(text, ps[0], ps[1]) if ps else []
            owner = ments[0][2].name if ments else None
            for n in names:
                if n.lower() not in seen:
                    seen.add(n.lower())
                    out.append(Product(name=n, organization=owner, evidence=make_evidence(doc, text, s, e)))
    return out
