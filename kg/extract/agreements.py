"""Agreements a filing describes (``lic:Agreement``): kind, status, parties, roles, terms, payments.

Sentence by sentence, in document order: a deal noun phrase introduced by a
deal verb ("entered into a Settlement Agreement with", "Under a license
agreement,", "announced a second collaboration") opens or re-finds an
agreement; a defined term ("the License Agreement") or "the agreement"
refers back to one; grant phrases give licensor and licensee ("X granted Y
exclusive worldwide rights", "Y obtained from X a license", "provides Y with
a license to X's technology"; the rules are in :mod:`kg.extract.roles`).  Everything a sentence says (exclusivity,
territory, subject, products, term, renewal, option, payments) goes to the
agreement it is about.  Mentions of the same deal -- the 8-K body and its
press release -- merge by kind and party set (the clustering is
:mod:`kg.extract.drafts`); a deal needs two organizations.
Boilerplate (forward-looking statements, "About" sections) and exhibit
cross-references ("is incorporated herein by reference") are not read.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kg.extract import lexicon as L
from kg.extract.dates import MONTHS, event_year, find_dates
from kg.extract.docmodel import boilerplate_zones, build_docmodel
from kg.extract.frames import verbal_frames
from kg.extract.money import hint_at, scale_hints
from kg.extract.organizations import OrgEntry, OrgIndex
from kg.extract.roles import UNDER_LEAD as _UNDER_LEAD, OTHER_TITLE as _OTHER_TITLE, grants as _grants, payment_roles as _payment_roles
from kg.extract.sentences import make_evidence
from kg.extract.drafts import KIND_FAMILY, Builder, latest
from kg.extract.assembly import (attach_payments, finish, funded_price, later_event_status, merge_exercised_options,
                                 option_exercise_told, table_drafts, untied_payments_belong)
from kg.extract.status import AMENDED, NOT_TERMINATED, TERMINATED, TERMINATES_BEFORE, month_index, told_before
from kg.extract.terms import OPTION_EXERCISED, Draft, licensor_technology, read_terms
from kg.facts import Agreement, AgreementKind, AgreementStatus

__all__ = ["extract_agreements", "boilerplate_zones", "NOT_DEAL"]

K, S = AgreementKind, AgreementStatus
# deal nouns -> kind (lexicon.KIND_CUES), most specific first
_KIND_CUES = [(re.compile(p, re.I), K(k)) for p, k in L.KIND_CUES]
# nouns that name a deal in 8-Ks, 10-K notes and releases
_DEAL_NOUN = (
    r"agreement|agreements|collaboration|alliance|partnership|memorandum\s+of\s+understanding|license|licence"
    r"|settlement|joint\s+venture|commitment\s+letter|term\s+sheet"
)
# a modifier word inside a deal noun phrase: not an article, verb or preposition that would join two phrases
_MOD = r"(?!(?:an?|the|is|are|was|were|will|would|has|have|had|to|with|by|for|from|under|that|which|its|their|into|between|on|in|as)\b)[\w\-\u2019',]+"
# "a/an/the ... <deal noun>" with up to seven modifiers ("a Non-Exclusive License and Material Transfer Agreement")
_PHRASE = re.compile(
    rf"\b(?P<art>an?|the|its|their|this|our|two|three|second|third|new|several)\s+(?P<mods>(?:{_MOD}\s+){{0,8}}?)(?P<noun>{_DEAL_NOUN})\b"
    rf"|\b(?P<hverb>Form|Forms|Sign|Signs|Enter|Enters|Announce|Announces)\s+(?P<hmods>(?:[\w\-]+\s+){{0,6}}?)(?P<hnoun>Collaboration|Agreement|Alliance|Partnership|License)\b"
    r"|(?P<merger>Agreement\s+and\s+Plan\s+of\s+(?:Merger|Reorganization)|Plan\s+of\s+Merger)"
    r"|(?P<optx>[Ee]xercis(?:ed|es|e)\s+(?:its|an|the|their)?\s*[Oo]ption)",
    re.I,
)
# a word every _PHRASE match contains (a deal noun, "plan of", "option"): sentences without one are not scanned
_PHRASE_WORD = re.compile(
    r"agreement|collaboration|alliance|partnership|memorandum|licen[cs]e|settlement|joint|commitment|term\s+sheet"
    r"|plan\s+of|option",
    re.I,
)
# verbs and frames that introduce a (new or re-told) agreement rather than refer to one
_INTRO = re.compile(
    r"\b(?:enter(?:ed|s)?\s+into|sign(?:ed|s)?|execut(?:ed|es)|announc(?:ed|es)|form(?:ed|s)?|conclud(?:ed|es)|reach(?:ed|es)"
    r"|agreed\s+(?:on|to)|obtain(?:ed|s)|(?:has|have)\s+taken|took|under|pursuant\s+to|today\s+said|establish(?:ed|es))\b",
    re.I,
)
# a signing verb that introduces a definite agreement with its counterparty ("entered into the X Agreement with Y")
_INTRO_WITH = re.compile(r"\b(?:enter(?:ed|s)?\s+into|sign(?:ed|s)?|execut(?:ed|es)|conclud(?:ed|es))\s+$", re.I)
# the defined term of an agreement just named: '(the "License Agreement")', or in prospectus style without
# quotes, ', or the BlueRock Agreement,' / ', which we refer to as the Kestrel Agreement'
_TERM_AFTER = re.compile(
    r"\s*\(\s*(?:the\s+|each,?\s+an?\s+)?[\"'\u201c\u201d]+(?P<t>[^\"'\u201c\u201d]{2,60})[\"'\u201c\u201d]"
    r"|\s*,\s*(?:or|which\s+we\s+refer\s+to\s+as|referred\s+to\s+as|hereinafter)\s+(?:the\s+)?[\"\u201c]?"
    r"(?P<t2>(?:[A-Z][\w&'\u2019-]*\s+){1,4}(?:Agreements?|Collaboration|License|Licence|Option|Amendment))\b")
_WITH_NAME = re.compile(r"(?:\s*,?\s*(?P<dated>dated\s+(?:as\s+of\s+)?[A-Z][a-z]+\.?\s+\d{1,2},?\s+(?:19|20)\d\d)(?:\s*\([^()]{0,80}\))?\s*,?)?"
                        r"\s+with\s+(?:the\s+)?")
# "with X" after a definite agreement, maybe past its defined term: 'the original license agreement ("BWH-Purpose Agreement") with'
_WITH_AFTER = re.compile(r"\s+(?:\(\s*(?:the\s+)?[\"\u201c][^()]{1,60}\)\s+)?with\s")
_AGREEMENT_TAIL = re.compile(r"(?:\s+(?:and\s+|&\s+)?[A-Za-z\-]+){0,5}?\s+[Aa]greements?\b")
# verbs by which a party takes a licence that is itself the deal ("has taken a non-exclusive license")
_TAKE = re.compile(r"\b(?:obtain(?:ed|s)?|(?:has|have)\s+taken|took|receiv(?:ed|es)|acquir(?:ed|es)|enter(?:ed|s)\s+into|sign(?:ed|s)|in-licensed)\b", re.I)
# agreements that are not deals (GOLD_SCHEMA "What counts as a deal"): with individuals (employment,
# severance, an executive's separation, retention, consulting, indemnification of officers); capital-markets
# and banking (underwriting, placement, sales agents, credit and loan facilities, notes, indentures,
# guaranties, commitment letters, sale-leasebacks); stockholders (voting, support, standstill, nomination,
# registration rights, repurchases); and leases, confidentiality, escrow.  A spin-off's separation and
# distribution agreement and its ancillary agreements (transition services, tax, employee matters) are deals.
NOT_DEAL = _NOT_DEAL = re.compile(
    r"employment|severance|separation(?!\s+and\s+distribution)|retention|consulting|indemnif|underwriting|sublease|lease\b"
    r"|registration\s+rights|investor\s+rights|confidentiality|non-?disclosure|escrow|purchase\s+and\s+sale\s+of\s+(?:real|property)"
    r"|(?<!purchase\sand\s)(?<!asset\s)(?<!business\s)sales\s+agreement|equity\s+distribution|at[- ]the[- ]market|open\s+market\s+sale|placement\s+agency|dealer[- ]manager"
    r"|indenture|warrant\s+agreement|rights\s+agreement|tax\s+benefits\s+preservation"
    r"|credit\s+(?:agreement|facility)|loan\s+(?:and\s+security\s+)?agreement|term\s+loan|revolving|guarant(?:y|ee)\s+agreement"
    r"|note\s+purchase|commitment\s+letter|bridge\s+(?:facility|loan)|sale[- ]leaseback"
    r"|voting\s+agreement|support\s+agreement|standstill|nomination\s+agreement|repurchase"
    r"|debenture|terms\s+agreement|bonus|award\s+agreement|offer\s+letter|compensation|incentive|change[- ]in[- ]control|change[- ]of[- ]control"
    # plans and charters are no agreements between companies
    r"|(?:option|incentive|purchase|savings|pension|retirement|deferral|equity)\s+plan\b|certificate\s+of\s+(?:incorporation|designations?)"
    r"|by-?laws|articles\s+of\s+(?:incorporation|association)",
    re.I,
)
# an agreement whose stated purpose is a stockholder transaction ("an agreement with X to repurchase shares")
_NOT_DEAL_PURPOSE = re.compile(
    r"[^.;]{0,100}?\b(?:to\s+repurchase|for\s+the\s+repurchase\s+of)\b"
    # a financing: securities offered or sold through purchasers, underwriters or agents, or warrants sold with
    # shares (the window runs over abbreviation periods: "by and among Citigroup Global Markets Inc. and ...")
    r"|[^;]{0,240}?\b(?:initial\s+purchasers?|underwriters?|placement\s+agents?|sales\s+agents?|bookrunners?|arrangers?"
    r"|administrative\s+agent|syndication\s+agent|lenders\s+party)\b"
    r"|[^;]{0,240}?\bto\s+(?:offer|issue|sell|purchase)\b[^;]{0,240}?\b(?:debentures|notes\s+due|senior\s+notes|convertible\s+notes|bonds|warrants)\b",
    re.I)
# explicit non-licensing kinds that stay "other" (stock purchases, financing letters, voting agreements)
# modifiers that leave an agreement's kind unstated ("a definitive agreement", "a strategic agreement")
_GENERIC = re.compile(r"^(?:strategic\s+|definitive\s+|multi-year\s+|broad\s+|separate\s+|new\s+|the\s+)*$", re.I)
# agreements described as earlier ones ("a separate, previously announced, agreement")
_REFERENCED = re.compile(r"previously\s+(?:announced|disclosed|reported|entered)|\bexisting\b|\bprior\b|\bearlier\b|\boriginal\b", re.I)
# the same, said of a deal told by its verb: "previously announced" anywhere, "existing" only of a deal word
# ("the Company's existing computer system" says nothing of the acquisition told beside it)
_REFERENCED_DEAL = re.compile(r"previously\s+(?:announced|disclosed|reported|entered)|\b(?:existing|prior|earlier|original)\s+"
                              r"(?:[\w-]+\s+){0,2}?(?:agreements?|collaboration|licen[cs]e|transaction|acquisition|merger|deal|arrangement)\b", re.I)
# "the Option and License Agreement that Larkspur and Obsidian entered into in October 2020", "the Company's
# license agreement with Kiyotaka Electric Co., Ltd. entered into in August 1995": a definite agreement
# told with its own signing (an earlier agreement when that date is before the document's)
_ENTERED_WHEN = re.compile(
    r"\s*,?\s*(?:that|which|with)\s+(?:[\w&.,'\u2019-]+\s+){0,8}?(?:entered\s+into|signed|executed|concluded)\s+(?:in|on)\s+"
    r"(?:[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?)?(?:19|20)\d\d\b")
# agreements still to be made: "a separate supply agreement to be concluded", "will negotiate a supply agreement"
_FUTURE_AFTER = re.compile(
    r"\s*,?\s*(?:which\s+is\s+|that\s+is\s+)?(?:yet\s+)?to\s+be\s+(?:concluded|negotiated|entered\s+into|agreed(?:\s+upon)?|signed|executed|finali[sz]ed)\b",
    re.I)
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|would|intends?\s+to|expects?\s+to|plans?\s+to|agreed\s+to)\s+(?:negotiate|enter\s+into|conclude|execute)\s+(?:in\s+good\s+faith\s+)?\S+\s+(?:\S+\s+){0,3}$",
    re.I)
# acquisitions told with a generic noun: "a definitive agreement under which X will acquire Y"
_ACQUIRE = re.compile(r"\b(?:will|to|would|agreed\s+to)\s+(?:acquire|merge\s+with|purchase\s+all)\b|\bacquisition\s+of\b|\bmerger\s+of\b|\bwill\s+be\s+acquired\b", re.I)
# joint development wording that makes a collaboration a co-development
_JOINT = re.compile(r"\bjointly\s+develop|\bco-?develop", re.I)
# "to develop and commercialize X" with a generic agreement noun: a collaboration
_DEV_COMM = re.compile(r"\bto\s+(?:jointly\s+)?(?:co-)?develop\s+and\s+(?:co-)?(?:commerciali[sz]e|promote|market)\b", re.I)
# references to the parties already named ("the two companies", "the parties")
_GROUP_REF = re.compile(r"\b(?:the\s+two\s+companies|both\s+companies|the\s+parties|the\s+companies|each\s+other|they)\b", re.I)
# exhibit cross-references that restate a deal in other words (not read)
_EXHIBIT_REF = re.compile(r"incorporated\s+(?:herein\s+)?by\s+reference|(?:filed|attached|furnished)\s+(?:herewith\s+)?as\s+(?:an\s+)?Exhibit|press\s+release\s+announcing|copy\s+of\s+the\s+(?:joint\s+)?press\s+release", re.I)
# summary sentences restating other payments ("In total, Lilly has committed more than $200 million")
# list items "(i)", "(a)", "-", "1." continuing a sentence that ended with ":"
_LIST_ITEM = re.compile(r"^\s*(?:\((?:[ivx]+|[a-z]|\d+)\)|[-\u2022*\u25cf]|\d+\.|[a-z]\.)\s")
_SUMMARY = re.compile(r"^\W*(?:In\s+total|Taken\s+together|Together\s+with|In\s+(?:the\s+)?aggregate|Collectively|Overall|Altogether)\b", re.I)
# "On May 4," without a year (quotes in releases): the year comes from the document date
_ON_DATE_NOYEAR = re.compile(rf"\b[Oo]n\s+(?P<mon>{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?\s+(?P<day>\d{{1,2}})(?!\d|,?\s*(?:19|20)\d\d)", re.I)
# "on the same date", "concurrently": the date of the agreement just described
_SAME_DATE = re.compile(r"\bon\s+the\s+same\s+(?:date|day)\b|\bconcurrently\b|\bsimultaneously\b", re.I)
# "today announced" in releases: the release date
_TODAY = re.compile(r"\btoday\b", re.I)
# "dated (as of)" before a date: the agreement's own date
_PERIOD_END = re.compile(r"\b(?:period|year|quarter|months?)\s+(?:ended|ending)\s+$", re.I)
_DATED = re.compile(r"\bdated\s+(?:as\s+of\s+)?$", re.I)
# "two collaboration and license agreements": the number of agreements a plural deal phrase tells
_COUNT = {"two": 2, "three": 3}
# a sentence that states a condition first: what it tells may happen, it is not reported as done
_HYPOTHETICAL_LEAD = re.compile(r"^\W*(?:If|Should|In\s+the\s+event|Unless|Upon\s+(?:the\s+)?(?:option\s+)?exercise)\b", re.I)
# a deal word used as a modifier of another noun ("a collaboration program", "a license fee", "a license term")
_NOUN_AS_MODIFIER = re.compile(
    r"\s+(?:programs?|partners?|committees?|revenues?|terms?|periods?|activities|efforts|plans?|targets?|fees?|payments?"
    r"|income|obligations?|costs?|expenses?|milestones?|territory|field|products?|compounds?)\b", re.I)
# a clause that states a condition: what follows may happen, it is not reported as done
_CONDITIONAL = re.compile(r"\b(?:if|should|in\s+the\s+event|unless|until|whether)\b[^;:]{0,80}$", re.I)


def _kind_of(phrase: str) -> tuple[AgreementKind, bool]:
    """Kind named first in a deal phrase ("collaboration and license agreement" -> collaboration); generic?"""
    if _OTHER_TITLE.search(phrase) and not re.search(r"\boption\s+agreement", phrase, re.I):
        return K.OTHER, False  # a "Stock Purchase Option Agreement" is an option deal
    best = None
    for rx, kind in _KIND_CUES:
        m = rx.search(phrase)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind)
    if best:
        return best[1], False
    return K.OTHER, True


def _date_in(sent: str, doc_date: str | None) -> tuple[str | None, str | None]:
    """(event date, "dated" date) stated in a sentence."""
    on, dated = None, None
    for s, e, iso in find_dates(sent):
        if _PERIOD_END.search(sent[max(0, s - 30):s]):
            continue  # "revenues for the twelve month period ended June 30, 1996": a period, no deal's date
        if _DATED.search(sent[max(0, s - 20):s]):
            dated = dated or iso
        elif on is None:
            on = iso
    if on is None:
        m = _ON_DATE_NOYEAR.search(sent)
        if m and doc_date:
            on = f"{doc_date[:4]}-{MONTHS[m.group('mon').lower()]:02d}-{int(m.group('day')):02d}"
    if on is None and _TODAY.search(sent) and doc_date:
        on = doc_date
    if on is None and dated is None:
        on = event_year(sent)  # "In 2015, we in-licensed ...": the year alone (GOLD_SCHEMA dates: YYYY)
    return on, dated


def extract_agreements(texts: list[str | None], index: OrgIndex, filer: OrgEntry | None, doc_date: str | None,
                       fiscal_year: int | None = None, registration: bool = False) -> list[Agreement]:
    """Agreements of a filing's narrative documents (``None`` for documents not to read, e.g. contracts).

    ``fiscal_year``: the filing is a periodic report (10-K, 10-Q, 20-F) of that year; ``registration``:
    a registration statement (S-1, F-1), whose deals all exist already.
    """
    b = Builder(index, filer, doc_date, fiscal_year, registration)
    for doc, text in enumerate(texts):
        if not text:
            continue
        b.current = None
        b.last_si = -99
        model = build_docmodel(text)
        b.paragraphs = model.paragraphs
        hints = scale_hints(text)
        prev_orgs: list[OrgEntry] = []
        section = None
        for si, (s, e) in enumerate(model.sentences):
            if model.in_zone(s):
                continue
            sec = model.section_at(s)
            if sec is not section:
                section = sec
                _enter_section(b, text, sec)
            sent = text[s:e]
            if _EXHIBIT_REF.search(sent) or _SUMMARY.match(sent):
                _filed_before(b, sent)
                continue
            orgs = b.orgs_in(text, s, e)
            _read_sentence(b, doc, text, (s, e), sent, orgs, prev_orgs, hint_at(hints, s), si)
            if orgs:
                prev_orgs = orgs
        table_drafts(b, doc, text, model, hints)
    merge_exercised_options(b)
    return [finish(x, b) for d in b.drafts for x in [d] + [replace(d, payments=[]) for _ in range(d.copies - 1)]]


def _filed_before(b: Builder, sent: str) -> None:
    """An exhibit sentence read for one fact only: the agreement it names was filed with an earlier report."""
    d = b.by_term(sent) or (b.current if re.search(r"\bthe\s+(?:[\w-]+\s+){0,4}agreement\b", sent, re.I) else None)
    if d is not None and told_before(sent, None, b.doc_date, find_dates):
        d.told_before = True


# a heading that titles one agreement ("Genentech Agreement", "License Agreement with Regeneron")
_DEAL_HEADING = re.compile(r"\b(?:Agreements?|Collaborations?|Licen[cs]es?|Partnerships?|Alliances?|Acquisitions?|Settlements?|Option)\b")


def _enter_section(b: Builder, text: str, sec) -> None:
    """Layer 5 (assembly) at a section boundary: a heading that titles an agreement starts a new deal
    context -- the deal just told is no longer "current", so payments and roles of the new section do
    not attach to it -- and the organizations its heading names (other than the filer) are the
    section's counterparties ("Halden Agreement" ... "the Company entered into an agreement")."""
    b.section_orgs = []
    b.section_kind = None
    if sec.heading is None or not _DEAL_HEADING.search(sec.heading.text):
        return
    kind, generic = _kind_of(sec.heading.text)
    # only a heading that titles an agreement names its kind (not a release headline's "Second Collaboration")
    b.section_kind = None if generic or not re.search(r"\bAgreements?\b", sec.heading.text) else kind
    b.current = None
    b.last_si = -99
    b.section_orgs = [o for _, _, o in b.index.mentions(text, sec.heading.start, sec.heading.end) if o is not b.filer]


def _read_sentence(b: Builder, doc: int, text: str, span: tuple[int, int], sent: str, orgs: list[OrgEntry],
                   prev_orgs: list[OrgEntry], hint: int | None, si: int) -> None:
    # the sentence's dates are read only for a deal phrase that gets that far (most sentences have none)
    same_date = b.current.date if _SAME_DATE.search(sent) and b.current else None
    when: list[tuple[str | None, str | None]] = []
    group = bool(_GROUP_REF.search(sent))
    targets: list[Draft] = []
    opened = False
    not_deal = False  # the sentence tells an agreement that is no deal (a financing, a stockholder agreement)
    ref = b.by_term(sent)
    for m in (_PHRASE.finditer(sent) if _PHRASE_WORD.search(sent) else ()):
        ext, end = None, m.end()
        if m.group("merger"):
            phrase, kind, generic, art = m.group(0), K.ACQUISITION, False, "a"
        elif m.group("optx"):
            if _CONDITIONAL.search(sent[:m.start()]):
                continue  # "If Spark exercises an option ...": a term of the deal, not an exercise
            if ref is not None or (b.current is not None and b.current.doc == doc and OPTION_EXERCISED.search(sent) is None):
                continue
            held = next((d for d in reversed(b.drafts) if d.kind is K.OPTION and any(
                o in d.parties for o in orgs if o is not b.filer)), None)
            if held is not None:  # the option an option agreement with the same counterparty gave
                if held not in targets:
                    targets.append(held)
                continue
            phrase, kind, generic, art = "option", K.LICENSE, False, "a"
        elif m.group("hverb"):
            if _HYPOTHETICAL_LEAD.match(sent) or _CONDITIONAL.search(sent[:m.start()]):
                continue  # "If X exercises its option, the parties shall enter into a license": not a deal
            phrase = m.group("hmods") + m.group("hnoun")
            kind, generic = _kind_of(phrase)
            art = "a"
        else:
            phrase = (m.group("mods") or "") + m.group("noun")
            ext = _AGREEMENT_TAIL.match(sent, m.end()) if not m.group("noun").lower().startswith("agreement") else None
            end = m.end()
            if ext:
                phrase += ext.group(0)  # "a separate license agreement", "a license and option agreement"
                end = ext.end()
            art = m.group("art").lower()
            mods = m.group("mods") or ""
            introduced = art == "the" and ref is None and _INTRO_WITH.search(sent[:m.start()]) \
                and _WITH_AFTER.match(sent, end)  # "The Company entered into the Covaxin Agreement with X"
            if art in ("the", "this", "its", "their", "our") and not introduced \
                    and not re.search(r"^\s*(?:dated|between|by\s+and|\(\s*the\s+[\"\u201c])", sent[end:end + 20]) \
                    and not _ENTERED_WHEN.match(sent, end):
                kind, generic = _kind_of(phrase)
                w = _WITH_NAME.match(sent, end)  # "its 2009 license agreement with the Lindqvist Institute"
                event = (S.TERMINATED if TERMINATES_BEFORE.search(sent[max(0, m.start() - 60):m.start()])
                         else S.AMENDED if AMENDED.search(sent[max(0, m.start() - 60):m.end()]) else S.REFERENCED)
                d = ref or _named_deal(b, doc, text, span, m.start("mods"), end, kind, generic) \
                    or (_named_deal(b, doc, text, span, w.end(), w.end() + 80, kind, generic, first=True, status=event,
                                    dated=w.group("dated")) if w else None) \
                    or (None if generic else latest(b, kind)) or b.current
                if d is not None and d not in targets:
                    targets.append(d)
                continue
            if art not in ("the", "this", "its", "their", "our") and (
                    _CONDITIONAL.search(sent[:m.start()]) or _HYPOTHETICAL_LEAD.match(sent) or _ANY_ACTOR.search(sent)):
                continue  # "If X exercises its option, the parties shall enter into a license": a possibility, not a deal
            if not ext and _NOUN_AS_MODIFIER.match(sent, end):
                continue  # "a research plan for a collaboration program": the deal word names something else
            if m.group("noun").lower() in ("license", "licence") and not ext and (
                    ref is not None or opened or not _TAKE.search(sent[:m.start()])):
                # "grants AbbVie a license to X" under an agreement, or in the clause of the agreement this
                # sentence just opened ("entered into a Trademark License Agreement, pursuant to which we
                # granted X a license"): read by the grant rules
                continue
            if m.group("noun").lower() in ("license", "licence") and not ext:
                # "Daesan receives options to license ...": a licence taken under a collaboration or
                # option deal between the same parties is that deal's, not a second agreement
                host = next((x for x in reversed(b.drafts) if x.kind in (K.COLLABORATION, K.CO_DEVELOPMENT, K.OPTION)
                             and len(orgs) >= 2 and all(o in x.parties for o in orgs)), None)
                if host is not None:
                    if host not in targets:
                        targets.append(host)
                    continue
            if m.group("noun").lower() == "agreements" and art not in ("several", "two", "three", "the"):
                continue
            kind, generic = _kind_of(phrase)
            if generic and not _GENERIC.match(mods.replace(",", " ")):
                if re.search(r"\b(?:the|this)\b", art) and b.current is not None:
                    targets.append(b.current)
                    continue
        if _NOT_DEAL.search(phrase) or _NOT_DEAL_PURPOSE.match(sent, end) \
                or (_FINANCING_WORDS.search(sent) and _kind_of(phrase)[0] is K.OTHER):  # "(ii) a Security Agreement" of a credit facility
            not_deal = True  # its amounts are the financing's, not the current deal's
            continue
        item = b.list_open and bool(_LIST_ITEM.match(sent)) and b.current is not None
        if not (item or _INTRO.search(sent[:m.start()]) or m.group("hverb") or m.group("merger") or m.group("optx") or art in ("the",)):
            continue
        if not when:
            on, dated = _date_in(sent, b.doc_date)
            when.append((on or same_date, dated))
        on, dated = when[0]
        if kind == K.OTHER and re.search(r"(?:share|stock)\s+purchase|\bsale\s+agreement", phrase, re.I) and any(
                h.kind is K.ACQUISITION for h in verbal_frames(sent)):
            kind, generic = K.ACQUISITION, False  # "acquired all of the outstanding stock of X pursuant to a Share Purchase Agreement"
        elif generic and _ACQUIRE.search(sent[m.start():]):
            kind, generic = K.ACQUISITION, False  # "a definitive agreement under which X will acquire Y"
        elif generic and _DEV_COMM.search(sent):
            kind, generic = (K.CO_DEVELOPMENT if _JOINT.search(sent) else K.COLLABORATION), False
        elif generic and b.section_kind is not None:
            kind, generic = b.section_kind, False  # a section titled "Co-Development ... Agreement with X" names its kind
        elif kind == K.COLLABORATION and _JOINT.search(sent[m.start():]):
            kind = K.CO_DEVELOPMENT
        status = S.NEW
        recent_news = False
        if _REFERENCED.search(phrase) or (re.search(r"\bannounced\b", sent[:m.start()]) and on and b.doc_date and on < b.doc_date):
            status = S.REFERENCED
            recent_news = not _REFERENCED.search(phrase) and month_index(b.doc_date) - month_index(on) < 1
        elif _ENTERED_WHEN.match(sent, end) and on and (b.doc_date or (b.current.date if b.current else None) or "")[:7] > on[:7]:
            # "the Option Agreement that X and Y entered into in October 2020": before the document (or,
            # undated documents, before the deal just told)
            status = S.REFERENCED
        elif _FUTURE_AFTER.match(sent, end) or _FUTURE_BEFORE.search(sent, max(0, m.start() - 50), m.start()):
            status = S.REFERENCED  # "under a separate supply agreement to be concluded": mentioned, not made here
        elif b.fiscal_year and (on or dated) and int((on or dated)[:4]) < b.fiscal_year:
            status = S.REFERENCED
        ox = OPTION_EXERCISED.search(sent)
        if ox and not _CONDITIONAL.search(sent[:ox.start()]):
            status = S.OPTION_EXERCISED
        if AMENDED.search(sent[max(0, m.start() - 60):m.end()]):
            status = S.AMENDED
        tail = sent[end:]
        if TERMINATES_BEFORE.search(sent[max(0, m.start() - 60):m.start()]):
            status = S.TERMINATED
        if TERMINATED.search(tail) and not NOT_TERMINATED.search(tail[:TERMINATED.search(tail).start()][-25:]):
            status = S.TERMINATED
        parties = list(orgs) if orgs else []
        if b.fiscal_year and not m.group("optx") and len(parties) == 1 and b.filer is not None and parties[0] is not b.filer and (
                not generic or re.search(r"licen[cs]|\brights\b", sent, re.I)):
            parties.insert(0, b.filer)  # "Under an agreement signed in 2018, rights were licensed to X": the filer's deal
        if len(parties) < 2 and b.section_orgs and (not parties or parties == [b.filer]):
            parties += [o for o in b.section_orgs if o not in parties]  # the heading names the counterparty
        if item and len(parties) < 2:
            group = True  # "... entered into several agreements with X, including: - a Tax Matters Agreement;"
        if group and b.current and len(parties) < 2:
            for p in b.current.parties:
                if all(p is not q for q in parties):
                    parties.append(p)
        term_m = _TERM_AFTER.match(tail)
        term = (term_m.group("t") or term_m.group("t2")) if term_m else None
        date = dated if dated and status not in (S.TERMINATED, S.AMENDED) else (on or dated)
        title = " ".join(phrase.split()) if re.match(r"[A-Z]", phrase) else None
        d = b.open(doc, text, span, kind, generic, status, parties, date, "separate" in phrase.lower(), term, title,
                   weak=bool(m.group("hverb")), label=" ".join(phrase.split()))
        if d is None:
            continue
        d.recent_news = d.recent_news or (recent_news and d.status is S.REFERENCED)
        if art in _COUNT and phrase.lower().rstrip().endswith("s") and not generic:
            d.copies = max(d.copies, _COUNT[art])  # "two collaboration and license agreements with Huadong"
        if status in (S.TERMINATED, S.AMENDED) and on:
            d.date = on  # the event this document reports; the agreement's own date is its effective date
            d.effective_date = d.effective_date or dated
            if status == S.TERMINATED:
                d.expiration_date = d.expiration_date or on
        if d not in targets:
            targets.append(d)
        opened = True
        b.current = d
    if not targets and not opened:
        d = _verbal_deal(b, doc, text, span, sent, orgs)
        if d is not None:
            targets.append(d)
            opened = True
    if not targets:
        if ref is not None:
            targets.append(ref)
        # "the agreement", "this collaboration"; "the Amendment" (a modification speaks for the agreement it amends)
        elif re.search(r"\b(?:the|this)\s+(?:[\w-]+\s+){0,3}(?:agreement|collaboration|license|licence|transaction|deal|partnership|alliance|amendment)\b", sent, re.I) \
                and b.current is not None and si - b.last_si <= 5:
            targets.append(b.current)
    explicit = bool(targets)
    if option_exercise_told(sent):
        b.option_exercised = True
        b.exercised_with.update(id(p) for p in orgs + [x for d in targets for x in d.parties] if p is not b.filer)
        if any(h.kind is K.ACQUISITION for h in verbal_frames(sent)):
            for d in targets:  # "we exercised the option and acquired X": the option agreement, exercised
                if d.kind is K.OPTION:
                    d.later_status = S.OPTION_EXERCISED
    if targets and told_before(sent, when[0][1] if when else None, b.doc_date, find_dates):
        for d in targets:
            d.told_before = True
    n_drafts = len(b.drafts)
    _grants(b, doc, text, span, sent, orgs, targets)
    opened = opened or len(b.drafts) > n_drafts  # a grant with no agreement named opened a licence
    recent = b.current is not None and si - b.last_si <= 5
    if not targets and recent and re.search(r"\$|€|£|¥|milestone|royalt|reimburs|upfront|up-front|up front|\bpay\b.*:\s*$", sent, re.I):
        # a party of the deal pays or is paid; or a bulleted term of the deal just told ("- Upfront
        # consideration of CHF 18.0 million, payable in cash on completion")
        if untied_payments_belong(b, b.current, sent, orgs, hint, (doc, span[0]), bool(_LIST_ITEM.match(sent))):
            targets.append(b.current)
    if not targets:
        b.list_open = b.list_open and bool(_LIST_ITEM.match(sent))
        return
    b.list_open = sent.rstrip().endswith(":") or (b.list_open and bool(_LIST_ITEM.match(sent)))
    main = targets[-1] if ref is None else ref
    if ref is None and _UNDER_LEAD.match(sent):
        main = targets[0]  # "Under the Huadong Agreements, ... for the Huadong Territory license": the frame names it
    b.current = main
    b.last_si = si
    if explicit and not opened and (b.fiscal_year or b.registration) and len({id(t) for t in targets}) == 1:
        later_event_status(main, sent)
    if explicit or opened:
        read_terms(main, sent, index=b.index, opened=opened)
        b.tied_at = (doc, span[0])  # layer 5: where the deal was last named (its paragraph may state its price)
    if b.last is not None and b.last is not main:
        licensor_technology(b.last, sent)
    b.last = main
    if (not_deal or (_DEBT_SENTENCE.search(sent) and not funded_price(sent))) and not opened:
        return  # a financing's or a debt's amounts ("used the proceeds of a $270 million term loan to redeem ...") are no deal's
    attach_payments(b, main, doc, sent, hint, si, explicit=ref is not None or opened,
              evidence=make_evidence(doc, text, span[0], span[1]))
    if main.payments and main.payments[-1][1] == (doc, si):
        _payment_roles(b, main, text, span)


# an indefinite actor: what "any person" does is a definition's or a condition's event, not a deal told
_ANY_ACTOR = re.compile(r"\bany\s+[\"\u201c]?(?:person|entity|corporation|company|group|third\s+party)\b", re.I)
# a sentence about the company's debt: its amounts belong to no deal told around it
_DEBT_SENTENCE = re.compile(r"\b(?:term\s+loans?|credit\s+facilit(?:y|ies)|revolving|senior\s+notes|convertible\s+notes|debentures"
                            r"|indenture|redeem(?:ed)?|redemption|notes\s+due)\b", re.I)
_FINANCING_WORDS = re.compile(r"\b(?:warrants|debentures|senior\s+notes|convertible\s+notes|initial\s+purchasers?|underwriters?"
                              r"|administrative\s+agent|lenders\s+party|credit\s+agreement)\b", re.I)


def _named_deal(b: Builder, doc: int, text: str, span: tuple[int, int], start: int, end: int,
                kind: AgreementKind, generic: bool, first: bool = False, status: AgreementStatus = S.REFERENCED,
                dated: str | None = None) -> Draft | None:
    """A definite agreement named by its counterparty ("under the Marrow license agreement", "the BIDMC
    Agreement", with ``first`` the name right after it: "its license agreement with the Lindqvist
    Institute"): that counterparty's agreement of the kind, opened (as told before) when none is."""
    if b.filer is None or start < 0:
        return None
    found_at = [(ms, o) for ms, _, o in b.index.mentions(text, span[0] + start, min(span[1], span[0] + end)) if o is not b.filer]
    named = [o for ms, o in found_at if ms == span[0] + start] if first else [o for _, o in found_at]
    if len(named) != 1:
        return None
    org = named[0]
    found = [d for d in b.drafts if org in d.parties]
    if found:  # that counterparty's deal: of the kind named, else the one told ("the collaboration with X", X's licence)
        same = [d for d in found if generic or d.generic or d.kind == kind or {d.kind, kind} <= KIND_FAMILY]
        return (same or found)[-1]
    if generic:
        return None
    # "notice of termination of its Sponsored Research Agreement, dated May 3, 2019, with X": terminated, of its own date
    date = next((iso for _, _, iso in find_dates(dated)), None) if dated else None
    return b.open(doc, text, span, kind, False, status, [b.filer, org], date, False, None, None, label=kind.value)


def _verbal_deal(b: Builder, doc: int, text: str, span: tuple[int, int], sent: str, orgs: list[OrgEntry]) -> Draft | None:
    """A deal told by a verb with no deal noun (kg.extract.frames: "the Company acquired from X certain
    assets", "completed the acquisition of Y"): its parties are the sentence's organizations (the filer
    for "we" / "the Company"); status by tense and date, like a noun-told deal."""
    hits = verbal_frames(sent)
    if not hits or len(orgs) < 2 or all(o is b.filer for o in orgs) or _FINANCING_WORDS.search(sent):
        return None  # shares sold with warrants, notes or debentures: a financing, not a deal
    if _ANY_ACTOR.search(sent):
        return None  # a definition's event ("(ii) any "person" ... becomes the beneficial owner of 25%"): hypothetical
    hit = hits[0]
    same = [d for d in b.drafts if d.kind is hit.kind and {id(p) for p in d.parties} == {id(o) for o in orgs}]
    if same:
        return same[-1]  # the deal already told (its noun, then its verb): one agreement
    on, dated = _date_in(sent, b.doc_date)
    date = dated or on
    status = S.NEW
    if _REFERENCED_DEAL.search(sent) or (b.fiscal_year and date and int(date[:4]) < b.fiscal_year) or b.registration:
        status = S.REFERENCED
    return b.open(doc, text, span, hit.kind, False, status, list(orgs), date, False, None, None,
                  label=hit.kind.value)


