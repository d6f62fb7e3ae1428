"""Small helpers shared by test modules (fixtures live in conftest.py)."""

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

# The smallest file the evidence checks accept as a PDF.
MINIMAL_PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save what the browser shows in test-artifacts/ (to look at), and check it is a real picture."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000
    return path
