"""Which form or exhibit a lone file is: ``lic:Document`` type from names and headings.

Types follow EDGAR ``<TYPE>`` values: forms ("8-K", "6-K", "10-K", "8-K/A")
and exhibits ("EX-99.1", "EX-10.26") numbered per Regulation S-K Item 601.
Sources, most reliable first: an iXBRL ``dei:DocumentType`` (done by the
caller), an exhibit or form heading at the top of the text, the file name.
Every function abstains (None) rather than guess.
"""
from __future__ import annotations

import os
import re

__all__ = ["EXHIBIT_MAJORS", "exhibit_type", "doc_type_from_filename", "doc_type_from_heading"]

# Regulation S-K Item 601(a) exhibit table: the numbers an exhibit can carry
# (1-36, 95-107).  Used to split undotted file-name numbers ("991" -> 99.1)
# and to reject page numbers / amounts that look like exhibit numbers.
EXHIBIT_MAJORS = frozenset(range(1, 37)) | frozenset(range(95, 108))

# Forms whose reports carry deals or contracts (8-K current report, 6-K
# foreign issuer report, 10-K/10-Q periodic reports, 20-F/40-F foreign annual
# reports, S-1/F-1 registration statements where CUAD exhibits come from).
_FORMS = r"8-K|6-K|10-K|10-Q|20-F|40-F|10-KSB|10-QSB|8-K12B|S-1|S-11|F-1|S-4"

# File names with an exhibit number: CUAD ("..._EX-10.26_...", "-EX-10.11-"),
# filer agents ("d448801dex991.htm", "a2058321zex-99_1.txt"), hand-named
# ("exhibit99-1.htm", "ex10-1.htm", "exh101.htm").  "ex" must start a token or
# follow an agent prefix ending digit+letter, so "annex2"/"index" never match;
# numbers running on into letters ("EX1A-6" of Form 1-A, "EX-10.B(01)") abstain.
_EXHIBIT_NAME = re.compile(
    r"(?:^|(?<=[^a-z])|(?<=\d[a-z]))ex(?:hibit|h)?[-_ .]?(\d{1,4})(?:[-_.](\d{1,3}))?(?![0-9a-z]|\.[0-9a-z])",
    re.IGNORECASE,
)
# File names with a form: "regeneron_8k.htm", "form8-k.htm", "a123z10-k.txt".
_FORM_NAME = re.compile(r"(?<![0-9])(8|6|10|20|40)-?(k|q|f)(a)?(?![a-z])", re.IGNORECASE)

# Heading lines at the top of a text: "EXHIBIT 99.1", "Exhibit 10.1", and
# "FORM 8-K", "FORM 8-K/A", "ANNUAL REPORT ON FORM 10-K" (cover pages of
# current and periodic reports, all eras).
_EXHIBIT_HEADING = re.compile(r"^\W{0,3}exhibit\s+(?:no\.?\s*)?(\d{1,3}(?:\.\d{1,3})?)\W{0,3}$", re.IGNORECASE)
_FORM_HEADING = re.compile(
    rf"^\W{{0,3}}(?:(?:annual|quarterly|current|transition)\s+report\s+(?:on|pursuant\s+to)\s+)?form\s+({_FORMS})(\s*/\s*A)?\W{{0,3}}$",
    re.IGNORECASE,
)


def exhibit_type(number: str) -> str | None:
    """Turn a written exhibit number ("99.1", "991", "10-1", "10_26") into "EX-99.1", else None."""
    m = re.fullmatch(r"(\d{1,4})(?:[-_.](\d{1,3}))?", number.strip())
    if not m:
        return None
    major, minor = m.group(1), m.group(2)
    if minor is not None:
        return f"EX-{int(major)}.{minor}" if int(major) in EXHIBIT_MAJORS else None
    if len(major) <= 2 and int(major) in EXHIBIT_MAJORS:
        return f"EX-{int(major)}"
    # Undotted agent numbering: prefer a two-digit major ("991" -> 99.1,
    # "1011" -> 10.11), else one digit ("41" -> 4.1), else three ("1011"?).
    for split in (2, 1, 3):
        head, tail = major[:split], major[split:]
        if tail and int(head) in EXHIBIT_MAJORS and not head.startswith("0"):
            return f"EX-{int(head)}.{tail}"
    return None


def doc_type_from_filename(path: str) -> str | None:
    """Exhibit or form type written in a file name; an exhibit wins over a form."""
    name = os.path.basename(path)
    stem = os.path.splitext(name)[0]
    for m in _EXHIBIT_NAME.finditer(stem):
        number = m.group(1) + (f".{m.group(2)}" if m.group(2) else "")
        kind = exhibit_type(number)
        if kind:
            return kind
    m = _FORM_NAME.search(stem)
    if m:
        return f"{m.group(1)}-{m.group(2).upper()}" + ("/A" if m.group(3) else "")
    return None


def doc_type_from_heading(text: str, *, max_lines: int = 60) -> str | None:
    """Type from a heading line near the top: "EXHIBIT 99.1" first, else "FORM 8-K"."""
    lines = []
    for line in text[:20000].split("\n"):
        line = line.strip()
        if line:
            lines.append(line)
        if len(lines) >= max_lines:
            break
    for line in lines[:8]:  # exhibits put their number in the first lines
        m = _EXHIBIT_HEADING.match(line)
        if m:
            kind = exhibit_type(m.group(1))
            if kind:
                return kind
    for line in lines:
        m = _FORM_HEADING.match(line)
        if m:
            return m.group(1).upper() + ("/A" if m.group(2) else "")
    return None
