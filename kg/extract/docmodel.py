"""Layer 1 of the narrative reader: the document model (DESIGN.md "Extraction", layer 1).

Reads one document's text (as :mod:`kg.sources` made it: blocks as lines, table
cells split by tabs or runs of spaces, Markdown pipes, offsets that map back to
the source) and hands on, built once and shared by every later layer:

* paragraphs and sentences (:mod:`kg.extract.sentences`);
* headings: short stand-alone lines that title what follows ("Genentech
  Agreement", "License Agreement with Regeneron", "ITEM 2. ACQUISITION OR
  DISPOSITION OF ASSETS", "Note 7 - Collaboration and License Agreements");
* sections: each heading and the text up to the next heading;
* boilerplate zones: forward-looking statements, "About X", safe harbor,
  conference-call notices, up to the next item, exhibit or release heading;
* tables as tables: rows of cells with offsets, the header row apart.

Nothing here decides what is a deal; it only says where text sits.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from kg.extract.sentences import paragraph_spans, sentence_spans

__all__ = ["Heading", "Section", "Cell", "Table", "DocModel", "build_docmodel", "boilerplate_zones"]

# headings that open boilerplate: forward-looking statements, About sections, safe harbor
_BOILER_HEAD = re.compile(
    r"^\s*(?:About\s+[A-Z]|Forward[- ]Looking|Cautionary|Safe\s+Harbor|Additional\s+Information|Participants\s+in|Risk\s+Factors"
    r"|This\s+(?:press|news)\s+release\s+(?:contains|includes)|Important\s+Information|Non-GAAP|Conference\s+Call|Webcast)",
)
# headings that end a boilerplate zone: the next 8-K item, exhibit or release
_ZONE_END = re.compile(r"^\s*(?:Item\s+\d|ITEM\s+\d|EXHIBIT\s+99|Exhibit\s+99|FOR\s+IMMEDIATE\s+RELEASE|SIGNATURES?\b)")
# a heading line: no sentence end, a few words, starts with a capital, a digit or "(" + capital
_HEADING_END_BAD = re.compile(r"[.;,]\s*$|\b(?:the|a|an|of|and|to|with|by|for|in|on)\s*$", re.I)
_ITEM_OR_NOTE = re.compile(r"^\s*(?:Items?\s+\d|ITEMS?\s+\d|Note\s+\d|NOTE\s+\d|\d{1,2}\.\s+[A-Z])")
_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "to", "with", "by", "for", "in", "on", "at", "from", "under", "as", "&", "-", "–"}
# table rows: Markdown pipes, tab-separated cells (HTML readers), or cells three or more spaces apart
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_CELL_SPLIT = re.compile(r"\t+| {3,}|\s*\|\s*")


@dataclass(frozen=True)
class Heading:
    """A heading line: its span and its words (whitespace-collapsed)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Section:
    """A heading and the text it titles, up to the next heading (``heading`` None before the first)."""

    heading: Heading | None
    start: int
    end: int


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Table:
    """Consecutive lines of two or more cells; ``header`` is the first row when it holds no figure."""

    start: int
    end: int
    header: tuple[Cell, ...] | None
    rows: tuple[tuple[Cell, ...], ...]


@dataclass
class DocModel:
    """One document's structure (see the module docstring), every part with offsets into ``text``."""

    text: str
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    headings: list[Heading]
    sections: list[Section]
    zones: list[tuple[int, int]]
    _tables: list[Table] | None = field(default=None, repr=False)

    @property
    def tables(self) -> list[Table]:
        """The document's tables, built on first use (most readers never ask)."""
        if self._tables is None:
            self._tables = _tables(self.text)
        return self._tables

    def __post_init__(self) -> None:
        self._section_starts = [s.start for s in self.sections]

    def section_at(self, offset: int) -> Section:
        """The section holding ``offset``."""
        return self.sections[max(0, bisect_right(self._section_starts, offset) - 1)]

    def in_zone(self, offset: int) -> bool:
        return any(zs <= offset < ze for zs, ze in self.zones)

    def table_at(self, offset: int) -> Table | None:
        return next((t for t in self.tables if t.start <= offset < t.end), None)


def _is_heading(line: str) -> bool:
    s = " ".join(line.split())
    if not s or len(s) > 100 or _HEADING_END_BAD.search(s) or "\t" in line or "|" in s:
        return False
    if _ITEM_OR_NOTE.match(s):
        return True
    if not (s[0].isupper() or (s[0] in "(" and s[1:2].isupper())):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019\-]*", s)]
    if not words or len(words) > 14:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capped = sum(1 for w in content if w[0].isupper())
    return bool(content) and capped >= max(1, round(0.75 * len(content)))


def _headings(text: str, paragraphs: list[tuple[int, int]]) -> list[Heading]:
    out: list[Heading] = []
    for s, e in paragraphs:
        block = text[s:e]
        first_nl = block.find("\n")
        line = block if first_nl < 0 else block[:first_nl]
        # a heading is a block of its own, or the first line of a block when it is short and the next
        # line starts a paragraph (plain-text filings put no blank line under a heading)
        if first_nl >= 0 and len(line.strip()) > 60:
            continue
        if _is_heading(line):
            lead = len(line) - len(line.lstrip())
            out.append(Heading(s + lead, s + len(line.rstrip()), " ".join(line.split())))
    return out


def boilerplate_zones(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Spans of forward-looking statements, "About X" sections and the like (not deal text)."""
    zones = []
    paras = paragraphs if paragraphs is not None else paragraph_spans(text)
    i = 0
    while i < len(paras):
        s, e = paras[i]
        if _BOILER_HEAD.match(text[s:e]):
            j = i + 1
            while j < len(paras) and not _ZONE_END.match(text[paras[j][0]:paras[j][1]]):
                j += 1
            zones.append((s, paras[j - 1][1]))
            i = j
        else:
            i += 1
    return zones


def _row(text: str, s: int, e: int) -> tuple[Cell, ...]:
    cells = []
    pos = s
    for m in _CELL_SPLIT.finditer(text, s, e):
        if m.start() > pos and text[pos:m.start()].strip():
            cells.append(_cell(text, pos, m.start()))
        pos = m.end()
    if pos < e and text[pos:e].strip():
        cells.append(_cell(text, pos, e))
    return tuple(cells)


def _cell(text: str, s: int, e: int) -> Cell:
    seg = text[s:e]
    lead = len(seg) - len(seg.lstrip())
    return Cell(s + lead, s + len(seg.rstrip()), " ".join(seg.split()))


def _tables(text: str) -> list[Table]:
    """Runs of two or more lines that split into two or more cells each."""
    tables: list[Table] = []
    if "\t" not in text and "|" not in text and "   " not in text:
        return tables  # no cell separator anywhere: no table
    run: list[tuple[int, int, tuple[Cell, ...]]] = []

    def close() -> None:
        if len(run) >= 2:
            rows = [r for _, _, r in run]
            first = rows[0]
            header = first if not any(re.search(r"\d", c.text) and not re.search(r"[A-Za-z]{3}", c.text) for c in first) else None
            body = tuple(rows[1:] if header else rows)
            tables.append(Table(run[0][0], run[-1][1], header, body))
        run.clear()

    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        celled = "\t" in line or "|" in line or "   " in line.strip()
        if celled and run and _PIPE_SEP.match(line):
            continue  # the "|---|---|" rule under a Markdown header row
        cells = _row(text, s, e) if celled else ()
        if len(cells) >= 2:
            run.append((s, e, cells))
        elif line.strip() or len(run) < 1:
            close()
    close()
    return tables


# the models of the last few texts, by identity: one filing's layers (organizations, agreements,
# products) each walk the filing's documents in turn, so one slot per document is not enough
_recent: dict[int, tuple[str, DocModel]] = {}
_RECENT_MAX = 16


def build_docmodel(text: str) -> DocModel:
    """The :class:`DocModel` of ``text`` (built once per text object and remembered)."""
    hit = _recent.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    paragraphs = paragraph_spans(text)
    headings = _headings(text, paragraphs)
    sections = [Section(None, 0, headings[0].start if headings else len(text))] if (not headings or headings[0].start > 0) else []
    for i, h in enumerate(headings):
        sections.append(Section(h, h.start, headings[i + 1].start if i + 1 < len(headings) else len(text)))
    model = DocModel(text=text, paragraphs=paragraphs, sentences=sentence_spans(text), headings=headings,
                     sections=sections, zones=boilerplate_zones(text, paragraphs))
    if len(_recent) >= _RECENT_MAX:
        _recent.pop(next(iter(_recent)))
    _recent[id(text)] = (text, model)
    return model
