"""Benchmarks (speed, memory, equivalence): scripts that print tables; see bench/README.md."""
