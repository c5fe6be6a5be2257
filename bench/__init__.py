"""Benchmark corpus generator and the `make bench` harness (not part of the installed package)."""
