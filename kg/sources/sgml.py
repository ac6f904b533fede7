"""EDGAR full-submission files: the ``<SEC-HEADER>`` and the ``<DOCUMENT>`` s.

Implements the public dissemination format of EDGAR Filer Manual vol. II
(ch. 3 and 5): ``<SEC-DOCUMENT>`` / ``<SEC-HEADER>`` (``<IMS-HEADER>`` before
1996) with ``KEY:<TAB>VALUE`` lines and indented FILER / SUBJECT COMPANY /
FILED BY blocks, then ``<DOCUMENT>`` elements with ``<TYPE>``,
``<SEQUENCE>``, ``<FILENAME>``, ``<DESCRIPTION>`` and a ``<TEXT>`` body.  Bare
``<DOCUMENT>`` sequences (one document saved from a submission) are read the
same way without a header.  Scanning is by ``str.find`` from left to right:
linear in the file size, no backtracking regex over bodies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.document import FilerInfo, SecHeader
from kg.errors import SourceError
from kg.sources.items import item_numbers_from_titles

__all__ = ["RawDocument", "is_submission", "normalize_tags", "parse_header", "split_documents"]

# Opening tags that make a file a submission (after an optional PEM preamble);
# any case, since re-saved copies of submissions sometimes lower-case them.
_SUBMISSION_START = re.compile(r"<(?:SEC-DOCUMENT|SEC-HEADER|IMS-DOCUMENT|IMS-HEADER|DOCUMENT)>", re.IGNORECASE)
# The structural tags of a submission, for upper-casing them (same length, so
# offsets do not move) when a copy has them in lower or mixed case.
_STRUCTURE_TAGS = re.compile(
    r"</?(?:sec-document|sec-header|ims-document|ims-header|document|type|sequence|filename|description|text)>",
    re.IGNORECASE,
)
# The privacy-enhanced-message wrapper of 1993-2002 dissemination files.
_PEM = re.compile(r"-----BEGIN PRIVACY-ENHANCED MESSAGE-----.*?\n\s*\n", re.DOTALL)

_HEADER_TAGS = (("<SEC-HEADER>", "</SEC-HEADER>"), ("<IMS-HEADER>", "</IMS-HEADER>"))

# Header blocks that start one FilerInfo, and the role each gets.
_ROLES = {
    "FILER": "filer",
    "SUBJECT COMPANY": "subject-company",
    "FILED BY": "filed-by",
    "REPORTING-OWNER": "reporting-owner",
    "REPORTING OWNER": "reporting-owner",
    "ISSUER": "issuer",
    "SERIAL COMPANY": "serial-company",
}
# Tagged-header spellings (.hdr.sgml and post-2000 <SEC-HEADER> variants) of the same keys.
_TAGGED = {
    "ACCESSION-NUMBER": "ACCESSION NUMBER",
    "TYPE": "CONFORMED SUBMISSION TYPE",
    "PERIOD": "CONFORMED PERIOD OF REPORT",
    "FILING-DATE": "FILED AS OF DATE",
    "ITEMS": "ITEM INFORMATION",
    "CONFORMED-NAME": "COMPANY CONFORMED NAME",
    "CIK": "CENTRAL INDEX KEY",
    "ASSIGNED-SIC": "STANDARD INDUSTRIAL CLASSIFICATION",
    "IRS-NUMBER": "IRS NUMBER",
    "STATE-OF-INCORPORATION": "STATE OF INCORPORATION",
    "FISCAL-YEAR-END": "FISCAL YEAR END",
    "FILE-NUMBER": "SEC FILE NUMBER",
    "PHONE": "BUSINESS PHONE",
    "STREET1": "STREET 1",
    "STREET2": "STREET 2",
    "CITY": "CITY",
    "STATE": "STATE",
    "ZIP": "ZIP",
    "BUSINESS-ADDRESS": "BUSINESS ADDRESS",
    "MAIL-ADDRESS": "MAIL ADDRESS",
    "FILER": "FILER",
    "SUBJECT-COMPANY": "SUBJECT COMPANY",
    "FILED-BY": "FILED BY",
}
_LINE = re.compile(r"^(\s*)([A-Z][A-Z0-9 ./&'()-]*?):[ \t]*(.*?)\s*$")
_TAG_LINE = re.compile(r"^\s*<([A-Z][A-Z0-9-]*)>\s*(.*?)\s*$")


@dataclass
class RawDocument:
    """One ``<DOCUMENT>`` of a submission before its body is converted."""

    doc_type: str | None
    sequence: int | None
    filename: str | None
    description: str | None
    body: str | None  # between <TEXT> and </TEXT>; None when there is no <TEXT>
    body_start: int  # offset of the body in the decoded file text


def is_submission(text: str) -> bool:
    """True when the decoded file is an EDGAR submission (SGML) rather than HTML or text."""
    head = text[:65536].lstrip()
    if head.startswith("-----BEGIN PRIVACY-ENHANCED MESSAGE-----"):
        m = _PEM.match(head)
        head = head[m.end() :].lstrip() if m else head
    m = _SUBMISSION_START.match(head)
    return m is not None


def normalize_tags(text: str) -> str:
    """Upper-case the submission's structural tags when they are not already (EDGAR writes them upper case)."""
    head = text[:65536]
    if "<DOCUMENT>" in head or "<SEC-HEADER>" in head or "<IMS-HEADER>" in head:
        return text
    return _STRUCTURE_TAGS.sub(lambda m: m.group(0).upper(), text)


def _iso(value: str | None) -> str | None:
    """EDGAR YYYYMMDD to ISO 8601; None when it is not a date."""
    if value and re.fullmatch(r"(19|20)\d{6}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:8]}"
    return None


def _address(parts: dict[str, str]) -> str | None:
    """One line "STREET 1, STREET 2, CITY, STATE ZIP" of an address block."""
    pieces = [parts.get(k, "") for k in ("STREET 1", "STREET 2", "STREET 3", "CITY")]
    tail = " ".join(p for p in (parts.get("STATE", ""), parts.get("ZIP", "")) if p)
    line = ", ".join(p for p in [*pieces, tail] if p)
    return line or None


def _header_lines(block: str) -> list[tuple[int, str, str]]:
    """``(indent, KEY, value)`` triples of a header, for both the indented and the tagged form."""
    rows: list[tuple[int, str, str]] = []
    for line in block.split("\n"):
        if not line.strip():
            continue
        m = _TAG_LINE.match(line)
        if m:
            key = _TAGGED.get(m.group(1))
            if key and not m.group(1).startswith("/"):
                rows.append((0 if key in _ROLES else 1, key, m.group(2)))
            continue
        m = _LINE.match(line.replace("\t", "    "))
        if m:
            rows.append((len(m.group(1)), m.group(2).strip(), m.group(3)))
    return rows


def parse_header(text: str, path: str) -> tuple[SecHeader | None, int]:
    """The ``SecHeader`` of a submission and the offset where its documents start."""
    for open_tag, close_tag in _HEADER_TAGS:
        start = text.find(open_tag, 0, 1 << 20)  # headers of many-filer submissions run long
        if start < 0:
            continue
        end = text.find(close_tag, start)
        if end < 0:
            raise SourceError(f"truncated submission: {open_tag} is never closed by {close_tag}", path=path)
        block = text[start + len(open_tag) : end]
        return _build_header(block, text[:start]), end + len(close_tag)
    return None, 0


def _build_header(block: str, before: str) -> SecHeader:
    top: dict[str, list[str]] = {}
    filers: list[FilerInfo] = []
    current: dict[str, str] | None = None
    role = "filer"
    section = ""
    addresses: dict[str, dict[str, str]] = {}

    def flush() -> None:
        if current is not None:
            filers.append(_filer(role, current, addresses.get("BUSINESS ADDRESS", {})))

    for indent, key, value in _header_lines(block):
        if key in _ROLES and not value:
            flush()
            current, role, section, addresses = {}, _ROLES[key], "", {}
            continue
        if current is None:
            top.setdefault(key, []).append(value)
            continue
        if not value and key.endswith(("ADDRESS", "DATA", "VALUES", "COMPANY")):
            section = key
            continue
        if section.endswith("ADDRESS") and key in ("STREET 1", "STREET 2", "STREET 3", "CITY", "STATE", "ZIP", "BUSINESS PHONE"):
            addresses.setdefault(section, {})[key] = value
            if key == "BUSINESS PHONE":
                current.setdefault(key, value)
            continue
        if section == "FORMER COMPANY":
            continue
        current.setdefault(key, value)
    flush()
    accession = (top.get("ACCESSION NUMBER") or [None])[0]
    if not accession:
        m = re.search(r"<(?:SEC|IMS)-DOCUMENT>\s*(\d{10}-\d{2}-\d{6})", before + block[:200])
        accession = m.group(1) if m else None
    filed = _iso((top.get("FILED AS OF DATE") or [None])[0])
    return SecHeader(
        accession_number=accession or None,
        form_type=((top.get("CONFORMED SUBMISSION TYPE") or [None])[0] or None),
        filed_date=filed,
        period_of_report=_iso((top.get("CONFORMED PERIOD OF REPORT") or [None])[0]),
        items=tuple(item_numbers_from_titles(top.get("ITEM INFORMATION", []), filed)),
        filers=tuple(filers),
    )


def _filer(role: str, data: dict[str, str], address: dict[str, str]) -> FilerInfo:
    cik = data.get("CENTRAL INDEX KEY")
    sic = data.get("STANDARD INDUSTRIAL CLASSIFICATION")
    if sic:
        m = re.search(r"\[(\d{3,4})\]|^(\d{3,4})$", sic.strip())
        sic = (m.group(1) or m.group(2)) if m else None
    return FilerInfo(
        role=role,
        name=data.get("COMPANY CONFORMED NAME") or None,
        cik=cik.zfill(10) if cik and cik.isdigit() else None,
        sic=sic,
        irs_number=data.get("IRS NUMBER") or None,
        state_of_incorporation=data.get("STATE OF INCORPORATION") or None,
        fiscal_year_end=data.get("FISCAL YEAR END") or None,
        business_address=_address(address),
        business_phone=data.get("BUSINESS PHONE") or address.get("BUSINESS PHONE") or None,
        file_number=data.get("SEC FILE NUMBER") or None,
    )


_META = ("TYPE", "SEQUENCE", "FILENAME", "DESCRIPTION")


def _meta(block: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in block.split("\n"):
        line = line.strip()
        for key in _META:
            tag = f"<{key}>"
            if line.upper().startswith(tag) and key not in out:
                out[key] = line[len(tag) :].strip()
    return out


def split_documents(text: str, start: int, path: str) -> list[RawDocument]:
    """Every ``<DOCUMENT>`` from ``start`` on; raise SourceError when one is truncated."""
    docs: list[RawDocument] = []
    pos = start
    while True:
        open_at = text.find("<DOCUMENT>", pos)
        if open_at < 0:
            break
        close_at = text.find("</DOCUMENT>", open_at)
        text_at = text.find("<TEXT>", open_at, close_at if close_at >= 0 else len(text))
        n = len(docs) + 1
        if text_at >= 0:
            body_start = text_at + len("<TEXT>")
            end_at = text.rfind("</TEXT>", body_start, close_at) if close_at >= 0 else text.find("</TEXT>", body_start)
            if end_at < 0:
                raise SourceError(f"truncated submission: <TEXT> of document {n} is never closed by </TEXT>", path=path)
        if close_at < 0:
            raise SourceError(f"truncated submission: <DOCUMENT> {n} is never closed by </DOCUMENT>", path=path)
        meta = _meta(text[open_at + len("<DOCUMENT>") : text_at if text_at >= 0 else close_at])
        body: str | None = None
        body_start = close_at
        if text_at >= 0:
            body_start = text_at + len("<TEXT>")
            if text.startswith("\n", body_start):
                body_start += 1
            body = text[body_start:end_at]
        seq = meta.get("SEQUENCE")
        docs.append(
            RawDocument(
                doc_type=meta.get("TYPE") or None,
                sequence=int(seq) if seq and seq.isdigit() else None,
                filename=meta.get("FILENAME") or None,
                description=meta.get("DESCRIPTION") or None,
                body=body,
                body_start=body_start,
            )
        )
        pos = close_at + len("</DOCUMENT>")
    return docs
