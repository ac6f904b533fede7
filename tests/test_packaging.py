"""The wheel holds every kg subpackage: pyproject.toml lists packages by hand (ontology/, shapes/
and queries/ are mapped into kg), and a subpackage missing there installs a kg without it while
tests run from the checkout still pass (kg.resolve was missing: `kg build` silently skipped
entity resolution)."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_kg_subpackage_is_in_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("__init__.py")}
    assert on_disk, "no package found: the check would prove nothing"
    assert on_disk <= listed, f"missing from pyproject.toml [tool.setuptools] packages: {sorted(on_disk - listed)}"
    mapped = config["package-dir"]
    for pkg, folder in mapped.items():
        assert (ROOT / folder).is_dir() and pkg in listed, pkg
