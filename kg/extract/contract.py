"""Contracts (EX-10 style): title, kind, preamble parties, dates, governing law, term.

A contract states facts about itself in fixed places: its title ("LICENSE,
DEVELOPMENT AND COMMERCIALIZATION AGREEMENT"), the preamble ("This Agreement
is made as of March 4, 2019 by and between Acme, Inc., a Delaware
corporation ("Licensor"), and ..."), the grant clause ("hereby grants ... an
exclusive license"), the governing-law clause and the term clause.  This
module reads those places; it returns None for documents that are not
contracts (8-K bodies, press releases).

Ontology: ``lic:Agreement`` with ``lic:title``, ``lic:agreementKind``,
``lic:party``, ``lic:licensor`` / ``lic:licensee``, ``lic:date``,
``lic:effectiveDate``, ``lic:expirationDate``, ``lic:governingLaw``,
``lic:term``, ``lic:renewalTerm``, ``lic:exclusive``, ``lic:territory``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.document import Filing
from kg.errors import ExtractionError
from kg.extract.contract_term import contract_term, expiration_from
from kg.extract.contract_title import contract_title, kind_from_title
from kg.extract.contract_dates import blank_date, contract_date, effective_date, execution_date, term_start_date, title_page_date
from kg.extract.contract_placeholders import clickthrough_parties
from kg.extract.contract_parties import cover_field_parties, is_person_party, plain_style_parties, preamble_parties, signature_parties
from kg.extract.contract_refs import Reference, amended_by_title, referenced_agreements
from kg.extract.law import governing_law
from kg.extract.sentences import make_evidence
from kg.facts import Agreement, AgreementKind, AgreementStatus, Organization
from kg.names import normalize_org_name, strip_legal_suffix

__all__ = ["ContractFacts", "extract_contract", "contract_date", "execution_date", "contract_title", "kind_from_title", "preamble_parties"]

# A preamble that names its parties elsewhere: "the undersigned", "the persons listed on Schedule A",
# "the Agent named on the signature page": the signature blocks name them.
_SIGNATORIES_CUE = r"(?i)\bthe\s+undersigned\b|\blisted\s+on\s+(?:Schedule|Exhibit|Annex)|\bnamed\s+on\s+the\s+signature\s+page"

# Grant clause: "X hereby grants to Y ... an exclusive ... license" (licence grant sections).
_GRANT = re.compile(
    r"(?P<x>\b[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)\s+(?:hereby\s+)?grants?\s+(?:to\s+)?(?P<y>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)"
    r"(?P<body>[^.;]{0,250}?)\blicen[cs]e\b",
)


@dataclass
class ContractFacts:
    """What a contract's own text says about itself: the agreement and its parties."""

    agreement: Agreement
    organizations: list[Organization] = field(default_factory=list)
    #: agreements its recitals and references name (status referenced; kg.extract.contract_refs)
    referenced: list[Agreement] = field(default_factory=list)


def _is_contract(filing: Filing, text: str, title: str | None) -> bool:
    if _not_an_instrument(text):
        return False
    # a contract speaks of itself ("this Agreement", "hereto", "WHEREAS", "the undersigned"); a narrative
    # retelling ("entered into a License Agreement between X and Y") does not
    return bool(title) and bool(_SELF_REFERENCE.search(text[:30000]))


def _not_an_instrument(text: str) -> bool:
    head = text[:8000]
    if re.search(r"\(\s*Exact\s+name\s+of\s+registrant", head, re.I):
        return True  # an 8-K / 10-K cover page
    # a press release (its release line, not "Orders ... shall be deemed to be for immediate release")
    return bool(re.search(r"(?m)^[ \t]*FOR\s+IMMEDIATE\s+RELEASE|/PRNewswire/|\btoday\s+(?:announced|said|reported)\b", head, re.I))


def _signed_instrument(text: str, title: str | None) -> bool:
    """An instrument known by its signatures rather than a titled preamble: a joint filing statement
    ("The undersigned acknowledge and agree ...  SCULPTOR CAPITAL LP  By: /s/ ..."), a titled
    agreement of labelled fields, an addendum.  Its parties are its signature blocks."""
    signed = "/s/" in text or _UNSIGNED_BLOCKS.search(text) is not None
    return (signed and not _not_an_instrument(text)
            and (bool(title) or bool(_SELF_REFERENCE.search(text[:30000]))))


# A form's execution clause and the blank signature blocks after it ("IN WITNESS WHEREOF, the parties hereto have
# duly executed ... this Addendum ...  KIOSK CONCEPTS, INC.:  By:  Name:  Title:"): an instrument not yet signed.
_UNSIGNED_BLOCKS = re.compile(r"IN\s+WITNESS\s+WHEREOF[^\n]{0,300}?(?:executed|signed)[\s\S]{0,1500}?\b(?:By|BY)\s*:[\s_]*(?:Name|NAME)\s*:")


_SELF_REFERENCE = re.compile(r"(?i)\bthis\s+(?:[\w-]+\s+){0,6}?(?:agreement|contract|addendum)\b|\bhere(?:to|by|of|under|in)\b"
                             r"|\bWHEREAS\b|\bIN\s+WITNESS\b|\bthe\s+undersigned\b|\bParty\s+[AB]\b|\bagrees?\s+(?:that|to|as\s+follows)\b"
                             r"|(?-i:\bBETWEEN\b)")


# A field label or list mark left in front of a name: "Party A: X", "Name: X", "Covenanter: X", "- X".
_LABEL = re.compile(r"^(?:[-\u2013\u2014*\s]+|(?:[A-Z][A-Za-z]*(?:\s+[A-Z0-9][A-Za-z0-9]*)?\s*:\s+)+)")


def _unlabelled(parties: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Parties without a label or list mark in front of their names (kept when nothing is left)."""
    out: list[tuple[str, list[str]]] = []
    for name, terms in parties:
        bare = _LABEL.sub("", name).strip()
        out.append((bare if len(bare) >= 2 else name, terms))
    return out


def _roles(parties: list[tuple[str, list[str]]], text: str) -> tuple[str | None, str | None, bool | None]:
    """Licensor / licensee from defined terms, else from the first grant clause; exclusivity from that clause."""
    licensor = licensee = None
    for name, terms in parties:
        low = {t.lower() for t in terms}
        if "licensor" in low:
            licensor = name
        if "licensee" in low:
            licensee = name
    exclusive = None
    by_term = {}
    for name, terms in parties:
        for t in terms + [strip_legal_suffix(name)]:
            by_term[t.lower()] = name
    for m in _GRANT.finditer(text):
        xw, yw = m.group("x").split(), m.group("y").split()
        x = by_term.get(" ".join(xw[-2:]).lower()) or by_term.get(xw[-1].lower())  # "Grant. Licensor hereby grants"
        y = by_term.get(" ".join(yw).lower()) or by_term.get(yw[0].lower())
        if not x or not y or x == y:
            continue
        body = m.group("body")
        if re.search(r"\bnon-?\s?exclusive\b", body, re.I):
            exclusive = False
        elif re.search(r"\bexclusive\b", body, re.I):
            exclusive = True
        if licensor is None and licensee is None:
            licensor, licensee = x, y
        elif licensor is None and y == licensee:
            licensor = x  # "University hereby grants to Licensee ...": only the licensee had a defined term
        elif licensee is None and x == licensor:
            licensee = y
        break
    return licensor, licensee, exclusive


def extract_contract(filing: Filing, document: int) -> ContractFacts | None:
    """Facts of the contract in ``filing.documents[document]``; None if it is not a contract."""
    if not 0 <= document < len(filing.documents):
        raise ExtractionError(f"no document {document} in this filing ({len(filing.documents)} documents)", path=filing.path)
    doc = filing.documents[document]
    text = doc.text
    title = contract_title(text)
    if not _is_contract(filing, text, title):
        if not _signed_instrument(text, title):
            return None
        parties, at = [], -1  # read by its signature blocks below
    else:
        parties, at = preamble_parties(text)
    if len(parties) < 2:  # a party left to the cover page ("the above-named Supplier" / "Company Name: X")
        known = {normalize_org_name(n) for n, _ in parties}
        parties += [p for p in cover_field_parties(text) + plain_style_parties(text) + clickthrough_parties(text)
                    if normalize_org_name(p[0]) not in known]  # a click-through licence: its grantor and whoever accepts it
    if len(parties) < 2 or re.search(_SIGNATORIES_CUE, text[:max(at, 0) + 1500]):
        known = {normalize_org_name(n) for n, _ in parties}
        signed = [p for p in signature_parties(text) if normalize_org_name(p[0]) not in known]
        parties += signed
    parties = _unlabelled(parties)
    if not parties:
        return None  # no document read by nobody: the narrative reader reads it (kg.extract)
    status = AgreementStatus.NEW
    kind = kind_from_title(title)
    if kind is AgreementKind.OTHER and title and re.search(r"(?i)intellectual\s+property", title) and _GRANT.search(text):
        kind = AgreementKind.LICENSE  # an IP agreement that grants a licence (CUAD IP with License Grant)
    if title and re.search(r"\bAMENDMENT\b|\bAMENDED\s+AND\s+RESTATED\b", title, re.I) and not re.search(r"AMENDED\s+AND\s+RESTATED", title, re.I):
        status = AgreementStatus.AMENDED
    if re.search(r"(?m)\A\W*(?:^.*\n){0,6}?^[ \t]*(?:(?:FIRST|SECOND|THIRD|FOURTH|FIFTH)\s+)?AMENDMENT(?:\s+NO\.?\s*\d+)?[ \t]*$", text[:600]):
        status = AgreementStatus.AMENDED  # a heading of its own at the top: "AMENDMENT NO. 2"
    if re.search(r"(?i)\b(?:hereby\s+)?amends\s+(?:and\s+supplements\s+)?(?:that\s+certain|the)\b(?!\s+and\s+restates)", text[max(at, 0): max(at, 0) + 800]):
        status = AgreementStatus.AMENDED  # "This Amendment ... amends that certain Manufacturing Agreement ..."
    if title and re.search(r"\bTERMINATION\s+AGREEMENT\b", title, re.I):
        status = AgreementStatus.TERMINATED
    if status is not AgreementStatus.NEW or kind is AgreementKind.OTHER and title and re.search(r"AMENDMENT", text[:300]):
        ref = re.search(r"that\s+certain\s+(?:fully\s+executed\s+)?((?:[A-Z][\w-]*\s+){1,6}Agreement)", text[:6000])
        if ref:
            kind = kind_from_title(ref.group(1))
            status = AgreementStatus.AMENDED if status is AgreementStatus.NEW else status
    date = contract_date(text) or blank_date(text) or title_page_date(text) or execution_date(text)
    licensor, licensee, exclusive = _roles(parties, text)
    term = contract_term(text)
    effective = effective_date(text, date) or term_start_date(text, date)
    law = governing_law(text)
    grant = re.search(r"\bgrants?\b[^.;]{0,200}?\blicen[cs]e\b[^.;]{0,200}", text)
    territory = "worldwide" if grant and re.search(r"\bworld-?wide\b", grant.group(0), re.I) else None
    end = min(len(text), max(at, 0) + 300)
    agreement = Agreement(
        kind=kind,
        status=status,
        date=date,
        parties=[n for n, _ in parties],
        licensor=licensor,
        licensee=licensee,
        exclusive=exclusive,
        territory=territory,
        term_years=term.years,
        renewal_years=term.renewal_years,
        governing_law=law,
        effective_date=effective,
        expiration_date=expiration_from(term, date if term.from_date_hereof and date else effective or date),
        title=title,
        evidence=make_evidence(document, text, max(at, 0), end),
    )
    agreement.person_parties = [n for n, terms in parties if is_person_party(n, terms, text)]
    orgs = []
    for name, terms in parties:
        if name in agreement.person_parties:
            continue  # a lic:Person party, not an organization (kg.rdf)
        aliases: list[str] = []
        for t in terms + [strip_legal_suffix(name)]:
            if t and t != name and t not in aliases:
                aliases.append(t)
        # a party known only by the role the form defines ("Licensee"): its name is its own defined term
        orgs.append(Organization(name=name, aliases=aliases, evidence=agreement.evidence, placeholder=name in terms))
    referenced = _referenced(agreement, parties, text, document)
    known = {normalize_org_name(n) for n, _ in parties}
    for r in referenced:
        for name in r.parties:
            if normalize_org_name(name) not in known:  # a third party named in full in a recital
                known.add(normalize_org_name(name))
                orgs.append(Organization(name=name, evidence=r.evidence))
    return ContractFacts(agreement=agreement, organizations=orgs, referenced=referenced)


def _referenced(agreement: Agreement, parties: list[tuple[str, list[str]]], text: str, document: int) -> list[Agreement]:
    """Agreements of the recitals (status referenced), with ``amends`` links among them and from
    the contract itself when it is an amendment (kg.extract.contract_refs)."""
    refs = referenced_agreements(text, parties, agreement.title, agreement.date)
    restated = bool(agreement.title) and re.search(r"(?i)amended\s+and\s+restated", agreement.title) is not None
    ends = agreement.status is AgreementStatus.TERMINATED
    target = amended_by_title(agreement.title, refs, amendment=True) \
        if agreement.status is AgreementStatus.AMENDED or restated or ends else None
    if ends and target is not None:  # a termination agreement reports the agreement it ends (GOLD_SCHEMA): one entry
        refs = [r for r in refs if r is not target and r.amends is not target]
        target = None
    made: dict[int, Agreement] = {}

    def make(r: Reference) -> Agreement | None:
        if id(r) in made:
            return made[id(r)]
        base = make(r.amends) if r.amends is not None else None
        names = r.parties or (list(agreement.parties) if r is target or base is not None and base.parties else [])
        if not names:
            return None  # no party stated: too vague to be an agreement of the graph
        kind = kind_from_title(r.title)
        if kind is AgreementKind.OTHER and base is not None:
            kind = base.kind
        a = Agreement(kind=kind, status=AgreementStatus.REFERENCED, date=r.date, parties=names, title=r.title,
                      evidence=make_evidence(document, text, r.start, min(len(text), r.end + 200)), amends=base)
        a.person_parties = [n for n in names if n in agreement.person_parties]
        made[id(r)] = a
        return a

    out = [a for a in (make(r) for r in refs) if a is not None]
    if target is not None and id(target) in made:
        agreement.amends = made[id(target)]
        if agreement.kind is AgreementKind.OTHER:
            agreement.kind = made[id(target)].kind
    return out
