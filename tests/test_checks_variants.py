"""Cross-file rules of locale variants and cultural profiles.

Each case edits a private copy of the example workspace so that it breaks one rule, and
asserts the exact ``path:line:column: message`` lines glocal reports (all problems of the
run, sorted). ``'e'`` cases must fail to load; ``'w'`` cases load with these warnings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .checkhelp import PROGRAM, outcome

CASES = [
    pytest.param(
        [('locales/ja/leading-through-change.yaml', 'program: leading-through-change', 'program: leading-through-chaos')],
        'e',
        [
            "locales/ja/leading-through-change.yaml:2:10: variant names program 'leading-through-chaos' but its file is for 'leading-through-change'; write program: leading-through-change",
        ],
        id='variant program',
    ),
    pytest.param(
        [('locales/ja/leading-through-change.yaml', '  capstone:\n', '  capstones:\n')],
        'e',
        [
            "locales/ja/leading-through-change.yaml:49:3: unknown module 'capstones' (not in the core program); did you mean 'capstone'?",
        ],
        id='variant unknown module',
    ),
    pytest.param(
        [('locales/ja/leading-through-change.yaml', '      fishbowl:\n', '      fish-bowl:\n')],
        'e',
        [
            "locales/ja/leading-through-change.yaml:38:7: unknown activity 'fish-bowl' in module 'resistance'; did you mean 'fishbowl'?",
        ],
        id='variant unknown activity',
    ),
    pytest.param(
        [('locales/pt/leading-through-change.yaml', 'based_on: 3\n', 'based_on: 3\nobjectives:\n  - id: x\n    text: y\n')],
        'e',
        [
            "locales/pt/leading-through-change.yaml:4:3: a locale variant translates objectives as a mapping by objective id (lead-change: text: ...), not as a list; adding, removing or reordering objectives changes their meaning, which the core program locks",
        ],
        id='variant objectives',
    ),
    pytest.param(
        [('locales/pt/leading-through-change.yaml', 'based_on: 3\n', 'based_on: 3\nevaluation: []\n')],
        'e',
        [
            "locales/pt/leading-through-change.yaml:3:13: a locale variant translates evaluation levels as a mapping by level (3: instrument: ...), not as a list; adding, removing or reordering evaluation levels changes their meaning, which the core program locks",
        ],
        id='variant evaluation',
    ),
    pytest.param(
        [('locales/pt/leading-through-change.yaml', 'based_on: 3\n', 'based_on: 3\nevaluation:\n  3:\n    instrument: Lista de observação\n    when: 30d after-last-session\nobjectives:\n  coach:\n    id: mentor\n    text: Conduzir conversas de coaching.\n')],
        'e',
        [
            "locales/pt/leading-through-change.yaml:6:5: 'evaluation.3.when' is locked by the core program (adaptation.locked: evaluation), so a locale variant may not change it; remove it here or unlock it in program.yaml",
            "locales/pt/leading-through-change.yaml:9:5: 'objectives.coach.id' is locked by the core program (adaptation.locked: objectives), so a locale variant may not change it; remove it here or unlock it in program.yaml",
        ],
        id='locked meaning beside allowed translations',
    ),
    pytest.param(
        [(PROGRAM, 'locked: [objectives, evaluation]', 'locked: [evaluation]'),
         ('locales/pt/leading-through-change.yaml', 'based_on: 3\n', 'based_on: 3\nobjectives:\n  coach:\n    id: mentor\n')],
        'e',
        [
            "locales/pt/leading-through-change.yaml:5:5: 'objectives.coach.id' cannot be adapted per locale; a variant translates only the text of objectives (e.g. objectives.coach.text)",
        ],
        id='objective meaning never adaptable',
    ),
    pytest.param(
        [(PROGRAM, 'locked: [objectives, evaluation]', 'locked: [objectives, evaluation, objectives.coach.text, evaluation.3]')],
        'e',
        [
            "locales/ja/leading-through-change.yaml:63:5: 'objectives.coach.text' is locked by the core program (adaptation.locked: objectives.coach.text), so a locale variant may not change it; remove it here or unlock it in program.yaml",
            "locales/ja/leading-through-change.yaml:71:3: 'evaluation.3' is locked by the core program (adaptation.locked: evaluation.3), so a locale variant may not change it; remove it here or unlock it in program.yaml",
        ],
        id='locked words of one objective and one level',
    ),
    pytest.param(
        [('locales/pt/leading-through-change.yaml', 'based_on: 3\n', 'based_on: 3\nobjectives:\n  coaching:\n    text: Conduzir conversas.\nevaluation:\n  5:\n    instrument: ROI\n')],
        'e',
        [
            "locales/pt/leading-through-change.yaml:4:3: unknown objective 'coaching' (not in the core program); did you mean 'coach'?",
            "locales/pt/leading-through-change.yaml:7:3: unknown evaluation level '5' (the core program evaluates levels 1, 2, 3, 4); translate one of those",
        ],
        id='unknown objective and level',
    ),
    pytest.param(
        [(PROGRAM, 'locked: [objectives, evaluation]', 'locked: [objectives, evaluation, duration]')],
        'e',
        [
            "locales/ja/leading-through-change.yaml:11:5: 'modules.foundations.duration' is locked by the core program (adaptation.locked: duration), so a locale variant may not change it; remove it here or unlock it in program.yaml",
            "locales/pt_BR/leading-through-change.yaml:6:5: 'modules.team-simulation.duration' is locked by the core program (adaptation.locked: duration), so a locale variant may not change it; remove it here or unlock it in program.yaml",
        ],
        id='locked field name',
    ),
    pytest.param(
        [(PROGRAM, 'locked: [objectives, evaluation]', 'locked: [objectives, modules.foundations.activities.case-debate.styles]')],
        'e',
        [
            "locales/ar/leading-through-change.yaml:10:9: 'modules.foundations.activities.case-debate.styles' is locked by the core program (adaptation.locked: modules.foundations.activities.case-debate.styles), so a locale variant may not change it; remove it here or unlock it in program.yaml",
            "locales/ja/leading-through-change.yaml:16:9: 'modules.foundations.activities.case-debate.styles' is locked by the core program (adaptation.locked: modules.foundations.activities.case-debate.styles), so a locale variant may not change it; remove it here or unlock it in program.yaml",
        ],
        id='locked path',
    ),
    pytest.param(
        [(PROGRAM, 'locked: [objectives, evaluation]', 'locked: [objectives, evalution, modules.foundation.duration, modules.capstone.colour]')],
        'e',
        [
            "programs/leading-through-change/program.yaml:116:24: cannot lock 'evalution'; did you mean 'evaluation'?",
            "programs/leading-through-change/program.yaml:116:35: cannot lock 'modules.foundation.duration': the core program has no module 'foundation'; did you mean 'foundations'?",
            "programs/leading-through-change/program.yaml:116:64: cannot lock 'modules.capstone.colour'; write a path of core ids like modules.<module>.duration or modules.<module>.activities.<activity>.styles",
        ],
        id='locked unknown entries',
    ),
    pytest.param(
        [('locales/pt_BR/leading-through-change.yaml', 'duration: 3h30m', 'duration: 4h')],
        'e',
        [
            "locales/pt_BR/leading-through-change.yaml:6:15: duration 4h of module 'team-simulation' differs from the core 3h by 33%, more than the 25% adaptation.duration_tolerance allows; use 2h15m to 3h45m",
        ],
        id='tolerance',
    ),
    pytest.param(
        [(PROGRAM, 'duration_tolerance: 25%', 'duration_tolerance: 10%')],
        'e',
        [
            "locales/ja/leading-through-change.yaml:11:15: duration 1h45m of module 'foundations' differs from the core 1h30m by 17%, more than the 10% adaptation.duration_tolerance allows; use 1h21m to 1h39m",
            "locales/pt_BR/leading-through-change.yaml:6:15: duration 3h30m of module 'team-simulation' differs from the core 3h by 17%, more than the 10% adaptation.duration_tolerance allows; use 2h42m to 3h18m",
        ],
        id='tolerance 10%',
    ),
    pytest.param(
        [('locales/pt_BR/leading-through-change.yaml', 'minutes: 180', 'minutes: 215')],
        'e',
        [
            "locales/pt_BR/leading-through-change.yaml:6:15: in locale pt_BR the activities of module 'team-simulation' take 215 minutes, more than its duration 3h30m; shorten the activities or lengthen the module",
        ],
        id='variant minutes',
    ),
    pytest.param(
        [('locales/pt/leading-through-change.yaml', '  team-simulation:\n    title: Simulação de mudança\n', '  team-simulation:\n    title: Simulação de mudança\n    duration: 2h50m\n'), ('locales/pt_BR/leading-through-change.yaml', '    duration: 3h30m\n', '')],
        'e',
        [
            "locales/pt_BR/leading-through-change.yaml:9:18: in locale pt_BR the activities of module 'team-simulation' take 180 minutes, more than its duration 2h50m; shorten the activities or lengthen the module",
        ],
        id='variant minutes over inherited duration',
    ),
    pytest.param(
        [('locales/ja/leading-through-change.yaml', 'based_on: 3', 'based_on: 4')],
        'e',
        [
            "locales/ja/leading-through-change.yaml:3:11: based_on 4 is newer than the core program's version 3; write the version it was reviewed against (at most 3)",
        ],
        id='based_on newer',
    ),
    pytest.param(
        [('locales/ja/leading-through-change.yaml', 'based_on: 3\n', 'based_on: 3\nacknowledged:\n  feedback/hotseat: accepted\n')],
        'e',
        [
            "locales/ja/leading-through-change.yaml:5:3: acknowledged activity 'feedback/hotseat' is not in the core program; did you mean 'feedback/hot-seat'?",
        ],
        id='acknowledged orphan',
    ),
    pytest.param(
        [('locales/ja_JP/profile.yaml', 'locale: ja-JP', 'locale: ja')],
        'e',
        [
            'locales/ja_JP/profile.yaml:1:9: profile is for locale ja but lies in the folder of ja_JP; write locale: ja-JP (or move the file)',
        ],
        id='profile locale',
    ),
]


@pytest.mark.parametrize(("edits", "kind", "expected"), CASES)
def test_rule(workspace: Path, edits: list[tuple[str, str, str]], kind: str, expected: list[str]) -> None:
    assert outcome(workspace, edits, kind) == expected
