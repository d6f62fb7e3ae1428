"""How fast the importer reads documents and writes them: prints figures, asserts nothing.

    DEBUG=1 .venv/bin/python benchmarks/importer.py [--repeat 20] [--pdf-only]

Parses every sample document (the seed pair and the test documents) several times and
prints the median time per file, then imports the seed pair into the configured database
several times, each time as a new document inside a transaction that is rolled back,
printing the median time and the number of queries, with parsing and without it (the
files parsed beforehand: the time of writing alone). The database must be migrated.
PDFs typeset like UN documents are parsed too, among them one of 30 pages (``--pdf-only``:
those figures alone, without a database).
"""

import argparse
import copy
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pdf-only", action="store_true", help="only the PDF figures (no database needed)")
    args = parser.parse_args()
    if args.pdf_only:
        from observations.importer import parse

        _pdf_figures(args.repeat, parse)
        return

    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from observations.importer import parse
    from observations.services import imports
    from observations.services.imports import UploadedText, import_files

    seeds = sorted((ROOT / "observations" / "fixtures" / "seeds").glob("*.txt"))
    samples = seeds + sorted((ROOT / "tests" / "importer" / "docs").glob("*.txt"))
    print(f"{'file':<34} {'KiB':>6} {'paras':>6} {'median ms':>10} {'paras/s':>9}")
    for path in samples:
        data = path.read_bytes()
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            doc = parse(data, filename=path.name)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(
            f"{path.name:<34} {len(data) / 1024:6.1f} {len(doc.paragraphs):6d} {median * 1000:10.1f} "
            f"{len(doc.paragraphs) / median:9.0f}"
        )

    _pdf_figures(args.repeat, parse)

    uploads = [UploadedText(p.name, p.read_bytes()) for p in seeds]
    parsed = {u.name: parse(u.data, filename=u.name) for u in uploads}

    def parse_again(data, *, filename="", language=None, symbol=None):
        doc = copy.deepcopy(parsed[filename])
        doc.symbol = symbol or doc.symbol
        return doc

    print(f"\nimport of the seed pair into {connection.vendor}, {args.repeat} times as a new document, rolled back:")
    for label, patch in (("parse and write", None), ("write only (parsed beforehand)", parse_again)):
        times, counts = [], []
        for _ in range(args.repeat):
            with transaction.atomic(), mock.patch.object(imports, "parse", patch or imports.parse):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    import_files(uploads, symbol="CMW/C/KGZ/CO/99")  # a new document, whatever is stored
                    times.append(time.perf_counter() - start)
                counts.append(len(queries))
                transaction.set_rollback(True)
        print(
            f"  {label:<32} median {statistics.median(times) * 1000:7.1f} ms, {statistics.median(counts):.0f} queries"
        )


def _pdf_figures(repeat: int, parse) -> None:
    """PDFs typeset like UN documents (tests/importer/pdfbuild.py), parsed whole: the seed pair
    (11 pages each), one document of each other language, and the English seed made 30 pages long
    (the middle half of its paragraphs repeated and everything renumbered), the last also read to
    text alone (pdfminer and the layout, without the parser). Wall and processor time: on a shared
    machine the processor time varies less."""
    import io

    from pdfminer.pdfpage import PDFPage

    from observations.importer.pdf import pdf_to_text
    from tests.importer.pdfbuild import build_pdf, repeat_to_pages

    seeds = ROOT / "observations" / "fixtures" / "seeds"
    docs = ROOT / "tests" / "importer" / "docs"
    english = (seeds / "CMW_C_KGZ_CO_2.en.txt").read_text(encoding="utf-8")
    symbol = "CMW/C/KGZ/CO/2"
    long_pdf = build_pdf(repeat_to_pages(english, 30, symbol=symbol), symbol=symbol)
    cases = [
        ("seed en", build_pdf(english, symbol=symbol), parse),
        ("seed ar", build_pdf((seeds / "CMW_C_KGZ_CO_2.ar.txt").read_text(encoding="utf-8"), symbol=symbol), parse),
    ]
    for name, language, doc_symbol in (
        ("CCPR_C_SEN_CO_6.fr.txt", "fr", "CCPR/C/SEN/CO/6"),
        ("CCPR_C_PRY_CO_5.es.txt", "es", "CCPR/C/PRY/CO/5"),
        ("CAT_C_KAZ_CO_4.ru.txt", "ru", "CAT/C/KAZ/CO/4"),
        ("CEDAW_C_MNG_CO_10.zh.txt", "zh", "CEDAW/C/MNG/CO/10"),
    ):
        text = (docs / name).read_text(encoding="utf-8")
        cases.append((name.removesuffix(".txt"), build_pdf(text, symbol=doc_symbol, language=language), parse))
    cases += [("seed en made 30 pages long", long_pdf, parse), ("the same, read to text only", long_pdf, None)]

    runs = max(5, repeat // 4)
    print(
        f"\n{'PDF, parsed whole (median of ' + str(runs) + ' runs)':<44} {'pages':>6} {'KiB':>6} {'median ms':>10}"
        f" {'cpu ms':>8}"
    )
    for label, data, work in cases:
        pages = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))
        times, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            if work is None:
                pdf_to_text(data)
            else:
                work(data, filename="observations.pdf")
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        print(
            f"{label:<44} {pages:6d} {len(data) / 1024:6.1f} {statistics.median(times) * 1000:10.1f}"
            f" {statistics.median(cpu) * 1000:8.1f}"
        )


if __name__ == "__main__":
    main()
