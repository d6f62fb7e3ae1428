"""The interface translations in locale/: complete, placeholder-safe, compiled, and served.

The .po files are read with polib; the compiled .mo files are read with the standard
library's gettext, and the pages through Django's own machinery.
When a new interface string is added: run makemessages, translate it in every language,
run compilemessages and commit both the .po and the .mo files.
"""

import functools
import gettext as gettext_module
import re
from pathlib import Path

import lxml.html
import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
# Every interface language but the source language has a catalogue (zh-hans -> zh_Hans).
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
LOCALES = [translation.to_locale(code) for code in LANGUAGES]


# --- The .po files, read with polib ----------------------------------------------------------


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"


@functools.cache
def catalogue(locale: str) -> polib.POFile:
    """The catalogue of ``locale``; read once per run (the tests only read it)."""
    po = polib.pofile(str(po_path(locale)), wrapwidth=0)
    assert po.metadata, f"{po_path(locale)} has no header"
    return po


def entries_of(po: polib.POFile) -> list[polib.POEntry]:
    """The entries of a catalogue; obsolete (#~) entries are left out."""
    return [entry for entry in po if not entry.obsolete]


def forms_of(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def nplurals(po: polib.POFile) -> int:
    return int(re.search(r"nplurals\s*=\s*(\d+)", po.metadata["Plural-Forms"]).group(1))


# --- Placeholders ------------------------------------------------------------------------------

NAMED = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
POSITIONAL = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")
BRACES = re.compile(r"\{\w*(?:![rsa])?(?::[^{}]*)?\}")
TAGS = re.compile(r"</?[A-Za-z][^>]*>")


def placeholders(text: str, python_format: bool) -> dict:
    plain = text.replace("%%", "")
    named = sorted(set(m.group(0) for m in NAMED.finditer(plain)))
    rest = NAMED.sub("", plain)
    return {
        "named": named,
        "positional": POSITIONAL.findall(rest) if python_format else [],
        "braces": sorted(set(BRACES.findall(text))),
        "tags": sorted(TAGS.findall(text)),
    }


# --- The catalogues ------------------------------------------------------------------------------


def test_every_interface_language_has_a_catalogue():
    assert LANGUAGES, "settings.LANGUAGES lists no language besides English"
    for locale in LOCALES:
        assert po_path(locale).is_file(), f"no {po_path(locale)}: run makemessages -l {locale}"
        assert po_path(locale).with_suffix(".mo").is_file(), f"{locale}: run compilemessages and commit the .mo"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_catalogue_is_complete(locale):
    po = catalogue(locale)
    assert "fuzzy" not in (po.metadata_is_fuzzy or []), f"{locale}: the header is marked fuzzy"
    assert po.metadata.get("Language") == locale
    forms_expected = nplurals(po)
    entries = entries_of(po)
    assert len(entries) > 100
    problems = []
    for entry in entries:
        label = entry.msgid
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {label!r}")
        forms = forms_of(entry)
        if entry.msgid_plural and len(forms) != forms_expected:
            problems.append(f"{len(forms)} plural forms instead of {forms_expected}: {label!r}")
        if any(not form.strip() for form in forms):
            problems.append(f"untranslated: {label!r}")
    assert not problems, f"{locale}:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders_and_markup(locale):
    problems = []
    for entry in entries_of(catalogue(locale)):
        python_format = "python-format" in entry.flags
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        expected = placeholders(sources[-1], python_format)
        for source in sources[:-1]:
            # The singular may spell the number out ("one day"); the plural carries them all.
            assert set(placeholders(source, python_format)["named"]) <= set(expected["named"])
        for index, form in enumerate(forms_of(entry)):
            found = placeholders(form, python_format)
            if found != expected:
                problems.append(f"{entry.msgid!r} [{index}]: expected {expected}, found {found}")
    assert not problems, f"{locale}:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_compiled_catalogue_matches_the_po_file(locale):
    """The committed .mo is the compiled .po (fresh machines may have no msgfmt)."""
    with po_path(locale).with_suffix(".mo").open("rb") as handle:
        compiled = gettext_module.GNUTranslations(handle)._catalog
    stale = []
    for entry in entries_of(catalogue(locale)):
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural:
            ok = all(compiled.get((key, i)) == form for i, form in enumerate(forms_of(entry)))
        else:
            ok = compiled.get(key) == entry.msgstr
        if not ok:
            stale.append(entry.msgid)
    assert not stale, f"{locale}: the .mo is out of date, run compilemessages: {stale[:10]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_django_serves_the_project_translations(code):
    """Django picks the project's catalogue for every string, before its own and the apps'."""
    wrong = []
    with translation.override(code):
        for entry in entries_of(catalogue(translation.to_locale(code))):
            if entry.msgctxt is not None:
                continue
            if entry.msgid_plural:
                served = {translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in range(0, 112)}
                if not served <= set(forms_of(entry)):
                    wrong.append(entry.msgid)
            elif translation.gettext(entry.msgid) != entry.msgstr:
                wrong.append(entry.msgid)
    assert not wrong, f"{code}: {wrong[:10]}"


def test_arabic_and_russian_plurals_follow_the_number():
    singular, plural = "overdue by %(days)d day", "overdue by %(days)d days"
    with translation.override("ar"):
        assert translation.ngettext(singular, plural, 2) % {"days": 2} == "متأخر منذ 2 يومين"
        assert translation.ngettext(singular, plural, 5) % {"days": 5} == "متأخر منذ 5 أيام"
        assert translation.ngettext(singular, plural, 11) % {"days": 11} == "متأخر منذ 11 يومًا"
        assert translation.ngettext(singular, plural, 100) % {"days": 100} == "متأخر منذ 100 يوم"
    with translation.override("ru"):
        assert translation.ngettext(singular, plural, 1) % {"days": 1} == "просрочено на 1 день"
        assert translation.ngettext(singular, plural, 3) % {"days": 3} == "просрочено на 3 дня"
        assert translation.ngettext(singular, plural, 5) % {"days": 5} == "просрочено на 5 дней"
        assert translation.ngettext(singular, plural, 21) % {"days": 21} == "просрочено на 21 день"


# --- The pages -----------------------------------------------------------------------------------


def navigation(response):
    tree = lxml.html.fromstring(response.content.decode())
    nav = tree.xpath("//nav[contains(@class, 'navbar')]")[0]
    return tree, [" ".join(t.split()) for t in nav.xpath(".//a/text() | .//button/text() | .//label/text()") if t.strip()]


def test_the_home_page_speaks_arabic_right_to_left(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    tree, nav = navigation(client.get(reverse("observations:document_list")))
    assert tree.get("lang") == "ar" and tree.get("dir") == "rtl"
    assert "نظام تتبع المتابعة" in nav and "الوثائق" in nav and "تسجيل الدخول" in nav
    assert "لغة الواجهة" in nav
    assert tree.xpath("string(//h1)").strip() == "الملاحظات الختامية"


def test_the_home_page_speaks_russian(client, db):
    response = client.get(reverse("observations:document_list"), HTTP_ACCEPT_LANGUAGE="ru")
    tree, nav = navigation(response)
    assert tree.get("lang") == "ru" and tree.get("dir") == "ltr"
    assert "Мониторинг последующих мер" in nav and "Документы" in nav and "Войти" in nav
    assert tree.xpath("string(//h1)").strip() == "Заключительные замечания"


@pytest.mark.parametrize(("code", "documents"), [("fr", "Documents"), ("es", "Documentos"), ("zh-hans", "文件"),
                                                 ("en", "Documents")])
def test_the_home_page_speaks_the_chosen_interface_language(client, db, code, documents):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    tree, nav = navigation(client.get(reverse("observations:document_list")))
    assert tree.get("lang") == code
    assert documents in nav
