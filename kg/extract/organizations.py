"""Organizations named in deal text (``lic:Organization``), with aliases, tickers and parents.

Finds candidate names of four classes: legal names ending in a legal-form
suffix ("Genentech, Inc.", "Samsung Electronics Co., Ltd.", "AstraZeneca AB"),
institutions ("The Children's Hospital of Philadelphia", "Baylor College of
Medicine"), names followed by a ticker parenthetical ("Biogen (NASDAQ: BIIB)")
and names introduced with a defined term ("Les Laboratoires Servier
("Servier")").  Short aliases come from defined terms (``("Isis")``,
``(the "Company")``) and from the name without its legal form.  Which of them
are deal parties is decided by :mod:`kg.extract.agreements`; GOLD_SCHEMA keeps
only parties plus the filer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.docmodel import build_docmodel
from kg.extract.mentions import slot_names
from kg.extract.lexicon import EXCHANGES, INSTITUTION_HEADS, NON_PARTY_ORG_RE, ORG_SUFFIX_RE
from kg.extract.scan import finditer_before, finditer_near
from kg.extract.sentences import make_evidence
from kg.facts import Evidence, Organization
from kg.names import normalize_org_name as _normalize_org_name
from kg.names import strip_legal_suffix

__all__ = ["OrgEntry", "OrgIndex", "find_organizations"]

_Q = "\"'\u201c\u201d\u2018\u2019"
_NW = r"(?:(?<![A-Za-z])[a-z]{1,2}[A-Z][A-Za-z0-9]*|[A-Z][A-Za-z0-9'\u2019&\-/]*(?:\.[A-Za-z]{2,3}\b)?|[A-Z]\.(?:[A-Z]\.)+|(?<![\w-])\d{1,3}-[A-Z][a-z]{2,}[A-Za-z0-9]*|\d+[A-Za-z]+)"  # a name word: "ImmunoGen", "Amazon.com", "J.P.", "4-Antibody"
_CONN = r"(?:of(?:\s+the)?|for|de|des|du|la|van|von|der|&)"  # lowercase words inside names ("Bank of America", "College of Medicine")
# at most eight words: bounded so that long runs of capitals (legal boilerplate) stay linear
# words of one name are one or two spaces apart, or wrapped onto the next line; three or more spaces
# separate table cells ("FibraSeal      Norrvik Group" are two column headings, not a company)
_CHUNK = rf"{_NW}(?:(?:[ \t]{{1,2}}|[ \t]*\n[ \t]*)(?:{_CONN}\s+)?{_NW}){{0,7}}"
_SUFFIX = rf"(?:(?:,?\s+(?=[A-Z]|plc\b|p\.l\.c\.)(?i:{ORG_SUFFIX_RE})|\s+(?:and|&)\s+(?:Company|Co\.))(?![A-Za-z\-]))"
# a legal name may carry one parenthesised word before its legal form: "Zai Lab (Shanghai) Co., Ltd.",
# "Focus Softek India (Private) Limited" (only here: other name patterns stop at "(", see finditer_before)
_LEGAL = re.compile(rf"(?P<name>(?:The\s+)?{_CHUNK}(?:[ \t]\((?:[A-Z][A-Za-z]+|Pvt\.?)\))?(?:{_SUFFIX}){{1,3}})")
_SP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a space or one line break inside a wrapped name, never a blank line
_INSTITUTION = re.compile(
    rf"(?P<name>(?:The\s+)?(?:{_NW}\s+){{0,4}}(?:{INSTITUTION_HEADS})\b(?!\s+(?:Drive|Road|Street|Avenue|Blvd|Boulevard|Way|Parkway|Lane|Place|Court|Plaza)\b)(?:{_SP}(?:of|for|at|on)(?:{_SP}the)?{_SP}{_NW}(?:{_SP}{_NW}){{0,4}})*)"
)
_TICKER = re.compile(
    rf"\(\s*(?P<ex>[A-Za-z][A-Za-z .\-]{{1,40}}?)\s*:\s*(?P<tk>[A-Z0-9][A-Z0-9.\-]{{0,9}})\s*\)"
)
_TRADED = re.compile(
    rf"traded\s+on\s+the\s+(?P<ex>[A-Z][A-Za-z ]+?)\s+under\s+the\s+(?:ticker\s+)?symbol\s+[{_Q}]?(?P<tk>[A-Z0-9.]{{1,8}})"
)
_DEFINED = re.compile(
    rf"\s*\(\s*(?:(?:hereinafter|together|collectively|each|jointly)[,:]?\s+)?(?:referred\s+to\s+as\s+)?(?P<terms>(?:(?:the\s+)?[{_Q}][^{_Q}\n]{{1,40}}(?:\n[^{_Q}\n]{{1,30}})?[{_Q}](?:\s*(?:,|or|and|and/or)\s*)?)+)\s*\)"
)
_TERM = re.compile(rf"(?:the\s+)?[{_Q}]([^{_Q}\n]{{1,40}}(?:\n[^{_Q}\n]{{1,30}})?)[{_Q}]")  # a term may wrap: ("New\nLine")
_SUBSIDIARY_OF = re.compile(r"[^.;]{0,80}?(?:a\s+)?(?:wholly[- ]owned\s+|indirect\s+|direct\s+)?subsidiary\s+of\s+(?P<parent>[A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*){0,4})")
_MEMBER_OF = re.compile(r"[^.;]{0,60}?a\s+member\s+of\s+the\s+(?P<parent>[A-Z][\w\-]*)\s+Group")
_POSSESSIVE_SUB = re.compile(rf"(?P<parent>{_NW}(?:\s+{_NW}){{0,3}})['\u2019]s\s+(?:wholly[- ]owned\s+)?subsidiary,\s+$")
# place of incorporation after a name: ', a Delaware corporation', ', a company organized under the laws of Japan'
_JURISDICTION = re.compile(
    r"\s*(?:\([^)]{1,60}\)\s*)?,\s+an?\s+(?P<j>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:corporation|limited\s+liability\s+company|company|limited\s+partnership|"
    r"public\s+limited\s+company|stock\s+corporation|statutory\s+trust|société|societe|GmbH|AG)\b"
    r"|\s*(?:\([^)]{1,60}\)\s*)?,\s+an?\s+(?:company|corporation)\s+(?:organized|incorporated|existing)\s+under\s+the\s+laws\s+of\s+(?:the\s+)?(?:State\s+of\s+)?(?P<j2>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
# a short appositive after a name, before its defined term: ", a Delaware corporation and wholly owned subsidiary of TBS"
# role words a document may define as a party's name (layer 3, references): 'X, a company organized under the
# laws of England (the "Licensee")'; later "the Licensee" is X
_ROLE_TERM = re.compile(r"^(?:the\s+)?(?:Licensee|Licensor|Sublicensee|Sublicensor|Collaborator|Distributor|Supplier|Manufacturer"
                        r"|Buyer|Purchaser|Seller|Acquiror|Acquirer|Investor|Optionee|Optionor)$", re.I)
_TO_PAREN = re.compile(r"[^()\"\u201c\u201d;.]{1,60}?(?=\s*\()")
_APPOSITIVE = re.compile(r",\s+(?:an?|the)\s+[^()\"\u201c\u201d;.]{1,100}?(?=\s*\()")
_LEAD_STOP = re.compile(
    r"^(?:(?:On|In|Under|Today|As|At|By|For|With|From|And|Both|Each|Between|Among|Pursuant|Dated|Date|Exhibit|Of|If|When"
    r"|Whereas|WHEREAS|Contact|Contacts|Media|Investor|Investors|SOURCE|Source|About|Item|ITEM|Also|This|That|These|Such)\s+)+"
)
# chunks that are documents, securities or events, not organizations ("Agreement and Plan of Merger")
_NOT_ORG_WORD = re.compile(
    r"\b(?:Agreement|Agreements|Plan|Merger|Stock|Shares|Facility|Letter|Act|Date|Time|Meeting|Consideration|Approval"
    r"|Statement|Report|Form|Item|Exhibit|Board\s+of\s+Directors|Bylaws|Section|Rule|Regulation|Notes|Securities\s+Act|Proposal"
    # instruments that modify an agreement ("First Amendment", "Addendum No. 2", "Side Letter"), never a party
    r"|Amendment|Amendments|Addendum|Supplement|Waiver)\b",
    re.I,
)
# Anchors for kg.extract.scan.finditer_near (same matches as finditer, tried only near them):
# a name chunk spans at most 1 ("The") + 8 words + 7 two-word connectors ("of the") = 23
# whitespace-separated runs, plus "and" before "Company"; institutions at most "The" + 4 words.
_CHUNK_RUNS = 32
# the opening of a defined-term parenthetical right before a name ('(the "', '(collectively, the "', '("')
_IN_DEFINITION = re.compile(rf"\(\s*(?:(?:hereinafter|together|collectively|each|jointly)[,:]?\s+)?(?:referred\s+to\s+as\s+)?(?:the\s+)?[{_Q}]\s*$")
# where a name can start: a capital or digit, or a lower-case prefix before a capital ("eCERA", "iRobot")
_NAME_START = re.compile(r"[A-Z0-9]|(?<![A-Za-z])[a-z]{1,2}(?=[A-Z])")
# (each anchor consumes a character or word that starts it, so re skips ahead to candidates: see finditer_near;
# a head word consumed hides no other, none starts inside another)
_SUFFIX_AHEAD = re.compile(rf"\s(?P<at>)(?=(?=[A-Z]|plc\b|p\.l\.c\.)(?i:{ORG_SUFFIX_RE})(?![A-Za-z\-]))")
_HEAD_AHEAD = re.compile(rf"(?:{INSTITUTION_HEADS})\b")
_ANCHORED = ((_LEGAL, _SUFFIX_AHEAD, _CHUNK_RUNS), (_INSTITUTION, _HEAD_AHEAD, 8))
_TICKER_AHEAD = re.compile(r"\((?=(?:[A-Za-z .\-]{2,40}):\s*[A-Z0-9])")
_NAME_BEFORE_TICKER = re.compile(rf"(?P<name>{_CHUNK})\s*(?=\((?:[A-Za-z .\-]{{2,40}}):\s*[A-Z0-9])")
# kg.names.normalize_org_name is a pure function of its string; OrgIndex.resolve asks it for
# every entry at every mention, so its answers are remembered (per filing: find_organizations clears).
normalize_org_name = lru_cache(maxsize=1 << 15)(_normalize_org_name)
# a name right before "(" (a defined term may follow); the chunk holds no "(" (kg.extract.scan.finditer_before)
_NAME_BEFORE_PAREN = re.compile(rf"(?P<name>{_CHUNK})\s*(?=\()")
_PAREN = re.compile(r"\(")
_EXCHANGE_RES = [(re.compile(rf"^(?:{p})$", re.I), name) for p, name in EXCHANGES]
_NON_PARTY = re.compile(NON_PARTY_ORG_RE, re.I)
_ONLY_SUFFIX = re.compile(rf"[\s,]*(?i:{ORG_SUFFIX_RE})[\s,.]*")
_ENDS_IN_SUFFIX = re.compile(ORG_SUFFIX_RE + r"\.?$")
_ENDS_IN_SUFFIX_ANY_CASE = re.compile(rf"(?i:{ORG_SUFFIX_RE})\.?$")
_CONN_LEAD = re.compile(rf"[ \t]*{_CONN}\b")  # a wrapped name's next line goes on with a connector


@dataclass
class OrgEntry:
    """One organization of a filing and every surface form that names it."""

    name: str
    aliases: list[str] = field(default_factory=list)
    ticker: str | None = None
    exchange: str | None = None
    parent: str | None = None
    jurisdiction: str | None = None
    evidence: Evidence | None = None
    first: tuple[int, int] = (0, 0)  # (document, offset) of the first mention

    @property
    def key(self) -> str:
        return normalize_org_name(self.name)

    def surfaces(self) -> list[str]:
        return [self.name] + [a for a in self.aliases if a]

    def to_fact(self) -> Organization:
        """The GOLD_SCHEMA organization (``lic:Organization``)."""
        return Organization(
            name=self.name, aliases=list(self.aliases), ticker=self.ticker, exchange=self.exchange,
            parent=self.parent, jurisdiction=self.jurisdiction, evidence=self.evidence,
        )


def _exchange(label: str) -> str | None:
    label = " ".join(label.split())
    for rx, name in _EXCHANGE_RES:
        if rx.match(label):
            return name
    return None


_LEAD_OF = re.compile(r"^(?:[A-Z][\w\-]*\s+){1,4}(?:of|for)\s+(?=[A-Z])")
# titles and degrees printed before a company name in contact blocks ("CEO ImmunoGen, Inc.")
_LEAD_CAPS = re.compile(r"^(?:(?:CEO|CFO|COO|CTO|CSO|CMO|EVP|SVP|VP|DVM|PhD|Ph\.D\.|MD|M\.D\.|MBA|Esq\.?|Chairman|President|Director)\s+)+(?=[A-Z])")
_POSSESSIVE_HEAD = re.compile(r"^.*?\b[A-Z]{2,}['\u2019]s\s+")


_HEADLINE_VERB = re.compile(
    r"\b(?:ANNOUNCES?|COMPLETES?|ACQUIRES?|ACQUISITION\s+OF|MERGER\s+WITH|SIGNS?|ENTERS?\s+INTO|REPORTS?|AGREES?\s+TO\s+ACQUIRE"
    r"|TO\s+ACQUIRE|PARTNERS?\s+WITH|LICENSES?|WITH|AND)\s+")


_AMONG = re.compile(r"\b(?:Among|AMONG|Between|BETWEEN|among|between)\s+(?:and\s+)?(?=[A-Z])")
_AGREEMENT_OR_PLAN = re.compile(r"(?i:\bAgreement\b|\bPlan\b)")
_FORM_FULL_STOP = re.compile(r"\b(LLC|LP|LLP|AG|AB|SA|NV|BV|SE|PLC|plc|GmbH|KG|KGaA|SpA|Oyj|ASA|A/S)\.$")
_ELLIPSIS = re.compile(r"\.{3,}|\u2026")


def _clean(name: str) -> str:
    """Trim words that precede a name: titles ("CEO"), document words ("Report of"), owners ("CHOP's")."""
    name = " ".join(name.split())
    name = _LEAD_STOP.sub("", name)
    name = _POSSESSIVE_HEAD.sub("", name)
    rest = _LEAD_OF.sub("", name)
    head = name.split(" of ")[0]
    if rest != name and _ENDS_IN_SUFFIX_ANY_CASE.search(rest) and not re.search(INSTITUTION_HEADS, head) \
            and not re.search(r"(?i:\b(?:Corporation|Company|Bank|Trust|Association|Group|Society|Laboratories|Industries))$", head):
        # "Board of Directors of NVIDIA Corporation" -> "NVIDIA Corporation"; not "Home Health Corporation of America, Inc."
        name = rest
    name = _LEAD_CAPS.sub("", name)
    # an exhibit title runs into the parties it names: "Indemnification Agreement Among X, Inc." -> "X, Inc."
    among = _AMONG.search(name)
    if among and _AGREEMENT_OR_PLAN.search(name[:among.start()]):
        name = name[among.end():]
    # an all-capitals headline runs two names together: the name is what follows its verb
    # ("ACME CORP ANNOUNCES ACQUISITION OF SELWYN MOTORS, INC." -> "SELWYN MOTORS, INC.")
    if name.isupper():
        cut = list(_HEADLINE_VERB.finditer(name))
        if cut:
            name = name[cut[-1].end():]
    # a legal form written without periods ends before the sentence's full stop ("Cordale Credit, LLC.")
    name = _FORM_FULL_STOP.sub(r"\1", name)
    return name.strip(" ,;:")


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class OrgIndex:
    """All organizations of one filing, with alias resolution (``kg.names`` keys)."""

    def __init__(self) -> None:
        self.entries: list[OrgEntry] = []
        self._rx: re.Pattern | None = None  # the mention pattern, rebuilt after a change
        self._version = 0  # bumped by every change of an entry, a name or an alias (_changed)
        self._memo: dict[str, OrgEntry | None] = {}
        self._memo_version = -1

    def _changed(self) -> None:
        self._rx = None
        self._version += 1

    def add(self, name: str, doc: int, text: str, start: int, end: int) -> OrgEntry | None:
        """Add (or find) the organization ``name`` mentioned at text[start:end]."""
        name = _clean(name)
        if len(name) < 2 or _NON_PARTY.match(name) or _ELLIPSIS.search(name) or _ONLY_SUFFIX.fullmatch(name) or normalize_org_name(name) in ("", "company", "the company"):
            return None
        found = self.resolve(name)
        if found:
            if _is_caps(found.name) and not _is_caps(name) and normalize_org_name(found.name) == normalize_org_name(name):
                found.aliases.append(found.name)
                found.name = name  # prefer the name as written in running text over a cover-page capital form
                self._changed()
            return found
        entry = OrgEntry(name=name, evidence=make_evidence(doc, text, start, end), first=(doc, start))
        short = strip_legal_suffix(name)
        if short != name and normalize_org_name(short):
            entry.aliases.append(short)
        self.entries.append(entry)
        self._changed()
        return entry

    def resolve(self, surface: str | None) -> OrgEntry | None:
        """The entry a surface form names (name, alias or defined term), or None."""
        if not surface:
            return None
        if self._memo_version != self._version:
            self._memo, self._memo_version = {}, self._version  # answers hold until the index changes
        if surface in self._memo:
            return self._memo[surface]
        found = self._resolve(surface)
        self._memo[surface] = found
        return found

    def _resolve(self, surface: str) -> OrgEntry | None:
        key = normalize_org_name(surface)
        if not key:
            return None
        low = " ".join(surface.lower().split())
        for e in self.entries:
            if normalize_org_name(e.name) == key:
                return e
        for e in self.entries:
            for a in e.aliases:
                if a.lower() == low or (normalize_org_name(a) == key and not a.lower().startswith("the ")):
                    return e
        return None

    def add_alias(self, entry: OrgEntry, alias: str) -> None:
        alias = " ".join(alias.split())
        if alias and alias.lower() not in {a.lower() for a in entry.aliases} and alias != entry.name:
            other = self.resolve(alias)
            if other is None or other is entry:
                entry.aliases.append(alias)
                self._changed()

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, OrgEntry]]:
        """(start, end, entry) of every surface form in text[start:end], longest first at a position."""
        if not self.entries:
            return []
        if self._rx is None:
            forms = sorted({s for e in self.entries for s in e.surfaces() if len(s) > 1}, key=len, reverse=True)
            # a name of two or more words, or an all-capitals one, is the same name in any case ("NORRVIK
            # MEDICAL AB" on the cover, "Norrvik Medical AB" in the text, "ACME CORP ANNOUNCES" headlines);
            # a one-word mixed-case form ("Purpose") only as written or in capitals (a headline)
            pats = []
            for f in forms:
                pat = r"\s+".join(re.escape(w) for w in f.split())
                if len(f.split()) > 1 or (f.isupper() and len(f) >= 4):
                    pats.append(f"(?i:{pat})")
                else:
                    pats.append(pat)
                    if f.upper() != f:
                        pats.append(re.escape(f.upper()))
            self._rx = re.compile(r"(?<![\w])(?:" + "|".join(pats) + r")(?![\w])")
        out = []
        for m in self._rx.finditer(text, start, len(text) if end is None else end):
            e = self.resolve(m.group())
            if e is not None:
                out.append((m.start(), m.end(), e))
        return out


def _cut_short_line(text: str, s: int, e: int, name: str) -> tuple[int, str]:
    """Drop the part of a name before a line break that ends a short line (table cell, heading)."""
    while True:
        nl = text.find("\n", s, e)
        if nl < 0:
            return s, name
        line_start = text.rfind("\n", 0, s) + 1
        if nl - line_start >= 40 or _CONN_LEAD.match(text[nl + 1:e]):
            return s, name  # a hard-wrapped line, or a name whose next line goes on "of Montana": it continues
        s = nl + 1
        name = text[s:e]


def _defined_terms(text: str, pos: int) -> list[str]:
    m = _DEFINED.match(text, pos)
    if not m:
        return []
    terms = []
    for t in _TERM.finditer(m.group("terms")):
        term = t.group(0).strip()
        term = term if term.lower().startswith("the ") else t.group(1)
        terms.append(" ".join(term.replace("\u201c", "").replace("\u201d", "").replace('"', "").split()))
    return terms


_WORDS_AND_BEFORE = re.compile(r"(?:^|(?<=[\s(]))(?P<head>(?:[A-Z][\w'\u2019-]*\s+){1,3})and\s+$")


def _joined_by_initials(text: str, s: int, e: int, name: str) -> tuple[int, int, str]:
    """A name with "and" inside it, proved by the initials its defined term spells: 'Brigham and Women's
    Hospital, Inc. ("BWH")' is one hospital, not "Brigham" and "Women's Hospital, Inc."."""
    terms = _defined_terms(text, e)
    m = _WORDS_AND_BEFORE.search(text, max(0, s - 40), s) if terms else None
    if m is None:
        return s, e, name
    joined = text[m.start("head"):e]
    if any(t.isupper() and len(t) >= 3 and t == _initials(joined) != _initials(name) for t in terms):
        return m.start("head"), e, joined
    return s, e, name


def _term_fits(term: str, name: str) -> bool:
    """A defined term belongs to a name when it is one of its words or its initials ("CHOP")."""
    t = term.lower().removeprefix("the ").strip()
    words = re.findall(r"[A-Za-z][\w.&'\u2019-]*", name)
    lw = [w.lower() for w in words]
    initials = "".join(w[0] for w in words if w[0].isupper()).lower()
    return t in lw or t in " ".join(lw) or (len(t) >= 2 and t == initials) or t.replace(" ", "") in initials


def find_organizations(texts: list[str], index: OrgIndex | None = None) -> OrgIndex:
    """Candidate organizations of all documents' texts (document order), in an :class:`OrgIndex`."""
    idx = index or OrgIndex()
    normalize_org_name.cache_clear()  # remembered per filing only (no gain from repeated documents)
    for doc, text in enumerate(texts):
        hits: list[tuple[int, int, str]] = []
        for rx, anchor, runs in _ANCHORED:
            for m in finditer_near(rx, text, anchor, runs, starts=_NAME_START):
                hits.append((m.start("name"), m.end("name"), m.group("name")))
        for m in finditer_near(_NAME_BEFORE_TICKER, text, _TICKER_AHEAD, _CHUNK_RUNS, starts=_NAME_START):
            if _TICKER.match(text, m.end()) and _exchange(_TICKER.match(text, m.end()).group("ex")):
                hits.append((m.start("name"), m.end("name"), m.group("name")))
        for m in finditer_before(_NAME_BEFORE_PAREN, text, _PAREN, _CHUNK_RUNS):
            terms = _defined_terms(text, m.end())
            if terms and not _NOT_ORG_WORD.search(m.group("name")) and any(_term_fits(t, m.group("name")) for t in terms):
                hits.append((m.start("name"), m.end("name"), m.group("name")))
        hits = [_joined_by_initials(text, *h) for h in hits]
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        last_end = -1
        kept = []
        for s, e, name in hits:
            s, name = _cut_short_line(text, s, e, name)
            if s < last_end:
                continue
            if _IN_DEFINITION.search(text, max(0, s - 40), s):
                continue  # '(collectively, the "ICSL Group")': a defined term, the alias of the name before it
            # a legal name wins over a shorter reading inside it
            cleaned = _clean(name)
            if _NOT_ORG_WORD.search(cleaned) and not _ENDS_IN_SUFFIX.search(cleaned):
                continue
            kept.append((s, e, cleaned))
            last_end = e
        chain: list[OrgEntry] = []
        prev_end = -1
        for s, e, name in kept:
            entry = idx.add(name, doc, text, s, e)
            if entry is None:
                continue
            if not (prev_end >= 0 and re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*&)\s*", text[prev_end:s])):
                chain = []
            chain.append(entry)
            prev_end = e
            after = e
            t = _TICKER.match(text, after) or _TICKER.match(text, after + 1)
            if t and _exchange(t.group("ex")) and entry.ticker is None:
                entry.ticker, entry.exchange = t.group("tk"), _exchange(t.group("ex"))
            group = re.match(r"\s*\(\s*(?:together|collectively|jointly)\b", text[after:after + 40])
            for term in _defined_terms(text, after):
                idx.add_alias(chain[0] if group else entry, term)
            jm = _JURISDICTION.match(text, after)
            if jm and entry.jurisdiction is None:
                entry.jurisdiction = jm.group("j") or jm.group("j2")
            # 'X, Inc., a Delaware corporation ("X")', 'X Co., a wholly owned subsidiary of Y ("X Sub")': a defined
            # term after the appositive is X's when it fits X's name (a term that fits Y is Y's, read at Y)
            am = jm or _APPOSITIVE.match(text, after)
            if am:
                for term in _defined_terms(text, am.end()):
                    if _term_fits(term, entry.name) or _ROLE_TERM.match(term):
                        idx.add_alias(entry, term)  # its short name, or the role the text calls it by ("the Licensee")
                rest = _TO_PAREN.match(text, am.end())  # "..., organized under the laws of England and Wales (the "Licensee")"
                for term in _defined_terms(text, rest.end()) if rest else ():
                    if _ROLE_TERM.match(term):
                        idx.add_alias(entry, term)
            for rx in (_SUBSIDIARY_OF, _MEMBER_OF):
                pm = rx.match(text, after)
                if pm and entry.parent is None:
                    entry.parent = " ".join(pm.group("parent").split())
            pm = _POSSESSIVE_SUB.search(text[max(0, s - 80):s])
            if pm and entry.parent is None:
                entry.parent = pm.group("parent")
        for m in _TRADED.finditer(text):
            ex = _exchange(m.group("ex"))
            before = idx.mentions(text, max(0, m.start() - 400), m.start())
            if ex and before and before[-1][2].ticker is None:
                before[-1][2].ticker, before[-1][2].exchange = m.group("tk").rstrip("."), ex
    for doc, text in enumerate(texts):  # layer 2: names in deal-frame slots and headings, after every form-based name
        for s, e, name in slot_names(text, build_docmodel(text)):
            _link_or_add(idx, name, doc, text, s, e)
    _short_aliases(idx, texts)
    return idx


def _initials(name: str, without_suffix: bool = True) -> str:
    """"Ashcombe Enterprise Limited" -> "AE" (or "AEL" with its legal form)."""
    base = strip_legal_suffix(name) if without_suffix else name
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'\u2019\-]*", base) if w[0].isupper())


def _without_parents(entries: list[OrgEntry]) -> list[OrgEntry]:
    """Of several organizations a short form fits, drop the parent named in another's description
    ("Nakagawa Shokuhin KK, a wholly-owned subsidiary of Nakagawa Holdings Co., Ltd.": "Nakagawa" is the
    subsidiary that acts; the parent is only described)."""
    if len(entries) < 2:
        return entries
    parents = {normalize_org_name(e.parent) for e in entries if e.parent}
    kept = [e for e in entries if normalize_org_name(e.name) not in parents]
    return kept or entries


def _link_or_add(idx: OrgIndex, name: str, doc: int, text: str, s: int, e: int) -> None:
    """A name found only by its position (layer 2) is a short form of a known organization when it
    is the leading words or the initials of exactly one ("Daesan" for "Daesan Pharmaceutical Co.,
    Ltd.", "AEL" for "Ashcombe Enterprise Limited"); a form that fits several ("Hanjin" for two Hanjin
    companies) names none of them; any other name is a new organization."""
    name = _clean(name)
    if idx.resolve(name) is not None or len(name) < 2:
        return
    words = name.lower().removeprefix("the ").split()
    fits = []
    for entry in idx.entries:
        full = strip_legal_suffix(entry.name).lower().removeprefix("the ").split()
        if (len(words) < len(full) and full[:len(words)] == words) or (name.isupper() and len(name) >= 2 and name in (_initials(entry.name), _initials(entry.name, False))):
            fits.append(entry)
    fits = _without_parents(fits)
    if len(fits) == 1:
        idx.add_alias(fits[0], name)
    elif not fits:
        idx.add(name, doc, text, s, e)


_WORD_CHAR = re.compile(r"\w")
_SPACE_RUN = re.compile(r"\s+")
_NOT_ALONE = re.compile(r"\w|\s+[A-Z][a-z]|,\s+(?:Inc|Ltd|Corp)")  # another word, a capitalized one, a legal form


def _used_alone(text: str, words: list[str]) -> bool:
    """Whether ``words`` (whitespace between them) occur in ``text`` as a name of their own: not inside a
    longer word, not followed by another capitalized word or a legal form.  Each occurrence of the first
    word is checked in place (a pattern per name would be compiled per filing and tried at every position)."""
    first = words[0]
    p = text.find(first)
    while p >= 0:
        end = p + len(first)
        if p > 0 and _WORD_CHAR.match(text, p - 1):
            end = -1
        for w in words[1:]:
            sp = _SPACE_RUN.match(text, end) if end >= 0 else None
            end = sp.end() + len(w) if sp and text.startswith(w, sp.end()) else -1
        if end >= 0 and not _NOT_ALONE.match(text, end):
            return True
        p = text.find(first, p + 1)
    return False


def _short_aliases(idx: OrgIndex, texts: list[str]) -> None:
    """Leading-word aliases when the text uses them alone and unambiguously: "Isis" for "Isis
    Pharmaceuticals, Inc.", "Calder Ridge" for "Calder Ridge Biopharma, Inc." (the name without its
    trailing descriptive words)."""
    prefixes: dict[str, list[OrgEntry]] = {}
    for e in idx.entries:
        if not _ENDS_IN_SUFFIX_ANY_CASE.search(e.name):
            continue  # institutions ("Board of Trustees ...") keep their defined terms only
        words = re.match(r"(?:The\s+)?(.*)", strip_legal_suffix(e.name)).group(1).split()
        for n in range(1, max(1, min(3, len(words) - 1)) + 1):
            if all(re.match(r"[A-Z][\w.\-]*$", w) for w in words[:n]):
                prefixes.setdefault(" ".join(words[:n]), []).append(e)
    joined = "\n".join(texts)
    done: set[int] = set()
    for prefix, entries in sorted(prefixes.items(), key=lambda kv: len(kv[0].split())):
        word = prefix.split()[0]
        entries = _without_parents(entries)
        if len(entries) != 1 or len(word) < 3 or word.lower() in ("the", "new", "united", "international", "american", "national", "general", "first"):
            continue
        e = entries[0]
        if id(e) in done or prefix == e.name or any(a == prefix for a in e.aliases):
            continue
        if _used_alone(joined, prefix.split()):
            idx.add_alias(e, prefix)
            done.add(id(e))  # the shortest form the text uses alone
