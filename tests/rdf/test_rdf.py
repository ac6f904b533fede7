"""kg.rdf: DealFacts -> named graph, against a golden graph; determinism; literal helpers."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from graph_assert import assert_isomorphic

from kg.document import Document, Filing, SecHeader
from kg.facts import (
    Agreement, AgreementKind, AgreementStatus, Bound, DealFacts, Evidence, FilingFacts,
    Organization, Payment, PaymentKind, Person, Product,
)
from kg.rdf import canonical_nquads, date_literal, decimal_literal, facts_to_graph, years_to_duration
from kg.validate import validate_graph

SHA = "0123456789abcdef" * 4
E_COVER = Evidence(0, 0, 40, "ACME WIDGETS, INC. (Exact name of registrant)")
E_DEAL = Evidence(0, 100, 180, "Northwind Labs granted Acme Widgets an exclusive license to its sealing patents.")
E_PAY = Evidence(1, 5, 60, "Acme will pay $2.5 million upfront and up to $15 million per product.")


def golden_facts() -> DealFacts:
    """A small filing written for this test: one licence with three payments."""
    return DealFacts(
        path="filings/acme-8k.txt",
        sha256=SHA,
        filing=FilingFacts(
            form="8-K", filer="Acme Widgets, Inc.", cik="98765", date="2005-03-03",
            items=["1.01", "9.01"], exhibits=["99.1"], accession_number="0000123456-05-000042",
            jurisdiction="Delaware", commission_file_number="0-12345", irs_ein="12-3456789",
            address="1 Main St, Springfield", phone="(555) 555-0100", ticker="ACMW", exchange="Nasdaq",
            evidence=E_COVER,
        ),
        organizations=[
            Organization("Acme Widgets, Inc.", aliases=["Acme"], ticker="ACMW", exchange="Nasdaq",
                         cik="98765", jurisdiction="Delaware", evidence=E_COVER),
            Organization("Northwind Labs GmbH", parent="Northwind Holding AG", evidence=E_DEAL),
        ],
        agreements=[
            Agreement(
                kind=AgreementKind.LICENSE, status=AgreementStatus.NEW, date="2005-03-01",
                parties=["Acme Widgets, Inc.", "Northwind Labs GmbH"],
                licensor="Northwind Labs GmbH", licensee="Acme Widgets, Inc.", exclusive=True,
                subject=["ferro-fluid sealing patents"], products=["SealX"], territory="worldwide",
                field_of_use="industrial pumps", term_years=10, renewal_years=2.5,
                option="option to extend the territory to Asia", governing_law="New York",
                effective_date="2005-04", title="Patent License Agreement",
                payments=[
                    Payment(PaymentKind.UPFRONT, amount=Decimal("2.5E+6"), currency="USD",
                            bound=Bound.EXACT, evidence=E_PAY),
                    Payment(PaymentKind.MILESTONE, amount=Decimal("15000000"), currency="USD",
                            bound=Bound.UP_TO, per="product", evidence=E_PAY),
                    Payment(PaymentKind.ROYALTY, amount=Decimal("7"), redacted=True,
                            rate="tiered", evidence=E_DEAL),
                ],
                evidence=E_DEAL,
            )
        ],
        people=[Person("Jane Q. Roe", "Chief Executive Officer", "Acme Widgets, Inc.", E_DEAL)],
        products=[Product("SealX", "Acme Widgets, Inc.")],
    )


GOLDEN = """
@prefix lic: <https://w3id.org/dealgraph/lic#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/dealgraph/id/> .
@prefix d: <https://w3id.org/dealgraph/id/doc/0000123456-05-000042/> .

<https://w3id.org/dealgraph/id/doc/0000123456-05-000042> a lic:Document ;
    lic:sourcePath "filings/acme-8k.txt" ;
    lic:sha256 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" ;
    prov:wasDerivedFrom "filings/acme-8k.txt" ;
    lic:describes d:filing .

d:filing a lic:Filing ;
    lic:form "8-K" ; lic:filer id:org\\/acme-widgets ; lic:filingDate "2005-03-03"^^xsd:date ;
    lic:accessionNumber "0000123456-05-000042" ; lic:item "1.01" , "9.01" ; lic:exhibit "99.1" ;
    lic:commissionFileNumber "0-12345" ; lic:irsEin "12-3456789" ; lic:address "1 Main St, Springfield" ;
    lic:phone "(555) 555-0100" ; lic:jurisdiction "Delaware" ;
    lic:evidence d:evidence\\/0-0-40 .

id:org\\/acme-widgets a lic:Organization ;
    lic:name "Acme Widgets, Inc." ; lic:normalizedName "acme widgets" ; lic:alias "Acme" ;
    lic:ticker "ACMW" ; lic:exchange "Nasdaq" ; lic:cik "0000098765" ; lic:jurisdiction "Delaware" ;
    lic:evidence d:evidence\\/0-0-40 .

id:org\\/northwind-labs a lic:Organization ;
    lic:name "Northwind Labs GmbH" ; lic:normalizedName "northwind labs" ;
    lic:parentOrganization id:org\\/northwind-holding ;
    lic:evidence d:evidence\\/0-100-180 .

id:org\\/northwind-holding a lic:Organization ;
    lic:name "Northwind Holding AG" ; lic:normalizedName "northwind holding" .

d:agreement\\/1 a lic:Agreement ;
    lic:agreementKind "license" ; lic:status "new" ; lic:date "2005-03-01"^^xsd:date ;
    lic:effectiveDate "2005-04"^^xsd:gYearMonth ;
    lic:party id:org\\/acme-widgets , id:org\\/northwind-labs ;
    lic:licensor id:org\\/northwind-labs ; lic:licensee id:org\\/acme-widgets ;
    lic:exclusive true ;
    lic:subject id:tech\\/ferro-fluid-sealing-patents ; lic:product id:product\\/sealx ;
    lic:territory "worldwide" ; lic:fieldOfUse "industrial pumps" ;
    lic:term "P10Y"^^xsd:duration ; lic:renewalTerm "P2Y6M"^^xsd:duration ;
    lic:option "option to extend the territory to Asia" ; lic:governingLaw "New York" ;
    lic:title "Patent License Agreement" ;
    lic:payment d:agreement\\/1\\/payment\\/1 , d:agreement\\/1\\/payment\\/2 , d:agreement\\/1\\/payment\\/3 ;
    lic:evidence d:evidence\\/0-100-180 .

d:agreement\\/1\\/payment\\/1 a lic:Payment ;
    lic:paymentKind "upfront" ; lic:amount "2500000"^^xsd:decimal ; lic:currency "USD" ;
    lic:bound "exact" ; lic:redacted false ; lic:evidence d:evidence\\/1-5-60 .

d:agreement\\/1\\/payment\\/2 a lic:Payment ;
    lic:paymentKind "milestone" ; lic:amount "15000000"^^xsd:decimal ; lic:currency "USD" ;
    lic:bound "up-to" ; lic:per "product" ; lic:redacted false ; lic:evidence d:evidence\\/1-5-60 .

d:agreement\\/1\\/payment\\/3 a lic:Payment ;
    lic:paymentKind "royalty" ; lic:rate "tiered" ; lic:redacted true ;
    lic:evidence d:evidence\\/0-100-180 .

id:tech\\/ferro-fluid-sealing-patents a lic:Technology ; rdfs:label "ferro-fluid sealing patents" .
id:product\\/sealx a lic:Product ; rdfs:label "SealX" ; lic:owner id:org\\/acme-widgets .

id:person\\/jane-q.-roe--acme-widgets a lic:Person ;
    lic:name "Jane Q. Roe" ; lic:title "Chief Executive Officer" ; lic:memberOf id:org\\/acme-widgets ;
    lic:evidence d:evidence\\/0-100-180 .

d:evidence\\/0-0-40 a lic:Evidence ;
    lic:quote "ACME WIDGETS, INC. (Exact name of registrant)" ;
    lic:startOffset 0 ; lic:endOffset 40 ; lic:documentIndex 0 ;
    lic:inDocument <https://w3id.org/dealgraph/id/doc/0000123456-05-000042> .

d:evidence\\/0-100-180 a lic:Evidence ;
    lic:quote "Northwind Labs granted Acme Widgets an exclusive license to its sealing patents." ;
    lic:startOffset 100 ; lic:endOffset 180 ; lic:documentIndex 0 ;
    lic:inDocument <https://w3id.org/dealgraph/id/doc/0000123456-05-000042> .

d:evidence\\/1-5-60 a lic:Evidence ;
    lic:quote "Acme will pay $2.5 million upfront and up to $15 million per product." ;
    lic:startOffset 5 ; lic:endOffset 60 ; lic:documentIndex 1 ;
    lic:inDocument <https://w3id.org/dealgraph/id/doc/0000123456-05-000042> .
"""

DOC = URIRef("https://w3id.org/dealgraph/id/doc/0000123456-05-000042")


def test_golden_graph():
    iri, g = facts_to_graph(golden_facts())
    assert iri == DOC
    assert g.identifier == DOC
    assert_isomorphic(Graph().parse(data=GOLDEN, format="turtle"), g)


def test_golden_graph_conforms_to_shapes():
    _, g = facts_to_graph(golden_facts())
    result = validate_graph(g)
    assert result.conforms, result.text()
    assert result.violations == []


def test_building_twice_gives_identical_canonical_nquads():
    a = canonical_nquads(facts_to_graph(golden_facts()))
    b = canonical_nquads(facts_to_graph(golden_facts()))
    assert a == b
    lines = a.splitlines()
    assert lines == sorted(lines)
    assert all(line.endswith(f"<{DOC}> .") for line in lines)
    assert "_:" not in a


def test_canonical_nquads_accepts_dataset_and_graph_lists():
    iri, g = facts_to_graph(golden_facts())
    ds = Dataset()
    ds.graph(iri).__iadd__(g)
    assert canonical_nquads(ds) == canonical_nquads([g]) == canonical_nquads((iri, g))


def test_canonical_nquads_refuses_blank_nodes():
    from rdflib import BNode
    g = Graph(identifier=DOC)
    g.add((BNode(), URIRef("http://example.org/p"), Literal("x")))
    with pytest.raises(ValueError, match="blank node"):
        canonical_nquads(g)


def test_reader_filing_adds_provenance_and_header_accession():
    facts = golden_facts()
    facts.filing.accession_number = None
    filing = Filing(path="filings/acme-8k.txt", sha256=SHA, size=10, encoding="cp1252", fmt="sgml",
                    documents=[Document(text="x")], header=SecHeader(accession_number="0000999999-06-000001"))
    iri, g = facts_to_graph(facts, filing)
    assert iri == URIRef("https://w3id.org/dealgraph/id/doc/0000999999-06-000001")
    from kg.vocab import LIC
    assert g.value(iri, LIC.encoding) == Literal("cp1252")
    assert g.value(iri, LIC.format) == Literal("sgml")
    assert g.value(URIRef(f"{iri}/filing"), LIC.accessionNumber) == Literal("0000999999-06-000001")


def test_document_without_accession_is_named_by_hash_and_absolute_path_is_file_iri():
    facts = golden_facts()
    facts.filing.accession_number = None
    facts.path = "/data/in put/acme.txt"
    iri, g = facts_to_graph(facts)
    assert iri == URIRef("https://w3id.org/dealgraph/id/doc/sha256-0123456789abcdef0123")
    from rdflib.namespace import PROV
    assert g.value(iri, PROV.wasDerivedFrom) == URIRef("file:///data/in%20put/acme.txt")


def test_empty_facts_give_only_the_document():
    iri, g = facts_to_graph(DealFacts(path="a.txt", sha256=SHA))
    subjects = set(g.subjects())
    assert subjects == {iri}
    assert validate_graph(g).conforms


def test_reference_by_other_spelling_does_not_add_a_name():
    facts = golden_facts()
    facts.people[0].organization = "ACME WIDGETS INC"  # same normalized name, other spelling
    _, g = facts_to_graph(facts)
    from kg.vocab import LIC
    org = URIRef("https://w3id.org/dealgraph/id/org/acme-widgets")
    assert set(g.objects(org, LIC.name)) == {Literal("Acme Widgets, Inc.")}


def test_licensor_missing_from_parties_is_added_as_party():
    facts = golden_facts()
    facts.agreements[0].parties = ["Acme Widgets, Inc."]
    _, g = facts_to_graph(facts)
    from kg.vocab import LIC
    parties = set(g.objects(URIRef(f"{DOC}/agreement/1"), LIC.party))
    assert URIRef("https://w3id.org/dealgraph/id/org/northwind-labs") in parties


def test_amendment_links_the_agreement_it_amends_in_the_same_document():
    from kg.vocab import LIC
    facts = golden_facts()
    original = facts.agreements[0]
    original.status = AgreementStatus.REFERENCED
    amendment = Agreement(kind=original.kind, status=AgreementStatus.AMENDED, date="2006-01-10",
                          parties=list(original.parties), evidence=E_DEAL, amends=original)
    facts.agreements = [amendment, original]
    _, g = facts_to_graph(facts)
    assert list(g.triples((None, LIC.amends, None))) == [
        (URIRef(f"{DOC}/agreement/1"), LIC.amends, URIRef(f"{DOC}/agreement/2"))]
    assert validate_graph(g).conforms
    amendment.amends = Agreement(kind=original.kind)  # an agreement this document does not list: no link
    _, g = facts_to_graph(facts)
    assert not list(g.triples((None, LIC.amends, None)))
    assert "amends" not in facts.to_gold()["agreements"][0]


@pytest.mark.parametrize(
    "text,expected",
    [("2000-05-08", Literal("2000-05-08", datatype=XSD.date)),
     ("2000-05", Literal("2000-05", datatype=XSD.gYearMonth)),
     (" 1999-12-31 ", Literal("1999-12-31", datatype=XSD.date)),
     ("2001-02-30", None), ("2001-13", None), ("May 8, 2000", None), ("2000", None), ("", None), (None, None)],
)
def test_date_literal(text, expected):
    assert date_literal(text) == expected


def test_filing_date_refuses_month_only():
    assert date_literal("2000-05", month_ok=False) is None


@pytest.mark.parametrize(
    "years,expected",
    [(5, "P5Y"), (2.5, "P2Y6M"), (0.5, "P6M"), (Decimal("1.25"), "P1Y3M"), (0.1, "P37D"),
     (0, None), (-3, None), (None, None), (float("nan"), None)],
)
def test_years_to_duration(years, expected):
    lit = years_to_duration(years)
    assert (None if lit is None else str(lit)) == expected
    if lit is not None:
        assert lit.datatype == XSD.duration


@pytest.mark.parametrize(
    "value,expected",
    [(Decimal("3E+6"), "3000000"), (Decimal("1.50"), "1.5"), (40000000, "40000000"), ("0.000", "0"),
     (Decimal("-2.5"), "-2.5"), ("abc", None), (True, None), (Decimal("Infinity"), None), (None, None)],
)
def test_decimal_literal_is_plain_notation(value, expected):
    lit = decimal_literal(value)
    assert (None if lit is None else str(lit)) == expected


def test_canonical_nquads_identical_across_processes_and_hash_seeds():
    import os
    import subprocess
    import sys
    from pathlib import Path

    here = Path(__file__).parent
    script = ("import sys; sys.path.insert(0, sys.argv[1]); import test_rdf; from kg.rdf import canonical_nquads; "
              "sys.stdout.write(canonical_nquads(test_rdf.facts_to_graph(test_rdf.golden_facts())))")
    outs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        env["PYTHONPATH"] = os.pathsep.join([str(here.parent.parent), env.get("PYTHONPATH", "")])
        proc = subprocess.run([sys.executable, "-c", script, str(here)], env=env, capture_output=True, text=True,
                              check=True, timeout=120)
        outs.append(proc.stdout)
    assert outs[0] == outs[1] == canonical_nquads(facts_to_graph(golden_facts()))
