"""The record format's closed vocabularies, with no pydantic behind them.

``model`` builds its schemas from these and re-exports them; the CLI's commands
offer them as choices at import time, and importing pydantic for a handful of
strings would cost ``liushou --help`` a tenth of a second (issue 6).
"""

from __future__ import annotations

from typing import Literal, get_args

Gender = Literal["male", "female"]
Category = Literal["left_behind", "in_difficulty", "disabled", "single_parent", "orphan", "migrant"]
ParentsAway = Literal["both", "father", "mother", "none"]
LeftReason = Literal["parents_returned", "transferred", "graduated", "other"]
Level = Literal["low", "medium", "high"]
ConcernType = Literal["unsupervised", "missing", "guardian_incapable", "suspected_harm", "other"]
Role = Literal["teacher", "aixin_mama", "proxy_parent", "volunteer", "student_buddy", "elder"]
Per = Literal["term", "month", "year", "birthday"]
PersuasionResult = Literal["failed", "returned"]  # 劝返未果 / 已返校 (RECORDS.md 1.1, 控辍保学)
VerifyArchive = Literal["none", "month", "term"]

CONTACT_KINDS: tuple[str, ...] = (
    "home_visit",
    "talk",
    "teacher_contact",
    "guardian_contact",
    "letter",
    "call",
    "meeting",
    "parent_link",
    "birthday",
    "festival",
    "tutoring",
    "assistance",
    "info_check",
    "counselling",
)

# Kinds of group activity (RECORDS.md 1.1 "activities/<id>.yaml", 集体活动)
ACTIVITY_KINDS: tuple[str, ...] = (
    "parents_meeting",
    "birthday_party",
    "festival",
    "lecture",
    "counselling",
    "family_call",
    "letters",
    "gathering",
    "home_activity",
    "other",
)


def values(vocabulary: object) -> tuple[str, ...]:
    """The allowed values of one of the ``Literal`` vocabularies above, in order."""
    return tuple(str(value) for value in get_args(vocabulary))


# Chinese words a person may write for an enumerated value (RECORDS.md 1.1): each
# means exactly the English value, which is what the tool writes back. The labels
# the tool itself prints (messages/labels.py) are accepted too, so what `liushou`
# shows can be typed back.
ZH_VALUES: dict[str, dict[str, str]] = {
    "gender": {"男": "male", "女": "female", "男性": "male", "女性": "female"},
    "category": {
        "留守": "left_behind", "留守儿童": "left_behind",
        "困境": "in_difficulty", "困境儿童": "in_difficulty",
        "残疾": "disabled", "残疾儿童": "disabled",
        "单亲": "single_parent", "单亲儿童": "single_parent",
        "孤儿": "orphan",
        "流动": "migrant", "流动儿童": "migrant",
    },
    "parents_away": {
        "双方": "both", "父母双方外出": "both", "父母均外出": "both",
        "父亲": "father", "父亲外出": "father",
        "母亲": "mother", "母亲外出": "mother",
        "无": "none", "父母均在家": "none", "均未外出": "none",
    },
    "level": {"低": "low", "中": "medium", "高": "high", "低风险": "low", "中风险": "medium", "高风险": "high"},
    "left_reason": {"父母返乡": "parents_returned", "转学": "transferred", "毕业": "graduated", "其他": "other"},
    "role": {
        "教师": "teacher", "老师": "teacher", "爱心妈妈": "aixin_mama", "代理家长": "proxy_parent",
        "志愿者": "volunteer", "学习帮手": "student_buddy", "五老": "elder",
    },
    "concern": {
        "单独居住": "unsupervised", "脱离监护单独居住": "unsupervised",
        "失踪": "missing",
        "监护缺失": "guardian_incapable", "监护人丧失监护能力或不履行监护责任": "guardian_incapable",
        "疑似侵害": "suspected_harm", "疑似遭受意外伤害或不法侵害": "suspected_harm",
        "其他": "other", "其他情形": "other",
    },
    "bool": {"是": "true", "否": "false"},
    # an absence's ``excused`` (有故 / 无故); 是/否 are read there too, as for any boolean
    "excused": {"有故": "true", "无故": "false", "有故缺课": "true", "无故缺课": "false"},
    "persuasion": {
        "劝返未果": "failed", "劝返失败": "failed", "失败": "failed", "未果": "failed", "劝返无效": "failed",
        "已返校": "returned", "返校": "returned", "劝返成功": "returned",
    },
    "verify_archive": {"不要求": "none", "无": "none", "每月": "month", "每学期": "term"},
    "per": {"每学期": "term", "每月": "month", "每年": "year"},
}

# Contact kinds by their Chinese names (RECORDS.md "contacts/*.csv" and 1.1).
KIND_WORDS: dict[str, str] = {
    "走访": "home_visit", "家访": "home_visit", "走访/家访": "home_visit",
    "谈心": "talk",
    "与班主任联系": "teacher_contact",
    "与监护人沟通": "guardian_contact",
    "写信": "letter",
    "电话": "call", "视频": "call", "电话/视频": "call",
    "见面": "meeting", "看望": "meeting", "见面/看望": "meeting",
    "指导孩子给父母写信或通话": "parent_link",
    "陪过生日": "birthday",
    "陪过节日": "festival",
    "学习辅导": "tutoring",
    "生活帮扶": "assistance", "资助": "assistance", "生活帮扶/资助": "assistance",
    "信息核查": "info_check",
    "心理疏导": "counselling",
}

# Activity kinds by their Chinese names (RECORDS.md 1.1), and the words of the seeds
ACTIVITY_WORDS: dict[str, str] = {
    "家长会": "parents_meeting", "留守儿童家长会": "parents_meeting", "监护人会": "parents_meeting",
    "集体生日会": "birthday_party", "生日会": "birthday_party", "生日聚会": "birthday_party",
    "集体过生日": "birthday_party",
    "节日活动": "festival", "节日": "festival", "家庭亲子活动": "festival",
    "讲座": "lecture", "培训": "lecture", "讲座/培训": "lecture", "法制安全讲座": "lecture",
    "心理辅导": "counselling", "心理辅导讲座": "counselling",
    "亲情电话": "family_call",
    "两地书": "letters", "两地书亲子情": "letters",
    "留守儿童会": "gathering", "“留守儿童”会": "gathering",
    "家园活动": "home_activity",
    "其他": "other",
}


def english_value(group: str, word: str) -> str | None:
    """The English value a Chinese word (or the English value itself) stands for."""
    text = word.strip()
    if group == "kind":
        return text if text in CONTACT_KINDS else KIND_WORDS.get(text)
    if group == "activity":
        return text if text in ACTIVITY_KINDS else ACTIVITY_WORDS.get(text)
    table = ZH_VALUES.get(group, {})
    if text in table.values():
        return text
    return table.get(text)
