"""Agreements of narrative filings (kg.extract via kg.extract.agreements), on texts written for these tests."""
from __future__ import annotations

from decimal import Decimal

from kg.document import Filing
from kg.extract import extract
from kg.facts import AgreementKind as K, AgreementStatus as S, PaymentKind as P


def filing(*texts: str, types: tuple = ()) -> Filing:
    return Filing.from_texts(*texts, path="/tmp/case/doc.txt", doc_types=types, fmt="text")


LICENSE_8K = """FORM 8-K

CURRENT REPORT

Date of Report (Date of earliest event reported): June 2, 2015

NORTHWIND BIOLOGICS, INC.
(Exact name of registrant as specified in its charter)

Item 1.01. Entry into a Material Definitive Agreement.

On June 2, 2015, Northwind Biologics, Inc. ("Northwind") entered into an exclusive license agreement with
Calder Pharma AG ("Calder"). Under the agreement, Northwind granted Calder exclusive worldwide rights to
develop and commercialize NWB-217, an oral kinase inhibitor for psoriasis. Calder will pay Northwind an
upfront fee of $15 million and up to $210 million in development and sales milestones, plus tiered royalties
in the low double digits. The agreement has a ten-year term.

On April 20, we announced a separate license agreement for Calder to develop a Vireo antibody conjugate.
"""


def test_licence_with_roles_terms_and_payments():
    facts = extract(filing(LICENSE_8K))
    assert [o.name for o in facts.organizations][:2] == ["Northwind Biologics, Inc.", "Calder Pharma AG"]
    new = [a for a in facts.agreements if a.status is S.NEW]
    assert len(new) == 1
    a = new[0]
    assert a.kind is K.LICENSE
    assert a.date == "2015-06-02"
    assert set(a.parties) == {"Northwind Biologics, Inc.", "Calder Pharma AG"}
    assert (a.licensor, a.licensee) == ("Northwind Biologics, Inc.", "Calder Pharma AG")
    assert a.exclusive is True and a.territory == "worldwide" and a.term_years == 10
    assert "NWB-217" in a.subject and "NWB-217" in a.products
    got = [(p.kind, p.amount) for p in a.payments]
    assert (P.UPFRONT, Decimal(15_000_000)) in got
    assert (P.MILESTONE, Decimal(210_000_000)) in got
    assert any(p.kind is P.ROYALTY and p.amount is None for p in a.payments)


def test_referenced_earlier_agreement_gets_year_from_context():
    facts = extract(filing(LICENSE_8K))
    ref = [a for a in facts.agreements if a.status is S.REFERENCED]
    assert len(ref) == 1
    assert ref[0].kind is K.LICENSE and ref[0].date == "2015-04-20"
    assert ref[0].licensee == "Calder Pharma AG"
    assert ref[0].products == ["Vireo antibody conjugate"]


def test_non_exclusive_platform_licence_with_option_for_exclusive_licences():
    text = ("On March 3, 2004, Lumen Bio, Inc. and Tarvo Corp. announced a research collaboration. "
            "The agreement provides Tarvo with a license to use Lumen's peptide display technology and an option to "
            "obtain exclusive product licenses for up to four targets over the agreement's three-year term. "
            "The agreement can be renewed for one additional two-year period.")
    (a,) = extract(filing(text)).agreements
    assert a.kind is K.COLLABORATION
    assert a.exclusive is False
    assert a.option and a.option.startswith("exclusive product licenses")
    assert (a.licensor, a.licensee) == ("Lumen Bio, Inc.", "Tarvo Corp.")
    assert a.term_years == 3 and a.renewal_years == 2


def test_several_agreements_with_one_partner():
    text = ('On May 5, 2003, Ardent Therapeutics, Inc. ("Ardent") and Pell Labs plc ("Pell") announced several '
            "related agreements.\n\nUnder a license agreement, Ardent granted Pell exclusive rights to ARD-55. Pell "
            "will pay Ardent an upfront fee of $20 million.\n\nUnder a stock purchase agreement, Pell will buy $30 "
            "million of Ardent common stock.\n\nUnder a separate research collaboration agreement, the two companies "
            "will work together for three years, and Pell will lend Ardent up to $50 million.")
    facts = extract(filing(text))
    by_kind = {a.kind: a for a in facts.agreements}
    assert set(by_kind) == {K.LICENSE, K.OTHER, K.COLLABORATION}
    assert [(p.kind, p.amount) for p in by_kind[K.LICENSE].payments] == [(P.UPFRONT, Decimal(20_000_000))]
    assert [(p.kind, p.amount) for p in by_kind[K.OTHER].payments] == [(P.EQUITY, Decimal(30_000_000))]
    assert [(p.kind, p.amount) for p in by_kind[K.COLLABORATION].payments] == [(P.LOAN, Decimal(50_000_000))]
    assert by_kind[K.COLLABORATION].term_years == 3
    assert by_kind[K.LICENSE].licensee == "Pell Labs plc"


def test_termination_with_dates():
    text = ('FORM 8-K\n\nItem 1.02. Termination of a Material Definitive Agreement.\n\n'
            'On August 1, 2019, the License Agreement dated March 4, 2014 (the "Agreement") between Sable '
            'Pharmaceuticals, Inc. ("Sable") and Orrin AB ("Orrin") terminated. Under the Agreement, Orrin held an '
            "exclusive license to develop SBL-100.")
    (a,) = extract(filing(text)).agreements
    assert a.status is S.TERMINATED
    assert (a.date, a.effective_date, a.expiration_date) == ("2019-08-01", "2014-03-04", "2019-08-01")
    assert (a.licensor, a.licensee) == ("Sable Pharmaceuticals, Inc.", "Orrin AB")


def test_option_exercise():
    text = ("Dunmore Pharmaceuticals, Inc. (Nasdaq: DUNP) today reported that Keel Bio (NYSE: KEEL) has exercised "
            "its option to develop and commercialize tovarsen around the world. Keel has paid Dunmore a license "
            "fee of $40 million.")
    (a,) = extract(filing(text)).agreements
    assert a.status is S.OPTION_EXERCISED and a.kind is K.LICENSE
    assert a.licensee == "Keel Bio" and a.licensor == "Dunmore Pharmaceuticals, Inc."
    assert [(p.kind, p.amount) for p in a.payments] == [(P.LICENSE_FEE, Decimal(40_000_000))]
    assert a.territory == "worldwide"


def test_settlement_licence_and_stock_purchase_in_one_paragraph():
    text = ('On March 1, 2012, Corvid Inc. ("Corvid") entered into a Settlement Agreement (the "Settlement") with '
            'Hale Electronics Co., Ltd. and Hale America, Inc. (together, "Hale"). On the same day Corvid and Hale '
            'Electronics Co., Ltd. entered into a Patent License Agreement (the "License") and a Stock Purchase '
            'Agreement (the "Purchase Agreement"). Under the Settlement, Hale will pay Corvid $50 million. Under the '
            "License, Corvid grants Hale a non-exclusive license, and Hale will pay Corvid $10 million per quarter. "
            "Under the Purchase Agreement, Hale will purchase $40 million of Corvid common stock.")
    facts = extract(filing(text))
    kinds = {a.kind: a for a in facts.agreements}
    assert set(kinds) == {K.SETTLEMENT, K.LICENSE, K.OTHER}
    assert len(kinds[K.SETTLEMENT].parties) == 3
    lic = kinds[K.LICENSE]
    assert lic.exclusive is False and lic.licensor == "Corvid Inc."
    assert [(p.kind, p.amount, p.per) for p in lic.payments] == [(P.LICENSE_FEE, Decimal(10_000_000), "quarter")]
    assert [(p.kind, p.amount) for p in kinds[K.SETTLEMENT].payments] == [(P.OTHER, Decimal(50_000_000))]


def test_forward_looking_boilerplate_is_not_read():
    text = ("On May 1, 2020, Acme Bio, Inc. and Zed Pharma Corp. entered into a collaboration agreement.\n\n"
            "Forward-Looking Statements\n\nThis release contains risks, including that Zed may not make milestone "
            "payments or reimburse costs, and that a new license agreement with Other Corp. may fail.")
    (a,) = extract(filing(text)).agreements
    assert a.payments == []


def test_in_licence_from_a_university_announced_by_the_licensee():
    text = ("NEW YORK, Oct. 3, 2018 -- Larch Therapeutics, Inc. (NASDAQ: LRCH) today announced that it has "
            "in-licensed worldwide rights to PX-12, a novel antifungal compound, from Morrow University. Under the "
            "agreement, Larch will pay Morrow an upfront fee of $500,000 and royalties on net sales.")
    (a,) = extract(filing(text)).agreements
    assert (a.licensor, a.licensee) == ("Morrow University", "Larch Therapeutics, Inc.")
    assert a.territory == "worldwide" and a.subject[0] == "PX-12"
    assert [(p.kind, p.amount) for p in a.payments] == [(P.UPFRONT, Decimal(500_000)), (P.ROYALTY, None)]


def test_regional_licence_with_payee_roles_and_named_territory():
    text = ("SHANGHAI, March 14, 2019 -- Hua Medicine Holdings Ltd. (HKEX: 2552) and Zenith Biosciences, Inc. "
            "(NASDAQ: ZNTH) today announced that they have entered into an exclusive license agreement under which "
            "Hua will receive the rights to develop and commercialize ZN-401 in Greater China. Under the terms of the "
            "agreement, Zenith will receive an upfront payment of US$12 million.")
    (a,) = extract(filing(text)).agreements
    assert a.territory == "Greater China" and a.exclusive is True
    assert (a.licensor, a.licensee) == ("Zenith Biosciences, Inc.", "Hua Medicine Holdings Ltd.")


def test_amendment_is_dated_by_the_event_and_keeps_the_original_date():
    text = ("FORM 8-K\n\nKESTREL BIO, INC.\n(Exact name of registrant as specified in its charter)\n\n"
            'Item 1.01.\n\nOn April 4, 2016, Kestrel Bio, Inc. (the "Company") and Saito Pharmaceutical Co., Ltd. '
            '("Saito") entered into an amendment to the License Agreement dated June 1, 2012 between the Company and '
            "Saito. Saito will pay the Company \u00a5500 million upon execution of the amendment.")
    (a,) = extract(filing(text)).agreements
    assert a.status is S.AMENDED and (a.date, a.effective_date) == ("2016-04-04", "2012-06-01")
    assert [(p.amount, p.currency) for p in a.payments] == [(Decimal(500_000_000), "JPY")]


def test_exclusive_distribution_with_renewal():
    text = ('On September 1, 2020, Nimbus Robotics Corp. ("Nimbus") entered into a Distribution Agreement with '
            'Ferraz Comercio Ltda. ("Ferraz"), under which Ferraz will act as the exclusive distributor of Nimbus '
            "surgical robots in Brazil for an initial term of three years, which will automatically renew for "
            "successive one-year periods.")
    (a,) = extract(filing(text)).agreements
    assert a.kind is K.DISTRIBUTION and a.exclusive is True
    assert (a.term_years, a.renewal_years) == (3, 1)
    assert set(a.parties) == {"Nimbus Robotics Corp.", "Ferraz Comercio Ltda."}


def test_definitive_agreement_to_acquire_with_per_share_consideration():
    text = ("BOSTON, June 1, 2022 -- Altura Systems, Inc. (NYSE: ALTS) and Brevik Software Corp. (Nasdaq: BRVK) today "
            "announced that they have entered into a definitive agreement under which Altura will acquire Brevik for "
            "$25.00 per share in cash, or approximately $1.1 billion.")
    (a,) = extract(filing(text)).agreements
    assert a.kind is K.ACQUISITION and a.date == "2022-06-01"
    assert [(p.kind, p.amount, p.per) for p in a.payments] == [
        (P.OTHER, Decimal(25), "share"), (P.OTHER, Decimal(1_100_000_000), None)]


def test_field_of_use():
    text = ('On May 1, 2021, Quell Bio, Inc. ("Quell") entered into a license agreement with Arno Pharma SE ("Arno"), '
            "under which Quell granted Arno exclusive rights to QB-12 for the treatment of chronic gout, a painful "
            "condition.")
    (a,) = extract(filing(text)).agreements
    assert a.field_of_use == "chronic gout"


def test_numbered_amendment_with_defined_term_is_amended_and_not_a_party():
    text = ("FORM 8-K\n\nMARLOW OPTICS, INC.\n(Exact name of registrant as specified in its charter)\n\n"
            'Item 1.01.\n\nOn October 12, 2017, Marlow Optics, Inc. (the "Company") entered into a Second Amendment '
            '(the "Amendment") to the Exclusive License Agreement dated May 9, 2011 with Tanaka Seiyaku K.K. ("Tanaka").')
    facts = extract(filing(text))
    assert [o.name for o in facts.organizations] == ["Marlow Optics, Inc.", "Tanaka Seiyaku K.K."]
    (a,) = facts.agreements
    assert a.status is S.AMENDED and (a.date, a.effective_date) == ("2017-10-12", "2011-05-09")
    assert set(a.parties) == {"Marlow Optics, Inc.", "Tanaka Seiyaku K.K."}


def test_first_amendment_without_parenthetical():
    text = ('On March 2, 2019, Pellworth Bio, Inc. ("Pellworth") and Ostrava Labs GmbH ("Ostrava") entered into a First '
            "Amendment to the Collaboration and License Agreement dated July 1, 2016 between Pellworth and Ostrava.")
    facts = extract(filing(text))
    assert "First Amendment" not in [o.name for o in facts.organizations]
    (a,) = facts.agreements
    assert a.status is S.AMENDED and a.date == "2019-03-02"


def test_termination_by_notice_before_the_agreement_is_dated_by_the_notice():
    text = ("FORM 8-K\n\nItem 1.02. Termination of a Material Definitive Agreement.\n\n"
            'On February 3, 2014, Corbel Medical, Inc. (the "Company") received written notice from Vantor Health AG '
            '("Vantor") that Vantor has elected to terminate, with ninety days notice, the Distribution Agreement dated '
            "June 30, 2009 between the Company and Vantor.")
    (a,) = extract(filing(text)).agreements
    assert a.status is S.TERMINATED and (a.date, a.effective_date) == ("2014-02-03", "2009-06-30")


def test_party_terminated_the_agreement_but_termination_rights_are_not_a_termination():
    ended = 'On July 8, 2021, Quillon Therapeutics, Inc. ("Quillon") terminated the License Agreement dated January 5, 2018 with Raffel University.'
    (a,) = extract(filing(ended)).agreements
    assert a.status is S.TERMINATED and a.date == "2021-07-08"
    rights = ('On July 8, 2021, Quillon Therapeutics, Inc. ("Quillon") entered into a License Agreement with Raffel '
              "University. Raffel has the right to terminate the License Agreement upon ninety days notice.")
    (b,) = extract(filing(rights)).agreements
    assert b.status is S.NEW


def test_prose_term_and_extension():
    head = ('On May 3, 2016, Harlan Crop Sciences, Inc. ("Harlan") entered into a {kind} with Feldmark Saatgut GmbH '
            '("Feldmark"). ')
    (a,) = extract(filing(head.format(kind="research collaboration agreement") + "Under the agreement, the research "
                          "term is three years, which Feldmark may extend by up to two additional years.")).agreements
    assert (a.term_years, a.renewal_years) == (3, 2)
    (b,) = extract(filing(head.format(kind="license agreement") + "The license agreement will remain in force for a "
                          "period of seven (7) years and may be extended by mutual agreement for an additional three "
                          "years.")).agreements
    assert (b.term_years, b.renewal_years) == (7, 3)


def test_royalty_duration_is_not_the_agreement_term():
    text = ('On May 3, 2016, Harlan Crop Sciences, Inc. ("Harlan") entered into a license agreement with Feldmark '
            'Saatgut GmbH ("Feldmark"). Under the agreement, Feldmark will pay royalties for a period of ten years from '
            "first commercial sale.")
    (a,) = extract(filing(text)).agreements
    assert a.term_years is None


OPTION_EXERCISE_PR = """Arbolen Therapeutics Announces Exercise of Option by Quintara Bio

BOSTON, March 2, 2023 -- Arbolen Therapeutics, Inc. (Nasdaq: ARBL) today announced that Quintara Bio AG has
exercised its option to obtain an exclusive worldwide license to ARB-77. Quintara will pay Arbolen an exercise
fee of $45 million.

The option was granted under the Option and License Agreement that Arbolen and Quintara entered into in June
2021, under which Quintara paid Arbolen $20 million upfront and made a $5 million equity investment.
"""


def test_earlier_agreement_told_with_its_signing_is_a_referenced_agreement_with_its_own_payments():
    facts = extract(filing(OPTION_EXERCISE_PR))
    by_status = {a.status: a for a in facts.agreements}
    assert set(by_status) == {S.OPTION_EXERCISED, S.REFERENCED}
    now, before = by_status[S.OPTION_EXERCISED], by_status[S.REFERENCED]
    assert [(p.kind, p.amount) for p in now.payments] == [(P.OTHER, Decimal(45_000_000))]  # an exercise fee
    assert before.kind is K.OPTION and before.date == "2021-06"  # "Option and License Agreement": named first
    assert [(p.kind, p.amount) for p in before.payments] == [(P.UPFRONT, Decimal(20_000_000)), (P.EQUITY, Decimal(5_000_000))]
    # roles of an option deal from who pays whom: the optionee is the (future) licensee
    assert (before.licensor, before.licensee) == ("Arbolen Therapeutics, Inc.", "Quintara Bio AG")


def test_agreement_entered_into_this_month_is_not_referenced():
    text = OPTION_EXERCISE_PR.replace("entered into in June\n2021", "entered into in March\n2023")
    statuses = {a.status for a in extract(filing(text)).agreements}
    assert S.REFERENCED not in statuses


TWO_LICENCES_10K = """NOTE 7. LICENSE AGREEMENTS

Tarrow State University Research Foundation

In March 2013, the Company entered into an exclusive license agreement with Tarrow State University
Research Foundation ("TSURF"), under which TSURF granted the Company an exclusive worldwide license to
its kinase patents. The Company paid TSURF an upfront license fee of $200 and pays an annual maintenance
fee of $25.

Peller Institute of Medicine

On June 9, 2016, the Company entered into a non-exclusive license agreement with Peller Institute of
Medicine ("Peller"), under which Peller granted the Company a non-exclusive license to its cell lines.
The Company paid Peller a one-time license fee of $60.
"""


def test_the_filers_deals_with_different_counterparties_stay_apart():
    facts = extract(filing(TWO_LICENCES_10K))
    by_partner = {frozenset(a.parties): a for a in facts.agreements}
    assert len(facts.agreements) == 2, [a.parties for a in facts.agreements]
    tsurf = next(a for p, a in by_partner.items() if any("Tarrow" in x for x in p))
    peller = next(a for p, a in by_partner.items() if any("Peller" in x for x in p))
    assert len(tsurf.parties) == 2 and len(peller.parties) == 2
    assert tsurf.licensor.startswith("Tarrow") and peller.licensor.startswith("Peller")
    assert {p.amount for p in peller.payments if p.amount} == {Decimal(60)}


def test_the_same_deal_told_twice_with_its_counterparty_is_one_deal():
    text = LICENSE_8K + ("\nCalder Pharma AG and Northwind Biologics, Inc. signed the exclusive license agreement for "
                         "NWB-217 on June 2, 2015.\n")
    new = [a for a in extract(filing(text)).agreements if a.status is S.NEW]
    assert len(new) == 1


def test_agreement_still_to_be_made_is_referenced_and_short_names_resolve():
    text = ("OSAKA, 4 May 2021 -- Tamaki Seiyaku Co., Ltd. (Tokyo: 4411) today announced an exclusive license "
            "agreement with Brightfen Bio Therapeutics, Inc. for TSK-12 outside Japan. Tamaki will manufacture "
            "TSK-12 for Brightfen Bio under a separate supply agreement to be concluded, and Brightfen Bio will "
            "negotiate a distribution agreement with local partners.\n")
    ags = extract(filing(text)).agreements
    kinds = {(a.kind, a.status) for a in ags}
    assert (K.LICENSE, S.NEW) in kinds and (K.SUPPLY, S.REFERENCED) in kinds
    supply = next(a for a in ags if a.kind is K.SUPPLY)
    # "Brightfen Bio" (the name without its descriptive "Therapeutics") names the same company
    assert supply.parties == ["Tamaki Seiyaku Co., Ltd.", "Brightfen Bio Therapeutics, Inc."]


def test_deals_described_by_a_prospectus_or_undated_in_a_report_are_referenced():
    from kg.extract.agreements import extract_agreements
    from kg.extract.organizations import find_organizations

    text = ("Lumen Assays, Inc. (the \"Company\") develops cancer assays.\n\nIn March 2019, the Company entered into a "
            "collaboration agreement with Veyra Oncology, Inc. (\"Veyra\") to develop assays. The Company also entered "
            "into a license agreement with Ostmark Analytics GmbH (\"Ostmark\"), under which Ostmark granted the "
            "Company a non-exclusive license to its software.\n")
    idx = find_organizations([text])
    filer = idx.resolve("Lumen Assays, Inc.")
    s1 = extract_agreements([text], idx, filer, None, registration=True)
    assert len(s1) == 2 and {a.status for a in s1} == {S.REFERENCED}
    # in a 10-K for 2019: the deal dated in the year is new, the undated one an existing (referenced) deal
    k10 = {a.kind: a for a in extract_agreements([text], idx, filer, "2019-12-31", fiscal_year=2019)}
    assert (k10[K.COLLABORATION].status, k10[K.COLLABORATION].date) == (S.NEW, "2019-03")
    assert (k10[K.LICENSE].status, k10[K.LICENSE].date) == (S.REFERENCED, None)  # not the period end


def test_licence_taken_under_a_collaboration_is_that_collaborations():
    text = ("On March 3, 2024, Quarrel Bio, Inc. (the \u201cCompany\u201d) entered into a Collaboration, Option and "
            "License Agreement (the \u201cCollaboration Agreement\u201d) with Hanseo Pharma Co., Ltd. (\u201cHanseo\u201d). "
            "Pursuant to the Collaboration Agreement, the Company and Hanseo will collaborate on up to two programs, "
            "and Hanseo has been granted an exclusive option to obtain an exclusive license under the Company\u2019s "
            "patents in Korea. Hanseo will pay the Company an upfront payment of $15 million.\n")
    ags = extract(filing(text)).agreements
    assert [a.kind for a in ags] == [K.COLLABORATION]  # not a second, licence agreement
    assert [(p.kind, p.amount) for p in ags[0].payments] == [(P.UPFRONT, Decimal(15_000_000))]


def test_bulleted_terms_after_the_deal_sentence_are_its_payments():
    text = ("STOCKHOLM, 3 May 2013 -- Vallby Medical AB (publ) today announced that it has signed an agreement to "
            "acquire the WoundKare product line from Lugano Derm SA.\n\nTransaction in brief\n"
            "- Upfront consideration of CHF 12.0 million, payable in cash on completion.\n"
            "- Additional milestone payments of up to CHF 9.0 million, contingent on FDA clearance.\n")
    ags = extract(filing(text)).agreements
    assert len(ags) == 1 and ags[0].kind is K.ACQUISITION
    assert [(p.kind, p.amount, p.currency) for p in ags[0].payments] == [
        (P.UPFRONT, Decimal(12_000_000), "CHF"), (P.MILESTONE, Decimal(9_000_000), "CHF")]


def test_contract_retold_by_the_8k_is_one_agreement_and_possessive_owner_is_a_party():
    body = ("FORM 8-K\n\nDate of Report (Date of earliest event reported): March 2, 2015\n\n"
            "Item 1.01 Entry into a Material Definitive Agreement.\n\nOn March 2, 2015, Quenby Devices, Inc. (the "
            "\"Company\") entered into a License Agreement with Oriel Semiconductor Co., Ltd. (\"Oriel\"), under which "
            "the Company granted Oriel a non-exclusive license to its patents. Oriel will pay the Company a license "
            "fee of $2 million. The terms are similar to those of the Company's license agreement with Tamsin "
            "Electric Co., Ltd. entered into in August 2012.\n")
    contract = ("LICENSE AGREEMENT\n\nThis License Agreement is made as of March 2, 2015 by and between QUENBY DEVICES, "
                "INC. (\"Licensor\") and ORIEL SEMICONDUCTOR CO., LTD. (\"Licensee\").\n"
                "2.1 Licensor hereby grants to Licensee a non-exclusive license under the Patents.\n")
    ags = extract(filing(body, contract, types=("8-K", "EX-10.1"))).agreements
    new = [a for a in ags if a.status is S.NEW]
    assert len(new) == 1 and new[0].kind is K.LICENSE  # the 8-K's retelling folded into the contract
    assert [(p.kind, p.amount) for p in new[0].payments] == [(P.LICENSE_FEE, Decimal(2_000_000))]
    old = [a for a in ags if a.status is S.REFERENCED]
    assert len(old) == 1 and set(old[0].parties) == {"Quenby Devices, Inc.", "Tamsin Electric Co., Ltd."}


def test_parent_named_in_a_party_description_is_not_a_party():
    text = ("On May 2, 2001, Harlow Snacks, Inc. (the \"Company\") entered into a Trademark License Agreement with "
            "Ishida Seika Kabushiki Kaisha, a Japanese corporation (\"Ishida\") and a wholly-owned subsidiary of "
            "Ishida Holdings Co., Ltd. Ishida will pay the Company royalties on net sales.\n")
    ags = extract(filing(text)).agreements
    assert [set(a.parties) for a in ags] == [{"Harlow Snacks, Inc.", "Ishida Seika Kabushiki Kaisha"}]
