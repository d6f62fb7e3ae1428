# Each module registers the admin pages of its feature's models.
from . import accounts, audit, documents, notifications, reports, tracking  # noqa: F401
