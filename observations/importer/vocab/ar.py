"""Arabic: the patterns and words of concluding observations in Arabic."""

from __future__ import annotations

from .base import ARABIC_LETTERS, ARABIC_SECTION_LABELS, T, U, Vocabulary

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


def _ar_ordinals() -> dict[str, tuple[int, str]]:
    words = {f"و?{w}": (v, U) for w, v in _AR_UNITS}
    words.update({f"و?{w}\\s+عشرة?": (10 + v, U) for w, v in _AR_UNITS})
    words["و?العاشرة?"] = (10, U)
    tens = ["العشرين", "الثلاثين", "الأربعين", "الخمسين", "الستين", "السبعين", "الثمانين", "التسعين"]
    words.update({f"و?{w}": (20 + 10 * i, T) for i, w in enumerate(tens)})
    words["بعد\\s+المائة"] = (100, T)
    words["بعد\\s+المئة"] = (100, T)
    return words


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
    by_before=(
        r"(?:بحلول|قبل|في\s+موعد\s+(?:أقصاه|لا\s+يتجاوز)"
        # simplified procedure: "… ستشكل تقريرها الدوري الثالث، المقرر تقديمه في 2 كانون الثاني/يناير 2029"
        r"|(?:ال)?(?:مقرر|متوقع|مطلوب|واجب)\s+تقديم\w*\s+(?:في|بحلول)"
        r"|(?:يحل|يحين)\s+موعد\s+تقديم\w*\s+في|موعد\s+تقديم\w*\s+(?:هو\s+)?)\s+$"
    ),
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
