"""Parties a contract form leaves unnamed: a blank, or a description of where the name will be.

A form contract (a franchise agreement, a maintenance agreement sent for signature, a click-through
licence) names one party and leaves the other to a blank ("________, a ______ corporation
("Licensee")", "Party B: [•] ("Service Recipient")"), to another page ("the individual or legal
entity identified on the cover page ("Franchisee")", "the Agent named on the signature page
hereof (the "Agent")") or to whoever accepts it ("the business entity that you represent
("CUSTOMER")").  Such a party is still a party of the contract (``lic:party``; CUAD's lawyers list
it by its defined role), so it is kept under the role the contract defines for it.
"""
from __future__ import annotations

import re

__all__ = ["clickthrough_parties", "is_blank_name", "placeholder_role", "role_name"]

# A blank where a name goes: underscores, dashes, bullets, empty or instruction brackets.
_BLANK = re.compile(r"[\s_.,\-\u2013\u2014\u2022*]*(?:\[[^\[\]]{0,60}\]|<<[^<>]{0,60}>>|\u2022)?[\s_.,\-\u2013\u2014\u2022*]*")
_INSTRUCTION = re.compile(r"(?i)\[\s*(?:insert|name|enter|[\u2022*\s]*\])|<<\s*enter")
# A description of where the name is stated: "the Franchisee set forth in the Addendum",
# "the individual or legal entity identified on the cover page", "the Agent named on the signature page".
_ELSEWHERE = re.compile(
    r"(?i)^(?:the\s+)?(?:[\w-]+\s+){0,6}?(?:named|identified|specified|set\s+forth|listed|indicated|designated|described)"
    r"\s+(?:on|in|as\s+(?:the\s+)?[\w-]+\s+(?:on|in))\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:cover|signature|schedule|addendum|exhibit|annex|appendix|attachment|page|rider|order|application)"
)
# Whoever accepts a click-through licence: "you are binding the business entity that you represent ("Customer")".
_ACCEPTOR = re.compile(r"(?i)\b(?:(?:business\s+)?entity|company|organi[sz]ation)\s+(?:that\s+|which\s+)?you\s+represent\s*,?\s*$")
# Pronouns a contract defines for a party besides its role ("you", "we"): never the role.
_PRONOUNS = {"you", "your", "yours", "we", "us", "our", "ours", "it", "its"}


def is_blank_name(name: str) -> bool:
    """True for a "name" that is only a blank (``____``, ``[•]``, ``[ ]``, ``[INSERT NAME]``)."""
    name = re.sub(r"^(?:Party\s+[A-D]|[A-Z][a-z]+)\s*:\s*", "", name.strip())  # "Party B: [•]"
    return not re.search(r"[A-Za-z]", name) or (bool(_INSTRUCTION.search(name)) and _BLANK.fullmatch(name) is not None)


def role_name(terms: list[str]) -> str | None:
    """The role a placeholder party is known by: its first defined term that is not a pronoun,
    in the contract's own spelling ("CUSTOMER" read as "Customer")."""
    for t in terms:
        t = " ".join(t.split()).strip(" ,.")
        if not t or t.lower() in _PRONOUNS or not re.match(r"[A-Za-z]", t) or len(t.split()) > 4:
            continue
        return t.title() if t.isupper() else t
    return None


def placeholder_role(chunk: str, terms: list[str], named: bool = False) -> str | None:
    """The role of an unnamed party stated in ``chunk`` (the words before its defined terms), or None
    when the chunk names somebody.  ``terms`` are the defined terms right after the chunk.  The
    placeholder is the whole chunk ("Party B: [•]") or the words after its last "and" ("XACCT ...
    with its principal place of business at ... and ______, a ______ corporation"); when the chunk
    opens with a name (``named``), only the words after its last "and"."""
    role = role_name(terms)
    if role is None:
        return None
    flat = " ".join(chunk.split())
    ands = list(re.finditer(r"(?:^|[\s,])(?:and|AND)\s*,?\s+", flat))
    if ands and not re.search(r"(?i)\b(?:itself|themselves|behalf\s+of)\s*,?\s*$", flat[: ands[-1].start() + 1]):
        tail = flat[ands[-1].end():]
        if _blank_head(tail) or _described(tail, role):
            return role
    if named:
        return None
    if re.search(r"(?:^|\s)_{3,}[\s,]*$", flat):
        return role  # the blank right before the defined term: "at the request of ________ ("Purchaser")"
    last = " ".join(re.split(r"\n[ \t]*\n", chunk.strip())[-1].split())  # a block of its own: "Party B: [•]"
    return role if _blank_head(flat) or _blank_head(last) or _ACCEPTOR.search(flat) else None


def _strip(s: str) -> str:
    s = re.sub(r"^[\s,;:]*(?:on\s+the\s+other\s+hand\s*,?\s*(?:and\s+)?)?", "", s)
    return re.sub(r"^(?:\(?(?:\d{1,2}|[a-hA-H]|i{1,3}|iv|v)\)\.?\s+|(?:Party\s+[A-D]|[A-Z][a-z]+)\s*:\s*)", "", s).lstrip(" ,;")


def _blank_head(s: str) -> bool:
    """The words open with a blank: "______, a ______ corporation", "[•]", "[INSERT NAME]"."""
    head = re.split(r",?\s+(?:a|an)\s+_|,\s|\s+(?:whose|with|having|residing|located|of)\b", _strip(s), maxsplit=1)[0]
    return bool(head) and _BLANK.fullmatch(head) is not None and (not re.search(r"[A-Za-z]", head) or bool(_INSTRUCTION.search(head)))


def _described(s: str, role: str) -> bool:
    """The words describe one party by its role or where its name is: "the Franchisee", "the individual
    or legal entity identified on the cover page", "the Agent named on the signature page hereof"."""
    s = _strip(s).strip(" ,")
    if re.fullmatch(r"(?i)(?:the\s+)?" + re.escape(role), s):
        return True
    m = _ELSEWHERE.match(s)
    return m is not None and not re.search(r"(?i)\b(?:affiliates|subsidiaries|entities|parties|persons|companies|funds|members)\b", s[: m.end()])


# A click-through licence names no parties in a preamble: whoever accepts it ("you are binding the business
# entity that you represent ("CUSTOMER")") and the grantor of its licence clause ('Cisco Systems, Inc. or
# its subsidiary licensing the Software ("Cisco"), grants to Customer a nonexclusive ... license').
_ACCEPTOR_TERM = re.compile(r"(?i)\b(?:(?:business\s+)?entity|company|organi[sz]ation)\s+(?:that\s+|which\s+)?you\s+represent\s*,?\s*"
                            r"\(\s*[\"\u201c](?P<role>[A-Za-z][\w-]{1,30}(?:\s[A-Za-z][\w-]{1,30})?)[\"\u201d']\s*\)")
_GRANTOR = re.compile(r"(?P<n>[A-Z][\w.&'-]*(?:,?\s+[A-Z][\w.&'-]*){0,5},?\s+(?:Inc\.|Incorporated|Corporation|Corp\.|Ltd\.|Limited|LLC|L\.L\.C\.|GmbH|AG|plc|S\.A\.)"
                      r"[^()\n]{0,100}?)\s*\(\s*[\"\u201c](?P<t>[A-Z][\w-]{1,30})[\"\u201d']\s*\)\s*,?\s+(?:hereby\s+)?grants\s+(?:to\s+)?(?P<g>[A-Z][\w-]{1,30}(?:\s[A-Z][\w-]{1,30})?)\b")


def clickthrough_parties(text: str, limit: int = 8000) -> list[tuple[str, list[str]]]:
    """The grantor and the accepting party of a click-through licence, or [] (both must be found)."""
    acceptor = _ACCEPTOR_TERM.search(text[:limit])
    if acceptor is None:
        return []
    role = acceptor.group("role")
    for g in _GRANTOR.finditer(text[:limit]):
        if g.group("g").lower() == role.lower() or g.group("g").lower().split()[0] == role.lower() and " " not in role:
            name = re.sub(r"^.*?\b(?:Agreement|hereof|herein|Software)\s*,\s*", "", " ".join(g.group("n").split()))
            return [(name, [g.group("t")]), (role.title() if role.isupper() else role, [role.title() if role.isupper() else role])]
    return []

