"""Deals told only in a table (issue: "Deals only in a table"), layers 2 and 5 for tables.

Annual and quarterly reports list partners in tables ("Partner | Program |
Received | Remaining milestones"; "Licensee | Territory | Upfront"). A row
whose partner cell names an organization is an agreement between the filer
and that organization; each money cell is a payment whose kind comes from its
column heading ("Upfront" -> upfront, "Remaining milestones" -> milestone,
"Royalties" -> royalty); a heading with no payment word gives no payment (an
amount "Received" is not told what it paid for). The kind of the agreement
comes from the column that names the partner ("Licensee" / "Licensor": a
licence, with the filer on the other side) or from the text just above the
table ("collaboration and license agreements"), else it stays "other".

Reads: the tables of :class:`kg.extract.docmodel.DocModel` and the words
before each. Hands on: (partner name, kind, roles, payments, evidence span)
rows the agreement builder opens as drafts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from kg.extract.docmodel import DocModel, Table
from kg.extract.money import find_money, hint_at
from kg.extract.payments import classify_amount
from kg.facts import AgreementKind, Bound, Payment

__all__ = ["TableDeal", "may_hold_partner_table", "table_deals"]

# column headings that hold the counterparty (kind of text: 10-K/10-Q partner tables)
# the words of a column heading that holds the counterparty (10-K/10-Q partner tables)
_PARTNER_WORD = (r"(?:(?:collaboration|licens(?:e|ing))\s+)?partners?|licensees?|licensors?|counterpart(?:y|ies)"
                 r"|collaborators?|(?:partner\s+)?compan(?:y|ies)|customers?|distributors?|sublicensees?")
_PARTNER_HEAD = re.compile(rf"^(?:{_PARTNER_WORD})\b", re.I)
# such a heading at the start of a line of cells: the cheap test that a document may hold a partner table
_PARTNER_COLUMN = re.compile(rf"(?im)^[ \t|]*(?:{_PARTNER_WORD})[ \t]*(?:\t|\||   )")
_PARTNER_WORDS = ("partner", "licensee", "licensor", "counterpart", "collaborator")  # a cheaper gate before that regex
# a cell that is a name: capitalized words, no figure of its own
_NAME_CELL = re.compile(r"^(?:The\s+)?[A-Z][\w.,&'\u2019()\- ]{1,80}$")
_BARE_FIGURE = re.compile(r"^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_KIND_ABOVE = [
    (re.compile(r"collaborat", re.I), AgreementKind.COLLABORATION),
    (re.compile(r"licen[cs]", re.I), AgreementKind.LICENSE),
    (re.compile(r"suppl(?:y|ier)", re.I), AgreementKind.SUPPLY),
    (re.compile(r"distribut", re.I), AgreementKind.DISTRIBUTION),
]


@dataclass
class TableDeal:
    partner: str
    start: int
    end: int
    kind: AgreementKind
    filer_is: str | None  # "licensor" | "licensee" | None
    payments: list[Payment] = field(default_factory=list)


def _kind_and_role(head: str, above: str) -> tuple[AgreementKind, str | None]:
    h = head.lower()
    if h.startswith(("licensee", "sublicensee")):
        return AgreementKind.LICENSE, "licensor"
    if h.startswith("licensor"):
        return AgreementKind.LICENSE, "licensee"
    for rx, kind in _KIND_ABOVE:
        if rx.search(above):
            return kind, None
    return AgreementKind.OTHER, None


def _deals_of(model: DocModel, table: Table, hint) -> list[TableDeal]:
    if table.header is None:
        return []
    heads = list(table.header)
    col = next((i for i, c in enumerate(heads) if _PARTNER_HEAD.match(c.text)), None)
    if col is None:
        return []
    above = model.text[max(0, table.start - 400):table.start]
    kind, role = _kind_and_role(heads[col].text, above)
    out: list[TableDeal] = []
    for row in table.rows:
        if len(row) != len(heads) or not _NAME_CELL.match(row[col].text) or re.search(r"\d", row[col].text) \
                or re.match(r"(?i)total\b", row[col].text):
            continue
        deal = TableDeal(row[col].text.rstrip(" ,"), row[0].start, row[-1].end, kind, role)
        for i, cell in enumerate(row):
            if i == col:
                continue
            pay_kind = classify_amount(heads[i].text + " of ", "")
            if pay_kind is None:
                continue
            money = find_money(cell.text, hint)
            for mo in money:
                deal.payments.append(Payment(kind=pay_kind, amount=mo.amount, currency=mo.currency,
                                             bound=mo.bound, per=mo.per, redacted=mo.redacted))
            bare = _BARE_FIGURE.match(cell.text)
            if not money and bare and hint:
                # a figure in a table "(in thousands)": the document's reporting currency and scale
                amount = Decimal(bare.group(1).replace(",", "")) * int(hint)
                deal.payments.append(Payment(kind=pay_kind, amount=amount, currency=getattr(hint, "currency", "USD"),
                                             bound=Bound.EXACT))
        out.append(deal)
    return out


def may_hold_partner_table(text: str) -> bool:
    """Whether a line of cells of ``text`` starts with a partner heading (before any table is built)."""
    low = text.lower()
    return any(w in low for w in _PARTNER_WORDS) and bool(_PARTNER_COLUMN.search(text))


def table_deals(model: DocModel, hints=()) -> list[TableDeal]:
    """Every deal row of the document's partner tables, in text order; ``hints`` are the text's scale
    statements (kg.extract.money.scale_hints): the one before a table scales its bare figures."""
    out: list[TableDeal] = []
    for t in model.tables:
        out.extend(_deals_of(model, t, hint_at(list(hints), t.start)))
    return out
