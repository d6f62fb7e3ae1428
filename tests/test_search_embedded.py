"""Search on the embedded default (SQLite, what `bin/serve` runs without a database): each
word of the query is cut to its stem in each language, so an inflected word still finds
the text. Run in a child process with its own SQLite file; the suite itself runs on
PostgreSQL."""

import json
import os
import subprocess
import sys

from django.conf import settings

from observations.selectors.search import substring_terms
from tests.conftest import SEED_AR, SEED_EN

SCRIPT = """
import json, os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
from observations.models import Paragraph, ProgressUpdate
from observations.selectors.search import any_language, narrative_condition
from observations.services.imports import UploadedText, import_files
files = [UploadedText(os.path.basename(p), open(p, "rb").read()) for p in sys.argv[1:]]
import_files(files)
found = {q: sorted(Paragraph.objects.filter(any_language("text", q)).values_list("number", flat=True))
         for q in ("trafficked", "Trafficking", "victims of trafficking", "اتجار", "zzzz")}
print(json.dumps({"vendor": connection.vendor, "found": found,
                  "narrative": str(ProgressUpdate.objects.filter(narrative_condition("shelters")).query)}))
"""


def test_the_query_words_are_cut_to_their_stems():
    assert substring_terms("Trafficked persons", "english") == ["traffick", "person"]
    assert substring_terms("торговлей людьми", "russian") == ["торговл", "людьм"]
    assert substring_terms("人口贩运", None) == ["人口贩运"]  # no word breaks: kept whole
    assert substring_terms("«»", "english") == ["«»"]  # no word at all: kept as typed


def test_sqlite_search_finds_inflected_words_in_the_seed(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DEBUG="1", DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(SEED_EN), str(SEED_AR)], env=env,
                            capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["vendor"] == "sqlite"
    found = out["found"]
    assert found["trafficked"], "an inflected word finds the paragraphs on trafficking"
    assert set(found["trafficked"]) == set(found["Trafficking"])
    assert set(found["victims of trafficking"]) <= set(found["trafficked"])
    assert found["اتجار"]
    assert found["zzzz"] == []
    assert "shelter" in out["narrative"]  # narratives: the stem, in every configuration
