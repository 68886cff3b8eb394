"""Adversarial tests: what a hostile but realistic user does to glocal (issue 12)."""
