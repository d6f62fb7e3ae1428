"""Load the seed document and demo accounts (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from observations.importer.model import ImportRejected
from observations.services import demo


class Command(BaseCommand):
    help = "Import the seed document (CMW/C/KGZ/CO/2, English and Arabic) and create one demo account per role."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are never created with DEBUG off (production mode).")
        try:
            document = demo.load_seed_document(self.stdout)
        except ImportRejected as exc:
            raise CommandError(f"The seed document could not be imported: {exc}") from exc
        accounts = demo.load_accounts()
        for line in demo.load_workflow(document):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {demo.DEMO_PASSWORD}):"))
        for account in accounts:
            role = account.role.label if account.role else "superuser"
            where = f", {account.organization}" if account.organization else ""
            self.stdout.write(f"  {account.username:<14} {role}{where}")
