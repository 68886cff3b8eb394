"""Why a plan cannot be made: pre-solve findings, explanations from the model, in users' terms.

``diagnose(bundle)`` gives the pre-solve findings; ``summarize`` one line for them.
"""

from glocal.scheduling.diagnose.findings import diagnose, summarize

__all__ = ["diagnose", "summarize"]
