"""Reading EDGAR filings: paths in, :class:`kg.document.Filing` s out.  Skeleton.

Entry points: ``discover(paths)`` walks files and directories and says which
inputs are filings and which are skipped; ``read_file(path)`` reads one file
into a Filing or raises :class:`kg.errors.SourceError` with a one-line reason.
"""
from __future__ import annotations
