"""Markdown markup of converted filings is blanked in place (kg.sources.text.clean_plain_text)."""
from __future__ import annotations

import pytest

from kg.sources.text import clean_plain_text


@pytest.mark.parametrize("raw, visible", [
    ("# **Halden Bio, Ltd.**", "Halden Bio, Ltd."),
    ("#### *Oriel Option Agreement*", "Oriel Option Agreement"),
    ("## __License and Acquisition Agreements__", "License and Acquisition Agreements"),
    ("**ANNUAL REPORT** on *Form 10-K*", "ANNUAL REPORT on Form 10-K"),
    ("{16}------------------------------------------------", ""),
    ("### ", ""),
], ids=["strong-heading", "em-heading", "underscore", "inline", "page-marker", "empty-heading"])
def test_markdown_markup_is_blanked_without_moving_offsets(raw, visible):
    text, offsets = clean_plain_text(raw)
    assert len(text) == len(raw) and offsets == [(0, 0)]
    assert " ".join(text.split()) == visible


@pytest.mark.parametrize("raw", ["5*3*2 units", "a * b", "price of $5 ** 2", "rate # 4"])
def test_arithmetic_and_lone_marks_stay(raw):
    assert clean_plain_text(raw)[0] == raw
