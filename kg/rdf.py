"""DealFacts -> RDF: one named graph per input file (docs/ARCHITECTURE.md, "Vocabulary").

:func:`facts_to_graph` maps the extractor's :class:`kg.facts.DealFacts` to
triples in the closed ``lic:`` vocabulary (``ontology/lic.ttl``) with the
deterministic IRIs of :mod:`kg.iris`; :func:`canonical_nquads` prints any
set of named graphs as sorted N-Quads, so two builds of the same input can
be compared byte for byte.  No blank nodes are ever produced.

Mapping decisions (each one a place where a value is dropped rather than
guessed):

- dates become ``xsd:date`` (``YYYY-MM-DD``) or ``xsd:gYearMonth``
  (``YYYY-MM``); any other text is not stated (``lic:filingDate`` is
  ``xsd:date`` only);
- ``term_years``/``renewal_years`` become ``xsd:duration`` in years and
  months ("P5Y", "P2Y6M"), or days when not a whole number of months;
- a redacted payment gets ``lic:redacted true`` and never a ``lic:amount``;
- licensor and licensee are also stated as ``lic:party`` (they are
  sub-properties of it in the ontology);
- ``Agreement.amends`` becomes ``lic:amends`` only when the amended
  agreement is one of the same document's agreements;
- a CIK of up to 10 digits is zero-padded to 10 (EDGAR writes both forms);
- every organization named anywhere (party, filer, parent, employer,
  owner) becomes a typed ``lic:Organization`` with its ``lic:name``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import PurePath, PurePosixPath, PureWindowsPath

from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import PROV

from kg import iris
from kg.document import Filing
from kg.facts import Agreement, DealFacts, Evidence, Payment
from kg.names import normalize_org_name
from kg.vocab import LIC

__all__ = ["facts_to_graph", "canonical_nquads", "date_literal", "years_to_duration", "decimal_literal"]

# ISO calendar date / year-month as extractors write them (GOLD_SCHEMA dates).
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
# CIK written without its leading zeros (SEC header and cover pages use both).
_CIK_RE = re.compile(r"^\d{1,10}$")


def _v(x) -> str:
    """Enum member or plain string -> its string value."""
    return str(getattr(x, "value", x))


def date_literal(text: str | None, *, month_ok: bool = True) -> Literal | None:
    """``xsd:date`` for ``YYYY-MM-DD``, ``xsd:gYearMonth`` for ``YYYY-MM``, else None.

    >>> date_literal("2000-05-08").datatype == XSD.date
    True
    """
    if not text:
        return None
    t = text.strip()
    m = _DATE_RE.match(t)
    if m:
        try:
            date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return Literal(t, datatype=XSD.date)
    m = _YEAR_MONTH_RE.match(t)
    if m and month_ok and 1 <= int(m[2]) <= 12:
        return Literal(t, datatype=XSD.gYearMonth)
    return None


def years_to_duration(years: float | Decimal | None) -> Literal | None:
    """``xsd:duration`` for a term in years: 5 -> "P5Y", 2.5 -> "P2Y6M", 0.1 -> "P37D".

    Negative or zero terms are not stated (None).
    """
    if years is None:
        return None
    try:
        y = float(years)
    except (TypeError, ValueError):
        return None
    if not y > 0 or y != y or y == float("inf"):
        return None
    months = y * 12
    if abs(months - round(months)) < 1e-6:
        whole_years, rest = divmod(int(round(months)), 12)
        text = "P" + (f"{whole_years}Y" if whole_years else "") + (f"{rest}M" if rest else "")
    else:
        text = f"P{max(1, int(y * 365 + 0.5))}D"
    return Literal(text, datatype=XSD.duration)


def decimal_literal(value: Decimal | float | int | str | None) -> Literal | None:
    """``xsd:decimal`` in plain notation ("3000000", "1.5"; never "3E+6"), or None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return None
    if not d.is_finite():
        return None
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in {"-0", ""}:
        text = "0"
    return Literal(text, datatype=XSD.decimal)


def _text(value: str | None) -> Literal | None:
    if value is None:
        return None
    s = str(value).strip()
    return Literal(s) if s else None


def _cik(value: str | None) -> Literal | None:
    if not value:
        return None
    s = str(value).strip()
    return Literal(s.zfill(10) if _CIK_RE.match(s) else s)


def _derived_from(path: str) -> URIRef | Literal:
    """``prov:wasDerivedFrom`` object: a ``file:`` IRI for an absolute path, else the path."""
    for cls in (PurePosixPath, PureWindowsPath):
        p: PurePath = cls(path)
        if p.is_absolute():
            try:
                return URIRef(p.as_uri())
            except ValueError:
                break
    return Literal(path)


class _Mapper:
    """Adds the triples of one DealFacts to one graph (one instance per call)."""

    def __init__(self, graph: Graph, doc: URIRef):
        self.g = graph
        self.doc = doc
        self.orgs: set[URIRef] = set()
        self.evidence: set[URIRef] = set()
        self.placeholders: set[str] = set()  # names of parties a form leaves unnamed (Organization.placeholder)

    def add(self, s: URIRef, p: URIRef, o) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def org(self, name: str | None, *, declared: bool = False) -> URIRef | None:
        """The organization node for ``name``; None for a blank name.

        A declared organization (``DealFacts.organizations``) states every
        name it is given; a mere reference (party, filer, employer ...)
        names the node only when nothing in this document named it yet, so
        a short form ("Acme") used as a reference does not become a name.
        """
        if not name or not name.strip():
            return None
        node = iris.placeholder_org_iri(self.doc, name) if name in self.placeholders else iris.org_iri(name)
        if node in self.orgs and not declared:
            return node
        self.g.add((node, RDF.type, LIC.Organization))
        self.add(node, LIC.name, _text(name))
        if node not in self.orgs:
            self.orgs.add(node)
            key = normalize_org_name(name)
            self.add(node, LIC.normalizedName, Literal(key) if key else None)
        return node

    def ev(self, subject: URIRef, e: Evidence | None) -> None:
        """``subject lic:evidence <evidence>``; the Evidence node is stated once per span."""
        if e is None:
            return
        node = iris.evidence_iri(self.doc, e.document, e.start, e.end)
        self.g.add((subject, LIC.evidence, node))
        if node in self.evidence:
            return
        self.evidence.add(node)
        g = self.g
        g.add((node, RDF.type, LIC.Evidence))
        g.add((node, LIC.quote, Literal(e.quote if e.quote is not None else "")))
        g.add((node, LIC.startOffset, Literal(int(e.start), datatype=XSD.integer)))
        g.add((node, LIC.endOffset, Literal(int(e.end), datatype=XSD.integer)))
        g.add((node, LIC.documentIndex, Literal(int(e.document), datatype=XSD.integer)))
        g.add((node, LIC.inDocument, self.doc))

    def agreement(self, n: int, a: Agreement) -> None:
        node = iris.agreement_iri(self.doc, n)
        add = self.add
        self.g.add((node, RDF.type, LIC.Agreement))
        add(node, LIC.agreementKind, Literal(_v(a.kind)))
        add(node, LIC.status, Literal(_v(a.status)) if a.status is not None else None)
        add(node, LIC.date, date_literal(a.date))
        add(node, LIC.effectiveDate, date_literal(a.effective_date))
        add(node, LIC.expirationDate, date_literal(a.expiration_date))
        for name in a.parties:
            if name in a.person_parties:  # a person who signs as a party (an endorser, a consultant)
                person = iris.person_iri(name)
                self.g.add((person, RDF.type, LIC.Person))
                self.g.add((person, LIC.name, Literal(name.strip())))
                self.ev(person, a.evidence)
                add(node, LIC.party, person)
                continue
            add(node, LIC.party, self.org(name))
        for role, name in ((LIC.licensor, a.licensor), (LIC.licensee, a.licensee)):
            o = self.org(name)
            add(node, role, o)
            add(node, LIC.party, o)
        if a.exclusive is not None:
            add(node, LIC.exclusive, Literal(bool(a.exclusive)))
        for label in a.subject:
            if label and label.strip():
                t = iris.tech_iri(label)
                self.g.add((t, RDF.type, LIC.Technology))
                self.g.add((t, RDFS.label, Literal(label.strip())))
                add(node, LIC.subject, t)
        for label in a.products:
            add(node, LIC.product, self.product(label))
        add(node, LIC.territory, _text(a.territory))
        add(node, LIC.fieldOfUse, _text(a.field_of_use))
        add(node, LIC.term, years_to_duration(a.term_years))
        add(node, LIC.renewalTerm, years_to_duration(a.renewal_years))
        add(node, LIC.option, _text(a.option))
        add(node, LIC.governingLaw, _text(a.governing_law))
        add(node, LIC.title, _text(a.title))
        for i, p in enumerate(a.payments, start=1):
            pnode = iris.payment_iri(node, i)
            self.g.add((node, LIC.payment, pnode))
            self.payment(pnode, p)
        self.ev(node, a.evidence)

    def payment(self, node: URIRef, p: Payment) -> None:
        add = self.add
        self.g.add((node, RDF.type, LIC.Payment))
        add(node, LIC.paymentKind, Literal(_v(p.kind)))
        redacted = bool(p.redacted)
        if not redacted:
            add(node, LIC.amount, decimal_literal(p.amount))
        add(node, LIC.redacted, Literal(redacted))
        add(node, LIC.currency, _text(p.currency))
        add(node, LIC.bound, Literal(_v(p.bound)) if p.bound is not None else None)
        add(node, LIC.per, _text(p.per))
        add(node, LIC.rate, _text(p.rate))
        add(node, LIC.description, _text(p.description))
        self.ev(node, p.evidence)

    def product(self, label: str | None) -> URIRef | None:
        if not label or not label.strip():
            return None
        node = iris.product_iri(label)
        self.g.add((node, RDF.type, LIC.Product))
        self.g.add((node, RDFS.label, Literal(label.strip())))
        return node


def _accession(facts: DealFacts, filing: Filing | None) -> str | None:
    if filing is not None and filing.header is not None and filing.header.accession_number:
        return filing.header.accession_number
    return facts.filing.accession_number


def facts_to_graph(facts: DealFacts, filing: Filing | None = None) -> tuple[URIRef, Graph]:
    """The named-graph IRI (the ``lic:Document`` of this input file) and its triples.

    ``filing`` (the reader's output) adds the encoding, format and SEC-header
    accession number to the provenance; without it they come from ``facts``.
    """
    doc = iris.document_iri(facts.sha256, _accession(facts, filing))
    g = Graph(identifier=doc)
    g.bind("lic", str(LIC._NS))
    g.bind("prov", str(PROV))
    m = _Mapper(g, doc)

    # lic:Document: provenance of the input file
    g.add((doc, RDF.type, LIC.Document))
    g.add((doc, LIC.sourcePath, Literal(facts.path)))
    g.add((doc, LIC.sha256, Literal(facts.sha256.lower())))
    g.add((doc, PROV.wasDerivedFrom, _derived_from(facts.path)))
    if filing is not None:
        m.add(doc, LIC.encoding, _text(filing.encoding))
        m.add(doc, LIC.format, _text(filing.fmt))

    m.placeholders = {o.name for o in facts.organizations if o.placeholder}
    # declared organizations first, so that references below do not name them
    for o in facts.organizations:
        m.org(o.name, declared=True)
    for o in facts.organizations:
        node = m.org(o.name, declared=True)
        if node is None:
            continue
        for alias in o.aliases:
            m.add(node, LIC.alias, _text(alias))
        m.add(node, LIC.ticker, _text(o.ticker))
        m.add(node, LIC.exchange, _text(o.exchange))
        m.add(node, LIC.cik, _cik(o.cik))
        m.add(node, LIC.jurisdiction, _text(o.jurisdiction))
        parent = m.org(o.parent)
        if parent is not None and parent != node:
            g.add((node, LIC.parentOrganization, parent))
        m.ev(node, o.evidence)

    # lic:Filing: cover page / header facts; the registrant's ids go on its Organization
    f = facts.filing
    fnode = iris.filing_iri(doc)
    accession = _accession(facts, filing)
    scalar = [f.form, f.filer, f.date, f.commission_file_number, f.irs_ein, f.address, f.phone, f.jurisdiction]
    if any(v for v in scalar) or f.items or f.exhibits or accession or f.evidence:
        g.add((fnode, RDF.type, LIC.Filing))
        g.add((doc, LIC.describes, fnode))
        m.add(fnode, LIC.form, _text(f.form))
        filer = m.org(f.filer)
        m.add(fnode, LIC.filer, filer)
        if filer is not None:
            m.add(filer, LIC.cik, _cik(f.cik))
            m.add(filer, LIC.ticker, _text(f.ticker))
            m.add(filer, LIC.exchange, _text(f.exchange))
        m.add(fnode, LIC.filingDate, date_literal(f.date, month_ok=False))
        m.add(fnode, LIC.accessionNumber, _text(accession))
        for item in f.items:
            m.add(fnode, LIC.item, _text(item))
        for ex in f.exhibits:
            m.add(fnode, LIC.exhibit, _text(ex))
        m.add(fnode, LIC.commissionFileNumber, _text(f.commission_file_number))
        m.add(fnode, LIC.irsEin, _text(f.irs_ein))
        m.add(fnode, LIC.address, _text(f.address))
        m.add(fnode, LIC.phone, _text(f.phone))
        m.add(fnode, LIC.jurisdiction, _text(f.jurisdiction))
        m.ev(fnode, f.evidence)

    for n, a in enumerate(facts.agreements, start=1):
        m.agreement(n, a)
    for n, a in enumerate(facts.agreements, start=1):  # lic:amends: the earlier agreement, when read too
        k = next((k for k, b in enumerate(facts.agreements, start=1) if b is a.amends), None)
        if k is not None and k != n:
            g.add((iris.agreement_iri(doc, n), LIC.amends, iris.agreement_iri(doc, k)))

    for p in facts.people:
        if not p.name or not p.name.strip():
            continue
        node = iris.person_iri(p.name, p.organization)
        g.add((node, RDF.type, LIC.Person))
        g.add((node, LIC.name, Literal(p.name.strip())))
        m.add(node, LIC.title, _text(p.title))
        m.add(node, LIC.memberOf, m.org(p.organization))
        m.ev(node, p.evidence)

    for pr in facts.products:
        node = m.product(pr.name)
        if node is None:
            continue
        m.add(node, LIC.owner, m.org(pr.organization))
        m.ev(node, pr.evidence)
    return doc, g


def _quads(source) -> Iterable[tuple]:
    if isinstance(source, (Dataset, ConjunctiveGraph)):
        for s, p, o, c in source.quads((None, None, None, None)):
            gid = c.identifier if isinstance(c, Graph) else c
            yield s, p, o, gid
    elif isinstance(source, Graph):
        for s, p, o in source:
            yield s, p, o, source.identifier
    elif isinstance(source, tuple) and len(source) == 2 and isinstance(source[1], Graph):
        for s, p, o in source[1]:
            yield s, p, o, source[0]
    else:
        for item in source:
            yield from _quads(item)


def canonical_nquads(dataset_or_graphs) -> str:
    """Sorted N-Quads of a Dataset, a Graph, ``(iri, graph)`` pairs or an iterable of those.

    A Graph's quads go in the graph named by its identifier (the default
    graph when that is a blank node, as for ``Graph()``).  Raises
    ValueError on a blank node: dealgraph graphs have none, which is what
    makes this text canonical without blank-node relabelling.
    """
    ds = Dataset()
    for s, p, o, gid in _quads(dataset_or_graphs):
        if any(isinstance(t, BNode) for t in (s, p, o)):
            raise ValueError(f"blank node in a dealgraph graph: {s} {p} {o}")
        if gid is None or isinstance(gid, BNode) or gid == ds.default_graph.identifier:
            ds.add((s, p, o))
        else:
            ds.graph(gid).add((s, p, o))
    text = ds.serialize(format="nquads")
    lines = sorted(set(line for line in text.split("\n") if line.strip()))
    return "\n".join(lines) + ("\n" if lines else "")
