"""Data package: shapes files shipped in the wheel (see pyproject.toml)."""
