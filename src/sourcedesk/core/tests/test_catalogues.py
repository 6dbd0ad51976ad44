"""Korean catalogues are complete: every user-facing string has a translation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
APPS = sorted(p.parent for p in PACKAGE.glob("*/apps.py"))


def committed_catalogue(app: Path) -> Path:
    return app / "locale" / "ko" / "LC_MESSAGES" / "django.po"


def untranslated(po: polib.POFile) -> list[str]:
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            missing.append(f"{entry.msgid!r} (fuzzy)")
        elif entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                missing.append(repr(entry.msgid))
        elif not entry.msgstr:
            missing.append(repr(entry.msgid))
    return missing


@pytest.mark.parametrize("app", [a for a in APPS if committed_catalogue(a).exists()], ids=lambda a: a.name)
def test_committed_catalogue_is_complete_and_compiled(app):
    """Each app's Korean catalogue translates every entry, and its compiled file is current."""
    po = polib.pofile(str(committed_catalogue(app)))
    assert untranslated(po) == []
    mo_path = committed_catalogue(app).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run make messages"
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "") for e in polib.mofile(str(mo_path))
    }
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        expected = entry.msgstr or entry.msgstr_plural.get(0, "")
        assert compiled.get((entry.msgctxt, entry.msgid)) == expected, (
            f"{app.name}: .mo is stale for {entry.msgid!r}"
        )


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is not installed (CI installs it)")
@pytest.mark.parametrize("app", APPS, ids=lambda a: a.name)
def test_every_string_in_the_code_is_translated(app, tmp_path):
    """Strings marked for translation in code and templates all have a Korean translation."""
    copy = tmp_path / app.name
    shutil.copytree(
        app, copy, ignore=shutil.ignore_patterns("static", "locale", "__pycache__", "data", "tests")
    )
    (copy / "locale").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sourcedesk.settings",
        "SOURCEDESK_DATA_DIR": str(tmp_path / "var"),
    }
    django_admin = Path(sys.executable).parent / "django-admin"
    subprocess.run(  # noqa: S603
        [str(django_admin), "makemessages", "-l", "ko", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh_path = copy / "locale" / "ko" / "LC_MESSAGES" / "django.po"
    if not fresh_path.exists():
        return
    fresh = [e for e in polib.pofile(str(fresh_path)) if e.msgid]
    if not fresh:
        return
    assert committed_catalogue(app).exists(), f"{app.name} has translatable strings but no Korean catalogue"
    committed = polib.pofile(str(committed_catalogue(app)))
    translated = {(e.msgctxt, e.msgid) for e in committed if not untranslated_entry(e)}
    missing = [e.msgid for e in fresh if (e.msgctxt, e.msgid) not in translated]
    assert missing == [], f"{app.name}: untranslated strings"


def untranslated_entry(entry: polib.POEntry) -> bool:
    return bool(untranslated(_single(entry)))


def _single(entry: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    po.append(entry)
    return po
