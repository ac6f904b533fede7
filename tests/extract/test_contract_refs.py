"""Recitals and references in contracts (issue 13): agreements a contract names become referenced
agreements with their parties and dates; an amendment has status amended and lic:amends to the
agreement it amends when that agreement is read too.  Every contract here is invented."""
from __future__ import annotations

import pytest

from kg.document import Document, Filing
from kg.extract import extract
from kg.extract.contract import extract_contract
from kg.facts import AgreementKind, AgreementStatus
from kg.rdf import facts_to_graph
from kg.validate import validate_graph
from kg.vocab import LIC

CORVANE = "Corvane Labs, Inc."
TELMAR = "Telmar Pharma GmbH"
PREAMBLE = (f'is made as of June 5, 2012 by and between {CORVANE}, a Delaware corporation ("Corvane"), and '
            f'{TELMAR}, a German company ("Telmar").\n\n')


def _filing(text: str) -> Filing:
    return Filing(path="x.txt", sha256="0" * 64, size=1, encoding="utf-8", fmt="text", documents=[Document(text=text)])


def _read(text: str):
    cf = extract_contract(_filing(text), 0)
    assert cf is not None
    return cf.agreement, cf.referenced


def _summary(refs):
    return [(r.title, r.date, r.parties, r.amends.title if r.amends else None) for r in refs]


# (contract text, own status, title of the agreement it amends or None,
#  [(referenced title, date, parties, title of what it amends)])
CASES = {
    "amendment-no-2-recital-chain": (
        "AMENDMENT NO. 2 TO THE MANUFACTURING AND SUPPLY AGREEMENT\n\nThis Amendment No. 2 (this \"Amendment\") "
        + PREAMBLE +
        "WHEREAS, Corvane and Telmar are parties to that certain Manufacturing and Supply Agreement dated as of "
        "March 1, 2008 (as amended by the First Amendment dated May 2, 2010, the \"Agreement\"); and\n\n"
        "WHEREAS, the parties wish to amend the Agreement as set forth herein;\n\n"
        "NOW, THEREFORE, the parties agree as follows:\n\n1. Price. Section 4 of the Agreement is deleted.\n",
        AgreementStatus.AMENDED, "Manufacturing and Supply Agreement",
        [("Manufacturing and Supply Agreement", "2008-03-01", [CORVANE, TELMAR], None),
         ("First Amendment", "2010-05-02", [CORVANE, TELMAR], "Manufacturing and Supply Agreement")],
    ),
    "reference-is-made-first-amendment": (
        "FIRST AMENDMENT TO LICENSE AGREEMENT\n\nReference is made to the License Agreement dated January 15, 2009 "
        "(the \"License Agreement\") by and between Orbis Data Corp. (\"Orbis\") and Kestrel Systems LLC "
        "(\"Kestrel\"). This First Amendment to License Agreement (this \"Amendment\") is entered into as of "
        "April 1, 2011 by and between Orbis Data Corp. (\"Orbis\") and Kestrel Systems LLC (\"Kestrel\").\n\n"
        "1. Term. The term of the License Agreement is extended by two years.\n",
        AgreementStatus.AMENDED, "License Agreement",
        [("License Agreement", "2009-01-15", ["Orbis Data Corp.", "Kestrel Systems LLC"], None)],
    ),
    "recital-have-entered-into": (
        "DISTRIBUTION AGREEMENT\n\nThis Distribution Agreement (this \"Agreement\") " + PREAMBLE +
        "WHEREAS, Corvane and Telmar have entered into a Supply Agreement, dated June 1, 2010, under which Corvane "
        "buys active ingredient from Telmar;\n\nWHEREAS, Telmar wishes to distribute the Products;\n\n"
        "NOW, THEREFORE, the parties agree as follows:\n",
        AgreementStatus.NEW, None,
        [("Supply Agreement", "2010-06-01", [CORVANE, TELMAR], None)],
    ),
    "amends-that-certain-dated-after-parties": (
        "STREAMSIDE DAIRY, LLC and HOLLIS NUTRITION CORPORATION MANUFACTURING AGREEMENT\n\nThis document is "
        "entered into by and between Streamside Dairy, LLC (\"Streamside\") and Hollis Nutrition Corporation "
        "(\"Hollis\"), is effective as of June 11, 2018 and amends that certain Manufacturing Agreement between "
        "Streamside and Hollis dated July 1, 2017 (\"Agreement\"). Streamside and Hollis are each referred to herein as a "
        "Party.\n\n1. Volumes. Exhibit A is replaced.\n",
        AgreementStatus.AMENDED, "Manufacturing Agreement",
        [("Manufacturing Agreement", "2017-07-01", ["Streamside Dairy, LLC", "Hollis Nutrition Corporation"], None)],
    ),
    "third-party-named-in-full": (
        "NON-COMPETITION AGREEMENT\n\nThis Non-Competition Agreement " + PREAMBLE +
        "WHEREAS, Corvane and Zenith Holdings, Inc. are parties to a Stock Purchase Agreement dated as of April 4, "
        "2012 (the \"Purchase Agreement\");\n\nNOW, THEREFORE, the parties agree as follows:\n",
        AgreementStatus.NEW, None,
        [("Stock Purchase Agreement", "2012-04-04", [CORVANE, "Zenith Holdings, Inc."], None)],
    ),
    "future-agreement-is-not-referenced": (
        "COLLABORATION AGREEMENT\n\nThis Collaboration Agreement (this \"Agreement\") " + PREAMBLE +
        "WHEREAS, the parties wish to enter into a Supply Agreement on the terms set out in Exhibit B;\n\n"
        "WHEREAS, this Collaboration Agreement sets out the research plan;\n\n"
        "NOW, THEREFORE, the parties agree as follows:\n",
        AgreementStatus.NEW, None, [],
    ),
    "operative-clause-is-a-cross-reference": (
        "SERVICES AGREEMENT\n\nThis Services Agreement (this \"Agreement\") " + PREAMBLE +
        "NOW, THEREFORE, the parties agree as follows:\n\n1. Fees. Fees are those of the Master Services Agreement "
        "dated as of May 1, 2010 between Corvane and Telmar.\n",
        AgreementStatus.NEW, None, [],
    ),
    "parties-hereto": (
        "STATEMENT OF WORK AGREEMENT\n\nThis Statement of Work Agreement " + PREAMBLE +
        "WHEREAS, the parties hereto are parties to that certain Master Services Agreement dated as of "
        "September 9, 2009 (the \"MSA\");\n\nNOW, THEREFORE, the parties agree as follows:\n",
        AgreementStatus.NEW, None,
        [("Master Services Agreement", "2009-09-09", [CORVANE, TELMAR], None)],
    ),
    "amended-and-restated-links-the-original": (
        "AMENDED AND RESTATED DISTRIBUTION AGREEMENT\n\nThis Amended and Restated Distribution Agreement "
        + PREAMBLE +
        "WHEREAS, Corvane and Telmar entered into a Distribution Agreement dated as of February 2, 2005 (the "
        "\"Original Agreement\"); and WHEREAS, the parties wish to amend and restate the Original Agreement in its "
        "entirety;\n\nNOW, THEREFORE, the parties agree as follows:\n",
        AgreementStatus.NEW, "Distribution Agreement",
        [("Distribution Agreement", "2005-02-02", [CORVANE, TELMAR], None)],
    ),
    "no-party-no-agreement": (
        "SECURITY AGREEMENT\n\nThis Security Agreement " + PREAMBLE +
        "WHEREAS, certain lenders are parties to a Credit Agreement dated as of March 3, 2011;\n\n"
        "NOW, THEREFORE, the parties agree as follows:\n",
        AgreementStatus.NEW, None, [],
    ),
    "two-amendments-in-a-row": (
        "THIRD AMENDMENT TO SUPPLY AGREEMENT\n\nThis Third Amendment " + PREAMBLE +
        "WHEREAS, Corvane and Telmar are parties to a Supply Agreement dated as of January 5, 2001, as amended by "
        "the First Amendment dated March 3, 2003 and the Second Amendment dated August 8, 2006;\n\n"
        "NOW, THEREFORE, the parties agree as follows:\n",
        AgreementStatus.AMENDED, "Supply Agreement",
        [("Supply Agreement", "2001-01-05", [CORVANE, TELMAR], None),
         ("First Amendment", "2003-03-03", [CORVANE, TELMAR], "Supply Agreement"),
         ("Second Amendment", "2006-08-08", [CORVANE, TELMAR], "Supply Agreement")],
    ),
    "amendment-to-a-title-in-the-recital": (
        "LICENSE AGREEMENT\n\nThis License Agreement " + PREAMBLE +
        "WHEREAS, Corvane and Telmar are parties to that certain Research Agreement dated May 5, 2007, as amended "
        "by that certain Amendment No. 1 to Research Agreement dated June 6, 2008;\n\n"
        "NOW, THEREFORE, the parties agree as follows:\n",
        AgreementStatus.NEW, None,
        [("Research Agreement", "2007-05-05", [CORVANE, TELMAR], None),
         ("Amendment No. 1 to Research Agreement", "2008-06-06", [CORVANE, TELMAR], "Research Agreement")],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_recitals_and_references(name):
    text, status, amends, expected = CASES[name]
    own, refs = _read(text)
    assert own.status is status
    assert (own.amends.title if own.amends else None) == amends
    assert _summary(refs) == expected
    assert all(r.status is AgreementStatus.REFERENCED for r in refs)
    if own.amends is not None:
        assert any(own.amends is r for r in refs)


def test_kind_of_references_and_amendments():
    own, refs = _read(CASES["amendment-no-2-recital-chain"][0])
    assert [r.kind for r in refs] == [AgreementKind.SUPPLY, AgreementKind.SUPPLY]  # an amendment has its base's kind
    assert own.kind is AgreementKind.SUPPLY


def test_a_third_party_becomes_an_organization():
    cf = extract_contract(_filing(CASES["third-party-named-in-full"][0]), 0)
    assert "Zenith Holdings, Inc." in [o.name for o in cf.organizations]


def test_amendment_graph_has_amends_link_and_conforms():
    facts = extract(_filing(CASES["amendment-no-2-recital-chain"][0]))
    assert [a.status.value for a in facts.agreements] == ["amended", "referenced", "referenced"]
    assert [a.reader for a in facts.agreements] == ["contract"] * 3
    _, g = facts_to_graph(facts)
    links = sorted((str(s).rsplit("/", 1)[-1], str(o).rsplit("/", 1)[-1]) for s, _, o in g.triples((None, LIC.amends, None)))
    assert links == [("1", "2"), ("3", "2")]  # the amendment and the First Amendment both amend the original
    assert validate_graph(g).conforms
    gold = facts.to_gold()
    assert gold["agreements"][0]["status"] == "amended" and gold["agreements"][1]["date"] == "2008-03-01"
