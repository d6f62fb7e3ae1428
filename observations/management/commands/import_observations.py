"""Import concluding observations: one or more language versions of one document."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from observations.choices import Language
from observations.importer.model import ImportRejected
from observations.services.imports import UploadedText, import_files


class Command(BaseCommand):
    help = (
        "Import concluding observations from Word text exports (.txt), .docx or PDF files. Give the "
        "language versions of ONE document together; they are aligned paragraph by paragraph and "
        "written in one transaction, or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Files of the same document, one per language.")
        parser.add_argument(
            "--lang",
            help="Language of the files when detection should be overridden: one code for one file, "
            "or a comma-separated list in the order of the files (en, fr, es, ru, ar, zh).",
        )
        parser.add_argument("--symbol", help="Document symbol, e.g. CMW/C/KGZ/CO/2, when it is not printed.")
        parser.add_argument(
            "--replace", action="store_true",
            help="Replace an already imported version by this corrected one (shows what changed).",
        )

    def handle(self, *args, files, lang=None, symbol=None, replace=False, **options):
        languages = self._languages(lang, len(files))
        uploads = []
        for name, language in zip(files, languages, strict=True):
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file.")
            if path.stat().st_size > settings.IMPORT_MAX_BYTES:
                raise CommandError(f"{name}: the file is larger than {settings.IMPORT_MAX_BYTES // 1024 // 1024} MB.")
            uploads.append(UploadedText(path.name, path.read_bytes(), language))
        try:
            result = import_files(uploads, symbol=symbol, replace=replace)
        except ImportRejected as exc:
            raise CommandError(f"Nothing was imported. {exc}") from exc
        for line in result.summary_lines():
            self.stdout.write(line)
        if not result.changed:
            self.stdout.write(self.style.SUCCESS("Nothing changed: the files are identical to what is stored."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {result.document.symbol}."))

    @staticmethod
    def _languages(lang: str | None, count: int) -> list[str | None]:
        if not lang:
            return [None] * count
        codes = [c.strip() for c in lang.split(",")]
        if len(codes) != count:
            raise CommandError(f"--lang names {len(codes)} language(s) for {count} file(s).")
        valid = set(Language.values)
        for code in codes:
            if code not in valid:
                raise CommandError(f"--lang: {code!r} is not one of {', '.join(sorted(valid))}.")
        return codes
