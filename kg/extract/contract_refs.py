"""Agreements a contract refers to: its recitals and references (``lic:Agreement`` with
``lic:status`` "referenced"), and the agreement an amendment amends (``lic:amends``).

Shapes read (each a class of contracts, see tests/extract/test_contract_refs.py):

- "WHEREAS, X and Y are parties to that certain Supply Agreement dated as of ..." and
  "X and Y have entered into a License Agreement, dated ...";
- "Reference is made to the License Agreement dated ... (the "Agreement") by and between X and Y";
- "... that certain Supply Agreement ... between X and Y" anywhere in the preamble or recitals;
- "..., as amended by the First Amendment dated ... and Amendment No. 2 dated ...": each amendment
  is its own referenced agreement that amends the agreement before it (``lic:amends``);
- the contract's own title ("Amendment No. 2 to the Manufacturing and Supply Agreement", "First
  Amendment to License Agreement") names the agreement it amends: :func:`amended_by_title`.

Only the recitals are read (up to "NOW, THEREFORE" / "agree as follows"): an agreement named in
the operative clauses is a cross-reference, not a recital.  A referenced agreement names at least
one party (``shapes/lic.ttl``): defined terms resolve to the contract's parties, "the parties
hereto" to all of them, and other names are kept only when they carry a legal form ("Inc.").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.contract_parties import _NAME_END, _SUFFIX_RUN, _name_ok
from kg.extract.contract_title import _backwards
from kg.extract.dates import find_dates
from kg.names import normalize_org_name, strip_legal_suffix

__all__ = ["Reference", "referenced_agreements", "amended_by_title"]

# Where the recitals end and the operative clauses begin.
_OPERATIVE = re.compile(r"\bNOW,?\s+THEREFORE\b|\bagree\s+as\s+follows\b|\bhereby\s+agree\b|^\s*ARTICLE\s+(?:1|I|ONE)\b"
                        r"|(?-i:^\s*1\.\s+(?:[A-Z][a-z]+\s*){1,4}\.)", re.I | re.M)
# Head nouns of a referenced instrument ("Supply Agreement", "First Amendment", "Addendum No. 3").
_HEAD = re.compile(r"\b(?:AGREEMENT|Agreement|CONTRACT|Contract|AMENDMENT|Amendment|ADDENDUM|Addendum)\b(?:\s+(?:No\.?|NO\.?|Number)\s*\d+)?")
# "... Amendment to (the) License Agreement": one instrument, the amendment.
_TO_TITLE = re.compile(r"\s+(?:to|TO)\s+(?:the\s+|THE\s+)?((?:[A-Z][\w&'/-]*,?\s+|and\s+|AND\s+|of\s+|OF\s+|for\s+|FOR\s+){0,8}?(?:AGREEMENT|Agreement|CONTRACT|Contract))\b")
# Cues that a named agreement exists already (a recital, a reference), before the title.
_BEFORE = re.compile(r"(?i)(?:that\s+certain|parties\s+to|party\s+to|entered\s+into|executed|reference\s+is\s+(?:hereby\s+)?made\s+to"
                     r"|amended\s+by|amends?|amending|to\s+amend|modif(?:y|ies)|supplements?|under|pursuant\s+to|(?<!this\s)(?<!This\s)to\s+the)"
                     r"\s+(?:(?:the|a|an|that|certain|fully|executed|written|existing|original)\s+){0,3}$")
# A date stated with the title: ", dated as of June 1, 2010", "entered into on", "effective as of", "of June 1, 2010".
_DATED = re.compile(r"\s*,?\s*(?:\((?:as\s+amended|the|hereinafter)[^()]{0,120}\)\s*,?\s*)?"
                    r"(?:(?:dated|entered\s+into|made|executed|effective)\s+(?:and\s+effective\s+)?(?:as\s+of\s+|on\s+|effective\s+)?|of\s+)(?:the\s+)?", re.I)
_TERM = re.compile(r"\(\s*(?:as\s+(?:amended|modified|supplemented)[^()\"\u201c]{0,80}?,\s*)?(?:the|hereinafter(?:\s+(?:referred\s+to\s+as|called))?)?\s*(?:the\s+)?[\"\u201c]([^\"\u201d]{1,50})[\"\u201d]\s*\)")
_BETWEEN = re.compile(r"\b(?:by\s+and\s+)?(?:between|among)\s+", re.I)
_PARTIES_TO = re.compile(r"(?i)\s+(?:are|were|is|was)\s+(?:each\s+)?(?:the\s+)?part(?:y|ies)\s+(?:to|of)\s+(?:\S+\s+){0,3}$"
                         r"|\s+(?:have|has|had)?\s*(?:previously\s+|heretofore\s+|earlier\s+)?(?:entered\s+into|executed)\s+(?:\S+\s+){0,3}$")
# Where a list of party names ends.
_LIST_END = re.compile(r"\s*(?:\(|;|:|(?<![A-Z])(?<!Inc)(?<!Ltd)(?<!Corp)(?<!\bCo)\.\s|,?\s+(?:pursuant|under\s+which|whereby|wherein|relating|regarding|with\s+respect|for\s+the|in\s+connection|as\s+amended"
                       r"|dated|effective|which|that|to\s+(?:provide|which)|(?:and|as)\s+(?:subsequently|later)|providing)\b)", re.I)
_ALL_PARTIES = re.compile(r"(?i)^(?:the\s+|both\s+)?(?:parties|parties\s+hereto|parties\s+to\s+this\s+\w+|undersigned)$")
_CLAUSE_BREAK = re.compile(r"\bWHEREAS\b|\bWhereas\b|;|\n[ \t]*\n|(?<![A-Z])(?<!Inc)(?<!Ltd)(?<!Corp)(?<!\bCo)(?<!\bNo)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<!\bJr)(?<!\bSr)\.\s+(?=[A-Z])")


@dataclass
class Reference:
    """One agreement named in a contract's recitals: title, date, parties (the contract's spelling
    where they are its parties), defined term, and the earlier reference it amends."""

    title: str
    start: int
    end: int
    date: str | None = None
    parties: list[str] = field(default_factory=list)
    term: str | None = None
    amends: Reference | None = field(default=None, repr=False)

    @property
    def is_amendment(self) -> bool:
        return bool(re.search(r"(?i)\b(?:amendment|addendum)\b", self.title))


def _key(title: str) -> str:
    t = re.sub(r"(?i)^(?:the|that\s+certain)\s+", "", " ".join(title.split()))
    return re.sub(r"[^a-z0-9]+", " ", t.lower()).strip()


def _recitals_end(text: str, limit: int) -> int:
    m = _OPERATIVE.search(text, 0, limit)
    return m.start() if m else min(len(text), limit)


def _clause(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause around text[start:end] (between WHEREAS, ';', a paragraph or a sentence end)."""
    before = lo
    for m in _CLAUSE_BREAK.finditer(text, max(lo, start - 600), start):
        before = m.end()
    after = _CLAUSE_BREAK.search(text, end, min(hi, end + 700))
    return before, after.start() if after else min(hi, end + 700)


def _party_lookup(parties: list[tuple[str, list[str]]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, terms in parties:
        for t in [name, strip_legal_suffix(name), *terms]:
            if t:
                out[t.lower().strip()] = name
                out[normalize_org_name(t)] = name
    return out


def _names(chunk: str, lookup: dict[str, str], everyone: list[str]) -> list[str]:
    """Party names of a list ("Supplier and Buyer", "X, Inc., Y LLC and Z Ltd"); unknown names
    only with a legal form (a third party named in full)."""
    chunk = re.sub(r"\s*\([^()]{0,80}[\"\u201c][^()]{0,80}\)", "", chunk)  # defined terms ("Orbis")
    end = _LIST_END.search(chunk)
    chunk = chunk[: end.start()] if end else chunk
    pieces = re.split(r",?\s+(?:and|AND|&)\s+|,\s+(?=(?:the\s+)?[A-Z])(?!(?:Inc|INC|Ltd|LTD|LLC|L\.L\.C|Corp|CORP|Co|CO|N\.V|S\.A|B\.V|AG|GmbH|plc|PLC|L\.P|LP)\b)", chunk)
    out: list[str] = []
    for piece in pieces:
        p = re.sub(r",\s+(?:as|in\s+its|acting|each|both)\b.*$", "", piece.strip(" ,"))
        p = re.sub(r"^(?:WHEREAS,?\s*|each\s+of\s+|\(?[A-Za-z0-9]{1,3}[.)]\s+)", "", p).strip(" ,")  # "B.  HANJIN", "(ii) X"
        if _ALL_PARTIES.match(p):
            out.extend(everyone)
            continue
        bare = re.sub(r"^(?:the|its|The)\s+", "", p)
        name = lookup.get(bare.lower()) or lookup.get(normalize_org_name(bare))
        if name is None:
            m = _NAME_END.search(bare)
            cut = " ".join((bare[: m.start()] if m else bare).split()).strip(" ,")
            name = lookup.get(cut.lower()) or lookup.get(normalize_org_name(cut)) if cut else None
            if name is None and cut and _name_ok(cut) and _SUFFIX_RUN.search(" " + cut):
                name = cut
        if name and name not in out:
            out.append(name)
    return out


_DATED_LATER = re.compile(r"(?i),?\s+(?:dated|entered\s+into|made|executed|effective)\s+(?:as\s+of\s+|on\s+)?(?:the\s+)?")


def _date_after(head: str, end: int, clause_end: int) -> str | None:
    """The date stated with a title: right after it (", dated as of June 1, 2010"), or after the
    parties that follow it ("Manufacturing Agreement between Heritage and Premier dated July 1, 2017")."""
    dated = _DATED.match(head, end)
    if dated:
        found = find_dates(head[dated.end(): dated.end() + 40])
        if found and found[0][0] == 0:
            return found[0][2]
    nxt = _HEAD.search(head, end, clause_end)
    stop = min(clause_end, end + 250, nxt.start() if nxt else clause_end)
    for m in _DATED_LATER.finditer(head, end, stop):
        found = find_dates(head[m.end(): m.end() + 40])
        if found and found[0][0] == 0:
            return found[0][2]
    return None


def referenced_agreements(text: str, parties: list[tuple[str, list[str]]], own_title: str | None,
                          own_date: str | None = None, limit: int = 15000) -> list[Reference]:
    """Agreements named in the preamble and recitals of a contract, in order of mention; one "of
    even date herewith" has the contract's own date."""
    hi = _recitals_end(text, limit)
    head = text[:hi]
    if not re.search(r"(?i)that\s+certain|parties\s+to|entered\s+into|reference\s+is|amended\s+by|amends|dated", head):
        return []
    lookup = _party_lookup(parties)
    everyone = [n for n, _ in parties]
    own = _key(own_title) if own_title else None
    refs: list[Reference] = []
    skip_to = 0
    for m in _HEAD.finditer(head):
        if m.start() < skip_to:
            continue
        w0 = max(0, m.start() - 300)  # a title is a few words: read back from a window, not the whole head
        words = _backwards(head[w0: m.end()], m.start() - w0 + len(m.group(0).split()[0]))
        if len(words) < 2 and not re.search(r"\d", m.group(0)):
            continue
        end = m.end()
        title_start = head.rfind(words[0], 0, m.end()) if words else m.start()
        title = " ".join(words) + m.group(0)[len(m.group(0).split()[0]):]
        to = _TO_TITLE.match(head, end) if re.match(r"(?i)amendment|addendum", m.group(0)) else None
        if to:
            title, end = f"{title} to {' '.join(to.group(1).split())}", to.end()
            skip_to = end
        before = head[max(0, title_start - 80): title_start]
        if re.search(r"(?i)\b(?:this|the\s+within|hereby|such)\s+$", before) or own and _key(title).endswith(own) and not to:
            continue  # the contract itself ("this Supply Agreement", its title with the parties' names in front)
        c0, c1 = _clause(head, title_start, end, 0, hi)
        date = _date_after(head, end, c1)
        if date is None and re.match(r"(?i),?\s+(?:of\s+even\s+date\s+here(?:with|of)|dated\s+(?:as\s+of\s+)?the\s+date\s+hereof)", head[end:]):
            date = own_date
        if date is None and not _BEFORE.search(before):
            continue  # a title without a date or a cue: a defined name, a future agreement, a heading
        tm = _TERM.search(head, end, min(c1 + 1, end + 250))
        ref = Reference(title=title, start=title_start, end=end, date=date, term=tm.group(1).strip() if tm else None)
        pre = _PARTIES_TO.search(head, c0, title_start)
        if pre:
            ref.parties = _names(head[c0: pre.start()], lookup, everyone)
        bw = _BETWEEN.search(head, end, c1)
        if bw and bw.start() - end < 260:
            ref.parties += [n for n in _names(head[bw.end(): c1], lookup, everyone) if n not in ref.parties]
        if re.search(r"(?i)\bamended\s+by\s+(?:(?:the|a|an|that|certain)\s+){0,2}$", before):
            base = next((r for r in reversed(refs) if not r.is_amendment), None)
            if base is not None and ref.start - base.end < 400:
                ref.amends = base
        elif refs and refs[-1].amends is not None and re.search(r"(?i)(?:,|\band)\s+(?:(?:by|the|a|an|that|certain)\s+){0,3}$", before) \
                and ref.is_amendment and ref.start - refs[-1].end < 120:
            ref.amends = refs[-1].amends  # "as amended by the First Amendment ... and the Second Amendment ..."
        if ref.amends is not None:
            ref.parties = ref.parties or list(ref.amends.parties)
        if ref.is_amendment and ref.amends is None and to:
            target = _key(to.group(1))
            ref.amends = next((r for r in refs if _key(r.title) == target), None)
        if _key(ref.title) in {_key(r.title) for r in refs} and not ref.date:
            continue  # the same agreement named again
        refs.append(ref)
    return refs


def amended_by_title(own_title: str | None, refs: list[Reference], amendment: bool = False) -> Reference | None:
    """The referenced agreement an amendment amends: the one its title names ("Amendment No. 2 to
    the Supply Agreement"), else the only agreement (not itself an amendment) it refers to.
    ``amendment``: the contract says it amends without a title that says so ("... amends that
    certain Manufacturing Agreement")."""
    restated = re.search(r"(?i)\bamended\s+and\s+restated\s+(.+)$", own_title or "")
    if restated:  # "Amended and Restated Supply Agreement" amends (and restates) the Supply Agreement
        target = _key(restated.group(1))
        return next((r for r in refs if not r.is_amendment and _key(r.title) == target), None)
    titled = bool(own_title) and re.search(r"(?i)\b(?:amendment|addendum)\b", own_title or "") is not None
    if not (titled or amendment):
        return None
    to = re.search(r"(?i)\b(?:to|of)\s+(?:the\s+)?(.+)$", own_title) if titled else None
    bases = [r for r in refs if not r.is_amendment]
    if to:
        target = _key(to.group(1))
        named = [r for r in bases if _key(r.title) == target or _key(r.title).endswith(target) or target.endswith(_key(r.title))]
        if named:
            return named[0]
    return bases[0] if len(bases) == 1 else None
