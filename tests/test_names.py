"""kg.names: the organization-name key used for alias merging, IRIs and resolution."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

import unicodedata

from kg.names import LEGAL_SUFFIXES, normalize_org_name, strip_legal_suffix

_NOT_NAME_WORDS = {"the", *(s.replace(" ", "") for s in LEGAL_SUFFIXES)}


def _is_name_word(word: str) -> bool:
    """A distinctive name word: not "The" and not itself a legal form ("GmbH", "Inc")."""
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    return bool(folded) and folded not in _NOT_NAME_WORDS


_WORD = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=2, max_size=10).filter(_is_name_word)
_SUFFIX = st.sampled_from(["Inc.", ", Inc.", "Corp.", "Corporation", "Ltd.", "Limited", "LLC", "plc", "AG", "GmbH", "N.V.", "S.A."])


@pytest.mark.parametrize(
    "a, b",
    [
        ("ACME BIOLOGICS, INC.", "Acme Biologics, Inc."),
        ("Acme Biologics, Inc.", "Acme Biologics"),
        ("The Zephyr Institute", "Zephyr Institute"),
        ("Rho & Sigma Pharma AG", "Rho and Sigma Pharma"),
        ("Nordlys Therapeutics A/S", "NORDLYS THERAPEUTICS"),
        ("Crème Labs S.A.", "Creme Labs"),
    ],
    ids=["case", "suffix", "leading-the", "ampersand", "danish-a-s", "accents"],
)
def test_same_entity_spellings_share_a_key(a, b):
    assert normalize_org_name(a) == normalize_org_name(b)


@pytest.mark.parametrize(
    "a, b",
    [("Alpha Bio Inc.", "Alpha Biotech Inc."), ("Gamma University", "Gamma University Hospital")],
    ids=["similar-words", "institution-and-its-hospital"],
)
def test_different_entities_keep_different_keys(a, b):
    assert normalize_org_name(a) != normalize_org_name(b)


def test_blank_names_have_the_empty_key():
    assert normalize_org_name(None) == "" and normalize_org_name("  ") == ""


@given(words=st.lists(_WORD, min_size=1, max_size=4), suffix=_SUFFIX)
def test_legal_suffix_never_changes_the_key(words, suffix):
    base = " ".join(words)
    sep = "" if suffix.startswith(",") else " "
    assert normalize_org_name(base + sep + suffix) == normalize_org_name(base) or normalize_org_name(base) == ""


@given(st.text(max_size=60))
def test_key_is_plain_ascii_words(name):
    key = normalize_org_name(name)
    assert key == key.strip() and all(c.isascii() and (c.isalnum() or c == " ") for c in key)


@given(words=st.lists(_WORD, min_size=1, max_size=3), suffix=_SUFFIX)
def test_strip_legal_suffix_removes_only_the_suffix(words, suffix):
    base = " ".join(words)
    sep = "" if suffix.startswith(",") else " "
    assert strip_legal_suffix(base + sep + suffix) == base or base.split()[-1] in suffix


def test_long_form_legal_suffixes_fold_like_their_abbreviations():
    from kg.names import normalize_org_name, strip_legal_suffix
    assert normalize_org_name("Nakagawa Shokuhin Kabushiki Kaisha") == normalize_org_name("Nakagawa Shokuhin K.K.")
    assert normalize_org_name("Brenner Aktiengesellschaft") == normalize_org_name("Brenner AG")
    assert strip_legal_suffix("Tokai Kiko Kabushiki Kaisha") == "Tokai Kiko"
