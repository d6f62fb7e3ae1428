"""Views for the tracking pages."""
