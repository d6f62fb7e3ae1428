"""Fixtures shared by the whole suite, named after states of the domain.

The suite runs against real PostgreSQL and Redis (bin/test provides them); it refuses
to run on anything else rather than silently testing less.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

SEED_DIR = Path(settings.BASE_DIR) / "observations" / "fixtures" / "seeds"
SEED_EN = SEED_DIR / "CMW_C_KGZ_CO_2.en.txt"
SEED_AR = SEED_DIR / "CMW_C_KGZ_CO_2.ar.txt"
SEED_SYMBOL = "CMW/C/KGZ/CO/2"


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        pytest.exit(
            f"The tests need PostgreSQL (DATABASE_URL), but the database engine is {engine}. "
            "Run them with bin/test.",
            returncode=2,
        )
    if not getattr(settings, "REDIS_URL", ""):
        pytest.exit("The tests need Redis: set REDIS_URL (bin/test does).", returncode=2)


@pytest.fixture
def seed_pair(db):
    """The seed document CMW/C/KGZ/CO/2 imported in English and Arabic."""
    from observations.importer.save import UploadedText, import_files

    result = import_files(
        [
            UploadedText(SEED_EN.name, SEED_EN.read_bytes()),
            UploadedText(SEED_AR.name, SEED_AR.read_bytes()),
        ]
    )
    return result.document


@pytest.fixture
def browser():
    """A real headless Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by
    # the test itself are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
