"""The evaluation loop: Kirkpatrick results read back into figures, follow-ups and findings.

``run.evaluate`` ties it together: ``config`` reads evaluation.yaml, ``ingest`` and ``rows``
read and check the result exports, ``figures`` computes per group and level, ``followups``
dates the measurements from the plan, ``findings`` says what to act on, ``view`` shapes the
report section. Only ``glocal.cli.evaluate`` imports this package (pandas loads with it).
"""
