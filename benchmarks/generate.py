"""A deterministic generator of synthetic programmes, for timing liushou at scale.

The same (children, seed) always gives the same bytes, so numbers measured on
two machines or two commits are numbers about the same records. The records
are invented (names drawn from pools, phones from a reserved-looking range)
but shaped like a real county programme: a helper per three children, about
1.2 pairings per child under mixed presets, a year of contacts (2025-11 to
2026-11) in monthly CSV files, risk assessments, concerns reported and not, absences,
and a few children who left with their pairings ended. Everything passes
``liushou check --today 2026-11-23`` with no errors (warnings are allowed).

Files are written directly, not through the CLI: 10,000 children take a few
seconds.

    python benchmarks/generate.py OUT_DIR --children 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 11, 23)
CONTACTS_FROM = date(2025, 11, 1)
CONTACTS_TO = date(2026, 11, 20)
TERMS = (
    ("2025-autumn", "2025年秋季学期", date(2025, 9, 1), date(2026, 1, 23)),
    ("2026-spring", "2026年春季学期", date(2026, 3, 2), date(2026, 7, 10)),
    ("2026-autumn", "2026年秋季学期", date(2026, 9, 1), date(2027, 1, 22)),
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
BOY_CHARS = "子浩宇轩博文俊杰志强明辉天佑嘉豪梓睿泽宏伟鹏飞家乐一诺晨阳建军国华思远承霖皓然"
GIRL_CHARS = "梓涵欣怡雨萱可馨诗琪语嫣雅静心怡书瑶佳怡梦琪思彤紫萱若曦婉清晓雪丽娟春兰秀英"
ELDER_GIVEN = ("桂兰", "秀英", "素珍", "春秀", "玉梅", "凤英", "有才", "德明", "长贵", "国富", "永福", "金花")
ADULT_GIVEN = ("志勇", "永刚", "建国", "大山", "海军", "红霞", "小娟", "丽萍", "秀梅", "春燕", "卫东", "晓燕",
               "文斌", "玉兰", "国庆", "桂芳", "建华", "淑芬", "德胜", "美玲")
TOWNS = ("水湖镇", "清溪镇", "石门乡", "白沙镇", "桃源乡", "龙潭镇", "青山乡", "柳河镇", "高坪镇", "杨家坝乡")
VILLAGE_PARTS = ("三", "五", "柳", "杨", "石", "新", "高", "马", "李", "黄", "桥", "河", "坪", "岭", "湾", "冲")
VILLAGE_ENDS = ("村", "湾村", "坪村", "岭村", "沟村")
WORK_PLACES = ("广东省东莞市长安镇", "广东省深圳市宝安区", "浙江省义乌市", "浙江省宁波市", "福建省晋江市",
               "上海市松江区", "江苏省苏州市", "湖北省武汉市", "北京市大兴区", "广东省佛山市顺德区")
EMPLOYERS = ("某电子厂", "某饰品厂", "建筑工地", "某服装厂", "某物流公司", "某餐馆", "个体经营", "某家具厂")
GRADES = ("一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级")
HOBBIES = ("喜欢画画", "喜欢唱歌", "爱听故事", "喜欢踢足球", "喜欢看书", "喜欢跳绳", "爱下象棋", "喜欢手工")
RISK_NOTES = {
    "low": ("祖辈身体健康，照顾较好", "监护到位，学习稳定", "父母每周视频，情绪稳定"),
    "medium": ("性格内向，亲情缺失明显", "监护人年迈，辅导作业困难", "成绩下滑，需多关心"),
    "high": ("家庭经济困难，监护人年老多病", "监护人外出务工，临时托亲戚照看", "情绪低落，有厌学倾向"),
}
CONCERN_NOTES = {
    "unsupervised": "走访发现孩子独自在家，监护人外出未归",
    "missing": "孩子放学后未回家，经寻找于当晚找到",
    "guardian_incapable": "监护人突发疾病住院，孩子无人照看",
    "suspected_harm": "发现孩子身上有伤痕，孩子不愿说明原因",
    "other": "孩子连续多日未到校，联系监护人未果",
}
# preset -> (kinds its contacts mostly are, contacts per pairing-year)
PRESET_KINDS: dict[str | None, tuple[tuple[str, ...], float]] = {
    None: (("home_visit", "talk", "teacher_contact", "guardian_contact", "letter"), 4.0),
    "aixin-mama-monthly": (("call", "meeting", "talk", "parent_link", "teacher_contact", "birthday"), 6.5),
    "hubei-double-visit": (("call", "meeting", "teacher_contact", "guardian_contact", "festival"), 6.0),
    "teacher-talk-monthly": (("talk",), 5.0),
    "teacher-talk-twice-monthly": (("talk",), 7.0),
    "kindergarten-biweekly": (("talk", "call", "guardian_contact"), 7.0),
    "teacher-term-visit": (("home_visit", "assistance", "info_check"), 3.5),
    "volunteer-monthly": (("tutoring", "counselling", "call", "meeting", "festival"), 4.5),
    "custom": (("call", "tutoring"), 5.0),
}
ROLE_PRESETS: dict[str, tuple[str | None, ...]] = {
    "teacher": (None, "teacher-talk-monthly", "teacher-term-visit", "teacher-talk-twice-monthly"),
    "aixin_mama": ("aixin-mama-monthly", "hubei-double-visit", None),
    "volunteer": ("volunteer-monthly", None),
    "proxy_parent": (None, "aixin-mama-monthly"),
    "elder": (None, "volunteer-monthly"),
    "student_buddy": ("volunteer-monthly",),
}
ROLES = (("teacher", 40), ("aixin_mama", 25), ("volunteer", 15), ("proxy_parent", 10),
         ("elder", 5), ("student_buddy", 5))
CHANNEL = {"letter": "letter", "call": "phone", "parent_link": "video", "teacher_contact": "phone"}
SUMMARY = {
    "home_visit": "到{n}家走访，与{g}交流孩子学习生活情况",
    "talk": "与{n}谈心，聊学习和生活",
    "teacher_contact": "与班主任{t}老师联系，了解{n}本月学习和在校表现",
    "guardian_contact": "与{g}沟通{n}近况",
    "letter": "给{n}写信，鼓励好好学习",
    "call": "电话联系{n}和{g}",
    "meeting": "到学校看望{n}",
    "parent_link": "指导{n}与在外务工的父母视频通话",
    "birthday": "陪{n}过生日，送生日蛋糕",
    "festival": "陪{n}过节",
    "tutoring": "课后帮{n}复习功课",
    "assistance": "给{n}送去学习用品",
    "info_check": "核查联系卡信息，无变化",
    "counselling": "为{n}做心理疏导",
}


@dataclass
class Stats:
    children: int = 0
    helpers: int = 0
    pairings: int = 0
    contacts: int = 0
    contact_files: int = 0
    left: int = 0
    concerns: int = 0
    unreported: int = 0
    absences: int = 0
    seconds: float = 0.0
    by_preset: dict[str, int] = field(default_factory=dict)


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _phone(prefix: str, n: int) -> str:
    return f'"{prefix}{n:08d}"'


def _town_places(rng: random.Random) -> dict[str, tuple[list[str], list[str]]]:
    """Each town's villages and schools (a central primary, village primaries, a middle school)."""
    places = {}
    for town in TOWNS:
        villages: list[str] = []
        while len(villages) < 12:
            name = rng.choice(VILLAGE_PARTS) + rng.choice(VILLAGE_PARTS) + rng.choice(VILLAGE_ENDS)
            if name not in villages:
                villages.append(name)
        schools = [f"{town}中心小学", f"{town}{villages[0][:-1]}小学", f"{town}{villages[1][:-1]}小学",
                   f"{town}初级中学"]
        places[town] = (villages, schools)
    return places


def _name(rng: random.Random, chars: str, surname: str | None = None) -> str:
    given = rng.choice(chars[0::2]) + rng.choice(chars[1::2]) if rng.random() < 0.8 else rng.choice(chars)
    return (surname or rng.choice(SURNAMES)) + given


def generate(out: Path, children: int, seed: int = 1) -> Stats:
    """Write a programme of ``children`` children into ``out`` (created; must be empty or absent)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    stats = Stats(children=children)
    for folder in ("children", "helpers", "pairings", "contacts"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    places = _town_places(rng)
    teachers = {school: [_name(rng, GIRL_CHARS if rng.random() < 0.6 else BOY_CHARS) for _ in range(12)]
                for villages_schools in places.values() for school in villages_schools[1]}
    _write_program(out, rng)

    n_helpers = max(1, (children + 2) // 3)
    helper_town: dict[str, list[tuple[str, str]]] = defaultdict(list)
    role_names = [r for r, _ in ROLES]
    role_weights = [w for _, w in ROLES]
    for i in range(1, n_helpers + 1):
        hid = f"H{i:04d}"
        town = TOWNS[i % len(TOWNS)]
        role = rng.choices(role_names, role_weights)[0]
        helper_town[town].append((hid, role))
        _write_helper(out, rng, hid, role, town, places[town])
    stats.helpers = n_helpers

    rows: list[tuple[date, str, str, str, str, str, str]] = []
    pairing_no = 0
    for i in range(1, children + 1):
        cid = f"C{i:05d}"
        town = TOWNS[rng.randrange(len(TOWNS))]
        child = _write_child(out, rng, cid, town, places[town], teachers, stats, seed)
        starts = [_day(rng, child.enrolled, child.enrolled + timedelta(days=14))]
        if rng.random() < 0.2:  # a second pairing (another helper, another duty) for one in five
            starts.append(_day(rng, starts[0], starts[0] + timedelta(days=120)))
        for start in starts:
            last_day = child.left - timedelta(days=1) if child.left else CONTACTS_TO
            if start > last_day:
                continue
            pairing_no += 1
            pid = f"P{pairing_no:05d}"
            pool = helper_town[town] or [h for hs in helper_town.values() for h in hs]
            chosen = [rng.choice(pool)]
            if rng.random() < 0.1:
                extra = rng.choice(pool)
                if extra != chosen[0]:
                    chosen.append(extra)
            preset = rng.choice(ROLE_PRESETS[chosen[0][1]])
            if rng.random() < 0.01:
                preset = "custom"
            stats.by_preset[preset or "(programme)"] = stats.by_preset.get(preset or "(programme)", 0) + 1
            helpers = [h for h, _ in chosen]
            _write_pairing(out, pid, cid, helpers, start, child.left, preset)
            rows.extend(_contacts(rng, pid, child, helpers, start, last_day, preset))
    stats.pairings = pairing_no
    stats.contacts = len(rows)
    stats.contact_files = _write_contacts(out, rows)
    stats.seconds = time.perf_counter() - started
    return stats


def _write_program(out: Path, rng: random.Random) -> None:
    terms = "\n".join(f"  - {{id: {tid}, name: {name}, start: {s}, end: {e}}}" for tid, name, s, e in TERMS)
    text = (
        "program: 云溪县农村留守儿童关爱帮扶（合成数据，基准测试用）\n"
        "organization: 云溪县教育局关心下一代工作委员会\n"
        f"coordinator: {_name(rng, GIRL_CHARS)}\n"
        f"terms:\n{terms}\n"
        "duties: five-ones-term\n"
        "due_soon_days: 14\n"
        "risk_assessment_months: [3, 9]\n"
    )
    (out / "liushou.yaml").write_text(text, encoding="utf-8")


def _write_helper(out: Path, rng: random.Random, hid: str, role: str, town: str,
                  place: tuple[list[str], list[str]]) -> None:
    villages, schools = place
    unit, position = {
        "teacher": (rng.choice(schools), "教师"),
        "aixin_mama": (rng.choice(schools + [f"{town}人民政府", f"{town}卫生院"]), "职工"),
        "volunteer": (f"{town}青年志愿者协会", "志愿者"),
        "proxy_parent": (f"{town}{rng.choice(villages)}村民委员会", "村干部"),
        "elder": (f"{town}关工委", "退休教师"),
        "student_buddy": (rng.choice(schools), "学生"),
    }[role]
    chars = GIRL_CHARS if role == "aixin_mama" or rng.random() < 0.5 else BOY_CHARS
    birth = _day(rng, date(1960, 1, 1), date(2004, 12, 31)) if role != "student_buddy" else \
        _day(rng, date(2010, 9, 1), date(2013, 8, 31))
    text = (
        f"id: {hid}\nname: {_name(rng, chars)}\nrole: {role}\nunit: {unit}\nposition: {position}\n"
        f"phone: {_phone('139', int(hid[1:]))}\naddress: {town}{rng.choice(villages)}\n"
        f"birth_date: {birth}\n"
    )
    (out / "helpers" / f"{hid}.yaml").write_text(text, encoding="utf-8")


@dataclass
class _Child:
    id: str
    given: str
    guardian: str
    teacher: str
    enrolled: date
    birth: date
    left: date | None


def _write_child(out: Path, rng: random.Random, cid: str, town: str, place: tuple[list[str], list[str]],
                 teachers: dict[str, list[str]], stats: Stats, seed: int = 1) -> _Child:
    villages, schools = place
    number = int(cid[1:])
    male = rng.random() < 0.52
    surname = rng.choice(SURNAMES)
    name = _name(rng, BOY_CHARS if male else GIRL_CHARS, surname)
    birth = _day(rng, date(2011, 9, 1), date(2020, 8, 31))
    grade_no = min(8, max(0, 2026 - birth.year - 7 + (1 if birth.month < 9 else 0)))
    school = schools[3] if grade_no >= 6 else rng.choice(schools[:3])
    teacher = rng.choice(teachers[school])
    village = rng.choice(villages)
    address = f"{town}{village}{rng.randint(1, 9)}组"
    enrolled = (_day(rng, date(2025, 9, 1), date(2025, 10, 31)) if rng.random() < 0.8
                else _day(rng, date(2025, 11, 1), date(2026, 10, 31)))
    away = rng.choices(("both", "father", "mother"), (60, 30, 10))[0]
    father, mother = surname + rng.choice(ADULT_GIVEN), rng.choice(SURNAMES) + rng.choice(ADULT_GIVEN)
    place_of_work = rng.choice(WORK_PLACES)
    parents = []
    for relation, pname, away_kind, k in (("父亲", father, "father", 1), ("母亲", mother, "mother", 2)):
        if away in ("both", away_kind):
            parents.append(f"  - {{name: {pname}, relation: {relation}, phone: {_phone('137', number * 10 + k)}, "
                           f"work_place: {place_of_work}, employer: {rng.choice(EMPLOYERS)}}}")
        else:
            parents.append(f"  - {{name: {pname}, relation: {relation}, phone: {_phone('137', number * 10 + k)}}}")
    relation = rng.choice(("祖母", "祖父", "外祖母", "外祖父")) if away == "both" else (
        "母亲" if away == "father" else "父亲")
    guardian = (rng.choice(SURNAMES) + rng.choice(ELDER_GIVEN)) if away == "both" else (
        mother if away == "father" else father)
    age = rng.randint(55, 80) if away == "both" else rng.randint(30, 45)
    categories = ["left_behind"] + (["in_difficulty"] if rng.random() < 0.12 else []) + (
        ["single_parent"] if rng.random() < 0.05 else [])
    lines = [
        f"id: {cid}", f"name: {name}", f"gender: {'male' if male else 'female'}", f"birth_date: {birth}",
        f"school: {school}", f"grade: {GRADES[grade_no]}", f"class: {GRADES[grade_no][:-2]}({rng.randint(1, 4)})班",
        f"class_teacher: {{name: {teacher}, phone: {_phone('138', _teacher_phone(teacher))}}}",
        f"boarding: {'true' if grade_no >= 6 and rng.random() < 0.6 else 'false'}",
        f"categories: [{', '.join(categories)}]", f"parents_away: {away}", "parents:", *parents,
        f"guardian: {{name: {guardian}, relation: {relation}, age: {age}, health: {rng.choice(('良好', '一般', '较差'))}, "
        f"occupation: {rng.choice(('务农', '务工', '个体'))}, phone: {_phone('136', number)}, address: {address}}}",
        f"village: {village}", f"address: {address}", f"enrolled: {enrolled}",
    ]
    left = None
    if rng.random() < 0.03 and enrolled < date(2026, 6, 1):
        left = _day(rng, max(enrolled + timedelta(days=60), date(2026, 1, 10)), date(2026, 10, 31))
        reason = rng.choice(("parents_returned", "transferred", "graduated", "other"))
        lines.append(f"left: {{date: {left}, reason: {reason}}}")
        stats.left += 1
    lines.append("risk_assessments:")
    lines.extend(_assessments(rng, enrolled, left, teacher))
    concerns = _concerns(rng, enrolled, left, town, stats)
    if concerns:
        lines.append("concerns:")
        lines.extend(concerns)
    absences = _absences(random.Random(f"{seed}-{cid}-absences"), enrolled, left, teacher, stats)
    if absences:
        lines.append("absences:")
        lines.extend(absences)
    if rng.random() < 0.95:
        lines.append(f"consent: {{date: {enrolled}, by: {guardian}}}")
    lines.append(f"notes: {rng.choice(HOBBIES)}")
    (out / "children" / f"{cid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return _Child(cid, name[1:], relation if away == "both" else ("妈妈" if away == "father" else "爸爸"),
                  teacher, enrolled, birth, left)


def _teacher_phone(name: str) -> int:
    """A stable phone number for a teacher's name (``hash()`` is salted per process)."""
    return sum(ord(c) * 31 ** i for i, c in enumerate(name)) % 10**8


def _assessments(rng: random.Random, enrolled: date, left: date | None, by: str) -> list[str]:
    """One in the month of enrolment, then most of the March and September rounds."""
    end = min(left or TODAY, TODAY)
    owed = [enrolled]
    for year in (2025, 2026):
        for month in (3, 9):
            first = date(year, month, 1)
            if first > enrolled and first <= end:
                owed.append(first)
    out = []
    level = rng.choices(("low", "medium", "high"), (55, 35, 10))[0]
    for k, first in enumerate(owed):
        if k > 0 and rng.random() < 0.08:
            continue  # a missed round: `due` shows it
        day = _day(rng, first, min(first + timedelta(days=24), end))
        if rng.random() < 0.2:
            level = rng.choice(("low", "medium", "high"))
        out.append(f"  - {{date: {day}, level: {level}, by: {by}, notes: {rng.choice(RISK_NOTES[level])}}}")
    return out


def _concerns(rng: random.Random, enrolled: date, left: date | None, town: str, stats: Stats) -> list[str]:
    if rng.random() >= 0.02:
        return []
    kind = rng.choices(tuple(CONCERN_NOTES), (40, 5, 35, 10, 10))[0]
    day = _day(rng, max(enrolled, CONTACTS_FROM), (left - timedelta(days=1)) if left else CONTACTS_TO)
    lines = [f"  - date: {day}", f"    type: {kind}", f"    notes: {CONCERN_NOTES[kind]}"]
    stats.concerns += 1
    if rng.random() < 0.8:
        reported = min(day + timedelta(days=rng.randint(0, 2)), TODAY)
        lines.append(f"    reported: {{date: {reported}, to: {town}派出所、{town}人民政府}}")
    else:
        stats.unreported += 1
    return lines


def _absences(rng: random.Random, enrolled: date, left: date | None, by: str, stats: Stats) -> list[str]:
    """控辍保学: about 4 % of children missed school once, most back after a few days and a
    persuasion or two, some reported, a few still away on the day, one in ten of those
    whereabouts unknown. Its own random stream (per child), so the rest of the data is as
    before absences were generated."""
    if rng.random() >= 0.04:
        return []
    start = _day(rng, max(enrolled, CONTACTS_FROM), (left - timedelta(days=1)) if left else TODAY)
    stats.absences += 1
    lines = [f"  - from: {start}"]
    away = rng.random() < 0.3 and left is None
    last = None if away else min(start + timedelta(days=rng.randint(0, 9)), TODAY)
    if last is not None:
        lines.append(f"    to: {last}")
    if rng.random() < 0.15:
        lines.append("    excused: true")
    elif away and rng.random() < 0.1:
        lines.append("    whereabouts_known: false")
    end = last or TODAY
    tries = sorted(_day(rng, start, end) for _ in range(rng.choice((0, 1, 1, 2, 2, 3))))
    if tries:
        lines.append("    persuasions:")
        lines.extend(f"      - {{date: {day}, by: {by}, result: failed}}" for day in tries)
    if len(tries) >= 2 and rng.random() < 0.7:
        lines.append(f"    reported: {{date: {tries[-1]}, to: 镇人民政府}}")
    return lines


def _write_pairing(out: Path, pid: str, cid: str, helpers: list[str], start: date, end: date | None,
                   preset: str | None) -> None:
    lines = [f"id: {pid}", f"child: {cid}", f"helpers: [{', '.join(helpers)}]", f"start: {start}"]
    if end is not None:
        lines.append(f"end: {end}")
    if preset == "custom":
        lines += ["duties:",
                  "  - {id: call, name: 每两周电话一次, kinds: [call], within_days: 14}",
                  "  - {id: tutoring, name: 每月学习辅导, kinds: [tutoring], per: month}"]
    elif preset is not None:
        lines.append(f"duties: {preset}")
    lines.append(f"agreement: {{date: {start}}}")
    (out / "pairings" / f"{pid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _contacts(rng: random.Random, pid: str, child: _Child, helpers: list[str], start: date,
              last_day: date, preset: str | None) -> list[tuple[date, str, str, str, str, str, str]]:
    first = max(start, CONTACTS_FROM)
    if first > last_day:
        return []
    kinds, per_year = PRESET_KINDS[preset]
    mean = 1.12 * per_year * ((last_day - first).days + 1) / 365
    count = int(mean) + (1 if rng.random() < mean - int(mean) else 0)
    rows = []
    for _ in range(count):
        day = _day(rng, first, last_day)
        kind = rng.choice(kinds) if rng.random() < 0.85 else rng.choice(tuple(SUMMARY))
        chosen = [kind]
        if kind in ("home_visit", "meeting", "call") and rng.random() < 0.4:
            chosen.append(rng.choice(("guardian_contact", "talk")))
        channel = CHANNEL.get(kind, "in_person")
        minutes = "" if channel == "letter" else str(rng.choice((10, 15, 20, 30, 45, 60)))
        helper = rng.choice(helpers) if rng.random() < 0.9 else ""
        summary = SUMMARY[kind].format(n=child.given, g=child.guardian, t=child.teacher)
        rows.append((day, pid, ";".join(chosen), helper, channel, minutes, summary))
    return rows


def _write_contacts(out: Path, rows: list[tuple[date, str, str, str, str, str, str]]) -> int:
    """One CSV per month, rows by date then pairing (the order a log is kept in)."""
    by_month: dict[str, list[tuple[date, str, str, str, str, str, str]]] = defaultdict(list)
    for row in rows:
        by_month[f"{row[0]:%Y-%m}"].append(row)
    for month, month_rows in sorted(by_month.items()):
        month_rows.sort(key=lambda r: (r[0], r[1]))
        body = "".join(f"{d},{p},{k},{h},{c},{m},{s}\n" for d, p, k, h, c, m, s in month_rows)
        with open(out / "contacts" / f"{month}.csv", "w", encoding="utf-8", newline="") as fh:
            fh.write("date,pairing,kinds,helper,channel,minutes,summary\n" + body)
    return len(by_month)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the programme into (must not hold one yet)")
    parser.add_argument("--children", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.children < 1:
        parser.error("--children must be at least 1")
    if (args.out / "liushou.yaml").exists():
        parser.error(f"{args.out} already holds a programme")
    stats = generate(args.out, args.children, args.seed)
    print(f"{stats.children} children, {stats.helpers} helpers, {stats.pairings} pairings, "
          f"{stats.contacts} contacts in {stats.contact_files} files, {stats.left} left, "
          f"{stats.concerns} concerns ({stats.unreported} unreported), {stats.absences} absences "
          f"in {stats.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
