"""The built-in duty presets of the record format, as data.

Names are part of the contract. Each preset cites the seed plan it comes
from and quotes its wording, so a coordinator can see why a duty exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from liushou_cli.model import Rule

ANY_CONTACT = [
    "home_visit", "talk", "teacher_contact", "guardian_contact", "letter", "call", "meeting",
    "parent_link", "birthday", "festival", "tutoring", "assistance", "info_check", "counselling",
]
CONTACT = ["call", "meeting", "talk", "letter", "home_visit"]


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    source: str
    quote: str
    rules: tuple[Rule, ...]


def _rule(id: str, name: str, kinds: list[str], per: str | None = None, times: int = 1,
          within_days: int | None = None) -> Rule:
    return Rule.model_validate(
        {"id": id, "name": name, "kinds": kinds, "per": per, "times": times, "within_days": within_days}
    )


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "five-ones-term", "社区/爱心妈妈“五个一”（每学期）", "001 篇4",
            "每学期到留守儿童家中走访一次，与留守儿童谈心一次，与班主任联系一次，"
            "与监护人沟通一次，给留守儿童写信一次",
            (
                _rule("home_visit", "走访一次", ["home_visit"], "term"),
                _rule("talk", "谈心一次", ["talk"], "term"),
                _rule("teacher_contact", "与班主任联系一次", ["teacher_contact"], "term"),
                _rule("guardian_contact", "与监护人沟通一次", ["guardian_contact"], "term"),
                _rule("letter", "写信一次", ["letter"], "term"),
            ),
        ),
        Preset(
            "aixin-mama-monthly", "宋家沟小学爱心妈妈“五个一”（每月）", "002 宋家沟小学",
            "每月与结对少儿联系一次以上；指导结对留守儿童每月给在外打工的父母写一封信或打一次电话；"
            "每月与结对儿童班主任联系一次；每年陪结对儿童过一次生日",
            (
                _rule("contact", "每月联系一次以上", CONTACT, "month"),
                _rule("parent_link", "指导孩子给父母写信或通话", ["parent_link"], "month"),
                _rule("teacher_contact", "每月与班主任联系一次", ["teacher_contact"], "month"),
                _rule("birthday", "陪过一次生日", ["birthday"], "birthday"),
            ),
        ),
        Preset(
            "hubei-double-visit", "湖北省爱心妈妈“双访”与联络制度", "002 湖北省方案",
            "每学期与留守儿童的班主任、监护人联系（双访）；每月通过电话、见面或书信与留守儿童及其监护人联络；"
            "每年到学校或家中看望留守儿童；每年陪孩子过一次节日",
            (
                _rule("teacher_contact", "每学期与班主任联系", ["teacher_contact"], "term"),
                _rule("guardian_contact", "每学期与监护人联系", ["guardian_contact"], "term"),
                _rule("contact", "每月联络一次", ["call", "meeting", "letter", "talk", "home_visit"], "month"),
                _rule("visit", "每年看望一次", ["home_visit", "meeting"], "year"),
                _rule("festival", "每年陪过一次节日", ["festival"], "year"),
            ),
        ),
        Preset(
            "teacher-talk-monthly", "教师每月谈心", "000 方案2",
            "每月至少与留守儿童谈心一次",
            (_rule("talk", "每月谈心一次", ["talk"], "month"),),
        ),
        Preset(
            "teacher-talk-twice-monthly", "教师每月谈心两次", "000 方案7",
            "每月至少与留守儿童谈心两次，并做好谈心记录",
            (_rule("talk", "每月谈心两次", ["talk"], "month", times=2),),
        ),
        Preset(
            "kindergarten-biweekly", "幼儿园两周谈心、每月联系家长", "000 方案3",
            "至少每两周与留守幼儿谈心一次，每月至少与家长或监护人通话一次",
            (
                _rule("talk", "每两周谈心一次", ["talk"], within_days=14),
                _rule("family_call", "每月与家长或监护人通话", ["call", "guardian_contact"], "month"),
            ),
        ),
        Preset(
            "teacher-term-visit", "教师每学期“一次走访、一次帮扶、一次信息核查”", "000 方案8, 003",
            "每学期对结对儿童进行一次走访、一次帮扶、一次信息核查",
            (
                _rule("home_visit", "走访一次", ["home_visit"], "term"),
                _rule("assistance", "帮扶一次", ["assistance"], "term"),
                _rule("info_check", "信息核查一次", ["info_check"], "term"),
            ),
        ),
        Preset(
            "volunteer-monthly", "志愿者每月联系", "000 方案13, 003",
            "志愿者每月至少与结对儿童联系一次",
            (_rule("contact", "每月联系一次", ANY_CONTACT, "month"),),
        ),
    )
}
