"""The treaty bodies in the database, from the importer's table of committee facts
(``observations.importer.committees``)."""

from .importer.committees import TREATY_BODIES


def sync_committees(committee_model) -> None:
    """Create or update the ten treaty bodies (used by the data migration and after a flush)."""
    for info in TREATY_BODIES:
        committee_model.objects.update_or_create(
            code=info.code,
            defaults={
                "name": info.name,
                "treaty": info.treaty,
                "symbol_prefix": info.symbol_prefix,
                "follow_up_months": info.follow_up_months,
            },
        )
