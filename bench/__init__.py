"""Benchmarks of glocal's scheduler: a workspace generator, a greedy baseline and a runner."""
