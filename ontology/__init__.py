"""Data package: ontology files shipped in the wheel (see pyproject.toml)."""
