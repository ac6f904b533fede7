"""Governing law of a contract (``lic:governingLaw``): the jurisdiction phrase only.

"governed by and construed in accordance with the laws of the State of New
York" -> "New York"; "the laws of England and Wales" -> "England and Wales";
"Delaware law" -> "Delaware".  Only clauses that choose a law (governed by,
construed in accordance with, governing law) are read, so export-control or
"laws of the United States" mentions elsewhere do not count.
"""
from __future__ import annotations

import re

__all__ = ["governing_law", "clean_jurisdiction"]

# Clause openers that choose the law of a contract (US, UK and civil-law drafting).
_CLAUSE = re.compile(
    r"(?:governed\s+(?:by|under)|construed\s+(?:and\s+\w+\s+)?(?:in\s+accordance\s+with|under|pursuant\s+to)|"
    r"interpreted\s+(?:in\s+accordance\s+with|under)|subject\s+to|governing\s+law\s*[.:\-\u2014]*|"
    r"(?:determined|enforced|interpreted|construed)\b[^.]{0,30}?in\s+accordance\s+with|"
    r"(?<![A-Za-z])the\s+(?=(?:substantive\s+)?laws?\s+of\s+[^.]{2,60}?\s+(?:shall|will)\s+(?:apply|govern)))",
    re.I,
)
_PLACE = r"[A-Z][A-Za-z\u00C0-\u017F'-]+(?:\s+(?:[A-Z][A-Za-z\u00C0-\u017F'-]+|of|and|&)){0,5}"
# "the laws of the State of New York" / "the laws of England and Wales" / "the law of Germany"
_LAWS_OF = re.compile(rf"\b(?i:laws?\s+(?:in\s+force\s+in\s+|of\s+)(?:the\s+)?(?:state\s+of\s+|commonwealth\s+of\s+|province\s+of\s+)?)(?P<j>{_PLACE})")
# "New York law" / "Swiss law" is rarer; only the place-name form ("Delaware law") is taken.
# "subject to the application of the Italian Law": the application of a named law
_X_LAW = re.compile(rf"\b(?:the\s+)?(?:application\s+of\s+(?:the\s+)?)?(?P<j>{_PLACE})\s+[Ll]aws?\b")
# Long official forms of countries folded to their short names (class: civil-law contracts).
_LONG_FORMS = {
    "federal republic of germany": "Germany",
    "people's republic of china": "PRC",
    "peoples republic of china": "PRC",
    "swiss confederation": "Switzerland",
    "united states of america": "United States",
    "kingdom of the netherlands": "Netherlands",
}
# Words that end a jurisdiction phrase when they follow it ("New York without regard to ...").
# Adjectives of jurisdictions used as "Swiss law", "English law" (class: European contracts).
_DEMONYMS = {"swiss": "Switzerland", "german": "Germany", "english": "England", "french": "France",
             "japanese": "Japan", "dutch": "Netherlands", "italian": "Italy", "irish": "Ireland",
             "scottish": "Scotland", "israeli": "Israel", "chinese": "PRC", "korean": "Korea",
             "spanish": "Spain", "belgian": "Belgium", "danish": "Denmark", "swedish": "Sweden",
             "austrian": "Austria", "finnish": "Finland", "norwegian": "Norway", "polish": "Poland",
             "portuguese": "Portugal", "greek": "Greece", "czech": "Czech Republic", "hungarian": "Hungary",
             "canadian": "Canada", "australian": "Australia", "singaporean": "Singapore", "singapore": "Singapore",
             "indian": "India", "brazilian": "Brazil", "mexican": "Mexico", "taiwanese": "Taiwan",
             "luxembourg": "Luxembourg", "hong kong": "Hong Kong", "prc": "PRC"}
_TAIL = re.compile(r"\s+(?:without|excluding|other|exclusive|applicable|as|in|and\s+the|and\s+any|and\s+all|and\s+shall|and\s+will|except|notwithstanding|which|that|to|for|with|including|regardless|irrespective|but|applied|governing)\b.*$", re.I)


def clean_jurisdiction(raw: str) -> str | None:
    """"the State of New York, U.S.A." -> "New York"; "Federal Republic of Germany" -> "Germany"."""
    s = " ".join(raw.split()).strip(" ,.;")
    s = _TAIL.sub("", s)
    s = re.split(r",|\(", s)[0].strip()
    s = re.sub(r"^(?:the\s+)?(?:State|Commonwealth|Province|Canton|Republic)\s+of\s+(?:the\s+)?", "", s, flags=re.I)
    s = re.sub(r"^the\s+", "", s, flags=re.I)
    low = s.lower()
    for long, short in _LONG_FORMS.items():
        if low.startswith(long):
            return short
    s = re.sub(r"\s+(?:and|&)$", "", s).strip()
    s = re.sub(r"\s+State$", "", s)  # "New York State"
    s = _DEMONYMS.get(s.lower(), s)
    if re.match(r"(?i)united\s+nations|any\b|such\b|its\b|their\b", s):
        return None
    return s or None


# Clause openers that certainly choose the law ("governed by", "construed in accordance with", a heading)
# rank above weaker ones ("subject to", which also introduces export-control and securities laws).
_STRONG = re.compile(r"(?i)govern|constru|interpret|shall\s+apply|will\s+apply")


def _candidate(window: str) -> str | None:
    if sum(c.isupper() for c in window[:120]) > 0.6 * max(1, sum(c.isalpha() for c in window[:120])):
        window = window.title()  # ALL-CAPS clauses ("THE LAW OF THE STATE OF NEW YORK")
    lm = _LAWS_OF.search(window)
    if lm and lm.start() < 120:
        j = clean_jurisdiction(lm.group("j"))
        if j and not re.fullmatch(r"(?i)any|such|this|that|each|its|their|other|all", j.split()[0]):
            return j
    xm = _X_LAW.match(window.lstrip())
    if xm:
        return clean_jurisdiction(xm.group("j"))
    return None


def governing_law(text: str) -> str | None:
    """The jurisdiction whose law governs the contract, as a short phrase; None when not stated.

    The first jurisdiction named by a strong choice-of-law clause wins; a country-level
    "United States" (usually export or securities law) only when nothing more specific is chosen.
    """
    found: list[tuple[int, int, str]] = []
    for n, m in enumerate(_CLAUSE.finditer(text)):
        j = _candidate(text[m.end(): m.end() + 200])
        if j:
            strong = 1 if _STRONG.search(m.group(0)) else 0
            found.append((-strong, 1 if j == "United States" else 0, n, j))
    return min(found)[-1] if found else None
