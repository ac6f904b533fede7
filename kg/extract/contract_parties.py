"""Parties of a contract as its preamble, labelled fields or title block state them (``lic:party``).

Shapes read (each a class of contracts, see tests/extract/test_contract_parties.py):
"by and between X ("A") and Y ("B")"; enumerated "(1) X ... (2) Y"; "X ("A") and Y ("B") agree";
"entered into by X and Y"; labelled fields ("Party A: X", "Company Name: X"); title blocks
"X and Y" over the title; letters (addressee above "Ladies and Gentlemen:", the writer in the
opening sentence); signature blocks ("X  By: /s/ ...") when nothing else names the parties.
A party is ``(legal name, defined terms)``; whether it is a person is decided by
:func:`is_person_party`.
"""
from __future__ import annotations

import re

from kg.extract.contract_placeholders import is_blank_name, placeholder_role
from kg.names import normalize_org_name

# Where the preamble ends and the recitals begin (all eras and drafting styles).
_RECITALS = re.compile(r"\b(?:WHEREAS|Whereas|RECITALS|Recitals|WITNESSETH|BACKGROUND|Background:|Preamble|NOW,?\s+THEREFORE|TABLE\s+OF\s+CONTENTS|Table\s+of\s+Contents?)\b")

# Legal-form suffixes as written after company names (US, UK, EU, Asia); a run may chain ("Co., Ltd.", "GmbH & Co KG").
_SUFFIX_WORD = (
    r"(?:Incorporated|Inc|INC|Corporation|CORPORATION|Corp|CORP|Company|COMPANY|Co|CO|Limited|LIMITED|Ltd|LTD|"
    r"L\.?L\.?C|LLC|llc|inc|plc|PLC|AG|GmbH|GMBH|KG|KGaA|S\.?\s?A\.?\s?S|S\.?A|S\.?p\.?A|N\.?V|B\.?V|L\.?P|LLP|A/S|AB|SE|"
    r"s\.?r\.?l|S\.?R\.?L|Pty|PTY|Pte|PTE|K\.?K|ULC|Oyj)"
)
_SUFFIX_RUN = re.compile(rf"(?:(?:,|\s)\s*(?:&\s*)?{_SUFFIX_WORD}\.?(?![A-Za-z0-9]))+")  # not "SE1 9GL" (a postcode)
_Q = "\"\u201c\u201d\u02ba'"
# Defined-term anchors after a party name: ("Xencor"), (hereinafter called "BII"), (the "Company"),
# — hereinafter referred to as Cremer —, (Bioeq) in texts whose quotes were lost.
_ANCHOR = re.compile(
    rf"\((?P<a>[^()]{{0,120}}?[{_Q}][^{_Q}()]{{1,50}}[{_Q}][^()]{{0,120}})\)"
    rf"|[\u2014\u2013-]+\s*hereinafter\s+(?:referred\s+to\s+as|called)\s+[{_Q}]?(?P<b>[\w .&-]{{1,40}}?)[{_Q}]?\s*[\u2014\u2013-]+"
    rf"|\(\s*(?P<c>[A-Z][\w&.-]{{1,30}})\s*\)(?=\s*(?:,\s*(?:and|a|an)\b|and\b|\.|;))"
    rf"|\(the\s+(?P<f>[A-Z][A-Z&.-]{{1,30}}|[A-Z][a-z]{{2,30}})\)"
    rf"|\(\s*hereinafter\s+(?:referred\s+to\s+as|called)\s+(?P<d>[A-Z][\w .&-]{{0,30}}?)\s*\)"
    rf"|,?\s*hereinafter\s+(?:referred\s+to\s+as\s+|called\s+)?(?:the\s+)?[{_Q}](?P<e>[^{_Q}]{{1,40}})[{_Q}]"
)
_TERM = re.compile(rf"[{_Q}]([^{_Q}]{{1,50}})[{_Q}]")
# Where a party's legal name stops: its description ("a Delaware corporation"), address, role phrases.
_NAME_END = re.compile(
    r"\s*\((?![A-Za-z ]{1,20}\)\s+[A-Z])"
    r"|,?\s+(?:a|an)\s+(?=[A-Z]|corporation|company|limited|private|public|body|non-?profit|not-for-profit|university|member|division|subsidiary|state|national)"
    r"|,?\s+(?:having|with\s+(?:its|an|a|offices|principal)|located|whose|which|organi[sz]ed|incorporated\s+(?:in|under)|existing|acting|through\s+its|on\s+behalf|for\s+services|also\s+known|as\s+administrator|a/k/a|f/k/a|d/b/a|c/o)\b"
    r"|,\s*(?=\d)|\s+(?=\d{1,6}[A-Za-z]?\s+[A-Z])(?!\d{1,6}\s+(?:[A-Z][\w&]*\s+){0,3}(?:LIMITED|Limited|Ltd|LTD|Inc|INC|LLC|PLC|plc|Corp|CORP|Corporation|CORPORATION)\b)"
    r"|\s+and\s+its\s+(?:Affiliates|affiliates|subsidiaries|Subsidiaries)"
    r"|\s+[\u2014\u2013]|\s+-{2,3}\s|\s+-\s(?!(?:[A-Z][\w&.'-]*\s+){0,5}[A-Z][\w&.'-]*\s*(?:,|\(|$))"
    r"|\s+of\s+(?=[^,]{0,40}\d|[\[(])|\s+of\s*$"
    r"|,?\s+(?:is\s+(?:a|an)|in\s+the\s+person\s+of|represented\s+by|an\s+individual|individually|residing|resident)\b|,\s*[Ii]ndividual\b",
)
_CONNECTORS = {"of", "and", "the", "de", "for", "&", "du", "des", "la", "van", "von", "der", "y", "e"}
_MONTH = r"January|February|March|April|May|June|July|August|September|October|November|December|Effective"
# Words of defined roles and generic nouns: a "name" made only of them is a role ("Services Company", "Software Publisher")
_ROLE_WORDS = {"company", "trust", "bank", "distributor", "agent", "affiliate", "affiliates", "licensee", "licensor", "software",
               "publisher", "publishers", "services", "service", "investment", "group", "customer", "client", "supplier",
               "vendor", "partnership", "partner", "partners", "sponsor", "reseller", "franchisee", "franchisor", "seller",
               "buyer", "purchaser", "contractor", "consultant", "developer", "provider", "parties", "party", "owner",
               "holder", "holders", "shares", "these", "strictly", "private", "confidential", "member", "members", "co",
               "inc", "inc.", "llc", "ltd", "corporation", "common", "securities", "fund", "addendum", "i", "ii", "iii"}
_GENERIC_TERMS = {"party", "parties", "agreement", "contract", "effective date", "this agreement"}

def _name_ok(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 12 or len(name) < 2:
        return False
    if name[0].islower() and not _SUFFIX_RUN.search(" " + name) and not re.match(r"[a-z]+[A-Z]", name):
        return False
    for i, w in enumerate(words):
        if i == 0 and _SUFFIX_RUN.search(" " + name) and re.fullmatch(r"[a-z][a-z]*[-@.][\w@.-]*,?|[a-z]+[A-Z][\w@.-]*,?", w):
            continue  # a lower-case brand with a legal form ("e-centives, Inc.", "iGo, Inc.")
        # lowercase words are connectors, legal forms, web names ("drkoop.com") or camel-case brands ("iBio")
        if (w[0].islower() and w.strip(",.") not in _CONNECTORS and not re.search(r"\.com|\d|[A-Z]", w)
                and not _SUFFIX_RUN.fullmatch(" " + w)):
            return False
    if re.search(r"\d{3,}", name) and re.search(r"\b(?:Ave|Avenue|Street|St|Suite|Road|Rd|Blvd|Floor|Drive|Way)\b", name):
        return False  # an address, not a name
    if re.fullmatch(r"(?i)(?:the\s+)?(?:distributor's\s+)?(?:company|executive|employee|consultant|parties|party|customer|client|franchisee|licensee|licensor|personnel)\.?", name):
        return False  # a defined role, not a name
    if re.search(r"\b(?:AGREEMENT|Agreement|EXHIBIT|Exhibit|including|INCLUDING)\b|^[&(]|^of\b|\b(?:By|BY)\s*:|_{2,}|(?:<<|\[)\s*(?:insert|enter|name)", name, re.I):
        return False
    if re.search(rf"[a-z]{{4,}}\.\s+(?!{_SUFFIX_WORD}\b)(?:[A-Z]|\d)|-{{3,}}|\[\s*LOGO", name):
        return False  # "Branded Service. 4.4 Co", a rule line or a logo: text run together, not a name
    if not re.search(r"[A-Za-z]{2}", name) or re.search(r"\d\s?%", name):
        return False  # "0.125%": a figure, not a name
    if re.search(r"\b(?:" + _MONTH + r")\.?\s+\d{1,2}\b", name) or re.sub(r"[^A-Za-z0-9]", "", _SUFFIX_RUN.sub("", " " + name)) in ("", "GP"):
        return False  # "Effective February 4", "Astana January 31": a date; "GP, LLC": a legal form alone
    if name.count("(") != name.count(")") or re.match(r"(?:19|20)\d\d\s|(?i:" + _MONTH + r")\.?\s+\d", name):
        return False  # "1 9GL (the Company", "2009 Keefe ...", "January 18": a fragment, not a name
    if all(w.strip(",.").lower() in _ROLE_WORDS or w.strip(",.").lower() in _CONNECTORS for w in words):
        return False  # "Company and the Trust", "NETGEAR and Distributor" is caught below, "Services Company"
    if re.search(r"(?i)\s(?:and|&)\s+(?:the\s+)?(?:" + "|".join(sorted(_ROLE_WORDS - {"i", "ii", "iii", "co", "inc", "inc."})) + r")$", name):
        return False  # "NETGEAR and Distributor", "Bank and ... Bank": a collective of a party and a role
    return not re.match(r"(?i)(?:this|the\s+following|such|each|both|either|any|strictly\s+private|confidential)\b", name)


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
    # a heading, label or notice in front of the name: "... AGENCY AGREEMENT Mutual Insurance Corporation",
    # "Company Name: Schoolpop, Inc.", "AGREED TO BY: McDATA CORPORATION"
    cut = None
    for cut in re.finditer(r"\b(?:AGREEMENT|Agreement|CONTRACT|Contract|ADDENDUM(?:\s+[IVX]+)?|Addendum(?:\s+[IVX]+)?)\b(?!\s*[,(])|\b(?:Name|NAME|BY|By)\s*:\s|^\((?!(?:\d{1,2}|[a-hA-H]|i{1,3}|iv|v)\))[^()]{1,30}\)\s+(?:[A-Z]+\s+)?", s[:300]):
        pass
    if cut is not None and cut.end() < len(s):
        s = s[cut.end():].lstrip(" ,")
    # enumerators and labels: "(1) X", "(a) X", "1. X", "BETWEEN: X", "AND: X", "The Covenanter: X"
    s = re.sub(r"^(?:\(?(?:\d{1,2}|[a-hA-H]|i{1,3}|iv|v)\)\.?|\d{1,2}\.)\s+", "", s)
    s = re.sub(r"^(?:(?:BETWEEN|AND|Between|And|PARTIES|Parties|The\s+Covenanter|Covenanter)\s*:?\s+)+", "", s)
    # a lower-case description in front of a person's name: "professional golfer, TOM WATSON"
    s = re.sub(r"^(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*,\s+(?=[A-Z])", "", s)
    s = re.sub(r"^the\s+(?=[A-Z])", "", s)  # "the At Home Corporation"
    # a signatory named for the company: "Natalija Tunevic, director of FreeCook" -> the company
    s = re.sub(r"^(?:[A-Z][\w.'-]+\s+){1,3}[A-Z][\w.'-]+,\s+(?:the\s+)?(?:director|president|chief\s+executive\s+officer|ceo|owner|founder"
               r"|managing\s+director|general\s+manager|manager|partner|principal|officer|chairman)\s+(?:of|for)\s+(?=[A-Z])", "", s, flags=re.I)
    m = _NAME_END.search(s)
    name = s[: m.start()] if m else s
    # a legal-form run ends the name ("... GmbH Binger Strasse 173" -> "... GmbH")
    sm = _SUFFIX_RUN.search(name)
    if sm and name[sm.end():].strip(" ,"):
        place = re.match(r"\s+of\s+(?:the\s+)?(?:[A-Z][a-z]+\s?){1,3}$", name[sm.end():])
        if not (place and re.search(r"(?:Corporation|Company|Bank)$", name[: sm.end()])):
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
        piece = re.sub(r"^[\s,;&\-\u2013\u2014]*(?:(?:and|AND)\s+)?", "", piece)
        # "Institute of X and Environmental Research and Ceres, Inc.": split at the last " and "
        parts = re.split(r"\s+(?:and|AND)\s+", piece)
        if len(parts) > 1 and re.search(r"[A-Za-z]{3,}", _SUFFIX_RUN.sub("", " " + parts[-1])):
            left = " and ".join(parts[:-1])
            if _name_ok(left.strip(" ,")):
                out.append(left.strip(" ,"))
            piece = parts[-1]
        name = re.split(r",?\s+(?:including|INCLUDING)\b", " ".join(piece.split()))[0].strip(" ,;")  # "X, INCLUDING THE LIMITED WARRANTY"
        if _name_ok(name):
            out.append(name)
    return out


def _anchored(seg: str) -> list[tuple[str, list[str]]]:
    """[(name, terms)] of a preamble segment read anchor by anchor: each defined term ("A") names
    the party written just before it (from the previous anchor, or the segment's start)."""
    anchors = list(_ANCHOR.finditer(seg))
    parties: list[tuple[str, list[str]]] = []
    persons: list[tuple[str, list[str]]] = []
    pos = named_end = 0
    for a in anchors:
        chunk = seg[pos: a.start()]
        pos = a.end()
        if len(parties) >= 2 and _sentence_ends(chunk):
            break  # the preamble sentence has ended
        cue = None
        for cue in _OPENING_CUE.finditer(chunk):
            pass
        if cue is not None and not parties:
            chunk = chunk[cue.end():]  # "This Agreement is entered into on <date> between <name>"
        terms = _anchor_terms(a)
        loan = None
        for loan in _LOAN_OUT.finditer(chunk):
            pass
        if loan is not None:  # "X, Inc. ("X"), furnishing the services of Jane Roe ("Roe")": the person is a party too
            lender = _cut_name(chunk[: loan.start()])
            if lender:  # "X, Inc. f/s/o Jane Roe ("X")": the defined term is the company's, the person is not a party
                parties.append((lender, terms))
                continue
            person = _cut_name(chunk[loan.end():])
            if person:  # kept apart from the company that bears the same name ("Jane Roe, Inc.")
                persons.append((person, terms))
                continue
            chunk = chunk[loan.end():]
        listed = _described_list(chunk)
        if len(listed) >= 3:  # "X LP, a Delaware partnership, Y LLC, a ... company, and Z LLC, a ... (collectively ...)"
            parties.extend((n, []) for n in listed[:-1])
            chunk = chunk[chunk.rfind(listed[-1]):]
        name = _cut_name(chunk)
        tail = _tail_party(chunk, name)
        if name and tail:
            parties.append((name, []))
            name = tail
        elif tail:
            name = tail
        role = None if tail else placeholder_role(chunk, terms, named=bool(name) and not is_blank_name(name))  # "and ______ ("Licensee")", "the Agent named on the signature page"
        if role:
            if name and not is_blank_name(name) and not re.search(r"_|\[|<<\s*(?:enter|insert|name)", name, re.I):
                parties.append((name, []))
            name = role
        unquoted = a.group("f") is not None and not a.group("f").isupper()  # "(the Company)": a role only after a name
        if name:
            parties.append((name, terms))
            named_end = a.end()
        elif parties and terms and not unquoted and not re.search(r"(?i)collectively|together|each|jointly|both", a.group(0)):
            parties[-1][1].extend(terms)  # second term of the same party ("Roche US"; ... "Roche")
            named_end = a.end()
    if len(parties) == 1:
        # the last party named without a defined term: "..., and (Client) Pelican Delivers Inc. for the ..."
        rest = re.split(r"\n|(?<=.{15})\(", seg[named_end: named_end + 300], maxsplit=1)[0]
        m = re.match(r"\s*,?\s*(?:and|AND)\s*,?\s+", rest)
        name = _cut_name(rest[m.end():]) if m else None
        if name and _SUFFIX_RUN.search(" " + name):
            parties.append((name, []))
    out = _dedupe(parties)
    return out + [p for p in persons if p[0] not in {n for n, _ in out}]


# A loan-out company's person: "f/s/o Jane Roe", "furnishing the services of Jane Roe", "for the services of".
_LOAN_OUT = re.compile(r"(?:,\s*)?\b(?:f/s/o|furnishing\s+the\s+services\s+of|for\s+the\s+services\s+of)\s+", re.I)
# One entry of a list of parties each described: "White Oak LP, a Delaware limited partnership,"
_DESCRIBED = re.compile(
    rf"(?:^|[,;]\s*(?:and\s+)?)\s*(?P<n>[A-Z][^,;()]{{1,80}}?(?:,\s*{_SUFFIX_WORD}\.?)?),\s+(?:a|an)\s+[^,;()]{{0,60}}?"
    r"\b(?:corporation|company|partnership|trust|association|bank|fund)\b")


def _described_list(chunk: str) -> list[str]:
    """Names of a chunk that lists several parties, each followed by its description."""
    out = []
    for m in _DESCRIBED.finditer(chunk):
        name = " ".join(m.group("n").split())
        if _name_ok(name) and (_SUFFIX_RUN.search(" " + name) or _INSTITUTION.search(name)):
            out.append(name)
    return out


# Words after which a preamble names its first party.
_OPENING_CUE = re.compile(
    r"\b(?:by\s+and\s+(?:between|among)|between|among|entered\s+into\s+by|made\s+by|executed\s+by|is\s+by|issued\s+by"
    r"|(?:the\s+)?parties\s+to\s+this\s+(?:[\w-]+\s+){0,3}?(?:agreement|contract)\s+are)\b\s*:?"
    r"|\bPARTIES\b\s*:?|\bParties\s*:", re.I)
# Where a preamble without "between" starts: after the title heading, a "PARTIES" label or a letter's salutation.
_SALUTATION = re.compile(r"\b(?:Ladies\s+and\s+Gentlemen|Gentlemen|Dear\s+(?:Sirs?|Madam|Mr\.?|Ms\.?|Mrs\.?|Dr\.?)[^:,]{0,40})\s*[:,]")


def preamble_parties(text: str, limit: int = 30000) -> tuple[list[tuple[str, list[str]]], int]:
    """Parties of a contract's opening: [(legal name, defined terms)] and the offset where they are stated."""
    head = text[:limit]
    title_page: tuple[list[tuple[str, list[str]]], int] | None = None
    # a preamble that names one party and leaves the other to a cover page, a blank or a role
    # ("by and between Bank of America, N.A. ("Bank of America") and the above-named Supplier")
    single: tuple[list[tuple[str, list[str]]], int] | None = None
    for bm in re.finditer(r"\b(?:by\s+and\s+)?(?:between|among)\b\s*:?", head, re.I):
        seg_end = bm.end() + 1800
        rec = _RECITALS.search(head, bm.end())
        if rec and rec.start() < seg_end:
            seg_end = rec.start()
        stop = re.search(r"\b(?:Dated|Date|Source:|Effective\s+Date:)\s", head[bm.end(): seg_end])
        seg = head[bm.end(): seg_end]
        anchors = list(_ANCHOR.finditer(seg))
        named = next((a for a in anchors if _anchor_terms(a)), None)  # not ("Agreement")
        if named and re.search(r"\b(?:between|among)\b", seg[: named.start()], re.I):
            anchors = []  # a title page "X and Y" followed by the preamble's own "between": read the preamble
        if anchors and anchors[0].start() < 700:
            parties = _anchored(seg)
            if len(parties) >= 2:
                return parties, bm.start()
            if parties and single is None:
                single = (parties, bm.start())
        if title_page is None:
            tp = seg[: stop.start()] if stop else seg[:400]
            names = _split_names(tp)
            if len(names) >= 2:
                title_page = ([(n, []) for n in names], bm.start())
    if title_page:
        return title_page
    labelled = _labelled_parties(head)
    if labelled:
        return labelled
    for start in _opening_starts(head):
        seg = head[start: start + 1800]
        rec = _RECITALS.search(seg, 1)
        parties = _anchored(seg[: rec.start()] if rec else seg)
        if len(parties) >= 2:
            return parties, start
        if parties and single is None and _OPENING_CUE.search(seg[:300]):
            single = (parties, start)
    return _title_block(head) or single or ([], -1)


def _opening_starts(head: str) -> list[int]:
    """Offsets where a preamble without "between" may start: after each early title heading,
    after a "PARTIES" label, after a letter's salutation; the document start last."""
    from kg.extract.contract_title import title_candidates  # a sibling reader; imported late to keep the graph flat

    starts = [m.end() for m in _SALUTATION.finditer(head[:6000])][:1]
    from kg.extract.contract_title import HEAD_NOUN

    starts += [HEAD_NOUN.search(head, off).end() for off, _ in title_candidates(head, 4000)][:3]
    starts += [m.start() for m in re.finditer(r"\bPARTIES\b|\b[Tt]he\s+parties\s+to\s+this\s+(?:[\w-]+\s+){0,3}?[Aa]greement\s+are\b", head[:20000])][:1]
    starts.append(0)
    return starts


def _title_block(head: str) -> tuple[list[tuple[str, list[str]]], int] | None:
    """A title block naming the parties over the title: "X LTD. and Y PLC  STRATEGIC ALLIANCE AGREEMENT"."""
    m = re.search(r"\b(?:AGREEMENT|Agreement|CONTRACT)\b", head[:2000])
    if not m:
        return None
    names = _split_names(re.sub(r"^.*?\b(?:Exhibit|EXHIBIT)\s+[\w.()-]+\s*", "", head[: m.start()]))
    return ([(n, []) for n in names], 0) if len(names) >= 2 else None


# Party blocks of contracts drafted in China and elsewhere: "Party A: Didi Chuxing Technology Co., Ltd.
# Legal Representative: ... Party B: Hunan Ruixi Financial Leasing Co., Ltd".  Each name must end in a
# legal form (a label alone proves nothing about what follows it).
_PARTY_LABEL = re.compile(
    r"(?:^|(?<=\s))(?P<label>Party\s+[A-D]|Party\s+(?:One|Two|Three)|(?:First|Second|Third)\s+Party)(?:\s*\([^()]{1,30}\))?\s*[:\uff1a]\s*"
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
        if sm:
            name = name[: sm.end()].strip(" ,")
        elif not (_INSTITUTION.search(name) and len(name.split()) <= 8):
            continue  # a label alone proves nothing: a legal form or an institution ("People's Government of X County")
        if not _name_ok(name):
            continue
        label = " ".join(m.group("label").split())
        if any(n == name or label in t for n, t in parties):
            continue
        parties.append((name, [label]))
        first = m.start() if first < 0 else first
    return (parties, first) if len(parties) >= 2 else None


# Head words of institutions that are parties without a legal-form suffix.
_INSTITUTION = re.compile(r"\b(?:University|Institute|College|Hospital|Foundation|Center|Centre|Trust|Fund|Council|Board|Museum|School|Clinic|Agency"
                          r"|Government|Committee|Bureau|Municipality|Ministry|Authority|Administration|Commission)\b")


# Abbreviations that end with a period inside party descriptions (legal forms, addresses, titles).
_ABBREV = {"inc", "corp", "ltd", "co", "no", "st", "ave", "blvd", "dr", "rd", "ste", "mr", "ms", "jr", "sr", "esq",
           "calif", "mass", "penn", "fla", "ill", "del", "usa", "u", "s", "a", "n", "v", "b", "mt", "ft", "l", "p", "c"}


def _sentence_ends(chunk: str) -> bool:
    return any(w.lower() not in _ABBREV for w in re.findall(r"([A-Za-z]+)\.\s+[A-Z][a-z]", chunk))


# "X, a Nevada Corporation", "X, a limited liability company organized under ...": the name before it is an organization's
_ORG_DESCRIPTION = re.compile(r"(?i),?\s+(?:a|an)\s+(?:[A-Z][\w.]*\s+){0,3}(?:corporation|company|limited|partnership|llc|bank|association|trust)\b")


def _tail_party(chunk: str, first: str | None) -> str | None:
    """A second party named after " and " inside one anchor chunk ("..., and, Virtuoso Surgical, Inc.")."""
    start = chunk.find(first) + len(first) if first and first in chunk else 0
    # "... 75069 and the American Diabetes Association, Inc.", "...; National Football League Alumni, Inc."
    ands = list(re.finditer(r"(?:,\s*|\s)(?:and|AND)\s*,?\s+(?=(?:the\s+)?[A-Z])|;\s*(?:and\s+)?(?=(?:the\s+)?[A-Z])", chunk[start:]))
    if not ands:
        return None
    tail = chunk[start + ands[-1].end():]
    cand = _cut_name(tail)
    # accept a suffixed or institutional name, or one the defined term right after it annotates
    runs_to_anchor = (cand is not None and " ".join(tail.split()).strip(" ,") == cand and len(cand.split()) >= 2
                      and not re.search(r"(?i)\bagreement\b", cand))
    if first and cand and cand.lower() in first.lower():
        return None  # "Institute of Grassland and Environmental Research": the words after "and" are the same name
    described = cand is not None and bool(_ORG_DESCRIPTION.match(tail[tail.find(cand) + len(cand):] if cand in tail else ""))
    if cand and cand != first and (_SUFFIX_RUN.search(" " + cand) or _INSTITUTION.search(cand) or runs_to_anchor or described):
        return cand
    return None


def _dedupe(parties: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """One entry per legal entity (same normalized name), defined terms merged."""
    out: list[tuple[str, list[str]]] = []
    for name, terms in parties:
        # "X Management, L.P." and "X Management (International) Limited" are two entities
        key = (normalize_org_name(name), tuple(re.findall(r"\(([^()]*)\)", name.lower())))
        same = next((p for p in out if (normalize_org_name(p[0]), tuple(re.findall(r"\(([^()]*)\)", p[0].lower()))) == key), None)
        if same:
            same[1].extend(t for t in terms if t not in same[1])
        else:
            out.append((name, list(terms)))
    return out


def _anchor_terms(a: re.Match) -> list[str]:
    if a.group("a") is not None:
        terms = _TERM.findall(a.group("a"))
    else:
        terms = [a.group("b") or a.group("c") or a.group("d") or a.group("e") or a.group("f")]
    return [t.strip() for t in terms if t and t.strip().lower() not in _GENERIC_TERMS]




# Signature blocks: "For and on behalf of X  By:", "X  By: /s/ ...", "By: Y, its general partner".
_ON_BEHALF = re.compile(r"\b(?:For\s+and\s+on\s+behalf\s+of|FOR\s+AND\s+ON\s+BEHALF\s+OF|On\s+behalf\s+of|ON\s+BEHALF\s+OF"
                        r"|(?:Signed|SIGNED|Executed|EXECUTED)\s+(?:for|FOR)(?:\s+and\s+on\s+behalf\s+of)?)\s*:?\s+"
                        r"(?P<n>[A-Z][^\n:]{1,100}?)\s*,?\s*(?=\n|By\s*:|BY\s*:|Signature|Name\s*:)")
_BY = re.compile(r"\b(?:By|BY)\s*:")
_BY_AGENT = re.compile(r"\s*(?P<n>[A-Z][^\n:/]{2,90}?),?\s+its\s+(?:sole\s+)?(?:general\s+partner|managing\s+member|manager|sole\s+member|investment\s+(?:adviser|advisor|manager)|member|trustee|attorney-in-fact)\b")
# Words of a signature block that are not a name.
_SIG_WORD = re.compile(r"(?:Signatory|Signature|Title|Name|Director|Officer|President|Manager|Partner|Secretary|Treasurer"
                       r"|WHEREOF|above|written|Date|Dated|Witness|WITNESS|Attest|ATTEST|Accepted|ACCEPTED|Agreed|AGREED|Address)\b")


_SIG_ROLE_LABELS = {"LICENSEE", "LICENSOR", "DISTRIBUTOR", "COMPANY", "CUSTOMER", "CLIENT", "SUPPLIER", "VENDOR", "CEO", "CFO",
                    "PARTNERSHIP", "SPONSOR", "RESELLER", "FRANCHISEE", "FRANCHISOR", "CONSULTANT", "CONTRACTOR", "AGENT",
                    "PURCHASER", "SELLER", "BUYER", "PROVIDER", "DEVELOPER", "OWNER", "MANUFACTURER", "PARTNER"}


def _caps_name_before(text: str, end: int) -> str | None:
    """The organization name written just before a "By:" line: all-caps words, or capitalised
    words ending in a legal form ("Acme Labs, Inc.  By:")."""
    words = text[max(0, end - 200): end].split()
    keep: list[str] = []
    if words and re.fullmatch(r"[A-Z][\w.,&'-]*:", words[-1]):
        words[-1] = words[-1][:-1]  # the organization's line ends in a colon: "KIOSK CONCEPTS, INC.:  By:"
    for w in reversed(words):
        bare = w.strip(",")
        if not bare or _SIG_WORD.match(bare) or bare.startswith("/s/") or bare.endswith(":"):
            break
        letters = [c for c in bare if c.isalpha()]
        caps = bool(letters) and all(c.isupper() for c in letters) or bare.isdigit() and bool(keep)  # "KES 7 CAPITAL INC."
        if caps or bare.lower() in _CONNECTORS or bare in ("&", "-") or _SUFFIX_RUN.fullmatch(" " + bare):
            keep.insert(0, w)
            continue
        break
    while keep and (keep[0].strip(",").lower() in _CONNECTORS or keep[0].strip(",:") in _SIG_ROLE_LABELS
                    or not re.search(r"[A-Za-z]", keep[0])):  # "... 8, 2020 SCULPTOR CAPITAL LP": a date's figures
        keep.pop(0)  # "LICENSEE XACCT TECHNOLOGIES, INC.", "CEO BLOOM BURTON & CO. LTD."
    name = " ".join(keep).strip(" ,")
    if len(keep) >= 2 and _SUFFIX_RUN.sub("", " " + name).strip(" ,&") and not re.search(r"\b(?:AGREEMENT|WHEREOF|EXHIBIT|SCHEDULE|PAGE)\b", name) and _name_ok(name):
        return name
    return None


def signature_parties(text: str) -> list[tuple[str, list[str]]]:
    """Organizations that sign the contract, read from its signature blocks (for contracts whose
    preamble says only "the undersigned", "the parties listed on Schedule A", or names nobody)."""
    found: list[tuple[str, list[str]]] = []
    for m in _ON_BEHALF.finditer(text):
        name = " ".join(m.group("n").split()).strip(" ,")
        if _name_ok(name):
            found.append((name, []))
    for m in _BY.finditer(text):
        name = _caps_name_before(text, m.start())
        if name:
            half = name.split()
            if len(half) % 2 == 0 and half[: len(half) // 2] == half[len(half) // 2:]:
                name = " ".join(half[: len(half) // 2])  # two signature columns side by side
            names = _split_names(name) if len(_SUFFIX_RUN.findall(" " + name)) > 1 else [name]
            found += [(n, []) for n in names or [name]]
        agent = _BY_AGENT.match(text, m.end())
        if agent and _name_ok(" ".join(agent.group("n").split())):
            found.append((" ".join(agent.group("n").split()), []))
    return _dedupe(found)


# Defined terms that name a person's role in a contract (endorsements, consulting, employment).
_PERSON_ROLE = re.compile(r"(?i)^(?:executive|employee|consultant|celebrity|athlete|endorser|player|artist|talent|golfer"
                          r"|individual|director|officer|personality|spokesperson|personnel|advisor|adviser)$")
# What a contract says right after a person's name: "an individual", "residing at", "his", "Individual".
_PERSON_CONTEXT = re.compile(r"[\s,]*(?:\([^)]{0,60}\)\s*,?\s*)?(?:an\s+individual|individual|individually|residing|resident\s+of"
                             r"|whose\s+(?:home\s+)?address|born|of\s+\[address|a\s+(?:natural\s+person|professional|citizen))\b", re.I)
_NAME_WORD = re.compile(r"(?:[A-Z][a-z'\u2019-]+|[A-Z]\.|[A-Z][A-Z'\u2019-]+|(?:Mc|Mac|O')[A-Z][a-z]+|de|van|von|da|Jr\.?|Sr\.?|III|II)$")


def is_person_party(name: str, terms: list[str], text: str) -> bool:
    """True when a party is a natural person: a name of 2-4 name words with no legal form or
    institution word, defined by a personal role ("Executive", "Consultant") or described as
    an individual ("Joe Bloggs, an individual residing at ...")."""
    words = name.replace(",", " ").split()
    if not 2 <= len(words) <= 4 or _SUFFIX_RUN.search(" " + name) or _INSTITUTION.search(name):
        return False
    if not all(_NAME_WORD.match(w) for w in words):
        return False
    if any(_PERSON_ROLE.match(t.strip()) for t in terms):
        return True
    for m in re.finditer(re.escape(name), text[:40000]):
        if _PERSON_CONTEXT.match(text, m.end()):
            return True
        if re.search(r"(?:Mr|Ms|Mrs|Dr)\.?\s+$", text[max(0, m.start() - 6): m.start()]):
            return True
    return False


# Cover-page fields of commercial contracts that name a party: "Company Name: Cardlytics, Inc.",
# "Customer Name: ...", "SPONSOR: Name: Rubio's Fresh Mexican Grill", "Licensee: Acme, Inc.".
_COVER_FIELD = re.compile(
    r"(?:^|(?<=\s))(?:(?:Company|Customer|Client|Supplier|Vendor|Contractor|Licensee|Licensor|Distributor|Reseller|Sponsor"
    r"|Franchisee|Franchisor|Consultant|Partner|Purchaser|Buyer|Seller|Provider|Member|Agent)(?:'s)?\s+(?:Legal\s+)?Name"
    r"|(?:SPONSOR|CUSTOMER|CLIENT|SUPPLIER|VENDOR|LICENSEE|DISTRIBUTOR|RESELLER|FRANCHISEE|PURCHASER|BUYER|SELLER)\s*:\s*Name"
    r"|(?:SPONSOR|CUSTOMER|CLIENT|SUPPLIER|VENDOR|LICENSEE|LICENSOR|DISTRIBUTOR|RESELLER|FRANCHISEE|FRANCHISOR|PURCHASER|BUYER|SELLER)"
    r"|(?:The\s+)?(?:[Bb]uyer|[Ss]eller|[Pp]urchaser|[Ss]upplier|[Cc]ustomer)(?:/[A-Za-z-]+)?"
    r"|Licensee|Licensor|Distributor|Reseller|Franchisee|Franchisor|Sponsor|Client|Vendor)"
    r"\s*[:\uff1a]\s*(?P<name>[^\n:\uff1a]{2,120}?)(?=\s{2,}|\s*\n|[ \t]+(?:Phone|Telephone|Tel|Fax|Address|E-?mail|Attn|Contact)[ \t]*:|[ \t]+(?!(?:[A-Z][a-z]+[ \t]+){1,2}(?:Phone|Telephone|Tel|Fax|Address|E-?mail|Attn|Contact)[ \t]*:)(?:[A-Z][a-z]+[ \t]+){0,2}[A-Z][a-z]+[ \t]*:|[ \t]+[A-Z]{2,}[ \t]*:|$)")


def cover_field_parties(text: str, limit: int = 4000) -> list[tuple[str, list[str]]]:
    """Parties named by labelled fields on a contract's cover page (see ``_COVER_FIELD``)."""
    found: list[tuple[str, list[str]]] = []
    for m in _COVER_FIELD.finditer(text[:limit]):
        name = " ".join(m.group("name").split()).strip(" ,;")
        sm = _SUFFIX_RUN.search(" " + name)
        if sm:
            name = (" " + name)[: sm.end()].strip(" ,")
        if _name_ok(name) and (sm or len(name.split()) >= 2) and not re.search(r"[_\[\]]|\d{3,}", name):
            found.append((name, []))
    return _dedupe(found)


# A contract in plain style names its writer once: 'In this Agreement, we refer to The Joint Corp. as "we," "us," or
# the "Company."' (franchise agreements, consumer-style terms).
_WE_REFER = re.compile(r"\b[Ww]e\s+(?:refer\s+to|will\s+refer\s+to|call)\s+(?P<n>[A-Z][^,;:\"\u201c\n]{1,80}?)\s*,?\s+(?:as|below\s+as)\s+[\"\u201c](?:we|us)\b")


def plain_style_parties(text: str, limit: int = 20000) -> list[tuple[str, list[str]]]:
    """The party a plain-style contract names as "we" ('we refer to X as "we," "us" ...')."""
    m = _WE_REFER.search(text[:limit])
    if not m:
        return []
    name = re.sub(r"^the\s+(?=[A-Z])", "", " ".join(m.group("n").split())).strip(" ,.")
    if name.endswith(("Corp", "Inc", "Co", "Ltd")) and m.group("n").rstrip().endswith("."):
        name += "."
    return [(name, ["we"])] if _name_ok(name) else []

