"""The built-in duty presets of the record format, as data.

Names are part of the contract. Each preset cites the seed plan it comes
from (``source``, and the seed files in ``seeds``) and quotes its wording
verbatim (``quote``: simplified characters and full-width punctuation where
the seed is traditional; fragments from different places joined by "……"),
so a coordinator can see why a duty exists. Rule ids are the project's own.

Beside the model rather than in ``duties/``: a preset's name is vocabulary of
the record format that ``records/`` checks when it reads ``duties: <name>``,
and reading knows no duty logic (``tests/test_layers.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from liushou_cli.model import Dropout, Program, ProgramRule, Rule

ANY_CONTACT = [
    "home_visit", "talk", "teacher_contact", "guardian_contact", "letter", "call", "meeting",
    "parent_link", "birthday", "festival", "tutoring", "assistance", "info_check", "counselling",
]
CONTACT = ["call", "meeting", "talk", "letter", "home_visit"]


@dataclass(frozen=True)
class Quoted:
    """A built-in set of rules, with the seed it comes from and the seed's own words."""

    name: str
    title: str
    source: str
    quote: str

    @property
    def fragments(self) -> tuple[str, ...]:
        """The quote's verbatim pieces (the seed text between them is left out)."""
        return tuple(part for part in self.quote.split("……") if part)


@dataclass(frozen=True)
class Preset(Quoted):
    """A pairing's duties (``duties: <name>``)."""

    rules: tuple[Rule, ...]
    seeds: tuple[str, ...] = ()  # seed file(s) under the project's seeds folder


@dataclass(frozen=True)
class ProgramPreset(Quoted):
    """A programme's own calendar of group activities (``program_duties: [<name>]``)."""

    rules: tuple[ProgramRule, ...]
    seeds: tuple[str, ...] = ()


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
            "志愿者“爱心妈妈”和代理家长要与留守儿童开展结对帮扶活动做到“五个一”，每学期到留守儿童家中走访一次，"
            "谈心一次，与班主任联系一次，与监护人沟通一次，给留守儿童写信一次",
            (
                _rule("home_visit", "走访一次", ["home_visit"], "term"),
                _rule("talk", "谈心一次", ["talk"], "term"),
                _rule("teacher_contact", "与班主任联系一次", ["teacher_contact"], "term"),
                _rule("guardian_contact", "与监护人沟通一次", ["guardian_contact"], "term"),
                _rule("letter", "写信一次", ["letter"], "term"),
            ),
            seeds=("001_fe9f3770774c1e78.txt",),
        ),
        Preset(
            "aixin-mama-monthly", "宋家沟小学爱心妈妈“五个一”（每月）", "002 宋家沟小学",
            "同时要求爱心妈妈做到“五个一”，即：每月与结对少儿联系一次以上；指导结对留守儿童每月给在外打工的父母"
            "写一封信或打一次电话；每月与结对儿童班主任联系一次；每年陪结对儿童过一次生日",
            (
                _rule("contact", "每月联系一次以上", CONTACT, "month"),
                _rule("parent_link", "指导孩子给父母写信或通话", ["parent_link"], "month"),
                _rule("teacher_contact", "每月与班主任联系一次", ["teacher_contact"], "month"),
                _rule("birthday", "陪过一次生日", ["birthday"], "birthday"),
            ),
            seeds=("002_36012cf3fb6ea49a.txt",),
        ),
        Preset(
            "hubei-double-visit", "湖北省爱心妈妈“双访”与联络制度", "002 湖北省方案",
            "坚持“双访”制度，即访班主任、访临时监护人。“爱心妈妈”每学期要与班主任取得联系，了解孩子的学习情况；"
            "与临时监护人沟通，了解孩子的生活和身心健康情况。三是坚持联络制度……“爱心妈妈”每月定期以电话、见面、"
            "书信等形式与孩子和临时监护人联系，指导孩子给父母写信或通话；每年定期或不定期到家庭看望留守儿童，"
            "每年陪孩子过一次节日",
            (
                _rule("teacher_contact", "每学期与班主任联系", ["teacher_contact"], "term"),
                _rule("guardian_contact", "每学期与监护人联系", ["guardian_contact"], "term"),
                _rule("contact", "每月联络一次", ["call", "meeting", "letter", "talk", "home_visit"], "month"),
                _rule("visit", "每年看望一次", ["home_visit", "meeting"], "year"),
                _rule("festival", "每年陪过一次节日", ["festival"], "year"),
            ),
            seeds=("002_36012cf3fb6ea49a.txt",),
        ),
        Preset(
            "teacher-talk-monthly", "教师每月谈心", "000 方案2",
            "将留守儿童分解给相应任课教师，要求各任课教师每月同留守儿童谈心一次，并做好记录",
            (_rule("talk", "每月谈心一次", ["talk"], "month"),),
            seeds=("000_978a07b7078f44e9.txt",),
        ),
        Preset(
            "teacher-talk-twice-monthly", "教师每月谈心两次", "000 方案7",
            "要求教师每月至少与留守儿童谈心两次，详细填好记录卡",
            (_rule("talk", "每月谈心两次", ["talk"], "month", times=2),),
            seeds=("000_978a07b7078f44e9.txt",),
        ),
        Preset(
            "kindergarten-biweekly", "幼儿园两周谈心、每月联系家长", "000 方案3",
            "教师妈妈每两周不少于一次与“留守幼儿”或家长谈心、交心，并记好交流记录。……"
            "教师妈妈每月至少一次通过电话等方式与家长或托管人联系",
            (
                _rule("talk", "每两周谈心一次", ["talk"], within_days=14),
                _rule("family_call", "每月与家长或监护人通话", ["call", "guardian_contact"], "month"),
            ),
            seeds=("000_978a07b7078f44e9.txt",),
        ),
        Preset(
            "teacher-term-visit", "教师每学期“一次走访、一次帮扶、一次信息核查”", "000 方案8, 003",
            "教师对自己负责帮扶关爱的每个留守儿童每期都要进行一次走访、一次帮扶、一次信息核查并认真作好记录",
            (
                _rule("home_visit", "走访一次", ["home_visit"], "term"),
                _rule("assistance", "帮扶一次", ["assistance"], "term"),
                _rule("info_check", "信息核查一次", ["info_check"], "term"),
            ),
            seeds=("000_978a07b7078f44e9.txt", "003_359c71def9482c61.txt"),
        ),
        Preset(
            "volunteer-monthly", "志愿者每月联系", "000 方案13, 003",
            "要求志愿者至少每月与留守儿童联系一次",
            (_rule("contact", "每月联系一次", ANY_CONTACT, "month"),),
            seeds=("000_978a07b7078f44e9.txt", "003_359c71def9482c61.txt"),
        ),
    )
}


@dataclass(frozen=True)
class DropoutPreset:
    """A named ``dropout:`` setting (控辍保学), quoting the seed it comes from, as duty presets do."""

    name: str
    title: str
    source: str
    quote: str
    settings: Dropout
    seeds: tuple[str, ...] = ()

    @property
    def fragments(self) -> tuple[str, ...]:
        return tuple(part for part in self.quote.split("……") if part)


DEFAULT_DROPOUT = "two-days"

DROPOUT_PRESETS: dict[str, DropoutPreset] = {
    p.name: p
    for p in (
        DropoutPreset(
            "two-days", "无故旷课两天以上劝返，两次劝返未果报镇人民政府（默认）", "000 方案11",
            "学生无故旷课两天以上，具体去向明确，学校两次以上劝未果的，必须填报学生名单报镇人民政府启动劝返复学程序。"
            "对具体去向不明的，由学校和学生父母或其他监护人共同向镇人民政府和派出所报告查找下落",
            Dropout(persuade_after_days=2, report_after_failed=2),
            seeds=("000_978a07b7078f44e9.txt",),
        ),
        DropoutPreset(
            "one-week", "无故不到校超过一个星期劝返，劝返无效即书面报告", "004",
            "对学生无故不到校的，要及时了解原因，超过一个星期的，要及时组织劝返；劝返无效的，书面报告教育管理中心和当地人民政府",
            Dropout(persuade_after_days=7, report_after_failed=1),
            seeds=("004_e1e4252edc4a07c6.txt",),
        ),
    )
}


def dropout_of(program: Program) -> Dropout:
    """The programme's ``dropout`` numbers: its own, or a preset's by name. An unknown
    name gives the default (``liushou check`` reports the name), never no rule at all:
    a child out of school must not drop from the list because of a typo."""
    setting = program.dropout
    if isinstance(setting, Dropout):
        return setting
    preset = DROPOUT_PRESETS.get(setting) or DROPOUT_PRESETS[DEFAULT_DROPOUT]
    return preset.settings
def _program_rule(id: str, name: str, activities: list[str], per: str, times: int = 1) -> ProgramRule:
    return ProgramRule.model_validate({"id": id, "name": name, "activities": activities, "per": per,
                                       "times": times})


# The programme calendars of the seeds that give a cadence (RECORDS.md 1.1 "Programme
# duties"); a one-off ("开展一次……活动" with no period) is not a duty and has no preset.
PROGRAM_PRESETS: dict[str, ProgramPreset] = {
    p.name: p
    for p in (
        ProgramPreset(
            "class-gathering-monthly", "班级每月召开一次留守儿童会", "000 方案2",
            "班级每月召开一次“留守儿童”会，关心他们的学习",
            (_program_rule("monthly_gathering", "每月召开一次留守儿童会", ["gathering"], "month"),),
            seeds=("000_978a07b7078f44e9.txt",),
        ),
        ProgramPreset(
            "kindergarten-term-activities", "幼儿园每学期生日聚会、家长会", "000 方案3",
            "举办一次留守儿童生日聚会，让他们充分感受到幼儿园这个大集体的温暖。……召开一次留守儿童家长会",
            (
                _program_rule("birthday_party", "每学期举办一次留守儿童生日聚会", ["birthday_party"], "term"),
                _program_rule("parents_meeting", "每学期召开一次留守儿童家长会", ["parents_meeting"], "term"),
            ),
            seeds=("000_978a07b7078f44e9.txt",),
        ),
        ProgramPreset(
            "spring-festival-family", "每年春节开展一次家庭亲子活动", "001 篇5",
            "每年春节期间，组织留守流动儿童开展一次家庭亲子活动",
            (_program_rule("spring_festival", "每年春节开展一次家庭亲子活动", ["festival"], "year"),),
            seeds=("001_fe9f3770774c1e78.txt",),
        ),
        ProgramPreset(
            "home-activity-monthly", "社区每月一次家园活动", "001 篇8",
            "社区成立志愿者队伍，开展每月一次的家园活动",
            (_program_rule("home_activity", "每月一次家园活动", ["home_activity"], "month"),),
            seeds=("001_fe9f3770774c1e78.txt",),
        ),
    )
}
