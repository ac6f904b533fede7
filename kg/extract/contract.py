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
from kg.extract.dates import DATE_RE, find_dates
from kg.extract.law import governing_law
from kg.extract.sentences import make_evidence
from kg.facts import Agreement, AgreementKind, AgreementStatus, Organization
from kg.names import normalize_org_name, strip_legal_suffix

__all__ = ["ContractFacts", "extract_contract", "contract_date", "execution_date", "contract_title", "kind_from_title", "preamble_parties"]

# Preamble date phrases of contracts: "dated as of", "made and entered into as of", "entered into on",
# "effective as of", "Dated:", "Effective Date:", "Date" (title pages).
_DATE_CUE = re.compile(
    r"\b(?:dated|made|entered\s+into|executed|effective|agreement\s+date|effective\s+date|date)\b"
    r"(?:\s+(?:and\s+)?(?:entered\s+into|made|effective))?\s*(?:as\s+of|on|:)?\s*(?:this|the)?\s*",
    re.I,
)
# Where the preamble ends and the recitals begin (all eras and drafting styles).
_RECITALS = re.compile(r"\b(?:WHEREAS|Whereas|RECITALS|Recitals|WITNESSETH|BACKGROUND|Background:|Preamble|NOW,?\s+THEREFORE|TABLE\s+OF\s+CONTENTS|Table\s+of\s+Contents?)\b")

# Title-word precedence for the agreement kind (GOLD_SCHEMA kinds).  Learned as a CLASS from the CUAD
# reference set: any licence wording makes it a licence ("Development and License", "Licensed Products");
# collaboration / strategic alliance next; then development (co-development), research, supply,
# distribution; joint ventures and sponsorships are "other".
_KIND_RULES: list[tuple[re.Pattern, AgreementKind]] = [
    (re.compile(r"\blicen[cs]", re.I), AgreementKind.LICENSE),
    (re.compile(r"\bcollaborat|\bstrategic\s+alliance|\balliance\b|\bpartnership\b", re.I), AgreementKind.COLLABORATION),
    (re.compile(r"\bco-?promot", re.I), AgreementKind.CO_PROMOTION),
    (re.compile(r"\bdevelopment\b|\bco-?develop", re.I), AgreementKind.CO_DEVELOPMENT),
    (re.compile(r"\bresearch\b", re.I), AgreementKind.RESEARCH),
    (re.compile(r"\bsupply\b|\bmanufactur", re.I), AgreementKind.SUPPLY),
    (re.compile(r"\bdistribut|\breseller\b|\bagency\b", re.I), AgreementKind.DISTRIBUTION),
    (re.compile(r"\boption\b", re.I), AgreementKind.OPTION),
    (re.compile(r"\bsettlement\b", re.I), AgreementKind.SETTLEMENT),
    (re.compile(r"\bmerger\b|\bacquisition\b|\bpurchase\b", re.I), AgreementKind.ACQUISITION),
]

# Legal-form suffixes as written after company names (US, UK, EU, Asia); a run may chain ("Co., Ltd.", "GmbH & Co KG").
_SUFFIX_WORD = (
    r"(?:Incorporated|Inc|INC|Corporation|CORPORATION|Corp|CORP|Company|COMPANY|Co|CO|Limited|LIMITED|Ltd|LTD|"
    r"L\.?L\.?C|LLC|llc|inc|plc|PLC|AG|GmbH|GMBH|KG|KGaA|S\.?\s?A\.?\s?S|S\.?A|S\.?p\.?A|N\.?V|B\.?V|L\.?P|LLP|A/S|AB|SE|"
    r"s\.?r\.?l|S\.?R\.?L|Pty|PTY|Pte|PTE|K\.?K|ULC|Oyj)"
)
_SUFFIX_RUN = re.compile(rf"(?:(?:,|\s)\s*(?:&\s*)?{_SUFFIX_WORD}\.?(?![A-Za-z]))+")
_Q = "\"\u201c\u201d\u02ba'"
# Defined-term anchors after a party name: ("Xencor"), (hereinafter called "BII"), (the "Company"),
# — hereinafter referred to as Cremer —, (Bioeq) in texts whose quotes were lost.
_ANCHOR = re.compile(
    rf"\((?P<a>[^()]{{0,120}}?[{_Q}][^{_Q}()]{{1,50}}[{_Q}][^()]{{0,120}})\)"
    rf"|[\u2014\u2013-]+\s*hereinafter\s+(?:referred\s+to\s+as|called)\s+[{_Q}]?(?P<b>[\w .&-]{{1,40}}?)[{_Q}]?\s*[\u2014\u2013-]+"
    rf"|\((?P<c>[A-Z][\w&.-]{{1,30}})\)(?=\s*(?:,\s*(?:and|a|an)\b|and\b|\.|;))"
)
_TERM = re.compile(rf"[{_Q}]([^{_Q}]{{1,50}})[{_Q}]")
# Where a party's legal name stops: its description ("a Delaware corporation"), address, role phrases.
_NAME_END = re.compile(
    r"\s*\((?![A-Za-z ]{1,20}\)\s+[A-Z])"
    r"|,?\s+(?:a|an)\s+(?=[A-Z]|corporation|company|limited|private|public|body|non-?profit|not-for-profit|university|member|division|subsidiary|state|national)"
    r"|,?\s+(?:having|with\s+(?:its|an|a|offices|principal)|located|whose|which|organi[sz]ed|incorporated\s+(?:in|under)|existing|acting|through\s+its|on\s+behalf|for\s+services|also\s+known|as\s+administrator|a/k/a|f/k/a|d/b/a|c/o)\b"
    r"|,\s*(?=\d)|\s+(?=\d{1,6}[A-Za-z]?\s+[A-Z])"
    r"|\s+and\s+its\s+(?:Affiliates|affiliates|subsidiaries|Subsidiaries)"
    r"|\s+[\u2014\u2013]|\s+-{1,3}\s"
    r"|\s+of\s+(?=[^,]{0,40}\d)",
)
_CONNECTORS = {"of", "and", "the", "de", "for", "&", "du", "des", "la", "van", "von", "der", "y", "e"}
_GENERIC_TERMS = {"party", "parties", "agreement", "contract", "effective date", "this agreement"}
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


def _preamble_head(text: str, limit: int) -> str:
    head = text[:limit]
    first = re.search(r"\b(?:between|among)\b", head, re.I)
    rec = _RECITALS.search(head, first.end() if first else 0)
    return head[: rec.start()] if rec else head


def contract_date(text: str, limit: int = 6000) -> str | None:
    """The agreement date a contract's preamble or title page states (a full ISO date), else None."""
    head = text[:limit]
    signed = re.search(r"/s/|IN\s+WITNESS\s+WHEREOF", head)
    if signed:  # dates at the signatures are execution dates (see execution_date)
        head = head[: signed.start()]
    recitals = re.search(r"\b(?:WHEREAS|RECITALS|WITNESSETH|BACKGROUND)\b", head)
    if recitals:  # dates after the recitals start describe other agreements
        head = head[: recitals.start()]
    found = _cued_date(head)
    if found:
        return found
    # preamble after a cover page / table of contents: "This ... Agreement ... is made as of <date>"
    for m in re.finditer(r"\bTHIS\s+[^.]{0,150}?\bAGREEMENT\b[^.]{0,300}", text[:40000], re.I):
        found = _cued_date(m.group(0))
        if found:
            return found
    return None


# "Requested delivery date 1.1.2019", "payment due date": a bare "date" naming some other event
_OTHER_EVENT_DATE = re.compile(
    r"\b(?:delivery|due|payment|invoice|shipment|shipping|requested|expiry|expiration|termination|closing|record"
    r"|maturity|target|launch|completion|start|end|filing|report|reporting|price|pricing)\s*$", re.I)


def _cued_date(head: str) -> str | None:
    for m in _DATE_CUE.finditer(head):
        if m.group(0).strip().lower().startswith("date") and _OTHER_EVENT_DATE.search(head, max(0, m.start() - 25), m.start()):
            continue
        d = DATE_RE.match(head, m.end())
        if d:
            found = find_dates(d.group(0))
            if found and len(found[0][2]) == 10:
                return found[0][2]
    return None


def contract_title(text: str) -> str | None:
    """The contract's own title: an all-caps "... AGREEMENT" heading, else "This ... Agreement"."""
    head = text[:3000]
    lead = re.match(r"\s*(?:Exhibit\s+[\d.]+\s+)?((?:(?!Agreement\b|This\b)[A-Z][\w,&/'-]*\s+(?:and\s+|of\s+|for\s+)?){1,6}Agreement)\b", head)
    if lead:  # a mixed-case heading opening the document ("Consulting and Product Development Agreement")
        return " ".join(lead.group(1).split())
    for m in re.finditer(r"((?:[A-Z0-9][A-Z0-9,&/'\-.]*\s+){0,10}AGREEMENT\b(?:\s*\([^)]{1,60}\))?)", head):
        words = m.group(1).split()
        # trim notice / version words and sentence ends in front of the title words
        keep: list[str] = []
        for w in reversed(words):
            if re.fullmatch(r"(?:EXHIBIT|CONFIDENTIAL|EXECUTION|VERSION|COPY|REDACTED|TREATMENT|DISCLOSED\.?|THIS|THE|OF\.?|AND\.?|BETWEEN|BY|\d[\d.]*|[A-Z]+\.)", w) and not keep[-1:] == ["AND"] and w not in ("AND", "OF"):
                break
            if w.endswith(".") and keep:
                break
            keep.insert(0, w)
        while keep and keep[0] in ("AND", "OF", "FORM", "THE", ","):
            if keep[0] == "FORM" and len(keep) > 2 and keep[1] == "OF":
                break
            keep.pop(0)
        if len(keep) >= 2 or (keep and keep[0] != "AGREEMENT"):
            return " ".join(keep).strip(" ,")
    m = re.search(r"\bTHIS\s+((?:[A-Z][\w,&/'-]*\s+(?:and\s+|AND\s+|of\s+)?){1,8}(?:Agreement|AGREEMENT))\b", head, re.I)
    if m and m.group(1)[0].isupper():
        return " ".join(m.group(1).split())
    m = re.search(r"((?:[A-Z][\w,&/'-]*\s+(?:and\s+|of\s+)?){1,6}Agreement)\b", head[:800])
    if m:
        return " ".join(m.group(1).split())
    # contracts titled "... CONTRACT" (civil-law and Chinese drafting): "JOINT VENTURE CONTRACT",
    # "CONTRACT FOR CHINESE-FOREIGN EQUITY JOINT VENTURE", "TECHNOLOGY LICENSE CONTRACT"
    m = _CONTRACT_HEADING.search(head)
    return " ".join(m.group(1).split()) if m else None


_CONTRACT_HEADING = re.compile(
    r"^[ \t]*((?:[A-Z][A-Z0-9,&/'\-]*[ \t]+){0,6}CONTRACT(?:[ \t]+(?:FOR|OF|ON)(?:[ \t]+[A-Z][A-Z0-9,&/'\-]*){1,6})?)[ \t]*$",
    re.M)


def kind_from_title(title: str | None) -> AgreementKind:
    """GOLD_SCHEMA kind of a contract title by word precedence (see ``_KIND_RULES``); "other" when none fits."""
    if title:
        for rx, kind in _KIND_RULES:
            if rx.search(title):
                return kind
    return AgreementKind.OTHER


def _name_ok(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 12 or len(name) < 2:
        return False
    if name[0].islower() and not _SUFFIX_RUN.search(" " + name) and not re.match(r"[a-z]+[A-Z]", name):
        return False
    for w in words:
        # lowercase words are connectors, legal forms, web names ("drkoop.com") or camel-case brands ("iBio")
        if (w[0].islower() and w.strip(",.") not in _CONNECTORS and not re.search(r"\.com|\d|[A-Z]", w)
                and not _SUFFIX_RUN.fullmatch(" " + w)):
            return False
    if re.search(r"\d{3,}", name) and re.search(r"\b(?:Ave|Avenue|Street|St|Suite|Road|Rd|Blvd|Floor|Drive|Way)\b", name):
        return False  # an address, not a name
    return not re.match(r"(?i)(?:this|the\s+following|such|each|both|either|any)\b", name)


def _cut_name(chunk: str) -> str | None:
    """The party's legal name at the start of a preamble chunk; when the chunk opens with a title
    page or cover fields ("... Agreement Number: N115  Effective Date: March 1, 1996"), the name
    at the start of its last paragraph."""
    name = _cut_name_at_start(chunk)
    paras = re.split(r"\n[ \t]*\n", chunk.strip())
    if len(paras) > 1 and (name is None or ":" in name):
        return _cut_name_at_start(paras[-1]) or (None if name and ":" in name else name)
    return name


def _cut_name_at_start(chunk: str) -> str | None:
    s = re.sub(r"^[\s,;:.\-\u2013\u2014]*(?:(?:and|AND)\s*,?\s+)?(?:on\s+the\s+(?:one|other)\s+hand\s*,?\s*(?:and\s+)?)?", "", chunk)
    s = re.sub(r"^(?:and|AND)\s*,?\s+", "", s).strip()
    s = re.sub(r"^for\s+(?:the\s+)?services\s+of\s+", "", s)  # loan-out companies "for services of <person>"
    m = _NAME_END.search(s)
    name = s[: m.start()] if m else s
    # a legal-form run ends the name ("... GmbH Binger Strasse 173" -> "... GmbH")
    sm = _SUFFIX_RUN.search(name)
    if sm and name[sm.end():].strip(" ,"):
        name = name[: sm.end()]
    name = " ".join(name.split()).strip(" ,;:")
    return name if _name_ok(name) else None


def _split_names(chunk: str) -> list[str]:
    """Names in an unannotated list ("X, Inc., Y, LLC. and Z Limited"), cut after legal-form runs."""
    out: list[str] = []
    pos = 0
    for m in _SUFFIX_RUN.finditer(chunk):
        piece = chunk[pos: m.end()]
        pos = m.end()
        piece = re.sub(r"^[\s,;]*(?:(?:and|AND)\s+)?", "", piece)
        # "Institute of X and Environmental Research and Ceres, Inc.": split at the last " and "
        parts = re.split(r"\s+(?:and|AND)\s+", piece)
        if len(parts) > 1 and re.search(r"[A-Za-z]{3,}", _SUFFIX_RUN.sub("", " " + parts[-1])):
            left = " and ".join(parts[:-1])
            if _name_ok(left.strip(" ,")):
                out.append(left.strip(" ,"))
            piece = parts[-1]
        name = " ".join(piece.split()).strip(" ,;")
        if _name_ok(name):
            out.append(name)
    return out


def preamble_parties(text: str, limit: int = 30000) -> tuple[list[tuple[str, list[str]]], int]:
    """Parties of the preamble "by and between X ("A"), and Y ("B")": [(legal name, defined terms)], offset."""
    head = text[:limit]
    title_page: tuple[list[tuple[str, list[str]]], int] | None = None
    for bm in re.finditer(r"\b(?:by\s+and\s+)?(?:between|among)\b\s*:?", head, re.I):
        seg_end = bm.end() + 1800
        rec = _RECITALS.search(head, bm.end())
        if rec and rec.start() < seg_end:
            seg_end = rec.start()
        stop = re.search(r"\b(?:Dated|Date|Source:|Effective\s+Date:)\s", head[bm.end(): seg_end])
        seg = head[bm.end(): seg_end]
        anchors = list(_ANCHOR.finditer(seg))
        if anchors and re.search(r"\b(?:between|among)\b", seg[: anchors[0].start()], re.I):
            anchors = []  # a title page "X and Y" followed by the preamble's own "between": read the preamble
        if anchors and anchors[0].start() < 700:
            parties: list[tuple[str, list[str]]] = []
            pos = 0
            for a in anchors:
                chunk = seg[pos: a.start()]
                pos = a.end()
                if len(parties) >= 2 and _sentence_ends(chunk):
                    break  # the preamble sentence has ended
                terms = _anchor_terms(a)
                name = _cut_name(chunk)
                tail = _tail_party(chunk, name)
                if name and tail:
                    parties.append((name, []))
                    name = tail
                elif tail:
                    name = tail
                if name:
                    parties.append((name, terms))
                elif parties and terms and not re.search(r"(?i)collectively|together|each|jointly|both", a.group(0)):
                    parties[-1][1].extend(terms)  # second term of the same party ("Roche US"; ... "Roche")
            parties = _dedupe(parties)
            if len(parties) >= 2:
                return parties, bm.start()
        if title_page is None:
            tp = seg[: stop.start()] if stop else seg[:400]
            names = _split_names(tp)
            if len(names) >= 2:
                title_page = ([(n, []) for n in names], bm.start())
    return title_page or _labelled_parties(head) or ([], -1)


# Party blocks of contracts drafted in China and elsewhere: "Party A: Didi Chuxing Technology Co., Ltd.
# Legal Representative: ... Party B: Hunan Ruixi Financial Leasing Co., Ltd".  Each name must end in a
# legal form (a label alone proves nothing about what follows it).
_PARTY_LABEL = re.compile(
    r"(?:^|(?<=\s))(?P<label>Party\s+[A-D]|Party\s+(?:One|Two|Three)|(?:First|Second|Third)\s+Party)\s*[:\uff1a]\s*"
    r"(?P<name>[^\n:\uff1a]{3,150}?)"
    r"(?=\s+(?:Legal\s+Representative|Legal\s+Person|Address|Registered|Domicile|Residence|Tel|Telephone|Fax|Authori[sz]ed"
    r"|Attn|Contact|Unified\s+Social|Business\s+License|Party\s+[A-D]\b|(?:First|Second|Third)\s+Party)\b|\s*\n|\s*$)"
)


def _labelled_parties(head: str) -> tuple[list[tuple[str, list[str]]], int] | None:
    """[(name, [label])] of "Party A: <name>" blocks, when two of them name organizations."""
    parties: list[tuple[str, list[str]]] = []
    first = -1
    for m in _PARTY_LABEL.finditer(head):
        name = " ".join(m.group("name").split()).strip(" ,;")
        sm = _SUFFIX_RUN.search(name)
        if not sm or not _name_ok(name[: sm.end()].strip(" ,")):
            continue
        name = name[: sm.end()].strip(" ,")
        label = " ".join(m.group("label").split())
        if any(n == name or label in t for n, t in parties):
            continue
        parties.append((name, [label]))
        first = m.start() if first < 0 else first
    return (parties, first) if len(parties) >= 2 else None


# Head words of institutions that are parties without a legal-form suffix.
_INSTITUTION = re.compile(r"\b(?:University|Institute|College|Hospital|Foundation|Center|Centre|Trust|Fund|Council|Board|Museum|School|Clinic|Agency)\b")


# Abbreviations that end with a period inside party descriptions (legal forms, addresses, titles).
_ABBREV = {"inc", "corp", "ltd", "co", "no", "st", "ave", "blvd", "dr", "rd", "ste", "mr", "ms", "jr", "sr", "esq",
           "calif", "mass", "penn", "fla", "ill", "del", "usa", "u", "s", "a", "n", "v", "b", "mt", "ft", "l", "p", "c"}


def _sentence_ends(chunk: str) -> bool:
    return any(w.lower() not in _ABBREV for w in re.findall(r"([A-Za-z]+)\.\s+[A-Z][a-z]", chunk))


def _tail_party(chunk: str, first: str | None) -> str | None:
    """A second party named after " and " inside one anchor chunk ("..., and, Virtuoso Surgical, Inc.")."""
    start = chunk.find(first) + len(first) if first and first in chunk else 0
    ands = list(re.finditer(r"(?:,\s*|\s)(?:and|AND)\s*,?\s+(?=[A-Z])", chunk[start:]))
    if not ands:
        return None
    tail = chunk[start + ands[-1].end():]
    cand = _cut_name(tail)
    # accept a suffixed or institutional name, or one the defined term right after it annotates
    runs_to_anchor = (cand is not None and " ".join(tail.split()).strip(" ,") == cand and len(cand.split()) >= 2
                      and not re.search(r"(?i)\bagreement\b", cand))
    if first and cand and cand.lower() in first.lower():
        return None  # "Institute of Grassland and Environmental Research": the words after "and" are the same name
    if cand and cand != first and (_SUFFIX_RUN.search(" " + cand) or _INSTITUTION.search(cand) or runs_to_anchor):
        return cand
    return None


def _dedupe(parties: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """One entry per legal entity (same normalized name), defined terms merged."""
    out: list[tuple[str, list[str]]] = []
    for name, terms in parties:
        key = normalize_org_name(name)
        same = next((p for p in out if normalize_org_name(p[0]) == key), None)
        if same:
            same[1].extend(t for t in terms if t not in same[1])
        else:
            out.append((name, list(terms)))
    return out


def _anchor_terms(a: re.Match) -> list[str]:
    if a.group("a") is not None:
        terms = _TERM.findall(a.group("a"))
    else:
        terms = [a.group("b") or a.group("c")]
    return [t.strip() for t in terms if t and t.strip().lower() not in _GENERIC_TERMS]


def _is_contract(filing: Filing, text: str, title: str | None) -> bool:
    head = text[:8000]
    if re.search(r"\(\s*Exact\s+name\s+of\s+registrant", head, re.I):
        return False  # an 8-K / 10-K cover page
    if re.search(r"(?m)^[ \t]*FOR\s+IMMEDIATE\s+RELEASE|/PRNewswire/|\btoday\s+(?:announced|said|reported)\b", head, re.I):
        return False  # a press release (its release line, not "Orders ... shall be deemed to be for immediate release")
    return bool(title) and bool(re.search(r"\b(?:between|among)\b", text[:30000], re.I))


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


def _effective_date(text: str, date: str | None) -> str | None:
    """An Effective Date stated separately from the agreement date (GOLD_SCHEMA: only when it differs)."""
    head = _preamble_head(text, 8000)
    m = re.search(r"\beffective\s+(?:as\s+of|on)\s+(?:the\s+)?", head, re.I) or re.search(r"Effective\s+Date\s*:\s*", head)
    d = DATE_RE.match(head, m.end()) if m else None
    if not d:
        # definitions article: '"Effective Date" means October 31, 2019.'
        m = re.search(r"Effective\s+Date[\"\u201d]?\s*(?:means|shall\s+mean)\s+(?:the\s+)?", text[:80000])
        d = DATE_RE.match(text, m.end()) if m else None
    if not d:
        # '"Effective Date" shall mean the date the last party hereto has executed this Agreement'
        if _LAST_SIGNATURE.search(text[:80000]):
            eff = execution_date(text)
            return eff if eff and eff != date else None
        return None
    f = find_dates(d.group(0))
    eff = f[0][2] if f and len(f[0][2]) == 10 else None
    return eff if eff and eff != date else None


# an Effective Date defined as the day the agreement is fully signed: the last signature's date
_LAST_SIGNATURE = re.compile(
    r"Effective\s+Date[\"\u201d]?\s*(?:of\s+this\s+Agreement\s+)?(?:means|shall\s+mean|is)\s+the\s+date\s+(?:on\s+which\s+|that\s+|of\s+)?"
    r"(?:the\s+)?(?:last|later)\s+(?:of\s+the\s+)?(?:party|parties|signature)",
    re.I,
)


def _title_page_date(text: str) -> str | None:
    """A full date on the title page (before the table of contents), EDGAR "Source:" footers left out."""
    page = re.split(r"TABLE\s+OF\s+CONTENTS|Table\s+of\s+Contents|/s/|IN\s+WITNESS|\b[Tt][Hh][Ii][Ss]\s+(?:[\w,-]+\s+){0,6}?(?:AGREEMENT|Agreement)\b", text[:1500])[0]
    page = re.sub(r"(?m)^\s*Source:.*$", " ", page)
    full = [d for d in find_dates(page) if len(d[2]) == 10]
    return full[0][2] if full else None


def execution_date(text: str) -> str | None:
    """The last date written at the signatures ("Date: November 5, 2019", "Hamburg, 19 November 2012").

    For contracts whose preamble leaves the date blank or states none: the agreement is
    dated when the last party signs.
    """
    dates: list[str] = []
    # EDGAR footers ("Source: X, 1-A, 12/27/2019") carry the filing date, not the signing date; blanked
    # in the whole text first so that a window cannot start inside one
    text = re.sub(r"(?m)Source:[^\n]*", lambda f: " " * len(f.group(0)), text)
    for m in re.finditer(r"/s/|IN\s+WITNESS\s+WHEREOF", text):
        window = text[max(0, m.start() - 300): m.end() + 600]
        dates += [iso for _, _, iso in find_dates(window) if len(iso) == 10]
    return max(dates) if dates else None


def extract_contract(filing: Filing, document: int) -> ContractFacts | None:
    """Facts of the contract in ``filing.documents[document]``; None if it is not a contract."""
    if not 0 <= document < len(filing.documents):
        raise ExtractionError(f"no document {document} in this filing ({len(filing.documents)} documents)", path=filing.path)
    doc = filing.documents[document]
    text = doc.text
    title = contract_title(text)
    if not _is_contract(filing, text, title):
        return None
    parties, at = preamble_parties(text)
    if len(parties) < 2:
        return None
    status = AgreementStatus.NEW
    kind = kind_from_title(title)
    if title and re.search(r"\bAMENDMENT\b|\bAMENDED\s+AND\s+RESTATED\b", title, re.I) and not re.search(r"AMENDED\s+AND\s+RESTATED", title, re.I):
        status = AgreementStatus.AMENDED
    if title and re.search(r"\bTERMINATION\s+AGREEMENT\b", title, re.I):
        status = AgreementStatus.TERMINATED
    if status is not AgreementStatus.NEW or kind is AgreementKind.OTHER and title and re.search(r"AMENDMENT", text[:300]):
        ref = re.search(r"that\s+certain\s+(?:fully\s+executed\s+)?((?:[A-Z][\w-]*\s+){1,6}Agreement)", text[:6000])
        if ref:
            kind = kind_from_title(ref.group(1))
            status = AgreementStatus.AMENDED if status is AgreementStatus.NEW else status
    date = contract_date(text) or _title_page_date(text) or execution_date(text)
    licensor, licensee, exclusive = _roles(parties, text)
    term = contract_term(text)
    effective = _effective_date(text, date)
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
        expiration_date=expiration_from(term, effective or date),
        title=title,
        evidence=make_evidence(document, text, max(at, 0), end),
    )
    orgs = []
    for name, terms in parties:
        aliases: list[str] = []
        for t in terms + [strip_legal_suffix(name)]:
            if t and t != name and t not in aliases:
                aliases.append(t)
        orgs.append(Organization(name=name, aliases=aliases, evidence=agreement.evidence))
    return ContractFacts(agreement=agreement, organizations=orgs)
