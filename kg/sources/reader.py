"""``read_file``: one input file to one :class:`kg.document.Filing` (``lic:Filing`` + ``lic:Document``).

Decides the format by content, not by extension: an EDGAR submission
(``<SEC-DOCUMENT>``, ``<SEC-HEADER>``, ``<IMS-HEADER>`` or bare
``<DOCUMENT>``) is "sgml", an HTML page "html", anything else "text".
Source offsets in every Document point into the file's text as decoded with
``Filing.encoding`` and universal newlines (CRLF and CR read as LF), which is
what ``open(path, encoding=..., newline=None).read()`` returns.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat

from kg.document import Document, Filing, SkippedDocument
from kg.errors import SourceError
from kg.sources.doctype import doc_type_from_filename, doc_type_from_heading
from kg.sources.encoding import decode_bytes, sniff_binary
from kg.sources.html import html_to_text, looks_like_html
from kg.sources.sgml import RawDocument, is_submission, normalize_tags, parse_header, split_documents
from kg.sources.text import clean_plain_text

__all__ = ["read_file"]

# <TYPE> values of submission documents that are data, not text (EDGAR Filer
# Manual vol. II 5.1: graphics, archives, PDF copies, XBRL/XML/JSON payloads).
_DATA_TYPES = frozenset({"GRAPHIC", "ZIP", "PDF", "EXCEL", "XML", "JSON", "XBRL", "JPG", "GIF"})
# File extensions of submission documents that are data, not text.
_DATA_EXT = frozenset({
    ".jpg", ".jpeg", ".gif", ".png", ".bmp", ".tif", ".tiff", ".pdf", ".zip", ".xls", ".xlsx",
    ".xlsm", ".docx", ".xml", ".xsd", ".json", ".js", ".css",
})
# uuencoded bodies ("begin 644 name") and EDGAR's <PDF>/<XML>/<XBRL>/<JSON> wrappers.
_UUENCODE = re.compile(r"begin [0-7]{3,4} \S")
_WRAPPER = re.compile(r"<(PDF|XML|XBRL|JSON)>", re.IGNORECASE)
_DOC_COUNT = re.compile(r"PUBLIC DOCUMENT COUNT:\s*(\d+)")


def _load(path: str, max_bytes: int | None) -> bytes:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise SourceError("no such file", path=path) from None
    except OSError as exc:
        raise SourceError(f"cannot stat file: {exc.strerror}", path=path) from None
    if stat.S_ISDIR(st.st_mode):
        raise SourceError("is a directory, not a filing file (use discover())", path=path)
    if not stat.S_ISREG(st.st_mode):
        raise SourceError("not a regular file", path=path)
    if max_bytes is not None and st.st_size > max_bytes:
        raise SourceError(f"file is {st.st_size} bytes, over the limit of {max_bytes} bytes", path=path)
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except PermissionError:
        raise SourceError("cannot read file: permission denied", path=path) from None
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror}", path=path) from None


def read_file(path: str, *, max_bytes: int | None = None) -> Filing:
    """Read ``path`` into a Filing, or raise :class:`SourceError` with a one-line reason.

    Raises for: a missing, unreadable or non-regular file; a file over
    ``max_bytes``; an empty file; binary content (PDF, images, archives, NUL
    bytes); undecodable bytes; a truncated submission (header or a
    ``<DOCUMENT>``/``<TEXT>`` never closed, fewer documents than announced);
    a header without documents; no document with readable text.
    """
    path = os.fspath(path)
    raw = _load(path, max_bytes)
    if not raw.strip():
        raise SourceError("empty file", path=path)
    binary = sniff_binary(raw[:8192])
    if binary:
        raise SourceError(f"binary file ({binary}), not a filing", path=path)
    text, codec = decode_bytes(raw, path)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError("empty file (only whitespace)", path=path)
    common = {"path": path, "sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw), "encoding": codec}
    del raw
    try:
        if is_submission(text):
            return _read_submission(text, path, common)
        if looks_like_html(text):
            return _read_html(text, path, common)
        return _read_text(text, path, common)
    except MemoryError:
        raise SourceError("out of memory while reading: file too large for this machine (see max_bytes)", path=path) from None


def _read_text(text: str, path: str, common: dict) -> Filing:
    clean, offsets = clean_plain_text(text, 0)
    doc = Document(
        text=clean,
        doc_type=doc_type_from_heading(clean) or doc_type_from_filename(path),
        sequence=1,
        filename=os.path.basename(path),
        media="text",
        offsets=[] if offsets == [(0, 0)] else offsets,
    )
    return Filing(fmt="text", documents=[doc], **common)


def _read_html(text: str, path: str, common: dict) -> Filing:
    body, offsets, facts = html_to_text(text, 0)
    if not body.strip():
        raise SourceError("no readable text: the HTML document is empty once markup is removed", path=path)
    doc_type = facts.get("DocumentType") or doc_type_from_filename(path) or doc_type_from_heading(body)
    doc = Document(
        text=body,
        doc_type=doc_type,
        sequence=1,
        filename=os.path.basename(path),
        media="html",
        xbrl=facts,
        offsets=offsets,
    )
    return Filing(fmt="html", documents=[doc], **common)


def _unwrap_inline_xbrl(rd: RawDocument) -> None:
    """Strip the ``<XBRL>`` wrapper EDGAR puts around inline-XBRL HTML bodies (2019+ submissions)."""
    body = rd.body or ""
    lead = len(body) - len(body.lstrip())
    m = _WRAPPER.match(body, lead)
    if not m or m.group(1).upper() not in ("XBRL", "XML"):
        return
    inner_start = m.end()
    close = body.rfind(f"</{m.group(1)}>")
    inner = body[inner_start : close if close > inner_start else len(body)]
    if looks_like_html(inner[:16384]):
        rd.body = inner
        rd.body_start += inner_start


def _data_reason(rd: RawDocument) -> str | None:
    """Why a submission document is data rather than text, else None."""
    kind = (rd.doc_type or "").upper()
    ext = os.path.splitext(rd.filename or "")[1].lower()
    head = (rd.body or "")[:4096].lstrip()
    if _UUENCODE.match(head):
        return "uuencoded binary content"
    m = _WRAPPER.match(head)
    if m:
        return f"{m.group(1).upper()} content, not text"
    if kind in _DATA_TYPES or kind.startswith("EX-101."):
        return f"{kind} document is data, not text"
    if ext in _DATA_EXT:
        return f"{ext} file is data, not text"
    if "\x00" in head:
        return "binary content (NUL bytes)"
    if head.startswith("<?xml") and not looks_like_html(head):
        return "XML content, not text"
    return None


def _read_submission(text: str, path: str, common: dict) -> Filing:
    text = normalize_tags(text)
    header, start = parse_header(text, path)
    raws = split_documents(text, start, path)
    if not raws:
        if header is not None:
            raise SourceError("submission has a <SEC-HEADER> but no <DOCUMENT>", path=path)
        raise SourceError("submission has no <DOCUMENT>", path=path)
    if "<SEC-DOCUMENT>" in text[:65536] and "</SEC-DOCUMENT>" not in text[-4096:]:
        m = _DOC_COUNT.search(text[:start])
        if m and int(m.group(1)) > len(raws):
            raise SourceError(
                f"truncated submission: header announces {m.group(1)} documents, file ends after {len(raws)}",
                path=path,
            )
    documents: list[Document] = []
    skipped: list[SkippedDocument] = []
    for rd in raws:
        _unwrap_inline_xbrl(rd)
        reason = _data_reason(rd)
        if reason is None and (rd.body is None or not rd.body.strip()):
            reason = "no <TEXT> body" if rd.body is None else "empty <TEXT> body"
        if reason is None:
            doc = _convert(rd)
            if doc.text.strip():
                documents.append(doc)
                continue
            reason = "no readable text once markup is removed"
        skipped.append(SkippedDocument(rd.doc_type, rd.sequence, rd.filename, reason))
    if not documents:
        reasons = "; ".join(f"{s.doc_type or '?'} #{s.sequence}: {s.reason}" for s in skipped)
        raise SourceError(f"no readable documents ({reasons})", path=path)
    return Filing(fmt="sgml", documents=documents, header=header, skipped=skipped, **common)


def _convert(rd: RawDocument) -> Document:
    body = rd.body or ""
    if looks_like_html(body):
        text, offsets, facts = html_to_text(body, rd.body_start)
        media = "html"
    else:
        text, offsets = clean_plain_text(body, rd.body_start)
        facts, media = {}, "text"
    return Document(
        text=text,
        doc_type=rd.doc_type or facts.get("DocumentType") or doc_type_from_filename(rd.filename or ""),
        sequence=rd.sequence,
        filename=rd.filename,
        description=rd.description,
        media=media,
        xbrl=facts,
        offsets=offsets,
    )
