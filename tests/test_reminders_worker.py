# ruff: noqa: F811  (the smtp fixture is imported from the support module)
"""Reminders through a real Redis broker and real Celery workers: the planning task run
twice by two workers at once, every send queued twice, and a worker killed with SIGKILL
in the middle of a batch and another started: every digest is delivered once."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
import time_machine
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection
from django.utils import timezone

from observations.models import Notification
from observations.models.notifications import NotificationStatus
from observations.services import notifications as reminders
from observations.tasks.notifications import enqueue_sends, plan_reminders
from tests.test_reminders_support import UTC, load_demo, smtp, wait_for  # noqa: F401  (fixture)
from tracker.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parent.parent
DAY = dt.date(2025, 10, 4)
ADDRESSES = sorted(f"{u}@example.org" for u in ("coordinator", "labour", "foreign", "ombudsperson"))

pytestmark = pytest.mark.skipif(
    getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True), reason="needs the Redis broker (bin/test sets REDIS_URL)"
)


def key_prefix() -> str:
    return settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("global_keyprefix", "")


def broker_idle() -> bool:
    """Nothing waiting in the queue and nothing delivered but unacknowledged."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    prefix = key_prefix()
    return client.llen(f"{prefix}celery") == 0 and client.hlen(f"{prefix}unacked") == 0


@pytest.fixture
def broker():
    celery_app.conf.broker_transport_options = dict(settings.CELERY_BROKER_TRANSPORT_OPTIONS)
    celery_app.control.purge()
    yield celery_app
    celery_app.control.purge()


@pytest.fixture
def demo(committees, transactional_db, seed_pair):
    return load_demo(seed_pair)


class SubprocessWorker:
    """``celery worker`` in its own process, against the test database and the test SMTP server."""

    def __init__(self, smtp_port: int, log_dir: Path):
        db = connection.settings_dict
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        self.env = dict(
            os.environ,
            DATABASE_URL=f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            REDIS_URL=settings.REDIS_URL, CELERY_KEY_PREFIX=key_prefix(), EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
            SITE_URL=settings.SITE_URL, DEBUG="1", SECRET_KEY=settings.SECRET_KEY, TEST_DATABASE_NAME="",
        )
        self.log_dir = log_dir
        self.process = None

    def start(self):
        name = f"reminders-{uuid.uuid4().hex[:8]}@%h"
        self.log = self.log_dir / f"{name.split('@')[0]}.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool", "solo", "--concurrency", "1",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", name, "--loglevel", "INFO"],
            cwd=BASE_DIR, env=self.env, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )
        wait_for(lambda: "ready." in self.log.read_text() or self.process.poll() is not None, timeout=60,
                 message="the worker to start")
        assert self.process.poll() is None, self.log.read_text()
        return self

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def subprocess_workers(smtp, tmp_path):
    started = []

    def start():
        worker = SubprocessWorker(smtp.port, tmp_path).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def all_sent() -> bool:
    statuses = list(Notification.objects.filter(day=DAY).values_list("status", flat=True))
    return len(statuses) == 4 and set(statuses) == {NotificationStatus.SENT}


def test_two_workers_and_a_task_run_twice_deliver_each_digest_once(demo, smtp, broker, subprocess_workers):
    subprocess_workers()
    with time_machine.travel(dt.datetime(2025, 10, 4, 6, 0, tzinfo=UTC), tick=True), \
            start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30, loglevel="WARNING"):
        plan_reminders.delay(DAY.isoformat())
        plan_reminders.delay(DAY.isoformat())  # a second beat, or the same task delivered twice
        wait_for(lambda: Notification.objects.filter(day=DAY).count() == 4, message="the digests to be planned")
        enqueue_sends(Notification.objects.values_list("id", flat=True))  # every send queued once more
        wait_for(all_sent, timeout=60, message="every digest to be sent")
        wait_for(broker_idle, timeout=60, message="the queue to drain")
    assert smtp.addresses() == ADDRESSES  # each exactly once
    assert all(n.attempts == 1 for n in Notification.objects.all())


def test_a_worker_killed_mid_batch_and_another_started_deliver_each_digest_once(demo, smtp, broker,
                                                                                subprocess_workers):
    smtp.hold = "foreign@example.org"  # the mail server is slow on the third digest of the batch
    first = subprocess_workers()
    reminders.plan_day(DAY, on_planned=enqueue_sends)
    assert smtp.held.wait(timeout=60), "the worker never reached the third digest"
    first.kill()  # SIGKILL while talking to the mail server
    smtp.release.set()
    smtp.hold = None
    foreign = Notification.objects.get(recipient__username="foreign")
    assert foreign.status == NotificationStatus.SENDING
    assert sorted(smtp.addresses()) == ["coordinator@example.org", "labour@example.org"]

    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30, loglevel="WARNING"):
        # The sweeper, once the sending timeout has passed, puts the stuck digest back.
        later = timezone.now() + reminders.sending_timeout() + dt.timedelta(minutes=1)
        enqueue_sends(reminders.due_for_sending(now=later))
        wait_for(all_sent, timeout=60, message="every digest to be sent after the restart")
        wait_for(lambda: redis.Redis.from_url(settings.REDIS_URL).llen(f"{key_prefix()}celery") == 0,
                 timeout=60, message="the queue to drain")
    assert smtp.addresses() == ADDRESSES
    foreign.refresh_from_db()
    assert foreign.attempts == 2 and foreign.last_error == ""
