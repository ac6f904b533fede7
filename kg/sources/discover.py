"""Which inputs are filings: walk paths, skip the rest with a reason, build each filing once.

Directories are walked iteratively in sorted order; a directory reached again
through a symbolic link (a loop back to an ancestor, or a second route to one
already walked) is reported, not walked twice.  Only files with a filing
extension (``.txt``, ``.htm``, ``.html``, ``.nc``, ``.sgml``; EDGAR's
dissemination and document extensions) are kept.  The same filing given twice
(same resolved path, or same bytes under another name) is kept once: the
first in sorted order wins and the others are listed as skipped.
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from typing import Callable, Optional

__all__ = ["Discovery", "discover", "FILING_EXTENSIONS"]

FILING_EXTENSIONS = frozenset({".txt", ".htm", ".html", ".nc", ".sgml"})


@dataclass
class Discovery:
    """Result of :func:`discover`: filing files to read and ``(path, reason)`` for everything else."""

    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: sha256 of the files discovery already knows (read to compare equal sizes, or vouched for by ``known``)
    digests: dict[str, str] = field(default_factory=dict)
    #: each kept file's stat when discovery opened it (a build's cache keeps it beside the file's sha256)
    stats: dict[str, os.stat_result] = field(default_factory=dict)


def _sha256(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _walk(root: str, candidates: list[str], skipped: list[tuple[str, str]], seen_dirs: dict[tuple[int, int], str],
          walked: dict[str, os.stat_result]) -> None:
    """Collect files under ``root`` without recursion (``walked``: their stat); report loops and unreadable directories."""
    st = os.stat(root)
    seen_dirs[(st.st_dev, st.st_ino)] = root
    stack: list[tuple[str, tuple[tuple[int, int], ...]]] = [(root, ((st.st_dev, st.st_ino),))]
    while stack:
        directory, ancestors = stack.pop()
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            skipped.append((directory, "cannot list directory: permission denied"))
            continue
        except OSError as exc:
            skipped.append((directory, f"cannot list directory: {exc.strerror}"))
            continue
        subdirs: list[tuple[str, tuple[tuple[int, int], ...]]] = []
        for entry in entries:
            path = entry.path
            try:
                target = os.stat(path)  # follows symlinks
            except FileNotFoundError:
                skipped.append((path, "broken symbolic link" if entry.is_symlink() else "vanished while walking"))
                continue
            except OSError as exc:
                skipped.append((path, f"cannot stat: {exc.strerror}"))
                continue
            if stat.S_ISDIR(target.st_mode):
                key = (target.st_dev, target.st_ino)
                if key in ancestors:
                    skipped.append((path, f"directory loop: links back to {seen_dirs.get(key, 'an ancestor')}"))
                elif key in seen_dirs:
                    skipped.append((path, f"same directory as {seen_dirs[key]} (already walked)"))
                else:
                    seen_dirs[key] = path
                    subdirs.append((path, (*ancestors, key)))
            elif stat.S_ISREG(target.st_mode):
                candidates.append(path)
                walked[path] = target
            else:
                skipped.append((path, "not a regular file"))
        stack.extend(reversed(subdirs))


#: (absolute path, stat) -> the file's sha256 if already known for that very stat (kg.build_cache), else None
KnownDigest = Callable[[str, os.stat_result], Optional[str]]


def discover(paths: list[str], known: KnownDigest | None = None) -> Discovery:
    """Expand ``paths`` (files and directories) into the filing files to read, deduplicated.

    ``known`` vouches for the sha256 of files unchanged since it took them (their bytes are not read again).
    """
    candidates: list[str] = []
    skipped: list[tuple[str, str]] = []
    seen_dirs: dict[tuple[int, int], str] = {}
    walked: dict[str, os.stat_result] = {}
    for p in paths:
        if not os.path.lexists(p):
            skipped.append((p, "no such file or directory"))
        elif not os.path.exists(p):
            skipped.append((p, "broken symbolic link"))
        elif os.path.isdir(p):
            st = os.stat(p)
            if (st.st_dev, st.st_ino) in seen_dirs:
                skipped.append((p, f"same directory as {seen_dirs[(st.st_dev, st.st_ino)]} (already walked)"))
            else:
                _walk(p, candidates, skipped, seen_dirs, walked)
        elif os.path.isfile(p):
            candidates.append(p)
        else:
            skipped.append((p, "not a regular file"))
    files: list[str] = []
    by_real: dict[tuple[int, int], str] = {}  # (device, inode): one file under several names (links)
    by_size: dict[int, list[str]] = {}
    stats: dict[str, os.stat_result] = {}
    digests: dict[str, str] = {}
    for path in sorted(set(candidates)):
        if os.path.splitext(path)[1].lower() not in FILING_EXTENSIONS:
            skipped.append((path, "not a filing file"))
            continue
        st = walked.get(path)
        vouched = known(os.path.abspath(path), st) if known is not None and st is not None else None
        try:
            if not vouched:  # a file ``known`` vouches for is unchanged since it was read: not opened again
                with open(path, "rb") as fh:
                    st = os.fstat(fh.fileno())
        except PermissionError:
            skipped.append((path, "unreadable: permission denied"))
            continue
        except OSError as exc:
            skipped.append((path, f"unreadable: {exc.strerror}"))
            continue
        real, size = (st.st_dev, st.st_ino), st.st_size
        if real in by_real:
            skipped.append((path, f"same file as {by_real[real]}"))
            continue
        by_real[real] = path
        by_size.setdefault(size, []).append(path)
        files.append(path)
        stats[path] = st
        if vouched is None and known is not None:
            vouched = known(os.path.abspath(path), st)
        if vouched:
            digests[path] = vouched
    # Same bytes under another name: only files of equal size can match, so
    # only those are hashed.
    duplicates: set[str] = set()
    for group in by_size.values():
        if len(group) < 2:
            continue
        first_of: dict[str, str] = {}
        for path in group:
            try:
                digest = digests.get(path) or _sha256(path)
            except OSError as exc:
                skipped.append((path, f"unreadable: {exc.strerror}"))
                duplicates.add(path)
                continue
            digests[path] = digest
            if digest in first_of:
                skipped.append((path, f"duplicate content of {first_of[digest]}"))
                duplicates.add(path)
            else:
                first_of[digest] = path
    files = [f for f in files if f not in duplicates]
    skipped.sort()
    return Discovery(files=files, skipped=skipped, digests=digests, stats={f: stats[f] for f in files})
