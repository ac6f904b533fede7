"""Discovery: filing extensions, dedup by path and content, loops, unreadable and missing paths."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.sources import discover

FILING = "FORM 8-K\nItem 8.01 Other Events\n"


def make_tree(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "a" / "deep").mkdir(parents=True)
    (root / "b").mkdir()
    (root / "a" / "one.txt").write_text(FILING)
    (root / "a" / "deep" / "two.HTM").write_text("<html><body><p>Item 1.01</p></body></html>")
    (root / "b" / "copy-of-one.txt").write_text(FILING)  # same bytes, other name
    (root / "b" / "other.sgml").write_text(FILING + "different\n")
    (root / "b" / "x.nc").write_text(FILING + "nc\n")
    (root / "b" / "doc.gold.json").write_text("{}")
    (root / "b" / "source.json").write_text("{}")
    (root / "README.md").write_text("# notes")
    return root


def test_walk_filters_and_dedups(tmp_path):
    root = make_tree(tmp_path)
    d = discover([str(root)])
    assert d.files == sorted(
        [str(root / "a" / "one.txt"), str(root / "a" / "deep" / "two.HTM"), str(root / "b" / "other.sgml"), str(root / "b" / "x.nc")]
    )
    reasons = dict(d.skipped)
    assert reasons[str(root / "b" / "copy-of-one.txt")] == f"duplicate content of {root / 'a' / 'one.txt'}"
    for name in ("b/doc.gold.json", "b/source.json", "README.md"):
        assert reasons[str(root / name)] == "not a filing file"


def test_same_file_twice_and_missing(tmp_path):
    root = make_tree(tmp_path)
    one = root / "a" / "one.txt"
    dotted = root / "a" / ".." / "a" / "one.txt"
    d = discover([str(one), str(dotted), str(one), str(tmp_path / "missing.txt")])
    assert d.files == [str(dotted)] or d.files == [str(one)]
    reasons = dict(d.skipped)
    assert reasons[str(tmp_path / "missing.txt")] == "no such file or directory"
    assert len(d.files) == 1
    assert any(r.startswith("same file as") for r in reasons.values())


def test_order_is_deterministic(tmp_path):
    root = make_tree(tmp_path)
    paths = [str(root / "b"), str(root / "a")]
    assert discover(paths).files == discover(list(reversed(paths))).files


def test_directory_loop_reported(tmp_path):
    root = make_tree(tmp_path)
    os.symlink(root, root / "a" / "deep" / "back-to-root")
    d = discover([str(root)])
    reasons = dict(d.skipped)
    assert reasons[str(root / "a" / "deep" / "back-to-root")] == f"directory loop: links back to {root}"
    assert len(d.files) == 4


def test_second_route_to_directory(tmp_path):
    root = make_tree(tmp_path)
    os.symlink(root / "a", root / "b" / "alias-of-a")
    d = discover([str(root)])
    reasons = dict(d.skipped)
    assert reasons[str(root / "b" / "alias-of-a")].startswith("same directory as")
    assert len(d.files) == 4


def test_dangling_symlink(tmp_path):
    root = make_tree(tmp_path)
    os.symlink(root / "gone.txt", root / "b" / "dangling.txt")
    d = discover([str(root), str(root / "b" / "dangling.txt")])
    assert dict(d.skipped)[str(root / "b" / "dangling.txt")] == "broken symbolic link"


def test_unreadable_file_and_directory(tmp_path):
    root = make_tree(tmp_path)
    locked_file = root / "b" / "locked.txt"
    locked_file.write_text(FILING + "locked\n")
    locked_dir = root / "locked-dir"
    locked_dir.mkdir()
    (locked_dir / "inside.txt").write_text(FILING + "inside\n")
    os.chmod(locked_file, 0)
    os.chmod(locked_dir, 0)
    try:
        if os.access(locked_file, os.R_OK):
            pytest.skip("running as root: permission bits do not stop reads (dangling-link test covers the walk)")
        d = discover([str(root)])
        reasons = dict(d.skipped)
        assert reasons[str(locked_file)] == "unreadable: permission denied"
        assert reasons[str(locked_dir)] == "cannot list directory: permission denied"
        assert str(locked_file) not in d.files
    finally:
        os.chmod(locked_file, 0o644)
        os.chmod(locked_dir, 0o755)


def test_fifo_is_not_a_regular_file(tmp_path):
    root = make_tree(tmp_path)
    os.mkfifo(root / "b" / "pipe.txt")
    assert dict(discover([str(root)]).skipped)[str(root / "b" / "pipe.txt")] == "not a regular file"
