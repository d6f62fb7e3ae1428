"""French: the patterns and words of concluding observations in French."""

from __future__ import annotations

from .base import LATIN_LETTERS, C, T, U, Vocabulary
from .en import EN

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
    by_before=(
        r"(?:au\s+plus\s+tard\s+(?:le|en)|d['’]ici\s+(?:au|le|à)|avant\s+le|pour\s+le"
        # simplified procedure: "… constitueront son septième rapport périodique, attendu le 25 juillet 2032"
        r"|(?:attendu|prévu|dû)e?s?\s+(?:pour\s+)?(?:le|en)"
        r"|(?:doit|devra|devront|doivent)\s+être\s+(?:soumis|présenté)e?s?\s+(?:le|en))\s+$"
    ),
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
