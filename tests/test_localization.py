"""Locale chains (CLDR parents via babel) and field-by-field resolution with provenance."""

from __future__ import annotations

from pathlib import Path

import pytest

from glocal.localization import locale_chain, parent_locale, resolve
from glocal.workspace import ProgramBundle, load_workspace

PROGRAM = "leading-through-change"


@pytest.fixture(scope="module")
def bundle(example_root: Path) -> ProgramBundle:
    return load_workspace(example_root, [PROGRAM]).bundle(PROGRAM)


@pytest.mark.parametrize(
    ("locale", "chain"),
    [
        ("pt_BR", ["pt_BR", "pt"]),
        ("pt-BR", ["pt_BR", "pt"]),
        ("pt_AO", ["pt_AO", "pt_PT", "pt"]),
        ("es_MX", ["es_MX", "es_419", "es"]),
        ("es-AR", ["es_AR", "es_419", "es"]),
        ("en_IN", ["en_IN", "en_001", "en"]),
        ("en_SG", ["en_SG", "en_001", "en"]),
        ("en_US", ["en_US", "en"]),
        ("zh_Hant_TW", ["zh_Hant_TW", "zh_Hant"]),
        ("zh-TW", ["zh_Hant_TW", "zh_Hant"]),
        ("zh_CN", ["zh_Hans_CN", "zh_Hans", "zh"]),
        ("nb_NO", ["nb_NO", "nb", "no"]),
        ("ar_AE", ["ar_AE", "ar"]),
        ("ja_JP", ["ja_JP", "ja"]),
        ("de", ["de"]),
    ],
)
def test_locale_chain_follows_cldr_parents(locale: str, chain: list[str]) -> None:
    assert locale_chain(locale) == chain


def test_traditional_chinese_never_inherits_simplified() -> None:
    assert "zh" not in locale_chain("zh_Hant_TW")
    assert parent_locale("zh_Hant") == "root"
    assert parent_locale("zh_Hans") == "zh"


def test_unknown_locale_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown locale 'xx-nope'"):
        locale_chain("xx-nope")


def test_pt_br_takes_its_own_adaptation_and_the_shared_portuguese_titles(bundle: ProgramBundle) -> None:
    program = resolve(bundle, "pt-BR")
    assert program.locale == "pt_BR"
    assert program.chain == ["pt_BR", "pt"]
    assert program.title == "Liderando a mudança"
    simulation = program.module("team-simulation")
    assert simulation.title == "Simulação de mudança"  # from pt
    assert simulation.duration == 210  # from pt_BR: 3h30m
    game = simulation.activity("merger-game")
    assert game.minutes == 180 and game.adapted
    assert game.title.startswith("Simulação de fusão com times")
    # Provenance names the file and line each value came from.
    assert str(program.provenance["title"]) == "locales/pt/leading-through-change.yaml:3:8"
    assert str(program.provenance["modules.team-simulation.duration"]) == "locales/pt_BR/leading-through-change.yaml:6:15"
    assert program.sources["modules.team-simulation.duration"] == "pt_BR"
    # Untranslated fields come from the core, with the core's position.
    coaching = program.module("coaching")
    assert coaching.description == "Asking instead of telling; the GROW model in practice."
    assert program.provenance["modules.coaching.description"].path == "programs/leading-through-change/program.yaml"
    assert program.sources["modules.coaching.description"] == "core"


def test_nb_no_cohort_finds_the_nb_folder(bundle: ProgramBundle) -> None:
    program = resolve(bundle, "nb_NO")
    assert program.title == "Å lede gjennom endring"
    assert program.provenance["title"].path == "locales/nb/leading-through-change.yaml"
    assert program.module("foundations").activity("case-debate").title.startswith("Casedebatt")


@pytest.mark.parametrize("locale", ["en_US", "en_SG", "en_IN"])
def test_english_cohorts_without_a_variant_get_the_core(bundle: ProgramBundle, locale: str) -> None:
    program = resolve(bundle, locale)
    assert program.title == "Leading Through Change"
    assert [m.duration for m in program.modules] == [m.duration for m in bundle.program.modules]
    assert set(program.sources.values()) == {"core"}


def test_ja_jp_adaptations_replace_styles_minutes_and_duration(bundle: ProgramBundle) -> None:
    program = resolve(bundle, "ja_JP")
    foundations = program.module("foundations")
    assert foundations.duration == 105
    debate = foundations.activity("case-debate")
    assert debate.styles == ["consensus", "group"]
    assert debate.minutes == 45
    assert debate.note is not None and "consensus" in debate.note
    # Modules keep the core's order, skills and gaps.
    assert [m.id for m in program.modules] == [m.id for m in bundle.program.modules]
    assert program.module("coaching").gap.min == 2 * 1440
    assert program.module("coaching").skills == ["coaching"]


def test_ar_ae_falls_back_to_ar_then_core(bundle: ProgramBundle) -> None:
    program = resolve(bundle, "ar_AE")
    assert program.title == "القيادة خلال التغيير"
    assert program.summary == bundle.program.summary  # ar has no summary
    hot_seat = program.module("feedback").activity("hot-seat")
    assert hot_seat.styles == ["public-individual-feedback", "role-play"]
    assert not hot_seat.adapted
