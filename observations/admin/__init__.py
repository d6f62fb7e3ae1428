from . import audit, documents, reports, tracking  # noqa: F401  (each module registers its models
from . import notifications  # noqa: F401,E402  (reminders: outbox, schedules, settings)
