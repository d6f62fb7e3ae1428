"""Chinese: the patterns and words of concluding observations in Chinese."""

from __future__ import annotations

from .base import LATIN_LETTERS, Vocabulary
from .en import EN

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
    # simplified procedure: "…答复将构成其第十一次定期报告，提交日期为2030年7月4日" ("应于…提交" ends in 于)
    by_before=r"(?:在|于|最迟于|不迟于|(?:提交|截止|到期)(?:日期|期限)?为|到期日为)\s*$",
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
