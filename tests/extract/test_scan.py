"""Anchored scans give exactly ``finditer``'s matches: organization patterns (kg.extract.scan.finditer_near)
and people patterns (contact headings, quote attributions, possessive titles), redacted amounts and dates;
AnyWord answers as the case-insensitive word alternation does.

Checked on every filing text the tests ship (and ../shared/corpus when
present) and on generated text mixing name words, connectors, legal-form
suffixes, institution heads, ticker parentheses and odd whitespace.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import dates, money
from kg.extract import organizations as orgs
from kg.extract import people
from kg.extract.scan import AnyWord, finditer_before, finditer_near
from kg.sources import discover, read_file

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parents[1] / "shared" / "corpus"
PATTERNS = [*orgs._ANCHORED, (orgs._NAME_BEFORE_TICKER, orgs._TICKER_AHEAD, orgs._CHUNK_RUNS)]


def _scans(text: str):
    for rx, anchor, runs in PATTERNS:
        yield rx, finditer_near(rx, text, anchor, runs, starts=orgs._NAME_START)
    yield orgs._NAME_BEFORE_PAREN, finditer_before(orgs._NAME_BEFORE_PAREN, text, orgs._PAREN, orgs._CHUNK_RUNS)
    yield people._CONTACT_HEAD, people._contact_heads(text)
    yield people._SAID_NAME_TITLE, people._at_said(people._SAID_NAME_TITLE, text)
    yield people._SAID_TITLE_NAME, people._at_said(people._SAID_TITLE_NAME, text)
    yield people._POSS_TITLE_NAME, finditer_near(people._POSS_TITLE_NAME, text, people._POSS_TITLE_AHEAD, 3)
    yield money._REDACTED, finditer_near(money._REDACTED, text, money._REDACT_OPEN, 4, starts=money._NON_SPACE)
    yield dates.DATE_RE, finditer_near(dates.DATE_RE, text, dates._DIGIT, 4, starts=dates._WORD_CHAR)


def _same(text: str) -> None:
    for rx, fast in _scans(text):
        want = [(m.span(), m.group(0)) for m in rx.finditer(text)]
        got = [(m.span(), m.group(0)) for m in fast]
        assert got == want, rx.pattern[:60]


def _texts() -> list[str]:
    dirs = [ROOT / "data" / "heldout", ROOT / "data" / "sources", ROOT.parent / "examples"]
    if SHARED_CORPUS.is_dir():
        dirs.append(SHARED_CORPUS)
    out = []
    for f in discover([str(d) for d in dirs if d.exists()]).files:
        try:
            filing = read_file(f)
        except Exception:
            continue
        out.extend(d.text for d in filing.documents if getattr(d, "text", None))
    return out


def test_same_matches_on_filings():
    texts = _texts()
    assert texts
    for text in texts:
        _same(text)


WORDS = ["Acme", "Beta", "ImmunoGen", "Amazon.com", "J.P.", "3M", "of", "of the", "for", "de", "&", "and",
         "The", "the", "Inc.", "Inc", "Corp.", "Co.", "Co., Ltd.", "Company", "Ltd", "LLC", "AG", "SE", "plc",
         "GmbH & Co. KG", "Holdings", "Group", "University", "College", "Hospital", "Institute", "Foundation",
         "Children's", "(NASDAQ: ACME)", "(Nasdaq:ABC)", "(NYSE: X)", '("Acme")', "(the", "Agreement", "Drive",
         "license", "agreement", "with", "WHEREAS", "SUCH", "AB (publ)", "S.A. de C.V.", "x", "A.", "and Company",
         "said", "unsaid", "says", "noted", "added", "Jane", "Roe", "J.", "McKay", "Ph.D.", "CEO", "Chief Executive Officer",
         "Acme's", "Acme’s", "Media Contact:", "CONTACTS", "Contact", "Information:", "REFER TO", "refer to",
         "Investor", "Relations", '"', "“", "[***]", "[*]", "*****", "[REDACTED]", "[ • ]", "$", "US$", "U.S. $", "USD",
         "($", "Dollars", "euros", "million", "4th", "18 t h", "day", "of", "this", "Sept.", "September", "2019", "03/04/19",
         "2019-03-04", "14.03.2019", "14-Mar-2019", "in the year", "\u017fept"]
SEPS = [" ", "  ", "\n", " \n ", "\t", "\u00a0", ", ", "; ", ",\n", "", ": ", ".\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPS)), max_size=60))
def test_same_matches_on_generated_text(parts):
    _same("".join(w + s for w, s in parts))


def test_long_names_far_from_the_anchor_still_found():
    text = "x " * 50 + " ".join(["Alpha"] * 7) + " of the Beta, Inc. and " + "Gamma " * 300 + "Delta Corp."
    rx = orgs._LEGAL
    assert [m.span() for m in finditer_near(rx, text, orgs._SUFFIX_AHEAD, orgs._CHUNK_RUNS, starts=orgs._NAME_START)] == \
        [m.span() for m in rx.finditer(text)]


def _prefilters_hold(text: str) -> None:
    from kg.extract import agreements, dates

    if agreements._PHRASE.search(text):
        assert agreements._PHRASE_WORD.search(text)
    if dates.DATE_RE.search(text):
        assert dates._TWO_DIGITS.search(text)


PHRASE_WORDS = ["a", "an", "the", "its", "new", "License", "licence", "Agreement", "agreements", "Collaboration",
                "joint venture", "term sheet", "Memorandum of Understanding", "Plan of Merger", "exercised its option",
                "Forms", "Announces", "May", "8", "2000", "03/04/19", "2019-03-04", "the 4th day of March", "Sept.",
                "non-exclusive", "settlement", "commitment letter", "deal"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PHRASE_WORDS), st.sampled_from(SEPS)), max_size=30))
def test_prefilters_never_reject_a_match(parts):
    _prefilters_hold("".join(w + s for w, s in parts))


def test_prefilters_on_filing_sentences():
    from kg.extract.sentences import sentence_spans

    for text in _texts():
        for s, e in sentence_spans(text):
            _prefilters_hold(text[s:e])


MONEY_WORDS = AnyWord(("dollar", "euro", "rmb", "won", "million"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Dollars", "DOLLAR", "dolla", "r", "EUR", "Euro", "w", "on", "WON", "rm", "b", "Million",
                                 "\u0130", "\u212a", "\u017f", "é", " ", "\n", "x"]), max_size=12))
def test_any_word_is_the_case_insensitive_search(parts):
    text = "".join(parts)
    assert MONEY_WORDS.search(text) == (MONEY_WORDS.rx.search(text) is not None)


def test_any_word_on_filings_and_its_words():
    for text in _texts()[:40]:
        for part in [text] + text.split("\n\n")[:200]:
            assert MONEY_WORDS.search(part) == (MONEY_WORDS.rx.search(part) is not None)
    assert MONEY_WORDS.search("ten MILLION") and MONEY_WORDS.search("5 Won (é)")  # ASCII, and non-ASCII (the pattern)
    assert not MONEY_WORDS.search("no amount here") and not MONEY_WORDS.search("w on é")
