"""Print what the tracker extracted from a document."""

import json

from django.core.management.base import BaseCommand, CommandError

from observations.exports.documents import document_facts
from observations.models import Document


class Command(BaseCommand):
    help = "Print the facts extracted from a document (symbol, structure, deadlines, citations) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("symbol", help="Document symbol, e.g. CMW/C/KGZ/CO/2")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, symbol, **options):
        document = Document.objects.filter(symbol=symbol.strip()).first()
        if document is None:
            known = ", ".join(Document.objects.values_list("symbol", flat=True)[:10]) or "none"
            raise CommandError(f"No document {symbol!r} in the tracker (known: {known}).")
        self.stdout.write(json.dumps(document_facts(document), ensure_ascii=False, indent=1))
