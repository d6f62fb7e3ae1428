"""manage.py import_tracker FILE: read a State's exchange file (and the evidence zip
beside it) into this tracker, in one transaction."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from observations.services.exchange import load


class Command(BaseCommand):
    help = "Import a State's tracker from an exchange file written by export_tracker."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The exchange file (JSON); its evidence zip is read from beside it.")

    def handle(self, *args, file, **options):
        try:
            counts = load(file)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Imported {file}: "
                          + ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts.items()))
