"""Importer of UN treaty body concluding observations: bytes in, a ``ParsedDocument`` out.

Pure Python, no Django: ``observations.importer.save`` writes the result to the database.

- ``parse(data, filename=..., language=..., symbol=...)`` reads one language version (Word's
  text export in UTF-8/UTF-16, or a .docx) and raises ``ImportRejected`` with one sentence for a
  person when the input cannot be imported.
- ``compare_structure(a, b)`` lists the differences that prevent two language versions from being
  aligned paragraph by paragraph (empty when they align).
"""

from .align import compare_structure
from .model import Finding, ImportRejected, ParsedDocument
from .parser import parse

IMPORTER_VERSION = "1.0"

__all__ = ["IMPORTER_VERSION", "Finding", "ImportRejected", "ParsedDocument", "compare_structure", "parse"]
