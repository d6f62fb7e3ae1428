"""``manage.py benchmark [--scale S] [--json FILE]``: the scale benchmark (see README, "Scale").

Builds (or reuses) the data set in its own PostgreSQL database, serves it with gunicorn
on loopback and prints one table of every main page against the Django admin
changelist of the same rows. The work is in ``benchmarks/scale/``.
"""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Build the scale data set in its own database, serve it with gunicorn and measure every main page."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0,
                            help="1: 300 documents, 30,000 recommendations, 300,000 updates; 0.01 for a small run.")
        parser.add_argument("--json", metavar="FILE", help="Write the results as JSON to FILE.")
        parser.add_argument("--rebuild", action="store_true", help="Build the data set again even if it exists.")
        parser.add_argument("--rounds", type=int, default=12, help="Sequential requests per page (default 12).")
        parser.add_argument("--clients", type=int, default=4, help="Concurrent clients (default 4).")
        parser.add_argument("--per-client", type=int, default=3, help="Requests per concurrent client and page.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")

    def handle(self, *args, **options):
        from django.db import connection

        if connection.vendor != "postgresql":
            raise CommandError("The benchmark needs PostgreSQL: set DATABASE_URL to a PostgreSQL server.")
        if options["scale"] <= 0:
            raise CommandError("--scale must be positive.")
        from benchmarks.scale import run

        run(options["scale"], json_path=options["json"], rebuild=options["rebuild"], rounds=options["rounds"],
            clients=options["clients"], per_client=options["per_client"], workers=options["workers"],
            log=lambda line: self.stdout.write(line))
