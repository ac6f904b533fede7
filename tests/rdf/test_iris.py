"""kg.iris slugs and IRIs, and hostile literals round-tripping through Turtle, N-Quads and JSON-LD."""
from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from kg import iris
from kg.facts import Agreement, AgreementKind, DealFacts, Evidence, Organization
from kg.rdf import canonical_nquads, facts_to_graph

SHA = "f" * 64
# Text hypothesis may draw: any Unicode except surrogates (not encodable as UTF-8).
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)
SEGMENT = re.compile(r"^(?:[a-z0-9._~-]|%[0-9A-F]{2})+$")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Genentech", "genentech"),
        ("maytansinoid TAP technology", "maytansinoid-tap-technology"),
        ('Fresh & <New> "Tech"', "fresh-%26-%3Cnew%3E-%22tech%22"),
        ("  spaced   out  ", "spaced-out"),
        ("a -- b", "a-b"),
        ("Ünïcode", "%C3%BCn%C3%AFcode"),
        ("株式会社", "%E6%A0%AA%E5%BC%8F%E4%BC%9A%E7%A4%BE"),
        ("a/b", "a-b"),
        ("..", "x.."),
    ],
)
def test_slug_examples(text, expected):
    assert iris.slug(text) == expected


@pytest.mark.parametrize("blank", ["", "   ", None])
def test_slug_refuses_blank(blank):
    with pytest.raises(ValueError):
        iris.slug(blank)


def test_long_slug_is_cut_with_hash_suffix_and_stays_distinct():
    a = iris.slug("x" * 200 + "a")
    b = iris.slug("x" * 200 + "b")
    assert a != b
    assert len(a) <= 80 + 13 and re.fullmatch(r"x+-[0-9a-f]{12}", a)


def test_long_non_latin_slug_never_splits_an_escape():
    s = iris.slug("株" * 100)
    head = s.rsplit("-", 1)[0]
    assert re.fullmatch(r"(%[0-9A-F]{2})+", head)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT.filter(lambda t: t.strip()))
def test_any_text_gives_a_valid_stable_iri(text):
    s = iris.slug(text)
    assert SEGMENT.match(s), s
    assert "--" not in s
    assert iris.slug(text) == s
    for make in (iris.org_iri, iris.tech_iri, iris.product_iri, iris.person_iri):
        node = make(text)
        ox.NamedNode(str(node))  # raises on an invalid IRI
    ox.NamedNode(str(iris.person_iri(text, text)))


def test_org_iri_is_shared_by_spellings_of_one_name():
    assert iris.org_iri("GENENTECH, INC.") == iris.org_iri("Genentech") == iris.org_iri("Genentech Inc")
    assert iris.org_iri("Genentech") != iris.org_iri("Genzyme")


def test_org_that_normalizes_to_nothing_still_gets_distinct_iris():
    a, b = iris.org_iri("株式会社"), iris.org_iri("有限会社")
    assert a != b
    ox.NamedNode(str(a))


def test_person_iri_separates_name_and_org():
    assert str(iris.person_iri("Jane Roe", "Acme Corp.")).endswith("/person/jane-roe--acme")
    assert str(iris.person_iri("Jane Roe")).endswith("/person/jane-roe")


@pytest.mark.parametrize(
    "accession,expected",
    [("0000950123-00-004567", "doc/0000950123-00-004567"),
     (None, "doc/sha256-ffffffffffffffffffff"),
     ("950123-00-4567", "doc/sha256-ffffffffffffffffffff"),  # not EDGAR's 10-2-6 form: hash
     ("0000950123-00-004567<script>", "doc/sha256-ffffffffffffffffffff")],
)
def test_document_iri(accession, expected):
    assert str(iris.document_iri(SHA, accession)) == iris.BASE + expected


def test_document_iri_refuses_non_hash():
    with pytest.raises(ValueError):
        iris.document_iri("not-a-hash")


def test_evidence_and_payment_iris():
    doc = iris.document_iri(SHA)
    a = iris.agreement_iri(doc, 2)
    assert str(iris.payment_iri(a, 3)) == f"{doc}/agreement/2/payment/3"
    assert str(iris.evidence_iri(doc, 1, 10, 20)) == f"{doc}/evidence/1-10-20"


def _facts_named(name: str) -> DealFacts:
    ev = Evidence(0, 0, 5, name)
    return DealFacts(
        path=f"in/{name}.txt", sha256=SHA,
        organizations=[Organization(name, aliases=[name + "\n"], evidence=ev)],
        agreements=[Agreement(AgreementKind.LICENSE, parties=[name, "Other Co"], title=name, evidence=ev)],
    )


HOSTILE = ['Q"uote\' <angle> & amp', "line\nbreak\r\ttab", "back\\slash \\u0041", "株式会社 Ünïcode ☃",
           "\x00nul\x1f", "\u2028sep\u2029", "}{@prefix x: <y> .", "😀 emoji"]


def _round_trips(g: Graph) -> None:
    for fmt in ("turtle", "nt", "json-ld"):
        text = g.serialize(format=fmt)
        back = Graph().parse(data=text, format=fmt)
        assert isomorphic(g, back), fmt
    ds = Dataset()
    ds.graph(g.identifier).__iadd__(g)
    nq = ds.serialize(format="nquads")
    back_ds = Dataset()
    back_ds.parse(data=nq, format="nquads")
    assert canonical_nquads(back_ds) == canonical_nquads(g)
    # pyoxigraph (the store) must accept and reproduce it too
    quads = list(ox.parse(nq.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(g)


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_names_round_trip(name):
    _, g = facts_to_graph(_facts_named(name))
    assert Literal(name.strip()) in set(g.objects())
    _round_trips(g)


@settings(max_examples=60, deadline=None)
@given(ANY_TEXT.filter(lambda t: t.strip()))
def test_random_org_names_round_trip(name):
    _, g = facts_to_graph(_facts_named(name))
    _round_trips(g)
