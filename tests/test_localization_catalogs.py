"""glocal's own gettext catalogs: current, complete, compiled, and used along the chain."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from glocal.localization import catalogs
from glocal.localization.formatting import translator

LANGUAGES = ["ar", "de", "en", "es", "fr", "he", "hi", "ja", "nb", "pt", "zh"]


def test_catalogs_cover_the_required_languages() -> None:
    assert sorted(catalogs.LANGUAGES) == LANGUAGES
    for language in LANGUAGES:
        assert catalogs.po_path(language).is_file()
        assert catalogs.po_path(language).with_suffix(".mo").is_file()


def test_template_is_up_to_date_with_the_code() -> None:
    pot = catalogs.CATALOG_DIR / "messages.pot"
    assert pot.read_bytes() == catalogs.dump(catalogs.extract()), (
        "messages.pot is stale; run python -m glocal.localization.catalogs update, translate, compile"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_mo_files_are_compiled_from_the_current_po(language: str) -> None:
    po = catalogs.po_path(language)
    assert po.with_suffix(".mo").read_bytes() == catalogs.compile_mo(po.read_bytes()), (
        f"{po.with_suffix('.mo')} is stale; run python -m glocal.localization.catalogs compile"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_known_placeholders(language: str) -> None:
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogs.extract() if m.id}
    catalog = read_po(io.BytesIO(catalogs.po_path(language).read_bytes()))
    have = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    assert wanted <= set(have)
    for msgid, message in have.items():
        forms = list(message.string) if isinstance(message.string, tuple) else [message.string]
        assert all(forms) and not message.fuzzy, (language, msgid)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        allowed = set().union(*(catalogs.placeholders(i) for i in ids))
        for form in forms:
            assert catalogs.placeholders(form) <= allowed, (language, msgid, form)
            if language != "en" and len(forms) == 1:
                # A translation keeps every placeholder of a singular message.
                assert catalogs.placeholders(form) == allowed, (language, msgid, form)


def test_no_catalog_problems() -> None:
    assert catalogs.problems() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_accepts_the_catalogs(language: str, tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext msgfmt is not installed (scripts/setup-test-deps.sh installs it)")
    done = subprocess.run([msgfmt, "--check", "-o", str(tmp_path / "m.mo"), str(catalogs.po_path(language))], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("locale", "session", "facilitator"),
    [
        ("nb_NO", "Økt 2 av 6", "Kursholder"),
        ("de_DE", "Sitzung 2 von 6", "Moderation"),
        ("fr_FR", "Séance 2 sur 6", "Animation"),
        ("es_MX", "Sesión 2 de 6", "Facilitador"),
        ("pt_BR", "Sessão 2 de 6", "Facilitador"),
        ("ja_JP", "セッション2（全6回）", "ファシリテーター"),
        ("zh_Hans_CN", "第2次课（共6次）", "引导师"),
        ("ar_AE", "الجلسة 2 من 6", "الميسّر"),
        ("he_IL", "מפגש 2 מתוך 6", "מנחה"),
        ("hi_IN", "सत्र 2 / 6", "सुविधाकर्ता"),
        ("en_IN", "Session 2 of 6", "Facilitator"),
    ],
)
def test_translator_follows_the_locale_chain(locale: str, session: str, facilitator: str) -> None:
    tr = translator(locale)
    assert tr.gettext("Session {index} of {count}").format(index=2, count=6) == session
    assert tr.gettext("Facilitator") == facilitator


def test_locales_without_a_catalog_fall_back_to_english() -> None:
    # zh_Hant_TW never inherits from zh (Simplified), so it reads English.
    assert translator("zh_Hant_TW").gettext("Venue") == "Venue"
    assert translator("sv_SE").gettext("Join online") == "Join online"


def test_plural_forms_follow_the_language() -> None:
    ar = translator("ar")
    forms = [ar.ngettext("{count} participant", "{count} participants", n).format(count=n) for n in (1, 2, 5, 14, 100)]
    assert forms == ["مشارك واحد", "مشاركان", "5 مشاركين", "14 مشاركًا", "100 مشارك"]
    assert translator("ja").ngettext("{count} participant", "{count} participants", 15).format(count=15) == "15名"
    assert translator("fr").ngettext("{days} day after the last session", "{days} days after the last session", 60).format(days=60) == (
        "60 jours après la dernière séance"
    )
