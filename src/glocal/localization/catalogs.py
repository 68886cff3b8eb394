"""glocal's own gettext catalogs: extract, merge and compile them with babel.

The catalogs live in ``src/glocal/locale`` (``messages.pot`` and
``<lang>/LC_MESSAGES/messages.po`` with the compiled ``.mo`` committed beside it). After
adding or changing a string in the code, run::

    python -m glocal.localization.catalogs update   # .pot from the code, merge into every .po
    # ... translate the new msgstr entries (they are empty or fuzzy) ...
    python -m glocal.localization.catalogs compile  # .po -> .mo

``check`` exits 1 when a catalog is out of date, untranslated or does not compile.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

SOURCE_DIR = Path(__file__).resolve().parent.parent  # src/glocal
CATALOG_DIR = SOURCE_DIR / "locale"
DOMAIN = "messages"
LANGUAGES = ("ar", "de", "en", "es", "fr", "he", "hi", "ja", "nb", "pt", "zh")
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "_": None, "N_": None}
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # byte-identical catalogs
BUGS = "see docs/localization.md"
HEADER = (
    "# glocal's own strings (calendars, reports, agendas).\n"
    "# Update with: python -m glocal.localization.catalogs update|compile|check\n"
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def N_(message: str) -> str:
    """Mark a string for the catalogs without translating it where it is defined."""
    return message


# Labels for tables and headings (calendars, reports, agendas) beyond the sentences the code
# already uses; they are in the catalogs so every output can use them in every language.
LABELS = (
    N_("Agenda"),
    N_("Program"),
    N_("Module"),
    N_("Session"),
    N_("Activities"),
    N_("Cohort"),
    N_("Participants"),
    N_("Facilitator"),
    N_("Venue"),
    N_("Join online"),
    N_("Date"),
    N_("Time"),
    N_("Local time"),
    N_("Time zone"),
    N_("Duration"),
    N_("Language"),
    N_("Level {level} evaluation"),
)


def po_path(language: str) -> Path:
    """``locale/<language>/LC_MESSAGES/messages.po``."""
    return CATALOG_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every translatable string in ``src/glocal``, sorted, without source locations."""
    template = Catalog(project="glocal", version="1", creation_date=FIXED_DATE, fuzzy=False,
                       msgid_bugs_address=BUGS, header_comment=HEADER)
    found = extract_from_dir(str(SOURCE_DIR), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",))
    for _filename, _lineno, message, comments, context in found:
        template.add(message, None, auto_comments=comments, context=context)
    return template


def dump(catalog: Catalog) -> bytes:
    """A catalog as PO bytes: sorted, no locations, wide lines (stable diffs)."""
    out = io.BytesIO()
    write_po(out, catalog, no_location=True, sort_output=True, width=0, include_previous=True)
    return out.getvalue()


def compile_mo(po_bytes: bytes) -> bytes:
    """The ``.mo`` bytes of a PO file (fuzzy entries left out, as msgfmt does)."""
    out = io.BytesIO()
    write_mo(out, read_po(io.BytesIO(po_bytes)), use_fuzzy=False)
    return out.getvalue()


def update() -> None:
    """Write ``messages.pot`` from the code and merge it into every language's ``.po``."""
    template = extract()
    (CATALOG_DIR / f"{DOMAIN}.pot").parent.mkdir(parents=True, exist_ok=True)
    (CATALOG_DIR / f"{DOMAIN}.pot").write_bytes(dump(template))
    for language in LANGUAGES:
        path = po_path(language)
        if path.is_file():
            catalog = read_po(io.BytesIO(path.read_bytes()), locale=language)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="glocal", version="1", fuzzy=False,
                              msgid_bugs_address=BUGS, header_comment=HEADER, last_translator="glocal team",
                              language_team=f"{language} <see docs/localization.md>")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.creation_date = FIXED_DATE
        catalog.revision_date = FIXED_DATE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(dump(catalog))


def compile_all() -> None:
    """Compile every ``.po`` into the ``.mo`` beside it."""
    for language in LANGUAGES:
        path = po_path(language)
        path.with_suffix(".mo").write_bytes(compile_mo(path.read_bytes()))


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders of a message."""
    return set(_PLACEHOLDER.findall(text))


def problems() -> list[str]:
    """Why the catalogs are not current: stale .pot/.mo, untranslated or broken entries."""
    found: list[str] = []
    pot = CATALOG_DIR / f"{DOMAIN}.pot"
    if not pot.is_file() or pot.read_bytes() != dump(extract()):
        found.append(f"{pot}: out of date with the code; run 'python -m glocal.localization.catalogs update'")
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in extract() if m.id}
    for language in LANGUAGES:
        path = po_path(language)
        if not path.is_file():
            found.append(f"{path}: missing")
            continue
        data = path.read_bytes()
        mo = path.with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != compile_mo(data):
            found.append(f"{mo}: out of date with {path.name}; run 'python -m glocal.localization.catalogs compile'")
        catalog = read_po(io.BytesIO(data))
        have = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
        for msgid in sorted(wanted - set(have)):
            found.append(f"{path}: no entry for {msgid!r}")
        for msgid, message in sorted(have.items()):
            found += _entry_problems(path, msgid, message)
    return found


def _entry_problems(path: Path, msgid: str, message: Message) -> list[str]:
    strings = message.string
    ids = message.id
    texts = list(strings) if isinstance(strings, (list, tuple)) else [strings]
    allowed = set().union(*(placeholders(i) for i in (ids if isinstance(ids, (list, tuple)) else [ids])))
    out = []
    if message.fuzzy or not all(texts):
        out.append(f"{path}: {msgid!r} is untranslated or fuzzy")
    for text in texts:
        extra = placeholders(text or "") - allowed
        if extra:
            out.append(f"{path}: {msgid!r} uses unknown placeholder(s) {sorted(extra)}")
    return out


def main(argv: list[str]) -> int:
    """``update`` | ``compile`` | ``check``."""
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        found = problems()
        print("\n".join(found) or "catalogs are current")
        return 1 if found else 0
    else:
        print("usage: python -m glocal.localization.catalogs update|compile|check")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
