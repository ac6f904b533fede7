"""The closed lic: vocabulary: generated file is current, typos raise, ontology covers the seams."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

import kg
from kg import _genvocab
from kg.facts import AgreementKind, AgreementStatus, Bound, PaymentKind
from kg.validate import shapes_graph
from kg.vocab import LIC

REPO = Path(kg.__file__).resolve().parent.parent
LICNS = "https://w3id.org/dealgraph/lic#"


def _ontology() -> Graph:
    return _genvocab.ontology_graph()


def test_generated_vocab_is_current():
    committed = (REPO / "kg" / "vocab.py").read_text(encoding="utf-8")
    assert committed == _genvocab.render_vocab(), "kg/vocab.py is stale: run python3 -m kg._genvocab"


def test_typo_raises():
    with pytest.raises(AttributeError):
        LIC.agreementKnd  # noqa: B018
    with pytest.raises(AttributeError):
        LIC["tpyo"]


def test_known_terms_are_iris_in_the_namespace():
    assert LIC.Agreement == URIRef(LICNS + "Agreement")
    assert LIC.amount == URIRef(LICNS + "amount")


def test_ontology_is_versioned_and_read_through_importlib_resources():
    g = _ontology()
    onto = URIRef(LICNS.rstrip("#"))
    assert (onto, RDF.type, OWL.Ontology) in g
    assert g.value(onto, OWL.versionInfo) == Literal("0.1.0")



def _terms(g: Graph) -> set[str]:
    out = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        out |= {str(s)[len(LICNS):] for s in g.subjects(RDF.type, kind) if str(s).startswith(LICNS)}
    return out


def test_every_term_has_english_label_and_comment():
    g = _ontology()
    for name in sorted(_terms(g)):
        node = URIRef(LICNS + name)
        label, comment = g.value(node, RDFS.label), g.value(node, RDFS.comment)
        assert label is not None and label.language == "en", name
        assert comment is not None and len(str(comment)) > 15, name


def test_architecture_vocabulary_exists_in_ontology():
    doc = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    used = set(re.findall(r"lic:([A-Za-z][A-Za-z0-9]*)", doc))
    assert used, "no lic: terms found in docs/ARCHITECTURE.md"
    missing = used - _terms(_ontology())
    assert not missing, f"terms in ARCHITECTURE.md but not in ontology/lic.ttl: {sorted(missing)}"


# GOLD_SCHEMA field -> the lic: term that holds it (eval/GOLD_SCHEMA.md)
GOLD_FIELDS = {
    "filing.form": "form", "filing.filer": "filer", "filing.cik": "cik", "filing.date": "filingDate",
    "filing.items": "item", "filing.exhibits": "exhibit", "filing.accession_number": "accessionNumber",
    "filing.jurisdiction": "jurisdiction", "filing.commission_file_number": "commissionFileNumber",
    "filing.irs_ein": "irsEin", "filing.address": "address", "filing.phone": "phone",
    "organizations.name": "name", "organizations.aliases": "alias", "organizations.ticker": "ticker",
    "organizations.exchange": "exchange", "organizations.cik": "cik",
    "organizations.jurisdiction": "jurisdiction", "organizations.parent": "parentOrganization",
    "agreements.kind": "agreementKind", "agreements.status": "status", "agreements.date": "date",
    "agreements.parties": "party", "agreements.licensor": "licensor", "agreements.licensee": "licensee",
    "agreements.exclusive": "exclusive", "agreements.subject": "subject", "agreements.products": "product",
    "agreements.territory": "territory", "agreements.field": "fieldOfUse", "agreements.term_years": "term",
    "agreements.renewal_years": "renewalTerm", "agreements.option": "option",
    "agreements.governing_law": "governingLaw", "agreements.effective_date": "effectiveDate",
    "agreements.expiration_date": "expirationDate", "agreements.title": "title",
    "agreements.payments": "payment", "agreements.evidence": "evidence",
    "payments.kind": "paymentKind", "payments.amount": "amount", "payments.currency": "currency",
    "payments.bound": "bound", "payments.per": "per", "payments.rate": "rate", "payments.redacted": "redacted",
    "people.name": "name", "people.title": "title", "people.organization": "memberOf",
    "products.organization": "owner",
}


@pytest.mark.parametrize("field,term", sorted(GOLD_FIELDS.items()), ids=sorted(GOLD_FIELDS))
def test_gold_schema_field_has_a_term(field, term):
    assert term in _terms(_ontology()), field


@pytest.mark.parametrize(
    "prop,datatype",
    [("amount", "decimal"), ("exclusive", "boolean"), ("redacted", "boolean"), ("term", "duration"),
     ("renewalTerm", "duration"), ("startOffset", "integer"), ("endOffset", "integer"),
     ("documentIndex", "integer"), ("filingDate", "date")],
)
def test_datatype_ranges(prop, datatype):
    g = _ontology()
    assert g.value(URIRef(LICNS + prop), RDFS.range) == URIRef("http://www.w3.org/2001/XMLSchema#" + datatype)


def _sh_in(prop: str) -> set[str]:
    sg = shapes_graph()
    for shape in sg.subjects(SH.path, URIRef(LICNS + prop)):
        lst = sg.value(shape, SH["in"])
        if lst is not None:
            return {str(x) for x in Collection(sg, lst)}
    raise AssertionError(f"no sh:in for lic:{prop}")


@pytest.mark.parametrize(
    "prop,enum",
    [("agreementKind", AgreementKind), ("status", AgreementStatus), ("paymentKind", PaymentKind), ("bound", Bound)],
    ids=["agreementKind", "status", "paymentKind", "bound"],
)
def test_value_sets_agree_in_enums_shapes_and_ontology(prop, enum):
    values = {e.value for e in enum}
    assert _sh_in(prop) == values
    comment = str(_ontology().value(URIRef(LICNS + prop), RDFS.comment))
    listed = comment.split("One of:", 1)[1]
    for v in values:
        assert re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", listed), f"{v} missing from lic:{prop} comment"


def test_currency_set_is_iso_4217_shaped():
    codes = _sh_in("currency")
    assert {"USD", "EUR", "JPY", "GBP", "CHF", "DKK", "DEM"} <= codes
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert "US$" not in codes and "usd" not in codes
