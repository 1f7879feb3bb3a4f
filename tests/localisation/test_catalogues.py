"""The message catalogues under newsdesk/locale: complete, compiled, with the right plural rules.

Read with the standard library (no gettext tools needed): a small reader of .po entries, and
Python's `gettext` for the committed .mo files.
"""

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(__file__).resolve().parents[2] / "newsdesk" / "locale"
TRANSLATED = ["ru", "fr", "ar"]

PLURAL_FORMS = {
    "ru": 4,  # Django's own Russian catalogue has four forms (the fourth for fractions)
    "fr": 2,
    "ar": 6,
}


def po_entries(language: str) -> list[dict]:
    """Each entry of the language's django.po: msgctxt, msgid, msgid_plural, msgstr[...], flags."""
    return read_po((LOCALE / language / "LC_MESSAGES" / "django.po").read_text())


def read_po(text: str) -> list[dict]:
    entries, entry, field = [], {}, None
    for line in [*text.splitlines(), ""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, field = {}, None
        elif line.startswith("#,"):
            entry["flags"] = {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            entry[field] = ast.literal_eval(value)
    return entries


def messages(language: str) -> list[dict]:
    return [entry for entry in po_entries(language) if entry.get("msgid")]


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated_and_none_is_fuzzy(language):
    untranslated = [
        entry["msgid"]
        for entry in messages(language)
        if "fuzzy" in entry.get("flags", ())
        or not all(value for key, value in entry.items() if key.startswith("msgstr"))
    ]
    assert untranslated == []


def test_every_catalogue_holds_the_same_strings():
    keys = {
        language: {(e.get("msgctxt"), e["msgid"]) for e in messages(language)}
        for language in TRANSLATED
    }
    assert keys["ru"] == keys["fr"] == keys["ar"]


@pytest.mark.parametrize("language", TRANSLATED)
def test_plural_forms_match_the_language(language):
    header = next(e for e in po_entries(language) if e.get("msgid") == "")["msgstr"]
    nplurals = int(re.search(r"nplurals=(\d+)", header).group(1))
    assert nplurals == PLURAL_FORMS[language]
    for entry in messages(language):
        if "msgid_plural" in entry:
            assert sum(key.startswith("msgstr[") for key in entry) == nplurals, entry["msgid"]


def test_the_arabic_plural_rule_is_cldrs():
    header = next(e for e in po_entries("ar") if e.get("msgid") == "")["msgstr"]
    assert (
        "plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=11 && n%100<=99 ? 4 : 5;" in header
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_committed_mo_file_is_compiled_from_the_po_file(language):
    """The repository commits compiled catalogues: an edited .po needs `compilemessages`."""
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for entry in messages(language):
        context = f"{entry['msgctxt']}\x04" if "msgctxt" in entry else ""
        if "msgid_plural" in entry:
            for index in range(PLURAL_FORMS[language]):
                key = (context + entry["msgid"], index)
                assert catalogue._catalog.get(key) == entry[f"msgstr[{index}]"], key
        else:
            assert catalogue._catalog.get(context + entry["msgid"]) == entry["msgstr"]


def test_every_shipped_language_is_offered():
    offered = {code for code, _name in settings.LANGUAGES}
    assert offered == {"en", *TRANSLATED}


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")
def test_the_catalogues_hold_every_string_of_the_source(tmp_path):
    """`makemessages` on a copy of the source finds no string the catalogues lack, nor one they
    keep that the source no longer has: new strings cannot reach readers untranslated."""
    copy = tmp_path / "newsdesk"
    shutil.copytree(
        LOCALE.parent, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo")
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "ar",
            "--no-obsolete",
            "--ignore",
            "demo/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.config.settings.test"},
    )
    extracted = copy / "locale" / "ar" / "LC_MESSAGES" / "django.po"
    found = {
        (e.get("msgctxt"), e["msgid"]) for e in read_po(extracted.read_text()) if e.get("msgid")
    }
    committed = {(e.get("msgctxt"), e["msgid"]) for e in messages("ar")}
    assert (found - committed, committed - found) == (set(), set())
