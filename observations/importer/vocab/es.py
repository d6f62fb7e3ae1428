"""Spanish: the patterns and words of concluding observations in Spanish."""

from __future__ import annotations

from .base import LATIN_LETTERS, T, U, Vocabulary
from .en import EN

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


def _es_ordinals() -> dict[str, tuple[int, str]]:
    words = {w: (v, U) for w, v in _ES_UNITS}
    words.update({f"decimo{w}": (10 + v, U) for w, v in _ES_UNITS})
    words.update({"und[ée]cim[oa]": (11, U), "duod[ée]cim[oa]": (12, U), "d[ée]cim[oa]": (10, T)})
    tens = ["vig", "trig", "cuadrag", "quincuag", "sexag", "septuag", "octog", "nonag"]
    words.update({f"{stem}[ée]sim[oa]": (20 + 10 * i, T) for i, stem in enumerate(tens)})
    words["cent[ée]sim[oa]"] = (100, T)
    return words


ES = Vocabulary(
    code="es",
    paragraph_punct=".",
    sub_letters=LATIN_LETTERS,
    section_labels=EN.section_labels,
    title_words=r"observaciones\s+finales",
    ordinals=_es_ordinals(),
    ordinal_digits=r"(\d+)(?:\.?[ºª°]|er\b)",  # "74º", "143er período de sesiones"
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
    by_before=(
        r"(?:a\s+más\s+tardar\s+(?:el|en)|antes\s+del?|no\s+más\s+tarde\s+del?|para\s+el"
        # simplified procedure: "… constituirán su sexto informe periódico, que deberá presentarse el …"
        r"|(?:deberá|debe|deba|ha\s+de)\s+presentarse\s+(?:el|en)|previst[oa]s?\s+para\s+(?:el|en)"
        r"|que\s+vence\s+el|con\s+vencimiento\s+(?:el|en))\s+$"
    ),
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
