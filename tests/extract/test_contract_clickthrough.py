"""A click-through licence names no parties in a preamble: its parties are whoever accepts it ("you are
binding the business entity that you represent ("CUSTOMER")") and the grantor of its licence clause
(invented licences; the accepting party is kept under its role, Organization.placeholder)."""
from __future__ import annotations

import pytest

from kg.document import Filing
from kg.extract import extract

HEAD = ("SOFTWARE LICENSE AGREEMENT\n\nPLEASE READ THIS AGREEMENT CAREFULLY BEFORE USING THE SOFTWARE. BY INSTALLING THE "
        "SOFTWARE YOU ARE BINDING THE {entity} THAT YOU REPRESENT (\"{ROLE}\") TO THIS AGREEMENT.\n\n")
GRANT = ("License. Subject to the terms of this Agreement, {grantor} (\"{term}\"), grants to {Role} a nonexclusive license to use "
         "the Software for its internal business purposes.\n\nGeneral Limitations. {Role} shall not copy the Software.\n")


@pytest.mark.parametrize("entity,role,grantor,term", [
    ("BUSINESS ENTITY", "CUSTOMER", "Norvane Systems, Inc.", "Norvane"),
    ("COMPANY", "LICENSEE", "Helmstedt Software GmbH", "Helmstedt"),
    ("ORGANIZATION", "CLIENT", "Quayle Data Corporation or its subsidiary licensing the Software", "Quayle"),
    ("BUSINESS ENTITY", "END USER", "Arrowmere Ltd.", "Arrowmere"),
    ("ENTITY", "CUSTOMER", "Tamarind Networks LLC", "Tamarind"),
])
def test_a_click_through_licence_has_its_grantor_and_its_acceptor(entity, role, grantor, term):
    role_word = role.title()
    text = HEAD.format(entity=entity, ROLE=role) + GRANT.format(grantor=grantor, term=term, Role=role_word)
    facts = extract(Filing.from_texts(text, path="/tmp/case/ex10.txt", doc_types=("EX-10.1",), fmt="text"))
    assert [sorted(a.parties) for a in facts.agreements] == [sorted([grantor, role_word])]
    assert {o.name for o in facts.organizations if o.placeholder} == {role_word}
