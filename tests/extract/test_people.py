"""People extraction (kg.extract.people) on signature blocks, contacts and quotes written for these tests."""
from __future__ import annotations

import pytest

from kg.document import Document, Filing
from kg.extract.people import extract_people, strip_degrees
from kg.facts import Organization

COVER = """FORM 8-K

Date of Report (Date of earliest event reported): June 1, 2012

LUMEN GENOMICS, INC.
(Exact name of registrant as specified in its charter)

Item 8.01 Other Events.

Lumen Genomics, Inc. signed an agreement with Castor Pharma AG.
"""

ORGS = [
    Organization(name="Lumen Genomics, Inc.", aliases=["Lumen"]),
    Organization(name="Castor Pharma AG", aliases=["Castor"]),
]


def people_of(text: str, orgs=ORGS):
    f = Filing(path="x.txt", sha256="0", size=1, encoding="utf-8", fmt="text", documents=[Document(text=COVER + text)])
    return {p.name: p for p in extract_people(f, orgs)}


def test_signature_with_multiline_title():
    got = people_of("""
SIGNATURE

LUMEN GENOMICS, INC.
(Registrant)

Date: June 1, 2012

/s/Priya N. Ramanathan

Priya N. Ramanathan
Senior Vice President, Legal and
Corporate Affairs, and
Secretary
""")
    p = got["Priya N. Ramanathan"]
    assert p.title == "Senior Vice President, Legal and Corporate Affairs, and Secretary"
    assert p.organization == "Lumen Genomics, Inc."


def test_by_name_title_labels():
    got = people_of("""
LUMEN GENOMICS, INC.

By:

/s/ Tomas Eriksen

Name: Tomas Eriksen

Title: Chief Operating Officer
""")
    assert got["Tomas Eriksen"].title == "Chief Operating Officer"


def test_all_caps_signature_takes_mixed_case_name_line():
    got = people_of("""
Dated: June 4, 2012                 By: /s/ GRETA M. HOLLOWAY
                                        -------------------------
                                        Greta M. Holloway
                                        Chief Financial Officer
""")
    assert got["Greta M. Holloway"].title == "Chief Financial Officer"


def test_contacts_blocks_with_organization_headings_and_labels():
    got = people_of("""
LUMEN CONTACT: Oskar Lindqvist, Ph.D.
President and CEO
Lumen Genomics, Inc.
(555) 201-3300

CASTOR CONTACTS:

Media Contact:
Hanna Vogt (555) 201-4400

Investor Contact:
Jonas Meier (555) 201-5500
""")
    assert got["Oskar Lindqvist"].title == "President and CEO"
    assert got["Oskar Lindqvist"].organization == "Lumen Genomics, Inc."
    assert (got["Hanna Vogt"].title, got["Hanna Vogt"].organization) == ("Media Contact", "Castor Pharma AG")
    assert (got["Jonas Meier"].title, got["Jonas Meier"].organization) == ("Investor Contact", "Castor Pharma AG")


def test_contact_line_with_organization_prefix_in_title():
    got = people_of("\nContact: Ruth Adeyemi, Lumen Investor Relations, 555-201-6600\n")
    assert (got["Ruth Adeyemi"].title, got["Ruth Adeyemi"].organization) == ("Investor Relations", "Lumen Genomics, Inc.")


def test_parenthesised_role_labels():
    got = people_of("\nContacts:\n\nCastor Pharma AG\n\nMila Horvat\n\n(Investors and Media)\n\n+41 61 555 0000\n")
    assert (got["Mila Horvat"].title, got["Mila Horvat"].organization) == ("Investors and Media contact", "Castor Pharma AG")


@pytest.mark.parametrize(
    "sentence,name,title,org",
    [
        ('"We are pleased," said Oskar Lindqvist, Ph.D., President and Chief Executive Officer of Lumen.',
         "Oskar Lindqvist", "President and Chief Executive Officer", "Lumen Genomics, Inc."),
        ('"A fine result," said Anna Berg MBChB, Head of Research, Castor Pharma.',
         "Anna Berg", "Head of Research, Castor Pharma", "Castor Pharma AG"),
        ('"We agree," said Castor Board member Felix Huber.', "Felix Huber", "Board member", "Castor Pharma AG"),
        ('Leo Park, Lumen\'s General Counsel, said the claims will be dismissed.',
         "Leo Park", "General Counsel", "Lumen Genomics, Inc."),
    ],
    ids=["said-name-title-of-org", "degree-without-comma", "title-before-name", "name-title-said"],
)
def test_quoted_executives(sentence, name, title, org):
    got = people_of("\n" + sentence + "\n")
    assert got[name].title == title
    assert got[name].organization == org


def test_boilerplate_names_no_people():
    got = people_of("""
This press release contains forward-looking statements. Investors should read the risk factors.
The Company's Board of Directors approved the plan. Castor Pharma AG is based in Basel.
""")
    assert got == {}


def test_one_entry_per_person():
    got = people_of("""
LUMEN CONTACT: Oskar Lindqvist, Ph.D.
President and CEO

"Good news," said Oskar Lindqvist, Ph.D., President and CEO of Lumen Genomics, Inc.
""")
    assert list(got) == ["Oskar Lindqvist"]


@pytest.mark.parametrize(
    "raw,clean",
    [("Oskar Lindqvist, Ph.D.", "Oskar Lindqvist"), ("Anna Berg MBChB", "Anna Berg"),
     ("Leo Park, M.D., Ph.D.", "Leo Park"), ("Sam Ode, DVM", "Sam Ode"), ("Ann Lee", "Ann Lee")],
)
def test_strip_degrees(raw, clean):
    assert strip_degrees(raw) == clean


def test_contacts_flattened_from_table_cells():
    # an HTML contacts table read as one line per row, cells joined by tabs
    got = people_of("\nContacts:\n\nLUMEN Ida Sorensen Investor Relations 555-201-7700\tCastor Media: Pia Roth Investors: Max Frei\n")
    assert (got["Ida Sorensen"].title, got["Ida Sorensen"].organization) == ("Investor Relations", "Lumen Genomics, Inc.")
    assert (got["Pia Roth"].title, got["Pia Roth"].organization) == ("Media contact", "Castor Pharma AG")
    assert (got["Max Frei"].title, got["Max Frei"].organization) == ("Investors contact", "Castor Pharma AG")


def test_headline_after_refer_to_block_does_not_reassign_organization():
    got = people_of("\nREFER TO:      (555) 201-8800 - Ana Costa (Castor)\n               (555) 201-9900 - Eric Blum (Lumen)\n\n"
                    "        CASTOR AND LUMEN FORM ALLIANCE\n")
    assert got["Ana Costa"].organization == "Castor Pharma AG"
    assert got["Eric Blum"].organization == "Lumen Genomics, Inc."


@pytest.mark.parametrize(
    "sentence,name,title",
    [
        ('"This is a milestone for us," said Dr. Priya Ramaswamy, Chief Scientific Officer of Lumen.',
         "Priya Ramaswamy", "Chief Scientific Officer"),
        ('"We look forward to the work," said Mr. Tobias Engel, Chief Executive Officer of Castor.',
         "Tobias Engel", "Chief Executive Officer"),
        ('Prof Marta Oliveira, Chair of the Board of Lumen, commented on the news.',
         "Marta Oliveira", "Chair of the Board"),
        ('"A fine start," said Ms. Grace MacAllister, President of Lumen.',
         "Grace MacAllister", "President"),
    ],
    ids=["dr-said-name-title", "mr-said-name-title", "prof-without-period-name-title-said", "ms-mac-surname"],
)
def test_honorific_before_name_keeps_person(sentence, name, title):
    got = people_of("\n" + sentence + "\n")
    assert set(got) == {name}
    assert got[name].title == title
    # evidence quotes the filing as written (not the honorific-blanked text)
    assert got[name].evidence.quote in sentence
