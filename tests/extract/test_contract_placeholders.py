"""Form contracts that leave a party unnamed (issue 13): the party is kept under the role the
contract defines for it, and a blank is never a party's name.  Invented contracts."""
from __future__ import annotations

import pytest

from kg.document import Document, Filing
from kg.extract.contract import extract_contract
from kg.extract.contract_parties import preamble_parties
from kg.extract.contract_placeholders import is_blank_name, role_name


@pytest.mark.parametrize(
    "text,parties",
    [
        # a blank with a blank description
        ('MAINTENANCE AGREEMENT\n\nThis Maintenance Agreement is made by and between Quillon Systems, Inc., a Delaware '
         'corporation ("Quillon") with its principal place of business at 12 Harbor Road, Suite 4, Ames, Iowa 50010 and '
         '______________________, a ____________ corporation ("Licensee") with its principal place of business at '
         '____________.\n\nWHEREAS, Quillon licenses software.',
         [("Quillon Systems, Inc.", "Quillon"), ("Licensee", "Licensee")]),
        # blanks written right before the defined terms, in running text
        ('VENDOR CONTRACT\n\n1. By execution of this Vendor Contract ("Contract"), _______________ ("Vendor") agrees '
         'that all marks applied at the request of _______________ ("Purchaser") to goods covered by this Contract are '
         'owned by Marlow Brands, Inc. ("Marlow"); and Vendor will not sell any such goods except upon the order of '
         'Purchaser.\n\n2. Vendor agrees to this Contract.',
         [("Vendor", "Vendor"), ("Purchaser", "Purchaser")]),
        # a bullet in brackets under a party label
        ('SERVICE AGREEMENT\n\nThis Agreement is entered into by and between:\n\nParty A: Lintang Learning Co., Ltd. '
         '("Service Provider")\n\nAddress: Room 5, 2/F, 8 River Road, Tianjin\n\nParty B: [\u2022] ("Service Recipient")'
         '\n\nAddress: [\u2022]\n\nWhereas: the parties wish to cooperate.',
         [("Lintang Learning Co., Ltd.", "Service Provider"), ("Service Recipient", "Service Recipient")]),
        # the name is on another page
        ('AGENCY AGREEMENT\n\nThis Agency Agreement is made as of May 2, 2001, by and between Orvale Medical Corporation, '
         'a Delaware corporation (the "Company") and the Agent named on the signature page hereof (the "Agent").\n\n'
         'WHEREAS, the Company sells products.',
         [("Orvale Medical Corporation", "Company"), ("Agent", "Agent")]),
        ('FRANCHISE AGREEMENT\n\nThis Franchise Agreement is entered into as of the Agreement Date shown on the cover page '
         'between Tallow Pie Holding, Inc., a Florida corporation, and the individual or legal entity identified on the '
         'cover page ("Franchisee"). If Franchisee is a corporation, its owners are also identified.',
         [("Tallow Pie Holding, Inc.", None), ("Franchisee", "Franchisee")]),
        # the role itself, with pronouns defined first
        ('FRANCHISE AGREEMENT\n\nThis Franchise Agreement between Brightwater Inns Franchise LLC ("we," "us," "our" or '
         '"Franchisor") and the Franchisee ("you," "your" or "Franchisee") set forth in the Addendum attached to this '
         'Agreement, is dated as of the Effective Date.\n\nINTRODUCTION\n\nWe license hotels.',
         [("Brightwater Inns Franchise LLC", "Franchisor"), ("Franchisee", "Franchisee")]),
        # an instruction in double angle brackets
        ('CUSTOMIZATION AGREEMENT\n\nThis Customization Agreement is made by and between Harlow Bank, N.A. ("Harlow") and '
         '<<enter Company Name>> ("Supplier"). The work is subject to the Master Agreement.',
         [("Harlow Bank, N.A.", "Harlow"), ("Supplier", "Supplier")]),
    ],
    ids=["underscores", "blanks-before-terms", "bullet-under-label", "named-on-signature-page", "identified-on-cover-page", "role-with-pronouns",
         "angle-instruction"],
)
def test_unnamed_party_is_kept_under_its_role(text, parties):
    filing = Filing(path="x.txt", sha256="0" * 64, size=1, encoding="utf-8", fmt="text", documents=[Document(text=text)])
    cf = extract_contract(filing, 0)
    assert cf is not None and cf.agreement.parties == [n for n, _ in parties]
    aliases = {o.name: o.aliases for o in cf.organizations}
    for name, term in parties:
        assert term is None or term == name or term in aliases[name]


@pytest.mark.parametrize(
    "text",
    [
        # affiliates listed elsewhere are not one more party
        ('SUPPLY AGREEMENT\n\nThis Agreement is made by and between Corvel Chemical Company ("Seller"), and Dunmore '
         'Packaging, Inc. ("Buyer"), on behalf of itself and the Buyer affiliates listed on Attachment C (each a '
         '"Buyer Affiliate").\n\nWHEREAS, Seller makes resins.'),
        # a fund defined later in the same sentence is not a placeholder
        ('SERVICING AGREEMENT\n\nThis Agreement is made between Pelham Fund Management LLC ("Pelham") and Orrin '
         'Securities, Inc. ("Servicing Agent"), whereby Servicing Agent serves the shareholders of each series of the '
         'trust ("Fund").\n\nWHEREAS, the trust is registered.'),
    ],
    ids=["affiliates-listed-elsewhere", "later-defined-term"],
)
def test_no_placeholder_party_without_a_blank_party(text):
    found, _ = preamble_parties(text)
    assert len(found) == 2
    assert all(n not in {"Buyer Affiliate", "Fund"} for n, _ in found)


@pytest.mark.parametrize(
    "name,blank",
    [("________", True), ("[\u2022]", True), ("[ ]", True), ("[INSERT NAME OF AGENT]", True), ("- ---- ,", True),
     ("Acme [Holdings] Ltd.", False), ("Tallow Pie Holding, Inc.", False)],
)
def test_blank_names(name, blank):
    assert is_blank_name(name) is blank


def test_role_skips_pronouns_and_reads_capitals():
    assert role_name(["you", "your", "Franchisee"]) == "Franchisee"
    assert role_name(["CUSTOMER"]) == "Customer"
    assert role_name(["we", "us"]) is None
