"""Words in every language: objective and evaluation texts are translated per locale (locked in
meaning, not in language), resolve along the CLDR chain, round-trip through PO files, reach the
calendars; and a calendar's LANGUAGE tag says what its text is."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from icalendar import Calendar

from glocal.calendars import build_calendars
from glocal.calendars.texts import Place, Wording, label_language, text_language
from glocal.errors import InputError
from glocal.localization import resolve
from glocal.localization.po import export_po, import_po
from glocal.localization.staleness import staleness
from glocal.model import Attendee, CancelledSession, Organizer, Schedule, Status
from glocal.workspace import ProgramBundle, load_workspace

from .checkhelp import edit, errors
from .test_calendars_common import load_bundle, local_session, make_workspace

PROGRAM = "leading-through-change"
PT = f"locales/pt/{PROGRAM}.yaml"
PT_BR = f"locales/pt_BR/{PROGRAM}.yaml"


def _bundle(root: Path) -> ProgramBundle:
    return load_workspace(root, [PROGRAM]).bundle(PROGRAM)


def _translate_pt(root: Path) -> None:
    """pt translates one objective and two instruments; pt_BR overrides one instrument."""
    edit(root, PT, "based_on: 3\n", (
        "based_on: 3\nobjectives:\n  lead-change:\n    text: Conduzir uma equipe em uma mudança com uma história clara.\n"
        "evaluation:\n  1:\n    instrument: Pesquisa de satisfação da sessão\n"
        "  3:\n    instrument: Lista de observação do gestor\n"
    ))
    edit(root, PT_BR, "based_on: 2\n", "based_on: 2\nevaluation:\n  3:\n    instrument: Checklist de observação do gestor\n")


# ---------------------------------------------------------------- resolution along the chain


def test_translations_resolve_along_the_chain(workspace: Path) -> None:
    _translate_pt(workspace)
    bundle = _bundle(workspace)
    brazil = resolve(bundle, "pt_BR")
    assert [o.text for o in brazil.objectives] == [
        "Conduzir uma equipe em uma mudança com uma história clara.",  # from pt
        "Hold coaching conversations that build commitment instead of compliance.",  # core
        "Give and receive feedback that changes behaviour.",
    ]
    assert [e.instrument for e in brazil.evaluation] == [
        "Pesquisa de satisfação da sessão",  # pt
        "Scenario-based assessment",  # core
        "Checklist de observação do gestor",  # pt_BR over pt
        "Team engagement and turnover review",
    ]
    assert brazil.sources["objectives.lead-change.text"] == "pt"
    assert brazil.sources["evaluation.3.instrument"] == "pt_BR"
    assert brazil.sources["evaluation.2.instrument"] == "core"
    assert str(brazil.provenance["evaluation.3.instrument"]) == f"{PT_BR}:6:17"
    assert str(brazil.provenance["evaluation.2.instrument"]).startswith(f"programs/{PROGRAM}/program.yaml:")
    # Meaning stays the core's: the same levels, in the same order, due at the same time.
    assert [(e.level, str(e.when)) for e in brazil.evaluation] == [(e.level, str(e.when)) for e in bundle.program.evaluation]
    portugal = resolve(bundle, "pt_PT")
    assert portugal.evaluation[2].instrument == "Lista de observação do gestor"
    assert resolve(bundle, "en_US").objectives[0].text == bundle.program.objectives[0].text
    # Staleness counts them: 3 objectives and 4 instruments are texts to translate.
    state = staleness(bundle, "pt_BR")
    assert "evaluation.2.instrument" in state.missing
    assert "objectives.lead-change.text" not in state.missing
    assert "evaluation.3.instrument" in state.unstamped


def test_the_example_ja_variant_translates_objectives_and_instruments(example_root: Path) -> None:
    japan = resolve(_bundle(example_root), "ja_JP")
    assert japan.objectives[0].text.startswith("明確で誠実なストーリー")
    assert japan.evaluation[2].instrument == "マネージャーによる行動観察チェックリスト"
    assert japan.sources["evaluation.3.instrument"] == "ja"


def test_a_core_level_listed_twice_cannot_be_addressed(workspace: Path) -> None:
    program = workspace / "programs" / PROGRAM / "program.yaml"
    edit(workspace, f"programs/{PROGRAM}/program.yaml", "  - level: 2\n", "  - level: 1\n")
    assert "level: 1" in program.read_text(encoding="utf-8")
    edit(workspace, PT, "based_on: 3\n", "based_on: 3\nevaluation:\n  1:\n    instrument: Pesquisa\n")
    assert (
        f"{PT}:4:3: the core program lists level 1 2 times, so 'evaluation.1' cannot say which "
        "instrument it translates; give each level one entry in program.yaml"
    ) in errors(workspace)


# ---------------------------------------------------------------- PO round trip


def _set_msgstr(po: Path, context: str, text: str) -> None:
    body = po.read_text(encoding="utf-8")
    start = body.index(f'msgctxt "{context}"')
    empty = body.index('msgstr ""', start)
    po.write_text(body[:empty] + f'msgstr "{text}"' + body[empty + len('msgstr ""'):], encoding="utf-8")


def test_po_round_trip_of_objectives_and_instruments(workspace: Path) -> None:
    po = workspace / "de.po"
    po.write_bytes(export_po(workspace, _bundle(workspace), "de"))
    entries = {m.context: m for m in read_po(io.BytesIO(po.read_bytes())) if m.id}
    assert entries["objectives.coach.text"].id == "Hold coaching conversations that build commitment instead of compliance."
    assert entries["evaluation.3.instrument"].id == "Manager observation checklist"
    assert any("Evaluation level 3 instrument, due 60d after-last-session" in c for c in entries["evaluation.3.instrument"].user_comments)
    _set_msgstr(po, "objectives.coach.text", "Coaching-Gespräche führen, die Engagement statt Gehorsam schaffen.")
    _set_msgstr(po, "evaluation.3.instrument", "Beobachtungsbogen für Führungskräfte")
    result = import_po(load_workspace(workspace, [PROGRAM]), po)
    assert sorted(result.changed) == ["evaluation.3.instrument", "objectives.coach.text"]
    text = (workspace / "locales" / "de" / f"{PROGRAM}.yaml").read_text(encoding="utf-8")
    # New keys land where a person would write them: after the summary, before the modules.
    assert (
        "objectives:\n  coach:\n    text: Coaching-Gespräche führen, die Engagement statt Gehorsam schaffen.\n"
        "evaluation:\n  3:\n    instrument: Beobachtungsbogen für Führungskräfte\nmodules:\n"
    ) in text
    bundle = _bundle(workspace)
    germany = resolve(bundle, "de_DE")
    assert germany.objectives[1].text == "Coaching-Gespräche führen, die Engagement statt Gehorsam schaffen."
    assert germany.evaluation[2].instrument == "Beobachtungsbogen für Führungskräfte"
    again = {m.context: m for m in read_po(io.BytesIO(export_po(workspace, bundle, "de"))) if m.id}
    assert again["evaluation.3.instrument"].string == "Beobachtungsbogen für Führungskräfte"
    assert again["objectives.coach.text"].string.startswith("Coaching-Gespräche")


def test_po_import_refuses_a_translation_of_locked_words(workspace: Path) -> None:
    edit(workspace, f"programs/{PROGRAM}/program.yaml", "locked: [objectives, evaluation]",
         "locked: [objectives, evaluation, evaluation.3.instrument]")
    edit(workspace, f"locales/ja/{PROGRAM}.yaml", "  3:\n    instrument: マネージャーによる行動観察チェックリスト\n", "")
    po = workspace / "de.po"
    po.write_bytes(export_po(workspace, _bundle(workspace), "de"))
    _set_msgstr(po, "evaluation.3.instrument", "Beobachtungsbogen")
    before = (workspace / "locales" / "de" / f"{PROGRAM}.yaml").read_bytes()
    with pytest.raises(InputError) as caught:
        import_po(load_workspace(workspace, [PROGRAM]), po)
    assert "is locked by the core program (adaptation.locked: evaluation.3.instrument)" in str(caught.value.problems[0])
    assert (workspace / "locales" / "de" / f"{PROGRAM}.yaml").read_bytes() == before


# ---------------------------------------------------------------- calendars


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> ProgramBundle:
    return load_bundle(make_workspace(tmp_path_factory.mktemp("words") / "ws"))


def _events(data: bytes) -> list[Calendar]:
    calendar = Calendar.from_ical(data)
    assert isinstance(calendar, Calendar)
    return list(calendar.walk("VEVENT"))


def test_follow_ups_use_the_localized_instrument(bundle: ProgramBundle) -> None:
    session = local_session(bundle, "tokyo-1", "foundations", "2027-03-08", "10:00", "aiko")
    files = build_calendars(bundle, Schedule(program=bundle.id, status=Status.FEASIBLE, sessions=[session]))
    found = {str(e["UID"]): e for e in _events(files["calendars/cohorts/tokyo-1.ics"])}
    level3 = found[f"{PROGRAM}.tokyo-1.evaluation-3@glocal"]
    assert str(level3["SUMMARY"]) == "評価（レベル3）：マネージャーによる行動観察チェックリスト"
    assert "Manager observation checklist" not in str(level3["SUMMARY"])
    assert level3["SUMMARY"].params["LANGUAGE"] == "ja-JP"
    session_event = found[f"{PROGRAM}.tokyo-1.foundations@glocal"]
    assert "セッション後のフィードバックアンケート" in str(session_event["DESCRIPTION"])  # after-each-session
    assert "Session feedback survey" not in str(session_event["DESCRIPTION"])
    assert session_event["DESCRIPTION"].params["LANGUAGE"] == "ja-JP"


def test_text_language() -> None:
    assert text_language("ja-JP", "ja", "ja-JP") == "ja-JP"
    assert text_language("en", "en", "en-US") == "en"
    assert text_language("en", "es", "es-CL") == "mul"
    assert label_language("es_CL") == "es"
    assert label_language("sw_KE") == "en"  # no catalog: glocal's words are English


@pytest.mark.parametrize(("cohort", "summary", "description"), [
    ("tokyo-1", "ja-JP", "ja-JP"),  # ja variant, ja labels: one language
    ("new-york-1", "en", "en"),  # core English, English labels
    ("santiago-1", "en", "mul"),  # no Spanish variant: English curriculum between Spanish labels
    ("frankfurt-1", "de-DE", "mul"),  # the de variant leaves the activity titles English
])
def test_cohort_event_language_tags(bundle: ProgramBundle, cohort: str, summary: str, description: str) -> None:
    wording = Wording(bundle)
    found = next(c for c in bundle.rollout.cohorts if c.id == cohort)
    session = local_session(bundle, cohort, "foundations", "2027-03-08", "10:00", "aiko")
    text = wording.cohort_event(found, session, None, Place(None, None))
    assert (text.language, text.description_language) == (summary, description)


def test_follow_up_and_cancellation_tags(bundle: ProgramBundle) -> None:
    wording = Wording(bundle)
    level3 = bundle.program.evaluation[2]
    japan = wording.followup(level3, "ja_JP", "tokyo-1")
    assert (japan.language, japan.description_language) == ("ja-JP", "ja-JP")
    chile = wording.followup(level3, "es_CL", "santiago-1")
    # "Evaluación (nivel 3): Manager observation checklist" is two languages; its description too.
    assert (chile.language, chile.description_language) == ("mul", "mul")
    assert "Manager observation checklist" in chile.summary


def test_a_cancellation_is_tagged_by_its_words_not_by_the_title(bundle: ProgramBundle) -> None:
    """santiago-1 (es_CL, no Spanish variant): the SUMMARY is the core's English module title,
    the DESCRIPTION glocal's Spanish words and a Chilean date."""
    organized = ProgramBundle(
        program=bundle.program.model_copy(update={"organizer": Organizer(name="Global L&D", email="learning@example.com")}),
        rollout=bundle.rollout, facilitators=bundle.facilitators, variants=bundle.variants, docs=bundle.docs,
    )
    gone = local_session(organized, "santiago-1", "feedback", "2027-04-06", "10:00", "beatriz")
    cancelled = CancelledSession(cohort="santiago-1", module="feedback", start=gone.start, end=gone.end,
                                 sequence=1, facilitator="beatriz",
                                 attendees=[Attendee(name="Ana", email="ana@example.com")])
    files = build_calendars(organized, Schedule(program=organized.id, status=Status.FEASIBLE, sessions=[],
                                                cancelled=[cancelled]))
    [event] = _events(files["calendars/cancel/santiago-1/feedback.ics"])
    assert (str(event["SUMMARY"]), event["SUMMARY"].params["LANGUAGE"]) == ("Feedback that lands", "en")
    assert str(event["DESCRIPTION"]).startswith("Esta sesión ")
    assert event["DESCRIPTION"].params["LANGUAGE"] == "es-CL"
