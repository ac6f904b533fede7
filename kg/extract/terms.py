"""What one sentence says about an agreement's terms (GOLD_SCHEMA agreement fields).

Holds :class:`Draft`, the agreement being assembled by :mod:`kg.extract.agreements`,
and :func:`read_terms`, which reads from a sentence about it: exclusivity
(``lic:exclusive``; "non-exclusive", and a plain licence next to an option for
exclusive licences), territory (``lic:territory``: "worldwide", "in Greater
China"), subject and products (``lic:subject``, ``lic:product``), term and
renewal in years (``lic:term``, ``lic:renewalTerm``: "five-year term",
"renewed for one subsequent three-year period") and options (``lic:option``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.organizations import OrgEntry, OrgIndex
from kg.extract.products import products_in, subject_phrases
from kg.facts import AgreementKind, AgreementStatus, Evidence, Payment

__all__ = ["Draft", "read_terms", "licensor_technology", "OPTION_EXERCISED", "GRANT_WORD"]

K = AgreementKind
# option exercises: "has exercised its option", "Exercises Option to License"
OPTION_EXERCISED = re.compile(r"\bexercis(?:ed|es)\s+(?:its|an|the|their)?\s*option\b", re.I)
# agreement term in years: "five-year term", "work together for four years", "a term of ten (10) years"
_TERM = re.compile(
    r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)[- ]year\s+(?:research\s+)?(?:term|agreement|collaboration|period|research\s+term)\b"
    r"|\b(?:work\s+together|collaborate|pay\s+\S+\s+[^.;]{0,40}?|continue|remain\s+in\s+effect)\s+for\s+(?:a\s+(?:period|term)\s+of\s+)?(?P<n2>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\s+years\b"
    r"|\bterm\s+of\s+(?P<n3>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\s+(?:\(\d+\)\s+)?years\b"
    # prose duration of the agreement itself: "for a period of ten (10) years", "for an initial period of five years"
    r"|\bfor\s+an?\s+(?:initial\s+)?(?:period|term)\s+of\s+(?P<n4>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\s+(?:\(\d+\)\s+)?years\b"
    # the term stated as a predicate: "the research term is three years", "the term will be five (5) years"
    r"|\bterm\s+(?:is|will\s+be|shall\s+be)\s+(?P<n5>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\s+(?:\(\d+\)\s+)?years\b",
    re.I,
)
# obligations with their own duration, not the agreement's term ("royalties for a period of ten years")
_OWN_DURATION = re.compile(r"\broyalt|\bnon-?compet|\bconfidential|\bexclusivity\b|\bstandstill\b|\bwarrant", re.I)
# renewal periods: "can be renewed for one subsequent three-year period", "renew for successive one-year periods"
_RENEWAL = re.compile(
    r"\brenew\w*\s+(?:automatically\s+)?for\s+(?:one|an?|two|up\s+to\s+\w+)?\s*(?:additional|subsequent|further|successive)?\s*(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten)[- ](?:year|yr)"
    # extensions told in prose: "which Partner may extend by up to two additional years",
    # "may be extended by mutual agreement for an additional two (2) years"
    r"|\bextend\w*\s+(?:[^.;]{0,40}?\s)?(?:by|for)\s+(?:up\s+to\s+)?(?:an?\s+)?(?:additional\s+|further\s+)?"
    r"(?P<n2>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:\(\d+\)\s+)?(?:additional\s+|further\s+)?years?\b",
    re.I,
)
# number words of terms in filings (one .. twenty)
_WORTH = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "twelve": 12, "fifteen": 15, "twenty": 20}
# exclusivity of a grant: "(non-)exclusive ... license/rights/distributor"
_EXCLUSIVE = re.compile(r"\b(?P<neg>non-?\s?|non\s)?exclusive\b(?=[^.;]{0,70}?\b(?:licen[cs](?:e|es|ed|ing)|rights?|distributor|distribution|supplier|reseller)\b)", re.I)
# "an option to obtain exclusive ... licenses": exclusivity of an option, not of the grant
_OPTION_BEFORE = re.compile(r"\boption\s+to\s+(?:obtain|acquire|negotiate(?:\s+for)?|receive|enter\s+into)?\s*(?:an?\s+)?$", re.I)
# exclusivity limited to part of the world ("exclusive right ... outside the U.S."): not stated for the deal
_PARTIAL_TERR = re.compile(r"^[^.;]{0,80}\b(?:outside|ex-|except|other\s+than)\b", re.I)
# worldwide territory wordings of licences and releases
_WORLDWIDE = re.compile(r"\b(?:worldwide|world-wide|global|around\s+the\s+world|throughout\s+the\s+world)\b", re.I)
# a named territory of a grant: "rights to develop ZN-401 in Greater China", "a license ... in Japan"
_TERRITORY = re.compile(
    r"\b(?:licen[cs]e|rights?|commerciali[sz]e|market|sell|distribute)\b[^.;]{0,80}?\bin\s+(?:the\s+territor(?:y|ies)\s+of\s+)?"
    r"(?:the\s+)?(?P<t>(?:mainland\s+|Greater\s+)?(?!(?:The|Phase|Item|Section|Exhibit|Company|Agreement|Territory|Field|Licensed)\b)"
    r"[A-Z][a-z]+(?:\s+(?:and\s+|of\s+)?[A-Z][a-z]+){0,3}|U\.S\.)\b"
)
# words that make a sentence a grant of rights
GRANT_WORD = re.compile(r"\blicen[cs]|\brights?\b|\baccess\s+to\b|\boption\b", re.I)
# field of use: "for the treatment of hypertension", "in the field of oncology", "in the areas of metabolic
# and inflammatory disease", "an antisense drug for spinal muscular atrophy", "trials for non-small cell lung cancer"
_FIELD = re.compile(
    r"\b(?:for\s+the\s+treatment\s+of|in\s+the\s+(?:fields?|areas?|therapeutic\s+areas?)\s+of"
    r"|(?:drug|therapy|therapeutic|candidate|inhibitor|trials?|antibody|vaccine)\s+(?:for|in)(?!\s+(?:the|a|an|use|which)\b))"
    r"\s+(?P<f>[a-z][\w\s,'-]{2,80}?)(?=\s*(?:\(|,\s+(?:which|a|an|the|and\s+will|and\s+is)\b|;|\.(?:\s|$)|$|\s+(?:and\s+(?:will|is|to)|which|that|to|using|with|by|under)\b))"
)
# the object of an option: "an option to obtain exclusive product licenses for ..."
_OPTION = re.compile(r"\boption\s+to\s+(?:obtain|acquire|negotiate(?:\s+for)?|receive)\s+(?P<opt>[^.;]{3,120}?)(?=\s+(?:over|during|within|until|at\s+any|prior)\b|[.;]|$)", re.I)



@dataclass
class Draft:
    kind: AgreementKind
    generic: bool
    status: AgreementStatus
    parties: list[OrgEntry]
    doc: int
    evidence: Evidence
    date: str | None = None
    effective_date: str | None = None
    expiration_date: str | None = None
    terms: set[str] = field(default_factory=set)
    title: str | None = None
    label: str = ""  # the deal phrase that opened it ("commitment letter", "stock purchase agreement")
    licensor: OrgEntry | None = None
    licensee: OrgEntry | None = None
    exclusive: bool | None = None
    weak_kind: bool = False  # kind read from a headline: a body sentence may restate it
    exclusive_src: int = 0  # 2 = stated outright, 1 = inferred
    saw_plain_license: bool = False
    saw_excl_option: bool = False
    subject: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    territory: str | None = None
    field_of_use: str | None = None
    term_years: float | None = None
    renewal_years: float | None = None
    option: str | None = None
    subject_sentence: str | None = None
    payments: list[tuple[Payment, tuple[int, int]]] = field(default_factory=list)
    recent_news: bool = False  # referenced only because announced a few days before the report
    later_status: AgreementStatus | None = None  # amended / terminated since, as a periodic report tells
    told_before: bool = False  # made and reported before this document (kg.extract.status.told_before)
    copies: int = 1  # "two collaboration and license agreements": one draft told for that many agreements

    def add_party(self, org: OrgEntry) -> None:
        if all(p is not org for p in self.parties):
            self.parties.append(org)


def _num(word: str) -> float | None:
    w = word.lower()
    if w.isdigit():
        return float(w)
    return float(_WORTH[w]) if w in _WORTH else None


def read_terms(d: Draft, sent: str, index: OrgIndex, opened: bool = False) -> None:
    """Exclusivity, territory, subject, products, term, renewal and option stated in a sentence."""
    for m in _EXCLUSIVE.finditer(sent):
        if _OPTION_BEFORE.search(sent[max(0, m.start() - 40):m.start()]):
            d.saw_excl_option = True
            continue
        if _PARTIAL_TERR.match(sent[m.end():]):
            continue
        if d.exclusive_src < 2:
            d.exclusive, d.exclusive_src = (m.group("neg") is None), 2
        break
    if re.search(r"\b(?:a|an)\s+licen[cs]e\s+to\b", sent, re.I) and not _EXCLUSIVE.search(sent.split("option")[0]):
        d.saw_plain_license = True
    if d.territory is None and GRANT_WORD.search(sent):
        w = _WORLDWIDE.search(sent)
        if w and re.search(r"licen[cs]|rights?|commerciali[sz]e", sent[max(0, w.start() - 80):w.end() + 80], re.I):
            d.territory = "worldwide"
        else:
            t = _TERRITORY.search(sent)
            if t:
                d.territory = " ".join(t.group("t").split())
    for phrase in subject_phrases(sent) if d.kind != K.SETTLEMENT else []:  # a settlement's subject is the dispute
        if len(d.subject) < 3 and phrase.lower() not in (x.lower() for x in d.subject):
            if not d.subject or d.subject_sentence == sent:
                d.subject.append(phrase)
                d.subject_sentence = sent
    if opened or d.subject_sentence == sent or GRANT_WORD.search(sent):
        for p in products_in(sent):
            if p not in d.products:
                d.products.append(p)
    licensor_technology(d, sent)
    renewal = _RENEWAL.search(sent)
    if renewal and d.renewal_years is None:
        d.renewal_years = _num(renewal.group("n") or renewal.group("n2"))
    for t in _TERM.finditer(sent):
        if renewal and renewal.start() <= t.start() < renewal.end() + 10:
            continue
        if (t.group("n4") or t.group("n5")) and _OWN_DURATION.search(sent[max(0, t.start() - 80):t.start()]):
            continue
        n = _num(t.group("n") or t.group("n2") or t.group("n3") or t.group("n4") or t.group("n5"))
        if n and d.term_years is None:
            d.term_years = n
    names_product = any(p.lower() in sent.lower() for p in d.products + d.subject[:1])
    if d.field_of_use is None and (opened or d.subject_sentence == sent or GRANT_WORD.search(sent) or names_product):
        f = _FIELD.search(sent)
        if f:
            d.field_of_use = " ".join(f.group("f").split()).strip(" ,")
    o = _OPTION.search(sent)
    if o and d.option is None and not OPTION_EXERCISED.search(sent):
        d.option = " ".join(o.group("opt").split())


def licensor_technology(d: Draft, sent: str) -> None:
    """A licence whose subject is unnamed covers the licensor's technology named nearby."""
    if d.kind == K.LICENSE and not d.subject and d.licensor is not None:
        for form in d.licensor.surfaces():
            t = re.search(rf"\b{re.escape(form)}['\u2019]s?\s+(?P<x>(?:[\w-]+\s+){{0,3}}?technology(?:\s+platform)?)\b", sent)
            if t:
                d.subject.append(" ".join(t.group("x").split()))
                break
