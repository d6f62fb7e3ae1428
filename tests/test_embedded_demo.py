"""The demo as `bin/serve` runs it with nothing configured: SQLite, the seed pair and the
demo accounts. Every page each demo person reaches from their start page (and the links on
those pages) answers 200 — in their own interface language. Run in a child process with its
own SQLite file; the suite itself runs on PostgreSQL, where a query SQLite refuses would
never show."""

import json
import os
import subprocess
import sys

from django.conf import settings

SCRIPT = r"""
import json, os, re, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
django.setup()
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.contrib.auth import get_user_model
call_command("migrate", verbosity=0)
call_command("load_demo", verbosity=0)
SKIP = re.compile(r"logout|/static/|export|\.docx|\.md$|\.ics|/download|/admin/|unsubscribe|/api/")
report = {"vendor": connection.vendor, "pages": {}, "failures": []}
for username in ("coordinator", "labour", "foreign", "ngo", "viewer", "admin"):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    seen, queue = set(), ["/start/", "/tracking/", "/documents/CMW_C_KGZ_CO_2/", "/search/?q=trafficking"]
    for _depth in range(2):
        found = []
        for address in queue:
            if address in seen:
                continue
            seen.add(address)
            response = client.get(address, follow=True)
            if response.status_code != 200:
                report["failures"].append([username, address, response.status_code])
                continue
            body = response.content.decode(errors="replace")
            links = re.findall(r'href="(/[^"#]*)"', body)
            found += [link.replace("&amp;", "&") for link in links if not SKIP.search(link)]
        queue = sorted(set(found))[:80]
    report["pages"][username] = len(seen)
print(json.dumps(report))
"""


def test_every_page_of_the_embedded_demo_answers_for_each_demo_person(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DEBUG="1", DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True,
                            cwd=settings.BASE_DIR, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["vendor"] == "sqlite"
    assert report["failures"] == []
    # Each person really went round the site: the start page and the pages it links to.
    assert all(count >= 20 for count in report["pages"].values()), report["pages"]
