"""Layer 2 of the narrative reader: organization mentions by position, recall first.

:mod:`kg.extract.organizations` finds names by their form (a legal suffix, an
institution head, a ticker, a fitting defined term).  Real filings name most
counterparties without any of these ("we entered into a license agreement with
Regeneron", "MedImmune granted us an exclusive license", heading "License
Agreement with Bharat Biotech").  This module reads the *argument slots* of
deal frames and of headings that title an agreement, and hands every
capitalized name found there to the organization index as a candidate.  It may
over-generate: a candidate becomes a party only where a later layer (the
agreement builder) finds it in a deal sentence, and GOLD_SCHEMA keeps only
parties and the filer.

Reads: a document's text and its :class:`kg.extract.docmodel.DocModel`.
Hands on: ``(start, end, name)`` candidates, in text order.
"""
from __future__ import annotations

import re

from kg.extract.docmodel import DocModel

__all__ = ["slot_names", "SLOT_FRAMES"]

# a name word: capitalized ("Regeneron", "MedImmune", "Bharat"), or an all-caps acronym ("BIDMC")
_W = r"(?:(?<![A-Za-z])[a-z]{1,2}[A-Z][A-Za-z0-9]*|[A-Z][\w'\u2019&\-]*(?:\.[A-Za-z]{2,3}\b)?)"  # "eCERA", "iRobot" too
# connectors inside names: "University of Colorado", "Bank of Tokyo", "Johnson & Johnson"
_C = r"(?:of(?:\s+the)?|&|de|du|van|von)"  # not "and": a slot may hold two parties ("from Mark O'Brien and LHS")
_NAME = rf"(?P<name>(?:the\s+)?{_W}(?:[ \t]+(?:{_C}[ \t]+)?{_W}){{0,5}})"
# a defined term right after a name: ("Regeneron"), (the "Regeneron Agreement"), (NASDAQ: X)
_PAREN = r"(?:\s*\([^()\n]{0,120}\))?"
# Deal frames whose slot holds a party (kind of text they serve: 10-K notes, 8-K items, releases).
SLOT_FRAMES: tuple[tuple[str, str], ...] = (
    # "a license agreement (the "X Agreement") with Regeneron", "collaboration with Huadong"
    (r"\b(?:agreements?|collaborations?|licen[cs]es?|partnerships?|alliances?|arrangements?|deals?|settlements?"
     rf"|joint\s+ventures?|contracts?){_PAREN}\s+with\s+{_NAME}",
     "the counterparty of a deal noun ('agreement with X')"),
    (rf"\b(?:entered\s+into|signed|executed|concluded)\b[^.;\n]{{0,160}}?\bwith\s+{_NAME}",
     "the counterparty of a signing verb ('entered into ... with X')"),
    (rf"\b(?:licen[cs]ed?|rights?|in-licensed|obtained|acquired|purchased|sublicensed?|option)\b[^.;\n]{{0,100}}?\bfrom\s+{_NAME}",
     "the grantor or seller of a right or asset ('obtained exclusive rights from X', 'acquired ... from X')"),
    (rf"\b(?:granted|licensed|sublicensed|assigned|sold|transferred)\s+(?:to\s+)?{_NAME}(?=\s+(?:an?|the|exclusive|non-exclusive|co-exclusive|worldwide|certain|rights?|all)\b)",
     "the grantee of a grant verb ('granted Genentech exclusive rights')"),
    (rf"\bgranted\s+to\s+{_NAME}", "the grantee after 'granted to'"),
    (rf"\b(?:rights?|licen[cs]es?|patents?|technolog(?:y|ies)|intellectual\s+property)\b[^.;\n]{{0,60}}?\b(?:controlled|owned|held|developed)\s+by\s+{_NAME}",
     "the owner of in-licensed rights ('an exclusive license to intellectual property controlled by X')"),
    (r"\b(?:the|a|an)\s+(?P<name>[A-Z]{2,6})\s+(?:[Ll]icen[cs]e\s+|[Cc]ollaboration\s+|[Oo]ption\s+|[Rr]esearch\s+)?[Aa]greements?\b",
     "an institution's acronym naming its agreement ('the BIDMC license agreement', 'the NCI Agreement')"),
    (rf"\b(?:sold|sells|transferred|assigned|divested)\b[^.;\n]{{0,100}}?\bto\s+(?!the\b){_NAME}",
     "the buyer of a sale or assignment ('sold substantially all of its assets to X')"),
    (rf"(?:^|[.;]\s+|,\s+|\bwhich\s+|\bwhereby\s+|\bwhich,\s+)(?<!\w){_NAME}{_PAREN}\s+(?:granted|licensed|agreed\s+to\s+pay|paid|acquired|will\s+pay)\b",
     "the subject of a grant or payment verb ('MedImmune granted us')"),
    (rf"\b(?:between|among)\s+{_NAME}{_PAREN}\s+and\s+", "the first side of 'between X and Y'"),
    (rf"\b(?:acquisition|acquired|acquire|purchased?|sold)\b[^.;\n]{{0,80}}?\b(?:interests?|shares|stock|assets|business|securities)\s+of\s+(?!the\b|its\b|our\b){_NAME}",
     "the company whose shares or assets are bought ('acquired all of the share and debt interests of X')"),
    (rf"\b(?:acquisition\s+of|acquired|to\s+acquire|merger\s+with|merged\s+with|purchase\s+of|to\s+purchase)\s+(?!the\b){_NAME}",
     "the target of an acquisition ('the acquisition of X', 'acquired X')"),
)
_FRAMES = [re.compile(p) for p, _ in SLOT_FRAMES]
# "between X and Y": the second side
_NAME_AT = re.compile(_NAME)
# Heading frames: "License Agreement with Regeneron", "Genentech Agreement", "Huadong Collaboration Agreements"
_KIND_WORDS = (r"(?:Exclusive|Non-Exclusive|Amended|Restated|and|Co-Development|Development|Supply|Commercialization"
               r"|Collaboration|Collaborative|Research|License|Licence|Licensing|Option|Stock|Share|Asset|Purchase|Sale"
               r"|Settlement|Joint|Venture|Cross-License|Distribution|Manufacturing|Services|Master|Strategic|Alliance"
               r"|Sublicense|Assignment|Merger|Acquisition|Agreements?|Arrangements?|Partnership|,)")
_HEAD_WITH = re.compile(rf"^(?:{_KIND_WORDS}\s+)+(?:with|between)\s+{_NAME}")
_NAME_LAZY = _NAME.replace("{0,5})", "{0,5}?)")
_HEAD_LEAD = re.compile(rf"^{_NAME_LAZY}\s+(?:{_KIND_WORDS}\s+)*(?:Agreements?|Collaboration|License|Licence|Partnership|Alliance|Acquisition)\s*$")
# Words that are never a counterparty in these slots (the filer's self-references, document words, time)
_NOT_NAME = re.compile(
    r"^(?:the\s+)?(?:Company|Registrant|Parties|Party|Agreement|Agreements|License|Licensee|Licensor|Amendment|Closing|Effective"
    r"|We|Our|Us|It|Its|Their|They|This|That|These|Such|Each|Both|Either|Neither|Certain|All|Any|In|On|At|As|Under|Pursuant"
    r"|January|February|March|April|May|June|July|August|September|October|November|December|Item|Section|Note|Exhibit|Form"
    r"|United\s+States|U\.S|Europe|Japan|China|Greater\s+China|North\s+America|Asia|Territory|Board|Nasdaq|NYSE|SEC"
    r"|Phase|Series|Common|Stock|Shares|Merger\s+Sub|Buyer|Seller|Purchaser|Parent|Investor|Holder|Holders)\b"
)
_AFTER_FORM = re.compile(r"\b(Inc|Corp|Corporation|LLC|Ltd|Limited|plc|AG|SA|GmbH|LP|NV|BV)\.?\s+of\s+.*$")
_TRAIL = re.compile(r"(?:\s+(?:and|&|of|of\s+the|de|du|van|von))+$")


def _clean(name: str) -> str:
    name = " ".join(name.split())
    name = _AFTER_FORM.sub(r"\1", name)  # "Option Card LLC of Denver Colorado": the place is no part of the name
    name = re.sub(r"^the\s+", "", name)
    return _TRAIL.sub("", name).strip(" ,")


# document words: a name holding one is an agreement's or a section's title, not an organization
_DOC_WORD = re.compile(r"\b(?:Agreements?|Amendment|Plan|Notes?|Warrants?|Shares|Stock|Act|Product|Products|Program)\b")


def _ok(name: str) -> bool:
    bare = re.sub(r"^[Tt]he\s+", "", name)
    return len(bare) >= 3 and not _NOT_NAME.match(bare) and not _DOC_WORD.search(bare) and not bare.isdigit()


def slot_names(text: str, model: DocModel) -> list[tuple[int, int, str]]:
    """Capitalized names in the party slots of deal frames and agreement headings."""
    out: list[tuple[int, int, str]] = []

    def keep(m: re.Match) -> None:
        name = _clean(m.group("name"))
        if _ok(name):
            s = text.find(name, m.start("name"))
            s = m.start("name") if s < 0 else s
            out.append((s, s + len(name), name))

    for rx in _FRAMES:
        for m in rx.finditer(text):
            if model.in_zone(m.start()):
                continue
            keep(m)
            if m.group(0).startswith(("between", "among")):
                second = _NAME_AT.match(text, m.end())  # the pattern ends at "and ": Y starts here
                if second:
                    keep(second)
    for h in model.headings:
        m = _HEAD_WITH.match(text, h.start, h.end) or _HEAD_LEAD.match(text, h.start, h.end)
        if m:
            keep(m)
    out.sort()
    return out
