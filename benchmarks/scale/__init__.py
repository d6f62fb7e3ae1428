"""The scale benchmark: ``python manage.py benchmark [--scale S] [--json FILE]``.

``build`` makes the data set, ``database`` its own PostgreSQL database, ``server`` the
gunicorn that serves it, ``measure`` the measurements, ``report`` the table and JSON;
``run`` below puts them together.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import resource
import time
from pathlib import Path

from . import build, database, measure, report
from .server import ROOT, Gunicorn


def prepare(scale: float, *, rebuild: bool = False, log=print) -> dict:
    """Point the default connection at the benchmark database of ``scale``, built (or
    reused) and migrated; returns its build information."""
    from django.core.management import call_command

    name = database.database_name(scale)
    meta = database.read_meta(name) if database.exists(name) and not rebuild else None
    if database.reusable(meta, scale):
        database.use(name)
        log(f"reusing {name} (built in {meta.get('build_seconds')} s); applying new migrations")
        call_command("migrate", verbosity=0)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return {**meta, "database": name, "reused": True}
    log(f"building {name} at scale {scale}")
    database.create(name)
    database.use(name)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    info = build.populate(scale, log=log)
    info["build_seconds"] = round(time.perf_counter() - started, 1)  # migrations included
    database.write_meta(info)
    log(f"built in {info['build_seconds']} s")
    return {**info, "database": name, "reused": False}


def isolate_cache(prefix: str) -> None:
    """This process's cache keys apart from the development database's."""
    from django.core.cache import caches

    caches["default"].key_prefix = prefix


def measure_all(base: str, *, rounds: int, clients: int, per_client: int, log=print, worker_pids=None,
                warm: bool = True, seed_runs: int = 3, admin_sql: bool = True) -> dict:
    """Every measurement against the server at ``base`` (which serves the default database).
    ``warm=False`` (a quick check) leaves out the uncounted first requests, ``admin_sql=False``
    the admin changelists' SQL profile."""
    subjects = measure.subjects()
    pages = measure.page_specs(subjects)
    cookies = measure.sessions(subjects["users"])
    log(f"{len(pages)} pages; SQL per page in-process")
    measure.sql_profile(pages, subjects["users"], warm=warm, admin=admin_sql)
    log(f"sequential: {rounds} rounds, page and admin changelist interleaved")
    measure.sequential(base, pages, cookies, rounds, warm=warm, log=log)
    log(f"concurrent: {clients} clients × {per_client} requests per page")
    overall = measure.concurrent(base, pages, cookies, clients, per_client, log=log)
    workers = measure.peak_rss_mb(worker_pids() if worker_pids else [])
    log("seed import and reminder planning")
    seeds = measure.seed_import(seed_runs)
    reminders = measure.reminder_planning()
    return {
        "subjects": {"document": subjects["document"].symbol, "paragraph": subjects["paragraph"].number,
                     "long_history_recommendation": subjects["long_recommendation"].pk,
                     "users": {k: (u.username if u else None) for k, u in subjects["users"].items()}},
        "pages": report.page_rows(pages),
        "concurrent": overall,
        "seed_import_seconds": seeds,
        "reminder_planning": reminders,
        "peak_memory_mb": {"workers": max(workers.values()) if workers else None, "per_worker": workers,
                           "measuring": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)},
    }


def machine() -> dict:
    import os

    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return info


def run(scale: float = 1.0, *, json_path: str | None = None, rebuild: bool = False, rounds: int = 12,
        clients: int = 4, per_client: int = 3, workers: int = 2, log=print) -> dict:
    import logging

    from django.db import connection

    logging.getLogger("axes").setLevel(logging.WARNING)  # the sessions written for each role
    logging.getLogger("axes.watch_login").setLevel(logging.WARNING)
    started = dt.datetime.now(dt.UTC)
    info = {"machine": machine(), "started": started.isoformat(timespec="seconds")}
    built = prepare(scale, rebuild=rebuild, log=log)
    isolate_cache(f"benchmark-{built['database']}-measuring")
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        info["postgresql"] = cursor.fetchone()[0].split(" on ")[0]
    server = Gunicorn(database.url_for(built["database"]), ROOT / "data" / "benchmark" / built["database"],
                      workers=workers)
    log(f"gunicorn, {workers} workers, on {server.base}")
    server.start()
    try:
        result = measure_all(server.base, rounds=rounds, clients=clients, per_client=per_client, log=log,
                             worker_pids=server.worker_pids)
    finally:
        server.stop()
    result = {"scale": scale, **info, "database": built["database"], "counts": build.table_counts(),
              "build": {k: built.get(k) for k in ("build_seconds", "seed_import_seconds", "reused", "build_version")},
              "server": {"gunicorn_workers": workers, "debug": False}, **result,
              "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in __import__("os").getloadavg()]
    for line in report.table_lines(result["pages"]) + [""] + report.summary_lines(result):
        log(line)
    if json_path:
        Path(json_path).parent.mkdir(parents=True, exist_ok=True)
        Path(json_path).write_text(json.dumps(result, indent=2, default=str) + "\n")
        log(f"written to {json_path}")
    return result
