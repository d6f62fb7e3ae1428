"""Fixtures shared by the whole suite, named after states of the domain.

The suite runs against real PostgreSQL and Redis (bin/test provides them); it refuses
to run on anything else rather than silently testing less.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests import worlds

SEED_DIR = Path(__file__).resolve().parent.parent / "observations" / "fixtures" / "seeds"
SEED_EN = SEED_DIR / "CMW_C_KGZ_CO_2.en.txt"
SEED_AR = SEED_DIR / "CMW_C_KGZ_CO_2.ar.txt"
SEED_SYMBOL = "CMW/C/KGZ/CO/2"

# Fixtures and helpers shared by the test modules of one feature (not collected: no tests there).
pytest_plugins = [
    "tests.document_pages_support",
    "tests.permissions_grid_cases",
    "tests.two_factor_support",
    "tests.import_page_support",
    "tests.shadow_reports_support",
    "tests.scale_support",
]


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
    # Users are created in most tests; a fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _end_stray_connections(django_db_setup, django_db_blocker):
    """Live-server threads may keep a connection open; end them so that the test
    database can be dropped at the end of the run."""
    yield
    with django_db_blocker.unblock():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(autouse=True)
def _interface_language_reset():
    """A request in another language leaves that language active in the thread; every
    test starts and ends in the default one."""
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def committees(transactional_db):
    """The ten treaty bodies. They come from a data migration, which the flush after a
    live-server (transactional) test empties: such tests ask for this fixture."""
    from observations.committees import sync_committees
    from observations.models import Committee

    sync_committees(Committee)


def import_seed_pair():
    """The seed document CMW/C/KGZ/CO/2 imported in English and Arabic, for real."""
    from observations.services.imports import UploadedText, import_files

    result = import_files(
        [
            UploadedText(SEED_EN.name, SEED_EN.read_bytes()),
            UploadedText(SEED_AR.name, SEED_AR.read_bytes()),
        ]
    )
    return result.document


_WORLDS = worlds.Cache()


def seed_pair_rows():
    """The imported seed pair: imported once per test process, its rows laid down again
    in each test (see tests/worlds.py), or imported for real when another document is
    already there."""
    from observations.models import Document

    return _WORLDS.get("seed pair", import_seed_pair, pristine=lambda: not Document.objects.exists())


@pytest.fixture
def seed_pair(db):
    """The seed document CMW/C/KGZ/CO/2 imported in English and Arabic."""
    return seed_pair_rows()


def pytest_collection_modifyitems(config, items):
    """Browser tests run last, so that the one Chromium of the run (per worker) starts
    when nothing else is left to run (stable sort: the order is otherwise kept)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium driven by Playwright: one per test process, a new
    context (cookies, storage) per test through ``page``."""
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


@pytest.fixture
def document_with_follow_up(db):
    """A small CMW document (paragraphs 1–8) whose follow-up names paragraphs 4 and 6."""
    from tests.factories import make_document

    return make_document()


@pytest.fixture
def coordinating_body(db):
    from observations.choices import OrganizationKind
    from tests.factories import make_organization

    return make_organization("Coordination Council on Human Rights", OrganizationKind.COORDINATING_BODY)


@pytest.fixture
def ministry_a(db):
    from tests.factories import make_organization

    return make_organization("Ministry of Labour, Social Security and Migration")


@pytest.fixture
def ministry_b(db):
    from tests.factories import make_organization

    return make_organization("Ministry of Foreign Affairs")


@pytest.fixture
def ngo(db):
    from observations.choices import OrganizationKind
    from tests.factories import make_organization

    return make_organization("Migrant Rights Coalition", OrganizationKind.NGO)


@pytest.fixture
def other_ngo(db):
    from observations.choices import OrganizationKind
    from tests.factories import make_organization

    return make_organization("Legal Clinic Adilet", OrganizationKind.NGO)


@pytest.fixture
def coordinator(coordinating_body):
    from observations.choices import Role
    from tests.factories import make_user

    return make_user("coordinator", coordinating_body, Role.COORDINATOR)


@pytest.fixture
def focal_point_a(ministry_a):
    from observations.choices import Role
    from tests.factories import make_user

    return make_user("focal_a", ministry_a, Role.FOCAL_POINT)


@pytest.fixture
def focal_point_b(ministry_b):
    from observations.choices import Role
    from tests.factories import make_user

    return make_user("focal_b", ministry_b, Role.FOCAL_POINT)


@pytest.fixture
def ngo_drafter(ngo):
    from observations.choices import Role
    from tests.factories import make_user

    return make_user("ngo_drafter", ngo, Role.NGO_DRAFTER)


@pytest.fixture
def other_ngo_drafter(other_ngo):
    from observations.choices import Role
    from tests.factories import make_user

    return make_user("other_ngo_drafter", other_ngo, Role.NGO_DRAFTER)


@pytest.fixture
def viewer(coordinating_body):
    from observations.choices import Role
    from tests.factories import make_user

    return make_user("viewer", coordinating_body, Role.VIEWER)


@pytest.fixture
def outsider(db):
    """A logged-in user who belongs to no organization."""
    from tests.factories import make_user

    return make_user("outsider")


# --- Tracking workflow -------------------------------------------------------------------


@pytest.fixture
def coordinating_body_other_state(db):
    from observations.choices import OrganizationKind
    from tests.factories import make_organization

    return make_organization("National Human Rights Council of Tajikistan", OrganizationKind.COORDINATING_BODY,
                             state="TJ")


@pytest.fixture
def coordinator_other_state(coordinating_body_other_state):
    """The coordinator of another State's coordinating body."""
    from observations.choices import Role
    from tests.factories import make_user

    return make_user("coordinator_tj", coordinating_body_other_state, Role.COORDINATOR)


@pytest.fixture
def assigned_document(document_with_follow_up, ministry_a, ministry_b, coordinator):
    """``document_with_follow_up`` with 4(a) led by ministry A, 4(b) led by ministry B,
    and 6 led by ministry A with ministry B supporting."""
    from observations.services import tracking as services

    recs = {r.code: r for r in document_with_follow_up.recommendations.all()}
    services.assign(recs["4(a)"], lead=ministry_a, by=coordinator)
    services.assign(recs["4(b)"], lead=ministry_b, by=coordinator)
    services.assign(recs["6"], lead=ministry_a, supporting=[ministry_b], by=coordinator)
    return document_with_follow_up


@pytest.fixture
def evidence_dir(settings, tmp_path):
    """Uploaded evidence goes to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT
