"""Views for the documents pages."""
