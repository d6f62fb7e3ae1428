"""The importer is a leaf: plain Python that loads nothing of Django, and the one table of
committee facts it shares with the site."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from observations.importer import parse
from observations.importer.committees import BY_CODE, BY_SYMBOL_PREFIX, TREATY_BODIES
from observations.importer.meta import committee_from_name
from tests.importer.conftest import ROOT, SEEDS

UN_LANGUAGES = {"en", "fr", "es", "ru", "ar", "zh"}


def test_the_importer_loads_without_django_settings_and_imports_nothing_of_django():
    script = (
        "import json, pathlib, sys\n"
        "import observations.importer as importer\n"
        "from observations.importer import checks, committees, vocab\n"
        f"data = pathlib.Path({str(SEEDS / 'CMW_C_KGZ_CO_2.en.txt')!r}).read_bytes()\n"
        "doc = importer.parse(data, filename='seed.en.txt')\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(json.dumps({'symbol': doc.symbol, 'django': loaded}))\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result == {"symbol": "CMW/C/KGZ/CO/2", "django": []}


def test_every_treaty_body_has_its_official_name_in_the_six_languages():
    assert len(TREATY_BODIES) == 10 and len(BY_CODE) == 10
    for committee in TREATY_BODIES:
        assert set(committee.names) == UN_LANGUAGES, committee.code
        assert all(name.strip() for name in committee.names.values()), committee.code
        assert committee.name == committee.names["en"]
        assert committee.name_in("fr-ca") == committee.names["fr"]
        assert committee.name_in("de") == committee.names["en"]


@pytest.mark.parametrize("committee", TREATY_BODIES, ids=lambda c: c.code)
@pytest.mark.parametrize("language", sorted(UN_LANGUAGES))
def test_the_parser_recognises_each_committee_by_the_name_in_the_table(committee, language):
    heading = f"{committee.names[language]}\nConcluding observations"
    assert committee_from_name(heading) == committee.code


def test_each_symbol_prefix_names_one_committee():
    assert BY_SYMBOL_PREFIX["E/C.12"] == "CESCR" and BY_SYMBOL_PREFIX["CAT/OP"] == "SPT"
    assert {code for code in BY_SYMBOL_PREFIX.values()} == set(BY_CODE)
    assert all(BY_SYMBOL_PREFIX[c.symbol_prefix] == c.code for c in TREATY_BODIES)


def test_a_symbol_with_the_table_prefix_gives_the_committee_when_the_heading_does_not():
    text = (SEEDS / "CMW_C_KGZ_CO_2.en.txt").read_text(encoding="utf-8")
    text = text.replace("Committee on the Protection of the Rights of All\nMigrant Workers and Members of Their "
                        "Families", "The Committee")
    assert committee_from_name(text.split("Concluding observations")[0]) is None
    doc = parse(text.encode(), filename="seed.en.txt")
    assert (doc.committee, doc.symbol) == ("CMW", "CMW/C/KGZ/CO/2")


@pytest.mark.django_db
def test_the_site_reads_the_committees_from_the_same_table():
    from observations.models import Committee

    stored = {c.code: c for c in Committee.objects.all()}
    assert set(stored) == set(BY_CODE)
    for code, info in BY_CODE.items():
        row = stored[code]
        assert (row.name, row.treaty, row.symbol_prefix, row.follow_up_months) == (
            info.name, info.treaty, info.symbol_prefix, info.follow_up_months)
        assert row.name_in("ar") == info.names["ar"]


def test_the_pdf_reader_imports_nothing_of_django(tmp_path):
    from tests.importer.conftest import seed_pdf

    path = tmp_path / "seed.en.pdf"
    path.write_bytes(seed_pdf("en"))
    script = (
        "import json, pathlib, sys\n"
        "import observations.importer as importer\n"
        f"doc = importer.parse(pathlib.Path({str(path)!r}).read_bytes(), filename='seed.en.pdf')\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(json.dumps({'symbol': doc.symbol, 'pdfminer': 'pdfminer' in sys.modules, 'django': loaded}))\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"symbol": "CMW/C/KGZ/CO/2", "pdfminer": True, "django": []}
