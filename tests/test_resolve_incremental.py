"""kg.resolve after a change (resolve(store, changed=...)) == a clean build of the same files + a full resolve."""
from __future__ import annotations

import hashlib
from decimal import Decimal

import pyoxigraph as ox
import pytest

from kg.facts import (Agreement, AgreementKind, AgreementStatus, DealFacts, FilingFacts, Organization, Payment,
                      PaymentKind, Person)
from kg.rdf import facts_to_graph
from kg.resolve import RESOLUTION_GRAPH, resolve
from kg.store import Store

LIC = "https://w3id.org/dealgraph/lic#"


def _lic(a, b, date, status=AgreementStatus.NEW, pays=()):
    return Agreement(AgreementKind.LICENSE, status, date, [a, b], a, b, subject=["antibody"], payments=list(pays))


UPFRONT = Payment(PaymentKind.UPFRONT, Decimal("3000000"), "USD")
NW, NWT, ORION = "Northwind Biologics, Inc.", "Northwind Therapeutics, Inc.", "Orion Pharma Corp."
MSK = "Memorial Sloan Kettering Cancer Center"

# name -> (accession or None, organizations, agreements, people); each is one filing
DOCS = {
    "A": ("0000000001-00-000001", [Organization(NW, cik="0000000111"), Organization(ORION)],
          [_lic(NW, ORION, "2000-05-04", pays=[UPFRONT])], [Person("Jane Roe", "CEO", NW)]),
    # same CIK under another name -> one company; then its agreement, payment and CEO are A's
    "B": (None, [Organization(NWT, cik="0000000111"), Organization(ORION)],
          [_lic(NWT, ORION, "2000-05-06", pays=[UPFRONT])], [Person("JANE ROE", "Chief Executive Officer", NWT)]),
    # ticker + exchange; the institute names its parent and stays apart
    "C": ("0000000001-00-000003", [Organization(ORION, ticker="ORP", exchange="NYSE"),
                                   Organization("Orion", ticker="ORP", exchange="New York Stock Exchange"),
                                   Organization("Orion Research Institute", aliases=["Orion"], parent=ORION)],
          [], []),
    # an amendment of A's agreement -> lic:amends
    "D": ("0000000001-03-000004", [Organization(NW), Organization(ORION)],
          [_lic(NW, ORION, "2003-01-01", AgreementStatus.AMENDED)], []),
    "E": (None, [Organization(MSK, aliases=["MSKCC"]), Organization("Acme Corp.")], [_lic(MSK, "Acme Corp.", "2001-01-01")], []),
    # the acronym alone -> merged by E's alias
    "F": (None, [Organization("MSKCC"), Organization("Acme Corp.")], [_lic("MSKCC", "Acme Corp.", "2001-01-02")], []),
    "G1": (None, [Organization("Kestrel Bio Inc.", cik="0000000222")], [], []),
    "G2": (None, [Organization("Kestrel Holdings Corp.", ticker="KST", exchange="Nasdaq")], [], []),
    # bridge: states Kestrel Holdings' CIK, which is Kestrel Bio's
    "H": (None, [Organization("Kestrel Holdings Corp.", cik="0000000222")], [], []),
}
CHANGED = {  # new content of a file
    "B": (None, [Organization(NWT), Organization(ORION)], [_lic(NWT, ORION, "2000-05-06", pays=[UPFRONT])], []),
    "F": (None, [Organization("MSKCC Holdings"), Organization("Acme Corp.")], [], []),
    "A": ("0000000001-00-000001", [Organization(NW, cik="0000000111"), Organization("Acme Corp.")],
          [_lic(NW, "Acme Corp.", "2000-05-04")], []),
}


def _graph(name: str, spec) -> tuple[str, object, str]:
    acc, orgs, ags, people = spec
    sha = hashlib.sha256(repr((name, acc, orgs, ags, people)).encode()).hexdigest()
    facts = DealFacts(path=f"{name}.txt", sha256=sha,
                      filing=FilingFacts(form="8-K", date="2000-06-01", accession_number=acc),
                      organizations=list(orgs), agreements=list(ags), people=list(people))
    iri, graph = facts_to_graph(facts)
    return str(iri), graph, sha


class Files:
    """Files -> store the way kg.build writes them, resolving with the graphs written or dropped."""

    def __init__(self):
        self.store = Store(None)
        self.graph_of: dict[str, str] = {}
        self.content: dict[str, tuple] = {}

    def put(self, name: str, spec) -> set[str]:
        iri, graph, sha = _graph(name, spec)
        changed = {iri} | ({self.graph_of[name]} if name in self.graph_of else set())
        self.store.replace_graph(iri, graph, source_path=f"/in/{name}.txt", sha256=sha)
        self.graph_of[name], self.content[name] = iri, spec
        return changed

    def drop(self, name: str) -> set[str]:
        self.store.forget_source(f"/in/{name}.txt")
        self.content.pop(name)
        return {self.graph_of.pop(name)}


def _clean(content: dict[str, tuple]) -> Store:
    files = Files()
    for name, spec in sorted(content.items()):
        files.put(name, spec)
    resolve(files.store)
    return files.store


def _same(a: Store, b: Store) -> None:
    assert a.canonical_nquads(RESOLUTION_GRAPH) == b.canonical_nquads(RESOLUTION_GRAPH)
    assert a.canonical_nquads() == b.canonical_nquads()


STEPS = [
    ("put", ["A", "C", "E"]), ("put", ["B"]), ("put", ["F", "D"]), ("put", ["G1", "G2"]), ("put", ["H"]),
    ("drop", ["H"]),              # the bridge goes: Kestrel splits again
    ("change", ["B"]),            # B loses its CIK: the Northwind merge (and its agreement/payment/CEO) disappears
    ("change", ["A"]),            # A's agreement changes party
    ("drop", ["A"]),              # the canonical document of several merges goes
    ("change", ["F"]), ("put", ["A"]), ("drop", ["C"]),
]


@pytest.mark.parametrize("full", [False, True], ids=["incremental", "full-pass"])
def test_every_change_gives_the_clean_build(full):
    files = Files()
    seen_merges = set()
    for op, names in STEPS:
        changed: set[str] = set()
        for n in names:
            changed |= (files.drop(n) if op == "drop" else files.put(n, (CHANGED if op == "change" else DOCS)[n]))
        report = resolve(files.store, changed=None if full else changed)
        seen_merges |= {c for c, _, _ in report.org_merges}
        _same(files.store, _clean(files.content))
        again = resolve(files.store, changed=set())  # nothing changed: nothing to do
        assert again.org_merges == [] and again.agreement_merges == []
        _same(files.store, _clean(files.content))
    # the scenarios did merge: by CIK, ticker, alias, bridge
    assert len(seen_merges) >= 4


def test_merges_are_made_and_undone():
    files = Files()
    for n in ("A", "B", "C", "D"):
        files.put(n, DOCS[n])
    report = resolve(files.store)
    assert [why for _, _, why in report.org_merges] == ["CIK 0000000111", "ticker ORP on nyse"]
    assert len(report.agreement_merges) == 1 and report.payments_merged == 1 and report.people_merged == 1
    assert len(report.amends_links) == 1
    changed = files.put("B", CHANGED["B"])
    report = resolve(files.store, changed=changed)
    rows = files.store.query(f"PREFIX lic: <{LIC}> SELECT DISTINCT ?o WHERE {{ ?o a lic:Organization ; "
                             "lic:name ?n FILTER(CONTAINS(?n, 'Northwind')) }").rows
    assert len(rows) == 2  # Northwind Therapeutics is its own node again


def test_a_build_killed_before_resolution_is_redone_by_a_full_pass():
    files = Files()
    for n in ("A", "C", "E", "F"):
        files.put(n, DOCS[n])
    resolve(files.store, changed=set(files.graph_of.values()))
    files.put("B", DOCS["B"])  # written, then the build died: no resolve
    files.put("A", CHANGED["A"])
    resolve(files.store)  # what kg.build does when the store was stale at its start
    _same(files.store, _clean(files.content))


def test_blank_node_statements_undo_too():
    files = Files()
    for n in ("A", "B"):
        files.put(n, DOCS[n])
    g = ox.NamedNode(files.graph_of["B"])
    note = ox.BlankNode("note1")
    files.store.ox.add(ox.Quad(note, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
                               ox.NamedNode("https://w3id.org/dealgraph/id/org/northwind-therapeutics"), g))
    resolve(files.store)
    assert [q.object.value for q in files.store.ox.quads_for_pattern(note, None, None, g)] == [
        "https://w3id.org/dealgraph/id/org/northwind-biologics"]
    resolve(files.store, changed=files.drop("A"))
    assert [q.object.value for q in files.store.ox.quads_for_pattern(note, None, None, g)] == [
        "https://w3id.org/dealgraph/id/org/northwind-therapeutics"]
