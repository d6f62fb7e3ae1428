"""gunicorn on a free loopback port, serving the benchmark database with DEBUG off."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_environment(database_url: str, data_dir: Path) -> dict:
    """The production-like settings: DEBUG off, plain HTTP on loopback (LOCAL_DEMO), the
    measuring process's SECRET_KEY (the sessions it wrote must be valid), persistent
    database connections, a cache key prefix of the benchmark's own."""
    from django.conf import settings

    env = dict(os.environ)
    env.pop("DEBUG", None)
    env.update({
        "DEBUG": "0",
        "LOCAL_DEMO": "1",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "60",
        "STATIC_ROOT": str(data_dir / "static"),
        "DATA_DIR": str(data_dir),
        "CACHE_KEY_PREFIX": f"benchmark-{database_url.rsplit('/', 1)[-1]}",
        "LOG_LEVEL": "WARNING",
        "TWO_FACTOR_REQUIRED": "false",
        "API_RATE_USER": "100000/minute",
        "API_RATE_ANONYMOUS": "100000/minute",
    })
    return env


class Gunicorn:
    def __init__(self, database_url: str, data_dir: Path, workers: int = 2):
        self.database_url = database_url
        self.data_dir = Path(data_dir)
        self.workers = workers
        self.port = free_port()
        self.process = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = server_environment(self.database_url, self.data_dir)
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
                       cwd=ROOT, env=env, check=True)
        self.log = open(self.data_dir / "gunicorn.log", "w")  # noqa: SIM115 — closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tracker.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--timeout", "300", "--error-logfile", "-"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.data_dir / 'gunicorn.log'}")
            try:
                with urllib.request.urlopen(self.base + "/", timeout=30):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer in time")

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        except OSError:
            return []
        return [int(pid) for pid in children]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if getattr(self, "log", None):
            self.log.close()
