"""Write ``examples/records``: a realistic example programme built from the seeds.

A village school's care programme (水湖镇水三村小学 with its kindergarten) over
three terms, 2025 autumn to 2026 autumn: the 40 children of 水三村 listed in
seed 000 方案5 (by grade and gender), their helpers (teachers, 爱心妈妈, 代理家长,
a 五老 elder, a college volunteer squad, student buddies), pairings of every
shape, a school year and more of contacts, and the gaps a real log has.

Deterministic (one seeded ``random.Random``) and standard library only, so the
example can be rebuilt and reviewed as a diff. Names are invented; phone numbers
are in the 138-0000-xxxx test range. Run from anywhere:

    python examples/build_example.py

It rewrites ``liushou.yaml``, ``children/``, ``helpers/``, ``pairings/``,
``contacts/``, ``activities/`` and ``materials/`` under ``examples/records``; ``README.md`` and ``reports/`` there
are written by hand and left alone. ``python examples/build_example.py DIR``
writes the same files under DIR instead (the tests use this to prove the
committed example is exactly what the script produces).
"""

from __future__ import annotations

import csv
import io
import random
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "records"
TODAY = date(2026, 11, 23)          # the "as of" day the README's commands use
LAST_CONTACT = date(2026, 11, 20)   # the log was last brought up to date on Friday
SEED = 20250901
RNG = random.Random(SEED)

SCHOOL = "水湖镇水三村小学"
KINDERGARTEN = "水湖镇水三村小学附属幼儿园"
VILLAGE = "水三村"

TERMS = [
    ("2025-autumn", "2025年秋季学期", date(2025, 9, 1), date(2026, 1, 23)),
    ("2026-spring", "2026年春季学期", date(2026, 3, 2), date(2026, 7, 10)),
    ("2026-autumn", "2026年秋季学期", date(2026, 9, 1), date(2027, 1, 22)),
]

# ---------------------------------------------------------------- helpers

@dataclass
class Helper:
    id: str
    name: str
    role: str
    unit: str
    position: str
    phone: str | None = None
    address: str | None = None
    birth_date: date | None = None
    education: str | None = None
    political_status: str | None = None
    notes: str | None = None


def _phone(n: int) -> str:
    """A number in the 138-0000-xxxx test range: never a real subscriber."""
    return f"1380000{n:04d}"


HELPERS = [
    Helper("H001", "刘静", "teacher", SCHOOL, "德育处主任", _phone(101), "水湖镇集镇新街", date(1979, 5, 12), "本科", "中共党员",
           "项目负责人，兼任心理辅导教师"),
    Helper("H002", "张秀梅", "teacher", SCHOOL, "二年级班主任", _phone(102), "水湖镇水三村二组", date(1985, 3, 8), "大专", "群众"),
    Helper("H003", "李建国", "teacher", SCHOOL, "三年级班主任", _phone(103), "水湖镇集镇东街", date(1976, 11, 2), "大专", "中共党员"),
    Helper("H004", "王红霞", "teacher", SCHOOL, "四年级班主任", _phone(104), "水湖镇水二村一组", date(1988, 7, 19), "本科", "群众"),
    Helper("H005", "赵志刚", "teacher", SCHOOL, "五年级班主任", _phone(105), "水湖镇集镇新街", date(1972, 1, 25), "中师", "中共党员"),
    Helper("H006", "陈丽", "teacher", SCHOOL, "六年级班主任", _phone(106), "水湖镇水三村四组", date(1990, 9, 30), "本科", "共青团员"),
    Helper("H007", "周晓燕", "teacher", KINDERGARTEN, "大班教师", _phone(107), "水湖镇集镇西街", date(1992, 4, 14), "大专", "群众",
           "幼儿园“教师妈妈”"),
    Helper("H008", "吴婷", "teacher", KINDERGARTEN, "中班教师", _phone(108), "水湖镇水四村三组", date(1995, 12, 3), "大专", "共青团员",
           "幼儿园“教师妈妈”"),
    Helper("H009", "郑敏", "teacher", KINDERGARTEN, "小班教师", _phone(109), "水湖镇集镇新街", date(1998, 6, 21), "大专", "共青团员",
           "幼儿园“教师妈妈”，2026年秋季学期起带小班"),
    Helper("H010", "严春兰", "aixin_mama", SCHOOL, "教师", _phone(110), "水湖镇集镇东街", date(1981, 2, 16), "大专", "中共党员",
           "一对多：结对二年级三名女生"),
    Helper("H011", "胡美华", "aixin_mama", "水湖镇妇联", "妇联主席", _phone(111), "水湖镇集镇新街", date(1978, 8, 9), "本科", "中共党员",
           "按省妇联“双访”制度开展帮扶"),
    Helper("H012", "何桂芝", "aixin_mama", "水三村村委会", "村妇联主席", _phone(112), "水湖镇水三村一组", date(1974, 10, 5), "高中", "中共党员"),
    Helper("H013", "彭丽娟", "aixin_mama", "水湖镇卫生院", "护士", _phone(113), "水湖镇集镇南街", date(1987, 5, 27), "大专", "群众",
           "2026年7月调往县人民医院，结对由何桂芝接续"),
    Helper("H014", "黄小芳", "aixin_mama", "水湖镇某服装加工厂", "负责人", _phone(114), "水湖镇工业园", date(1983, 12, 11), "高中", "群众",
           "女企业家，资助结对儿童学习和生活费用"),
    Helper("H015", "罗艳", "aixin_mama", "水湖镇中心小学", "教师", _phone(115), "水湖镇集镇西街", date(1986, 3, 3), "本科", "中共党员"),
    Helper("H016", "杨德明", "proxy_parent", "水三村村委会", "党支部书记", _phone(116), "水湖镇水三村三组", date(1968, 4, 22), "高中", "中共党员"),
    Helper("H017", "孙卫东", "proxy_parent", "水三村村委会", "五组村民组长", _phone(117), "水湖镇水三村五组", date(1971, 9, 13), "初中", "中共党员"),
    Helper("H018", "马玉兰", "proxy_parent", "水湖镇人民政府", "民政办干部", _phone(118), "水湖镇集镇新街", date(1984, 1, 30), "本科", "中共党员"),
    Helper("H019", "冯国华", "elder", "水湖镇关工委", "退休教师（五老）", _phone(119), "水湖镇水三村二组", date(1953, 7, 1), "中师", "中共党员",
           "校外义务辅导员"),
    # 志愿者小分队（多对一，000 方案5“大手牵小手”）
    Helper("H020", "许子豪", "volunteer", "江城理工学院团委", "第一小分队负责人", _phone(120), notes="2026年5月“大手牵小手”活动结对"),
    Helper("H021", "韩雨欣", "volunteer", "江城理工学院团委", "第一小分队队员", _phone(121)),
    Helper("H022", "曹一鸣", "volunteer", "江城理工学院团委", "第一小分队队员", _phone(122)),
    Helper("H023", "邓佳怡", "volunteer", "江城理工学院团委", "第一小分队队员", _phone(123)),
    Helper("H024", "谢宇航", "volunteer", "江城理工学院团委", "第二小分队负责人", _phone(124), notes="2026年5月“大手牵小手”活动结对"),
    Helper("H025", "唐诗雨", "volunteer", "江城理工学院团委", "第二小分队队员", _phone(125)),
    Helper("H026", "宋佳琪", "volunteer", "江城理工学院团委", "第二小分队队员", _phone(126)),
    # 学习帮手（手拉手小伙伴）: pupils, so no phone of their own
    Helper("H027", "易子涵", "student_buddy", SCHOOL, "三(1)班学生", notes="手拉手小伙伴，由班主任李建国老师指导并记录"),
    Helper("H028", "陈雨桐", "student_buddy", SCHOOL, "二(1)班学生", notes="手拉手小伙伴，由班主任张秀梅老师指导并记录"),
    Helper("H029", "黄浩然", "student_buddy", SCHOOL, "五(1)班学生", notes="手拉手小伙伴，由班主任赵志刚老师指导并记录"),
]
HELPER = {h.id: h for h in HELPERS}

# ---------------------------------------------------------------- children

# (id, grade, class, gender, class teacher): 000 方案5 lists 水三村's 40 children:
# 二年级5人(1男4女) 三年级4人(2男2女) 四年级4人(4女) 五年级1人(男) 六年级3人(1男2女)
# 幼儿园23人(13男10女). C041 is the 41st record: a child who has left.
ROSTER = [
    ("C001", "二年级", "二(1)班", "male", "H002"),
    ("C002", "二年级", "二(1)班", "female", "H002"),
    ("C003", "二年级", "二(1)班", "female", "H002"),
    ("C004", "二年级", "二(1)班", "female", "H002"),
    ("C005", "二年级", "二(1)班", "female", "H002"),
    ("C006", "三年级", "三(1)班", "male", "H003"),
    ("C007", "三年级", "三(1)班", "male", "H003"),
    ("C008", "三年级", "三(1)班", "female", "H003"),
    ("C009", "三年级", "三(1)班", "female", "H003"),
    ("C010", "四年级", "四(1)班", "female", "H004"),
    ("C011", "四年级", "四(1)班", "female", "H004"),
    ("C012", "四年级", "四(1)班", "female", "H004"),
    ("C013", "四年级", "四(1)班", "female", "H004"),
    ("C014", "五年级", "五(1)班", "male", "H005"),
    ("C015", "六年级", "六(1)班", "male", "H006"),
    ("C016", "六年级", "六(1)班", "female", "H006"),
    ("C017", "六年级", "六(1)班", "female", "H006"),
    *[(f"C{n:03d}", "幼儿园", "大班", g, "H007") for n, g in zip(range(18, 26), "MFMMFMFM", strict=True)],
    *[(f"C{n:03d}", "幼儿园", "中班", g, "H008") for n, g in zip(range(26, 34), "MFMFMMFM", strict=True)],
    *[(f"C{n:03d}", "幼儿园", "小班", g, "H009") for n, g in zip(range(34, 41), "FMFMFFM", strict=True)],
    ("C041", "三年级", "三(1)班", "male", "H003"),
]

# School year of birth for each grade in 2026 (born Sep of the first year to Aug of the next).
BIRTH_YEAR = {"二年级": 2018, "三年级": 2017, "四年级": 2016, "五年级": 2015, "六年级": 2014,
              "大班": 2020, "中班": 2021, "小班": 2022}

SURNAMES = ["陈", "陈", "陈", "黄", "黄", "刘", "刘", "易", "易", "李", "张", "王", "周", "胡", "杨", "徐", "彭", "邓", "吴", "万"]
OTHER_SURNAMES = ["王", "李", "张", "赵", "孙", "周", "吴", "郑", "何", "罗", "高", "林", "郭", "梁", "宋", "谢", "唐", "韩", "曹", "许",
                  "邹", "熊", "余", "程", "汪", "田", "方", "石", "姚", "谭"]
BOY = ["浩宇", "子轩", "俊杰", "宇航", "梓豪", "明轩", "浩然", "一鸣", "嘉豪", "天佑", "博文", "思远", "家乐", "志强", "锦程",
       "睿泽", "文博", "子墨", "晨阳", "雨泽"]
GIRL = ["雨涵", "欣怡", "梓涵", "诗琪", "可馨", "思彤", "佳怡", "紫萱", "语嫣", "若曦", "晓雪", "欣悦", "梦瑶", "一诺", "安琪",
        "雅静", "子萱", "心怡", "梓萌", "书瑶"]
FATHER = ["建军", "国强", "志勇", "海波", "红兵", "永刚", "俊峰", "小龙", "文华", "德胜", "春生", "家兴", "卫平", "明亮", "学军"]
MOTHER = ["春燕", "丽萍", "小红", "秀英", "玉梅", "艳", "翠萍", "海燕", "小娟", "丽华", "美玲", "金凤", "晓琴", "红梅", "桂香"]
GRANDMA = ["桂兰", "秀英", "玉兰", "凤英", "翠花", "春秀", "菊香", "冬梅", "金莲", "素珍", "月娥", "淑芬"]
GRANDPA = ["德明", "长青", "有才", "福贵", "国华", "正山", "树林", "光明", "炳坤", "开富", "士杰", "元庆"]

WORK = [
    ("广东省东莞市长安镇", "某电子厂"), ("广东省东莞市虎门镇", "某服装厂"), ("浙江省义乌市", "小商品市场商户"),
    ("浙江省义乌市", "某饰品厂"), ("广东省深圳市宝安区", "某手机配件厂"), ("江苏省苏州市昆山市", "某电子厂"),
    ("上海市松江区", "某物流公司"), ("福建省晋江市", "某鞋厂"), ("广东省佛山市顺德区", "某家具厂"),
    ("湖北省武汉市", "建筑工地"), ("浙江省宁波市慈溪市", "某家电厂"), ("广东省广州市白云区", "某餐馆"),
]
HEALTH = ["良好", "良好", "一般", "一般", "一般", "高血压", "腿脚不便", "视力较差", "患糖尿病"]
INTERESTS = ["喜欢画画", "爱看故事书", "喜欢跳绳", "性格内向，不爱说话", "数学基础薄弱", "作文写得好", "爱踢足球", "喜欢唱歌",
             "爱做手工", "性格活泼，爱帮助同学", "字写得工整", "喜欢下象棋", "胆子小，想念妈妈", "好动，上课注意力不集中"]
KG_INTERESTS = ["喜欢搭积木", "爱听故事", "喜欢唱儿歌", "胆子小，入园哭闹", "爱画画", "喜欢玩沙子", "能自己吃饭穿衣", "说话较晚"]

# Family situations that are not "both parents away, a grandparent cares".
PROFILE = {
    "C005": "father", "C012": "father", "C020": "father", "C029": "father", "C035": "father",
    "C009": "single_mother", "C027": "single_father", "C033": "mother",
    "C007": "difficulty", "C016": "difficulty", "C037": "difficulty",
    "C015": "orphan", "C022": "disabled",
}
PINNED_BIRTH = {"C009": date(2017, 11, 8), "C012": date(2016, 11, 28)}
ENROLLED = {"C040": date(2026, 11, 9)}
GRANDFATHER_GUARDIAN = {"C014", "C025", "C031", "C040"}
MATERNAL = {"C004", "C019", "C030", "C039"}
VOLUNTEER_CHILDREN = {"C018", "C019"}


@dataclass
class Child:
    id: str
    grade: str
    klass: str
    gender: str
    teacher: str
    name: str = ""
    given: str = ""
    birth: date = date(2000, 1, 1)
    enrolled: date = date(2025, 9, 5)
    profile: str = "both"
    parents: list[dict[str, object]] = field(default_factory=list)
    guardian: dict[str, object] = field(default_factory=dict)
    guardian_word: str = "奶奶"
    group: str = ""
    categories: list[str] = field(default_factory=list)
    parents_away: str = "both"
    work_place: str = ""
    notes: str = ""
    left: date | None = None
    risk: list[dict[str, object]] = field(default_factory=list)
    concerns: list[dict[str, object]] = field(default_factory=list)
    absences: list[dict[str, object]] = field(default_factory=list)
    verified: list[date] = field(default_factory=list)


def _birth(grade: str, klass: str) -> date:
    year = BIRTH_YEAR[klass if grade == "幼儿园" else grade]
    start = date(year, 9, 1)
    return start + timedelta(days=RNG.randrange(365))


def _avoid_autumn_birthday(day: date) -> date:
    """Children of monthly-birthday pairings: keep birthdays away from the
    weeks around the example's "today", so only the pinned ones show there
    (moved into January-August of the same school year of birth)."""
    if (10, 20) <= (day.month, day.day) <= (12, 10):
        year = day.year + 1
        return date(year, 1, 5) + timedelta(days=RNG.randrange(230))
    return day


def build_children() -> list[Child]:
    children: list[Child] = []
    used: set[str] = set()
    for cid, grade, klass, gender, teacher in ROSTER:
        c = Child(cid, grade, klass, "male" if gender in ("male", "M") else "female", teacher)
        surname = RNG.choice(SURNAMES)
        while True:
            given = RNG.choice(BOY if c.gender == "male" else GIRL)
            if surname + given not in used:
                break
        used.add(surname + given)
        c.name, c.given = surname + given, given
        c.birth = PINNED_BIRTH.get(cid) or _birth(grade, klass)
        if klass == "小班":
            c.enrolled = ENROLLED.get(cid, date(2026, 9, 7))  # 小班 children started kindergarten in 2026
        else:
            c.enrolled = date(2025, 9, RNG.choice([5, 8, 9]))
        c.profile = PROFILE.get(cid, "both")
        c.group = f"{'一二三四五六七八'[RNG.randrange(8)]}组"
        _family(c, surname)
        pool = KG_INTERESTS if grade == "幼儿园" else INTERESTS
        c.notes = RNG.choice(pool)
        children.append(c)
    return children


def _family(c: Child, surname: str) -> None:
    n = int(c.id[1:])
    father: dict[str, object] = {"name": surname + RNG.choice(FATHER), "relation": "父亲", "phone": _phone(1000 + n * 10 + 1)}
    mother: dict[str, object] = {"name": RNG.choice(OTHER_SURNAMES) + RNG.choice(MOTHER), "relation": "母亲", "phone": _phone(1000 + n * 10 + 2)}
    place, employer = RNG.choice(WORK)
    if c.id == "C040":  # the story in its notes: the mother went to 义乌 after 国庆
        place, employer = "浙江省义乌市", "某饰品厂"
    c.work_place = place
    away = {"work_place": place, "employer": employer}
    maternal = c.id in MATERNAL
    if c.id in GRANDFATHER_GUARDIAN:
        g_name, g_rel, c.guardian_word = surname + RNG.choice(GRANDPA), "祖父", "爷爷"
    elif maternal:
        g_name, g_rel, c.guardian_word = RNG.choice(OTHER_SURNAMES) + RNG.choice(GRANDMA), "外祖母", "外婆"
    else:
        g_name, g_rel, c.guardian_word = RNG.choice(OTHER_SURNAMES) + RNG.choice(GRANDMA), "祖母", "奶奶"
    age = RNG.randint(58, 76)
    health = RNG.choice(HEALTH) if age < 70 else RNG.choice(["一般", "高血压", "腿脚不便", "体弱多病"])
    guardian = {"name": g_name, "relation": g_rel, "age": age, "health": health, "occupation": RNG.choice(["务农", "务农", "在家", "打零工"]),
                "phone": _phone(1000 + n * 10 + 3), "address": f"水湖镇水三村{c.group}"}
    c.categories, c.parents_away = ["left_behind"], "both"
    c.parents = [{**father, **away}, {**mother, **away}]
    match c.profile:
        case "father":
            c.parents_away = "father"
            c.parents = [{**father, **away}, mother]
            guardian = {"name": mother["name"], "relation": "母亲", "age": RNG.randint(30, 38), "health": "良好",
                        "occupation": "在家务农", "phone": mother["phone"], "address": f"水湖镇水三村{c.group}"}
            c.guardian_word = "妈妈"
        case "mother":
            c.parents_away = "mother"
            c.parents = [{**father, "work_place": "水湖镇", "employer": "跑货运，常年在外"}, {**mother, **away}]
        case "single_mother":
            c.parents_away, c.categories = "mother", ["left_behind", "single_parent"]
            c.parents = [{**mother, **away}]
        case "single_father":
            c.parents_away, c.categories = "father", ["left_behind", "single_parent"]
            c.parents = [{**father, **away}]
        case "difficulty":
            c.categories = ["left_behind", "in_difficulty"]
        case "orphan":
            c.parents_away, c.categories, c.parents = "none", ["orphan", "in_difficulty"], []
            guardian["age"], guardian["health"] = 74, "高血压"
        case "disabled":
            c.categories = ["left_behind", "disabled"]
    if c.id == "C040":  # just enrolled: the grandfather has no phone of his own yet
        guardian.pop("phone")
    c.guardian = guardian


# ---------------------------------------------------------------- pairings

@dataclass
class Pairing:
    id: str
    child: str
    helpers: list[str]
    start: date
    duties: str | None = None       # a preset name; "buddy" for the custom rule list
    end: date | None = None
    notes: str | None = None


BUDDY_RULES = "buddy"


def build_pairings() -> list[Pairing]:
    p: list[Pairing] = []

    def add(child: str, helpers: list[str], start: date, duties: str | None = None, **kw: object) -> None:
        p.append(Pairing(f"P{len(p) + 1:03d}", child, helpers, start, duties, **kw))  # type: ignore[arg-type]

    sep12, sep10, sep15 = date(2025, 9, 12), date(2025, 9, 10), date(2025, 9, 15)
    for cid in ("C002", "C003", "C004"):
        add(cid, ["H010"], sep12, "aixin-mama-monthly", notes="爱心妈妈一对多结对")
    add("C001", ["H002"], sep10, "teacher-talk-monthly")
    add("C005", ["H002"], sep10, "teacher-talk-monthly")
    add("C001", ["H028"], sep15, BUDDY_RULES, notes="手拉手学习帮手")
    add("C006", ["H003"], sep10, "teacher-talk-monthly")
    add("C007", ["H001"], sep10, None, notes="重点帮扶对象：祖父患病，家庭困难")
    add("C006", ["H027"], sep15, BUDDY_RULES, notes="手拉手学习帮手")
    add("C008", ["H013"], sep12, "aixin-mama-monthly", end=date(2026, 6, 30),
        notes="彭丽娟调往县人民医院工作，结对于2026年6月30日结束")
    add("C008", ["H012"], date(2026, 9, 8), "aixin-mama-monthly", notes="接续原爱心妈妈彭丽娟的结对（P010）")
    add("C009", ["H015"], sep12, "aixin-mama-monthly")
    add("C010", ["H011"], date(2025, 9, 20), "hubei-double-visit")
    add("C011", ["H011"], date(2025, 9, 20), "hubei-double-visit")
    add("C012", ["H012"], sep12, "aixin-mama-monthly")
    add("C013", ["H012"], sep12, "aixin-mama-monthly")
    add("C014", ["H005"], sep10, "teacher-talk-monthly")
    add("C014", ["H029"], sep15, BUDDY_RULES, notes="手拉手学习帮手")
    add("C015", ["H006"], sep10, "teacher-talk-monthly")
    add("C015", ["H019"], date(2025, 10, 15), None, notes="关工委“五老”校外义务辅导员结对")
    add("C016", ["H014"], sep12, "aixin-mama-monthly", notes="资助学习和生活费用")
    add("C017", ["H015"], sep12, "aixin-mama-monthly")
    add("C041", ["H003"], sep10, "teacher-talk-monthly", end=date(2026, 10, 7), notes="儿童父母返乡，结对结束")
    for n in range(18, 26):
        add(f"C{n:03d}", ["H007"], sep10, "teacher-term-visit")
    add("C018", ["H020", "H021", "H022", "H023"], date(2026, 5, 23), "volunteer-monthly",
        notes="多对一：江城理工学院第一志愿服务小分队")
    add("C019", ["H024", "H025", "H026"], date(2026, 5, 23), "volunteer-monthly",
        notes="多对一：江城理工学院第二志愿服务小分队")
    add("C020", ["H016"], sep15, None)
    add("C021", ["H016"], sep15, None)
    for n in range(26, 34):
        add(f"C{n:03d}", ["H008"], sep10, "teacher-term-visit")
    add("C026", ["H017"], sep15, None)
    add("C027", ["H017"], sep15, None)
    add("C028", ["H018"], sep15, None)
    for n in range(34, 41):
        start = date(2026, 11, 10) if n == 40 else date(2026, 9, 8)
        add(f"C{n:03d}", ["H009"], start, "kindergarten-biweekly")
    return p


# ---------------------------------------------------------------- contacts

@dataclass
class Row:
    day: date
    pairing: str
    kinds: list[str]
    helper: str | None
    channel: str
    minutes: int | None
    summary: str


# Deliberate gaps: (pairing, rule, period) that the helper did not do. They make
# ``liushou due --today 2026-11-23`` show something to act on (see README).
SKIP = {
    ("C013", "H012", "teacher_contact", "2026-10"),   # class teacher not contacted in October
    ("C004", "H010", "parent_link", "2026-11"),       # no call to the parents yet this month
    ("C015", "H006", "talk", "2026-11"),              # no talk yet this month
    ("C019", "H024", "contact", "2026-10"),           # volunteer squad 2 missed October ...
    ("C019", "H024", "contact", "2026-11"),           # ... and has not called in November
    ("C027", "H017", "letter", "2026-spring"),        # no letter in the spring term
    ("C021", "H016", "home_visit", "2026-spring"),    # no home visit in the spring term
    ("C028", "H008", "info_check", "2026-spring"),    # contact card not re-checked in spring
    ("C026", "H017", "letter", "2025-autumn"),        # history: no letter in autumn 2025
    ("C007", "H001", "teacher_contact", "2025-autumn"),
    ("C009", "H015", "birthday", "2026"),             # birthday on 8 Nov 2026 missed
}
RISK_SKIP = {("C024", "2026-09"), ("C035", "2026-09"), ("C020", "2026-03"), ("C040", "2026-11")}
RISK_LATE = {("C013", "2026-03"): date(2026, 4, 10), ("C030", "2026-09"): date(2026, 10, 15)}
# Kindergarten talks (every 14 days): the last talk before "today", per child.
LAST_KG_TALK = {"C034": date(2026, 11, 19), "C035": date(2026, 11, 12), "C036": date(2026, 10, 30),
                "C037": date(2026, 11, 18), "C038": date(2026, 11, 17), "C039": date(2026, 11, 13),
                "C040": date(2026, 11, 10)}

HOLIDAY_MONTHS = {(2026, 2), (2026, 8)}  # 寒假（春节 2026-02-17）and 暑假


def months(start: date, end: date) -> list[tuple[int, int]]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def term_of(day: date) -> str | None:
    for tid, _, s, e in TERMS:
        if s <= day <= e:
            return tid
    return None


def day_in(y: int, m: int, lo: int, hi: int, start: date, end: date) -> date | None:
    """A random day of month (y, m) in [lo, hi], clipped to [start, end]; None if empty."""
    first = max(date(y, m, lo), start)
    last_dom = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
    last = min(date(y, m, min(hi, last_dom)), end)
    if first > last:
        return None
    return first + timedelta(days=RNG.randrange((last - first).days + 1))


class Log:
    def __init__(self, children: dict[str, Child]) -> None:
        self.rows: list[Row] = []
        self.children = children

    def add(self, p: Pairing, day: date | None, kinds: list[str], channel: str, minutes: int | None, summary: str,
            helper: str | None = "") -> None:
        if day is None:
            return
        child = self.children[p.child]
        end = min(d for d in (p.end, LAST_CONTACT, _left_day(child)) if d is not None)
        if day < max(p.start, child.enrolled) or day > end:
            return
        if _at_school(kinds, summary) and term_of(day):
            day = school_day(day)
            if day < max(p.start, child.enrolled) or day > end:
                return
        who = p.helpers[0] if helper == "" else helper
        self.rows.append(Row(day, p.id, kinds, who, channel, minutes, summary))


# Days the school is closed within terms: 国庆, 元旦, 清明, 劳动节, 端午 (2025-2026 calendar).
CLOSED = {date(2025, 10, d) for d in range(1, 9)} | {date(2026, 1, 1), date(2026, 4, 4), date(2026, 4, 5),
          date(2026, 4, 6), date(2026, 6, 19)} | {date(2026, 5, d) for d in range(1, 6)} | {
          date(2026, 10, d) for d in range(1, 8)}


def _open(day: date) -> bool:
    return day.weekday() < 5 and day not in CLOSED


def _at_school(kinds: list[str], summary: str) -> bool:
    """Talks and tutoring in term happen at school, so on school days."""
    if {"home_visit", "birthday", "festival"} & set(kinds):
        return False
    return "talk" in kinds or "tutoring" in kinds or "学校" in summary


def school_day(day: date) -> date:
    """The next school day in the same month (and not after the log's last day),
    else the previous one: a talk is never moved into another month."""
    later = day
    while not _open(later):
        later += timedelta(days=1)
    if later.month == day.month and later <= LAST_CONTACT:
        return later
    earlier = day
    while not _open(earlier):
        earlier -= timedelta(days=1)
    return earlier


def _left_day(child: Child) -> date | None:
    return None if child.left is None else child.left - timedelta(days=1)


def skipped(p: Pairing, rule: str, period: str) -> bool:
    return (p.child, p.helpers[0], rule, period) in SKIP


TALK_TOPICS = {
    9: ["聊新学期的打算", "了解开学后的适应情况", "聊暑假里和爸爸妈妈见面的事"],
    10: ["聊国庆假期的生活", "了解近期学习情况，鼓励按时完成作业", "聊中秋节想念父母的心情"],
    11: ["聊期中考试情况，帮助分析错题", "了解与同学相处情况", "提醒天冷加衣，注意用火安全"],
    12: ["聊冬季安全，防煤气中毒", "鼓励坚持每天阅读", "了解近期情绪，孩子说想妈妈"],
    1: ["聊期末复习安排", "聊寒假安全和作息", "了解过年父母是否回家"],
    3: ["聊寒假生活和新学期目标", "了解父母春节后外出后的情绪", "开学收心，检查寒假作业"],
    4: ["清明假期安全提醒", "了解学习进步情况", "聊与奶奶相处中的小矛盾"],
    5: ["聊六一节目排练", "防溺水安全教育", "了解近期心理状况"],
    6: ["防溺水安全教育", "聊期末复习", "聊端午节的安排"],
    7: ["聊暑假计划，提醒防溺水", "期末成绩分析，肯定进步"],
}
TALK_DEFAULT = ["了解近期学习和生活情况", "鼓励孩子多与同学交流"]


def topic(day: date) -> str:
    return RNG.choice(TALK_TOPICS.get(day.month, TALK_DEFAULT))


def gen_aixin(log: Log, p: Pairing, c: Child) -> None:
    """宋家沟小学“五个一”: monthly contact, parent link, class teacher; the birthday."""
    teacher = HELPER[c.teacher].name
    parent = "妈妈" if c.profile in ("single_mother",) else "爸爸妈妈"
    for y, m in months(p.start, LAST_CONTACT):
        period = f"{y}-{m:02d}"
        holiday = (y, m) in HOLIDAY_MONTHS
        if not skipped(p, "contact", period):
            if holiday:
                log.add(p, day_in(y, m, 3, 25, p.start, p.end or TODAY), ["home_visit", "guardian_contact"], "in_person",
                        RNG.choice([40, 50, 60]),
                        f"假期到{c.given}家看望，与{c.guardian_word}交流孩子假期作息" +
                        ("，送去春联和年货" if m == 2 else "，提醒防溺水"))
            else:
                log.add(p, day_in(y, m, 2, 18, p.start, p.end or TODAY), ["meeting", "talk"], "in_person",
                        RNG.choice([20, 30, 30, 40]), f"到学校看望{c.given}，{topic(date(y, m, 1))}")
        if not holiday and not skipped(p, "parent_link", period):
            log.add(p, day_in(y, m, 5, 20, p.start, p.end or TODAY), ["parent_link", "call"], "video",
                    RNG.choice([10, 15, 20]), f"指导{c.given}与在{c.work_place or '外地'}务工的{parent}视频通话")
        if (y, m) not in HOLIDAY_MONTHS and not skipped(p, "teacher_contact", period):
            log.add(p, day_in(y, m, 8, 20, p.start, p.end or TODAY), ["teacher_contact"], "phone", RNG.choice([5, 10]),
                    f"与班主任{teacher}老师联系，了解{c.given}本月学习和在校表现")
    for year in (2025, 2026):
        bday = c.birth.replace(year=year)
        if skipped(p, "birthday", str(year)):
            continue
        log.add(p, bday - timedelta(days=RNG.randrange(3)), ["birthday", "meeting"], "in_person", 60,
                f"陪{c.given}过{year - c.birth.year}岁生日，送生日蛋糕和故事书")


def gen_hubei(log: Log, p: Pairing, c: Child) -> None:
    """湖北省“双访”: class teacher and guardian each term; monthly contact; a yearly visit and festival."""
    teacher = HELPER[c.teacher].name
    for y, m in months(p.start, LAST_CONTACT):
        log.add(p, day_in(y, m, 3, 20, p.start, TODAY), ["call", "guardian_contact"] if m in (10, 4) else ["call"],
                "phone", RNG.choice([10, 15]),
                f"电话联系{c.given}和{c.guardian_word}，{topic(date(y, m, 1))}")
    for _tid, _, s, _e in TERMS:
        log.add(p, day_in(s.year, s.month, 15, 28, p.start, TODAY), ["teacher_contact"], "in_person", 20,
                f"访班主任{teacher}老师，了解{c.given}学习情况（双访）")
    log.add(p, date(2025, 10, 5), ["festival", "home_visit", "guardian_contact"], "in_person", 90,
            f"中秋国庆期间到{c.given}家，陪孩子和{c.guardian_word}过中秋，送月饼")
    log.add(p, date(2026, 2, 14), ["festival", "home_visit"], "in_person", 60, f"春节前到{c.given}家送年货，父母已返乡团聚")
    log.add(p, date(2026, 6, 19), ["festival", "meeting"], "in_person", 60, f"端午节陪{c.given}包粽子")
    log.add(p, date(2026, 9, 25), ["festival", "home_visit", "guardian_contact"], "in_person", 60,
            f"中秋节到{c.given}家看望，与{c.guardian_word}交流孩子开学情况")


def gen_teacher_talk(log: Log, p: Pairing, c: Child) -> None:
    """教师每月谈心 (000 方案2), with the class teacher's own notes."""
    for y, m in months(p.start, LAST_CONTACT):
        if (y, m) in HOLIDAY_MONTHS or skipped(p, "talk", f"{y}-{m:02d}"):
            continue
        for _ in range(RNG.choice([1, 1, 2])):
            d = day_in(y, m, 3, 20 if (y, m) != (2026, 7) else 9, p.start, TODAY)
            if d is not None and term_of(d):
                log.add(p, d, ["talk"], "in_person", RNG.choice([15, 20, 30]), f"与{c.given}谈心，{topic(d)}")
    for _tid, _, s, _e in TERMS:
        log.add(p, day_in(s.year, s.month + 1, 8, 25, p.start, TODAY), ["home_visit", "guardian_contact"], "in_person", 60,
                f"家访，与{c.guardian_word}沟通{c.given}在家学习情况，{RNG.choice(['指导督促作业', '建议减少看手机时间', '交流家庭教育方法'])}")


def gen_buddy(log: Log, p: Pairing, c: Child) -> None:
    """学习帮手: tutoring twice a month in term, recorded by the class teacher."""
    subjects = ["数学", "语文", "英语", "数学口算", "生字听写"]
    for y, m in months(p.start, LAST_CONTACT):
        if (y, m) in HOLIDAY_MONTHS:
            continue
        n = 2 if (y, m) != (2026, 3) else 3
        for _ in range(n):
            d = day_in(y, m, 2, 20 if (y, m) != (2026, 7) else 9, p.start, TODAY)
            if d is not None and term_of(d):
                log.add(p, d, ["tutoring"], "in_person", RNG.choice([20, 30]),
                        f"课后帮{c.given}复习{RNG.choice(subjects)}")


def gen_five_ones(log: Log, p: Pairing, c: Child) -> None:
    """社区/爱心妈妈“五个一” per term: visit, talk, class teacher, guardian, letter."""
    teacher = HELPER[c.teacher].name
    for tid, _, s, _e in TERMS:
        lo = max(s, p.start)
        visit = lo + timedelta(days=RNG.randrange(20, 50))
        if skipped(p, "home_visit", tid):
            log.add(p, visit, ["call", "guardian_contact"], "phone", 10, f"电话联系{c.guardian_word}，了解{c.given}近况")
        else:
            log.add(p, visit, ["home_visit", "guardian_contact"], "in_person", 60,
                    f"到{c.given}家走访，与{c.guardian_word}交流孩子学习生活情况，{RNG.choice(['检查家中用电用火安全', '叮嘱按时接送', '了解老人身体状况'])}")
        log.add(p, lo + timedelta(days=RNG.randrange(25, 70)), ["talk"], "in_person", 30, f"与{c.given}谈心，{topic(visit)}")
        if not skipped(p, "teacher_contact", tid):
            log.add(p, lo + timedelta(days=RNG.randrange(10, 40)), ["teacher_contact"], "phone", 10,
                    f"与班主任{teacher}老师联系，了解{c.given}在校表现")
        if not skipped(p, "letter", tid):
            log.add(p, lo + timedelta(days=RNG.randrange(55, 90)), ["letter"], "letter", None,
                    f"给{c.given}写信，{RNG.choice(['鼓励好好学习', '讲自己小时候的故事', '夸奖最近的进步'])}")
    log.add(p, date(2026, 2, 10), ["festival", "assistance"], "in_person", 40, f"春节前给{c.given}送新衣服和年货")


def gen_term_visit(log: Log, p: Pairing, c: Child) -> None:
    """教师每学期“一次走访、一次帮扶、一次信息核查” (000 方案8, 003)."""
    for tid, _, s, _e in TERMS:
        lo = max(s, p.start)
        if not skipped(p, "info_check", tid):
            log.add(p, lo + timedelta(days=RNG.randrange(3, 20)), ["info_check", "guardian_contact"], "phone", 10,
                    "核查联系卡：父母务工地址和电话、监护人电话" + RNG.choice(["均无变化", "均无变化", "，父亲更换了手机号已更新"]))
        if not skipped(p, "home_visit", tid):
            log.add(p, lo + timedelta(days=RNG.randrange(30, 60)), ["home_visit"], "in_person", 45,
                    f"到{c.given}家走访，{RNG.choice(['指导老人科学喂养', '了解孩子在家作息', '宣传防溺水、防走失安全知识'])}")
        if not skipped(p, "assistance", tid):
            log.add(p, lo + timedelta(days=RNG.randrange(70, 110)), ["assistance"], "in_person", 20,
                    RNG.choice(["送去冬衣和绘本", "发放学习用品", "为孩子申请午餐补助", "送去爱心书包"]))
        if tid != "2026-autumn":
            log.add(p, lo + timedelta(days=RNG.randrange(20, 50)), ["talk"], "in_person", 15,
                    f"和{c.given}聊天，{RNG.choice(['孩子说想妈妈了', '一起看绘本', '表扬自己吃饭不挑食'])}")


def gen_kindergarten(log: Log, p: Pairing, c: Child) -> None:
    """幼儿园教师妈妈: a talk at most every 14 days, a call to the family each month."""
    day = LAST_KG_TALK[c.id]
    while day >= p.start:
        log.add(p, day, ["talk"], "in_person", 15, f"和{c.given}谈心，{RNG.choice(['聊在幼儿园交到的好朋友', '孩子哭闹想妈妈，抱抱安慰', '一起讲故事', '表扬会自己穿鞋了'])}")
        day -= timedelta(days=RNG.randint(10, 14))
    for y, m in months(p.start, LAST_CONTACT):
        log.add(p, day_in(y, m, 3, 19, p.start, TODAY), ["call", "guardian_contact"], "phone", 10,
                f"电话联系在{c.work_place or '外地'}务工的家长，介绍{c.given}在园情况")


def gen_volunteer(log: Log, p: Pairing, c: Child) -> None:
    """志愿者小分队每月联系 (000 方案5, 方案13)."""
    log.add(p, p.start, ["meeting", "assistance"], "in_person", 120,
            f"“大手牵小手”结对活动：小分队全体到学校看望{c.given}，赠送书包、文具和故事书", helper=None)
    plan = {
        (2026, 6): (["letter"], "letter", None, f"小分队给{c.given}寄去手写信和贴纸"),
        (2026, 7): (["meeting", "tutoring"], "in_person", 180, f"暑期支教，陪{c.given}做手工、讲故事"),
        (2026, 8): (["call"], "video", 20, f"与{c.given}和{c.guardian_word}视频通话，提醒防溺水"),
        (2026, 9): (["call"], "video", 15, f"开学后与{c.given}视频，聊幼儿园新学期"),
        (2026, 10): (["call"], "video", 15, f"国庆后与{c.given}视频，给孩子讲故事"),
        (2026, 11): (["call", "guardian_contact"], "video", 20, f"与{c.given}和{c.guardian_word}视频通话，了解入冬后孩子身体情况"),
    }
    for (y, m), (kinds, channel, minutes, text) in plan.items():
        if skipped(p, "contact", f"{y}-{m:02d}"):
            continue
        who = RNG.choice(p.helpers) if channel != "in_person" else None
        log.add(p, day_in(y, m, 5, 18, p.start, TODAY), kinds, channel, minutes, text, helper=who)


def find(pairings: dict[str, Pairing], child: str, helper: str) -> Pairing:
    return next(p for p in pairings.values() if p.child == child and helper in p.helpers)


def gen_specials(log: Log, pairings: dict[str, Pairing], children: dict[str, Child]) -> None:
    """Events of the story: the reported and the unreported concern, a child leaving."""
    c7 = find(pairings, "C007", "H001")
    log.add(c7, date(2026, 4, 15), ["home_visit", "guardian_contact"], "in_person", 90,
            "家访发现祖父突发脑梗住院，祖母在县医院陪护，孩子放学后无人照看；当日报告镇派出所和镇人民政府，联系其姑姑临时照看")
    log.add(c7, date(2026, 4, 22), ["counselling", "talk"], "in_person", 40, "心理疏导：孩子担心爷爷的病，情绪低落，鼓励其正常上学")
    log.add(c7, date(2026, 5, 12), ["assistance"], "in_person", 20, "协助其家庭申请临时救助，镇民政办已受理")
    log.add(c7, date(2026, 10, 20), ["counselling"], "in_person", 30, "心理疏导回访：爷爷已出院，孩子情绪稳定，学习有进步")
    c31 = find(pairings, "C031", "H008")
    log.add(c31, date(2026, 11, 18), ["home_visit", "info_check"], "in_person", 40,
            f"傍晚走访发现孩子独自在家，{children['C031'].guardian_word}去县医院复查未归，邻居代为照看；已电话联系其父亲")
    c41 = find(pairings, "C041", "H003")
    log.add(c41, date(2026, 9, 28), ["home_visit", "guardian_contact", "info_check"], "in_person", 60,
            "家访得知父母国庆后返乡，在镇上开店，孩子将由父母自己照顾")
    c16 = find(pairings, "C016", "H014")
    log.add(c16, date(2025, 9, 20), ["assistance"], "in_person", 30, "资助本学期生活费，送去书包和冬衣")
    log.add(c16, date(2026, 3, 10), ["assistance"], "in_person", 30, "资助本学期生活费")
    log.add(c16, date(2026, 9, 10), ["assistance"], "in_person", 30, "资助本学期生活费，送去新校服")


# ---------------------------------------------------------------- risk and story

def risk_text(c: Child, level: str) -> str:
    if c.profile == "orphan":
        return "父母双亡，由年迈祖母抚养，享受孤儿基本生活保障"
    if c.profile == "difficulty":
        return "家庭经济困难，监护人年老多病"
    if c.profile == "disabled":
        return "听力障碍，佩戴助听器，需特别关注"
    if level == "medium":
        return RNG.choice(["监护人年迈，辅导作业困难", "性格内向，亲情缺失明显", "隔代溺爱，作业常不完成"])
    return RNG.choice(["监护到位，生活学习正常", "祖辈身体健康，照顾较好", "与父母每周视频，情绪稳定"])


def build_risk(c: Child) -> None:
    owed = [(c.enrolled.year, c.enrolled.month)]
    for y, m in months(c.enrolled, TODAY):
        if m in (3, 9) and (y, m) not in owed:
            owed.append((y, m))
    base = {"orphan": "high", "difficulty": "medium", "disabled": "medium"}.get(c.profile)
    for y, m in owed:
        key = (c.id, f"{y}-{m:02d}")
        if key in RISK_SKIP or date(y, m, 1) > TODAY:
            continue
        day = RISK_LATE.get(key) or max(c.enrolled, date(y, m, 1)) + timedelta(days=RNG.randrange(8, 20))
        if c.left is not None and day >= c.left:
            continue
        level = base or ("medium" if int(c.guardian.get("age", 0)) >= 70 or RNG.random() < 0.2 else "low")  # type: ignore[call-overload]
        if c.id == "C007" and (y, m) == (2026, 9):
            level = "high"
        c.risk.append({"date": day, "level": level, "by": HELPER[c.teacher].name, "notes": risk_text(c, level)})
    if c.id == "C007":
        c.risk.append({"date": date(2026, 4, 16), "level": "high", "by": "刘静",
                       "notes": "祖父住院，监护人暂时无法照看，临时由姑姑照看（追加评估）"})
        c.risk.sort(key=lambda r: r["date"])  # type: ignore[arg-type, return-value]


# 动态排查 (000 方案3 "档案信息更新", 004): from the 2026 autumn term the coordinator checks every
# archive once a month, in the month's first school week; C012's October check was missed, and
# two archives are not yet checked in November (C040 enrolled on 9 November)
VERIFY_WEEK = {9: date(2026, 9, 7), 10: date(2026, 10, 12), 11: date(2026, 11, 2)}
VERIFY_MISSED = {("C012", 10), ("C033", 11), ("C040", 11)}


def build_verified(c: Child, n: int) -> None:
    """The days the child's archive was checked (no random draw: the rest of the example stays)."""
    for month, first in VERIFY_WEEK.items():
        day = first + timedelta(days=n % 5)
        if (c.id, month) in VERIFY_MISSED or day < c.enrolled or (c.left is not None and day >= c.left):
            continue
        c.verified.append(day)


def story(children: dict[str, Child]) -> None:
    children["C041"].left = date(2026, 10, 8)
    children["C041"].notes = "父母2026年国庆后返乡在镇上开店，孩子由父母照顾，退出帮扶"
    children["C007"].concerns.append({
        "date": date(2026, 4, 15), "type": "guardian_incapable",
        "notes": "祖父突发脑梗住院，祖母在县医院陪护，孩子放学后无人照看",
        "reported": {"date": date(2026, 4, 15), "to": "水湖镇派出所、水湖镇人民政府"},
    })
    children["C007"].notes = "祖父患病，家庭困难；2026年4月起由姑姑协助照看"
    children["C031"].concerns.append({
        "date": date(2026, 11, 18), "type": "unsupervised",
        "notes": f"中班教师吴婷傍晚走访发现孩子独自在家，{children['C031'].guardian['relation']}去县医院复查未归，邻居代为照看",
    })
    # 控辍保学 (000 方案11, 004): one absence closed after two failed persuasions and a report,
    # one excused, one owing a persuasion on the Monday, one child whose whereabouts are unknown
    children["C006"].absences.append({
        "from": date(2026, 10, 19),
        "persuasions": [{"date": date(2026, 10, 21), "by": "李建国", "result": "failed"},
                        {"date": date(2026, 10, 23), "by": "李建国", "result": "failed"},
                        {"date": date(2026, 10, 26), "by": "李建国", "result": "returned"}],
        "reported": {"date": date(2026, 10, 23), "to": "水湖镇人民政府"},
        "notes": "沉迷手机游戏不愿上学，祖父劝说无效；镇政府、村委会和学校上门后于10月26日返校",
    })
    children["C011"].absences.append({
        "from": date(2026, 11, 2), "to": date(2026, 11, 4), "excused": True, "notes": "感冒发烧，祖母电话请假",
    })
    children["C014"].absences.append({
        "from": date(2026, 11, 16),
        "persuasions": [{"date": date(2026, 11, 18), "by": "赵志刚", "result": "failed"}],
        "notes": "说同学欺负他，不肯来校；班主任家访，孩子仍不愿返校",
    })
    children["C016"].absences.append({
        "from": date(2026, 11, 20), "whereabouts_known": False,
        "notes": "周五未到校，祖母说孩子前一天傍晚出门后未回家",
    })
    children["C040"].notes = "父亲在浙江义乌务工，母亲国庆后也去了义乌，11月新纳入帮扶；祖父暂无手机，监护人电话待补"
    children["C022"].notes = "听力障碍，佩戴助听器；喜欢搭积木"
    children["C015"].notes = "父母2022年因车祸去世，由祖母抚养；学习刻苦，喜欢下象棋"


# ---------------------------------------------------------------- YAML

_PLAIN_BAD = set(",:{}[]#&*!|>'\"%@`?")


def scalar(value: object) -> str:
    """One YAML scalar: dates ISO, numbers bare, text plain unless it needs quotes."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (date, int)):
        return value.isoformat() if isinstance(value, date) else str(value)
    text = str(value)
    if text.isdigit() or not text or any(ch in _PLAIN_BAD for ch in text) or text != text.strip():
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def flow(mapping: dict[str, object]) -> str:
    parts = []
    for key, value in mapping.items():
        if value is None:
            continue
        if isinstance(value, dict):
            parts.append(f"{key}: {flow(value)}")
        elif isinstance(value, list):
            parts.append(f"{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            parts.append(f"{key}: {scalar(value)}")
    return "{" + ", ".join(parts) + "}"


def phone_q(value: str) -> str:
    return f'"{value}"'


def child_yaml(c: Child) -> str:
    teacher = HELPER[c.teacher]
    lines = [
        "# yaml-language-server: $schema=../.liushou/schema/child.json",
        f"id: {c.id}",
        f"name: {c.name}",
        f"gender: {c.gender}",
        f"birth_date: {c.birth.isoformat()}",
        f"school: {KINDERGARTEN if c.grade == '幼儿园' else SCHOOL}",
        f"grade: {c.grade}",
        f"class: {c.klass}",
        f"class_teacher: {flow({'name': teacher.name, 'phone': teacher.phone})}",
        "boarding: false",
        f"categories: [{', '.join(c.categories)}]",
        f"parents_away: {c.parents_away}",
    ]
    if c.parents:
        lines.append("parents:")
        lines.extend(f"  - {flow(parent)}" for parent in c.parents)
    else:
        lines.append("parents: []")
    lines.append(f"guardian: {flow(c.guardian)}")
    lines += [f"village: {VILLAGE}", f"address: 水湖镇水三村{c.group}", f"enrolled: {c.enrolled.isoformat()}"]
    if c.left:
        lines.append(f"left: {flow({'date': c.left, 'reason': 'parents_returned'})}")
    if c.risk:
        lines.append("risk_assessments:")
        lines.extend(f"  - {flow(r)}" for r in c.risk)
    if c.concerns:
        lines.append("concerns:")
        for concern in c.concerns:
            lines.append(f"  - date: {concern['date'].isoformat()}")  # type: ignore[attr-defined]
            lines.append(f"    type: {concern['type']}")
            lines.append(f"    notes: {scalar(concern['notes'])}")
            if "reported" in concern:
                lines.append(f"    reported: {flow(concern['reported'])}")  # type: ignore[arg-type]
    if c.absences:
        lines.append("absences:")
        for absence in c.absences:
            lines.append(f"  - from: {absence['from'].isoformat()}")  # type: ignore[attr-defined]
            for key in ("to", "excused", "whereabouts_known"):
                if key in absence:
                    lines.append(f"    {key}: {scalar(absence[key])}")
            if absence.get("persuasions"):
                lines.append("    persuasions:")
                lines.extend(f"      - {flow(p)}" for p in absence["persuasions"])  # type: ignore[attr-defined]
            if "reported" in absence:
                lines.append(f"    reported: {flow(absence['reported'])}")  # type: ignore[arg-type]
            lines.append(f"    notes: {scalar(absence['notes'])}")
    if c.verified:
        lines.append(f"verified: [{', '.join(d.isoformat() for d in c.verified)}]   # 负责人核查档案的日期")
    lines.append(f"consent: {flow({'date': c.enrolled, 'by': c.guardian['name']})}")
    lines.append(f"notes: {scalar(c.notes)}")
    return "\n".join(lines) + "\n"


def helper_yaml(h: Helper) -> str:
    lines = ["# yaml-language-server: $schema=../.liushou/schema/helper.json", f"id: {h.id}", f"name: {h.name}",
             f"role: {h.role}", f"unit: {scalar(h.unit)}", f"position: {scalar(h.position)}"]
    if h.phone:
        lines.append(f"phone: {phone_q(h.phone)}")
    for key in ("address", "birth_date", "education", "political_status", "notes"):
        value = getattr(h, key)
        if value is not None:
            lines.append(f"{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def pairing_yaml(p: Pairing) -> str:
    lines = ["# yaml-language-server: $schema=../.liushou/schema/pairing.json", f"id: {p.id}", f"child: {p.child}",
             f"helpers: [{', '.join(p.helpers)}]", f"start: {p.start.isoformat()}"]
    if p.end:
        lines.append(f"end: {p.end.isoformat()}")
    if p.duties == BUDDY_RULES:
        lines += ["duties:  # 学习帮手：每月课后辅导两次（000 方案1、7“学习帮手”）",
                  "  - {id: tutoring, name: 每月学习辅导两次, kinds: [tutoring], per: month, times: 2}"]
    elif p.duties:
        lines.append(f"duties: {p.duties}")
    lines.append(f"agreement: {flow({'date': p.start})}")
    if p.notes:
        lines.append(f"notes: {scalar(p.notes)}")
    return "\n".join(lines) + "\n"


PROGRAM_YAML = """\
# yaml-language-server: $schema=.liushou/schema/program.json
program: 水湖镇水三村小学留守儿童一对一帮扶
organization: 水湖镇水三村小学德育处
coordinator: 刘静
terms:
  - {id: 2025-autumn, name: 2025年秋季学期, start: 2025-09-01, end: 2026-01-23}
  - {id: 2026-spring, name: 2026年春季学期, start: 2026-03-02, end: 2026-07-10}
  - {id: 2026-autumn, name: 2026年秋季学期, start: 2026-09-01, end: 2027-01-22}
duties: five-ones-term       # 未另行约定的结对：每学期“五个一”（001 篇4）
due_soon_days: 7             # 每周一查看一次，提前一周提醒
risk_assessment_months: [3, 9]
# 分类施策（004：“根据留守儿童家庭基本情况和监护、生活、学习、安全、身心健康等信息进行筛查，分类施策”）：
# 方案没有规定每一级要做几次，下面的次数是本校自己定的：高风险儿童的每个结对另加两项
risk_duties:
  high:
    - {id: high_contact, name: 每两周联系一次, kinds: [call, meeting, talk, home_visit], within_days: 14}
    - {id: high_visit, name: 每月走访一次, kinds: [home_visit], per: month}
verify_archive: month        # 2026年秋季学期起每月核查档案（000 方案3“档案信息更新”；004“动态排查”）
program_duties:              # 项目自己的集体活动日程，活动记在 activities/
  - class-gathering-monthly        # 班级每月召开一次“留守儿童”会（000 方案2）
  - kindergarten-term-activities   # 幼儿园每学期生日聚会、家长会（000 方案3）
"""

# Group activities (集体活动) of the last two terms, the programme's calendar: the monthly
# 留守儿童会 of the school (November's not yet held on the example Monday), the kindergarten's
# parents' meetings and birthday parties each term, a 亲情电话 and a 两地书亲子情 (001).
# (id, date, kind, name, whose children, helpers, counts_as, summary, materials)
ACTIVITIES: list[tuple[str, date, str, str, str, list[str], list[str], str, list[str]]] = [
    *[(f"A{d:%Y%m%d}", d, "gathering", f"{d.month}月留守儿童会", "school", ["H001"], [],
       "各班留守儿童会：关心学习，了解生活，开展心理健康教育", [])
      for d in (date(2026, 3, 20), date(2026, 4, 17), date(2026, 5, 22), date(2026, 6, 19),
                date(2026, 9, 18), date(2026, 10, 16))],
    ("A20260415", date(2026, 4, 15), "parents_meeting", "幼儿园留守儿童家长会", "kindergarten", ["H007", "H008"],
     ["guardian_contact"], "向祖辈监护人宣传家庭教育", []),
    ("A20260529", date(2026, 5, 29), "birthday_party", "留守幼儿集体生日会", "kindergarten", ["H007", "H008"], [],
     "为本学期过生日的留守幼儿集体过生日", []),
    ("A20261010", date(2026, 10, 10), "letters", "两地书亲子情", "school", ["H001"], ["parent_link"],
     "组织留守儿童给在外地工作的父母写信", []),
    ("A20261024", date(2026, 10, 24), "family_call", "亲情电话视频日", "school", ["H001"],
     ["parent_link"], "在学校亲情电话室与外出父母视频通话", []),
    ("A20261120", date(2026, 11, 20), "parents_meeting", "幼儿园留守儿童家长会", "kindergarten",
     ["H007", "H008", "H009"], ["guardian_contact"], "家庭教育宣传，交流孩子在园情况",
     ["materials/2026-11-20-家长会纪要.md"]),
]
MATERIALS = {
    "materials/2026-11-20-家长会纪要.md":
        "# 幼儿园留守儿童家长会纪要（2026年11月20日）\n\n"
        "到会祖辈监护人和家长代表若干人。教师妈妈介绍孩子在园情况，宣传科学的家庭教育方法；"
        "提醒冬季用火用电安全。签到表纸质存档。\n",
}


def activity_yaml(aid: str, day: date, kind: str, name: str, children: list[str], helpers: list[str],
                  counts_as: list[str], summary: str, materials: list[str]) -> str:
    lines = ["# yaml-language-server: $schema=../.liushou/schema/activity.json", f"id: {aid}",
             f"date: {day.isoformat()}", f"kind: {kind}", f"name: {name}"]
    for key, values in (("children", children), ("helpers", helpers), ("counts_as", counts_as)):
        if values:
            lines.append(f"{key}: [{', '.join(values)}]")
    lines.append(f"summary: {summary}")
    if materials:
        lines.append(f"materials: [{', '.join(materials)}]")
    return "\n".join(lines) + "\n"


def activity_files(children: dict[str, Child]) -> dict[str, str]:
    """Each activity with the children of its group active on its day (enrolled, not left)."""
    files: dict[str, str] = {}
    for aid, day, kind, name, group, helpers, counts_as, summary, materials in ACTIVITIES:
        reached = [c.id for c in children.values() if (c.grade == "幼儿园") == (group == "kindergarten")
                   and c.enrolled <= day and (c.left is None or c.left > day)]
        files[f"activities/{aid}.yaml"] = activity_yaml(aid, day, kind, name, reached, helpers, counts_as,
                                                        summary, materials)
    return {**files, **MATERIALS}


def write_csv(rows: list[Row]) -> dict[str, str]:
    by_month: dict[str, list[Row]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r.day, r.pairing, r.kinds)):
        by_month[f"{row.day.year}-{row.day.month:02d}"].append(row)
    files = {}
    for month, month_rows in sorted(by_month.items()):
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["date", "pairing", "kinds", "helper", "channel", "minutes", "summary"])
        for r in month_rows:
            writer.writerow([r.day.isoformat(), r.pairing, ";".join(r.kinds), r.helper or "", r.channel,
                             "" if r.minutes is None else r.minutes, r.summary])
        files[f"contacts/{month}.csv"] = buf.getvalue()
    return files


GENERATORS = {
    "aixin-mama-monthly": gen_aixin, "hubei-double-visit": gen_hubei, "teacher-talk-monthly": gen_teacher_talk,
    BUDDY_RULES: gen_buddy, None: gen_five_ones, "teacher-term-visit": gen_term_visit,
    "kindergarten-biweekly": gen_kindergarten, "volunteer-monthly": gen_volunteer,
}


def main(root: Path = ROOT) -> None:
    """Write the example under ``root``; the same files every run."""
    RNG.seed(SEED)
    children = {c.id: c for c in build_children()}
    story(children)
    pairings = {p.id: p for p in build_pairings()}
    for p in pairings.values():  # monthly-birthday children: keep their birthdays clear of "today"
        c = children[p.child]
        if p.duties == "aixin-mama-monthly" and c.id not in PINNED_BIRTH:
            c.birth = _avoid_autumn_birthday(c.birth)
    for c in children.values():
        build_risk(c)
    for n, c in enumerate(children.values()):
        build_verified(c, n)
    log = Log(children)
    for p in pairings.values():
        GENERATORS[p.duties](log, p, children[p.child])
    gen_specials(log, pairings, children)

    files = {"liushou.yaml": PROGRAM_YAML}
    files.update({f"children/{c.id}.yaml": child_yaml(c) for c in children.values()})
    files.update({f"helpers/{h.id}.yaml": helper_yaml(h) for h in HELPERS})
    files.update({f"pairings/{p.id}.yaml": pairing_yaml(p) for p in pairings.values()})
    files.update(write_csv(log.rows))
    files.update(activity_files(children))
    for folder in ("children", "helpers", "pairings", "contacts", "activities", "materials"):
        shutil.rmtree(root / folder, ignore_errors=True)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files under {root} ({len(log.rows)} contacts)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)
