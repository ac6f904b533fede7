"""People with titles and organizations (``lic:Person``, ``lic:title``, ``lic:memberOf``).

Three places in filings name people in a role, each handled by its own pass:

* signature blocks (Form 8-K "SIGNATURE" section, contract execution pages):
  "/s/ Name", "By: /s/ Name", then "Name: ..." / "Title: ..." / "Its: ..."
  labels or the name repeated and title lines under it;
* contacts blocks of press releases: "ACME CONTACT: Name", "Media Contact:",
  "Contacts:" followed by organization lines, names, "(Investors)" labels,
  "Name, Acme Investor Relations, phone";
* quoted executives: 'said Jane Roe, Ph.D., Chief Executive Officer of Acme',
  'said Acme Board member John Doe', 'John Doe, Acme's General Counsel, said'.

Names are returned without academic or professional degrees; titles as
written, multi-line titles joined.  Anything not clearly one of these shapes
is left out (boilerplate mentions people too).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.document import Filing
from kg.extract.cover import extract_filing_facts, prefer_mixed_case
from kg.extract.scan import finditer_near
from kg.extract.sentences import make_evidence
from kg.facts import FilingFacts, Organization, Person
from kg.names import normalize_org_name

__all__ = ["extract_people", "strip_degrees", "NAME_PATTERN"]

# Degrees and post-nominals written after names in releases and signatures (US, UK, medical, legal).
_DEGREES = r"(?:Ph\.?\s?D\.?|M\.?\s?D\.?|MBChB|M\.?B\.?B\.?S\.?|D\.?V\.?M\.?|Pharm\.?\s?D\.?|J\.?D\.?|M\.?B\.?A\.?|Esq\.?|FRCP|FACC|FACS|D\.?Phil\.?|Sc\.?D\.?|M\.?Sc\.?|M\.?S\.?|CPA|CFA|N\.?D\.?|R\.?N\.?|DrPH|M\.?P\.?H\.?)"
_DEGREES_RE = re.compile(r"(?:,?\s+" + _DEGREES + r"(?![A-Za-z]))+")
# A personal name: 2-4 capitalized tokens or initials ("D. Wade Walke", "Mary-Ann O'Neil", "Stanley T. Crooke"),
# optionally a generational suffix (", Jr.", ", II").
_TOKEN = r"(?:[A-Z][a-z]+(?:[-'][A-Z][a-z]+)*|[A-Z]\.|(?:Mc|Mac)[A-Z][a-z]+|O'[A-Z][a-z]+)"
NAME_PATTERN = rf"{_TOKEN}(?:[ \t]+(?:{_TOKEN}|de|van|von|der|da|di|la|le)){{1,3}}(?:,\s*(?:Jr\.|Sr\.|II|III|IV))?"
_NAME_RE = re.compile(rf"^{NAME_PATTERN}$")
# Job-title vocabulary (corporate officers, board roles, IR/communications functions).
_TITLE_WORDS = re.compile(
    r"\b(?:Chief|Officer|CEO|CFO|COO|CTO|CSO|CMO|President|Chairman|Chairwoman|Chair|Director|Secretary|Treasurer|"
    r"Controller|Counsel|Vice|VP|SVP|EVP|Manager|Head|Founder|Partner|Principal|Member|member|Relations|Communications|"
    r"Administration|Finance|Executive|Officer|Lead|Scientist|Dean|Professor|Trustee|Signatory|Representative)\b"
)
# Words that are never part of a name (start of sentences and boilerplate in signature/contact areas).
_NOT_NAME = re.compile(
    r"\b(?:Inc|Corp|Corporation|Company|Ltd|LLC|Limited|Registrant|Date|Dated|Title|Name|By|Its|Exhibit|Contact|Contacts|"
    r"Media|Investors?|Relations|Officer|President|Director|Secretary|Press|Release|Communications|Pharmaceuticals|"
    r"Therapeutics|University|Street|Avenue|Road|Suite|Not|Applicable|The|This|For|Phone|Tel|Fax|Email)\b"
)
# Honorifics written before a name in quotes, contacts and signatures (US/UK styles, with or without the
# period: "Dr. Jane Roe", "Dr Jane Roe", "Prof. John Doe", "Sir John Doe"); only when a capitalized word follows.
# an honorific before a name; at a word start (_mask_honorifics checks that: a pattern opening with "\b" is
# tried by re at every position, one opening with the words skips ahead to them)
_HONORIFIC = re.compile(r"(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sir|Dame)\.?[ \t]+(?=(?:[A-Z][a-z]+|[A-Z]\.)[ \t])")
_WORD_CHAR = re.compile(r"\w")
_PHONE_ANY = re.compile(r"(?:\+?\d[\d\s().-]{6,}\d)")
_EMAIL_URL = re.compile(r"@|www\.|https?://|\.com\b", re.I)
# Generic words in contact headings that are labels, not organizations ("Media and Investor Relations Contact").
_LABEL_WORDS = {"media", "investor", "investors", "press", "relations", "public", "corporate", "communications",
                "company", "analyst", "analysts", "and", "&", "financial", "information", "for", "further", "more",
                "ir", "pr", "news", "editorial", "business", "trade"}


# Words that extend a company's short name without naming another entity ("Roche Pharma", "Acme Group").
_ORG_DESIGNATORS = {"pharma", "pharmaceuticals", "pharmaceutical", "therapeutics", "biotech", "biotechnology",
                    "biosciences", "group", "holdings", "international", "global", "worldwide", "corporation"}


def strip_degrees(name: str) -> str:
    """"Mitchel Sayare, Ph.D." -> "Mitchel Sayare"; "Yvonne Greenstreet MBChB" -> "Yvonne Greenstreet"."""
    return _DEGREES_RE.sub("", name).strip(" ,")


def _mask_honorifics(text: str) -> str:
    """Blank honorifics ("Dr. ", "Ms ") with spaces, keeping every offset, so name patterns see the bare name."""
    return _HONORIFIC.sub(lambda m: m.group(0) if m.start() and _WORD_CHAR.match(text, m.start() - 1) else " " * len(m.group(0)), text)


def _is_name(s: str) -> bool:
    s = strip_degrees(" ".join(s.split()))
    return bool(_NAME_RE.match(s)) and not _NOT_NAME.search(s)


def _title_case(name: str) -> str:
    """All-caps names ("JOY D. COVEY") become "Joy D. Covey"."""
    if re.search(r"[a-z]", name):
        return name
    return " ".join(w if re.fullmatch(r"[A-Z]\.|II|III|IV", w) else w.capitalize() for w in name.split())


_POSSESSIVE_END = re.compile(r"['’]s?$")


class _Orgs:
    """Resolves an organization mention ("IMMUNOGEN", "Lilly", "Rambus'") against known organizations."""

    def __init__(self, organizations: list[Organization], filer: str | None, text: str):
        self.text = text
        self.filer = filer
        self.keys: dict[str, str] = {}
        for o in organizations:
            for alias in [o.name, *o.aliases]:
                k = normalize_org_name(alias)
                if k and k not in ("company", "licensee", "licensor", "parties", "party"):
                    self.keys.setdefault(k, o.name)
        if filer:
            self.keys.setdefault(normalize_org_name(filer), filer)
        self._shortest_first = sorted(self.keys, key=len)  # the keys are fixed from here on
        self._longest_first = sorted(self.keys, key=len, reverse=True)
        self._filer_key = normalize_org_name(filer) if filer else ""

    def resolve(self, mention: str | None) -> str | None:
        if not mention:
            return None
        m = _POSSESSIVE_END.sub("", mention.strip(" ,.;:()"))
        k = normalize_org_name(m)
        if not k:
            return None
        if k in self.keys:
            return self.keys[k]
        # first word(s) of a longer name: "Roche Pharma" -> "Roche"; "Alnylam Pharmaceuticals" -> known name
        fk = self._filer_key
        for key in ([fk] if fk else []) + self._shortest_first:
            if key and key.startswith(k + " "):  # "IMMUNOGEN" -> "ImmunoGen, Inc."; "Lilly" stays unresolved
                return self.keys[key]
            if key and k.startswith(key + " ") and set(k[len(key):].split()) <= _ORG_DESIGNATORS:
                return self.keys[key]  # "Roche Pharma" -> "Roche"
        return None

    def find_in(self, phrase: str) -> str | None:
        """A known organization named inside ``phrase`` (longest key first)."""
        folded = " " + normalize_org_name(phrase) + " "
        for key in self._longest_first:
            if f" {key} " in folded:
                return self.keys[key]
        return None


def _filer_name(filing: Filing) -> str | None:
    return extract_filing_facts(filing).filer


# --- signatures -------------------------------------------------------------------------------

_SIG = re.compile(r"/s/\s*(?P<name>[A-Za-z][A-Za-z.,' -]+?)(?=\s{2,}|\t|\n|$|\s+By:|\s+/s/|\s+(?:Name|Title|Its|Date)\s*:)", re.M)
_STOP_LINE = re.compile(r"^\s*(?:Date|Dated|EXHIBIT|Exhibit|INDEX|SIGNATURE|Pursuant|By:|/s/|\(Registrant\))", re.I)
_LABEL_LINE = re.compile(r"^\s*(?:Name|Title|Its)\s*:\s*(.*)$", re.I)


def _title_like(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) <= 80 and bool(re.fullmatch(r"[A-Za-z][A-Za-z ,&.'/()-]*", s)) and not _STOP_LINE.match(s)


def _signatures(text: str, doc_index: int, orgs: _Orgs) -> list[Person]:
    out: list[Person] = []
    for m in _SIG.finditer(text):
        raw = strip_degrees(m.group("name").strip(" ,"))
        toks = raw.split()
        if len(toks) > 2 and re.fullmatch(r"[A-Z]{2,}", toks[0]) and any(re.search(r"[a-z]", t) for t in toks):
            raw = " ".join(t for t in toks if not re.search(r"[a-z]", t))  # "JAMIE SAMSON Jamie Samson" (flattened columns)
        raw = re.sub(r"\s*-+$", "", raw).strip()
        if not _NAME_RE.match(_title_case(raw)) and not _NAME_RE.match(raw):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        same_line_sigs = len(_SIG.findall(text[line_start:line_end]))
        name = _title_case(raw)
        title_parts: list[str] = []
        label_title = None
        if same_line_sigs == 1:
            lines = text[line_end + 1: line_end + 800].split("\n")
            started = False
            blank_run = 0
            for ln in lines:
                s = ln.strip()
                if not s or re.fullmatch(r"[-_=\s]+", s):
                    blank_run += 1 if not s else 0
                    if title_parts and blank_run and not re.search(r"(?:,|&|\band)$", title_parts[-1]) and "\t" not in text[line_start:line_end] and not _html_like(text):
                        break
                    if blank_run >= 3:
                        break
                    continue
                blank_run = 0
                lab = _LABEL_LINE.match(s)
                if lab:
                    val = lab.group(1).strip()
                    if re.match(r"(?i)\s*name", s):
                        if _is_name(val):
                            name = strip_degrees(val)
                        continue
                    label_title = val or None
                    if label_title:
                        break
                    continue
                if not started and strip_degrees(s).lower().replace(",", "") == raw.lower().replace(",", ""):
                    name = strip_degrees(s) if re.search(r"[a-z]", s) else name
                    continue
                if not _title_like(s):
                    break
                if not title_parts and not _TITLE_WORDS.search(s):
                    break
                started = True
                title_parts.append(s)
                if len(title_parts) >= 5:
                    break
        title = label_title or (" ".join(title_parts) if title_parts else None)
        if title:
            title = re.sub(r"\s+", " ", title).strip(" ,")
        org = _signature_org(text, line_start, orgs)
        if same_line_sigs > 1:  # side-by-side signature columns: n-th signature under the n-th party
            line = text[line_start:line_end]
            k = len(_SIG.findall(text[line_start:m.start()]))
            heads = [orgs.resolve(c) or orgs.find_in(c) for c in re.split(r"\)\s+", line[: line.find("By:") if "By:" in line else line.find("/s/")])]
            heads = [h for h in heads if h]
            if len(heads) > k:
                org = heads[k]
        out.append(Person(name=name, title=title, organization=org, evidence=make_evidence(doc_index, text, m.start(), line_end)))
    return out


def _html_like(text: str) -> bool:
    """Text converted from HTML keeps every block on its own line with blank lines between."""
    return text.count("\n\n") > text.count("\n") * 0.35


def _signature_org(text: str, line_start: int, orgs: _Orgs) -> str | None:
    """The organization named in the few lines above a signature ("ACME, INC." / "(Registrant)")."""
    above = text[max(0, line_start - 400): line_start].split("\n")
    for ln in reversed(above[-8:]):
        for cell in re.split(r"\t|\s{2,}", ln):
            cell = cell.strip()
            if not cell or cell.startswith("(") or re.match(r"(?i)(?:date|dated|by)\b", cell):
                continue
            hit = orgs.resolve(cell) or orgs.find_in(cell)
            if hit:
                return hit
    return orgs.filer


# --- contacts ---------------------------------------------------------------------------------

_CONTACT_HEAD = re.compile(
    r"^[ \t]*(?P<pre>[A-Za-z][A-Za-z .&,'-]{0,60}?)?[ \t]*\b(?P<kw>Contacts?(?:\s+Information)?|REFER\s+TO)\b[ \t]*:?[ \t]*(?P<rest>[^\n]*)$",
    re.I | re.M,
)
# Every heading names its keyword on the line it starts (``pre`` holds no line break).
_CONTACT_KW = re.compile(r"(?i)contact|refer")


def _keyword_positions(text: str) -> list[int]:
    """Where "contact" or "refer" starts, in any case (on ASCII text every occurrence, found in the lower-cased
    text faster than by the case-insensitive pattern; overlapping ones lie on the line of the one before)."""
    if not text.isascii():
        return [k.start() for k in _CONTACT_KW.finditer(text)]
    low = text.lower()
    out = []
    for word in ("contact", "refer"):
        p = low.find(word)
        while p >= 0:
            out.append(p)
            p = low.find(word, p + 1)
    return sorted(out)


def _contact_heads(text: str) -> Iterator[re.Match]:
    """``_CONTACT_HEAD.finditer(text)``, tried only at the starts of lines that name the keyword."""
    pos, tried = 0, -1
    for k in _keyword_positions(text):
        line = text.rfind("\n", 0, k) + 1
        if line < pos or line == tried:
            continue
        tried = line
        m = _CONTACT_HEAD.match(text, line)
        if m:
            yield m
            pos = m.end()


_SUBLABEL = re.compile(r"^(?P<label>(?:Media|Investors?|Press|Analysts?)(?:\s+(?:and|&)\s+(?:Media|Investors?|Press|Analysts?))?(?:\s+Relations)?)\s*:\s*(?P<rest>.*)$", re.I)
_PAREN_LABEL = re.compile(r"^\((?P<label>[A-Za-z][A-Za-z &]{2,40})\)$")


def _head_kind(h: re.Match, orgs: _Orgs) -> tuple[str | None, str | None] | None:
    """(label, organization) of a contacts heading; None when the match is prose, not a heading."""
    pre = (h.group("pre") or "").strip(" ,")
    if len(pre) > 60 or (pre and re.search(r"[.;]$", pre)):
        return None
    words = {w.lower() for w in re.findall(r"[A-Za-z&]+", pre)}
    if not pre:
        return None, None
    if words <= _LABEL_WORDS:
        return pre, None
    org = orgs.resolve(pre) or (_mixed(pre, orgs.text) if pre.isupper() and len(pre.split()) <= 4 else None)
    return (None, org) if org else None


def _label_title(label: str) -> str:
    label = " ".join(label.split())
    return label if re.search(r"contact", label, re.I) else f"{label} contact"


def _split_person(line: str) -> tuple[str | None, str]:
    """Leading personal name of a contacts line and what follows it ("Name, Acme Investor Relations, 555-...")."""
    s = _PHONE_ANY.sub(" ", line).strip(" ,-–")
    m = re.match(rf"(?P<name>{NAME_PATTERN})(?P<deg>(?:,?\s+{_DEGREES}(?![A-Za-z]))*)\s*(?:,|$|\s{{2,}}|\()", s + " ")
    if not m or _NOT_NAME.search(m.group("name")):
        # "Jane Roe Investor Relations 555-..." (one table cell): the name stops where title words begin
        m = re.match(rf"(?P<name>{_TOKEN}(?:[ \t]+{_TOKEN}){{1,2}})\s+(?=(?:[A-Z][a-z]+\s+){{0,2}}(?:Investor|Media|Corporate|Public|Chief|Vice|Senior|Director|Head|President|Manager))", s)
        if not m or _NOT_NAME.search(m.group("name")):
            return None, ""
    rest = s[m.end():].strip(" ,()")
    return m.group("name"), rest


_INLINE_LABEL = re.compile(r"(?=\b(?:Media|Investors?|Press|Analysts?)(?:\s+(?:and|&)\s+(?:Media|Investors?|Press|Analysts?))?(?:\s+Relations)?\s*:)")


def _expand(line: str, orgs: _Orgs) -> list[str]:
    """One contacts line flattened from a table cell -> its parts: organization, "Label: Name" pairs, person."""
    out: list[str] = []
    for cell in line.split("\t"):
        cell = cell.strip()
        words = cell.split()
        if orgs.resolve(cell):
            out.append(cell)
            continue
        for k in range(min(4, len(words) - 1), 0, -1):  # a leading organization name ("AbbVie Media: ...")
            rest = " ".join(words[k:])
            if (orgs.resolve(" ".join(words[:k])) and not _split_person(cell)[0]
                    and (_INLINE_LABEL.match(rest) or _split_person(rest)[0])):
                out.append(" ".join(words[:k]))
                cell = " ".join(words[k:])
                break
        out.extend(p.strip() for p in _INLINE_LABEL.split(cell) if p.strip())
    return out or [line]


def _contacts(text: str, doc_index: int, orgs: _Orgs) -> list[Person]:
    out: list[Person] = []
    consumed = -1
    for h in _contact_heads(text):
        if h.start() < consumed:
            continue  # a sub-heading ("Media Contact:") of a block already read
        head = _head_kind(h, orgs)
        if head is None:
            continue  # "... for more information contact ..." prose, not a contacts heading
        head_label, head_org = head
        refer_to = h.group("kw").lower().startswith("refer")
        block_lines = [h.group("rest")] + text[h.end() + 1: h.end() + 1500].split("\n")
        consumed = h.end() + 1
        current_org = head_org
        sub_label = None
        people_here: list[Person] = []
        last: Person | None = None
        org_first = None
        blank = 0
        pending_org = ""
        expanded: list[tuple[int, str, int]] = []
        for n, ln in enumerate(block_lines[:40]):
            parts = _expand(ln, orgs) if ln.strip() and not (n and _CONTACT_HEAD.match(ln)) else [ln]
            expanded.extend((n, part, (len(ln) + 1) if j == 0 else 0) for j, part in enumerate(parts))
        for n, ln, width in expanded:
            s = ln.strip()
            if n and width:
                sub = _CONTACT_HEAD.match(ln)
                if sub and (_head_kind(sub, orgs) or (None, None))[1]:
                    break  # the next organization's contacts ("GENENTECH CONTACTS:")
                consumed += width
            if not s:
                if n == 0:
                    continue
                blank += 1
                if blank >= 3 or (blank >= 2 and not _html_like(text)):
                    break
                continue
            blank = 0
            if len(s) > 120 or re.match(r"(?i)(?:about|for immediate|forward|this press|source|#)", s):
                break
            if _EMAIL_URL.search(s) and not _split_person(s)[0]:
                continue
            if _PHONE_ANY.fullmatch(s) or re.fullmatch(r"[\d\s().+-]+(?:ext\.?\s*\d+)?", s):
                continue
            # an organization line ("Alnylam Pharmaceuticals," + "Inc." are joined)
            cand_org = (pending_org + " " + s).strip() if pending_org else s
            if s.endswith(",") and not _split_person(s)[0]:
                pending_org = cand_org
                continue
            pending_org = ""
            org_hit = orgs.resolve(cand_org)
            if org_hit and not _split_person(cand_org)[0]:
                if org_first is None:  # layout of this block: organization above its people, or below each person
                    org_first = last is None
                if org_first:
                    current_org = org_hit
                elif last is not None and head_org is None:
                    last.organization = org_hit
                continue
            pm = _PAREN_LABEL.match(s)
            if pm and last is not None:
                last.title = last.title or _label_title(pm.group("label"))
                continue
            sl = _SUBLABEL.match(s)
            if sl:
                sub_label = sl.group("label")
                s = sl.group("rest").strip()
                if not s:
                    continue
            if re.fullmatch(r"(?i)[A-Za-z &]*contacts?\s*:?", s):
                sub_label = s.rstrip(": ")
                continue
            if refer_to:
                m = re.search(rf"(?P<name>{NAME_PATTERN})\s*\((?P<org>[^)]+)\)", s)
                if m and _is_name(m.group("name")):
                    p = Person(name=m.group("name"), title=None, organization=orgs.resolve(m.group("org")) or m.group("org"),
                               evidence=make_evidence(doc_index, text, h.start(), h.end()))
                    people_here.append(p)
                    last = p
                continue
            name, rest = _split_person(s)
            if name and _is_name(name):
                title = None
                org = current_org
                if rest:
                    # "Acme Investor Relations" -> organization Acme, title "Investor Relations"
                    words_rest = rest.split()
                    for k in range(len(words_rest), 0, -1):
                        hit = orgs.resolve(" ".join(words_rest[:k]))
                        if hit:
                            org, rest = hit, " ".join(words_rest[k:])
                            break
                    else:
                        org = orgs.find_in(rest) or org
                    rest = rest.strip(" ,")
                    if rest and _TITLE_WORDS.search(rest) and _title_like(rest):
                        title = rest
                label = sub_label or head_label
                if not title and label:
                    title = _label_title(label)
                p = Person(name=strip_degrees(name), title=title, organization=org,
                           evidence=make_evidence(doc_index, text, h.start(), min(len(text), h.end() + 200)))
                people_here.append(p)
                last = p
                if sl:
                    sub_label = None
                continue
            if last is not None and not last.title and _title_like(s) and _TITLE_WORDS.search(s):
                last.title = s
                continue
        for p in people_here:
            if p.organization is None:
                p.organization = orgs.filer
        out.extend(people_here)
    return out


def _mixed(name: str, text: str) -> str | None:
    mixed = prefer_mixed_case(name, text)
    return mixed if mixed != name else None


# --- quoted executives ------------------------------------------------------------------------

_SAID = r"(?:said|says|stated|commented|added|noted|explained)"
# 'said Jane Roe, Ph.D., Chief Executive Officer of Acme' (quote attribution after the quote)
_SAID_NAME_TITLE = re.compile(
    rf"\b{_SAID}\s+(?P<name>{NAME_PATTERN})(?P<deg>(?:,?\s+{_DEGREES}(?![A-Za-z]))*)\s*,\s*(?P<title>(?:[^\"“”\n.;]|\n(?![ \t]*\n))+)",
)
# 'said Acme Board member John Doe' / 'said Acme CEO Jane Roe' (title before the name)
_SAID_TITLE_NAME = re.compile(
    rf"\b{_SAID}\s+(?P<title>(?:[A-Z][\w.&'-]*\s+){{0,3}}?(?:Board\s+member|CEO|CFO|COO|Chairman|President|Chief\s+\w+\s+Officer|General\s+Counsel|Director)\s+)(?P<name>{NAME_PATTERN})"
)
# 'Jane Roe, Acme's General Counsel, said' (attribution before the verb)
_NAME_TITLE_SAID = re.compile(
    rf"(?P<name>{NAME_PATTERN})(?P<deg>(?:,?\s+{_DEGREES}(?![A-Za-z]))*),\s+(?P<title>[^,\"“”\n]{{3,80}}),\s+{_SAID}\b"
)
# "the Company's CEO Steve Jobs" (possessive title before a name)
_POSS_TITLE_NAME = re.compile(
    rf"(?P<org>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?)['’]s\s+(?P<title>CEO|CFO|COO|Chairman|President|Chief\s+\w+\s+Officer|General\s+Counsel)\s+(?P<name>{NAME_PATTERN})"
)

_SAID_AT = re.compile(_SAID)  # no leading \b: a literal-set prefix re can skip to; rx.match checks \b
_COMMA_SAID = re.compile(rf",\s+{_SAID}\b")  # how _NAME_TITLE_SAID ends (an opening "," re can skip to)
_POSS_TITLE_AHEAD = re.compile(r"['’](?=s\s+(?:CEO|CFO|COO|Chairman|President|Chief\s+\w+\s+Officer|General\s+Counsel))")


def _at_said(rx: re.Pattern[str], text: str, verbs: list[int] | None = None) -> Iterator[re.Match]:
    """``rx.finditer(text)`` for a pattern that starts with ``\\b{_SAID}``: tried only where such a verb is
    (``verbs``: those positions, when the caller has them)."""
    pos = 0
    for a in (verbs if verbs is not None else [v.start() for v in _SAID_AT.finditer(text)]):
        if a >= pos:
            m = rx.match(text, a)
            if m:
                yield m
                pos = m.end()


def _title_org(title: str, orgs: _Orgs) -> tuple[str, str | None]:
    """Split "Chief Executive Officer of Acme" into title and organization."""
    title = " ".join(title.split()).strip(" ,")
    # "... Officer of Acme, Inc." / "..., Acme": the tail after the last "of"/"at"/comma names the organization
    for m in reversed(list(re.finditer(r"\s+(?:of|at)\s+(?=(?:the\s+)?[A-Z])|,\s+(?=[A-Z])", title))):
        tail = title[m.end():]
        org = orgs.resolve(tail)
        if org:
            return (title[: m.start()].strip(" ,"), org) if re.search(r"\b(?:of|at)\b", m.group(0)) else (title, org)
        if re.match(r"the\s+Company\b", tail):
            return title[: m.start()].strip(" ,"), orgs.filer
    # possessive org in front: "Rambus' General Counsel"
    m = re.match(r"(?P<o>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?)['’]s?\s+(?P<t>.+)$", title)
    if m:
        org = orgs.resolve(m.group("o"))
        if org:
            return m.group("t"), org
    org = orgs.find_in(title)
    return title, org


def _quotes(text: str, doc_index: int, orgs: _Orgs) -> list[Person]:
    out: list[Person] = []
    verbs = [v.start() for v in _SAID_AT.finditer(text)]
    for rx in (_SAID_NAME_TITLE, _NAME_TITLE_SAID):
        # _NAME_TITLE_SAID ends in ", said": a text without one (most) is not scanned
        for m in (_at_said(rx, text, verbs) if rx is _SAID_NAME_TITLE else rx.finditer(text) if _COMMA_SAID.search(text) else ()):
            name = strip_degrees(m.group("name"))
            if not _is_name(name):
                continue
            title, org = _title_org(m.group("title"), orgs)
            title = title.rstrip(" .")
            if not _TITLE_WORDS.search(title) or len(title) > 120:
                continue
            out.append(Person(name=name, title=title, organization=org, evidence=make_evidence(doc_index, text, m.start(), m.end())))
    for m in _at_said(_SAID_TITLE_NAME, text, verbs):
        name = strip_degrees(m.group("name"))
        if not _is_name(name):
            continue
        raw = " ".join(m.group("title").split())
        org = None
        words = raw.split()
        for k in range(len(words) - 1, 0, -1):
            hit = orgs.resolve(" ".join(words[:k]))
            if hit:
                org, raw = hit, " ".join(words[k:])
                break
        out.append(Person(name=name, title=raw, organization=org, evidence=make_evidence(doc_index, text, m.start(), m.end())))
    for m in finditer_near(_POSS_TITLE_NAME, text, _POSS_TITLE_AHEAD, 3):
        name = strip_degrees(m.group("name"))
        if not _is_name(name):
            continue
        o = m.group("org")
        org = orgs.filer if re.fullmatch(r"(?i)(?:the\s+)?company", o.split()[-1]) else orgs.resolve(o)
        out.append(Person(name=name, title=" ".join(m.group("title").split()), organization=org,
                          evidence=make_evidence(doc_index, text, m.start(), m.end())))
    return out


def extract_people(filing: Filing, organizations: list[Organization], cover: FilingFacts | None = None) -> list[Person]:
    """Signatories, contacts and quoted executives of ``filing``, one entry per person.

    ``organizations`` (from the organization extractor) resolve mentions such
    as "GENENTECH CONTACTS" or "of Isis" to their full names; the filer is
    always known (from ``cover``, the filing's cover facts when the caller has
    them, else read here).  When one person appears several times, the first
    title and organization found are kept (signature, then quote, then contact).
    """
    filer = cover.filer if cover is not None else _filer_name(filing)
    merged: dict[str, Person] = {}
    order: list[str] = []
    for i, doc in enumerate(filing.documents):
        original = doc.text.replace("\r\n", "\n")
        text = _mask_honorifics(original)
        orgs = _Orgs(organizations, filer, text)
        for p in _signatures(text, i, orgs) + _quotes(text, i, orgs) + _contacts(text, i, orgs):
            if p.evidence is not None:  # quote the filing as written (with the honorific)
                p.evidence = make_evidence(i, original, p.evidence.start, p.evidence.end)
            key = re.sub(r"[^a-z]", "", p.name.lower())
            if key not in merged:
                merged[key] = p
                order.append(key)
            else:
                q = merged[key]
                q.title = q.title or p.title
                q.organization = q.organization or p.organization
    return [merged[k] for k in order]
