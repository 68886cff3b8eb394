"""Staleness (outdated / missing / orphaned), cultural fit and the example's exact status."""

from __future__ import annotations

from pathlib import Path

import pytest

from glocal.errors import InputError
from glocal.localization.culture import cultural_clashes
from glocal.localization.edit import stamp
from glocal.localization.staleness import source_hash, staleness
from glocal.localization.status import locales_in_use, program_status
from glocal.workspace import Workspace, load_workspace

PROGRAM = "leading-through-change"
CORE = Path("programs") / PROGRAM / "program.yaml"


def _load(root: Path) -> Workspace:
    return load_workspace(root, [PROGRAM])


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_source_hash_is_short_stable_and_ignores_reflowing() -> None:
    assert source_hash("Feedback that lands") == source_hash("Feedback  that\n lands")
    assert source_hash("Feedback that lands") != source_hash("Feedback that really lands")
    assert len(source_hash("x")) == 8


def test_example_status_is_exactly_as_documented(example_root: Path) -> None:
    workspace = _load(example_root)
    statuses = {s.locale: s for s in program_status(workspace, workspace.bundle(PROGRAM))}
    assert sorted(statuses) == [
        "ar", "ar_AE", "de", "de_DE", "en_IN", "en_SG", "en_US",
        "ja", "ja_JP", "nb", "nb_NO", "pt", "pt_BR",
    ]
    # pt_BR is outdated: based_on 2 < version 3; nothing else is.
    outdated = {loc: [(v.locale, v.based_on, v.version) for v in s.state.outdated_variants] for loc, s in statuses.items() if s.state.outdated}
    assert outdated == {"pt_BR": [("pt_BR", 2, 3)]}
    assert str(statuses["pt_BR"].state.outdated_variants[0].location) == "locales/pt_BR/leading-through-change.yaml:3:11"
    # ar_AE lacks adaptations for feedback/hot-seat and resistance/fishbowl; nobody else clashes.
    clashes = {loc: sorted(c.key for c in s.clashes) for loc, s in statuses.items() if s.clashes}
    assert clashes == {"ar_AE": ["feedback/hot-seat", "resistance/fishbowl"]}
    hot_seat = next(c for c in statuses["ar_AE"].clashes if c.activity == "hot-seat")
    assert hot_seat.styles == ["public-individual-feedback"]
    assert str(hot_seat.profile_location) == "locales/ar_AE/profile.yaml:2:33"
    assert str(hot_seat.activity_location) == "programs/leading-through-change/program.yaml:74:17"
    # ja_JP is clean: everything translated, nothing outdated, every clash adapted.
    assert statuses["ja_JP"].clean
    assert statuses["ja_JP"].state.share == 1.0
    assert {loc for loc, s in statuses.items() if s.blocking} == {"pt_BR", "ar_AE"}
    assert not any(s.state.orphaned for s in statuses.values())
    # English cohorts speak the source language: nothing is missing.
    assert statuses["en_IN"].clean and statuses["en_IN"].state.total == 0


def test_locales_in_use_are_cohort_locales_and_variant_folders(example_root: Path) -> None:
    used = locales_in_use(_load(example_root).bundle(PROGRAM))
    assert used["ja_JP"] == ["tokyo-1", "tokyo-2"]
    assert used["nb_NO"] == ["oslo-1"]
    assert used["pt"] == []


def test_translated_share_and_missing_fields(example_root: Path) -> None:
    state = staleness(_load(example_root).bundle(PROGRAM), "de_DE")
    assert (state.translated, state.total) == (10, 28)  # 21 curriculum texts, 3 objectives, 4 instruments
    assert "modules.feedback.description" in state.missing
    assert "modules.foundations.activities.case-debate.title" in state.missing
    assert "modules.coaching.description" not in state.missing  # de translates it


def test_editing_a_stamped_core_text_makes_the_field_outdated(workspace: Path) -> None:
    stamp(workspace, _load(workspace).bundle(PROGRAM), "ja")
    assert not staleness(_load(workspace).bundle(PROGRAM), "ja_JP").outdated
    _edit(workspace / CORE, "title: Feedback that lands", "title: Feedback that really lands")
    state = staleness(_load(workspace).bundle(PROGRAM), "ja_JP")
    assert [(f.locale, f.path) for f in state.outdated_fields] == [("ja", "modules.feedback.title")]
    assert state.outdated_fields[0].current == source_hash("Feedback that really lands")
    assert str(state.outdated_fields[0].location).startswith("locales/ja/leading-through-change.yaml:")
    # The outdated text is still used.
    assert state.translated == 28


def test_a_new_core_text_is_missing(workspace: Path) -> None:
    _edit(workspace / CORE, "        title: Coaching practice in triads\n", "        title: Coaching practice in triads\n        description: Three roles, rotating.\n")
    state = staleness(_load(workspace).bundle(PROGRAM), "ja_JP")
    assert state.missing == ["modules.coaching.activities.coaching-triads.description"]


def test_variant_keys_without_core_counterpart_are_orphaned(workspace: Path) -> None:
    stamp(workspace, _load(workspace).bundle(PROGRAM), "ja")
    _edit(workspace / CORE, "    description: Reading resistance as information, and responding to it.\n", "")
    bundle = _load(workspace).bundle(PROGRAM)
    state = staleness(bundle, "ja_JP")
    orphaned = {(o.what, o.path) for o in state.orphaned}
    assert orphaned == {
        ("translation of", "modules.resistance.description"),
        ("source hash of", "modules.resistance.description"),
    }
    problem = next(o for o in state.orphaned if o.what == "translation of").problem()
    assert problem.is_error and problem.code == "orphaned"
    assert str(problem).startswith("locales/ja/leading-through-change.yaml:")
    assert "no counterpart in the core program" in str(problem)


def test_renamed_core_activity_leaves_an_orphan_the_loader_rejects(workspace: Path) -> None:
    _edit(workspace / CORE, "      - id: fishbowl\n", "      - id: fishbowl-debate\n")
    with pytest.raises(InputError) as raised:
        _load(workspace)
    assert any("fishbowl" in p.message and p.location.path == "locales/ja/leading-through-change.yaml" for p in raised.value.errors)


def test_adapting_an_activity_in_the_parent_variant_satisfies_the_profile(workspace: Path) -> None:
    variant = workspace / "locales" / "ar" / f"{PROGRAM}.yaml"
    _edit(variant, "  feedback:\n    title: ملاحظات فعّالة\n", "  feedback:\n    title: ملاحظات فعّالة\n    activities:\n      hot-seat:\n        styles: [private-feedback, role-play]\n")
    workspace_model = _load(workspace)
    clashes = cultural_clashes(workspace_model, workspace_model.bundle(PROGRAM), "ar_AE")
    assert [c.key for c in clashes] == ["resistance/fishbowl"]


def test_an_adaptation_that_keeps_an_avoided_style_still_clashes(workspace: Path) -> None:
    variant = workspace / "locales" / "ar" / f"{PROGRAM}.yaml"
    _edit(variant, "  resistance:\n    title: التعامل مع المقاومة\n", "  resistance:\n    title: التعامل مع المقاومة\n    activities:\n      fishbowl:\n        styles: [group, confrontational]\n")
    workspace_model = _load(workspace)
    clash = next(c for c in cultural_clashes(workspace_model, workspace_model.bundle(PROGRAM), "ar_AE") if c.activity == "fishbowl")
    assert clash.adapted_in == "ar" and clash.styles == ["confrontational"]
    assert "still has avoided style(s) confrontational" in clash.problem(PROGRAM).message


def test_acknowledged_clash_is_silenced_with_its_reason(workspace: Path) -> None:
    variant = workspace / "locales" / "ar_AE" / f"{PROGRAM}.yaml"
    variant.write_text(
        "program: leading-through-change\nbased_on: 3\nacknowledged:\n"
        "  resistance/fishbowl: The Dubai business unit asked for the open debate.\n",
        encoding="utf-8",
    )
    workspace_model = _load(workspace)
    status = {s.locale: s for s in program_status(workspace_model, workspace_model.bundle(PROGRAM))}["ar_AE"]
    fishbowl = next(c for c in status.clashes if c.activity == "fishbowl")
    assert not fishbowl.open and fishbowl.acknowledged_in == "ar_AE"
    assert fishbowl.reason == "The Dubai business unit asked for the open debate."
    assert [c.key for c in status.open_clashes] == ["feedback/hot-seat"]


def test_profile_does_not_apply_to_its_parent_locale(example_root: Path) -> None:
    workspace_model = _load(example_root)
    assert cultural_clashes(workspace_model, workspace_model.bundle(PROGRAM), "ar") == []


def test_rules_for_glocal_check(example_root: Path, workspace: Path) -> None:
    from glocal.localization.rules import cultural_fit, orphaned_translations

    loaded = _load(example_root)
    bundle = loaded.bundle(PROGRAM)
    warnings = cultural_fit(loaded, bundle)
    assert [str(p.location) for p in warnings] == ["locales/ar_AE/profile.yaml:2:16", "locales/ar_AE/profile.yaml:2:33"]
    assert all(not p.is_error for p in warnings)
    assert orphaned_translations(loaded, bundle) == []
    stamp(workspace, _load(workspace).bundle(PROGRAM), "ja")
    _edit(workspace / CORE, "    description: Asking instead of telling; the GROW model in practice.\n", "")
    errors = orphaned_translations(_load(workspace), _load(workspace).bundle(PROGRAM))
    assert len(errors) == 2 and all(p.is_error for p in errors)
