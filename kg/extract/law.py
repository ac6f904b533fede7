"""Governing law of a contract (``lic:governingLaw``): the jurisdiction phrase only.

"governed by and construed in accordance with the laws of the State of New
York" -> "New York"; "the laws of England and Wales" -> "England and Wales";
"Delaware law" -> "Delaware".

The choice-of-law clause is read as a clause (its whole sentence), not as a
window after a keyword: a sentence that names a law ("laws", "legislation",
"X law") and chooses it (governed, construed, interpreted, enforced,
controlled, "in accordance with", "according to", "shall apply").  Inside the
clause:

* every jurisdiction the law is "of" is taken, in order, so that "the laws of
  the State of California and the laws of Hong Kong" gives both (joined by
  "; ", the list separator of GOLD_SCHEMA values);
* "the laws thereof", "such State", "that State" resolve to the State the
  clause itself names ("accepted in the State of Nevada and governed by the
  laws thereof" -> "Nevada");
* federal law next to a state law ("the laws of the United States and of the
  Commonwealth of Kentucky") keeps the state: the state's law is the choice;
* carve-outs ("except to the extent governed by the United States Trademark
  Act") and statutes ("the X Act", "the Y Code") are not jurisdictions.

Strong clauses (governed, construed, interpreted, a "Governing Law" heading)
win over weak ones ("subject to the application of the Austrian Law"), so
export-control and securities "subject to the laws of ..." mentions elsewhere
do not count.
"""
from __future__ import annotations

import re

__all__ = ["governing_law", "clean_jurisdiction"]

_PLACE = r"[A-Z][A-Za-z\u00C0-\u017F'.-]*(?:\s+(?:[A-Z][A-Za-z\u00C0-\u017F'.-]*|of(?=\s+[A-Z])|and(?=\s+[A-Z])|&)){0,5}"
# "the laws of the State of New York", "the laws and judicial decisions of", "the law of Germany",
# "the laws in force in", "legislation of the Republic of Kazakhstan"
_LAWS_OF = re.compile(
    r"\b(?i:laws?|legislation)(?:\s*,?\s*(?i:and|or)\s+(?i:the\s+)?(?i:judicial\s+)?(?i:decisions|regulations|rules))?"
    r"\s+(?i:in\s+force\s+in\s+|of\s+|in\s+(?=the\s+(?:State|Commonwealth|Province)\b))(?:(?i:the)\s+)?(?P<j>" + _PLACE + r")")
# "and of the Commonwealth of Pennsylvania", "and the laws of Hong Kong": a second jurisdiction in one list
_AND_OF = re.compile(r"\s*,?\s*(?i:and|or)\s+(?:(?i:the)\s+)?(?:(?i:laws?)\s+)?(?i:of|in)\s+(?:(?i:the)\s+)?(?P<j>" + _PLACE + r")")
# "New York law", "Swiss law", "the application of the Austrian Law"
_X_LAW = re.compile(r"\b(?P<j>" + _PLACE + r")\s+(?i:laws?)\b")
_X_LAW_BEFORE = re.compile(r"(?i)(?:governed\s+(?:by|under)|construed\s+under|application\s+of|in\s+accordance\s+with|according\s+to"
                           r"|governed\s+by\s+and\s+construed\s+(?:under|in\s+accordance\s+with))\s+(?:the\s+)?$")
# capitalised words before "law" that name a kind of law, not a place ("Choice of Law", "Export Laws")
_NOT_LAW_ADJ = {"choice", "conflict", "conflicts", "applicable", "governing", "export", "patent", "trademark", "securities",
                "public", "common", "case", "statutory", "local", "international", "section", "article", "antitrust",
                "competition", "tax", "privacy", "data", "environmental", "labor", "labour", "employment", "the", "by",
                "governed", "than", "other", "any", "such", "all", "this", "that", "of", "and"}
# "the State of Nevada" named anywhere in the clause: what "thereof" / "such State" refers to
_STATE_OF = re.compile(r"\b(?i:State|Commonwealth|Province)\s+of\s+(?P<j>" + _PLACE + r")")
_BACK_REFERENCE = re.compile(r"(?i)\blaws?\s+(?:thereof|of\s+(?:such|that|said)\s+(?:state|commonwealth|province|jurisdiction))\b")
# Clause verbs that choose a law; the strong ones certainly do.
_CHOICE = re.compile(r"(?i)\bgovern|\bconstru|\binterpret|\benforc|\bcontroll?ed\b|\bappl(?:y|ies|ied)\b|\bin\s+accordance\s+with\b"
                     r"|\baccording\s+to\b|\bpursuant\s+to\b|\bsubject\s+to\b|\bchoice\s+of\s+law\b")
_STRONG = re.compile(r"(?i)\bgoverned\b|\bgoverning\s+law\b|\bconstrued\b|\binterpreted\b|\bcontroll?ed\s+by\b|\bshall\s+apply\b"
                     r"|\bwill\s+apply\b|\bapplies\b|\bchoice\s+of\s+law\b|\baccording\s+to\s+the\s+laws?\b")
_LAW_WORD = re.compile(r"(?i)\blaws?\b|\blegislation\b")
# Carve-outs: "except to the extent governed by the United States Trademark Act of 1946 (...)," up to the comma
_CARVE_OUT = re.compile(r"(?i)\b(?:except|other\s+than)\s+(?:to\s+the\s+extent|as|that|where)\b[^,;]{0,250}?(?:,|;|$)")
_STATUTE = re.compile(r"(?i)\b(?:Act|Code|Convention|Treaty|Regulations?|Rules?|Statutes?|Obligations)\b")
# Long official forms of countries folded to their short names (class: civil-law contracts).
_LONG_FORMS = {
    "federal republic of germany": "Germany",
    "people's republic of china": "PRC",
    "peoples republic of china": "PRC",
    "swiss confederation": "Switzerland",
    "united states of america": "United States",
    "kingdom of the netherlands": "Netherlands",
}
# Adjectives of jurisdictions used as "Swiss law", "English law" (class: European contracts).
_DEMONYMS = {"swiss": "Switzerland", "german": "Germany", "english": "England", "french": "France",
             "japanese": "Japan", "dutch": "Netherlands", "italian": "Italy", "irish": "Ireland",
             "scottish": "Scotland", "israeli": "Israel", "chinese": "PRC", "korean": "Korea",
             "spanish": "Spain", "belgian": "Belgium", "danish": "Denmark", "swedish": "Sweden",
             "austrian": "Austria", "finnish": "Finland", "norwegian": "Norway", "polish": "Poland",
             "portuguese": "Portugal", "greek": "Greece", "czech": "Czech Republic", "hungarian": "Hungary",
             "canadian": "Canada", "australian": "Australia", "singaporean": "Singapore", "singapore": "Singapore",
             "indian": "India", "brazilian": "Brazil", "mexican": "Mexico", "taiwanese": "Taiwan",
             "luxembourg": "Luxembourg", "hong kong": "Hong Kong", "prc": "PRC", "u.s.": "United States",
             "usa": "United States", "u.s.a.": "United States", "federal": "United States"}
# Words that end a jurisdiction phrase when they follow it ("New York without regard to ...").
_TAIL = re.compile(r"\s+(?:without|excluding|other|exclusive|applicable|as|in|and\s+the|and\s+any|and\s+all|and\s+shall|and\s+will|except|notwithstanding|which|that|to|for|with|including|regardless|irrespective|but|applied|governing)\b.*$", re.I)
# Words that are not a place ("the laws of any other jurisdiction", "laws of such State", "Laws of this Agreement")
_NOT_PLACE = re.compile(r"(?i)(?:article|section|schedule|exhibit|clause|paragraph|any|such|this|that|each|its|their|other|all|another|said|same|the|these|those|applicable|such|"
                        r"United\s+Nations|conflicts?|a|an|which|whose|his|her|force|effect|general|each|every)\b")


def clean_jurisdiction(raw: str) -> str | None:
    """"the State of New York, U.S.A." -> "New York"; "Federal Republic of Germany" -> "Germany"."""
    s = " ".join(raw.split()).strip(" ,;")
    s = _TAIL.sub("", s)
    s = re.split(r",|\(", s)[0].strip()
    s = re.sub(r"^(?:the\s+)?(?:State|Commonwealth|Province|Canton|Republic)\s+of\s+(?:the\s+)?", "", s, flags=re.I)
    s = re.sub(r"^the\s+", "", s, flags=re.I)
    low = s.lower().rstrip(".")
    for long, short in _LONG_FORMS.items():
        if low.startswith(long):
            return short
    s = re.sub(r"\s+(?:and|&|of)$", "", s).strip()
    if not s.endswith(("U.S.A.", "U.S.")):
        s = s.rstrip(".")
    s = re.sub(r"\s+State$", "", s)  # "New York State"
    s = _DEMONYMS.get(s.lower(), s)
    if not s or _NOT_PLACE.match(s) or _STATUTE.search(s):
        return None
    return s


_ABBREV_END = re.compile(r"(?:\b[A-Z]|\b(?:Inc|Ltd|Co|Corp|No|Nos|Sec|Secs|seq|St|Mr|Ms|Dr|U\.S|U\.S\.C|cf|vs|et\s+al|e\.g|i\.e))$")


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """Bounds of the sentence around ``pos``: a period (not an abbreviation's) and a capital, or a blank line."""
    lo = max(0, pos - 700)
    start = lo
    for m in re.finditer(r"\.\s+(?=[\"'(\u201c]?[A-Z0-9])|\n\s*\n|;\s+(?=\(?[a-z0-9]\)|\d)", text[lo:pos]):
        if m.group(0)[0] == "." and _ABBREV_END.search(text, max(0, lo + m.start() - 8), lo + m.start()):
            continue
        start = lo + m.end()
    end = min(len(text), pos + 900)
    for m in re.finditer(r"\.(?=\s+[\"'(\u201c]?[A-Z0-9]|\s*$)|\n\s*\n", text[pos:end]):
        if m.group(0)[0] == "." and _ABBREV_END.search(text, max(0, pos + m.start() - 8), pos + m.start()):
            continue
        end = pos + m.start()
        break
    return start, end


# the law phrase is what the clause chooses: a choice verb shortly before it ("governed by and construed in
# accordance with, the laws of"), or "shall apply" / "shall govern" right after it
_CHOICE_BEFORE = re.compile(r"(?i)(?:\bgovern\w*|\bconstru\w*|\binterpret\w*|\benforc\w*|\bcontroll?ed|\bappl(?:y|ies|ied)"
                            r"|\bin\s+accordance\s+with|\baccording\s+to|\bpursuant\s+to|\bsubject\s+to|\bdefined)\b[^.;]{0,160}$")
_CHOICE_AFTER = re.compile(r"(?i)^[^.;]{0,120}?\b(?:shall|will|to)\s+(?:apply|govern|be\s+applied)\b")
_INCORPORATED = re.compile(r"(?i)\b(?:organi[sz]ed|existing|incorporated|formed|standing|registered|chartered)\b[^.;]{0,40}$")


def _chosen(clause: str, start: int, end: int) -> bool:
    before = clause[max(0, start - 200):start]
    if _INCORPORATED.search(before):
        return False
    return bool(_CHOICE_BEFORE.search(before) or _CHOICE_AFTER.match(clause[end:end + 150]))


def _jurisdictions(clause: str) -> list[str]:
    """The jurisdictions whose law the clause chooses, in order (see the module doc)."""
    clause = _CARVE_OUT.sub(" ", re.sub(r"\([^()]{0,200}\)", " ", clause))
    caps = sum(c.isupper() for c in clause)
    if caps > 0.6 * max(1, sum(c.isalpha() for c in clause)):
        clause = clause.title()  # ALL-CAPS clauses ("THE LAW OF THE STATE OF NEW YORK")
    out: list[str] = []
    for m in _LAWS_OF.finditer(clause):
        if not _chosen(clause, m.start(), m.end()):
            continue  # "a corporation organized under the laws of the State of Delaware"
        j = clean_jurisdiction(m.group("j"))
        if j and not re.match(r"(?i)Conflicts?\b|Laws?\b", m.group("j")):
            out.append(j)
        for n in _AND_OF.finditer(clause, m.end()):
            if n.start() != m.end():
                break
            k = clean_jurisdiction(n.group("j"))
            if k:
                out.append(k)
            break
    if not out:
        for m in _X_LAW.finditer(clause):
            # "governed by Swiss law", "subject to the application of the Austrian Law", "New York law shall apply"
            before = clause[max(0, m.start() - 60):m.start()]
            if not (_X_LAW_BEFORE.search(before) or re.match(r"(?i)\s+(?:shall|will)\s+(?:apply|govern)", clause[m.end():])):
                continue
            words = m.group("j").split()
            if any(w.lower() in _NOT_LAW_ADJ for w in words):
                continue
            j = clean_jurisdiction(" ".join(words))
            if j:
                out.append(j)
                break
    if not out and _BACK_REFERENCE.search(clause):
        states = [clean_jurisdiction(m.group("j")) for m in _STATE_OF.finditer(clause)]
        out = [s for s in states if s][:1]
    if not out:
        # "governed by the internal laws, and not by the laws regarding conflicts of laws, of the State of X"
        m = _STATE_OF.search(clause)
        if m and re.search(r"(?i)\blaws?\b[^.]{0,80}$", clause[:m.start()]) and _chosen(clause, m.start(), m.end()):
            j = clean_jurisdiction(m.group("j"))
            out = [j] if j else []
    seen: list[str] = []
    for j in out:
        if j not in seen:
            seen.append(j)
    for country in ("United States", "Canada"):
        if len(seen) > 1 and country in seen:
            seen.remove(country)  # the state's (province's) law is the choice; federal law applies anyway
    return seen


def governing_law(text: str) -> str | None:
    """The jurisdiction whose law governs the contract, as a short phrase; None when not stated.

    The first strong choice-of-law clause that names a jurisdiction wins, else the first weak
    one; a country-level "United States" (usually export or securities law) only when nothing
    more specific is chosen.  Several jurisdictions chosen by one clause are joined by "; ".
    """
    found: list[tuple[int, int, int, str]] = []
    done = -1
    for n, w in enumerate(_LAW_WORD.finditer(text)):
        if w.start() < done:
            continue
        start, end = _sentence(text, w.start())
        done = end
        clause = text[start:end]
        verb = _CHOICE.search(clause)
        if not verb:
            continue
        js = _jurisdictions(clause)
        if not js:
            continue
        strong = 1 if _STRONG.search(clause) or re.search(r"(?i)governing\s+law", text[max(0, start - 40):start]) else 0
        found.append((-strong, 1 if js == ["United States"] else 0, n, "; ".join(js)))
        if strong and js != ["United States"]:
            break
    return min(found)[-1] if found else None
