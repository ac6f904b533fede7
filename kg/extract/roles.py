"""Licensor and licensee of an agreement (``lic:licensor``, ``lic:licensee``) from what a sentence says.

Two kinds of evidence, tried in order by :mod:`kg.extract.agreements`:

* grant phrases -- "X granted Y an exclusive license", "Y obtained from X a
  license", "provides Y with a license to X's platform", "X licensed ... to Y";
  a licensee alone from "Y holds/received an exclusive license";
* who pays whom, for a two-party licence whose roles no grant phrase gave:
  the payer ("X will pay") is the licensee, the payee ("payable to Y", "Y is
  eligible to receive") the licensor.

Organization mentions are first replaced by ``@n@`` markers (:func:`_mark`), so
the patterns read roles, not names.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.dates import event_year, find_dates
from kg.extract.organizations import OrgEntry
from kg.extract.terms import GRANT_WORD, Draft
from kg.facts import AgreementKind, AgreementStatus

if TYPE_CHECKING:  # for annotations only (kg.extract.drafts imports this module)
    from kg.extract.drafts import Builder

__all__ = ["OTHER_TITLE", "UNDER_LEAD", "grants", "payment_roles"]

K, S = AgreementKind, AgreementStatus

#: Titles of agreements that are not deals of their own kind (financing, voting, term sheets).
OTHER_TITLE = re.compile(r"stock\s+purchase|share\s+purchase|securities\s+purchase|equity\s+purchase|subscription|commitment\s+letter|voting|support|credit|loan|note\s+purchase|term\s+sheet", re.I)

_LICENCE_TITLED = re.compile(r"\blicen[cs]", re.I)
# a defined term or short description in parentheses right after a name
_AFTER_NAME_PAREN = re.compile(r"(@\d+@)\s*\([^()]{0,48}\)")
_GRANT_PATTERNS = [
    # a licence told before its grant, in a relative clause: "a license that X granted to Y"
    (re.compile(r"\b(?i:licen[cs]e|rights)\s+(?:that\s+|which\s+)?(?:the\s+)?(?P<a>@\d+@)\s+(?:had\s+|has\s+)?granted\s+(?:to\s+)?(?:the\s+)?(?P<b>@\d+@)"), "ab"),
    # "X grants/granted Y (an exclusive ...) license / rights": licensor X, licensee Y
    (re.compile(r"(?P<a>@\d+@)\s+(?:hereby\s+|has\s+|have\s+|had\s+|will\s+|also\s+)?(?:grants?|granted|provides?|provided|gives?|gave)\s+(?:to\s+)?(?:the\s+)?(?P<b>@\d+@)(?=[^.;]{0,120}\b(?i:licen[cs]\w*|rights?|access)\b)"), "ab"),
    # "... provides Y with a license to use X's platform", "gives Y the right to use X's technology": licensee Y, licensor owner X
    (re.compile(r"\b(?:provides?|gives?|grants?)\s+(?P<b>@\d+@)\s+(?:with\s+)?[^.;]{0,60}?\b(?:licen[cs]e|rights?|access)\b[^.;]{0,40}?(?P<a>@\d+@)['\u2019]"), "ab"),
    # passive: "Y was granted an exclusive license by X", "Y has been granted rights ... by X"
    (re.compile(r"(?P<b>@\d+@)\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:also\s+)?(?:granted|given|provided|licensed)\b[^.;]{0,120}?\bby\s+(?:the\s+)?(?P<a>@\d+@)"), "ab"),
    # the licensee holds rights the licensor controls: "we acquired the rights to an exclusive license to certain
    # intellectual property rights controlled by BIDMC", "Y has an exclusive license under patents owned by X"
    (re.compile(r"(?P<b>@\d+@)\s+(?:has|have|had|holds?|held|obtained|acquired|received|was\s+granted)\b[^.;]{0,80}?\b(?:licen[cs]e|rights?)\b"
                r"[^.;]{0,100}?\b(?:controlled|owned|held)\s+by\s+(?:the\s+)?(?P<a>@\d+@)"), "ab"),
    # the licensee's asset licensed from the licensor: "Wexford's principal technology is licensed from Ponsonby University"
    (re.compile(r"(?P<b>@\d+@)['\u2019]s?\s+(?:[\w-]+\s+){0,4}?(?:technolog(?:y|ies)|patents?|rights|platform|products?|compounds?|know-how|antibod(?:y|ies)|candidates?)"
                r"\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:exclusively\s+)?(?:licensed|in-licensed|sublicensed)\s+from\s+(?:the\s+)?(?P<a>@\d+@)"), "ab"),
    # the licensor's asset licensed out: "Hanbit's other partnered program, HB-203, is licensed in Korea to Daesong"
    (re.compile(r"(?P<a>@\d+@)['\u2019]s?\s+(?:[\w-]+\s+){0,4}?(?:programs?|products?|candidates?|technolog(?:y|ies)|rights|patents?|compounds?|antibod(?:y|ies)|assets?)\b"
                r"[^.;@]{0,60}?\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:exclusively\s+)?(?:licensed|sublicensed|out-licensed)\s+(?:[^.;@]{0,40}?\s)?to\s+(?:the\s+)?(?P<b>@\d+@)"), "ab"),
    # passive in-licensing: "the antibody was in-licensed by Y from X", "licensed to Y by X"
    (re.compile(r"\bin-licensed\s+by\s+(?:the\s+)?(?P<b>@\d+@)\s+from\s+(?:the\s+)?(?P<a>@\d+@)"), "ab"),
    (re.compile(r"\blicensed\s+to\s+(?:the\s+)?(?P<b>@\d+@)\s+by\s+(?:the\s+)?(?P<a>@\d+@)"), "ab"),
    # "Y obtained from X a license", "Y licensed X's ... from X"
    (re.compile(r"(?P<b>@\d+@)\s+(?:has\s+)?(?:obtained|obtains|licensed|in-licensed|acquired)\s+(?:[^.;]{0,80}?\s)?from\s+(?:the\s+)?(?P<a>@\d+@)"), "ab"),
    # "Y is licensing X' patents", "Y receives ... rights to X's technology"
    (re.compile(r"(?P<b>@\d+@)\s+(?:has\s+|have\s+)?(?:is\s+licensing|licenses|receives?|received|obtained|obtains|holds|held|has\s+taken|took|acquired|acquires|gains?|gained)\s+[^.;]{0,80}?(?P<a>@\d+@)['\u2019]s?\s+(?:[\w-]+\s+){0,4}?(?:patents?|technolog(?:y|ies)|rights|platform|portfolio|compounds?|products?|know-how|intellectual|genes?|traits?|antibod(?:y|ies)|programs?|assets?|molecules?|candidates?)"), "ab"),
    # "Y exercises (its) option to license X from Z", "Y to license X from Z"
    (re.compile(r"(?P<b>@\d+@)\s+[^.;]{0,40}?\bto\s+licen[cs]e\s+[^.;]{0,60}?\bfrom\s+(?:the\s+)?(?P<a>@\d+@)", re.I), "ab"),
    # "X licensed/licenses ... to Y"
    (re.compile(r"(?P<a>@\d+@)(?:,\s+(?:our|its|their|the|an?)\s+[^,;.@]{1,40},)?,?\s+(?:has\s+)?(?:licensed|out-licensed|sublicensed|licenses|licences|sublicenses|license|licence|sublicense)\s+[^.;]{0,160}?\bto\s+(?:the\s+)?(?P<b>@\d+@)"), "ab"),
]
# licensee alone: "Y holds/held/obtained/receives an exclusive license / rights", "Y was granted a license", "Y has exercised its option",
# "license agreement for Y to develop"
_LICENSEE_ONLY = re.compile(
    r"(?P<b>@\d+@)\s+(?:\([^)]*\)\s+)?(?:in\s+turn\s+|thereby\s+)?(?:has\s+|had\s+)?(?:holds|held|obtained|obtains|receives?|received|has\s+taken|took|acquired|exercised\s+its\s+option|(?:was|were|has\s+been|have\s+been|is|are)\s+granted)\b(?=[^.;]{0,80}\b(?:licen[cs]e(?!\s+(?:fee|payment))|rights?|option|develop))"
    r"|licen[cs]e\s+agreement\s+for\s+(?P<b2>@\d+@)\s+to\b"
    # an agentless passive grant: "the rights to HP-771 in Mexico were licensed to Teodor"
    r"|\b(?:was|were|is|are|has\s+been|have\s+been)\s+(?:exclusively\s+)?(?:licensed|sublicensed|granted)\s+(?:[^.;@]{0,40}?\s)?to\s+(?:the\s+)?(?P<b6>@\d+@)(?![^.;]{0,80}\bby\s+@)"
    # the agreement giving the grantee its rights: "... entered into a licensing agreement with X, giving X the right to develop"
    r"|\b(?:giving|granting|providing)\s+(?P<b5>@\d+@)\s+(?:an?\s+|the\s+)?[^.;]{0,60}?\b(?:licen[cs]e|rights?)\b"
    # the partner takes over the product in its territory: "Oshiro will be responsible for the development and
    # commercialization of CV-210 in Japan, and the Company retains all rights outside Japan"
    r"|(?P<b7>@\d+@)\s+(?:will\s+be|is|shall\s+be|becomes?)\s+(?:solely\s+)?responsible\s+for\s+(?:all\s+)?(?:the\s+)?(?:further\s+)?"
    r"development\s+and\s+commerciali[sz]ation\s+of\s+[^.;]{0,80}?\bin\s+(?!the\s+(?:field|United\s+States\s+and\s+the\s+rest))[^.;]{0,40}?,?\s+and\s+@\d+@\s+retains?\b"
    # the agreement as the grantor: "The SERI Agreement gives the Company an exclusive, worldwide license"
    r"|\b(?i:agreement|license|licence)\s+(?:also\s+)?(?:gives|grants|granted|gave|provides|provided)\s+(?P<b4>@\d+@)\s+(?:an?\s+|the\s+)?[^.;]{0,80}?\b(?:licen[cs]e|rights?)\b"
    r"|(?P<b3>@\d+@)\s+(?:now\s+|also\s+)?(?:has|have|had|hold|holds|retains?)\s+(?:an?\s+|the\s+)?"
    r"(?:(?:exclusive|non-?exclusive|co-exclusive|sole|worldwide|world-wide|perpetual|irrevocable|royalty-free|royalty-bearing"
    r"|fully[- ]paid(?:-up)?|paid-up|sublicensable|non-?transferable|limited|global),?\s+(?:and\s+)?){0,5}licen[cs]e\b(?!\s+(?:fee|payment))"
)


# a sentence framed by the agreement it is about ("Under the X Agreement, ...", "Pursuant to the terms of ...")
UNDER_LEAD = re.compile(r"\W*(?:Under|Pursuant(?:\s+and\s+subject)?\s+to|In\s+connection\s+with|As\s+part\s+of)\s+(?:the\s+terms\s+of\s+)?(?:the|this|each|our|its)\b", re.I)


_CROSS = re.compile(r"\bcross[- ]?licen[cs]|\beach\s+(?:party\s+)?grant(?:s|ed)\s+(?:to\s+)?the\s+other\b|\bgranted\s+(?:to\s+)?each\s+other\b", re.I)


def _mutual(marked: str, table: dict, licensor: "OrgEntry", licensee: "OrgEntry") -> bool:
    """A grant told both ways in one sentence ("X granted to us, and we granted to X, ... licenses"), or a
    cross-licence: roles abstain (lic:licensor / lic:licensee name one direction)."""
    if _CROSS.search(marked):
        return True
    for rx, _ in _GRANT_PATTERNS:
        for m in rx.finditer(marked):
            if table[int(m.group("a").strip("@"))] is licensee and table[int(m.group("b").strip("@"))] is licensor:
                return True
    return False


def grants(b: "Builder", doc: int, text: str, span: tuple[int, int], sent: str, orgs: list[OrgEntry], targets: list[Draft]) -> None:
    """Licensor and licensee from grant phrases; a grant with no agreement yet opens a licence."""
    if not GRANT_WORD.search(sent):
        return
    marked, table = _mark(b, text, span)
    marked = _AFTER_NAME_PAREN.sub(r"\1", marked)  # 'Calloway ("Calloway") granted to Brisk ("Brisk")': the frame reads through
    licensor = licensee = None
    for rx, _ in _GRANT_PATTERNS:
        m = rx.search(marked)
        if m:
            licensor, licensee = table[int(m.group("a").strip("@"))], table[int(m.group("b").strip("@"))]
            if licensor is not licensee:
                break
            licensor = licensee = None
    if licensee is None:
        m = _LICENSEE_ONLY.search(marked)
        if m:
            licensee = table[int((m.group("b") or m.group("b2") or m.group("b3") or m.group("b4") or m.group("b5") or m.group("b6") or m.group("b7")).strip("@"))]
    if licensee is None:
        return
    mutual = licensor is not None and _mutual(marked, table, licensor, licensee)
    if not targets:
        if not re.search(r"\blicen[cs]|\brights?\b", sent, re.I):
            return
        parties = [p for p in ([licensor] if licensor else []) + [licensee]]
        d = b.find(K.LICENSE, False, parties, S.NEW, None, False) or (
            b.current if b.current and licensee in b.current.parties and (licensor is None or licensor in b.current.parties)
            else None) or next(
            # "Daesan receives options to license ..." in the release of a collaboration/option deal
            # the 8-K already told: the rights are that deal's, not a second licence
            (x for x in reversed(b.drafts) if x.kind in (K.COLLABORATION, K.CO_DEVELOPMENT, K.OPTION)
             and licensee in x.parties and (licensor is None or licensor in x.parties)), None)
        if d is None and licensor is not None and b.current is not None:
            d = _other_licence(b, doc, text, span, sent, licensor, licensee)  # dated: told beside the deal of the text
        if d is None:
            if licensor is None:
                return
            dates = find_dates(sent)  # "On August 22, 2016, we out-licensed ... to X": the grant's date
            d = b.open(doc, text, span, K.LICENSE, False, S.NEW, parties, dates[0][2] if dates else None, False, None, None)
            if d is None:
                return
        targets.append(d)
    d = targets[0] if UNDER_LEAD.match(sent) else targets[-1]  # "Pursuant to the X Agreement, Y obtained ...": X's
    if _LICENCE_TITLED.search(d.label or d.title or "") and d.kind in (K.SETTLEMENT, K.ACQUISITION):
        pass  # a "Settlement and License Agreement": the licence is its own term, one agreement
    elif d.kind in (K.SETTLEMENT, K.ACQUISITION) or (d.kind == K.OTHER and not d.generic):
        # a grant told inside a settlement or purchase belongs to the licence between the same parties
        # ("As part of the settlement, Arden granted Belmont a non-exclusive licence": a licence of its own)
        lic = [x for x in b.drafts if x.kind == K.LICENSE and licensee in x.parties and (licensor is None or licensor in x.parties)]
        if lic:
            d = lic[-1]
        elif d.kind is K.ACQUISITION and licensor is not None and licensor in d.parties and licensee in d.parties:
            pass  # rights granted inside an asset purchase: the purchase's own roles (GOLD_SCHEMA licensor/licensee)
        elif licensor is not None and licensor in d.parties and licensee in d.parties:
            d = b.open(doc, text, span, K.LICENSE, False, d.status, [licensor, licensee], d.date, True, None, None)
            if d is None:
                return
        elif licensor is not None and (licensor in d.parties) != (licensee in d.parties):
            # "Wexford's technology is licensed from Ponsonby University" in the 8-K of Wexford's acquisition:
            # a licence between other parties, its own agreement
            d = _other_licence(b, doc, text, span, sent, licensor, licensee)
            if d is None:
                return
        else:
            return
    elif licensor is not None and len(d.parties) >= 2 and not (licensor in d.parties and licensee in d.parties) \
            and (licensor in d.parties or licensee in d.parties):
        # a licence between other parties told inside this deal's text ("In 2014, Calder licensed rights to
        # the antibody from Vantor Inc." in a release about Calder's new deal with Mesa): its own agreement
        d = _other_licence(b, doc, text, span, sent, licensor, licensee) or d
    if licensee not in d.parties and len(d.parties) >= 2 and d.doc != doc:
        return
    if not mutual:  # each side grants the other (a cross-licence): a licence, with no one direction to record
        d.licensee = d.licensee or licensee
        d.licensor = d.licensor or licensor
    if d.generic or d.kind == K.OTHER and not OTHER_TITLE.search(d.title or ""):
        if d.generic:
            d.kind, d.generic = K.LICENSE, False
    d.add_party(licensee)
    if licensor:
        d.add_party(licensor)
    if d.licensee is not None and d.licensor is None and len(d.parties) == 2:
        d.licensor = next(p for p in d.parties if p is not d.licensee)


def _other_licence(b: "Builder", doc: int, text: str, span: tuple[int, int], sent: str,
                   licensor: OrgEntry, licensee: OrgEntry) -> Draft | None:
    """The licence between ``licensor`` and ``licensee`` a sentence tells beside another deal: found, or
    opened with the sentence's date, referenced when that date is before the document's."""
    found = [x for x in b.drafts if {id(licensor), id(licensee)} <= {id(p) for p in x.parties}]
    if found:
        return found[-1]
    dates = find_dates(sent)
    date = dates[0][2] if dates else None
    if date is None:
        date = event_year(sent, since=True)  # "the licence X granted to Y since 2011"
    if date is None:
        return None  # an undated grant: the deal the sentence is about
    ref_date = b.doc_date or (b.current.date if b.current is not None else None)
    status = S.REFERENCED if date and ref_date and date < ref_date[:len(date)] else S.NEW
    return b.open(doc, text, span, K.LICENSE, False, status, [licensor, licensee], date, True, None, None)


def _mark(b: "Builder", text: str, span: tuple[int, int]) -> tuple[str, dict[int, OrgEntry]]:
    """The sentence with each organization mention replaced by @n@ (n indexes the returned table)."""
    s0, e0 = span
    out, table, pos = [], {}, s0
    ids: dict[int, int] = {}
    for ms, me, org in b.index.mentions(text, s0, e0):
        if ms < pos:
            continue
        n = ids.setdefault(id(org), len(ids))
        table[n] = org
        out.append(text[pos:ms])
        out.append(f"@{n}@")
        pos = me
    out.append(text[pos:e0])
    marked = " ".join("".join(out).split())
    # "X (Nasdaq: X) today announced that it has in-licensed ...": "it" is X
    marked = re.sub(r"(@\d+@)([^@.;]{0,80}?\b(?:announced|said|reported|disclosed|confirmed)\s+(?:today\s+)?that\s+)(?:it|they)\b",
                    r"\1\2\1", marked)
    if b.filer is not None:
        n = ids.setdefault(id(b.filer), len(ids))
        table[n] = b.filer
        marked = re.sub(r"\b(?:we|We|WE|us)\b", f"@{n}@", marked)  # layer 3: first person is the filer
        if b.index.resolve("the Company") in (None, b.filer):
            marked = re.sub(r"\b(?i:the\s+(?:company|registrant))\b", f"@{n}@", marked)
    return marked, table


# who pays whom in a sentence: "X will pay Y", "a payment to Y", "Y will receive / is eligible to receive"
# (payment direction, layer 6): "X will pay", "we made an upfront payment", "X is obligated to make", "X became
# obligated to pay"; "payable to Y", "Y received", "Y is eligible to receive", "Y will be entitled to earn"
_AUX = (r"(?:to\s+|will\s+|shall\s+|has\s+|have\s+|had\s+|agreed\s+to\s+|also\s+|(?:is|are|was|were|be|been|became|become|remains?)\s+"
        r"(?:also\s+)?(?:obligated|required|eligible|entitled)\s+to\s+|may\s+|can\s+|could\s+|would\s+|be\s+)*")
# a payment verb counts only with money or a payment word in its object ("received exclusive rights" is a grant)
_MONEY_AHEAD = r"(?=[^.;]{0,80}?(?:[$\u20ac\u00a3\u00a5]|\b(?:payments?|fees?|royalt(?:y|ies)|milestones?|upfront|up-front|million|billion|consideration|amounts?|USD|EUR|GBP|JPY|CHF)\b))"
_PAYER = re.compile(rf"(?P<p>@\d+@)\s+{_AUX}(?:pay|pays|paid|make|makes|made|owe|owes|reimburse[sd]?|fund(?:s|ed)?)\b{_MONEY_AHEAD}")
_PAYEE = re.compile(rf"\b(?:payments?|fees?|royalt(?:y|ies))\s+(?:payable\s+|paid\s+|due\s+)?to\s+(?P<r>@\d+@)"
                    rf"|\bpay(?:s|ing)?\s+(?:the\s+)?(?P<r3>@\d+@){_MONEY_AHEAD}"
                    rf"|(?P<r2>@\d+@)\s+{_AUX}(?:receive|receives|received|earn|earns|earned|collect(?:s|ed)?)\b{_MONEY_AHEAD}")


def _licence_bearing(d: Draft) -> bool:
    """A deal whose payments say who licenses whom (issue: payment direction decides roles for every
    licence-bearing kind): a licence or an option, or a collaboration / co-development whose name
    or payments show a licence (a "collaboration and license agreement", royalties)."""
    if d.kind in (K.LICENSE, K.OPTION):
        return True
    if d.kind not in (K.COLLABORATION, K.CO_DEVELOPMENT):
        return False
    named = " ".join([d.label or "", d.title or ""] + sorted(d.terms))
    return bool(re.search(r"licen[cs]", named, re.I)) or any(p.kind.value == "royalty" for p, _ in d.payments)


def payment_roles(b: "Builder", d: Draft, text: str, span: tuple[int, int]) -> None:
    """In a licence (or an option to one) with unknown roles, the party that pays is the licensee and
    the one paid the licensor."""
    if (d.licensor and d.licensee) or len(d.parties) < 2 or not _licence_bearing(d):
        return
    marked, table = _mark(b, text, span)
    m = _PAYER.search(marked)
    payer = table[int(m.group("p").strip("@"))] if m else None
    m = _PAYEE.search(marked)
    payee = table[int((m.group("r") or m.group("r2") or m.group("r3")).strip("@"))] if m else None
    if len(d.parties) > 2:  # several parties: only a payer and a payee both named decide
        if payer in d.parties and payee in d.parties and payer is not payee:
            d.licensee, d.licensor = d.licensee or payer, d.licensor or payee
        return
    if payer in d.parties and payer is not payee:
        d.licensee = payer
    elif payee in d.parties:
        d.licensor = payee
    else:
        return
    other = [p for p in d.parties if p is not (d.licensee or d.licensor)]
    if d.licensee is None:
        d.licensee = other[0]
    elif d.licensor is None:
        d.licensor = other[0]
