"""The ten UN human rights treaty bodies (facts, not configuration)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CommitteeInfo:
    code: str
    name: str
    treaty: str
    symbol_prefix: str
    follow_up_months: int  # usual period for follow-up information


TREATY_BODIES = (
    CommitteeInfo("CCPR", "Human Rights Committee",
                  "International Covenant on Civil and Political Rights", "CCPR/C", 36),
    CommitteeInfo("CESCR", "Committee on Economic, Social and Cultural Rights",
                  "International Covenant on Economic, Social and Cultural Rights", "E/C.12", 24),
    CommitteeInfo("CERD", "Committee on the Elimination of Racial Discrimination",
                  "International Convention on the Elimination of All Forms of Racial Discrimination",
                  "CERD/C", 12),
    CommitteeInfo("CEDAW", "Committee on the Elimination of Discrimination against Women",
                  "Convention on the Elimination of All Forms of Discrimination against Women",
                  "CEDAW/C", 24),
    CommitteeInfo("CAT", "Committee against Torture",
                  "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
                  "CAT/C", 12),
    CommitteeInfo("SPT", "Subcommittee on Prevention of Torture",
                  "Optional Protocol to the Convention against Torture", "CAT/OP", 6),
    CommitteeInfo("CRC", "Committee on the Rights of the Child",
                  "Convention on the Rights of the Child", "CRC/C", 0),
    CommitteeInfo("CMW", "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families",
                  "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families",
                  "CMW/C", 24),
    CommitteeInfo("CRPD", "Committee on the Rights of Persons with Disabilities",
                  "Convention on the Rights of Persons with Disabilities", "CRPD/C", 12),
    CommitteeInfo("CED", "Committee on Enforced Disappearances",
                  "International Convention for the Protection of All Persons from Enforced Disappearance",
                  "CED/C", 12),
)

BY_CODE = {c.code: c for c in TREATY_BODIES}


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
