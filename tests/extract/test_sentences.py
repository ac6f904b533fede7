"""Sentence spans (kg.extract.sentences) of hard-wrapped plain text and of HTML-derived lines."""
from __future__ import annotations

import textwrap

import pytest

from kg.extract.sentences import sentence_spans

PARAGRAPH = ("Calloway Biosciences, Inc. today announced that Vesterholm Pharma A/S has exercised its option to "
             "obtain an exclusive license to CB-12 in Europe. Vesterholm will pay Calloway an exercise fee of "
             "$30 million and up to $200 million in milestones. The companies entered into the option agreement "
             "in May 2019, under which Vesterholm paid Calloway $8 million upfront.")
SENTENCES = 3


def _sentences(text: str) -> list[str]:
    return [" ".join(text[s:e].split()) for s, e in sentence_spans(text)]


def test_plain_text_wrapped_at_any_width_keeps_sentences_whole():
    for width in (66, 80, 110, 130):
        text = textwrap.fill(PARAGRAPH, width) + "\n\n" + textwrap.fill(PARAGRAPH, width) + "\n"
        got = _sentences(text)
        assert len(got) == 2 * SENTENCES, (width, got)
        assert got[0].endswith("in Europe.") and got[1].startswith("Vesterholm will pay")


def test_html_derived_lines_are_paragraphs():
    # one paragraph per line, as kg.sources writes HTML: each line ends its sentences
    lines = [PARAGRAPH, "About Calloway", PARAGRAPH.replace("Calloway", "Ardent"), "Contact: Jane Roe, +1 555 0100"]
    got = _sentences("\n".join(lines))
    assert "About Calloway" in got and "Contact: Jane Roe, +1 555 0100" in got
    assert len(got) == 2 * SENTENCES + 2


def test_currency_abbreviation_does_not_end_a_sentence():
    text = "Varsha Agro will pay Rs. 6 crore on signing and SFr. 2 million later. The licence runs ten years.\n"
    got = _sentences(text)
    assert got == ["Varsha Agro will pay Rs. 6 crore on signing and SFr. 2 million later.", "The licence runs ten years."]


@pytest.mark.parametrize("year", ["2017", "1998", "2023"])
def test_a_year_that_starts_a_wrapped_line_is_no_list_number(year):
    text = (f"HB-203 is licensed to Daesong under an agreement signed in November\n{year}. Hanbit received an upfront "
            "payment\nfrom Daesong at signing.")
    assert [text[s:e].split()[-1] for s, e in sentence_spans(text)] == [f"{year}.", "signing."]
