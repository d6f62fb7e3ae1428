from . import documents, reports, tracking  # noqa: F401  (each module registers its models
