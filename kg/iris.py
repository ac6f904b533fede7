"""Deterministic IRIs for dealgraph nodes (docs/ARCHITECTURE.md, "IRIs").

Same input, same IRI, on every machine and run: IRIs are built only from
the accession number, the content hash, normalized names and positions,
never from random UUIDs, clocks or absolute paths.  :func:`slug` makes any
text safe inside an IRI path segment (quotes, angle brackets, ampersands,
spaces and non-Latin letters are percent-encoded, long text gets a hash
suffix), so no name can produce an invalid IRI.

Base ``https://w3id.org/dealgraph/id/``:

- document (the named graph): ``doc/<accession>`` or ``doc/sha256-<20 hex>``;
- filing: ``<doc>/filing``;
- organization: ``org/<slug of kg.names.normalize_org_name(name)>``;
- agreement ``<doc>/agreement/<n>``; payment ``<agreement>/payment/<n>`` (1-based);
- person ``person/<slug name>--<org key>`` (or ``person/<slug name>`` without org);
- technology ``tech/<slug>``, product ``product/<slug>``;
- evidence ``<doc>/evidence/<documentIndex>-<start>-<end>``.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

from kg.names import normalize_org_name

__all__ = [
    "BASE",
    "slug",
    "org_key",
    "document_iri",
    "filing_iri",
    "org_iri",
    "agreement_iri",
    "payment_iri",
    "person_iri",
    "tech_iri",
    "product_iri",
    "evidence_iri",
]

BASE = "https://w3id.org/dealgraph/id/"

# EDGAR accession number "0000950123-00-004567" (filer id, year, sequence);
# why: the only form an SEC header gives, and safe in an IRI as is.
_ACCESSION_RE = re.compile(r"^\d{10}-\d{2}-\d{6}$")
_SHA256_RE = re.compile(r"^[0-9a-fA-F]{64}$")
_MAX_SLUG = 80  # characters of a slug before it is cut and given a hash suffix


def _digest(text: str, n: int = 12) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def slug(text: str) -> str:
    """An IRI path segment for ``text``: stable, readable when Latin, always valid.

    NFKC-normalized and case-folded; whitespace and "/" runs become "-";
    ASCII letters, digits and ``-._~`` stay; everything else (quotes, ``<>&``,
    non-Latin letters) is percent-encoded as UTF-8.  Slugs never contain
    "--" (the person-IRI separator) and are cut at 80 characters with a
    12-hex hash suffix of the full text.  Raises ValueError on blank text.

    >>> slug("Fresh & <New> \\"Tech\\"")
    'fresh-%26-%3Cnew%3E-%22tech%22'
    """
    if text is None or not str(text).strip():
        raise ValueError("cannot make an IRI slug from blank text")
    s = unicodedata.normalize("NFKC", str(text)).casefold().strip()
    s = re.sub(r"[\s/]+", "-", s)
    s = quote(s, safe="-._~")
    s = re.sub(r"-{2,}", "-", s).strip("-") or "x"
    if len(s) > _MAX_SLUG:
        cut = s[:_MAX_SLUG]
        cut = re.sub(r"%[0-9A-F]?$", "", cut).rstrip("-")  # never split a %XX escape
        s = f"{cut}-{_digest(str(text))}"
    if s in {".", ".."}:  # dot segments would be removed by IRI resolution
        s = f"x{s}"
    return s


def org_key(name: str) -> str:
    """The path segment of an organization IRI: slug of the normalized name.

    Names that normalize to nothing (all non-Latin script) use the slug of
    the name itself, so they still get a distinct, stable IRI.
    """
    key = normalize_org_name(name)
    return slug(key if key else name)


def document_iri(sha256: str, accession: str | None = None) -> URIRef:
    """``lic:Document`` / named-graph IRI: by accession number, else by content hash."""
    if accession and _ACCESSION_RE.match(accession.strip()):
        return URIRef(f"{BASE}doc/{accession.strip()}")
    if not sha256 or not _SHA256_RE.match(sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return URIRef(f"{BASE}doc/sha256-{sha256.lower()[:20]}")


def filing_iri(doc: URIRef) -> URIRef:
    """``lic:Filing`` IRI of a document: ``<doc>/filing``."""
    return URIRef(f"{doc}/filing")


def org_iri(name: str) -> URIRef:
    """``lic:Organization`` IRI, shared across documents: ``org/<org_key(name)>``."""
    return URIRef(f"{BASE}org/{org_key(name)}")


def placeholder_org_iri(doc: URIRef, name: str) -> URIRef:
    """``lic:Organization`` IRI of a party a form leaves unnamed ("Licensee"): scoped to its document,
    ``<doc>/party/<org_key(name)>``, so that role names never join organizations across documents."""
    return URIRef(f"{doc}/party/{org_key(name)}")


def agreement_iri(doc: URIRef, n: int) -> URIRef:
    """``lic:Agreement`` IRI: the n-th (1-based) agreement of the document."""
    return URIRef(f"{doc}/agreement/{int(n)}")


def payment_iri(agreement: URIRef, n: int) -> URIRef:
    """``lic:Payment`` IRI: the n-th (1-based) payment of the agreement."""
    return URIRef(f"{agreement}/payment/{int(n)}")


def person_iri(name: str, organization: str | None = None) -> URIRef:
    """``lic:Person`` IRI: ``person/<slug name>--<org key>``, shared across documents."""
    base = f"{BASE}person/{slug(name)}"
    if organization and organization.strip():
        return URIRef(f"{base}--{org_key(organization)}")
    return URIRef(base)


def tech_iri(label: str) -> URIRef:
    """``lic:Technology`` IRI: ``tech/<slug>``."""
    return URIRef(f"{BASE}tech/{slug(label)}")


def product_iri(label: str) -> URIRef:
    """``lic:Product`` IRI: ``product/<slug>``."""
    return URIRef(f"{BASE}product/{slug(label)}")


def evidence_iri(doc: URIRef, document_index: int, start: int, end: int) -> URIRef:
    """``lic:Evidence`` IRI: ``<doc>/evidence/<documentIndex>-<start>-<end>``."""
    return URIRef(f"{doc}/evidence/{int(document_index)}-{int(start)}-{int(end)}")
