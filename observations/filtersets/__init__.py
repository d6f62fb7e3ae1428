"""django-filter FilterSets: which rows a list shows, one module per feature."""
