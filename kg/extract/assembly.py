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

from kg.extract.payments import payments_in
from kg.extract.sentences import make_evidence
from kg.extract.status import later_event, month_index
from kg.extract.table_deals import may_hold_partner_table, table_deals
from kg.extract.terms import Draft
from kg.facts import Agreement, AgreementKind, AgreementStatus, Evidence, PaymentKind

if TYPE_CHECKING:  # the builder lives in kg.extract.agreements, which imports this module
    from kg.extract.agreements import _Builder

__all__ = ["attach_payments", "finish", "later_event_status", "merge_exercised_options", "option_exercise_told", "table_drafts"]

K, S = AgreementKind, AgreementStatus



def table_drafts(b: "_Builder", doc: int, text: str, model, hint) -> None:
    """Deals told only in a partner table (kg.extract.table_deals): one agreement per row, between the
    filer and the row's partner, with the payments of the row's money columns."""
    if b.filer is None or not may_hold_partner_table(text) or not model.tables:
        return  # no column heading names a partner: no partner table (and the tables are never built)
    for td in table_deals(model, hint):
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


def attach_payments(b: "_Builder", d: Draft, doc: int, sent: str, hint: int | None, si: int, explicit: bool,
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


def merge_exercised_options(b: "_Builder") -> None:
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


def finish(d: Draft, b: "_Builder") -> Agreement:
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
