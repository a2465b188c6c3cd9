"""Pydantic schemas of the record format (version 1).

Field names and enum values are the contract's; descriptions are Chinese
because they become the JSON Schemas editors show to coordinators. Unknown
keys are allowed here (``extra="allow"``) and reported as warnings by
``records.validate``, so a typo never loses a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Annotated, ClassVar, Literal

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

# the vocabularies live in `vocab` (no pydantic) so the CLI can offer them cheaply
from liushou_cli.dates import parse_date
from liushou_cli.vocab import CONTACT_KINDS as CONTACT_KINDS  # re-exported
from liushou_cli.vocab import (
    ZH_VALUES,
    Category,
    ConcernType,
    Gender,
    LeftReason,
    Level,
    ParentsAway,
    Per,
    PersuasionResult,
    Role,
    VerifyArchive,
    english_value,
)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"


def _any_date(value: object) -> object:
    """Accept real dates and every text form of the contract (``2026/11/3``,
    ``2026年11月3日``...); anything else is an error at its line."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        found = parse_date(value)
        if found is not None:
            return found
    raise PydanticCustomError("iso_date", "invalid date {value}", {"value": str(value)})


def _words(group: str) -> BeforeValidator:
    """A value written by its Chinese word (男, 留守儿童, 高) read as the English one it
    means (RECORDS.md 1.1); anything else is left for the ``Literal`` to refuse."""

    def english(value: object) -> object:
        if isinstance(value, str):
            return english_value(group, value) or value
        return value

    return BeforeValidator(english)


def _yes_no(value: object) -> object:
    """是/否 for a boolean; ``true``/``false`` are the YAML reader's already."""
    if isinstance(value, str):
        meant = english_value("bool", value)
        if meant is not None:
            return meant == "true"
    return value


def _excused(value: object) -> object:
    """有故/无故 (or 是/否) for an absence's ``excused``."""
    if isinstance(value, str):
        meant = english_value("excused", value) or english_value("bool", value)
        if meant is not None:
            return meant == "true"
    return value


def _text(value: object) -> object:
    """Numbers written without quotes (phones, class names) are kept as text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _kind_words(group: str) -> BeforeValidator:
    """Kinds written by their Chinese names (走访, 家长会) read as the English ones; an
    unknown kind is kept as written, for ``check`` to point at with a suggestion."""

    def english(value: object) -> object:
        if isinstance(value, str):
            return english_value(group, value) or value
        if isinstance(value, list):
            return [english_value(group, v) or v if isinstance(v, str) else v for v in value]
        return value

    english.kinds = group  # type: ignore[attr-defined]  # ``records.setfield``: a choice of these kinds
    return BeforeValidator(english)


IsoDate = Annotated[date, BeforeValidator(_any_date)]
YesNo = Annotated[bool, BeforeValidator(_yes_no)]
ZhGender = Annotated[Gender, _words("gender")]
ZhCategory = Annotated[Category, _words("category")]
ZhParentsAway = Annotated[ParentsAway, _words("parents_away")]
ZhLeftReason = Annotated[LeftReason, _words("left_reason")]
ZhLevel = Annotated[Level, _words("level")]
ZhConcernType = Annotated[ConcernType, _words("concern")]
ZhRole = Annotated[Role, _words("role")]
ZhPersuasionResult = Annotated[PersuasionResult, _words("persuasion")]
Excused = Annotated[bool, BeforeValidator(_excused)]
ZhVerifyArchive = Annotated[VerifyArchive, _words("verify_archive")]
Id = Annotated[str, BeforeValidator(_text), Field(pattern=ID_PATTERN, description="编号：字母或数字开头，可含 _ 和 -")]
Text = Annotated[str, BeforeValidator(_text)]
Phone = Annotated[str, BeforeValidator(_text), Field(description="联系电话（建议加引号）")]


class Record(BaseModel):
    # defer_build: the validators are built when a file is first validated, not at import:
    # a warm run takes its records from the cache and validates nothing
    model_config = ConfigDict(extra="allow", populate_by_name=True, frozen=False, defer_build=True)


class Term(Record):
    id: Id = Field(description="学期编号，如 2026-autumn")
    name: Text | None = Field(None, description="学期名称，如 2026年秋季学期")
    start: IsoDate = Field(description="开学日期")
    end: IsoDate = Field(description="学期结束日期")


class Rule(Record):
    id: Id = Field(description="规则编号，在所在列表中唯一")
    name: Text = Field(description="规则名称，如 走访一次")
    kinds: list[Text] = Field(min_length=1, description="哪些联系类型算数")
    per: Per | None = Field(None, description="按周期：term 每学期 / month 每月 / year 每年 / birthday 生日前后")
    times: int = Field(1, ge=1, description="每个周期需要的次数，默认 1")
    within_days: int | None = Field(None, ge=1, description="滚动间隔：两次联系最多相隔的天数")

    @model_validator(mode="after")
    def _one_shape(self) -> Rule:
        if (self.per is None) == (self.within_days is None):
            raise PydanticCustomError("rule_shape", "exactly one of per and within_days")
        return self


Duties = str | list[Rule]


class Dropout(Record):
    """控辍保学's numbers (RECORDS.md 1.1); the defaults are 000 方案11's."""

    persuade_after_days: int = Field(2, ge=0, description="无故缺课超过多少天须组织劝返，默认 2（000 方案11：旷课两天以上）")
    report_after_failed: int = Field(2, ge=1, description="劝返未果几次须报镇人民政府，默认 2（000 方案11：两次以上劝未果）")


def _level_key(level: str) -> AliasChoices:
    """A level's key in ``risk_duties``: the English one, or a Chinese word for it (高, 高风险)."""
    return AliasChoices(level, *(word for word, value in ZH_VALUES["level"].items() if value == level))


# 分类施策 (RECORDS.md 1.1): the rules each risk level adds to every pairing of a child at
# that level (no docstring: it would be the JSON Schema's description, which is Chinese). A
# key that is no level is an error (``UNKNOWN_KEY``, ``records.validate``): a misspelt level
# would silently drop its duties.
class RiskDuties(Record):

    UNKNOWN_KEY: ClassVar[str] = "unknown-risk-level"

    high: list[Rule] = Field(default_factory=list, validation_alias=_level_key("high"),
                             description="高风险儿童每个结对另加的职责规则")
    medium: list[Rule] = Field(default_factory=list, validation_alias=_level_key("medium"),
                               description="中风险儿童每个结对另加的职责规则")
    low: list[Rule] = Field(default_factory=list, validation_alias=_level_key("low"),
                            description="低风险儿童每个结对另加的职责规则")

    def of(self, level: str) -> list[Rule]:
        """The rules of ``level`` (``high``, ``medium``, ``low``)."""
        return self.high if level == "high" else self.medium if level == "medium" else self.low if level == "low" else []
class ProgramRule(Record):
    """A duty of the programme itself (RECORDS.md 1.1 "Programme duties"): so many group
    activities of some kinds each term, month or year."""

    id: Id = Field(description="规则编号，在 program_duties 中唯一")
    name: Text = Field(description="规则名称，如 每月召开一次留守儿童会")
    activities: Annotated[list[Text], _kind_words("activity")] = Field(
        min_length=1, description="哪些集体活动类型算数，如 [gathering] 或 [留守儿童会]")
    per: Annotated[Literal["term", "month", "year"], _words("per")] = Field(
        description="周期：term 每学期 / month 每月 / year 每年")
    times: int = Field(1, ge=1, description="每个周期需要的次数，默认 1")


ProgramDuties = str | list[str | ProgramRule]


class Program(Record):
    program: Text = Field(description="项目名称")
    organization: Text | None = Field(None, description="组织单位")
    coordinator: Text | None = Field(None, description="负责人")
    terms: list[Term] = Field(default_factory=list, description="学期，不得重叠")
    duties: Duties = Field("five-ones-term", description="帮扶职责：内置方案名，或规则列表")
    due_soon_days: int = Field(14, ge=0, description="提前多少天提示“即将到期”，默认 14")
    risk_assessment_months: list[Annotated[int, Field(ge=1, le=12)]] = Field(
        default_factory=lambda: [3, 9], description="每年哪几个月做风险评估，默认 [3, 9]"
    )
    dropout: str | Dropout = Field(
        default_factory=Dropout,
        description="控辍保学：劝返和报告的天数、次数，或内置方案名（school-two-days 默认，000 方案11；one-week，004）",
    )
    risk_duties: RiskDuties | None = Field(
        None, description="分类施策：按儿童当前风险等级（high 高 / medium 中 / low 低）给每个结对另加的职责规则"
    )
    verify_archive: ZhVerifyArchive = Field(
        "none", description="档案核查（动态排查）：none 不要求 / month 每月 / term 每学期，默认 none"
    )
    program_duties: ProgramDuties = Field(
        default_factory=list,
        description="项目自己的职责（集体活动）：内置方案名，或方案名与规则的列表",
    )
    contacts_file: Text | None = Field(
        None,
        description="liushou log 写入联系记录的文件，可用 {year} {month}，默认 contacts/{year}-{month}.csv（每月一个文件）",
    )


class PersonRef(Record):
    name: Text | None = Field(None, description="姓名")
    phone: Phone | None = None


class Parent(Record):
    name: Text | None = Field(None, description="姓名")
    relation: Text | None = Field(None, description="与儿童关系，如 父亲")
    phone: Phone | None = None
    work_place: Text | None = Field(None, description="务工地点")
    employer: Text | None = Field(None, description="务工单位")
    employer_phone: Phone | None = Field(None, description="务工单位电话")


class Guardian(Record):
    name: Text | None = Field(None, description="监护人姓名")
    relation: Text | None = Field(None, description="与儿童关系，如 祖母")
    age: int | None = Field(None, ge=0, le=130, description="年龄")
    health: Text | None = Field(None, description="身体状况")
    occupation: Text | None = Field(None, description="职业")
    phone: Phone | None = None
    address: Text | None = Field(None, description="家庭住址")


class Left(Record):
    date: IsoDate = Field(description="离开项目的日期")
    reason: ZhLeftReason | None = Field(None, description="原因：parents_returned 父母返乡 / transferred 转学 / graduated 毕业 / other 其他")


class RiskAssessment(Record):
    date: IsoDate = Field(description="评估日期")
    level: ZhLevel = Field(description="风险等级：low 低 / medium 中 / high 高")
    by: Text | None = Field(None, description="评估人")
    notes: Text | None = Field(None, description="说明")


class Reported(Record):
    date: IsoDate = Field(description="报告日期")
    to: Text = Field(description="报告给谁，如 镇派出所、镇人民政府")


class Concern(Record):
    date: IsoDate = Field(description="发现日期")
    type: ZhConcernType = Field(description="强制报告情形：unsupervised 脱离监护单独居住 / missing 失踪 / guardian_incapable 监护人丧失监护能力或不履行监护责任 / suspected_harm 疑似遭受意外伤害或不法侵害 / other 其他情形")
    notes: Text | None = Field(None, description="情况说明")
    reported: Reported | None = Field(None, description="已报告；缺省表示尚未报告")


class Persuasion(Record):
    date: IsoDate = Field(description="劝返日期")
    by: Text | None = Field(None, description="劝返人，如 李老师")
    result: ZhPersuasionResult = Field(description="结果：failed 劝返未果 / returned 已返校")
    notes: Text | None = Field(None, description="情况说明")


class Absence(Record):
    from_: IsoDate = Field(alias="from", description="缺课第一天")
    to: IsoDate | None = Field(None, description="缺课最后一天；仍未到校时不写")
    excused: Excused = Field(False, description="是否有故（请假、生病等），默认 false（无故）")
    whereabouts_known: YesNo = Field(True, description="具体去向是否明确，默认 true")
    persuasions: list[Persuasion] = Field(default_factory=list, description="劝返")
    reported: Reported | None = Field(None, description="已报告；缺省表示尚未报告")
    notes: Text | None = Field(None, description="情况说明")

    def last_day(self) -> date | None:
        """The last day missed: ``to``, else the day before the first ``returned``
        persuasion (back at school that day), else None (still away)."""
        if self.to is not None:
            return self.to
        back = min((p.date for p in self.persuasions if p.result == "returned"), default=None)
        return None if back is None else max(back - timedelta(days=1), self.from_)


class Consent(Record):
    date: IsoDate = Field(description="监护人同意建档的日期")
    by: Text | None = Field(None, description="同意人")


class Child(Record):
    id: Id
    name: Text = Field(description="儿童姓名")
    gender: ZhGender | None = Field(None, description="性别：male 男 / female 女")
    birth_date: IsoDate | None = Field(None, description="出生日期")
    school: Text | None = Field(None, description="就读学校")
    grade: Text | None = Field(None, description="年级")
    class_: Text | None = Field(None, alias="class", description="班级")
    class_teacher: PersonRef | None = Field(None, description="班主任")
    boarding: YesNo | None = Field(None, description="是否寄宿")
    categories: list[ZhCategory] = Field(default_factory=list, description="儿童类别（可多选）：left_behind 留守儿童 / in_difficulty 困境儿童 / disabled 残疾儿童 / single_parent 单亲儿童 / orphan 孤儿 / migrant 流动儿童")
    parents_away: ZhParentsAway | None = Field(None, description="父母外出情况：both 父母双方外出 / father 父亲外出 / mother 母亲外出 / none 父母均在家")
    parents: list[Parent] = Field(default_factory=list, description="父母")
    guardian: Guardian | None = Field(None, description="监护人或委托监护人")
    village: Text | None = Field(None, description="村/居")
    address: Text | None = Field(None, description="家庭住址")
    enrolled: IsoDate = Field(description="纳入项目（建档）日期")
    left: Left | None = Field(None, description="离开项目；在册时不写")
    risk_assessments: list[RiskAssessment] = Field(default_factory=list, description="风险评估")
    concerns: list[Concern] = Field(default_factory=list, description="强制报告事项")
    absences: list[Absence] = Field(default_factory=list, description="缺课（控辍保学）")
    verified: list[IsoDate] = Field(default_factory=list, description="负责人核查档案（与实际情况核对）的日期")
    consent: Consent | None = Field(None, description="监护人同意建档")
    notes: Text | None = Field(None, description="备注，如兴趣爱好")

    def active_on(self, day: date) -> bool:
        return self.enrolled <= day and not (self.left is not None and self.left.date <= day)


class Helper(Record):
    id: Id
    name: Text = Field(description="帮扶人姓名")
    role: ZhRole | None = Field(None, description="身份：teacher 教师 / aixin_mama 爱心妈妈 / proxy_parent 代理家长 / volunteer 志愿者 / student_buddy 学习帮手 / elder 五老")
    unit: Text | None = Field(None, description="单位")
    position: Text | None = Field(None, description="职务")
    phone: Phone | None = None
    address: Text | None = Field(None, description="住址")
    birth_date: IsoDate | None = Field(None, description="出生日期")
    education: Text | None = Field(None, description="文化程度")
    political_status: Text | None = Field(None, description="政治面貌")
    notes: Text | None = Field(None, description="备注")


class Agreement(Record):
    date: IsoDate | None = Field(None, description="签订结对卡/承诺书的日期")


class Pairing(Record):
    id: Id
    child: Id = Field(description="儿童编号")
    helpers: list[Id] = Field(min_length=1, description="帮扶人编号，可多人（多对一）")
    start: IsoDate = Field(description="结对开始日期")
    end: IsoDate | None = Field(None, description="结对结束日期；进行中不写")
    duties: Duties | None = Field(None, description="本结对自己的职责：内置方案名或规则列表")
    agreement: Agreement | None = Field(None, description="结对卡/承诺书")
    notes: Text | None = Field(None, description="备注")

    def active_on(self, day: date, child: Child | None) -> bool:
        """The contract's definition: started, not ended before ``day``, child active."""
        if self.start > day or (self.end is not None and self.end < day):
            return False
        return child is not None and child.active_on(day)


class Activity(Record):
    """A group activity (集体活动, RECORDS.md 1.1): who took part, and what contact it gives
    each of them (``counts_as``)."""

    id: Id
    date: IsoDate = Field(description="活动日期")
    kind: Annotated[Text, _kind_words("activity")] = Field(
        description="活动类型：parents_meeting 家长会 / birthday_party 集体生日会 / festival 节日活动 / "
                    "lecture 讲座/培训 / counselling 心理辅导 / family_call 亲情电话 / letters 两地书 / "
                    "gathering 留守儿童会 / home_activity 家园活动 / other 其他")
    name: Text = Field(description="活动名称，如 留守儿童家长会")
    children: list[Id] = Field(default_factory=list, description="参加的儿童编号")
    helpers: list[Id] = Field(default_factory=list, description="参加的帮扶人编号")
    counts_as: Annotated[list[Text], _kind_words("kind")] = Field(
        default_factory=list, description="对每个参加儿童算作哪些联系类型，如 [guardian_contact]")
    summary: Text | None = Field(None, description="活动内容")
    materials: list[Text] = Field(default_factory=list, description="照片、材料（相对记录文件夹的路径）")
    notes: Text | None = Field(None, description="备注")


@dataclass(slots=True, unsafe_hash=True)
class Contact:
    """One row of the contact log, with where it stands (``path``, 1-based ``line``).

    Never changed once read, but not ``frozen``: a frozen dataclass sets each field
    through ``object.__setattr__``, and a county's 60,000 rows are made on every load
    (from the cache too), six times slower than plain slots. Hashed by its fields."""

    date: date
    pairing: str
    kinds: tuple[str, ...]
    helper: str | None = None
    channel: str | None = None
    minutes: int | None = None
    summary: str | None = None
    path: str = ""
    line: int = 0
    # 1-based column of each named cell on its row, so a problem can point at the cell
    cols: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    # the ``child`` cell as written (an id or a name) while the row's pairing is not yet
    # known from it (``records.resolve``); None in every contact of loaded records
    child: str | None = None
    # the id of the group activity this contact stands for (``counts_as``), None for a log row
    activity: str | None = field(default=None, compare=False)

    def col(self, name: str) -> int:
        """Column of the ``name`` cell (``date``, ``pairing``, ...), 1 if unknown."""
        return next((c for n, c in self.cols if n == name), 1)
