"""Shared pieces of the reminder tests: a real SMTP server on loopback that records what
it receives (and can refuse, delay or hold a message), the demo on the seed document,
and polling with a deadline."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import logging
import socket
import threading
import time
from email import policy

import pytest

UTC = dt.UTC
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout=30.0, interval=0.05, message="condition"):
    """Poll ``predicate`` until it is true or the deadline passes (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out waiting for {message}")


class Recorder:
    """An aiosmtpd handler keeping every accepted message; per address it can refuse the
    recipient (permanent), answer 4xx to DATA a number of times, or hold DATA until released."""

    def __init__(self):
        self.messages: list = []
        self.lock = threading.Lock()
        self.refuse: dict = {}
        self.temporary: dict = {}
        self.hold: str | None = None
        self.held = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        to = envelope.rcpt_tos[0]
        if self.temporary.get(to):
            self.temporary[to] -= 1
            return "451 4.3.0 Mailbox busy, try again later"
        if to == self.hold:
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
            return "451 4.3.0 The sender went away"
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted"

    def to(self, address) -> list:
        with self.lock:
            return [m for m in self.messages if address in m["To"]]

    def addresses(self) -> list:
        with self.lock:
            return sorted(m["To"] for m in self.messages)


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free loopback port; Django's SMTP backend points at it."""
    from aiosmtpd.controller import Controller

    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    settings.SITE_URL = "https://tracker.example.org"
    recorder.port = port
    try:
        yield recorder
    finally:
        recorder.release.set()
        controller.stop()


def load_demo(document, when=dt.datetime(2025, 9, 1, 9, 0, tzinfo=UTC)):
    """The demo accounts and the tracking demo, written as of ``when``."""
    import time_machine

    from observations.services import demo
    from observations.services.demo_tracking import load_tracking_demo

    with time_machine.travel(when, tick=False):
        demo.load_accounts()
        load_tracking_demo(document)
    return document


def parts(message) -> tuple[str, str]:
    """The plain text and the HTML of a message."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html
