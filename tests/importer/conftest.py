"""Shared helpers for the importer tests (no database needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from observations.importer import parse

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "observations" / "fixtures" / "seeds"
DOCS = Path(__file__).resolve().parent / "docs"


def read_doc(name: str) -> bytes:
    return (DOCS / name).read_bytes()


def fold_title(text: str) -> str:
    """Titles compare without regard to case, spacing or dash style."""
    return re.sub(r"\s+", " ", re.sub(r"[‐‑‒–—-]", "-", text)).strip().casefold()


@pytest.fixture(scope="session")
def seed_en():
    return parse((SEEDS / "CMW_C_KGZ_CO_2.en.txt").read_bytes(), filename="CMW_C_KGZ_CO_2.en.txt")


@pytest.fixture(scope="session")
def seed_ar():
    return parse((SEEDS / "CMW_C_KGZ_CO_2.ar.txt").read_bytes(), filename="CMW_C_KGZ_CO_2.ar.txt")


def seed_pdf(language: str) -> bytes:
    """The seed's text in ``language`` typeset as a UN PDF (pages, headers, footnotes at page bottoms)."""
    from tests.importer.pdfbuild import build_pdf

    return build_pdf((SEEDS / f"CMW_C_KGZ_CO_2.{language}.txt").read_text(encoding="utf-8"), symbol="CMW/C/KGZ/CO/2")


@pytest.fixture(scope="session")
def seed_en_pdf():
    return parse(seed_pdf("en"), filename="CMW_C_KGZ_CO_2.en.pdf")


@pytest.fixture(scope="session")
def seed_ar_pdf():
    return parse(seed_pdf("ar"), filename="CMW_C_KGZ_CO_2.ar.pdf")
