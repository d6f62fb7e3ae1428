"""Every write the tracker makes, one module per feature: ``tracking`` (assignments, progress
updates, review, Committee grades), ``reports`` (NGO shadow reports), ``imports`` (writing
parsed documents), ``evidence`` (checks on uploaded files) and the demo data. Each write checks
``observations.permissions``, runs in one transaction and records its history."""
