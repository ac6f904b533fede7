"""Layer 3 of the narrative reader: references to the filer (self-references).

A filing speaks of its registrant as "the Company", "The Company", "the
Registrant", "we", "our", "us" (any case).  These name the filer -- taken from
the SGML header or the cover page before any dateline guess -- unless the
document defines the word for another party: a merger agreement's 8-K that
says 'Orrin Labs, Inc. (the "Company")' makes "the Company" Orrin Labs, and
that defined term (an alias in :class:`kg.extract.organizations.OrgIndex`)
wins.  Short quoted strings are defined terms, not references ('(the "Company")'
defines, it does not refer); a long quotation in a release is the filer's
executive speaking, and its "we" is the filer.  A possessive "the Company's"
names an owner ("the Company's subsidiary"), not an actor, except before a
deal noun ("the Company's license agreement with X": the filer is a party).

Reads: a sentence.  Hands on: whether it refers to the filer, and where.
"""
from __future__ import annotations

import re

__all__ = ["refers_to_filer"]

# "we", "our", "us" (not "US" the country: lower case or sentence-initial "We"/"Our"), "the Company",
# "the Registrant" in any case, and their possessives
# (the words first, so re skips ahead to them; refers_to_filer checks the word start the leading \b was)
_FIRST_PERSON = re.compile(r"(?:we|We|WE|our|Our|us)\b")
_WORD_CHAR = re.compile(r"\w")
# "the Company" / "the Registrant", any case, not possessive -- or possessive before a deal noun
_DEAL_AFTER = r"\s+(?:[\w-]+\s+){0,3}(?:agreement|license|licence|collaboration|partnership|alliance)\b"
_COMPANY = re.compile(r"\b(?i:the\s+(?:company|registrant))\b(?!['\u2019])|\b(?i:the\s+(?:company|registrant)['\u2019]s" + _DEAL_AFTER + ")")
_SHORT_QUOTE = re.compile(r"[\"\u201c][^\"\u201d]{0,40}[\"\u201d]")


def refers_to_filer(sent: str, company_is_defined: bool = False) -> bool:
    """True when ``sent`` refers to the filer ("we", "our", "the Company", "the Registrant").

    ``company_is_defined``: the document defines "the Company" as another organization, so only
    the first person and "the Registrant" still name the filer.
    """
    bare = _SHORT_QUOTE.sub(" ", sent)
    if any(m.start() == 0 or not _WORD_CHAR.match(bare, m.start() - 1) for m in _FIRST_PERSON.finditer(bare)):
        return True
    for m in _COMPANY.finditer(bare):
        if not company_is_defined or "registrant" in m.group(0).lower():
            return True
    return False
