"""Benchmarks: `python -m bench quality|speed|scale` (see README)."""
