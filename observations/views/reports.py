"""Views for the reports pages."""
