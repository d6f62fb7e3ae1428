"""Plan the day's deadline reminders and send them now, without a broker.

    python manage.py send_reminders [--date YYYY-MM-DD] [--dry-run]

On the embedded default (no REDIS_URL) this is what a daily cron job runs. It also sends
what earlier runs left to retry. ``--dry-run`` prints who would get what and writes and
sends nothing.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from observations.services import notifications as reminders


class Command(BaseCommand):
    help = "Plan the day's deadline reminders and send them to the configured e-mail backend."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to plan, YYYY-MM-DD (default: today).")
        parser.add_argument("--dry-run", action="store_true", help="Print who would get what; write and send nothing.")

    def handle(self, *args, date=None, dry_run=False, **options):
        try:
            day = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date must be a date written YYYY-MM-DD, not {date!r}.") from error
        plan = reminders.plan_day(day, dry_run=dry_run)
        if dry_run:
            for digest in plan.digests:
                person = digest.person
                self.stdout.write(f"{person.name} <{person.email or 'no address'}> [{person.language}]: "
                                  f"{len(digest.groups)} deadline(s) — {digest.summary}")
            self.stdout.write(f"{day}: {len(plan.digests)} digest(s) would be sent (dry run: nothing written).")
            return
        ids = sorted(set(plan.notification_ids) | set(reminders.due_for_sending()))
        counts: dict = {}
        for notification_id in ids:
            outcome = reminders.send(notification_id)
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            if outcome.error:
                self.stderr.write(f"Digest {notification_id}: {outcome.status}: {outcome.error}")
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing to send"
        self.stdout.write(f"{day}: {plan.created} digest(s) planned; {summary}.")
