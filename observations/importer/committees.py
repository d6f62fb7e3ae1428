"""The ten UN human rights treaty bodies: one table of facts, read by the parser and the site.

Pure data: each committee's code, treaty, document symbol prefixes (the first is the one its
concluding observations carry), the usual period for follow-up information and its official
name in each of the six UN languages (the parser recognises a committee by any of them,
compared after folding case and spacing).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CommitteeInfo:
    code: str
    treaty: str
    symbol_prefixes: tuple[str, ...]
    follow_up_months: int  # usual period for follow-up information
    names: dict[str, str]  # official name by language code

    @property
    def symbol_prefix(self) -> str:
        return self.symbol_prefixes[0]

    @property
    def name(self) -> str:
        return self.names["en"]

    def name_in(self, language: str) -> str:
        names = self.names
        return names.get(language) or names.get(language.split("-")[0]) or names["en"]


TREATY_BODIES = (
    CommitteeInfo(
        "CCPR", "International Covenant on Civil and Political Rights", ("CCPR/C",), 36, {
            "en": "Human Rights Committee",
            "fr": "Comité des droits de l'homme",
            "es": "Comité de Derechos Humanos",
            "ru": "Комитет по правам человека",
            "ar": "اللجنة المعنية بحقوق الإنسان",
            "zh": "人权事务委员会",
        },
    ),
    CommitteeInfo(
        "CESCR", "International Covenant on Economic, Social and Cultural Rights", ("E/C.12",), 24, {
            "en": "Committee on Economic, Social and Cultural Rights",
            "fr": "Comité des droits économiques, sociaux et culturels",
            "es": "Comité de Derechos Económicos, Sociales y Culturales",
            "ru": "Комитет по экономическим, социальным и культурным правам",
            "ar": "اللجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية",
            "zh": "经济、社会及文化权利委员会",
        },
    ),
    CommitteeInfo(
        "CERD", "International Convention on the Elimination of All Forms of Racial Discrimination",
        ("CERD/C",), 12, {
            "en": "Committee on the Elimination of Racial Discrimination",
            "fr": "Comité pour l'élimination de la discrimination raciale",
            "es": "Comité para la Eliminación de la Discriminación Racial",
            "ru": "Комитет по ликвидации расовой дискриминации",
            "ar": "لجنة القضاء على التمييز العنصري",
            "zh": "消除种族歧视委员会",
        },
    ),
    CommitteeInfo(
        "CEDAW", "Convention on the Elimination of All Forms of Discrimination against Women",
        ("CEDAW/C",), 24, {
            "en": "Committee on the Elimination of Discrimination against Women",
            "fr": "Comité pour l'élimination de la discrimination à l'égard des femmes",
            "es": "Comité para la Eliminación de la Discriminación contra la Mujer",
            "ru": "Комитет по ликвидации дискриминации в отношении женщин",
            "ar": "اللجنة المعنية بالقضاء على التمييز ضد المرأة",
            "zh": "消除对妇女歧视委员会",
        },
    ),
    CommitteeInfo(
        "CAT", "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
        ("CAT/C",), 12, {
            "en": "Committee against Torture",
            "fr": "Comité contre la torture",
            "es": "Comité contra la Tortura",
            "ru": "Комитет против пыток",
            "ar": "لجنة مناهضة التعذيب",
            "zh": "禁止酷刑委员会",
        },
    ),
    CommitteeInfo(
        "SPT", "Optional Protocol to the Convention against Torture", ("CAT/OP",), 6, {
            "en": "Subcommittee on Prevention of Torture",
            "fr": "Sous-comité pour la prévention de la torture",
            "es": "Subcomité para la Prevención de la Tortura",
            "ru": "Подкомитет по предупреждению пыток",
            "ar": "اللجنة الفرعية لمنع التعذيب",
            "zh": "防止酷刑小组委员会",
        },
    ),
    CommitteeInfo(
        "CRC", "Convention on the Rights of the Child", ("CRC/C",), 0, {
            "en": "Committee on the Rights of the Child",
            "fr": "Comité des droits de l'enfant",
            "es": "Comité de los Derechos del Niño",
            "ru": "Комитет по правам ребенка",
            "ar": "لجنة حقوق الطفل",
            "zh": "儿童权利委员会",
        },
    ),
    CommitteeInfo(
        "CMW",
        "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families",
        ("CMW/C",), 24, {
            "en": "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families",
            "fr": "Comité pour la protection des droits de tous les travailleurs migrants et des membres de leur "
                  "famille",
            "es": "Comité de Protección de los Derechos de Todos los Trabajadores Migratorios y de Sus Familiares",
            "ru": "Комитет по защите прав всех трудящихся-мигрантов и членов их семей",
            "ar": "اللجنة المعنية بحماية حقوق جميع العمال المهاجرين وأفراد أسرهم",
            "zh": "保护所有移徙工人及其家庭成员权利委员会",
        },
    ),
    CommitteeInfo(
        "CRPD", "Convention on the Rights of Persons with Disabilities", ("CRPD/C",), 12, {
            "en": "Committee on the Rights of Persons with Disabilities",
            "fr": "Comité des droits des personnes handicapées",
            "es": "Comité sobre los Derechos de las Personas con Discapacidad",
            "ru": "Комитет по правам инвалидов",
            "ar": "اللجنة المعنية بحقوق الأشخاص ذوي الإعاقة",
            "zh": "残疾人权利委员会",
        },
    ),
    CommitteeInfo(
        "CED", "International Convention for the Protection of All Persons from Enforced Disappearance",
        ("CED/C",), 12, {
            "en": "Committee on Enforced Disappearances",
            "fr": "Comité des disparitions forcées",
            "es": "Comité contra la Desaparición Forzada",
            "ru": "Комитет по насильственным исчезновениям",
            "ar": "اللجنة المعنية بحالات الاختفاء القسري",
            "zh": "强迫失踪问题委员会",
        },
    ),
)

BY_CODE = {c.code: c for c in TREATY_BODIES}

# Document symbol prefix -> committee code.
BY_SYMBOL_PREFIX = {prefix: c.code for c in TREATY_BODIES for prefix in c.symbol_prefixes}
