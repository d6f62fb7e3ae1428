"""Page furniture in the six languages: what Word's header table, page headers and footers
leave in a text export, and the headings that start an annex."""

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
