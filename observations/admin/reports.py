"""Admin for the reports models."""
