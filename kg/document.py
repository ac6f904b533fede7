"""What the readers produce: a :class:`Filing` (one input file) holding :class:`Document` s.

A full-submission ``.txt`` becomes one Filing with one Document per
``<DOCUMENT>`` (8-K body, EX-99.1, EX-10.1 ...) sharing the SEC header; an
HTML or plain-text file becomes a Filing with a single Document.  Documents
carry plain text with block structure kept as newlines (paragraphs, table
rows as lines, cells separated by tabs), so extractors never see markup, and
an offset map back to the source bytes for evidence quotes.

Ontology terms: ``lic:Filing``, ``lic:Document`` (see ontology/lic.ttl).
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["FilerInfo", "SecHeader", "Document", "Filing", "SkippedDocument"]


@dataclass(frozen=True)
class FilerInfo:
    """One FILER / SUBJECT COMPANY block of an EDGAR ``<SEC-HEADER>``."""

    role: str = "filer"  # "filer" | "subject-company" | "filed-by" ...
    name: str | None = None  # COMPANY CONFORMED NAME
    cik: str | None = None  # CENTRAL INDEX KEY, 10 digits
    sic: str | None = None  # STANDARD INDUSTRIAL CLASSIFICATION code
    irs_number: str | None = None
    state_of_incorporation: str | None = None
    fiscal_year_end: str | None = None  # MMDD
    business_address: str | None = None  # one line, comma separated
    business_phone: str | None = None
    file_number: str | None = None  # SEC FILE NUMBER


@dataclass(frozen=True)
class SecHeader:
    """The ``<SEC-HEADER>`` of a full-submission file (EDGAR Filer Manual, vol. II)."""

    accession_number: str | None = None
    form_type: str | None = None  # CONFORMED SUBMISSION TYPE
    filed_date: str | None = None  # FILED AS OF DATE, ISO
    period_of_report: str | None = None  # CONFORMED PERIOD OF REPORT, ISO
    items: tuple[str, ...] = ()  # ITEM INFORMATION, as item numbers ("1.01", "5")
    filers: tuple[FilerInfo, ...] = ()


@dataclass(frozen=True)
class SkippedDocument:
    """A ``<DOCUMENT>`` that was not read as text (GRAPHIC, ZIP, uuencoded...), and why."""

    doc_type: str | None
    sequence: int | None
    filename: str | None
    reason: str


@dataclass
class Document:
    """One readable document: the text an extractor sees plus where it came from.

    ``offsets`` maps text positions to source positions: a sorted list of
    ``(text_offset, source_offset)`` pairs; a text position ``t`` comes from
    source position ``s + (t - t0)`` for the last pair ``(t0, s) <= t``.  Empty
    when the text is the source verbatim.
    """

    text: str
    doc_type: str | None = None  # 8-K, EX-99.1, EX-10.1, 6-K, 10-K ... (None if unknown)
    sequence: int | None = None  # <SEQUENCE> in a submission, else 1
    filename: str | None = None  # <FILENAME> or the file's own name
    description: str | None = None  # <DESCRIPTION>
    media: str = "text"  # "text" | "html"
    xbrl: dict[str, str] = field(default_factory=dict)  # dei:* cover facts of iXBRL, local name -> value
    offsets: list[tuple[int, int]] = field(default_factory=list)

    def source_offset(self, text_offset: int) -> int:
        """Map a position in ``text`` back to the source (identity when no map)."""
        if not self.offsets:
            return text_offset
        lo, hi = 0, len(self.offsets) - 1
        best = self.offsets[0]
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.offsets[mid][0] <= text_offset:
                best = self.offsets[mid]
                lo = mid + 1
            else:
                hi = mid - 1
        return best[1] + (text_offset - best[0])


@dataclass
class Filing:
    """One input file read as a filing (``lic:Filing``), with its documents.

    ``path`` is the input path as the user gave it (after resolving a
    directory walk); ``sha256`` is of the raw bytes; ``encoding`` is the codec
    the bytes were decoded with (recorded in provenance).
    """

    path: str
    sha256: str
    size: int
    encoding: str
    fmt: str  # "sgml" (full submission) | "html" | "text"
    documents: list[Document]
    header: SecHeader | None = None
    skipped: list[SkippedDocument] = field(default_factory=list)

    @classmethod
    def from_texts(cls, *texts: str, path: str = "<text>", doc_types: tuple[str | None, ...] = (),
                   fmt: str = "text") -> "Filing":
        """A Filing of already-decoded texts, one Document each (for library callers and tests).

        ``sha256`` and ``size`` are computed from the UTF-8 bytes of the texts joined.
        """
        import hashlib

        raw = "\n".join(texts).encode("utf-8")
        docs = [Document(text=t, doc_type=doc_types[i] if i < len(doc_types) else None, sequence=i + 1)
                for i, t in enumerate(texts)]
        return cls(path=path, sha256=hashlib.sha256(raw).hexdigest(), size=len(raw), encoding="utf-8",
                   fmt=fmt, documents=docs)

    @property
    def primary(self) -> Document | None:
        """The main document: the one whose type is the submission's form, else the first."""
        if not self.documents:
            return None
        form = self.header.form_type if self.header else None
        for doc in self.documents:
            if form and doc.doc_type == form:
                return doc
        return self.documents[0]
