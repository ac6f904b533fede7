"""Tables out: aligned text, CSV, JSON and XLSX for any header + rows (the deal table, analyze tables).

XLSX is written with openpyxl (a well-kept, pure-Python writer): typed cells
(numbers, dates and booleans, never numbers as text), a bold header row, frozen
panes below it, an autofilter over the whole table and number formats for
money and dates, so the sheet sorts and filters in Excel or LibreOffice as it opens.
"""
from __future__ import annotations

import csv
import io
import json
import os
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable, Sequence

from kg.errors import ExportError

__all__ = ["FORMATS", "cell_text", "format_table", "write_table", "write_xlsx"]

FORMATS = ("table", "csv", "json", "xlsx")
#: Excel number formats: whole currency units with thousands separators; ISO dates.
MONEY_FORMAT = "#,##0"
MONEY_FORMAT_CENTS = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"


def cell_text(v: Any) -> str:
    """One value as CSV / table text: '' for None, true/false, decimals without exponent, ISO dates."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))  # money summed as floats (kg.analyze's value_usd): "3000000", not "3000000.0"
    return str(v)


def _json_value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def format_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, *, max_width: int = 40) -> str:
    """``rows`` as ``table`` (aligned text, long cells cut at ``max_width``), ``csv`` (RFC 4180) or ``json``."""
    rows = list(rows)
    if fmt == "json":
        return json.dumps([{c: _json_value(v) for c, v in zip(columns, r)} for r in rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        w.writerows([cell_text(v) for v in r] for r in rows)
        return buf.getvalue()
    if fmt != "table":
        raise ExportError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")

    def cut(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[:max_width - 1] + "…"

    cells = [[cut(cell_text(v)) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def _xlsx_value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() and abs(v) < 2 ** 53 else float(v)
    if isinstance(v, (list, tuple, set, frozenset)):
        return "; ".join(map(str, v))
    return v


def write_xlsx(path: str | os.PathLike[str], columns: Sequence[str], rows: Iterable[Sequence[Any]], *,
               money: Iterable[str] = (), dates: Iterable[str] = (), sheet: str = "deals") -> str:
    """Write one sheet: header row (bold, frozen), autofilter, typed cells, money and date formats."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ModuleNotFoundError:  # pragma: no cover - openpyxl is a base dependency
        raise ExportError("XLSX output needs openpyxl: pip install openpyxl") from None
    money, dates = set(money), set(dates)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    n = 1
    for r in rows:
        ws.append([_xlsx_value(v) for v in r])
        n += 1
    for i, name in enumerate(columns, 1):
        letter = get_column_letter(i)
        if name in money or name in dates:
            for (cell,) in ws.iter_rows(min_row=2, max_row=n, min_col=i, max_col=i):
                if name in dates:
                    cell.number_format = DATE_FORMAT
                elif isinstance(cell.value, float) and cell.value != int(cell.value):
                    cell.number_format = MONEY_FORMAT_CENTS
                else:
                    cell.number_format = MONEY_FORMAT
        width = max([len(name)] + [len(cell_text(c.value)) for (c,) in ws.iter_rows(min_row=2, max_row=min(n, 200),
                                                                                     min_col=i, max_col=i)])
        ws.column_dimensions[letter].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n}"
    try:
        wb.save(os.fspath(path))
    except OSError as e:
        raise ExportError(f"cannot write spreadsheet: {e.strerror or e}", path=os.fspath(path)) from None
    return os.fspath(path)


def write_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, out: str | None, *,
                money: Iterable[str] = (), dates: Iterable[str] = (), sheet: str = "deals") -> str | None:
    """Render ``rows`` in ``fmt``: to ``out`` when given (returns None), else return the text.

    XLSX is binary: it needs ``out``.
    """
    if fmt == "xlsx":
        if not out:
            raise ExportError("XLSX output is a file: pass --out FILE.xlsx")
        write_xlsx(out, columns, rows, money=money, dates=dates, sheet=sheet)
        return None
    text = format_table(columns, rows, fmt)
    if out is None:
        return text
    try:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            fh.write(text if text.endswith("\n") else text + "\n")
    except OSError as e:
        raise ExportError(f"cannot write file: {e.strerror or e}", path=out) from None
    return None
