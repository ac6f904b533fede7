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
from bisect import bisect_left

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
    (rf"\b(?:granted|licensed|sublicensed|assigned|sold|transferred)\s+(?:to\s+)?{_NAME}(?=\s+(?:an?|the|exclusive|non-exclusive|co-exclusive|worldwide|certain|rights?|all)\b)",
     "the grantee of a grant verb ('granted Genentech exclusive rights')"),
    (rf"\bgranted\s+to\s+{_NAME}", "the grantee after 'granted to'"),
    (r"\b(?:the|a|an)\s+(?P<name>[A-Z]{2,6})\s+(?:[Ll]icen[cs]e\s+|[Cc]ollaboration\s+|[Oo]ption\s+|[Rr]esearch\s+)?[Aa]greements?\b",
     "an institution's acronym naming its agreement ('the BIDMC license agreement', 'the NCI Agreement')"),

    (rf"\b(?:between|among)\s+{_NAME}{_PAREN}\s+and\s+", "the first side of 'between X and Y'"),
    (rf"\b(?:acquisition\s+of|acquired|to\s+acquire|merger\s+with|merged\s+with|purchase\s+of|to\s+purchase)\s+(?!the\b){_NAME}",
     "the target of an acquisition ('the acquisition of X', 'acquired X')"),
)
# one pass over the text for every frame: the frames as alternatives of one pattern, each with its own name group
_FRAMES_ONE = re.compile("|".join(f"(?:{p.replace('(?P<name>', f'(?P<name{i}>')})" for i, (p, _) in enumerate(SLOT_FRAMES)))
_NAME_GROUPS = [f"name{i}" for i in range(len(SLOT_FRAMES))]
# Frames whose trigger and slot may be apart in the clause ("entered into a license agreement ... with X"):
# (trigger words, widest gap, the words right before the slot, reason). Found from the slot back: the text is
# scanned for the preposition, then the clause before it for the trigger.
GAP_FRAMES: tuple[tuple[str, int, str, str], ...] = (
    (r"entered\s+into|signed|executed|concluded", 160, r"(?<!connection\s)(?<!accordance\s)(?<!compliance\s)(?<!together\s)with",
     "the counterparty of a signing verb ('entered into ... with X')"),
    (r"licen[cs]ed?|rights?|in-licensed|obtained|acquired|purchased|sublicensed?|option", 100, r"from",
     "the grantor or seller of a right or asset ('obtained exclusive rights from X', 'acquired ... from X')"),
    (r"rights?|licen[cs]es?|patents?|technolog(?:y|ies)|intellectual\s+property", 60, r"(?:controlled|owned|held|developed)\s+by",
     "the owner of in-licensed rights ('an exclusive license to intellectual property controlled by X')"),
    (r"sold|sells|transferred|assigned|divested", 100, r"to(?!\s+the\b)",
     "the buyer of a sale or assignment ('sold substantially all of its assets to X')"),
    (r"acquisition|acquired|acquire|purchased?|sold", 80, r"(?:interests?|shares|stock|assets|business|securities)\s+of(?!\s+(?:the|its|our)\b)",
     "the company whose shares or assets are bought ('acquired all of the share and debt interests of X')"),
)
_GAP_TRIGGERS = [(re.compile(rf"\b(?:{kw})\b[^.;\n]{{0,{gap}}}$"), gap) for kw, gap, _, _ in GAP_FRAMES]
_GAP_SLOTS = re.compile(r"\b(?:" + "|".join(f"(?P<g{i}>{prep})" for i, (_, _, prep, _) in enumerate(GAP_FRAMES))
                        + r")\s+(?=(?:the\s+)?(?:[A-Z]|[a-z]{1,2}[A-Z]))")
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
    name = re.sub(r"['\u2019]s?$", "", name)  # "transferred to Norrvik's site": the owner, without its possessive
    name = re.sub(r"^the\s+", "", name)
    return _TRAIL.sub("", name).strip(" ,")


# document words: a name holding one is an agreement's or a section's title, not an organization
_DOC_WORD = re.compile(r"\b(?:Agreements?|Amendment|(?:Sub)?[Ll]icen[cs]es?|Collaboration|Plan|Notes?|Warrants?|Shares|Stock|Act|Product|Products|Program)\b")


def _ok(name: str) -> bool:
    bare = re.sub(r"^[Tt]he\s+", "", name)
    return len(bare) >= 3 and not _NOT_NAME.match(bare) and not _DOC_WORD.search(bare) and not bare.isdigit()


# the subject of a grant or payment verb ("MedImmune granted us", "Ostrand (the "Licensee") will pay"): found
# from the verb back, so the text is scanned for the verbs only
_SUBJECT_VERB = re.compile(r"\s(?:granted|licensed|agreed\s+to\s+pay|paid|acquired|will\s+pay)\b")
_SUBJECT_BEFORE = re.compile(rf"(?:^|[.;]\s+|,\s+|\bwhich\s+|\bwhereby\s+|\bwhich,\s+)(?<!\w){_NAME}{_PAREN}$")


# every frame's trigger holds one of these (lower case): a paragraph without any has no frame to read
_DEAL_KEYS = ("agreement", "licens", "licenc", "collaborat", "acqui", "merge", "purchas", "grant", "right", "sold",
              "sell", "partner", "alliance", "arrangement", "deal", "settle", "venture", "contract", "between", "among",
              "signed", "entered", "executed", "concluded", "obtained", "option", "patent", "technolog", "intellectual",
              "transferred", "assigned", "divest", "paid", "pay")


_DEAL_KEY_RX = re.compile("|".join(_DEAL_KEYS))  # matched on the lower-cased text: literals, no re.I


def _deal_runs(text: str, model: DocModel) -> list[tuple[int, int]]:
    """Spans of consecutive paragraphs that hold a deal keyword (the frames read only these)."""
    runs: list[tuple[int, int]] = []
    low = text.lower()
    if len(low) == len(text):
        # offsets agree, and a paragraph lies between line breaks: a keyword (letters) found in it is a
        # keyword of the whole text, and each paragraph is searched only up to its first one
        held = [_DEAL_KEY_RX.search(low, s, e) is not None for s, e in model.paragraphs]
    else:  # a character whose lower case is longer ("\u0130"): the keywords' offsets of the lowered text, as ever
        hits = [m.start() for m in _DEAL_KEY_RX.finditer(low)]
        held = [bisect_left(hits, s) < len(hits) and hits[bisect_left(hits, s)] < e for s, e in model.paragraphs]
    for (s, e), hit in zip(model.paragraphs, held):
        if hit:
            if runs and runs[-1][1] >= s - 2:
                runs[-1] = (runs[-1][0], e)
            else:
                runs.append((s, e))
    return runs


def slot_names(text: str, model: DocModel) -> list[tuple[int, int, str]]:
    """Capitalized names in the party slots of deal frames and agreement headings."""
    out: list[tuple[int, int, str]] = []

    def keep(m: re.Match, group: str = "name") -> None:
        name = _clean(m.group(group))
        if _ok(name):
            s = text.find(name, m.start(group))
            s = m.start(group) if s < 0 else s
            out.append((s, s + len(name), name))

    runs = _deal_runs(text, model)
    for lo, hi in runs:
        pos = lo
        while True:
            m = _FRAMES_ONE.search(text, pos, hi)
            if m is None:
                break
            pos = m.start() + 1  # frames may overlap: the next search starts just after this one's start
            if model.in_zone(m.start()):
                continue
            keep(m, next(g for g in _NAME_GROUPS if m.group(g) is not None))
            if m.group(0).startswith(("between", "among")):
                second = _NAME_AT.match(text, m.end())  # the pattern ends at "and ": Y starts here
                if second:
                    keep(second)
    for lo, hi in runs:
        for a in _GAP_SLOTS.finditer(text, lo, hi):
            trigger, gap = _GAP_TRIGGERS[int(a.lastgroup[1:])]
            if trigger.search(text, max(0, a.start() - gap - 40), a.start()) and not model.in_zone(a.start()):
                m = _NAME_AT.match(text, a.end())
                if m:
                    keep(m)
    for lo, hi in runs:
        for v in _SUBJECT_VERB.finditer(text, lo, hi):
            m = _SUBJECT_BEFORE.search(text, max(0, v.start() - 200), v.start())
            if m and not model.in_zone(m.start()):
                keep(m)
    for h in model.headings:
        m = _HEAD_WITH.match(text, h.start, h.end) or _HEAD_LEAD.match(text, h.start, h.end)
        if m:
            keep(m)
    out.sort()
    return out
