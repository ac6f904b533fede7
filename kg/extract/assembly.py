"""Layer 5 of the narrative reader (assembly), the parts that work on whole drafts.

Reads the agreement builder's drafts (kg.extract.agreements) and hands on:
payments attached to the agreement their clause names (a partner's equity to its
stock purchase agreement), deals told only in partner tables opened as drafts
(kg.extract.table_deals), later events of a periodic report's agreements as
their status, and each finished draft as a GOLD_SCHEMA ``Agreement``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.dates import find_dates
from kg.extract.payments import payments_in
from kg.extract.sentences import make_evidence
from kg.extract.status import later_event, month_index
from kg.extract.table_deals import may_hold_partner_table, table_deals
from kg.extract.terms import Draft
from kg.facts import Agreement, AgreementKind, AgreementStatus, Evidence, PaymentKind

if TYPE_CHECKING:  # for annotations only
    from kg.extract.drafts import Builder

__all__ = ["attach_payments", "finish", "funded_price", "later_event_status", "merge_exercised_options", "option_exercise_told",
           "table_drafts", "untied_payments_belong"]

K, S = AgreementKind, AgreementStatus



def table_drafts(b: "Builder", doc: int, text: str, model, hints) -> None:
    """Deals told only in a partner table (kg.extract.table_deals): one agreement per row, between the
    filer and the row's partner, with the payments of the row's money columns."""
    if b.filer is None or not may_hold_partner_table(text) or not model.tables:
        return  # no column heading names a partner: no partner table (and the tables are never built)
    for td in table_deals(model, hints):
        org = b.index.resolve(td.partner) or b.index.add(td.partner, doc, text, td.start, td.end)
        if org is None or org is b.filer:
            continue
        status = S.REFERENCED if (b.fiscal_year or b.registration) else S.NEW
        # the partner's agreement the text tells (a terms table summarises the deals its notes describe)
        told = [d for d in b.drafts if org in d.parties and (d.kind == td.kind or K.OTHER in (d.kind, td.kind) or d.generic)]
        d = max(told, key=lambda x: x.kind == td.kind) if told else b.open(
            doc, text, (td.start, td.end), td.kind, td.kind == K.OTHER, status, [b.filer, org], None, False, None, None)
        if d is not None and d.generic and td.kind != K.OTHER:
            d.kind, d.generic = td.kind, False  # "an agreement" the notes tell, a licence in the table
        if d is None:
            continue
        if td.filer_is == "licensor":
            d.licensor, d.licensee = d.licensor or b.filer, d.licensee or org
        elif td.filer_is == "licensee":
            d.licensor, d.licensee = d.licensor or org, d.licensee or b.filer
        evidence = make_evidence(doc, text, td.start, td.end)
        for p in td.payments:
            if not any(q.amount == p.amount and q.kind is p.kind for q, _ in d.payments):
                p.evidence = evidence
                d.payments.append((p, (doc, -1)))


def later_event_status(d: Draft, sent: str) -> None:
    """Status from a later event told of an agreement a periodic report already introduced (the latest
    wins: terminated over amended; an exercised option stays exercised).  The agreement keeps its own
    date: the event is what happened to it since."""
    event = later_event(sent)
    if event == "terminated" or (event == "amended" and d.later_status is None):
        d.later_status = S(event)  # applied when the draft is finished: drafts match by their told status


_SHARES_TITLE = re.compile(r"stock|share|securities|equity\s+purchase", re.I)

# words of a sentence that states what a deal costs ("the aggregate consideration consists of", "will pay", "in cash")
_CONSIDERATION = re.compile(r"\b(?:consideration|purchase\s+price|price|pa(?:y|id|ys|ying|yable)|payments?|in\s+cash|fees?|earn-?outs?"
                            r"|milestones?|royalt(?:y|ies)|upfront|up-front|reimburs\w*|fund(?:s|ed|ing)?|eligible|receives?|received|issue[sd]?)\b", re.I)
# accounting wording of financial-statement notes: what was booked, not what a deal obliges
_BOOKING = re.compile(r"\b(?:recogni[sz]ed|recorded|gain|loss|goodwill|amorti[sz]\w*|impairment|write-?(?:off|down)|carr(?:ied|ying)\s+(?:amount|value)"
                      r"|book\s+value|fair\s+(?:market\s+)?value|income\s+taxes|revenues?|earned|amounted\s+to)\b", re.I)


def untied_payments_belong(b: "Builder", d: Draft, sent: str, orgs: list, hint: int | None,
                           at: tuple[int, int], list_item: bool = False) -> bool:
    """Layer 5: whether the amounts of a sentence that names no agreement are terms of the deal just told.

    A figure near a deal is not its payment.  The sentence must name a party of the deal (or be a bulleted
    term of it, or sit in the paragraph where the deal was last named and state a consideration), name no
    counterparty outside the deal ("the Company acquired the stock of Sultan for $100,000" is another deal;
    "sold shares to Halvard Capital for $100 million" a financing), and, unless a payment word of the deal's
    own says what the figure is, state a payment and be neither an accounting statement nor an event of
    another year ("In April 1992, in exchange for $561,000 paid ..., such principal cancelled an option").
    """
    named = any(o is not b.filer and any(o is p for p in d.parties) for o in orgs)
    if any(o is not b.filer and all(o is not p for p in d.parties) for o in orgs) and not named:
        return False
    found = payments_in(sent, hint, None)
    # a deal's own payment word (upfront, milestone, royalty, licence fee, funding, reimbursement); "shares" or
    # "stock" somewhere after a figure says nothing of what the figure is
    cued = any(p.kind not in (PaymentKind.EQUITY, PaymentKind.OTHER, PaymentKind.LOAN) for p in found) or bool(
        _SHARE_BUY.search(sent))
    if not cued:
        if not _CONSIDERATION.search(sent) or _BOOKING.search(sent):
            return False
        # the sentence's own event date, told first ("In April 1992, ...", "On November 27, 1991, the Company
        # acquired ..."); a due date later in it ("payable on or before December 31, 2012") is a term of the deal
        years = {iso[:4] for st, _, iso in find_dates(sent) if st < 40} | set(_YEAR.findall(sent[:40]))
        if years and d.date and d.date[:4] not in years:
            return False  # an event of its own year, with no payment word: another transaction
    if named or list_item or any(o in d.parties for o in orgs):
        return True
    return _same_paragraph(b, at) and bool(_CONSIDERATION.search(sent))


# a purchase of a party's shares told before its price ("agreed to purchase 10.0 million shares of X common stock for $60.0 million")
_SHARE_BUY = re.compile(r"\b(?:purchas\w*|buy\w*|bought|subscri\w*)\s+(?:[^.;$\u20ac\u00a3\u00a5]|\.\d){0,60}\bshares\b"
                        r"[^.;$\u20ac\u00a3\u00a5]{0,80}[$\u20ac\u00a3\u00a5]", re.I)
# the price of the deal stated before a debt that funds it ("the consideration was comprised of $2.0 million in cash,
# which was funded through borrowings under the Company's senior credit facility")
_PRICE_FIRST = re.compile(r"\b(?:consideration|purchase\s+price)\b[^.;$\u20ac\u00a3\u00a5]{0,40}[$\u20ac\u00a3\u00a5]", re.I)


def funded_price(sent: str) -> bool:
    """A sentence that states a deal's price and then the debt that pays for it: the price is the deal's."""
    m = _PRICE_FIRST.search(sent)
    return bool(m) and not re.search(r"\b(?:loan|notes|facilit(?:y|ies)|debentures|credit)\b", sent[:m.end()], re.I)


_YEAR = re.compile(r"\b(?:[Ii]n|[Dd]uring|[Ss]ince)\s+(?:fiscal\s+)?((?:19|20)\d\d)\b")


def _same_paragraph(b: "Builder", at: tuple[int, int]) -> bool:
    """Whether ``at`` (document, offset) is in the paragraph where the current deal was last named."""
    tied = b.tied_at
    if tied is None or tied[0] != at[0]:
        return False
    for s, e in b.paragraphs:
        if s <= tied[1] < e:
            return s <= at[1] < e
    return False


def attach_payments(b: "Builder", d: Draft, doc: int, sent: str, hint: int | None, si: int, explicit: bool,
              evidence: Evidence | None = None) -> None:
    default = PaymentKind.LICENSE_FEE if d.kind == K.LICENSE else (
        PaymentKind.OTHER if d.kind in (K.SETTLEMENT, K.ACQUISITION, K.CO_PROMOTION, K.SUPPLY, K.DISTRIBUTION) else None)
    equivalents: list = []
    shares_deal = bool(_SHARES_TITLE.search(d.label or ""))  # a stock purchase: its price per share is its term
    found = payments_in(sent, hint, default, per_share=d.kind == K.ACQUISITION or shares_deal, equivalents=equivalents)
    for p in found:
        if d.kind == K.ACQUISITION and p.kind is PaymentKind.EQUITY and p.currency is not None:
            p.kind = PaymentKind.OTHER  # stock given as purchase price is consideration, not an investment in a partner
        amounts = {p.amount} | {alt for q, alt in equivalents if q is p}
        target = d
        if p.kind is PaymentKind.EQUITY and d.kind != K.ACQUISITION:
            # the partner's stock purchase agreement (the one with the same parties, the latest first)
            stock = [x for x in b.drafts if _SHARES_TITLE.search(x.label or "")]
            target = next((x for x in reversed(stock) if {id(q) for q in x.parties} == {id(q) for q in d.parties}),
                          stock[0] if stock else d)
        elif p.kind is PaymentKind.LOAN:
            target = next((x for x in b.drafts if re.search(r"loan|credit|commitment|facility|note", x.label, re.I)), d)
        if p.amount is not None:
            if any(q.amount in amounts and q.kind is p.kind and src != (doc, si) for q, src in target.payments):
                continue  # the same payment told again
            if (not explicit or (b.first_pay_doc is not None and doc != b.first_pay_doc)) and any(
                    q.amount in amounts and (q.kind is p.kind or q.per == p.per) and src != (doc, si)
                    for x in b.drafts for q, src in x.payments):
                continue  # a retelling (press release after the 8-K body) names no agreement: same payment
        else:
            if any(q.kind is p.kind and (q.per == p.per or p.per is None) for q, _ in target.payments):
                continue
        if b.first_pay_doc is None and p.amount is not None:
            b.first_pay_doc = doc
        p.evidence = evidence
        target.payments.append((p, (doc, si)))


# an option reported exercised: "we exercised the call option", "following the Subsidiary's exercise of the
# Purchase Option"; not one that may be ("if X exercises its option", "upon exercise of the option")
_EXERCISED = re.compile(r"\bexercised\s+(?:its|an|the|their|our)\s+(?:[\w-]+\s+){0,2}?option\b"
                        r"|(?<!upon\s)(?<!upon\sthe\s)\b(?:following|after)\s+(?:[\w'\u2019]+\s+){0,3}?exercise\s+of\s+(?:its|an|the|their|our)\s+(?:[\w-]+\s+){0,2}?option\b",
                        re.I)
_IF = re.compile(r"\b(?:if|should|in\s+the\s+event|unless|whether|may|might|would|could)\b", re.I)


def option_exercise_told(sent: str) -> bool:
    """True when the sentence reports an option as exercised."""
    m = _EXERCISED.search(sent)
    return m is not None and not _IF.search(sent[max(0, m.start() - 80):m.start()])


def merge_exercised_options(b: "Builder") -> None:
    """An acquisition made by exercising the option an option agreement gave (GOLD_SCHEMA status
    option-exercised) is that option agreement, exercised, not a second deal: when the filing reports
    an option exercised where the option agreement's counterparty is named, an acquisition draft sharing
    the counterparty is folded into it, with its parties and payments, and it is exercised.  (An option
    exercised for a licence leaves the option agreement as told: the licence is the new agreement.)"""
    if not b.option_exercised:
        return
    for opt in [d for d in b.drafts if d.kind is K.OPTION]:
        partners = {id(p) for p in opt.parties if p is not b.filer}
        if not partners & b.exercised_with:
            continue  # another counterparty's option was exercised
        for acq in [d for d in b.drafts if d.kind is K.ACQUISITION and {id(p) for p in d.parties} & partners]:
            for p in acq.parties:
                opt.add_party(p)
            opt.payments.extend(acq.payments)
            opt.date = opt.date or acq.date
            opt.status = S.OPTION_EXERCISED
            opt.later_status = None
            b.drafts.remove(acq)


def finish(d: Draft, b: "Builder") -> Agreement:
    if d.exclusive is None and d.saw_plain_license and d.saw_excl_option:
        d.exclusive = False  # a plain licence next to an option for exclusive licences is non-exclusive
    if d.licensee and not d.licensor and len(d.parties) == 2:
        d.licensor = next(p for p in d.parties if p is not d.licensee)
    if d.licensor and not d.licensee and len(d.parties) == 2:
        d.licensee = next(p for p in d.parties if p is not d.licensor)
    if re.search(r"cross[- ]?licen[cs]", f"{d.label} {d.title or ''}", re.I):
        d.licensor = d.licensee = None  # a cross-licence: each side licenses the other, no one direction
    if d.licensor is not None and d.licensor is d.licensee:
        d.licensor = d.licensee = None  # one organization on both sides: the roles were misread, abstain
    pays = [p for p, _ in d.payments]
    # a null-amount payment is dropped when the same kind has an amount (it was the same payment)
    pays = [p for p in pays if p.amount is not None or p.redacted or p.per is not None
            or not any(q.kind is p.kind and q.amount is not None for q in pays)]
    status = d.status
    if d.later_status is not None and status in (S.NEW, S.REFERENCED, S.AMENDED):
        status = d.later_status
    if d.recent_news and not any(x is not d and x.status is S.NEW and x.date == b.doc_date for x in b.drafts):
        status = S.NEW  # announced days before the report, and the report tells no other deal of its own day: its news
    told_before = status is S.NEW and d.told_before
    if told_before:
        status = S.REFERENCED  # filed with an earlier report, or completed under an agreement of an earlier month
    described = b.registration or b.fiscal_year is not None
    if status is S.NEW and not described and d.date and b.doc_date and month_index(b.doc_date) - month_index(d.date) >= 3:
        status = S.REFERENCED  # a current report (8-K, 6-K, release) telling an agreement made months before it
    if status is S.NEW and b.fiscal_year and d.date and int(d.date[:4]) < b.fiscal_year:
        status = S.REFERENCED  # a periodic report's deal of an earlier year, however it was told
    if status is S.NEW and (b.registration or (b.fiscal_year and not d.date)):
        # a periodic report or prospectus describing a deal it gives no date for, or any deal of a
        # registration statement: an existing agreement, told again
        status = S.REFERENCED
    date = d.date or (None if described else b.doc_date)  # a report's period end is no agreement's date
    if told_before and date == b.doc_date:
        date = None  # the report's day is the completion's, not the earlier agreement's
    return Agreement(
        kind=d.kind, status=status, date=date, parties=[p.name for p in d.parties],
        licensor=d.licensor.name if d.licensor else None, licensee=d.licensee.name if d.licensee else None,
        exclusive=d.exclusive, subject=d.subject, products=d.products, territory=d.territory, field_of_use=d.field_of_use,
        term_years=d.term_years, renewal_years=d.renewal_years, option=d.option,
        effective_date=d.effective_date, expiration_date=d.expiration_date, payments=pays, evidence=d.evidence,
    )
