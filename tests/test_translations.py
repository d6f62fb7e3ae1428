"""The interface translations in locale/: complete, placeholder-safe, compiled, and served.

The .po files are read with a small parser of their own (no polib); the compiled .mo files
are read with the standard library's gettext, and the pages through Django's own machinery.
When a new interface string is added: run makemessages, translate it in every language,
run compilemessages and commit both the .po and the .mo files.
"""

import gettext as gettext_module
import re
from pathlib import Path

import lxml.html
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
# Every interface language but the source language has a catalogue (zh-hans -> zh_Hans).
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
LOCALES = [translation.to_locale(code) for code in LANGUAGES]


# --- A minimal .po reader --------------------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: _ESCAPES[m.group(1)], text[1:-1])


def read_po(path: Path) -> tuple[dict, list[dict]]:
    """(header fields, entries) of a .po file; obsolete (#~) entries are left out."""
    entries, entry, key = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.rstrip()
        if not line:
            finish()
            entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgstr": {}, "line": None}
        if line.startswith("#~"):
            entry["obsolete"] = True
            continue
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
        if match:
            name, index, value = match.groups()
            if name == "msgstr":
                key = ("msgstr", int(index) if index is not None else None)
                entry["msgstr"][key[1]] = _unquote(value)
            else:
                key = (name, None)
                entry[name] = _unquote(value)
                entry["line"] = entry["line"] or line
            continue
        assert line.startswith('"'), f"{path}: cannot read {line!r}"
        if key[0] == "msgstr":
            entry["msgstr"][key[1]] += _unquote(line)
        else:
            entry[key[0]] += _unquote(line)
    finish()
    entries = [e for e in entries if not e.get("obsolete")]
    header = next((e for e in entries if e["msgid"] == "" and "msgctxt" not in e), None)
    assert header is not None, f"{path} has no header"
    fields = dict(
        line.split(": ", 1) for line in header["msgstr"][None].splitlines() if ": " in line
    )
    fields["_flags"] = header["flags"]
    return fields, [e for e in entries if e is not header]


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"


def forms_of(entry) -> list[str]:
    if "msgid_plural" in entry:
        return [entry["msgstr"][i] for i in sorted(entry["msgstr"])]
    return [entry["msgstr"][None]]


def nplurals(header) -> int:
    return int(re.search(r"nplurals\s*=\s*(\d+)", header["Plural-Forms"]).group(1))


def catalogue(locale: str):
    return read_po(po_path(locale))


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
    header, entries = catalogue(locale)
    assert "fuzzy" not in header["_flags"], f"{locale}: the header is marked fuzzy"
    assert header.get("Language") == locale
    forms_expected = nplurals(header)
    assert len(entries) > 100
    problems = []
    for entry in entries:
        label = entry["msgid"]
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {label!r}")
        forms = forms_of(entry)
        if "msgid_plural" in entry and len(forms) != forms_expected:
            problems.append(f"{len(forms)} plural forms instead of {forms_expected}: {label!r}")
        if any(not form.strip() for form in forms):
            problems.append(f"untranslated: {label!r}")
    assert not problems, f"{locale}:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders_and_markup(locale):
    _header, entries = catalogue(locale)
    problems = []
    for entry in entries:
        python_format = "python-format" in entry["flags"]
        sources = [entry["msgid"]] + ([entry["msgid_plural"]] if "msgid_plural" in entry else [])
        expected = placeholders(sources[-1], python_format)
        for source in sources[:-1]:
            # The singular may spell the number out ("one day"); the plural carries them all.
            assert set(placeholders(source, python_format)["named"]) <= set(expected["named"])
        for index, form in enumerate(forms_of(entry)):
            found = placeholders(form, python_format)
            if found != expected:
                problems.append(f"{entry['msgid']!r} [{index}]: expected {expected}, found {found}")
    assert not problems, f"{locale}:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_compiled_catalogue_matches_the_po_file(locale):
    """The committed .mo is the compiled .po (fresh machines may have no msgfmt)."""
    _header, entries = catalogue(locale)
    with po_path(locale).with_suffix(".mo").open("rb") as handle:
        compiled = gettext_module.GNUTranslations(handle)._catalog
    stale = []
    for entry in entries:
        key = entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
        if "msgid_plural" in entry:
            ok = all(compiled.get((key, i)) == form for i, form in enumerate(forms_of(entry)))
        else:
            ok = compiled.get(key) == entry["msgstr"][None]
        if not ok:
            stale.append(entry["msgid"])
    assert not stale, f"{locale}: the .mo is out of date, run compilemessages: {stale[:10]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_django_serves_the_project_translations(code):
    """Django picks the project's catalogue for every string, before its own and the apps'."""
    _header, entries = catalogue(translation.to_locale(code))
    wrong = []
    with translation.override(code):
        for entry in entries:
            if "msgctxt" in entry:
                continue
            if "msgid_plural" in entry:
                served = {translation.ngettext(entry["msgid"], entry["msgid_plural"], n) for n in range(0, 112)}
                if not served <= set(forms_of(entry)):
                    wrong.append(entry["msgid"])
            elif translation.gettext(entry["msgid"]) != entry["msgstr"][None]:
                wrong.append(entry["msgid"])
    assert not wrong, f"{code}: {wrong[:10]}"


def test_arabic_and_russian_plurals_follow_the_number():
    singular, plural = "%(days)d day overdue", "%(days)d days overdue"
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
