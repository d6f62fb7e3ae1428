"""The REST API, version 1 (``/api/v1/``), described by OpenAPI 3 at ``/api/schema/``.

- Public and read-only: documents and everything the document pages show (language
  versions, headings, paragraphs, sub-paragraphs, recommendations, deadlines with their
  state, references, SDG targets and articles). A recommendation's official status is
  shown to whom the pages show it.
- Signed in (a personal token, or the site's session): assignments, progress updates,
  measures, evidence, Committee grades and history, each filtered by
  ``observations.permissions`` exactly as the pages are.
- Writes: a focal point creates and submits an update, a coordinator validates or
  returns it, through ``observations.services.tracking`` (the same checks, the same
  history entries as the pages).

Nothing here decides who may see or do what: ``permissions.py`` adapts the permission
module's predicates to REST framework, and the views filter with its queryset filters.
"""
