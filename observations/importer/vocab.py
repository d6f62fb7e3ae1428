"""Per-language vocabulary of concluding observations.

Everything that differs between the six UN languages lives here, as data: the
parsing code in the other modules is written once and reads these tables.
Patterns are regular-expression fragments, matched case-insensitively.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGE_NAMES = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "ru": "Russian",
    "ar": "Arabic",
    "zh": "Chinese",
}

LATIN_LETTERS = tuple("abcdefghijklmnopqrstuvwxyz")
# Arabic letters in abjad order, as used for sub-paragraphs: (أ) (ب) (ج) (د) (هـ) ...
ARABIC_LETTERS = tuple("أ ب ج د ه و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ".split())
# Russian sub-paragraph letters (no ё й ъ ы ь).
CYRILLIC_LETTERS = tuple("а б в г д е ж з и к л м н о п р с т у ф х ц ч ш щ э ю я".split())
# Section labels.
ARABIC_SECTION_LABELS = tuple(
    "ألف باء جيم دال هاء واو زاي حاء طاء ياء كاف لام ميم نون سين عين فاء صاد قاف راء شين تاء ثاء خاء ذال ضاد ظاء غين".split()
)
CYRILLIC_SECTION_LABELS = tuple(letter.upper() for letter in CYRILLIC_LETTERS)
ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
# Cyrillic letters that look like Latin ones, for documents that mix alphabets.
HOMOGLYPHS = {"а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "у": "y"}

# Document symbol prefix -> committee code.
SYMBOL_PREFIXES = {
    "CCPR/C": "CCPR",
    "E/C.12": "CESCR",
    "CERD/C": "CERD",
    "CEDAW/C": "CEDAW",
    "CAT/C": "CAT",
    "CAT/OP": "SPT",
    "CRC/C": "CRC",
    "CMW/C": "CMW",
    "CRPD/C": "CRPD",
    "CED/C": "CED",
}

# Committee names in the six languages (compared after folding case and spacing).
COMMITTEE_NAMES = {
    "CCPR": [
        "Human Rights Committee",
        "Comité des droits de l'homme",
        "Comité de Derechos Humanos",
        "Комитет по правам человека",
        "اللجنة المعنية بحقوق الإنسان",
        "人权事务委员会",
    ],
    "CESCR": [
        "Committee on Economic, Social and Cultural Rights",
        "Comité des droits économiques, sociaux et culturels",
        "Comité de Derechos Económicos, Sociales y Culturales",
        "Комитет по экономическим, социальным и культурным правам",
        "اللجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية",
        "经济、社会及文化权利委员会",
    ],
    "CERD": [
        "Committee on the Elimination of Racial Discrimination",
        "Comité pour l'élimination de la discrimination raciale",
        "Comité para la Eliminación de la Discriminación Racial",
        "Комитет по ликвидации расовой дискриминации",
        "لجنة القضاء على التمييز العنصري",
        "消除种族歧视委员会",
    ],
    "CEDAW": [
        "Committee on the Elimination of Discrimination against Women",
        "Comité pour l'élimination de la discrimination à l'égard des femmes",
        "Comité para la Eliminación de la Discriminación contra la Mujer",
        "Комитет по ликвидации дискриминации в отношении женщин",
        "اللجنة المعنية بالقضاء على التمييز ضد المرأة",
        "消除对妇女歧视委员会",
    ],
    "CAT": [
        "Committee against Torture",
        "Comité contre la torture",
        "Comité contra la Tortura",
        "Комитет против пыток",
        "لجنة مناهضة التعذيب",
        "禁止酷刑委员会",
    ],
    "SPT": [
        "Subcommittee on Prevention of Torture",
        "Sous-comité pour la prévention de la torture",
        "Subcomité para la Prevención de la Tortura",
        "Подкомитет по предупреждению пыток",
        "اللجنة الفرعية لمنع التعذيب",
        "防止酷刑小组委员会",
    ],
    "CRC": [
        "Committee on the Rights of the Child",
        "Comité des droits de l'enfant",
        "Comité de los Derechos del Niño",
        "Комитет по правам ребенка",
        "لجنة حقوق الطفل",
        "儿童权利委员会",
    ],
    "CMW": [
        "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families",
        "Comité pour la protection des droits de tous les travailleurs migrants et des membres de leur famille",
        "Comité de Protección de los Derechos de Todos los Trabajadores Migratorios y de Sus Familiares",
        "Комитет по защите прав всех трудящихся-мигрантов и членов их семей",
        "اللجنة المعنية بحماية حقوق جميع العمال المهاجرين وأفراد أسرهم",
        "保护所有移徙工人及其家庭成员权利委员会",
    ],
    "CRPD": [
        "Committee on the Rights of Persons with Disabilities",
        "Comité des droits des personnes handicapées",
        "Comité sobre los Derechos de las Personas con Discapacidad",
        "Комитет по правам инвалидов",
        "اللجنة المعنية بحقوق الأشخاص ذوي الإعاقة",
        "残疾人权利委员会",
    ],
    "CED": [
        "Committee on Enforced Disappearances",
        "Comité des disparitions forcées",
        "Comité contra la Desaparición Forzada",
        "Комитет по насильственным исчезновениям",
        "اللجنة المعنية بحالات الاختفاء القسري",
        "强迫失踪问题委员会",
    ],
}

# Ordinal-word token kinds (see numbers.parse_ordinals):
U = "unit"  # complete ordinal below 20 ("seventh", "dix-septième" is cardinal + unit)
T = "tens"  # complete ordinal multiple of ten ("thirtieth", "trigésimo", "الثلاثين")
C = "card"  # cardinal that needs a following ordinal ("thirty", "trente", "тридцать")

_ES_UNITS = [
    ("primer[oa]?", 1),
    ("segund[oa]", 2),
    ("tercer[oa]?", 3),
    ("cuart[oa]", 4),
    ("quint[oa]", 5),
    ("sext[oa]", 6),
    ("s[ée]ptim[oa]", 7),
    ("octav[oa]", 8),
    ("noven[oa]", 9),
]
_RU_ORDINAL_ENDING = (
    r"(?:ый|ой|ий|ого|его|ому|ему|ом|ем|ая|яя|ую|юю|ое|ее|ые|ие|ых|их|ым|ыми|ьего|ьей|ьем|ьему|ья|ью|ье|ьи|ьих)"
)
_AR_UNITS = [
    ("الأولى?", 1),
    ("الحادية?", 1),
    ("الثانية?", 2),
    ("الثالثة?", 3),
    ("الرابعة?", 4),
    ("الخامسة?", 5),
    ("السادسة?", 6),
    ("السابعة?", 7),
    ("الثامنة?", 8),
    ("التاسعة?", 9),
]


def _es_ordinals() -> dict[str, tuple[int, str]]:
    words = {w: (v, U) for w, v in _ES_UNITS}
    words.update({f"decimo{w}": (10 + v, U) for w, v in _ES_UNITS})
    words.update({"und[ée]cim[oa]": (11, U), "duod[ée]cim[oa]": (12, U), "d[ée]cim[oa]": (10, T)})
    tens = ["vig", "trig", "cuadrag", "quincuag", "sexag", "septuag", "octog", "nonag"]
    words.update({f"{stem}[ée]sim[oa]": (20 + 10 * i, T) for i, stem in enumerate(tens)})
    words["cent[ée]sim[oa]"] = (100, T)
    return words


def _ru_ordinals() -> dict[str, tuple[int, str]]:
    stems = [
        ("перв", 1),
        ("втор", 2),
        ("трет", 3),
        ("четверт", 4),
        ("пят", 5),
        ("шест", 6),
        ("седьм", 7),
        ("восьм", 8),
        ("девят", 9),
        ("десят", 10),
        ("одиннадцат", 11),
        ("двенадцат", 12),
        ("тринадцат", 13),
        ("четырнадцат", 14),
        ("пятнадцат", 15),
        ("шестнадцат", 16),
        ("семнадцат", 17),
        ("восемнадцат", 18),
        ("девятнадцат", 19),
    ]
    tens = [
        ("двадцат", 20),
        ("тридцат", 30),
        ("сороков", 40),
        ("пятидесят", 50),
        ("шестидесят", 60),
        ("семидесят", 70),
        ("восьмидесят", 80),
        ("девяност", 90),
        ("сот", 100),
    ]
    cardinals = [
        ("двадцать", 20),
        ("тридцать", 30),
        ("сорок", 40),
        ("пятьдесят", 50),
        ("шестьдесят", 60),
        ("семьдесят", 70),
        ("восемьдесят", 80),
        ("девяносто", 90),
        ("сто", 100),
    ]
    words = {stem + _RU_ORDINAL_ENDING: (v, U) for stem, v in stems}
    words.update({stem + _RU_ORDINAL_ENDING: (v, T) for stem, v in tens})
    words.update({w: (v, C) for w, v in cardinals})
    return words


def _ar_ordinals() -> dict[str, tuple[int, str]]:
    words = {f"و?{w}": (v, U) for w, v in _AR_UNITS}
    words.update({f"و?{w}\\s+عشرة?": (10 + v, U) for w, v in _AR_UNITS})
    words["و?العاشرة?"] = (10, U)
    tens = ["العشرين", "الثلاثين", "الأربعين", "الخمسين", "الستين", "السبعين", "الثمانين", "التسعين"]
    words.update({f"و?{w}": (20 + 10 * i, T) for i, w in enumerate(tens)})
    words["بعد\\s+المائة"] = (100, T)
    words["بعد\\s+المئة"] = (100, T)
    return words


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Everything language-specific the parser needs, for one language."""

    code: str
    # --- layout ---
    paragraph_punct: str  # after a paragraph number: "." or "-"
    sub_letters: tuple[str, ...]  # letter sequence used for sub-paragraphs
    section_labels: tuple[str, ...]  # "A", "B"... / "ألف", "باء"... / "А", "Б"...
    title_words: str  # pattern found in the title line
    # --- numbers, ordinals and dates ---
    ordinals: dict[str, tuple[int, str]]  # word pattern -> (value, kind)
    ordinal_digits: str  # pattern of a written-with-digits ordinal, group 1 = the number
    ordinal_joiner: str  # what may separate the words of one or several ordinals
    initial_words: str  # "initial report"
    unit_before_tens: bool  # Arabic "السابعة والثلاثين" = 7 + 30
    number_words: dict[str, int]  # cardinal words for periods: "two" -> 2
    months: dict[str, int]  # month-name pattern -> month number
    date_order: str  # "dmy" or "ymd"
    date_joiner: str  # between the items of a date list or range
    # --- the committee and its verbs ---
    committee_word: str
    recommendation_verbs: str  # the Committee recommends / urges / ...
    reiteration_words: str  # "Reiterating its previous recommendations"
    considered_words: str
    adopted_words: str
    meetings: str  # a list of meeting numbers, with the word meeting
    session: str  # "{ord} session"; {ord} is replaced by the ordinal-phrase pattern
    # --- deadlines ---
    period: str  # groups n (number word or digits, optional) and u (unit word)
    period_units: dict[str, int]  # unit word pattern -> months
    paragraphs_word: str  # "paragraphs" before a list of paragraph numbers
    periodic_report: str  # "periodic report"
    next_word: str  # "next" periodic report
    by_before: str  # "by" before a date
    by_after: str = ""  # "之前" after a date
    recommendation_word: str = ""  # a follow-up request names "recommendations"
    rules_of_procedure: str = r"(?!)"  # "rule 75, paragraph 1, of the rules of procedure": not a follow-up item
    urgent_measures: str = r"(?!)"  # CRC: "areas ... in respect of which urgent measures must be taken"
    # --- references and citations ---
    ibid: str = r"Ibid\.?"
    para_word: str = r"paras?\."
    # SDG targets and articles of the Convention: patterns with a {nums} placeholder
    sdg_patterns: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    list_joiner: str = r"\s*(?:,|and)\s*"
    range_joiner: str = r"\s*(?:–|-|—|to)\s*"
    # --- headings ---
    intro_titles: str = ""
    positive_titles: str = ""
    positive_words: str = ""  # for documents without sections: "welcomes"
    # --- title ---
    state_in_title: str = ""  # pattern with group "name"
    combined_words: str = ""
    stopwords: tuple[str, ...] = field(default_factory=tuple)


EN = Vocabulary(
    code="en",
    paragraph_punct=".",
    sub_letters=LATIN_LETTERS,
    section_labels=tuple(letter.upper() for letter in LATIN_LETTERS),
    title_words=r"concluding\s+observations",
    ordinals={
        **{
            w: (i + 1, U)
            for i, w in enumerate(
                "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
            )
        },
        **{
            w: (20 + 10 * i, T)
            for i, w in enumerate(
                "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()
            )
        },
        **{w: (20 + 10 * i, C) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())},
        "hundredth": (100, T),
        "(?:one\\s+)?hundred": (100, C),
    },
    ordinal_digits=r"(\d+)(?:st|nd|rd|th)",
    ordinal_joiner=r"(?:\s*-\s*|\s+and\s+|\s+to\s+|\s+)",
    initial_words=r"initial",
    unit_before_tens=False,
    number_words={
        "a": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "twelve": 12,
        "eighteen": 18,
        "twenty-four": 24,
        "thirty-six": 36,
    },
    months={
        m: i + 1
        for i, m in enumerate(
            "January February March April May June July August September October November December".split()
        )
    },
    date_order="dmy",
    date_joiner=r"(?:\s*(?:–|-|—|,)\s*|\s+(?:and|to)\s+)",
    committee_word=r"Committee",
    recommendation_verbs=(
        r"\b(?:Committee|it)\b(?:,[^,.;]{0,60},)?\s+(?:\w+\s+){0,2}?"
        r"(?:recommends|urges|calls\s+(?:up)?on|encourages|invites|requests|reiterates\s+its\s+recommendation)\b"
        r"|\bState\s+party\s+should\b"
    ),
    reiteration_words=r"(?:reiterat|recall|with\s+reference\s+to)\w*\s+(?:\S+\s+){0,3}?recommendation",
    considered_words=r"consider",
    adopted_words=r"adopt",
    meetings=r"(?:\d+(?:st|nd|rd|th)?(?:\s*,\s*|\s+and\s+)?)+\s+meetings?",
    session=r"{ord}\s+session",
    period=r"within\s+(?:a\s+period\s+of\s+)?(?P<n>[\w-]+)\s+(?P<u>years?|months?)\b",
    period_units={"years?": 12, "months?": 1},
    paragraphs_word=r"\bparagraphs?\b",
    periodic_report=r"periodic\s+reports?",
    next_word=r"next",
    by_before=r"\b(?:by|(?:no|not)\s+later\s+than|before)\s+$",
    by_after=r"^,?\s*at\s+the\s+latest",
    recommendation_word=r"recommendation",
    rules_of_procedure=r"\brules?\s+\d+\s*,?\s*paragraphs?\s+\d+",
    urgent_measures=r"following\s+areas[^:]*urgent\s+measures",
    ibid=r"\bIbid\b\.?",
    para_word=r"\bparas?\.|\bparagraphs?\b",
    sdg_patterns=(r"\btargets?\s+{nums}",),
    article_patterns=(
        r"\b(?:articles?|arts?\.)\s+{nums}\s+(?:of\s+the\s+(?:Convention|Covenant)\b"
        r"(?!\s+(?:on|against|for|relating|concerning|to)\b)|thereof)",
        r"\b(?:Convention|Covenant)\s*\((?:arts?\.|articles?)\s+{nums}\)",
    ),
    intro_titles=r"introduction",
    positive_titles=r"positive\s+aspects|progress\s+achieved",
    positive_words=r"welcomes|notes\s+with\s+appreciation|commends",
    state_in_title=r"reports?\s+of\s+(?:the\s+)?(?P<name>.+?)\s*$",
    combined_words=r"combined",
    stopwords=("the", "of", "and", "to", "in", "that", "committee", "state", "party", "its"),
)

FR = Vocabulary(
    code="fr",
    paragraph_punct=".",
    sub_letters=LATIN_LETTERS,
    section_labels=EN.section_labels,
    title_words=r"observations\s+finales",
    ordinals={
        "premi(?:er|ère)": (1, U),
        "unième": (1, U),
        "deuxième": (2, U),
        "second(?:e)?": (2, U),
        "troisième": (3, U),
        "quatrième": (4, U),
        "cinquième": (5, U),
        "sixième": (6, U),
        "septième": (7, U),
        "huitième": (8, U),
        "neuvième": (9, U),
        "dixième": (10, U),
        "onzième": (11, U),
        "douzième": (12, U),
        "treizième": (13, U),
        "quatorzième": (14, U),
        "quinzième": (15, U),
        "seizième": (16, U),
        "vingtième": (20, T),
        "trentième": (30, T),
        "quarantième": (40, T),
        "cinquantième": (50, T),
        "soixantième": (60, T),
        "quatre-vingtième": (80, T),
        "centième": (100, T),
        "dix": (10, C),
        "vingt": (20, C),
        "trente": (30, C),
        "quarante": (40, C),
        "cinquante": (50, C),
        "soixante": (60, C),
        "quatre-vingts?": (80, C),
        "cent": (100, C),
    },
    ordinal_digits=r"(\d+)(?:e|er|re|ème)\b",
    ordinal_joiner=r"(?:\s*-\s*|\s+et\s+|\s+à\s+|\s+)",
    initial_words=r"initial",
    unit_before_tens=False,
    number_words={
        "un": 1,
        "une": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "douze": 12,
        "dix-huit": 18,
        "vingt-quatre": 24,
        "trente-six": 36,
    },
    months={
        "janvier": 1,
        "février": 2,
        "mars": 3,
        "avril": 4,
        "mai": 5,
        "juin": 6,
        "juillet": 7,
        "août": 8,
        "septembre": 9,
        "octobre": 10,
        "novembre": 11,
        "décembre": 12,
    },
    date_order="dmy",
    date_joiner=r"(?:\s*(?:–|-|—|,)\s*|\s+(?:et|au)\s+)",
    committee_word=r"Comité",
    recommendation_verbs=(
        r"\b(?:Comité|il)\b(?:,[^,.;]{0,60},)?\s+(?:\w+\s+){0,2}?"
        r"(?:recommande|engage|invite|demande|prie|exhorte|encourage|réitère\s+sa\s+recommandation)\b"
        r"|\bÉtat\s+partie\s+devrait\b"
    ),
    reiteration_words=r"(?:réitér|rappel|renvoyant|se\s+référant)\w*\s+(?:\S+\s+){0,3}?recommandation",
    considered_words=r"examiné",
    adopted_words=r"adopté",
    meetings=r"(?:\d+(?:e|re|er|ème)?(?:\s*,\s*|\s+et\s+)?)+\s+séances?",
    session=r"{ord}\s+session",
    period=r"(?:délai\s+(?:de\s+|d['’])|dans\s+les\s+|d'ici\s+)(?P<n>[\w-]+)\s+(?P<u>ans?|années?|mois)\b",
    period_units={"ans?": 12, "années?": 12, "mois": 1},
    paragraphs_word=r"\bparagraphes?\b",
    periodic_report=r"rapports?\s+périodiques?",
    next_word=r"prochain",
    by_before=r"(?:au\s+plus\s+tard\s+(?:le|en)|d['’]ici\s+(?:au|le|à)|avant\s+le|pour\s+le)\s+$",
    by_after=r"^,?\s*au\s+plus\s+tard",
    recommendation_word=r"recommandation",
    rules_of_procedure=r"\b(?:article|paragraphe|par\.)\s+\d+\s*(?:\((?:par\.|paragraphe)\s+\d+\))?"
    r"(?:\s+de\s+l['’]article\s+\d+)?\s+(?:de\s+son|du)\s+règlement\s+intérieur",
    urgent_measures=r"domaines\s+(?:ci-après|suivants)[^:]*mesures\s+urgentes",
    ibid=r"\bIbid\b\.?",
    para_word=r"\bpar\.|\bparagraphes?\b",
    list_joiner=r"\s*(?:,|et)\s*",
    range_joiner=r"\s*(?:–|-|—|à)\s*",
    sdg_patterns=(r"\bcibles?\s+{nums}",),
    article_patterns=(
        r"\b(?:articles?|art\.)\s+{nums}\s+(?:de\s+la\s+Convention|du\s+Pacte)\b"
        r"(?!\s+(?:relative|sur|contre|pour|concernant)\b)",
        r"\b(?:Convention|Pacte)\s*\((?:art\.|articles?)\s+{nums}\)",
    ),
    intro_titles=r"introduction",
    positive_titles=r"aspects\s+positifs|progrès\s+réalisés",
    positive_words=r"se\s+félicite|accueille\s+avec\s+satisfaction|salue|note\s+avec\s+satisfaction",
    state_in_title=(
        r"rapports?\s+(?:[\w-]+\s+)*?(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])"
        r"(?P<name>[A-ZÀ-Ý][^,]*?)(?:\s+valant\b.*)?\s*$"
    ),
    combined_words=r"combinés|valant",
    stopwords=("le", "la", "les", "des", "du", "et", "que", "est", "comité", "partie", "dans"),
)

ES = Vocabulary(
    code="es",
    paragraph_punct=".",
    sub_letters=LATIN_LETTERS,
    section_labels=EN.section_labels,
    title_words=r"observaciones\s+finales",
    ordinals=_es_ordinals(),
    ordinal_digits=r"(\d+)\.?[ºª°]",
    ordinal_joiner=r"(?:\s*-\s*|\s+[ye]\s+|\s+a\s+|\s+)",
    initial_words=r"inicial",
    unit_before_tens=False,
    number_words={
        "un": 1,
        "uno": 1,
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "doce": 12,
        "dieciocho": 18,
        "veinticuatro": 24,
        "treinta y seis": 36,
    },
    months={
        "enero": 1,
        "febrero": 2,
        "marzo": 3,
        "abril": 4,
        "mayo": 5,
        "junio": 6,
        "julio": 7,
        "agosto": 8,
        "sep?tiembre": 9,
        "octubre": 10,
        "noviembre": 11,
        "diciembre": 12,
    },
    date_order="dmy",
    date_joiner=r"(?:\s*(?:–|-|—|,)\s*|\s+(?:y|al|a)\s+)",
    committee_word=r"Comité",
    recommendation_verbs=(
        r"\b(?:Comité|[ée]l)\b(?:,[^,.;]{0,60},)?\s+(?:\w+\s+){0,2}?"
        r"(?:recomienda|insta|alienta|invita|solicita|pide|exhorta|reitera\s+su\s+recomendación)\b"
        r"|\bEstado\s+parte\s+debe(?:ría)?\b"
    ),
    reiteration_words=r"(?:reiter|record|remiti|con\s+referencia)\w*\s+(?:\S+\s+){0,3}?recomendaci",
    considered_words=r"examinó",
    adopted_words=r"aprobó",
    meetings=(
        r"sesi(?:ón|ones)\s+\d+\.?[ªº°]?(?:(?:\s*,\s*|\s+y\s+)\d+\.?[ªº°]?)*"
        r"|\d+\.?[ªº°]?(?:(?:\s*,\s*|\s+y\s+)\d+\.?[ªº°]?)*\s+sesi(?:ón|ones)\b"
    ),
    session=r"{ord}\s+per[ií]odo\s+de\s+sesiones",
    period=r"(?:plazo\s+de|dentro\s+de)\s+(?P<n>[\w-]+)\s+(?P<u>años?|mes(?:es)?)\b",
    period_units={"años?": 12, "mes(?:es)?": 1},
    paragraphs_word=r"\bpárrafos?\b",
    periodic_report=r"informes?\s+periódicos?",
    next_word=r"próximo",
    by_before=r"(?:a\s+más\s+tardar\s+(?:el|en)|antes\s+del?|no\s+más\s+tarde\s+del?|para\s+el)\s+$",
    by_after=r"^,?\s*(?:a\s+más\s+tardar|como\s+máximo)",
    recommendation_word=r"recomendaci",
    rules_of_procedure=r"\b(?:artículo|párrafo)\s+\d+\s*,?\s*(?:(?:párrafo|apartado)\s+\d+\s*,?\s*)?"
    r"(?:de\s+su|del)\s+reglamento",
    urgent_measures=r"siguientes\s+esferas[^:]*medidas\s+urgentes",
    ibid=r"\bIbid\b\.?",
    para_word=r"\bpárrs?\.|\bpárrafos?\b",
    list_joiner=r"\s*(?:,|y)\s*",
    range_joiner=r"\s*(?:–|-|—|a)\s*",
    sdg_patterns=(r"\bmetas?\s+{nums}",),
    article_patterns=(
        r"\b(?:artículos?|arts?\.)\s+{nums}\s+(?:de\s+la\s+Convención|del\s+Pacto)\b"
        r"(?!\s+(?:sobre|contra|para|relativ[ao])\b)",
        r"\b(?:Convención|Pacto)\s*\((?:arts?\.|artículos?)\s+{nums}\)",
    ),
    intro_titles=r"introducción",
    positive_titles=r"aspectos\s+positivos|progresos\s+realizados",
    positive_words=r"acoge\s+con\s+beneplácito|celebra|observa\s+con\s+satisfacción|encomia",
    state_in_title=(
        r"informes?\s+(?:[\w-]+\s+)*?(?:del|de\s+la|de)\s+(?P<name>[A-ZÁ-Ú][^,]*?)(?:\s+combinados\b.*)?\s*$"
    ),
    combined_words=r"combinados",
    stopwords=("el", "la", "los", "las", "del", "de", "y", "que", "comité", "parte", "en"),
)

RU = Vocabulary(
    code="ru",
    paragraph_punct=".",
    sub_letters=CYRILLIC_LETTERS,
    section_labels=CYRILLIC_SECTION_LABELS,
    title_words=r"заключительные\s+замечания",
    ordinals=_ru_ordinals(),
    ordinal_digits=r"(\d+)-?(?:й|я|го|м|е|ой|ом|ый)\b",
    ordinal_joiner=r"(?:\s*-\s*|\s+и\s+|\s+)",
    initial_words=r"первоначальн",
    unit_before_tens=False,
    number_words={
        "одного": 1,
        "один": 1,
        "одного года": 1,
        "двух": 2,
        "трех": 3,
        "трёх": 3,
        "четырех": 4,
        "пяти": 5,
        "шести": 6,
        "двенадцати": 12,
        "восемнадцати": 18,
        "двадцати четырех": 24,
        "двадцати четырёх": 24,
    },
    months={
        "января|январе": 1,
        "февраля|феврале": 2,
        "марта|марте": 3,
        "апреля|апреле": 4,
        "мая|мае": 5,
        "июня|июне": 6,
        "июля|июле": 7,
        "августа|августе": 8,
        "сентября|сентябре": 9,
        "октября|октябре": 10,
        "ноября|ноябре": 11,
        "декабря|декабре": 12,
    },
    date_order="dmy",
    date_joiner=r"(?:\s*(?:–|-|—|,)\s*|\s+(?:и|по)\s+)",
    committee_word=r"Комитет",
    recommendation_verbs=(
        r"(?:Комитет|он)\b(?:,[^,.;]{0,60},)?\s+(?:[\w-]+\s+){0,2}?"
        r"(?:рекомендует|призывает|предлагает|просит|настоятельно)"
        r"|государству-участнику\s+следует"
    ),
    reiteration_words=r"(?:повтор|напомина|ссылаясь)\w*\s+(?:\S+\s+){0,3}?рекомендаци",
    considered_words=r"рассмотрел",
    adopted_words=r"принял",
    meetings=r"(?:\d+(?:-[а-я]{1,2})?(?:\s*,\s*|\s+и\s+)?)+\s+заседани",
    session=r"{ord}\s+сесси",
    period=r"в\s+течение\s+(?P<n>двадцати\s+четыр[её]х|[\w-]+)\s+(?P<u>лет|года?|месяц\w*)",
    period_units={"лет": 12, "года?": 12, r"месяц\w*": 1},
    paragraphs_word=r"\bпункт(?:ах|ов|ы|е|а)?\b",
    periodic_report=r"периодическ\w+\s+доклад",
    next_word=r"следующ",
    by_before=r"(?:не\s+позднее|не\s+позже|до|к)\s+$",
    recommendation_word=r"рекомендаци",
    rules_of_procedure=r"пункт\w*\s+\d+\s+правила\s+\d+",
    urgent_measures=r"следующих\s+област[^:]*срочные\s+меры",
    ibid=r"Там\s+же\.?",
    para_word=r"\bп(?:п)?\.|\bпункт\w*",
    list_joiner=r"\s*(?:,|и)\s*",
    range_joiner=r"\s*(?:–|-|—)\s*",
    sdg_patterns=(r"\bзадач\w*\s+{nums}",),
    article_patterns=(
        r"\b(?:стать[яиейёюям]+|ст\.)\s+{nums}\s+(?:Конвенции|Пакта)\b(?!\s+(?:о|об|против)\b)",
        r"(?:Конвенци\w*|Пакт\w*)\s*\((?:стать[яиейёюям]+|ст\.)\s+{nums}\)",
    ),
    intro_titles=r"введение",
    positive_titles=r"позитивные\s+аспекты|положительные\s+аспекты|достигнутый\s+прогресс",
    positive_words=r"приветствует|с\s+удовлетворением|высоко\s+оценивает",
    state_in_title=r"доклад\w*\s+(?P<name>.+?)\s*$",
    combined_words=r"сводн|объединенн",
    stopwords=("и", "в", "на", "что", "по", "комитет", "государство", "участник"),
)

AR = Vocabulary(
    code="ar",
    paragraph_punct="-",
    sub_letters=ARABIC_LETTERS,
    section_labels=ARABIC_SECTION_LABELS,
    title_words=r"الملاحظات\s+الختامية",
    ordinals=_ar_ordinals(),
    ordinal_digits=r"(?!)",
    ordinal_joiner=r"(?:\s+)",
    initial_words=r"الأولي\b",
    unit_before_tens=True,
    number_words={"واحدة?": 1, "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "خمس": 5, "ست": 6},
    months={
        "(?:كانون\\s+الثاني\\s*/\\s*)?يناير|كانون\\s+الثاني": 1,
        "(?:شباط\\s*/\\s*)?فبراير|شباط": 2,
        "(?:آذار\\s*/\\s*)?مارس|آذار": 3,
        "(?:نيسان\\s*/\\s*)?[أا]بريل|نيسان": 4,
        "(?:أيار\\s*/\\s*)?مايو|أيار": 5,
        "(?:حزيران\\s*/\\s*)?يوني[هو]|حزيران": 6,
        "(?:تموز\\s*/\\s*)?يولي[هو]|تموز": 7,
        "(?:آب\\s*/\\s*)?[أا]غسطس|آب": 8,
        "(?:أيلول\\s*/\\s*)?سبتمبر|أيلول": 9,
        "(?:تشرين\\s+الأول\\s*/\\s*)?[أا]كتوبر|تشرين\\s+الأول": 10,
        "(?:تشرين\\s+الثاني\\s*/\\s*)?نوفمبر|تشرين\\s+الثاني": 11,
        "(?:كانون\\s+الأول\\s*/\\s*)?ديسمبر|كانون\\s+الأول": 12,
    },
    date_order="dmy",
    date_joiner=r"(?:\s*(?:–|-|—|,|،)\s*|\s+إلى\s+|\s+و\s*)",
    committee_word=r"اللجنة",
    recommendation_verbs=r"(?<!\w)(?:و|ف|فإنها\s+)?(?:توصي|تحث|تشجع|تدعو|تطلب|تناشد)(?!\w)|ينبغي\s+للدولة\s+الطرف",
    reiteration_words=r"(?:تكرر|تذكر|تشير|تؤكد|تعيد|مشيرة)[^.،]{0,40}توصيات",
    considered_words=r"نظرت",
    adopted_words=r"اعتمدت",
    meetings=r"جلست\w*\s+(?:\d+(?:\s*،?\s*و\s*|\s*،\s*)?)+",
    session=r"(?:دورتها|الدورة)\s+{ord}",
    period=r"(?:غضون|خلال)\s+(?:(?P<n>\d+|ثلاث|ثلاثة|أربع|خمس|ست)\s+)?(?P<u>سنتين|عامين|سنوات|أعوام|سنة|عام|شهرا?ً?|أشهر)",
    period_units={"سنتين": 24, "عامين": 24, "سنوات": 12, "أعوام": 12, "سنة": 12, "عام": 12, "شهرا?ً?": 1, "أشهر": 1},
    paragraphs_word=r"(?<!\w)(?:في\s+)?(?:ال|بال|لل)?فقر(?:ات|تين|تان|ة)(?!\w)",
    periodic_report=r"تقرير\w*\s+(?:ال)?دوري",
    next_word=r"المقبل|القادم",
    by_before=r"(?:بحلول|قبل|في\s+موعد\s+(?:أقصاه|لا\s+يتجاوز))\s+$",
    recommendation_word=r"توصي",
    rules_of_procedure=r"(?:ال)?فقرة\s+\d+\s+من\s+(?:ال)?مادة\s+\d+\s+من\s+(?:ال)?نظام\s+(?:ال)?داخلي",
    urgent_measures=r"المجالات\s+التالية[^:]*تدابير\s+عاجلة",
    ibid=r"المرجع\s+نفسه",
    para_word=r"(?:ال)?فقر(?:ة|تان|تين|ات)",
    list_joiner=r"\s*(?:،|,)?\s*و\s*|\s*[،,]\s*",
    range_joiner=r"\s*(?:–|-|—|إلى)\s*",
    sdg_patterns=(r"غاي(?:ة|تين|تان|ات)\s+{nums}",),
    article_patterns=(
        r"(?:ماد(?:ة|تان|تين|تي)|مواد)(?:\s+من)?\s+{nums}\s+(?:من\s+الاتفاقية|من\s+العهد|منها)",
        r"(?:الاتفاقية|العهد)\s*\((?:ال)?(?:ماد(?:ة|تان|تين)|مواد)(?:\s+من)?\s+{nums}\)",
    ),
    intro_titles=r"مقدمة",
    positive_titles=r"الجوانب\s+الإيجابية|التقدم\s+المحرز",
    positive_words=r"ترحب|يرحب|مع\s+التقدير|تثني",
    state_in_title=r"(?:الأولي|الدوري\w*(?:\s+(?:ال\w+|و\w+))*?)\s+(?P<name>ل\S.*?)\s*$",
    combined_words=r"الجامع|الموحد",
    stopwords=(),
)

ZH = Vocabulary(
    code="zh",
    paragraph_punct=".",
    sub_letters=LATIN_LETTERS,
    section_labels=EN.section_labels,
    title_words=r"结论性意见",
    ordinals={},  # Chinese ordinals are 第 + Chinese numerals, handled in numbers.py
    ordinal_digits=r"第\s*(\d+)(?![\d条款段项])",
    ordinal_joiner=r"(?:[和、及至]|\s+)",
    initial_words=r"初次",
    unit_before_tens=False,
    number_words={},  # Chinese numerals are parsed in numbers.py
    months={},  # dates are written 2026年1月2日
    date_order="ymd",
    date_joiner=r"(?:\s*(?:至|到|和|、|及|-|–)\s*)",
    committee_word=r"委员会",
    recommendation_verbs=r"(?:委员会|它)(?:还|也|再次|又|进一步|强烈|因此|同时|谨)*(?:建议|敦促|鼓励|促请|吁请|请|要求)"
    r"|(?:建议|敦促|促请|吁请|鼓励|(?<![申邀])请)缔约国|缔约国应",
    reiteration_words=r"(?:重申|回顾|忆及|参照)[^，。]{0,10}建议",
    considered_words=r"审议",
    adopted_words=r"通过",
    meetings=r"第\s*\d+\s*次?(?:\s*[和、及]\s*第?\s*\d+\s*次?)*\s*会议",
    session=r"{ord}\s*届会",
    period=r"(?P<n>[\d一二两三四五六七八九十]+)\s*(?P<u>年|个月)\s*内",
    period_units={"年": 12, "个月": 1},
    paragraphs_word=r"第\s*(?=\d)",
    periodic_report=r"定期报告",
    next_word=r"下一次|下次",
    by_before=r"(?:在|于|最迟于|不迟于)\s*$",
    by_after=r"^\s*(?:之前|以前|前)",
    recommendation_word=r"建议",
    rules_of_procedure=r"议事规则第\s*\d+\s*条第\s*\d+\s*款",
    urgent_measures=r"领域[^：:]*紧急措施",
    ibid=r"同上",
    para_word=r"第",
    list_joiner=r"\s*(?:、|和|及|,)\s*",
    range_joiner=r"\s*(?:至|到|-|–)\s*",
    sdg_patterns=(r"具体目标\s*{nums}",),
    article_patterns=(r"《(?:公约|盟约)》\s*\(?第\s*{nums}\s*条",),
    intro_titles=r"导言|引言",
    positive_titles=r"积极方面|取得的进展",
    positive_words=r"欢迎|赞赏|满意地注意到",
    state_in_title=r"关于(?P<name>.+?)(?:的)?(?:第|初次|合并|根据|提交)",
    combined_words=r"合并",
    stopwords=(),
)

VOCABULARIES: dict[str, Vocabulary] = {v.code: v for v in (EN, FR, ES, RU, AR, ZH)}


# --- page furniture --------------------------------------------------------------------------
# Lines (or tab-separated cells of a line) that Word's header table, page headers and footers
# and the first page's footer leave in an export, in the six languages. Matched against the
# whole cell, case-insensitively, after spaces are collapsed.
UNITED_NATIONS = (
    "United Nations",
    "Nations Unies",
    "Naciones Unidas",
    "Организация Объединенных Наций",
    "Организация Объединённых Наций",
    "الأمم المتحدة",
    "联合国",
)
LANGUAGE_LABELS = (
    "English",
    "French",
    "Spanish",
    "Russian",
    "Arabic",
    "Chinese",
    "Anglais",
    "Français",
    "Espagnol",
    "Inglés",
    "Francés",
    "Español",
    "Английский",
    "Русский",
    "Английский язык",
    "Русский язык",
    "الإنكليزية",
    "الإنجليزية",
    "العربية",
    "英文",
    "中文",
)
FURNITURE = (
    r"Distr\.?\s*:?\s*\w+",  # Distr.: General / Distr. générale / Distr. general / Distr.: Restricted
    r"(?:Original|Оригинал|Подлинный\s+текст|Язык\s+оригинала|الأصل|原文)\s*[:：]\s*\S.*",
    r"(?:{languages})(?:\s+(?:only|seulement|únicamente|solamente|только|فقط))?",
    r"(?:Anglais|Inglés|Английский)\s+(?:seulement|únicamente|только)|Solo\s+en\s+inglés|بالإنكليزية\s+فقط|仅有英文",
    r"GE\.\d{2}-\d{4,6}\s*(?:\([A-Z]\))?(?:\s+\d{6})*",  # the job number, with print dates
    r"\d{6}",  # the job's print dates, in cells beside the job number: 101224
    r"\*\d{7,8}\*",  # the job number's bar code
    r"Please\s+recycle|Merci\s+de\s+recycler|Se\s+ruega\s+reciclar|Просьба\s+отправить\s+на\s+вторичную\s+"
    r"переработку|يرجى\s+إعادة\s+الاستعمال|请回收",
    r"(?:Page|Página|Стр\.?|الصفحة|第)?\s*\d{1,3}(?:\s*(?:/|of|de|из|من)\s*\d{1,3})?\s*页?",  # page numbers
    r"{united_nations}",
)
# "Advance unedited version": kept out of the text, and reported (the final text may differ).
ADVANCE_VERSION = (
    r"Advance\s+(?:unedited|edited)\s+version|Version\s+(?:préliminaire\s+)?(?:avancée\s+)?non\s+(?:éditée|révisée)"
    r"|Versión\s+(?:avanzada\s+)?(?:no\s+editada|sin\s+editar)|Предварительный\s+(?:неотредактированный\s+)?"
    r"(?:вариант|текст)(?:\s+без\s+редактирования)?|نسخة\s+(?:مسبقة|أولية)\s+غير\s+(?:محررة|منقحة)"
    r"|未经编辑的?(?:预发|预先)?(?:本|版本)"
)
# A heading that starts an annex after the last paragraph: "Annex", "Annexe II", "Приложение".
ANNEX_HEADING = r"(?:Annexe?s?|Anexos?|Приложени[ея]|المرفقا?ت?|مرفق|附件)(?:\s+[IVX\d]+|\s+[一二三四五六七八九十]+)?(?:[\s:.：\-–—].*)?"
