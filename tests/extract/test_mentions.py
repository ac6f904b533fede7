"""Layer 2 (kg.extract.mentions): organizations without a legal suffix, found by their slot in a
deal frame or an agreement heading; short forms linked to the one organization they shorten.

Paraphrase suite: invented sentences, active and passive, noun and verb, prose and headings.
"""
from __future__ import annotations

import pytest

from kg.extract.organizations import find_organizations

NO_SUFFIX = [
    ("In August 2022 we entered into a license agreement (the \"Tarn License Agreement\") with Tarnwick, pursuant to which we granted rights.", "Tarnwick"),
    ("In 2019 the Company signed a collaboration with Orvane Bio to develop antibodies.", "Orvane Bio"),
    ("Corvane obtained from Lindqvist Biotech exclusive rights to the compound.", "Lindqvist Biotech"),
    ("We in-licensed the antibody from Hestia Labs in 2017.", "Hestia Labs"),
    ("Under the agreement, Helvar Bio granted to Ostrand exclusive rights in the United States.", "Ostrand"),
    ("Helvar Bio granted Ostrand co-exclusive rights in the United States.", "Ostrand"),
    ("MedVanta granted us an exclusive, sublicensable, worldwide license.", "MedVanta"),
    ("The agreement between Quellmoor and the Company was amended in 2020.", "Quellmoor"),
    ("Halberd Corp. completed the acquisition of Norwood Foods for $120 million.", "Norwood Foods"),
    ("The Company has a supply arrangement with Brightwater Therapeutics for the drug substance.", "Brightwater Therapeutics"),
    ("The rights were originally licensed from Kessler Institute in 2014.", "Kessler Institute"),
    ("Pursuant to a settlement with Arden Systems, the Company received a licence.", "Arden Systems"),
]


@pytest.mark.parametrize("text, name", NO_SUFFIX, ids=[n for _, n in NO_SUFFIX])
def test_names_in_deal_slots_are_organizations(text, name):
    names = [e.name for e in find_organizations([text]).entries]
    assert name in names


HEADINGS = [
    ("License Agreement with Regnar\n\nIn 2017 we entered into it.", "Regnar"),
    ("Exclusive License Agreement with the University of Calder\n\nIn 2018 the Company licensed patents.", "University of Calder"),
    ("Halden Agreement\n\nIn 2016 the Company entered into an agreement.", "Halden"),
    ("Oriel Option Agreement\n\nIn 2015 we were granted an option.", "Oriel"),
    ("Co-Development and Supply Agreement with Bharwani Biotech\n\nThe agreement covers India.", "Bharwani Biotech"),
]


@pytest.mark.parametrize("text, name", HEADINGS, ids=[n for _, n in HEADINGS])
def test_agreement_headings_name_the_counterparty(text, name):
    assert name in [e.name for e in find_organizations([text]).entries]


NOT_ORGS = [
    "We entered into a license agreement with the Company's former parent in 2012.",
    "In March 2021 we entered into the Amendment with effect from January 2021.",
    "Vallby Medical AB acquired the WoundKare line.",
    "The Company entered into an agreement with certain holders of its notes.",
    "We have a collaboration with Phase 3 investigators in Europe.",
]


@pytest.mark.parametrize("text", NOT_ORGS)
def test_slot_words_that_are_not_organizations(text):
    names = {e.name for e in find_organizations([text]).entries}
    assert not names - {"Vallby Medical AB"}


SHORT_FORMS = [
    ("Daesan Pharmaceutical Co., Ltd. and Orison signed. The collaboration with Daesan covers Korea.",
     "Daesan Pharmaceutical Co., Ltd.", "Daesan"),
    ("Ashcombe Enterprise Limited is the licensor. We entered into an agreement with AEL in 2019.",
     "Ashcombe Enterprise Limited", "AEL"),
    ("Daesan Agreement\n\nIn 2020 we signed with Daesan Pharmaceutical Co., Ltd. a licence.",
     "Daesan Pharmaceutical Co., Ltd.", "Daesan"),
]


@pytest.mark.parametrize("text, full, short", SHORT_FORMS, ids=[s for _, _, s in SHORT_FORMS])
def test_short_forms_are_aliases_of_the_one_organization_they_shorten(text, full, short):
    idx = find_organizations([text])
    assert [e.name for e in idx.entries] == [full]
    assert idx.resolve(short) is idx.entries[0]


def test_a_short_form_of_two_organizations_names_neither():
    text = ("Hanjin Microelectronics Co., Ltd. and Hanjin Semiconductor America, Inc. settled. "
            "The settlement with Hanjin ends the dispute.")
    names = [e.name for e in find_organizations([text]).entries]
    assert "Hanjin" not in names and len(names) == 2


@pytest.mark.parametrize("text, name", [
    ("We hold an exclusive license to certain intellectual property rights controlled by BIDMC to make the antibody.", "BIDMC"),
    ("The patents licensed to us are owned by Kessler Institute of Oncology.", "Kessler Institute of Oncology"),
    ("Under the NCI Agreement, we pay an annual fee.", "NCI"),
    ("We have rights under the UCSF license agreement to the compound.", "UCSF"),
], ids=["controlled-by", "owned-by", "acronym-agreement", "acronym-license"])
def test_owners_of_licensed_rights_and_institution_acronyms(text, name):
    assert name in [e.name for e in find_organizations([text]).entries]


def test_a_capitalized_defined_term_is_not_an_acquisition_verb():
    from kg.extract.frames import verbal_frames
    assert verbal_frames("Milestones are due for each product that includes the Acquired Halden Assets.") == []
    assert verbal_frames("HALBERD ACQUIRED NORWOOD FOODS, INC.")


def test_a_defined_term_in_quotes_is_an_alias_not_an_organization():
    text = ('On September 13, 1999, certain wholly-owned subsidiaries of Orlan Clinical, Ltd. (collectively, the "Orlan Group") '
            'sold certain assets to Varrow Imaging, L.C.')
    names = [e.name for e in find_organizations([text]).entries]
    assert "Orlan Group" not in names and "Orlan Clinical, Ltd." in names


def test_a_place_after_a_legal_form_is_no_part_of_the_name():
    text = "We're very pleased to announce the purchase of Cordale Card LLC of Denver Colorado."
    assert "Cordale Card LLC" in [e.name for e in find_organizations([text]).entries]


def test_a_possessive_in_a_slot_names_the_owner():
    text = "Production is transferred to Vallby's plant in Malmo. Vallby Medical AB signed the agreement."
    names = [e.name for e in find_organizations([text]).entries]
    assert "Vallby's" not in names


def test_a_short_form_shared_with_a_parent_names_the_subsidiary_that_acts():
    text = ("The Company entered into a license agreement with Sakura Shokuhin Kabushiki Kaisha, a wholly-owned subsidiary "
            "of Sakura Holdings Co., Ltd. Under it, Sakura will pay the Company royalties.")
    idx = find_organizations([text])
    assert idx.resolve("Sakura").name == "Sakura Shokuhin Kabushiki Kaisha"


@pytest.mark.parametrize("text, term, name", [
    ('Halberd Corp., a Georgia corporation ("Halberd"), acquired the shares.', "Halberd", "Halberd Corp."),
    ('common stock of Norwood Cinema Corporation, a Delaware corporation ("Norwood\nCinema").', "Norwood Cinema",
     "Norwood Cinema Corporation"),
    ('among Halberd Corp., NL Merger Co., a Delaware corporation and wholly owned subsidiary of Halberd ("NL Merger"), '
     'and Norwood Cinema Corporation', "NL Merger", "NL Merger Co."),
], ids=["after-jurisdiction", "wrapped-term", "after-appositive"])
def test_a_defined_term_after_an_appositive_names_the_organization_before_it(text, term, name):
    idx = find_organizations([text])
    assert idx.resolve(term) is not None and idx.resolve(term).name == name


@pytest.mark.parametrize("text", [
    "Initiating Securities Holders.............................8 Section 3. Company Obligations",
    "Merger Sub will merge with and into the Interim Surviving Corporation, and the Initial Purchasers agreed to buy.",
])
def test_table_of_contents_lines_and_role_phrases_are_no_organizations(text):
    names = [e.name for e in find_organizations([text]).entries]
    assert not [n for n in names if "..." in n or "Surviving" in n or "Initial Purchasers" in n]


@pytest.mark.parametrize("text, name", [
    ("an agreement with Zai Lab (Shanghai) Co., Ltd. in 2017", "Zai Lab (Shanghai) Co., Ltd."),
    ("acquired Focus Softek India (Private) Limited, a company", "Focus Softek India (Private) Limited"),
])
def test_a_parenthesised_word_inside_a_legal_name(text, name):
    assert [e.name for e in find_organizations([text]).entries] == [name]


def test_a_defined_term_after_an_appositive_that_fits_the_parent_is_not_the_subsidiarys():
    text = 'Ostrand Pharma GmbH, a wholly owned subsidiary of Halvard Holding AG ("Halvard"), signed the licence.'
    idx = find_organizations([text])
    assert idx.resolve("Halvard") is None or idx.resolve("Halvard").name == "Halvard Holding AG"
