"""Layer 5 of the narrative reader (assembly): the drafts of one filing and how a mention finds its own.

Reads organization mentions (kg.extract.organizations) and deal mentions handed over by the sentence
reader (kg.extract.agreements) and hands on ``Draft`` s (kg.extract.terms): which organizations of a
sentence act in it (not a possessive owner, a modifier, a parent or another name of the same party),
which draft a mention clusters into (by defined term, title, kind family, party set and date: a
titled agreement never absorbs a differently titled one; the filer's deals with two counterparties are
two deals), and when a mention opens a new one.
"""
from __future__ import annotations

import re

from kg.extract.organizations import OrgEntry, OrgIndex
from kg.extract.references import refers_to_filer
from kg.extract.roles import OTHER_TITLE as _OTHER_TITLE
from kg.extract.sentences import make_evidence
from kg.extract.terms import Draft
from kg.facts import AgreementKind, AgreementStatus

__all__ = ["KIND_FAMILY", "Builder", "latest", "other_title"]

K, S = AgreementKind, AgreementStatus


# a party's other name in parentheses: "(now known as X)", "(formerly X)", "(f/k/a X)", "(renamed X in 2019)"
_ALIAS_BEFORE = re.compile(r"\(\s*(?:(?:now|currently|later|subsequently)\s+(?:known\s+as|called|named|renamed)|formerly(?:\s+(?:known\s+as|called|named))?"
                           r"|previously\s+(?:known\s+as|called|named)|renamed|f/k/a|n/k/a)\s+$", re.I)
# the parent named in a party's description ("a wholly-owned subsidiary of <parent>", "an affiliate of <parent>")
# ... and the owner in a description of what a party is ("Kepler Bio, the technology-transfer arm of Marlow
# University", "AEL, the technology-transfer company of the University of Ashcombe"), and the company a
# described holder holds ("Mark O'Brien, sole stockholder of LHS"): not a party either
_PARENT_OF = re.compile(r"\b(?:subsidiary|affiliates?|division|unit|arm|(?:transfer|licensing|commerciali[sz]ation|portfolio)\s+(?:company|office|vehicle)"
                        r"|(?:sole\s+|principal\s+|majority\s+)?(?:stockholder|shareholder|owner|founder)s?)\s+of\s+(?:the\s+)?$", re.I)
# a possessive that names a party of the deal it owns: "the Company's license agreement with Kiyotaka"
_OWN_DEAL_AFTER = r"\s+(?:[\w-]+\s+){0,3}(?:agreement|license|licence|collaboration|partnership|alliance)\b"
_OWN_DEAL = re.compile(r"['\u2019]s" + _OWN_DEAL_AFTER, re.I)
# words after an organization name that make the name a modifier, not a party ("CAG scientists")
_MODIFIER = re.compile(
    r"\s+(?:scientists|researchers|employees|products?|antibod(?:y|ies)|technolog(?:y|ies)|platform|patents?"
    r"|Acquisition|board|management|team|investors|stockholders|shareholders|affiliates|subsidiaries|semiconductor|sales|revenue|portfolio)\b"
)
# kinds that name one deal in different words ("collaboration" in a release, "co-development" in the 8-K)
KIND_FAMILY = {K.COLLABORATION, K.CO_DEVELOPMENT, K.CO_PROMOTION}


def _other_key(label: str) -> str:
    """What kind of "other" agreement a phrase names (stock purchase, commitment letter, voting ...)."""
    m = _OTHER_TITLE.search(label or "")
    return m.group(0).lower().split()[0] if m else ""


def latest(b: "Builder", kind: AgreementKind) -> "Draft | None":
    """The most recently current agreement of a kind ("the research collaboration")."""
    if b.current is not None and b.current.kind == kind:
        return b.current
    same = [d for d in b.drafts if d.kind == kind]
    return same[-1] if same else None


# a person's name and what a text says right after it ("Mark O'Brien, sole stockholder of LHS", "Jane Roe, an individual")
_PERSON_WORD = re.compile(r"(?:[A-Z][a-z'\u2019-]+|[A-Z]\.|(?:Mc|Mac|O['\u2019])[A-Z][a-z]+|Jr\.?|Sr\.?|van|von|de|da|di|del|der|la|le)")
_PERSON_CONTEXT = re.compile(r",?\s+(?:the\s+|an?\s+)?(?:sole\s+|principal\s+|majority\s+|controlling\s+|former\s+)?"
                             r"(?:stockholder|shareholder|owner|founder|individual|chairman|president|chief\s+executive)\b", re.I)
# inside a parenthesis that groups names for a defined term: "(collectively with LHS, Liberty, and "
_IN_GROUPING = re.compile(r"\((?:collectively|together)\s+with\b[^()]*$", re.I)
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+$")


class Builder:
    """State of one filing's pass: drafts, the current agreement, dates."""

    def __init__(self, index: OrgIndex, filer: OrgEntry | None, doc_date: str | None, fiscal_year: int | None,
                 registration: bool = False):
        self.index, self.filer, self.doc_date, self.fiscal_year = index, filer, doc_date, fiscal_year
        self.registration = registration  # an S-1/F-1 describes the business as it stands: its deals exist
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        self.first_pay_doc: int | None = None
        self.last: Draft | None = None
        self.last_si = -99  # sentence index of the last sentence about an agreement  # the agreement the previous deal sentence was about
        self.list_open = False
        self._persons: dict[int, bool] = {}  # organization entries the text describes as persons
        self.section_orgs: list[OrgEntry] = []  # counterparties named by the heading of the current section
        self.section_kind: AgreementKind | None = None  # the kind the heading of the current section names
        self.option_exercised = False  # the filing reports an option exercised (not a conditional one)
        self.exercised_with: set[int] = set()  # ids of the counterparties named where an exercise is told
        self.paragraphs, self.tied_at = [], None  # the document's paragraphs; (doc, offset) where a deal was last named

    # -- parties -------------------------------------------------------------------------------
    def orgs_in(self, text: str, s: int, e: int) -> list[OrgEntry]:
        out: list[OrgEntry] = []
        each = re.search(r"\b(?:with|among)\s+each\s+of\b", text[s:e])
        for ms, me, org in self.index.mentions(text, s, e):
            if each and ms >= s + each.end():
                continue  # "a support agreement with each of <holders>": the holders are not deal parties
            if re.match(r"['\u2019]s?\b", text[me:me + 2]) and not re.match(r"\s*\(", text[me:me + 3]) \
                    and not _OWN_DEAL.match(text, me):
                continue  # possessive owner ("the Company's wholly-owned subsidiary"), not an actor
            if _MODIFIER.match(text, me):
                continue  # a name used as a modifier ("CAG scientists", "Samsung semiconductor products")
            if _ALIAS_BEFORE.search(text, max(s, ms - 48), ms):
                continue  # "4-Antibody AG (now known as Agenus Switzerland Inc.)": the same party's other name
            if _PARENT_OF.search(text, max(s, ms - 40), ms):
                continue  # "X, a wholly-owned subsidiary of Nakagawa Holdings Co., Ltd.": the parent is not a party
            if _IN_GROUPING.search(text, max(s, ms - 80), ms):
                continue  # "(collectively with LHS, Liberty and Nurses Today, the "LHS Acquisition")": a defined term's scope
            if self._a_person(org, text):
                continue  # "acquired from Mark O'Brien and LHS Holdings": a person sells, the company is the party
            if all(o is not org for o in out):
                out.append(org)
        if self.filer is not None and all(o is not self.filer for o in out) and refers_to_filer(
                text[s:e], company_is_defined=self.index.resolve("the Company") not in (None, self.filer)):
            out.insert(0, self.filer)  # layer 3: "we", "our", "the Company", "the Registrant"
        return out

    def _a_person(self, org: OrgEntry, text: str) -> bool:
        """A mention the text describes as a person (GOLD_SCHEMA: parties are organizations): a name of
        two to four name words, no legal form, told with a personal title or role ("Mr. O'Brien",
        "Mark O'Brien, sole stockholder of LHS", "Jane Roe, an individual")."""
        known = self._persons.get(id(org))
        if known is None:
            words = org.name.split()
            known = 2 <= len(words) <= 4 and all(_PERSON_WORD.fullmatch(w) for w in words) and any(
                _PERSON_CONTEXT.match(text, m.end()) or _HONORIFIC.search(text, max(0, m.start() - 6), m.start())
                for m in re.finditer(re.escape(org.name), text))
            self._persons[id(org)] = known
        return known

    # -- drafts --------------------------------------------------------------------------------
    def find(self, kind: AgreementKind, generic: bool, parties: list[OrgEntry], status: AgreementStatus,
             date: str | None, separate: bool, label: str = "", title: str | None = None) -> Draft | None:
        best, best_s = None, 0.0
        pk = {id(p) for p in parties}
        for d in self.drafts:
            if other_title(title, d.title):
                continue  # "a Tax Matters Agreement" and "a Transition Services Agreement": two agreements
            if separate and d is self.current and not d.generic:
                continue  # "a separate license agreement": not the one just described
            if not (d.kind == kind or generic or d.generic or {d.kind, kind} <= KIND_FAMILY):
                continue
            if kind == K.OTHER == d.kind and not generic and not d.generic and _other_key(label) != _other_key(d.label):
                continue  # a commitment letter and a voting agreement are two agreements
            if date and d.date and date[:7] != d.date[:7] and S.REFERENCED in (status, d.status):
                continue
            if (status == S.REFERENCED) != (d.status == S.REFERENCED) and not (generic and not d.generic):
                continue
            dk = {id(p) for p in d.parties}
            if self.filer is not None and (pk - dk) and (dk - pk) and (pk & dk) <= {id(self.filer)} \
                    and len(d.parties) >= 2:
                continue  # the filer's deals with two different counterparties are two deals
            if not pk:
                s = 0.5 if d is self.current else 0.1
            else:
                inter = len(pk & dk)
                if inter == 0:
                    continue
                s = inter / len(pk | dk) + (0.5 if inter == len(pk) else 0)
            s += 0.3 if d.kind == kind else 0
            if s > best_s:
                best, best_s = d, s
        return best

    def open(self, doc: int, text: str, span: tuple[int, int], kind: AgreementKind, generic: bool, status: AgreementStatus,
             parties: list[OrgEntry], date: str | None, separate: bool, term: str | None, title: str | None,
             weak: bool = False, label: str = "") -> Draft | None:
        d = self.find(kind, generic, parties, status, date, separate, label, title)
        if d is None:
            if len(parties) < 2:
                return None
            d = Draft(kind=kind, generic=generic, status=status, parties=list(parties), doc=doc,
                       evidence=make_evidence(doc, text, span[0], span[1]), date=date, title=title, weak_kind=weak,
                       label=label)
            self.drafts.append(d)
        else:
            if (d.generic and not generic) or (d.weak_kind and not weak and not generic):
                d.kind, d.generic, d.weak_kind = kind, False, False
            for p in parties:
                if len(d.parties) < 2 or d.doc == doc:
                    d.add_party(p)
            d.date = d.date or date
            if status in (S.TERMINATED, S.OPTION_EXERCISED, S.AMENDED):
                d.status = status
        if term:
            d.terms.add(term.lower())
        if title and not d.title:
            d.title = title
        return d

    def by_term(self, sent: str) -> Draft | None:
        """The agreement a defined term in the sentence names ("the License Agreement")."""
        best = None
        for d in self.drafts:
            for t in d.terms:
                # "the X Agreements" names the X Agreement(s); "the BWH-Purpose Agreement" is not "the Purpose Agreement"
                m = re.search(rf"(?<![\w-]){re.escape(t)}s?\b", sent, re.I)
                if m and (best is None or len(t) > best[0]):
                    best = (len(t), d)
        return best[1] if best else None


_FORMAL_TITLE = re.compile(r"\b(?:Agreements?|Contract)\s*$")


def _title_words(title: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", title.lower()) if w not in ("and", "the", "of", "agreement", "agreements")}


def other_title(a: str | None, b: str | None) -> bool:
    """Two agreement titles that name different agreements (assembly rule: a titled agreement never
    absorbs a differently titled one): neither's words contain the other's ("License Agreement" and
    "Exclusive License Agreement" may be one; "Master Agreement" and "Stock Purchase Agreement" are two)."""
    if not a or not b or not _FORMAL_TITLE.search(a) or not _FORMAL_TITLE.search(b):
        return False  # a headline's "Drug Discovery Alliance" describes a deal; it is no agreement's title
    wa, wb = _title_words(a), _title_words(b)
    return bool(wa) and bool(wb) and not (wa <= wb or wb <= wa)
