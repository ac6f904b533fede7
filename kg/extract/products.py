"""Products and licensed subject matter named in deal sentences (``lic:Product``, ``lic:subject``).

Products are drug candidates written as development codes ("RGX-314",
"ISIS 3521", "STI-A1110"), as INN generic names (WHO stems: "nusinersen",
"fostamatinib") or as a named conjugate/vaccine/antibody a party develops
("a Herceptin TAP conjugate").  Subjects are the short noun phrases a
licence, an access right or a development deal covers ("access to X's
maytansinoid ... technology", "rights to commercialize ISIS 3521, an antisense
inhibitor of ...", "of Rambus common stock" for a stock purchase).
"""
from __future__ import annotations

import re

from kg.extract.dates import MONTHS
from kg.extract.lexicon import DRUG_TYPE_NOUNS, INN_STEMS

__all__ = ["products_in", "subject_phrases", "clean_phrase"]

# development codes: letters then digits, optional suffix parts ("RGX-314", "huC242-DM1/SB-408075")
_CODE = re.compile(r"(?<![\w/-])(?P<c>[A-Za-z]{2,6}(?:[- ][A-Z]?\d{2,6}|\d{2,6})[A-Za-z]?(?:[-/][A-Za-z0-9]+)*)(?![\w-])")
_TWO_DIGITS = re.compile(r"\d\d")
# prefixes of codes that are filing references, not products (forms, rules, sections, addresses, diseases)
_NOT_CODE = re.compile(
    r"^(?:form|item|rule|section|cfr|phase|covid|no|nos|ex|iso|page|note|notes|schedule|annex|zip|suite|room|exhibit"
    r"|usd|us|eur|hsr|de|ca|ny|ma|tx|fy|q|dc|box|route|highway|sec|act|reg|regulation|article|part|chapter|tel|fax|ext"
    r"|s|ss|file|nasdaq|nyse|tokyo|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|the|and|of|in|at|on|by|to|for)$",
    re.I,
)
_STEMS = tuple(s for s in INN_STEMS if len(s) >= 4 or s in ("mab", "nib", "cept"))
# an INN: a whole lower-case word of five or more letters before one of the stems ("nusinersen"); found as
# the words first, then each word's ending looked up (one pattern with every stem retried at each letter
# of every word would give the same words, slower)
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]{6,}(?![\w-])")
_STEM_SETS = [(n, frozenset(x for x in _STEMS if len(x) == n)) for n in sorted({len(x) for x in _STEMS})]


def _is_inn(word: str) -> bool:
    return word.endswith(_STEMS) and any(len(word) - n >= 5 and word[-n:] in stems for n, stems in _STEM_SETS)


_COMMON_WORDS = {"antisense", "investigational", "development", "establish", "combination", "submission", "designation"}
_DEVELOPED = re.compile(
    rf"\b(?:develop|developing|develops|commerciali[sz]e|commerciali[sz]ing)\s+(?:an?|the)\s+(?P<p>[A-Z][\w-]*(?:\s+[\w-]+){{0,3}}\s+(?:{DRUG_TYPE_NOUNS}))\b"
)
_TM = re.compile(r"\((?:R|TM|SM)\)|[®™℠]")
_HEAD = re.compile(
    r"\b(?:access|licen[cs]e|rights?|option)\s+(?:to|under|in)\s+"
    r"(?:(?:use|utilize|research|develop|commerciali[sz]e|manufacture|make|sell|distribute|licen[cs]e)(?:\s*(?:,|and|or|,\s*and)\s*(?:use|research|develop|commerciali[sz]e|manufacture|make|sell|distribute))*\s+)?"
    r"|\b(?:to|will)\s+(?:jointly\s+)?(?:co-)?develop\s+and\s+(?:co-)?commerciali[sz]e\s+"
    r"|\bcovering\s+the\s+development\s+and\s+commerciali[sz]ation\s+of\s+"
    r"|\blicen[cs]ing\s+"
    r"|\b(?:work\s+together|collaborat\w*)\s+on\s+",  # "a memorandum of understanding to work together on X"
    re.I,
)
_STOCK = re.compile(r"\b(?:buy|purchase|acquire|invest\s+in)\s+[^.;]{0,40}?\bof\s+(?:newly\s+issued\s+)?(?P<o>[A-Z][\w.]*\s+common\s+stock)", re.I)
_STOP = re.compile(
    r"\s+(?:for|in|to|with|on|that|which|held|now|covering|relating|including|under|outside|within|around|throughout|from|as|at"
    r"|by|over|during|and\s+(?:an?|the|to|will|was|is|its|their|has))\b|[,;:.\"\u201c\u201d]|\((?![A-Z]{2,6}\))|$"
)
_APPOS = re.compile(r"\s*,\s+(?:an?)\s+(?P<a>[^,;.]{3,120}?)(?=\s+(?:now|currently|being|that|which|in\s+(?:early|late|phase)|for\s+the|and\s+was|and\s+is)\b|[,;.]|$)", re.I)
# objects that are not licensed subject matter: amounts, or a verb left over ("right to receive $172")
_NOT_SUBJECT = re.compile(r"[$\u20ac\u00a3\u00a5]|^(?:receive|be|vote|purchase|acquire|terminate|pay|make|use|the)\b", re.I)
_LEAD = re.compile(r"^(?:the|a|an|certain|all|its|their|such)\s+", re.I)
_OWNER = re.compile(r"^[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}['\u2019]s?\s+")


def clean_phrase(s: str) -> str:
    """A noun phrase without trademark marks, leading articles or owner possessives."""
    s = _TM.sub("", s)
    s = " ".join(s.split())
    for _ in range(2):
        s = _LEAD.sub("", s)
        s = _OWNER.sub("", s)
    return s.strip(" ,;:-")


def products_in(sentence: str) -> list[str]:
    """Named drug candidates in a sentence, in order of appearance."""
    found: list[tuple[int, str]] = []
    for m in (_CODE.finditer(sentence) if _TWO_DIGITS.search(sentence) else ()):  # every code holds \d{2,6}
        code = m.group("c")
        prefix = re.match(r"[A-Za-z]+", code).group(0)
        if _NOT_CODE.match(prefix) or not re.search(r"[A-Z]", prefix) or re.fullmatch(r"[A-Z]{1,3}\s\d{2,4}", code) and prefix.upper() == prefix and len(prefix) < 3:
            continue
        if prefix.lower().rstrip(".") in MONTHS or re.fullmatch(r"[A-Za-z]+ (?:19|20)\d\d", code):
            continue  # "May 2014", "FY 2020": dates, not codes
        found.append((m.start(), code))
    for m in _LOWER_WORD.finditer(sentence):
        if _is_inn(m.group()) and m.group() not in _COMMON_WORDS:
            found.append((m.start(), m.group()))
    if "develop" in sentence or "commerciali" in sentence:  # the verbs _DEVELOPED starts with
        for m in _DEVELOPED.finditer(sentence):
            found.append((m.start("p"), _TM.sub("", m.group("p")).strip()))
    out: list[str] = []
    for _, p in sorted(found):
        if p not in out and not any(p in q for q in out):
            out.append(p)
    return out


def subject_phrases(sentence: str) -> list[str]:
    """Licensed technology/products/stock a sentence names (at most two: the object and its appositive)."""
    out: list[str] = []
    m = _HEAD.search(sentence)
    if m:
        rest = sentence[m.end():]
        rest_clean = _OWNER.sub("", _LEAD.sub("", rest))
        shift = len(rest) - len(rest_clean)
        stop = _STOP.search(rest_clean)
        obj = clean_phrase(rest_clean[: stop.start()] if stop else rest_clean)
        if obj and 1 <= len(obj.split()) <= 10 and not re.match(r"(?:an?|the)\b", obj, re.I) and not _NOT_SUBJECT.search(obj):
            out.append(obj)
            a = _APPOS.match(rest, shift + (stop.start() if stop else len(rest_clean)))
            if a:
                app = clean_phrase(a.group("a"))
                if app and len(app.split()) <= 10 and re.search(r"\b[a-z]{3,}", app):  # not a Title Case headline
                    out.append(app)
    s = _STOCK.search(sentence)
    if s and not out:
        out.append(" ".join(s.group("o").split()))
    return out
