"""manage.py export_tracker --state KG FILE: one State's whole tracker as an exchange file
(FILE, JSON) with its evidence in a zip beside it (FILE's name with .evidence.zip)."""

from django.core.management.base import BaseCommand, CommandError
from django_countries import countries

from observations.exports.tracker import write, zip_path_for


class Command(BaseCommand):
    help = "Export one State's tracker: documents, organizations, assignments, updates, history, grades, evidence."

    def add_arguments(self, parser):
        parser.add_argument("--state", required=True, help="ISO 3166 code of the State, e.g. KG.")
        parser.add_argument("file", help="The JSON file to write; the evidence zip is written beside it.")

    def handle(self, *args, state, file, **options):
        state = state.upper()
        if state not in dict(countries):
            raise CommandError(f"“{state}” is not the code of a State (use ISO 3166 codes such as KG).")
        counts = write(state, file)
        self.stdout.write(f"Wrote {file} and {zip_path_for(file)}: "
                          + ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts.items()))
