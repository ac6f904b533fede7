"""Organization name normalisation: the key that says two spellings are one legal entity.

Used for alias merging inside a document (kg.extract), for deterministic
organization IRIs (kg.rdf) and for cross-filing entity resolution.  Folds
case, accents, punctuation, "&", a leading "The" and trailing legal-form
suffixes ("GENENTECH, INC." == "Genentech, Inc." == "Genentech").
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["LEGAL_SUFFIXES", "normalize_org_name", "strip_legal_suffix"]

# Legal-form suffixes of company names across jurisdictions (US, UK, EU, Asia);
# why: the same company is written with and without its legal form.
LEGAL_SUFFIXES = (
    "incorporated", "inc", "corporation", "corp", "company", "co", "limited", "ltd",
    "llc", "l l c", "plc", "ag", "sa", "s a", "nv", "n v", "gmbh", "kg", "kgaa", "spa",
    "s p a", "bv", "b v", "lp", "l p", "llp", "pte", "pty", "kk", "k k", "se", "ab",
    "as", "a s", "oyj", "sas", "s a s", "srl", "s r l", "sarl", "ulc", "lc",
    # long forms written out in full ("Nakagawa Shokuhin Kabushiki Kaisha" is "... K.K.")
    "kabushiki kaisha", "yugen kaisha", "godo kaisha", "aktiengesellschaft", "aktiebolag", "aktieselskab",
)
_SUFFIX_RE = re.compile(r"(?:\s+(?:" + "|".join(re.escape(s) for s in sorted(LEGAL_SUFFIXES, key=len, reverse=True)) + r"))+$")


def _fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = s.replace("&", " and ")
    s = re.sub(r"\([^)]*\)", " ", s)  # parenthesised parts: defined terms, tickers
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return re.sub(r"^the\s+", "", s)


@lru_cache(maxsize=1 << 14)  # a pure function of its string, asked for the same names again and again
def normalize_org_name(name: str | None) -> str:
    """Folded key of an organization name; "" for None/blank.

    >>> normalize_org_name("GENENTECH, INC.") == normalize_org_name("Genentech")
    True
    """
    if not name:
        return ""
    s = _fold(name)
    stripped = _SUFFIX_RE.sub("", s).strip()
    return stripped or s


def strip_legal_suffix(name: str) -> str:
    """The name as written without its trailing legal form ("Genentech, Inc." -> "Genentech")."""
    out = re.sub(
        r"(?:,?\s+(?:Incorporated|Inc\.?|Corporation|Corp\.?|Company|Co\.?|Limited|Ltd\.?|L\.?L\.?C\.?|plc|PLC|AG|S\.A\.?|N\.V\.?|GmbH|B\.V\.?|L\.P\.?|LLP|S\.p\.A\.?|A/S|SE|AB|K\.K\.|Kabushiki[\s-]+Kaisha|Aktiengesellschaft|Aktiebolag))+\.?$",
        "",
        name.strip(),
    )
    return out.strip(" ,") or name.strip()
