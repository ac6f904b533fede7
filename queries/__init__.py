"""Data package: queries files shipped in the wheel (see pyproject.toml)."""
