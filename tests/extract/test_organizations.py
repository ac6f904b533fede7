"""Organization finding (kg.extract.organizations) and name normalisation (kg.names)."""
from __future__ import annotations

import pytest

from kg.extract.organizations import find_organizations
from kg.names import normalize_org_name, strip_legal_suffix


def names(text: str) -> dict[str, list[str]]:
    idx = find_organizations([text])
    return {e.name: e.aliases for e in idx.entries}


def test_legal_names_with_suffixes_and_defined_terms():
    text = ('On June 2, 2015, Northwind Biologics, Inc. ("Northwind") and Calder Pharma AG ("Calder") '
            "entered into a license agreement. Tessaro Co., Ltd. and Brio Holdings plc were not parties.")
    found = names(text)
    assert "Northwind Biologics, Inc." in found and "Northwind" in found["Northwind Biologics, Inc."]
    assert "Calder" in found["Calder Pharma AG"]
    assert "Tessaro Co., Ltd." in found
    assert "Brio Holdings plc" in found


def test_company_written_with_and_company():
    assert "Hollis Drake and Company" in names("Hollis Drake and Company (NYSE: HDC) said today it would expand.")


def test_institutions():
    text = ("In March 2012 the Company obtained a license from The Hospital for Sick Children of Ontario "
            'and from Ridgeway College of Medicine ("Ridgeway"). Larkspur University was informed.')
    found = names(text)
    assert "The Hospital for Sick Children of Ontario" in found
    assert found["Ridgeway College of Medicine"] == ["Ridgeway"]
    assert "Larkspur University" in found


def test_ticker_and_exchange():
    idx = find_organizations(["Quillon Therapeutics, Inc. (Nasdaq: QLLN) and Marlow (NYSE: MRL) today announced a deal."])
    q = idx.resolve("Quillon Therapeutics")
    m = idx.resolve("Marlow")
    assert (q.ticker, q.exchange) == ("QLLN", "Nasdaq")
    assert (m.ticker, m.exchange) == ("MRL", "NYSE")


def test_traded_on_phrase_gives_ticker():
    text = ("Ferro Biosystems, Inc. develops enzymes. The company is traded on the New York Stock Exchange "
            "under the symbol FRB.")
    e = find_organizations([text]).resolve("Ferro Biosystems")
    assert (e.ticker, e.exchange) == ("FRB", "NYSE")


def test_group_defined_term_goes_to_first_of_the_list():
    text = ('a settlement with Kestrel Electronics Co., Ltd., Kestrel America, Inc. and Kestrel Devices, L.P. '
            '(together, "Kestrel"), which ends all litigation.')
    idx = find_organizations([text])
    assert idx.resolve("Kestrel").name == "Kestrel Electronics Co., Ltd."


def test_subsidiary_parent():
    text = ('Osprey Labs, Inc. ("Osprey Merger Sub"), a Delaware corporation and a wholly-owned subsidiary of '
            "Harrow Pharma, Inc., entered into a merger agreement.")
    idx = find_organizations([text])
    assert idx.resolve("Osprey Labs").parent == "Harrow Pharma"


def test_titles_and_document_words_are_trimmed():
    text = "Contact: CEO Pinecrest Labs, Inc.\nThe Board of Directors of Pinecrest Labs, Inc. approved the plan."
    found = names(text)
    assert list(found) == ["Pinecrest Labs, Inc."]


def test_regulators_are_not_organizations_of_the_deal():
    assert "Food and Drug Administration" not in names("The Food and Drug Administration approved the drug.")


def test_alias_resolution():
    idx = find_organizations(['Vantor Pharmaceuticals, Inc. ("Vantor") signed. Vantor will pay.'])
    assert idx.resolve("VANTOR PHARMACEUTICALS INC").name == "Vantor Pharmaceuticals, Inc."
    assert idx.resolve("Vantor").name == "Vantor Pharmaceuticals, Inc."
    assert idx.resolve("Unknown Corp.") is None


@pytest.mark.parametrize(
    "a, b",
    [("GENENTECH, INC.", "Genentech"), ("Calder Pharma AG", "calder pharma"), ("The Hollis Company", "Hollis"),
     ("Kestrel Electronics Co., Ltd.", "Kestrel Electronics"), ("Rossi & Figli S.p.A.", "Rossi and Figli")],
)
def test_normalize_org_name_keeps_its_contract(a, b):
    assert normalize_org_name(a) == normalize_org_name(b)


def test_strip_legal_suffix():
    assert strip_legal_suffix("Calder Pharma AG") == "Calder Pharma"
    assert strip_legal_suffix("Northwind Biologics, Inc.") == "Northwind Biologics"


def test_jurisdiction_of_incorporation():
    text = ('Tamsin Labs, Inc. ("Tamsin"), a Delaware corporation, and Ohara Kogyo K.K., a company organized under the '
            "laws of Japan, signed.")
    idx = find_organizations([text])
    assert idx.resolve("Tamsin Labs").jurisdiction == "Delaware"
    assert idx.resolve("Ohara Kogyo K.K.").jurisdiction == "Japan"


def test_institution_name_does_not_run_across_a_blank_line():
    from kg.extract.organizations import find_organizations

    text = ("Osric Institute of Technology\n\nOn May 2, 2014, the Company entered into a license agreement.\n\n"
            "The Regents of the University\nof Montana (\"UM\") granted a licence.\n")
    names = [e.name for e in find_organizations([text]).entries]
    assert "Osric Institute of Technology" in names and "May" not in names and not any("On" in n for n in names)
    assert any(n.endswith("University of Montana") for n in names)  # one line break inside a name is fine


def test_table_column_headings_are_not_one_name():
    from kg.extract.organizations import find_organizations

    text = ("Pro forma net sales\n                       WoundKare      Vallby Group\nMSEK       2011      84.1      612.0\n"
            "Vallby Medical AB acquired the WoundKare line.\n")
    names = [e.name for e in find_organizations([text]).entries]
    assert "WoundKare      Vallby Group" not in names and not any("WoundKare" in n for n in names)
