"""HTML and inline-XBRL documents to text (``lic:Document``), with an offset map to the source.

Parsed with selectolax's Lexbor backend (an HTML5 parser, never regex) and
walked iteratively, so 5,000-deep nesting cannot hit Python's recursion limit.

Text rules: ``<script>``, ``<style>``, ``<head>`` and friends are dropped;
``<ix:header>`` and elements hidden with ``display:none`` are read for
``dei:`` facts but contribute no text; paragraphs and headings are separated
by a blank line, divs, list items, table rows and ``<br>`` by a line break;
a data row (two or more filled cells) is one line with its cells joined by
one TAB (empty cells vanish, breaks inside cells become spaces), while a row
with one filled cell is layout and keeps its inner breaks; runs of
whitespace collapse to one space, except inside ``<pre>``; entities are
decoded by the parser and no-break spaces become spaces.

iXBRL cover facts (EDGAR Filer Manual 6.5.20, "dei" taxonomy): every
``ix:nonNumeric`` / ``ix:nonFraction`` whose ``name`` is ``dei:<Local>`` is
kept as ``{Local: text}``; the first value of a name wins.

Offsets (Lexbor does not report source positions): each text node is found
in the source by searching its first plain-ASCII word after the previous
node (in text context, not inside a tag); the raw node is then aligned with
the emitted text (character references decoded, whitespace collapsed), so
every character maps back exactly.  A node that cannot be found or aligned
gets one coarse pair at its start, or none.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from html import unescape

from selectolax.lexbor import LexborHTMLParser

__all__ = ["html_to_text", "looks_like_html"]

# Elements whose content is never document text.
_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "object", "embed", "iframe", "svg", "math", "xml"})
# Paragraph-level blocks: a blank line before and after.
_PARA = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre", "hr",
    "dl", "section", "article", "header", "footer", "form", "fieldset", "address", "figure", "center",
})
# Line-level blocks: a line break before and after.
_LINE = frozenset({
    "div", "li", "tr", "dt", "dd", "caption", "main", "nav", "aside", "legend", "figcaption",
    "details", "summary", "thead", "tbody", "tfoot", "page",
})
_CELL = frozenset({"td", "th"})
_IX_FACT = frozenset({"ix:nonnumeric", "ix:nonfraction"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# A word we can look for verbatim in the source: characters that an entity
# never produces and that need no escaping in HTML text.
_PLAIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:;()$%/+=@!?*-]*")
_SEARCH_WINDOW = 4_000_000  # characters; a located word is normally a few hundred away

# A body is HTML when it has an html/body/doctype tag, or at least two common
# HTML tags in its first 16 KB (EDGAR HTML exhibits without <html>); the
# ASCII-filing tags <PAGE> <TABLE> <S> <C> alone do not make HTML.
_HTML_MARK = re.compile(r"<(?:!doctype\s+html|html|body)\b", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(?:p|div|br|font|td|tr|b|i|a|span|center|hr|h[1-6]|li|ul|ol)\b[^<>]{0,2000}>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Content sniff: is this document body HTML rather than plain text?"""
    head = text[:16384]
    if _HTML_MARK.search(head):
        return True
    return len(_HTML_TAGS.findall(head)) >= 2


class _Writer:
    """Accumulates text with lazy separators so no line carries trailing blanks."""

    __slots__ = ("parts", "length", "newlines", "space", "tab", "offsets")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.newlines = 0  # pending line breaks (0, 1 or 2)
        self.space = False  # pending space
        self.tab = False  # pending cell separator
        self.offsets: list[tuple[int, int]] = []

    def brk(self, n: int) -> None:
        if self.newlines < n:
            self.newlines = n

    def write(self, s: str, source: int | None, pairs: list[tuple[int, int]] | None = None) -> None:
        if not s:
            return
        if self.length:
            if self.newlines:
                sep = "\n" * self.newlines
            elif self.tab:
                sep = "\t"
            elif self.space:
                sep = " "
            else:
                sep = ""
            if sep:
                self.parts.append(sep)
                self.length += len(sep)
        self.newlines, self.space, self.tab = 0, False, False
        if source is not None:
            if pairs is None:
                self.offsets.append((self.length, source))
            else:
                self.offsets.extend((self.length + t, source + d) for t, d in pairs)
        self.parts.append(s)
        self.length += len(s)


def _locate(src: str, text: str, cursor: int) -> int | None:
    """Source position of ``text``'s first plain word at or after ``cursor``, in text context."""
    m = _PLAIN_WORD.search(text, 0, 256)
    if not m:
        return None
    word = m.group(0)
    start = cursor
    end = min(len(src), cursor + _SEARCH_WINDOW)
    for _ in range(8):
        pos = src.find(word, start, end)
        if pos < 0:
            return None
        lt = src.rfind("<", cursor, pos)
        gt = src.rfind(">", cursor, pos)
        if lt <= gt:  # last tag before the hit is closed: we are in text
            # decoded text is never longer than its source, so this stays inside the node
            return max(cursor, pos - m.start())
        start = pos + 1
    return None


# Character references in raw HTML text (named, decimal, hexadecimal; the
# semicolon is optional for legacy named references, as in HTML5).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_RUN = re.compile(r"\s{2,}")


def _decode(segment: str) -> tuple[str, list[tuple[int, int]], list[int]]:
    """Decode references; return the text, its ``(decoded, raw)`` pairs and their decoded positions."""
    parts: list[str] = []
    pairs = [(0, 0)]
    last = d = 0
    for m in _ENTITY.finditer(segment):
        parts.append(segment[last : m.start()])
        dec = unescape(m.group(0))
        parts.append(dec)
        d += m.start() - last + len(dec)
        last = m.end()
        pairs.append((d, last))
    parts.append(segment[last:])
    return "".join(parts), pairs, [p[0] for p in pairs]


def _align(segment: str, joined: str) -> list[tuple[int, int]] | None:
    """``(text, source)`` pairs, relative to ``joined`` and ``segment``, wherever their offset changes.

    ``segment`` is a raw text node of the source and ``joined`` the text made
    of it (references decoded, whitespace collapsed as ``str.split`` does);
    None when they disagree.  Two linear steps: references (raw -> decoded),
    then whitespace runs (decoded -> joined), composed at their breakpoints.
    """
    if segment == joined:
        return [(0, 0)]
    decoded, refs, ref_at = _decode(segment) if "&" in segment else (segment, None, None)
    lead = len(decoded) - len(decoded.lstrip())
    stop = len(decoded.rstrip())
    delta = lead
    runs: list[tuple[int, int]] = [(0, lead)]  # decoded spans that vanish (all but a run's first char)
    pairs = [(0, lead)]  # (joined, decoded)
    for m in _RUN.finditer(decoded, lead, stop):
        delta += m.end() - m.start() - 1
        pairs.append((m.end() - delta, m.end()))
        runs.append((m.start() + 1, m.end()))
    if stop - delta != len(joined):
        return None
    if refs is None:
        return pairs
    run_at = [r[0] for r in runs]
    pair_at = [p[1] for p in pairs]

    def raw_of(d: int) -> int:
        d0, s0 = refs[bisect_right(ref_at, d) - 1]
        return s0 + (d - d0)

    out = [(t, raw_of(d)) for t, d in pairs]
    for d, s in refs[1:]:
        if d >= stop:
            break
        r0, r1 = runs[bisect_right(run_at, d) - 1]
        if r0 <= d < r1:
            continue  # inside a collapsed run: the run's own pair covers it
        t0, d0 = pairs[bisect_right(pair_at, d) - 1]
        out.append((t0 + d - d0, s))
    out.sort()
    compact = [out[0]]
    for t, s in out[1:]:
        if s - t != compact[-1][1] - compact[-1][0]:
            compact.append((t, s))
    return compact


def _compact_row(tr) -> bool:
    """True when a table row has two or more cells with text: a data row kept on one line."""
    filled = 0
    for cell in tr.iter():
        if cell.tag in _CELL and (cell.text(deep=True) or "").strip():
            filled += 1
            if filled > 1:
                return True
    return False


class _Layout:
    """Block structure while walking: which breaks an element's start and end emit.

    Inside a data row (two or more filled cells) the row stays on one line:
    blocks and ``<br>`` within its cells become spaces and cells are joined by
    a TAB.  A row with a single filled cell is layout (a page wrapped in a
    table), so blocks inside it break lines as anywhere else.
    """

    __slots__ = ("out", "rows", "stack", "hidden", "pre")

    def __init__(self, out: _Writer) -> None:
        self.out = out
        self.rows: list[bool] = []  # per open <tr>: is it a data row?
        self.stack: list[tuple[str, bool]] = []  # (tag, opened a hidden region) per open element
        self.hidden = 0
        self.pre = 0

    def _inline(self) -> bool:
        return bool(self.rows) and self.rows[-1]

    def _break(self, tag: str) -> None:
        out = self.out
        if tag == "br":
            if self._inline():
                out.space = True
            else:
                out.brk(min(out.newlines + 1, 2) if out.length else 0)
        elif tag in _PARA or tag in _LINE:
            if self._inline() and tag != "tr":
                out.space = True
            else:
                out.brk(2 if tag in _PARA else 1)

    def open(self, node, tag: str, is_hidden: bool) -> None:
        if is_hidden:
            self.hidden += 1
        self.stack.append((tag, is_hidden))
        if tag == "pre":
            self.pre += 1
        if self.hidden:
            return
        if tag == "tr":
            self._break(tag)
            self.rows.append(_compact_row(node))
        elif tag in _CELL:
            if self._inline() and self.out.length and not self.out.newlines:
                self.out.tab = True
        else:
            self._break(tag)

    def close(self) -> None:
        if not self.stack:
            return
        tag, was_hidden = self.stack.pop()
        if not self.hidden:
            if tag == "tr":
                if self.rows:
                    self.rows.pop()
                self._break(tag)
            elif tag != "br" and tag not in _CELL:
                self._break(tag)
        if was_hidden:
            self.hidden -= 1
        if tag == "pre":
            self.pre -= 1


def html_to_text(html: str, base: int = 0) -> tuple[str, list[tuple[int, int]], dict[str, str]]:
    """Convert an HTML/iXBRL document found at ``base`` in the file to ``(text, offsets, dei_facts)``."""
    tree = LexborHTMLParser(html)
    root = tree.root
    out = _Writer()
    facts: dict[str, str] = {}
    if root is None:
        return "", [], facts
    layout = _Layout(out)
    cursor = 0
    root_id = root.mem_id
    node = root
    while node is not None:
        # ---- enter
        if node.is_text_node:
            if not layout.hidden:
                cursor = _text(node.text_content or "", html, base, cursor, out, layout.pre)
        elif node.is_element_node:
            tag = node.tag or ""
            if tag not in _SKIP:
                attrs = node.attributes
                if tag in _IX_FACT:
                    name = attrs.get("name") or ""
                    if name.startswith("dei:") and name[4:] not in facts:
                        facts[name[4:]] = " ".join((node.text(deep=True) or "").split())
                style = attrs.get("style")
                is_hidden = tag == "ix:header" or "hidden" in attrs or bool(style and _HIDDEN_STYLE.search(style))
                layout.open(node, tag, is_hidden)
                if node.child is not None:
                    node = node.child
                    continue
                layout.close()
        # ---- leave this node, then climb while there is no next sibling
        while node is not None:
            if node.mem_id == root_id:
                node = None
                break
            nxt = node.next
            if nxt is not None:
                node = nxt
                break
            node = node.parent
            if node is None or node.mem_id == root_id:
                node = None
                break
            layout.close()
    return "".join(out.parts), out.offsets, facts


def _text(raw: str, html: str, base: int, cursor: int, out: _Writer, pre: int) -> int:
    """Emit one text node; return the advanced search cursor."""
    if pre:
        for i, line in enumerate(raw.replace("\xa0", " ").replace("\r", "").split("\n")):
            if i:
                out.brk(min(out.newlines + 1, 2) if out.length else 0)
            if line.strip():
                loc = _locate(html, line, cursor)
                if loc is not None:
                    cursor = loc + 1
                out.write(line.rstrip(), None if loc is None else base + loc)
        return cursor
    words = raw.split()
    if not words:
        if raw:
            out.space = True
        return cursor
    if raw[:1].isspace():
        out.space = True
    joined = " ".join(words)
    loc = _locate(html, joined, cursor)
    pairs: list[tuple[int, int]] | None = None
    if loc is not None:
        seg_start = html.rfind(">", cursor, loc) + 1 or cursor
        end = html.find("<", loc)
        end = len(html) if end < 0 else end
        pairs = _align(html[seg_start:end], joined)
        cursor = end
        if pairs is not None:
            loc = seg_start
    out.write(joined, None if loc is None else base + loc, pairs)
    if raw[-1:].isspace():
        out.space = True
    return cursor
