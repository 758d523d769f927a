"""Benchmarks: a synthetic corpus generator and the load-test runner.

Synthetic content lives only in folders this package writes; it never mixes
with the real guide in `seed/content`.
"""
