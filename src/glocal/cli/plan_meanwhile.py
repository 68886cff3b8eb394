"""What ``glocal plan`` does while the solver's child searches, on the other core.

``load`` imports and loads what the outputs need whatever the plan and resolves each
program in its cohorts' locales; ``starting_plan`` then makes each program's outputs of the
solver's starting plan (``plan_outputs.Prepared``). Nothing here imports the outputs' code
until ``load`` runs, so that the request reaches the child first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from glocal.model import Schedule
from glocal.workspace import ProgramBundle

if TYPE_CHECKING:  # imported by ``load`` (they load the calendars and the report)
    from glocal.cli.plan_outputs import Prepared
    from glocal.cli.plan_solve import StartingPlan
    from glocal.localization import LocalizedProgram


# Up to this many sessions the outputs of the solver's starting plan are made while it searches
# (larger searches nearly always end with another plan, and the work would take a core from the
# search; ``pipeline.FULL_MODEL_SESSIONS``, up to which plans are proven in seconds).
PREPARED_SESSIONS = 600


class Meanwhile:
    """The preparation of one program's outputs, or of every program of a portfolio."""

    def __init__(self, bundles: list[ProgramBundle], earlier: dict[str, Schedule], freeze_before: dt.date | None,
                 lang: str = "en") -> None:
        self._bundles, self._earlier, self._freeze_before, self._lang = bundles, earlier, freeze_before, lang
        self._localized: dict[str, dict[str, LocalizedProgram]] = {}
        self.prepared: dict[str, Prepared] = {}  # by program id

    def load(self) -> None:
        """Import and load what every program's outputs need whatever the plan."""
        from glocal.cli import plan_outputs

        for bundle in self._bundles:
            plan_outputs.prepare(bundle, self._lang)
            self.prepared[bundle.id] = plan_outputs.Prepared(
                bundle, self._earlier.get(bundle.id), self._freeze_before, self._lang, self.localized(bundle))

    def preparation(self) -> Callable[[StartingPlan, Callable[[], bool]], None] | None:
        """``starting_plan`` for ``SolverProcess.solve``'s ``on_plan``; none for large plans."""
        total = sum(len(b.rollout.cohorts) * len(b.program.modules) for b in self._bundles)
        return self.starting_plan if total <= PREPARED_SESSIONS else None

    def starting_plan(self, plan: StartingPlan, searching: Callable[[], bool]) -> None:
        """Each program's outputs of the solver's starting plan, while it searches (used where
        the result is the same)."""
        for program, prepared in sorted(self.prepared.items()):
            if not searching():
                return
            prepared(plan.get(program, []), searching)

    def localized(self, bundle: ProgramBundle) -> dict[str, LocalizedProgram]:
        """The program in every cohort's locale, resolved once: revisions, calendars and the
        report are handed it (none of them resolves a variant again)."""
        if bundle.id not in self._localized:
            from glocal.localization import resolve_cohorts

            self._localized[bundle.id] = resolve_cohorts(bundle)
        return self._localized[bundle.id]
