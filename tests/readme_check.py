"""Keep README.md's shown outputs true: run its examples and compare (as sqlite-utils does with cog).

* A ```console block holds ``$ kg ...`` commands, each followed by the output it prints
  (stdout and stderr as a terminal shows them).  Commands run in order, through click's
  CliRunner, in a scratch directory where ``examples/`` is the repository's (a link), so
  ``kg build examples/seed --store seed.kg`` there makes the store later blocks use.
  Only ``kg`` commands are allowed (no pipes or shell syntax): every line shown is checked.
* A ```python block runs in the same directory; the ```output block right after it, if any,
  is what it prints.
* Timings ("in 0.4s") are compared as "in N.Ns"; nothing else is normalised.

    python3 tests/readme_check.py            # compare, print a diff, exit 1 on a difference
    python3 tests/readme_check.py --update   # rewrite README.md's outputs from a fresh run
"""
from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import shlex
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
_FENCE = re.compile(r"^```(\w*)\s*$")
_TIMING = re.compile(r"\b\d+\.\d+s\b")


@dataclass
class Example:
    kind: str  # "command" or "python"
    source: str  # the command line (without "$ ") or the Python code
    shown: list[str]  # the output lines the README shows
    span: tuple[int, int]  # README line range [start, end) holding ``shown``
    has_output: bool = True  # False: a Python block without an ```output block after it


def parse(text: str) -> list[Example]:
    """The examples of a README text, in order."""
    lines = text.splitlines()
    out: list[Example] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m or not m.group(1):
            i += 1
            continue
        lang, start = m.group(1), i + 1
        end = start
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        body = lines[start:end]
        if lang == "console":
            j = 0
            while j < len(body):
                if not body[j].startswith("$ "):
                    raise ValueError(f"README.md line {start + j + 1}: console blocks start each command with '$ '")
                k = j + 1
                while k < len(body) and not body[k].startswith("$ "):
                    k += 1
                out.append(Example("command", body[j][2:], body[j + 1:k], (start + j + 1, start + k)))
                j = k
        elif lang == "python":
            nxt = end + 1
            while nxt < len(lines) and not lines[nxt].strip():
                nxt += 1
            if nxt < len(lines) and lines[nxt].strip() == "```output":
                o_end = nxt + 1
                while lines[o_end].strip() != "```":
                    o_end += 1
                out.append(Example("python", "\n".join(body), lines[nxt + 1:o_end], (nxt + 1, o_end)))
            else:
                out.append(Example("python", "\n".join(body), [], (end, end), has_output=False))
        i = end + 1
    return out


def run_example(ex: Example) -> list[str]:
    """The lines ``ex`` prints, run in the current directory."""
    if ex.kind == "python":
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(ex.source, "README.md", "exec"), {"__name__": "__readme__"})
        return buf.getvalue().splitlines()
    from click.testing import CliRunner

    from kg.cli import cli

    argv = shlex.split(ex.source)
    if not argv or argv[0] != "kg" or any(a in ("|", ">", "<", "&&", ";") for a in argv):
        raise ValueError(f"README.md: console examples run one kg command each, not {ex.source!r}")
    result = CliRunner().invoke(cli, argv[1:], catch_exceptions=False)
    return result.output.splitlines()


def _norm(lines: list[str]) -> list[str]:
    return [_TIMING.sub("N.Ns", line.rstrip()) for line in lines]


def check(readme: Path = README, *, update: bool = False) -> list[str]:
    """Run every example of ``readme``; the differences as unified-diff lines ([] when it is true).

    ``update`` rewrites the shown outputs instead.
    """
    text = readme.read_text(encoding="utf-8")
    examples = parse(text)
    diffs: list[str] = []
    actual: list[list[str]] = []
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="readme-") as tmp:
        os.symlink(ROOT / "examples", Path(tmp) / "examples")
        os.chdir(tmp)
        try:
            for ex in examples:
                got = run_example(ex)
                actual.append(got)
                if _norm(got) != _norm(ex.shown):
                    diffs += list(difflib.unified_diff(ex.shown, got, f"README.md: {ex.source.splitlines()[0]}",
                                                       "actual", lineterm="", n=1))
        finally:
            os.chdir(cwd)
    if update and diffs:
        lines = text.splitlines()
        for ex, got in sorted(zip(examples, actual), key=lambda t: -t[0].span[0]):
            if not ex.has_output:
                continue  # a Python block without an output block shows nothing to keep true
            lines[ex.span[0]:ex.span[1]] = [line.rstrip() for line in got]
        readme.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return diffs


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    found = check(update="--update" in sys.argv[1:])
    print("\n".join(found) if found else "README.md examples are true")
    sys.exit(1 if found and "--update" not in sys.argv[1:] else 0)
