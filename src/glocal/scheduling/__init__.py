"""Scheduling: the CP-SAT planner, its independent validator and pre-solve diagnostics."""
