"""Document types from file names and headings."""
from __future__ import annotations

import pytest

from kg.sources.doctype import doc_type_from_filename, doc_type_from_heading, exhibit_type


@pytest.mark.parametrize(
    "name, expected",
    [
        ("d448801dex991.htm", "EX-99.1"),
        ("d12345dex1011.htm", "EX-10.11"),
        ("d12345dex41.htm", "EX-4.1"),
        ("ex10-1.htm", "EX-10.1"),
        ("a2058321zex-99_1.txt", "EX-99.1"),
        ("exhibit99-1.htm", "EX-99.1"),
        ("Exhibit 10.2.htm", "EX-10.2"),
        ("Acme_20200205_8-K_EX-10.3_11967170_EX-10.3_Development Agreement.txt", "EX-10.3"),
        ("ACMEPLC_04_06_2017-EX-10.11-STRATEGIC ALLIANCE AGREEMENT.txt", "EX-10.11"),
        ("acme_8k.htm", "8-K"),
        ("form8-ka.htm", "8-K/A"),
        ("acme-10k_2019.htm", "10-K"),
        ("annex2.htm", None),
        ("Acme_20191227_1-A_EX1A-6 MAT CTRCT_11933379_EX1A-6 MAT CTRCT_License.txt", None),
        ("Acme_20070215_10SB12G_EX-10.B(01)_525118_EX-10.B(01)_License.txt", None),
        ("ACME_08_19_2013-EX-10-COLLABORATION AGREEMENT.txt", "EX-10"),
        ("index.htm", None),
        ("primary.html", None),
        ("acme-20240201.htm", None),
    ],
)
def test_doc_type_from_filename(name, expected):
    assert doc_type_from_filename(name) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("\n\n                         Exhibit 99.1\n\nAcme Announces", "EX-99.1"),
        ("EXHIBIT 10.4\n\nLICENSE AGREEMENT", "EX-10.4"),
        ("UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\n\nFORM 8-K\n\nCURRENT REPORT", "8-K"),
        ("FORM 8-K/A\n(Amendment No. 1)", "8-K/A"),
        ("FORM 6-K\nREPORT OF FOREIGN PRIVATE ISSUER", "6-K"),
        ("ACME INC.\nANNUAL REPORT ON FORM 10-K\nFOR THE FISCAL YEAR", "10-K"),
        ("Acme files its Form 10-K today with the SEC and says more.", None),
        ("Press release\n\nAcme and Beta sign a deal.", None),
    ],
)
def test_doc_type_from_heading(text, expected):
    assert doc_type_from_heading(text) == expected


@pytest.mark.parametrize("number, expected", [("99.1", "EX-99.1"), ("991", "EX-99.1"), ("10_26", "EX-10.26"), ("32", "EX-32"), ("50.1", None), ("abc", None)])
def test_exhibit_type(number, expected):
    assert exhibit_type(number) == expected
