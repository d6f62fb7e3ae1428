"""The ten UN human rights treaty bodies (facts, not configuration)."""

from dataclasses import dataclass

from .importer.vocab import COMMITTEE_NAMES

# The order of the languages in the importer's table of committee names.
NAME_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


@dataclass(frozen=True)
class CommitteeInfo:
    code: str
    treaty: str
    symbol_prefix: str
    follow_up_months: int  # usual period for follow-up information

    @property
    def names(self) -> dict[str, str]:
        """The official name in each UN language."""
        return dict(zip(NAME_LANGUAGES, COMMITTEE_NAMES[self.code], strict=True))

    @property
    def name(self) -> str:
        return self.names["en"]

    def name_in(self, language: str) -> str:
        names = self.names
        return names.get(language) or names.get(language.split("-")[0]) or names["en"]


TREATY_BODIES = (
    CommitteeInfo("CCPR", "International Covenant on Civil and Political Rights", "CCPR/C", 36),
    CommitteeInfo("CESCR", "International Covenant on Economic, Social and Cultural Rights", "E/C.12", 24),
    CommitteeInfo("CERD", "International Convention on the Elimination of All Forms of Racial Discrimination",
                  "CERD/C", 12),
    CommitteeInfo("CEDAW", "Convention on the Elimination of All Forms of Discrimination against Women",
                  "CEDAW/C", 24),
    CommitteeInfo("CAT", "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
                  "CAT/C", 12),
    CommitteeInfo("SPT", "Optional Protocol to the Convention against Torture", "CAT/OP", 6),
    CommitteeInfo("CRC", "Convention on the Rights of the Child", "CRC/C", 0),
    CommitteeInfo("CMW", "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families",
                  "CMW/C", 24),
    CommitteeInfo("CRPD", "Convention on the Rights of Persons with Disabilities", "CRPD/C", 12),
    CommitteeInfo("CED", "International Convention for the Protection of All Persons from Enforced Disappearance",
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
