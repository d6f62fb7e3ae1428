"""What the tests of the site's import page share: its addresses, the upload form as a browser
posts it, the seed pair's files and a corrected English version, the tables an import writes,
and a staff member who may import and a signed-in coordinator."""

from __future__ import annotations

import lxml.html
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from observations.models import (
    PendingImport,
    PendingImportFile,
)
from tests.conftest import SEED_AR, SEED_EN
from tests.factories import make_user
from tests.helpers import snapshot

UPLOAD = reverse("observations:import_upload")
PENDING_TABLES = {PendingImport._meta.db_table, PendingImportFile._meta.db_table}


def html(response):
    return lxml.html.fromstring(response.content.decode())


def text_of(tree, element_id) -> str:
    return " ".join(tree.get_element_by_id(element_id).text_content().split())


def preview_url(pending, action=""):
    return reverse(f"observations:import_{action or 'preview'}", args=[pending.pk])


def form_data(*files, symbol="", languages=()) -> dict:
    """The upload form as a browser posts it: six rows of file and language, and the symbol."""
    data = {"files-TOTAL_FORMS": "6", "files-INITIAL_FORMS": "0", "files-MIN_NUM_FORMS": "0",
            "files-MAX_NUM_FORMS": "6", "symbol": symbol}
    for i, (name, content) in enumerate(files):
        data[f"files-{i}-file"] = SimpleUploadedFile(name, content)
        data[f"files-{i}-language"] = languages[i] if i < len(languages) else ""
    return data


SEED_FILES = ((SEED_EN.name, SEED_EN.read_bytes()), (SEED_AR.name, SEED_AR.read_bytes()))


def upload(client, *files, **kwargs):
    return client.post(UPLOAD, form_data(*(files or SEED_FILES), **kwargs))


def uploaded(client, *files, **kwargs) -> PendingImport:
    response = upload(client, *files, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    pending = PendingImport.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    assert response["Location"] == preview_url(pending)
    return pending


def document_tables():
    """Every table of the app except the uploads waiting: the documents and all they hold."""
    rows, _files = snapshot()
    return {table: value for table, value in rows.items() if table not in PENDING_TABLES}


def corrected_english() -> bytes:
    text = SEED_EN.read_text(encoding="utf-8")
    assert text.count("take the steps necessary to ensure that its national laws") == 1
    return text.replace("take the steps necessary to ensure that its national laws",
                        "take all the steps necessary to ensure that its national laws").encode()


@pytest.fixture
def staff_importer(db):
    user = make_user("importer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_document", content_type__app_label="observations"))
    return user


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client
