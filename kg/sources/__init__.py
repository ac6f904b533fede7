"""Reading EDGAR filings: paths in, :class:`kg.document.Filing` s out.

Entry points: ``discover(paths)`` walks files and directories and says which
inputs are filings and which are skipped; ``read_file(path)`` reads one file
into a Filing or raises :class:`kg.errors.SourceError` with a one-line reason.
``parse_items`` / ``parse_exhibit_numbers`` read 8-K item headings and
exhibit lists from a document's text.

Modules, one job each: ``discover`` (inputs), ``encoding`` (bytes to text),
``sgml`` (submission header and documents), ``html`` (HTML/iXBRL to text),
``text`` (plain-text cleanup), ``doctype`` (form/exhibit type from names and
headings), ``items`` (8-K items and exhibits), ``reader`` (``read_file``).
"""
from __future__ import annotations

from kg.sources.discover import FILING_EXTENSIONS, Discovery, discover
from kg.sources.items import parse_exhibit_numbers, parse_items
from kg.sources.reader import read_file

__all__ = ["Discovery", "discover", "read_file", "parse_items", "parse_exhibit_numbers", "FILING_EXTENSIONS"]
