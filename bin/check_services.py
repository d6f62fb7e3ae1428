"""Make sure PostgreSQL, Redis and Chromium are there before the tests run.

Starts what a development machine of this project can start (as root), and otherwise
stops with a message that says what is missing and how to provide it. Never skips.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from urllib.parse import urlparse


def reachable(url: str, default_port: int) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def wait_for(url: str, port: int, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if reachable(url, port):
            return True
        time.sleep(0.5)
    return False


def try_start(command: str) -> None:
    if os.geteuid() != 0:
        return
    print(f"Trying to start it: {command}", file=sys.stderr)
    subprocess.run(command, shell=True, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    problems = []
    db_url = os.environ["DATABASE_URL"]
    if not db_url.startswith(("postgres://", "postgresql://")):
        problems.append(f"DATABASE_URL must point to PostgreSQL for the tests (got {db_url!r}).")
    elif not reachable(db_url, 5432):
        print(f"PostgreSQL is not reachable at {db_url}.", file=sys.stderr)
        if shutil.which("pg_ctlcluster") and os.path.isdir("/etc/postgresql"):
            version = sorted(os.listdir("/etc/postgresql"))[-1]
            try_start(f"pg_ctlcluster --skip-systemctl-redirect {version} main start")
        if not wait_for(db_url, 5432):
            problems.append(
                f"PostgreSQL is not running at {db_url}. Start it (e.g. `pg_ctlcluster <version> main start`, "
                "or `docker compose up -d db`) or set DATABASE_URL."
            )
    redis_url = os.environ["REDIS_URL"]
    if not reachable(redis_url, 6379):
        print(f"Redis is not reachable at {redis_url}.", file=sys.stderr)
        if shutil.which("redis-server"):
            try_start('redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no')
        if not wait_for(redis_url, 6379):
            problems.append(
                f"Redis is not running at {redis_url}. Start it (`redis-server --daemonize yes`, or "
                "`docker compose up -d redis`) or set REDIS_URL."
            )
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not shutil.which(chromium):
        if os.geteuid() == 0 and shutil.which("apt-get"):
            print("Chromium is missing; installing Debian's chromium package ...", file=sys.stderr)
            subprocess.run("apt-get update -qq && apt-get install -y -qq chromium", shell=True, check=False,
                           stdout=subprocess.DEVNULL)
        if not shutil.which(chromium):
            problems.append(
                f"Chromium is not installed at {chromium}: the browser tests need it "
                "(`apt-get install chromium`, or set CHROMIUM to its path)."
            )
    if problems:
        print("Cannot run the tests:\n- " + "\n- ".join(problems), file=sys.stderr)
        return 2
    drop_stale_test_databases(db_url)
    return 0


def drop_stale_test_databases(db_url: str) -> None:
    """Drop test databases left behind by runs that were killed (their process is gone).
    A run's database is test_tracker_<pid>, one per parallel worker test_tracker_<pid>_gw<n>."""
    import psycopg

    with psycopg.connect(db_url, autocommit=True, connect_timeout=5) as conn:
        names = [row[0] for row in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'test_tracker_%'")]
        for name in names:
            pid = name.removeprefix("test_tracker_").split("_", 1)[0]
            if pid.isdigit() and not os.path.exists(f"/proc/{pid}"):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
