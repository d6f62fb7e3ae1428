"""``/healthz``: whether the tracker can serve, for the orchestrator and the monitoring.

It checks the database, the cache (Redis when REDIS_URL is set) and the Celery broker,
and answers JSON: 200 when all are up, 503 otherwise. The answer names each check and
whether it passed, never an address, a password or an error text.

It is answered by a middleware placed first, so that a probe from inside the container
(``http://127.0.0.1:8000/healthz``) gets an answer whatever ALLOWED_HOSTS says and is not
redirected to HTTPS.
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)

PATH = "/healthz"


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return what was stored")
    finally:
        cache.delete(key)


def _broker() -> None:
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        return  # tasks run in-process: there is no broker to reach
    from tracker.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=3)


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


def health_report() -> tuple[bool, dict]:
    """Run every check; ``(all passed, JSON-ready report)``."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # any failure counts as down; the details go to the log only
            logger.exception("Health check %s failed", name)
            results[name] = "down"
        else:
            results[name] = "ok"
    healthy = all(value == "ok" for value in results.values())
    return healthy, {"status": "ok" if healthy else "unavailable", "checks": results}


def healthz(request):
    healthy, report = health_report()
    response = JsonResponse(report, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers GET/HEAD ``/healthz`` before host validation and the HTTPS redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
