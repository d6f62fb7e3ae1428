"""Importer of UN treaty body concluding observations: bytes in, a ``ParsedDocument`` out.

Pure Python, no Django: ``observations.services.imports`` writes the result to the database.

- ``parse(data, filename=..., language=..., symbol=...)`` reads one language version (Word's
  text export in UTF-8/UTF-16, or a .docx) and raises ``ImportRejected`` with one sentence for a
  person when the input cannot be imported.
- ``compare_structure(a, b)`` lists the differences that prevent two language versions from being
  aligned paragraph by paragraph (empty when they align); ``checks`` refuses versions given
  together that are not one document, or do not align with each other or with the stored one.
- ``committees`` is the table of the ten treaty bodies (symbol prefixes, follow-up period, name in
  each UN language), read by the parser and by the site; ``vocab`` holds one module per language.

Decisions on what real documents contain (each is reported as a ``Finding``):

- Page furniture (the header table "United Nations | symbol | Distr.: General | date | Original",
  "Advance unedited version", running headers, job number "GE.24-12345(E)", bar code, page
  numbers) is left out; the symbol printed there is the document's symbol and wins over a derived
  one. An advance unedited version is imported with a warning.
- An annex after the last paragraph is not imported. Numbering that restarts without an annex
  heading is refused as a duplicate paragraph.
- "In October 2028" (a month without a day) is due on the month's last day (``precision`` MONTH).
  A year alone (the CCPR's review cycle: "will receive in 2030 the list of issues … within one
  year") gives no date (YEAR): it is not counted from the adoption date.
- The CRC's "areas in respect of which urgent measures must be taken" are kept as a follow-up list
  without a date (PRIORITY): they are the Committee's priorities, but it sets no deadline for them.
- A follow-up request must name recommendations: "adopt, within one year, the bill in paragraph
  12" is not one. "Rule 75, paragraph 1, of the rules of procedure" is not a follow-up item.
- The next report's number is the ordinal nearest to "periodic report"; a combined report keeps
  its first and last numbers (``report_number``, ``report_number_last``).
- Documents of the treaty bodies that are not concluding observations (SPT visit reports, lists
  of issues, State reports) are refused.
"""

from .align import compare_structure
from .model import Finding, ImportRejected, ParsedDocument
from .parser import parse

IMPORTER_VERSION = "1.1"

__all__ = ["IMPORTER_VERSION", "Finding", "ImportRejected", "ParsedDocument", "compare_structure", "parse"]
