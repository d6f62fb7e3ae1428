"""The production path: bin/production builds the static files with their manifest and
serves them with gunicorn, DEBUG off, against the test PostgreSQL database; /healthz
(database, cache, broker) for the orchestrator, and the compose stack that uses it."""

import os
import queue
import re
import signal
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.db import connection

from tracker.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bin" / "production"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    """The URL of the database this test runs in (pytest-django's test database)."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _production_env(tmp_path, **extra) -> dict:
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY="production-test-secret-key-with-enough-length-0123456789",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(tmp_path / "static"),
        DATA_DIR=str(tmp_path / "data"),
        DATABASE_URL=_database_url(),
        PYTHON=str(ROOT / ".venv" / "bin" / "python"),
        WEB_CONCURRENCY="1",
    )
    env.update(extra)
    return env


def _get(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


@pytest.fixture
def production_server(transactional_db, tmp_path):
    """`bin/production build`, then `bin/production web` on a free loopback port."""
    env = _production_env(tmp_path, HOST="127.0.0.1", PORT=str(_free_port()))
    build = subprocess.run([SCRIPT, "build"], env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "static" / "staticfiles.json").is_file()

    server = subprocess.Popen(
        [SCRIPT, "web"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    lines: queue.Queue = queue.Queue()
    output: list[str] = []

    def read():
        for line in server.stdout:
            output.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        while True:  # gunicorn accepts connections once it says it is listening
            line = lines.get(timeout=120)
            assert line is not None, "gunicorn stopped:\n" + "".join(output)
            if "Listening at:" in line:
                break
        yield f"http://127.0.0.1:{env['PORT']}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def test_the_production_script_serves_pages_and_static_files_with_debug_off(production_server):
    for path in ("/", "/accounts/login/", "/admin/login/"):
        status, body, headers = _get(production_server + path)
        assert status == 200, (path, body[:2000])
        assert "Content-Security-Policy" in headers, path
    status, body, _ = _get(production_server + "/")
    stylesheets = re.findall(rb'href="(/static/[^"]+\.css)"', body)
    # The manifest gives every stylesheet a name with its content hash.
    assert stylesheets and all(re.search(rb"\.[0-9a-f]{12}\.css$", href) for href in stylesheets)
    for href in stylesheets:
        status, css, headers = _get(production_server + href.decode())
        assert status == 200 and css, href
        assert headers["Content-Type"].startswith("text/css")
    status, body, _ = _get(production_server + "/healthz")
    assert status == 200 and b'"database": "ok"' in body


def test_without_secret_key_one_clear_sentence_and_no_traceback(tmp_path):
    env = _production_env(tmp_path)
    del env["SECRET_KEY"]
    for command in ([SCRIPT, "web"], [env["PYTHON"], "manage.py", "check"]):
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert result.stderr.strip().startswith("SECRET_KEY is not set:")
        assert len(result.stderr.strip().splitlines()) == 1


def test_the_script_refuses_an_unknown_command(tmp_path):
    result = subprocess.run([SCRIPT, "serve"], env=_production_env(tmp_path), capture_output=True, text=True)
    assert result.returncode == 2
    assert "Usage: bin/production build | migrate | web | worker | beat" in result.stderr


def test_the_image_builds_and_starts_through_the_script():
    dockerfile = (ROOT / "Dockerfile").read_text()
    run_lines = [line for line in dockerfile.splitlines() if line.startswith("RUN ")]
    assert any("bin/production build" in line for line in run_lines)
    assert "DEBUG=1" not in dockerfile
    assert 'CMD ["bin/production", "web"]' in dockerfile


CLOSED = "redis://:do-not-show-this-password@127.0.0.1:1/0"  # nothing listens on port 1


@pytest.mark.django_db
def test_all_up_answers_200_with_each_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"}}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_the_cache_down_answers_503_without_its_address(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CLOSED}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "down", "broker": "ok"}
    assert b"do-not-show" not in response.content and b"127.0.0.1" not in response.content


@pytest.mark.django_db
def test_the_broker_down_answers_503_without_its_address(client, monkeypatch):
    monkeypatch.setattr(celery_app.conf, "broker_url", CLOSED)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "ok", "cache": "ok", "broker": "down"}}
    assert b"do-not-show" not in response.content


@pytest.mark.django_db
def test_a_probe_inside_the_container_is_neither_refused_nor_redirected(client, settings):
    settings.ALLOWED_HOSTS = ["tracker.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="127.0.0.1:8000").status_code == 200
    # Every other page still keeps to both.
    assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400
    assert client.get("/", HTTP_HOST="tracker.example.org").status_code == 301


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _variables_read_by_settings() -> set[str]:
    text = (ROOT / "tracker" / "settings.py").read_text()
    return set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", text))


APP_SERVICES = {"web": "web", "worker": "worker", "beat": "beat"}


def test_compose_runs_web_worker_and_beat_from_the_image_with_the_database_and_redis():
    services = _compose()["services"]
    assert {"web", "worker", "beat", "db", "redis"} <= set(services)
    for name, command in APP_SERVICES.items():
        assert services[name]["build"] == "."
        assert services[name]["command"] == ["bin/production", command]
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    for name in ("db", "redis", "worker"):
        assert services[name]["healthcheck"]["test"]
    for name in ("worker", "beat"):  # they start once web has applied the migrations
        assert services[name]["depends_on"]["web"]["condition"] == "service_healthy"


def test_every_variable_compose_sets_is_read_by_the_settings():
    read = _variables_read_by_settings()
    assert {"SECRET_KEY", "DATABASE_URL", "SECURE_SSL_REDIRECT"} <= read
    for name in APP_SERVICES:
        environment = _compose()["services"][name]["environment"]
        unread = set(environment) - read
        assert not unread, f"{name} sets variables the settings never read: {sorted(unread)}"
        assert environment["SECURE_SSL_REDIRECT"] == "${SECURE_SSL_REDIRECT:-true}"
        assert environment["TWO_FACTOR_REQUIRED"] == "${TWO_FACTOR_REQUIRED:-true}"


def test_the_hosts_compose_names_are_its_services():
    services = _compose()["services"]
    environment = services["web"]["environment"]
    for variable in ("DATABASE_URL", "REDIS_URL", "EMAIL_URL"):
        host = re.search(r"://(?:[^@/]*@)?([\w.-]+)", environment[variable]).group(1)
        assert host in services, f"{variable} names the host {host!r}, which is not a service"
