"""Payments of a deal stated in one sentence (``lic:Payment``): kind, amount, bound, per, rate.

Each amount in a sentence is classified by the payment words of its own
clause -- the text between the previous amount and the next one -- nearest
cue first ("an up-front technology access fee of $3 million" -> upfront;
"up to $1.38 billion ... upon ... milestones" -> milestone).  Payment words
without an amount give a payment with no amount ("royalties on net sales",
"will be reimbursed for"), as GOLD_SCHEMA asks.  Totals ("for a total of",
"in total", "taken together") and prices per share are not payments; an
issue of shares as merger consideration is an equity payment counted in
shares.  Royalty rates are kept as phrases ("mid-teens", "low double
digit") or numbers ("1.5").
"""
from __future__ import annotations

import re
from decimal import Decimal

from kg.extract.lexicon import PAYMENT_CUES, ROYALTY_RATE_RE
from kg.extract.money import Money, find_money
from kg.facts import Bound, Payment, PaymentKind

__all__ = ["payments_in", "classify_amount"]

_CUES = [(re.compile(p, re.I), PaymentKind(k)) for p, k in PAYMENT_CUES]
# Aggregates that restate other payments ("for a total of approximately $500 million",
# "total consideration of nearly $900 million", "Lilly's commitment ... exceeds $200 million").
_TOTAL = re.compile(
    r"\b(?:total(?:ing|led|ed)?|in\s+total|in\s+the\s+aggregate\s+of|an?\s+aggregate\s+of|aggregate\s+value|taken\s+together|together\s+with|combined"
    r"|commitment|committed|funding\s+to|gross\s+proceeds|net\s+proceeds|offering\s+price|market\s+capitali[sz]ation"
    r"|revenues?|net\s+(?:income|loss)|par\s+value)\b[^$€£¥\d]{0,40}$",
    re.I,
)
# "subscribe for new shares ... for a total of EUR 15 million", "purchase 2,000,000 shares for an
# aggregate of $8 million": the "total" is the price of those shares (an equity payment), not a sum
# restating other payments.
_SHARE_PRICE_TOTAL = re.compile(
    r"\b(?:subscri(?:be|bes|bed|bing|ption)\s+(?:for|to)|purchas(?:e|es|ed|ing)|buy(?:s|ing)?|bought)\b"
    r"[^.;$€£¥]{0,80}\bshares\b[^.;$€£¥]{0,50}$",
    re.I,
)
# the part of an amount just stated: "of which" (kept when the whole was an "up to" cap: a milestone
# earned out of it is a payment of its own)
_PART_OF = re.compile(r"\bof\s+which\s+(?:approximately\s+|about\s+)?$", re.I)
# "$11.5 million ..., $6.0 million of which has already been received": the part named after the amount
_PART_AFTER = re.compile(r"\s*(?:of\s+which|thereof)\b", re.I)
# an amount deducted in an accounting statement
_NET_OF = re.compile(r"\bnet\s+of\b[^$€£¥\d.;]{0,45}$", re.I)
# accounting figures per period, not deal terms
_PERIOD_FIGURES = re.compile(r"\brespectively\b", re.I)
_BOOKED = re.compile(r"\b(?:recogni[sz]ed|recorded|incurred|expensed|amortized)\b", re.I)
_AFTER_TOTAL = re.compile(r"^[^.;]{0,12}\b(?:in\s+total|in\s+the\s+aggregate\s+for\s+all|total\s+consideration)\b", re.I)
# an aggregate that is one kind's cap, not a sum of the deal ("milestone payments of up to an aggregate of
# $4.6 million", "paid X milestones totaling $30.0 million"); "for a total of $Z" after several kinds is a sum
_CAPPED_KIND = re.compile(r"\b(?:milestones?|royalt(?:y|ies)|upfront|up-front|(?:licen[cs]e|maintenance)\s+fees?|research\s+funding)"
                          r"(?:\s+payments?)?\s+(?:of\s+)?(?:up\s+to\s+)?(?:an?\s+)?(?:total(?:ing|led|ed)?|aggregate|aggregating)\b[^$\u20ac\u00a3\u00a5\d]{0,20}$", re.I)
# the price of a purchase stated as its total ("The total consideration payable by X is $215 million")
_PRICE_TOTAL = re.compile(r"\b(?:total|aggregate)\s+(?:cash\s+)?(?:consideration|purchase\s+price)\b[^$\u20ac\u00a3\u00a5\d]{0,40}$", re.I)
_PER_SHARE_PRICE = re.compile(r"^\s*per\s+share\b", re.I)
# "11.943 New Taiwan Dollars per share for a total of 475 million New Taiwan Dollars": the price of a purchase as its total
_PER_SHARE_THEN_TOTAL = re.compile(r"\bper\s+share\s+(?:for|or)\s+(?:a|an|the)\s+(?:total|aggregate)\s+(?:purchase\s+price\s+)?of\s+$", re.I)
# a share price ("at $18.00", "a price of $6.00"), not "an aggregate purchase price of $60.0 million" (the total paid)
_SHARE_PRICE_BEFORE = re.compile(r"\bat\s+(?:a\s+price\s+of\s+)?$|(?<!purchase\s)(?<!subscription\s)\bprice\s+of\s+$|\bexercise\s+price\b"
                                 # a market price ("if the average closing price of the common stock is $12.625")
                                 r"|\b(?:closing|trading|market|average|last\s+reported)\s+(?:sales?\s+)?prices?\b[^$\u20ac\u00a3\u00a5\d.;]{0,60}$"
                                 # a value that is no price paid ("receivables with a face value of $197 million")
                                 r"|\b(?:face|par|book|carrying|fair(?:\s+market)?)\s+value\b[^$\u20ac\u00a3\u00a5\d.;]{0,30}$", re.I)
_RATE = re.compile(ROYALTY_RATE_RE, re.I)
_ROYALTY = re.compile(r"\broyalt(?:y|ies)\b", re.I)
_NULL_CUES: list[tuple[re.Pattern, PaymentKind]] = [
    (re.compile(r"\bmilestone(?:\s+payments?|s)\b", re.I), PaymentKind.MILESTONE),
    (re.compile(r"\broyalt(?:y|ies)\b(?!-free|\s+free|-bearing)", re.I), PaymentKind.ROYALTY),
    (re.compile(r"(?<![\w-])reimburs\w*", re.I), PaymentKind.REIMBURSEMENT),  # not "Medicare-reimbursed"
    (re.compile(r"\b(?:funds?|funding)\s+(?:a|the)\s+research\s+(?:program|programme|activities|costs|efforts)\b|\bresearch\s+funding\b", re.I), PaymentKind.RESEARCH_FUNDING),
    # profit/loss sharing of co-development deals ("share equally (50/50) in net profits")
    (re.compile(r"\b(?:share|split|divide)\w*\s+(?:equally\s+|evenly\s+)?(?:\(?50/50\)?\s+)?(?:in\s+)?(?:the\s+)?(?:net\s+)?profits|\bprofits?\s+(?:and\s+losses\s+)?(?:shared|split)\b|\bequal\s+(?:profit\s+)?share\s+of\s+profits|\bequal\s+profit\s+share", re.I), PaymentKind.OTHER),
    # sublicense income shares of university/hospital licences
    (re.compile(r"\bpercentage\s+of\s+the\s+consideration\b[^.]{0,60}\bsublicens", re.I), PaymentKind.OTHER),
]
# Non-obligations (layer 7): a level of sales that triggers a milestone ("thresholds up to, but excluding,
# $1.0 billion in annual net sales", "when net sales first exceed $500 million", "starting at $1.0 billion"),
# and damages awarded by a court or jury ("a jury awarded X $40 million in damages")
_SALES_LEVEL_AFTER = re.compile(r"^\s*(?:or\s+(?:more|higher|greater)\s+)?(?:in|of)\s+(?:(?:annual|aggregate|cumulative|calendar[- ]year|worldwide|global)\s+)*(?:net\s+)?(?:sales|revenues?)\b(?![-\w])", re.I)
_THRESHOLD_BEFORE = re.compile(r"\b(?:thresholds?|(?<!not\s\bto\s)exceed(?:s|ed|ing)?|starting\s+at|in\s+excess\s+of|surpass(?:es|ed|ing)?|reach(?:es|ed|ing)?)\s+(?:of\s+)?(?:up\s+to,?\s+but\s+excluding,?\s+)?(?:approximately\s+)?$", re.I)
_AWARD = re.compile(r"\b(?:awarded|award\s+of|verdict|judgment|damages\s+of)\b[^.;]{0,60}$", re.I)
_AWARD_AFTER = re.compile(r"^\s*(?:in\s+)?(?:compensatory\s+|punitive\s+)?damages\b", re.I)
# the event right after an amount: signing, execution, closing or effectiveness (upfront) or a later event
_EVENT_AFTER = re.compile(
    r"^\s*(?:(?:is|are|will\s+be|shall\s+be|becomes?)\s+)?(?:in\s+cash\s+|payable\s+|due\s+|paid\s+)?(?:(?P<start>(?:upon|on|at)\s+(?:the\s+)?(?:signing|execution|closing|effectiveness|effective\s+date)\b)"
    r"|(?:upon|on|following)\s+(?:the\s+)?(?:start|initiation|commencement|completion|acceptance|achievement|receipt|filing|submission"
    r"|approval|launch|dosing|enrol?lment|first\s+commercial\s+sale|successful)\b)", re.I)
# accounting figures of financial-statement notes, not obligations of a deal ("recorded goodwill of $12.4 million",
# "a gain of $3 million", "income tax expense of $1.2 million", "an impairment charge of $5 million")
_ACCOUNTING_BEFORE = re.compile(
    r"\b(?:goodwill|gain|losses?|income\s+tax(?:es)?|tax\s+(?:benefit|expense|liabilit(?:y|ies)|provision)|deferred\s+tax(?:es)?"
    r"|amortization|depreciation|impairment|write-?(?:off|down)|carrying\s+(?:amount|value)|book\s+value|intangible\s+assets"
    r"|net\s+assets|working\s+capital|cash\s+equivalents)\b[^$\u20ac\u00a3\u00a5\d;]{0,40}$", re.I)
# an amount that measures an asset bought, not a price ("$197 million of distressed consumer receivables")
_ASSET_AFTER = re.compile(r"^\s*(?:(?:in\s+|of\s+)(?:[\w-]+\s+){0,3}?(?:receivables|debt\s+portfolios?|loans|deposits|inventory|assets\s+under\s+management)"
                          r"|(?:[\w-]+\s+){0,2}?(?:receivables?|(?:debt\s+|loan\s+|receivables?\s+)?portfolios?)(?:\s+purchase)?)\b", re.I)
# a sentence of illustrative figures ("would receive ... approximately $1.71 in value ... if such prices were $13.50",
# "Assuming that the Company elected to pay the full $85 million in stock")
_HYPOTHETICAL = re.compile(r"\b(?:assuming\s+(?:that|for|a)|if\s+(?:such|the)\s+(?:[\w-]+\s+){0,3}(?:prices?|values?)\s+(?:were|was|is)"
                           r"|for\s+(?:purposes\s+of\s+)?illustrat\w*|illustrative|by\s+way\s+of\s+(?:example|illustrat\w*)|for\s+example|hypothetical\w*"
                           # a supposed value: "if the average closing price ... were $12.625", "had the price been $14"
                           r"|if\b[^.;]{0,200}?\b(?:(?:were|was)\s+(?:approximately\s+|about\s+)?(?:[$\u20ac\u00a3\u00a5]|US\$|\d)"
                           r"|(?:is|equals?|equalled)\s+(?:approximately\s+|about\s+)?(?:[$\u20ac\u00a3\u00a5]|US\$))"
                           r"|had\s+(?:the|such)\s+[^.;]{0,80}?\bbeen\s+(?:[$\u20ac\u00a3\u00a5]|\d))", re.I)
# the value an instrument or asset has, as against a price paid ("options, the vested portion of which has a value of
# approximately $37 million"); kept when the valued thing is the price ("consideration with a value of $80 million")
_VALUE_OF = re.compile(r"\b(?:has|have|had|having|with)\s+an?\s+(?:aggregate\s+|total\s+|estimated\s+|intrinsic\s+|fair\s+)?value\s+of\s+"
                       r"(?:approximately\s+|about\s+|nearly\s+)?$", re.I)
_PRICE_WORDS = re.compile(r"\b(?:consideration|price|payments?|fees?|paid|pay|payable)\b", re.I)
_PRICE_BEFORE = re.compile(r"\b(?:consideration|purchase\s+price)\b", re.I)
_PUBLIC_OFFERING = re.compile(r"\b(?:underwritten\s+(?:public\s+)?offering|public\s+offering\s+price)\b", re.I)
# an amount put aside from the price, not a payment of its own ("$5.8 million of the purchase price in an escrow
# account", "$1,200,000 in shares ... will be placed into escrow", "a holdback of $2 million")
_ESCROW_AFTER = re.compile(r"^[^.;$\u20ac\u00a3\u00a5]{0,110}?\b(?:(?:in|into|with)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?escrow|held\s+back|withheld|retained\s+as\s+security)\b", re.I)
_ESCROW_BEFORE = re.compile(r"\b(?:escrow(?:ed)?|hold-?back|held\s+back|holdback\s+amount|retention\s+amount)\b[^$\u20ac\u00a3\u00a5\d.;]{0,40}$", re.I)
# a measure of an acquired asset, not a price ("portfolios of consumer receivable debt of approximately $197 million",
# "loans with a face value of $40 million")
_ASSET_BEFORE = re.compile(r"\b(?:receivables?(?:\s+debt)?|debt\s+portfolios?|portfolios?|loans?|deposits|assets\s+under\s+management"
                           r"|accounts|inventory)\s+(?:of|totall?ing|aggregating|with\s+an?\s+(?:face|principal|book)\s+(?:value|amount)\s+of)"
                           r"\s+(?:approximately\s+|about\s+|nearly\s+|over\s+|more\s+than\s+)?$", re.I)
# an accounting measure told after an amount ("a reduction by $3,512,000 in the carried amount of its investment")
_ACCOUNTING_AFTER = re.compile(r"^\s*(?:in|of|to)\s+(?:the\s+)?(?:carried|carrying|book|fair)\s+(?:amount|value)\b", re.I)
# figures stated for several periods ("in 1991 and 1992 ... amounted to $X and $Y, respectively"): accounting, unless a
# payment word names what each is
_YEARS_LIST = re.compile(r"\b(?:19|20)\d\d\s*,?\s*(?:and|&)\s*(?:19|20)\d\d\b|\b(?:years|periods|quarters)\s+ended\b", re.I)
# negations and conditions that mean a cue is not a payment obligation here
_NOT_PAYMENT = re.compile(r"\b(?:no|neither|not\s+(?:material|payable)|royalty-free|fully\s+paid)\b[^.;]{0,25}$", re.I)
_SHARES_ISSUED = re.compile(
    r"\b(?:issue|deliver|exchange|receive)\s+(?P<bound>approximately\s+|about\s+|up\s+to\s+)?(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s+million)\s+shares\s+of\s+(?P<what>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s+(?:Common|common|Ordinary|ordinary)\s+(?:Stock|stock|Shares|shares))"
)
# an individual who pays or is paid ("the named executive officer will be required to reimburse", "paid or
# reimbursed by the Bank if Executive is successful"): compensation terms, which GOLD_SCHEMA keeps out of deals
_PERSON_SIDE = re.compile(r"\b(?:the\s+)?(?:named\s+)?(?:Executive|executive\s+officers?|employees?|officers?)\b(?!\s+(?:Committee|Board|Chairman|Vice|Order))"
                          r"(?:\s+(?:will|shall|must|is|would)\b|\s+(?:if|pursuant|relating)\b)")
_PER_UNIT_AFTER = re.compile(r"\bfor\s+(?:the\s+first\s+\w+\s+)?(?:\w+\s+)?(?:and\s+)?(?:for\s+)?each\s+(?:additional\s+)?(?P<unit>product|target|program|compound|indication|antigen\s+target)\b", re.I)


def classify_amount(before: str, after: str) -> PaymentKind | None:
    """Payment kind of an amount (see :func:`_classify`)."""
    found = _classify(before, after)
    return found[0] if found else None


def _classify(before: str, after: str) -> tuple[PaymentKind, str, int, int] | None:
    """Payment kind from the words before an amount, else the words after it.

    Among cues in the noun phrase just before the amount (80 characters) the
    most specific wins ("up-front license fee" -> upfront); further back the
    nearest one does.
    """
    off = max(0, len(before) - 80)
    for rx, kind in _CUES:
        m = rx.search(before, off)
        if m:
            return kind, "before", m.start(), m.end()
    best: tuple[int, int, PaymentKind] | None = None
    for rx, kind in _CUES:
        for m in rx.finditer(before):
            if best is None or m.end() > best[1]:
                best = (m.start(), m.end(), kind)
    if best:
        return best[2], "before", best[0], best[1]
    first: tuple[int, int, PaymentKind] | None = None
    for rx, kind in _CUES:
        m = rx.search(after)
        if m and (first is None or m.start() < first[0]):
            first = (m.start(), m.end(), kind)
    return (first[2], "after", first[0], first[1]) if first else None


def _rate(sentence: str) -> str | None:
    """Royalty rate phrase near the word royalty ("tiered, up to the mid-teens", "1.5")."""
    for m in _ROYALTY.finditer(sentence):
        window = sentence[max(0, m.start() - 60): m.end() + 120]
        r = _RATE.search(window)
        if r and re.search(r"\d|single|double|teen|twent", r.group()):
            txt = " ".join(r.group().split()).strip(" ,")
            num = re.fullmatch(r"(\d+(?:\.\d+)?)\s?(?:%|percent)", txt)
            return num.group(1) if num else txt
    return None


# the opening of a parenthetical restatement in another currency: "$2.3 million (KRW 3 billion)",
# "JPY 6.0 billion (approximately US$57 million)", "EUR 12 million (approx. $13.1 million)"
_CONVERSION_OPEN = re.compile(r"\s*\(\s*(?:(?:approximately|approx\.|about|around|roughly|circa|c\.|equivalent\s+to|equal\s+to|or)\s*)?", re.I)


# the amounts of the sentences just read (layer 5 asks what a sentence's figures are before layer 7 reads them)
_MONEY_MEMO: dict[tuple, tuple[Money, ...]] = {}


def _money_of(sentence: str, hint: int | None) -> tuple[Money, ...]:
    """:func:`find_money` of a sentence, remembered for the next call on the same sentence and scale hint."""
    key = (sentence, None if hint is None else (int(hint), getattr(hint, "currency", None), getattr(hint, "exempt_per", None)))
    got = _MONEY_MEMO.get(key)
    if got is None:
        if len(_MONEY_MEMO) >= 256:
            _MONEY_MEMO.clear()
        got = _MONEY_MEMO[key] = tuple(find_money(sentence, hint))
    return got


def payments_in(sentence: str, hint: int | None = None, default: PaymentKind | None = None,
                per_share: bool = False, equivalents: list[tuple[Payment, Decimal]] | None = None) -> list[Payment]:
    """The payments one sentence states, in order.

    ``default`` is the kind for an amount with no payment words of its own
    (the agreement's usual payment: a licence fee for a licence, "other" for a
    settlement); without one such amounts are skipped.  ``per_share`` keeps
    amounts per share (merger consideration) that are otherwise share prices.
    An amount restated in another currency in parentheses ("$2.3 million (KRW 3
    billion)") is one payment; ``equivalents`` receives (payment, other amount).
    """
    out: list[Payment] = []
    money = list(_money_of(sentence, hint))
    hypothetical = bool(_HYPOTHETICAL.search(sentence))  # "assuming that ...", "if such prices were $13.50": examples
    if _PUBLIC_OFFERING.search(sentence):
        return []  # shares bought in an underwritten public offering: capital markets, no deal's payment
    claimed: list[tuple[int, int]] = []
    stated: list[tuple[Money, Payment]] = []
    prev_end = 0
    last: tuple[Money, Payment] | None = None
    for i, mo in enumerate(money):
        if last and _CONVERSION_OPEN.fullmatch(sentence[last[0].end:mo.start]) and mo.currency != last[0].currency:
            if equivalents is not None and mo.amount is not None:
                equivalents.append((last[1], mo.amount))
            prev_end = mo.end
            continue  # the same payment in another currency
        nxt = money[i + 1].start if i + 1 < len(money) else len(sentence)
        clause_start = max(prev_end, _clause_start(sentence, mo.start))
        for bm in _BOUNDARY.finditer(sentence, clause_start, mo.start):
            clause_start = bm.end()  # "..., as well as payments of up to": the words before belong elsewhere
        before = sentence[clause_start:mo.start]
        after_end = min(nxt, mo.end + 140)
        cut = _BOUNDARY.search(sentence, mo.end, after_end)
        after = sentence[mo.end:cut.start() if cut else after_end]
        prev_end = cut.end() if cut else mo.end  # "$370 million upfront and ...": words up to "and" are this amount's
        if ((_TOTAL.search(sentence[max(0, mo.start - 60):mo.start]) and not _SHARE_PRICE_TOTAL.search(before))
                or _AFTER_TOTAL.match(after)) and not (per_share and (_PRICE_TOTAL.search(before[-60:])
                                                                      or _PER_SHARE_THEN_TOTAL.search(sentence, 0, mo.start))) \
                and not _CAPPED_KIND.search(before[-80:]):
            continue  # a sum of payments told already; in a purchase, "the total consideration is $X" is the price
        if _SHARE_PRICE_BEFORE.search(before[-80:]) or (mo.per == "share" and not per_share):
            continue  # a price per share ("at $18.00 per share"), not a payment
        if (_PART_OF.search(sentence, 0, mo.start) or _PART_AFTER.match(after)) and out and out[-1].amount is not None \
                and out[-1].bound in (Bound.EXACT, None) and out[-1].currency == mo.currency:
            continue  # "a fee of GBP 20 million, of which GBP 12 million is payable on signing": an instalment
        if _NET_OF.search(sentence, max(0, mo.start - 60), mo.start):
            continue  # "net of related legal expenses of approximately $2.3 million": a deduction, not a payment
        if _PERIOD_FIGURES.search(sentence) and _BOOKED.search(sentence, 0, mo.start):
            continue  # "recognized license expenses of $390 and $40 in 2016 and 2015, respectively"
        if _NOT_PAYMENT.search(before):
            continue
        if _SALES_LEVEL_AFTER.match(after) or _THRESHOLD_BEFORE.search(before[-60:]) or _AWARD.search(before) \
                or _AWARD_AFTER.match(after) or _ASSET_AFTER.match(after) or hypothetical \
                or _ACCOUNTING_BEFORE.search(before[-70:]) or _ACCOUNTING_AFTER.match(after) \
                or _ASSET_BEFORE.search(before[-80:]):
            continue  # a sales threshold, damages awarded, an accounting measure or an asset's size: no obligation
        if _VALUE_OF.search(before[-60:]) and not _PRICE_WORDS.search(before):
            continue  # "assumed options, the vested portion of which has a value of $37 million": a valuation, not a price
        if _ESCROW_AFTER.match(after) or _ESCROW_BEFORE.search(before[-60:]):
            continue  # part of the price put aside in escrow: the price is the payment, not its hold-back
        found = _classify(before, after)
        if found and found[0] is PaymentKind.LOAN and found[1] == "after" and _PRICE_BEFORE.search(before):
            found = None  # "the consideration was comprised of $2.0 million in cash, which was funded through borrowings": a price
        if found is None and _PERIOD_FIGURES.search(sentence) and _YEARS_LIST.search(sentence):
            continue  # "in 1991 and 1992 ... amounted to $X and $Y, respectively": figures of periods, not terms
        event = _EVENT_AFTER.match(after)
        if event and (found is None or found[0] in (PaymentKind.LICENSE_FEE, PaymentKind.OTHER, PaymentKind.UPFRONT,
                                                    PaymentKind.MILESTONE)):
            # layer 7: the event an amount is due on decides ("a license issue fee of C$150,000 upon signing":
            # upfront; "a fee of $2 million upon acceptance of the first batch": a milestone)
            ek = PaymentKind.UPFRONT if event.group("start") else PaymentKind.MILESTONE
            lead = len(event.group(0)) - len(event.group(0).lstrip())
            word = re.search(r"\b(?:upon|on|at|following)\b", after[event.start() + lead:event.end()])
            start = event.start() + lead + (word.start() if word else 0)
            found = (ek, "after", start, event.end())
        carried = None
        if found is None and out and out[-1].amount is not None and out[-1].currency == mo.currency and (
                len(re.sub(r"\band\b", "", before.rsplit(",", 1)[-1]).strip(" ,;")) <= 3
                or _PART_OF.search(sentence, 0, mo.start)):
            carried = out[-1]  # "$10 in May 2015, $20 in May 2017": a list of amounts of one kind; "of which $250"
        kind = found[0] if found else (carried.kind if carried else default)
        if kind is None:
            continue
        if found:
            base = clause_start if found[1] == "before" else mo.end
            phrase = _ACHIEVEMENT_OF.match(sentence, base + found[2])
            claimed.append((base + found[2], phrase.end() if phrase else base + found[3]))
            if found[1] == "after" and _owns_post_cue(after, found[2], found[3], reaches_next=after_end == nxt and not cut):
                prev_end = max(prev_end, mo.end + found[3])  # "$30 million upfront and ...": not the next amount's cue
        per = mo.per or (carried.per if carried else None)
        if per is None and re.search(r"\bannual\b|\beach\s+year\b|\bper\s+year\b", before[-60:] + " " + after[:40], re.I):
            per = "year"
        out.append(Payment(
            kind=kind, amount=mo.amount, currency=mo.currency, bound=mo.bound, per=per,
            rate=_rate(sentence) if kind is PaymentKind.ROYALTY else None, redacted=mo.redacted,
        ))
        last = (mo, out[-1])
        stated.append(last)
    _local_currency(sentence, stated, money)
    for m in (() if hypothetical else _SHARES_ISSUED.finditer(sentence)):  # "Assuming ..., would issue 5.2 million shares"
        n = m.group("n").replace(",", "")
        amount = Decimal(n.split()[0]) * (10**6 if "million" in n else 1)
        bound = Bound.APPROXIMATELY if m.group("bound") and m.group("bound").strip() in ("approximately", "about") else (
            Bound.UP_TO if m.group("bound") else Bound.EXACT)
        out.append(Payment(kind=PaymentKind.EQUITY, amount=amount, bound=bound, per="shares of " + " ".join(m.group("what").split())))
    nulls: list[tuple[int, Payment]] = []
    for rx, kind in _NULL_CUES:
        for m in rx.finditer(sentence):
            if any(s <= m.start() < e for s, e in claimed) or _NOT_PAYMENT.search(sentence[max(0, m.start() - 40):m.start()]):
                continue
            if _PERSON_SIDE.search(sentence, max(0, m.start() - 90), min(len(sentence), m.end() + 60)):
                continue  # an executive repays a bonus, an employee's fees are reimbursed: pay of a person, not of a deal
            if any(p.kind is kind and p.amount is None for p in out) or any(p.kind is kind for _, p in nulls):
                continue
            per = None
            pm = _PER_UNIT_AFTER.search(sentence, m.end(), m.end() + 80)
            if pm and kind is PaymentKind.MILESTONE:
                per = pm.group("unit").lower()
            nulls.append((m.start(), Payment(kind=kind, per=per, rate=_rate(sentence) if kind is PaymentKind.ROYALTY else None)))
    return out + [p for _, p in sorted(nulls, key=lambda x: x[0])]


# where the words of one amount end and the next amount's begin: a conjunction or a list dash
_BOUNDARY = re.compile(r",\s+and\s+|\s+and\s+(?=(?:is|will|may|has|have|had|was|were|would|could|can|shall|also|then|potential|an?|the)\b)|,\s+as\s+well\s+as\s+|,\s+plus\s+|;\s*|\s+--\s+|\s+\u2014\s+|\n\s*--")


# "on the achievement of CE-marking, reimbursement and sales milestones": one milestone phrase, whose
# inner words ("reimbursement", "milestones") are not payments of their own
_ACHIEVEMENT_OF = re.compile(r"(?:up)?on\s+(?:the\s+)?achievement\s+of\b[^.;$€£¥]{0,100}?\bmilestones?\b", re.I)

# words that hand a cue on to the amount after it: "... and milestone payments of up to $10 million"
_LEADS_ON = re.compile(
    r"^\s*(?:payments?|fees?|investment)?\s*(?:of|totall?ing|worth|amounting\s+to|equal\s+to|valued\s+at)"
    r"\s+(?:up\s+to\s+|approximately\s+|about\s+|an\s+additional\s+|a\s+further\s+)?$",
    re.I,
)


def _owns_post_cue(after: str, start: int, end: int, *, reaches_next: bool) -> bool:
    """Whether a cue found after an amount is that amount's own ("$30 million upfront", "$3.2
    million in research funding", "€1.1 billion in development, regulatory and commercial
    milestones"), so the next amount's words start after it.  Not when the cue is far from the
    amount, or leads on to the next amount ("$5 million in cash and milestone payments of $10
    million": "milestone" is the $10 million's).
    """
    if start > 60:
        return False
    return not (reaches_next and _LEADS_ON.match(after[end:]))


def _clause_start(sentence: str, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last ";" or list marker before it."""
    cut = max(sentence.rfind(";", 0, pos), sentence.rfind(":", 0, pos))
    return cut + 1 if cut >= 0 else 0


_SHARE_COUNT = re.compile(r"\b(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s+million)\s+(?:shares|ordinary\s+shares)\b", re.I)


def _local_currency(sentence: str, stated: list[tuple[Money, Payment]], money: list[Money]) -> None:
    """A price per share written with a bare "$" in a sentence whose total is stated in another currency is in
    that currency when the arithmetic says so: 5,500,000 shares at "$8.182 per share" for "Forty Five Million
    New Taiwan Dollars" is NT$8.182 a share (layer 7: currency from the deal's own figures, not the symbol)."""
    counts = []
    for m in _SHARE_COUNT.finditer(sentence):
        n = m.group("n").replace(",", "")
        counts.append(Decimal(n.split()[0]) * (10**6 if "million" in n else 1))
    if not counts:
        return
    others = [m for m in money if m.amount and m.currency not in (None, "USD")]
    for mo, p in stated:
        if p.per != "share" or p.currency != "USD" or p.amount is None or sentence[mo.start:mo.start + 1] != "$":
            continue
        for o in others:
            if ";" in sentence[min(o.start, mo.start):max(o.start, mo.start)]:
                continue  # another clause's figure
            if any(abs(n * p.amount - o.amount) <= o.amount / 100 for n in counts):
                p.currency = o.currency
                break
