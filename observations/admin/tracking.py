"""Admin for the tracking models."""
