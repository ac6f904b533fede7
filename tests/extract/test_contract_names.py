"""Where a party's name starts and stops (issue 13): enumerated all-caps names with their legal form,
a person "of [address removed]", postcodes that look like legal forms, and fragments that are not
names (dates, percentages, a legal form alone).  Invented contracts."""
from __future__ import annotations

import pytest

from kg.extract.contract_parties import _name_ok, preamble_parties, signature_parties


@pytest.mark.parametrize(
    "preamble,names",
    [
        ('THIS AGREEMENT is made on 3 May 2019\n\nBETWEEN:\n\n(1) FENWICK BIO LIMITED a company incorporated in England '
         '(Company Number 123) whose registered office is at 2 Mill Lane, Cambridge (the "Company"); and\n\n(2) ALAN '
         'PRIOR of (the "Employee").\n\nIT IS AGREED as follows:', ["FENWICK BIO LIMITED", "ALAN PRIOR"]),
        ('PARTIES (1) Holloway Therapeutics UK Limited is a company registered in England whose registered office is at '
         '12 Fleet Lane, London (the "Employer"); and (2) Dana Whitfield of [address removed] (the "Executive").\n\n'
         'AGREED TERMS', ["Holloway Therapeutics UK Limited", "Dana Whitfield"]),
        ('This Deed is made between (1) Marrow Media plc whose registered office is at 9 Upper Ground, London SE1 9GL '
         '(the "Company") and (2) KELSO ADVISORY LIMITED of 4 Kings Road, Leeds LS1 4AB (the "Adviser").\n\nWHEREAS',
         ["Marrow Media plc", "KELSO ADVISORY LIMITED"]),
        ('BETWEEN:\n\n(a) ORCHARD LANE HOLDINGS LTD, a company incorporated in Jersey (the "Seller"); and\n\n(b) Pell '
         'Street Partners LLP (the "Buyer").\n\nRECITALS', ["ORCHARD LANE HOLDINGS LTD", "Pell Street Partners LLP"]),
    ],
    ids=["enumerated-caps-limited", "person-of-address-removed", "postcode-is-not-a-legal-form", "lettered-caps-ltd"],
)
def test_name_boundaries(preamble, names):
    found, _ = preamble_parties(preamble)
    assert [n for n, _ in found] == names


@pytest.mark.parametrize(
    "fragment",
    ["Effective February 4", "Astana January 31", "0.125%", "0.25% of the Company", "GP, LLC", "GP LLC", "LIMITED", "--, Inc."],
)
def test_fragments_are_not_names(fragment):
    assert not _name_ok(fragment)


@pytest.mark.parametrize("name", ["N2K Inc.", "695014 B.C. Ltd.", "3M Company", "KES 7 CAPITAL INC.", "Alder GP, LLC"])
def test_short_and_numbered_names_stay_names(name):
    assert _name_ok(name)


@pytest.mark.parametrize(
    "blocks,names",
    [
        ("Dated: May 8, 2020 SCULPTOR CAPITAL LP By: /s/ Ann Roe\n", ["SCULPTOR CAPITAL LP"]),
        ("Yours truly, DUNMORE SECURITIES LTD. By: /s/ A. Unger Name: A. Unger Title: Director KELP 7 CAPITAL INC. "
         "By: /s/ M. Chris\n", ["DUNMORE SECURITIES LTD.", "KELP 7 CAPITAL INC."]),
        ("April 7, 2019 ARLES TRADING SA By: /s/ J. Doe\nORLA BIO INC. By: /s/ K. Lee\n", ["ARLES TRADING SA", "ORLA BIO INC."]),
    ],
    ids=["date-before-name", "figure-inside-name", "two-blocks-after-date"],
)
def test_signature_names_keep_figures_but_not_dates(blocks, names):
    assert [n for n, _ in signature_parties(blocks)] == names
