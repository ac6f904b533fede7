"""README.md tells the truth: every shown command output and Python example is run and compared
(tests/readme_check.py; `python3 tests/readme_check.py --update` rewrites the outputs)."""
from __future__ import annotations

import pytest

from readme_check import README, check, parse


def test_readme_has_examples_to_check():
    examples = parse(README.read_text(encoding="utf-8"))
    commands = [e.source.split()[1] for e in examples if e.kind == "command"]
    assert commands[0] == "build" and {"deals", "sparql", "query", "explain", "validate"} <= set(commands)
    assert any(e.kind == "python" and e.shown for e in examples)


def test_readme_outputs_are_what_the_commands_print():
    pytest.importorskip("pandas", reason="README's notebook example needs pandas (pip install '.[pandas]')")
    diffs = check()
    assert not diffs, "README.md differs from what its examples print " \
                      "(python3 tests/readme_check.py --update rewrites them):\n" + "\n".join(diffs)
