"""Admin for the documents models."""
