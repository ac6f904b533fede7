"""Parties read from signature blocks (issue 13): unsigned forms whose blocks name the parties,
"Signed for X" lines, and organization lines that end in a colon.  Invented contracts."""
from __future__ import annotations

import pytest

from kg.document import Document, Filing
from kg.extract.contract import extract_contract
from kg.names import normalize_org_name


def _parties(text: str) -> list[str] | None:
    filing = Filing(path="x.txt", sha256="0" * 64, size=1, encoding="utf-8", fmt="text", documents=[Document(text=text)])
    cf = extract_contract(filing, 0)
    return None if cf is None else cf.agreement.parties


_BODY = ("The following items are required to be included within the disclosure document and supersede its "
         "language.\n\n1. LITIGATION. No litigation is pending against the franchisor.\n\n")


@pytest.mark.parametrize(
    "blocks,names",
    [
        ("ATTEST   HOLLOWAY KIOSKS, INC.:   By:   Witness   Name:   Title:      MASTER FRANCHISEE: THE MELTING POT "
         "TRUCK, INC.   By:   Name:   Title:   Witness\n", ["HOLLOWAY KIOSKS, INC.", "MELTING POT TRUCK, INC."]),
        ("BRANWELL FOODS CORP.\n\nBy: ____________\nName:\nTitle:\n\nTORRANCE GRILL LLC\n\nBy: ____________\nName:\n"
         "Title:\n", ["BRANWELL FOODS CORP.", "TORRANCE GRILL LLC"]),
        ("FRANCHISOR: PEPPERIDGE LANE SYSTEMS, INC.:\nBy:\nName:\nTitle:\n\nFRANCHISEE: OSLO ROAD DINERS, LLC\nBy:\n"
         "Name:\nTitle:\n", ["PEPPERIDGE LANE SYSTEMS, INC.", "OSLO ROAD DINERS, LLC"]),
    ],
    ids=["colon-after-name", "blank-signature-lines", "role-labels"],
)
def test_unsigned_form_is_read_by_its_signature_blocks(blocks, names):
    text = ("ADDENDUM REQUIRED BY THE DEPARTMENT OF LAW OF THE STATE OF NEW YORK\n\n" + _BODY
            + "IN WITNESS WHEREOF, the parties hereto have duly executed and delivered this Addendum dated this ____ "
              "day of ________, 2015.\n\n" + blocks)
    assert sorted(normalize_org_name(n) for n in _parties(text) or []) == sorted(normalize_org_name(n) for n in names)


def test_titleless_text_without_an_execution_clause_is_not_a_contract():
    text = "ADDENDUM REQUIRED BY THE STATE\n\n" + _BODY + "HOLLOWAY KIOSKS, INC.   By:   Name:   Title:\n"
    assert _parties(text) is None


@pytest.mark.parametrize(
    "signed,name",
    [
        ("Signed for Harbor Mutual Benefit Society\n\nPresident\n\nSecretary\n", "Harbor Mutual Benefit Society"),
        ("SIGNED FOR ALDER LIFE ASSURANCE COMPANY\n\nPresident\n", "ALDER LIFE ASSURANCE COMPANY"),
        ("Executed for and on behalf of Quarry Bay Insurance Limited\nBy: ______\n", "Quarry Bay Insurance Limited"),
        ("Signed for Lutheran Aid Association of Iowa\n\nSecretary\n", "Lutheran Aid Association of Iowa"),
    ],
    ids=["signed-for", "signed-for-caps", "executed-for-and-on-behalf", "of-in-name"],
)
def test_signed_for_names_the_issuer_of_an_endorsement(signed, name):
    text = ("ENDORSEMENT\n\nContract Number: ENDORSEMENT\n\nEffective Date: July 1, 2019\n\nAll benefits and other terms of this contract remain "
            "unchanged except as described below.\n\nMAINTENANCE OF SOLVENCY. This provision applies to benefits.\n\n"
            + signed)
    assert _parties(text) == [name]
