"""Names of the record format's enum values, in the seeds' vocabulary."""

MESSAGES: dict[str, tuple[str, str]] = {
    # contact kinds (RECORDS.md "contacts/*.csv")
    "kind.home_visit": ("走访/家访", "home visit"),
    "kind.talk": ("谈心", "talk"),
    "kind.teacher_contact": ("与班主任联系", "contact with class teacher"),
    "kind.guardian_contact": ("与监护人沟通", "contact with guardian"),
    "kind.letter": ("写信", "letter"),
    "kind.call": ("电话/视频", "call / video call"),
    "kind.meeting": ("见面/看望", "meeting / visit"),
    "kind.parent_link": ("指导孩子给父母写信或通话", "helping the child write to or call the parents"),
    "kind.birthday": ("陪过生日", "birthday"),
    "kind.festival": ("陪过节日", "festival"),
    "kind.tutoring": ("学习辅导", "tutoring"),
    "kind.assistance": ("生活帮扶/资助", "material help"),
    "kind.info_check": ("信息核查", "information check"),
    "kind.counselling": ("心理疏导", "counselling"),
    # kinds of group activity (RECORDS.md 1.1 "activities/<id>.yaml")
    "activity.parents_meeting": ("家长会", "parents' meeting"),
    "activity.birthday_party": ("集体生日会", "birthday party"),
    "activity.festival": ("节日活动", "festival activity"),
    "activity.lecture": ("讲座/培训", "lecture / training"),
    "activity.counselling": ("心理辅导", "group counselling"),
    "activity.family_call": ("亲情电话", "family call"),
    "activity.letters": ("两地书", "letters to parents"),
    "activity.gathering": ("留守儿童会", "left-behind children's meeting"),
    "activity.home_activity": ("家园活动", "children's home activity"),
    "activity.other": ("其他活动", "other activity"),
    # genders
    "gender.male": ("男", "male"),
    "gender.female": ("女", "female"),
    # categories
    "category.left_behind": ("留守儿童", "left-behind"),
    "category.in_difficulty": ("困境儿童", "in difficulty"),
    "category.disabled": ("残疾儿童", "disabled"),
    "category.single_parent": ("单亲儿童", "single-parent"),
    "category.orphan": ("孤儿", "orphan"),
    "category.migrant": ("流动儿童", "migrant"),
    # parents away
    "parents_away.both": ("父母双方外出", "both parents away"),
    "parents_away.father": ("父亲外出", "father away"),
    "parents_away.mother": ("母亲外出", "mother away"),
    "parents_away.none": ("父母均在家", "neither away"),
    # leaving reasons
    "left_reason.parents_returned": ("父母返乡", "parents returned"),
    "left_reason.transferred": ("转学", "transferred"),
    "left_reason.graduated": ("毕业", "graduated"),
    "left_reason.other": ("其他", "other"),
    # risk levels
    "level.low": ("低风险", "low risk"),
    "level.medium": ("中风险", "medium risk"),
    "level.high": ("高风险", "high risk"),
    # concern types (强制报告情形, 004)
    "concern.unsupervised": ("脱离监护单独居住", "living alone without a guardian"),
    "concern.missing": ("失踪", "missing"),
    "concern.guardian_incapable": (
        "监护人丧失监护能力或不履行监护责任",
        "guardian unable or unwilling to care",
    ),
    "concern.suspected_harm": ("疑似遭受意外伤害或不法侵害", "suspected injury or abuse"),
    "concern.other": ("其他情形", "other"),
    # absences (控辍保学): what an alert is about, and a persuasion's result
    "absence_alert.missing_absent": ("无故缺课、具体去向不明", "absent without leave, whereabouts unknown"),
    "absence_alert.dropout": ("无故缺课、劝返未果", "absent without leave, persuasion failed"),
    "persuasion.failed": ("劝返未果", "failed"),
    "persuasion.returned": ("已返校", "returned to school"),
    # helper roles
    "role.teacher": ("教师", "teacher"),
    "role.aixin_mama": ("爱心妈妈", "volunteer mother"),
    "role.proxy_parent": ("代理家长", "proxy parent"),
    "role.volunteer": ("志愿者", "volunteer"),
    "role.student_buddy": ("学习帮手", "student buddy"),
    "role.elder": ("五老", "retired elder"),
    # duty periods
    "per.term": ("每学期", "per term"),
    "per.month": ("每月", "per month"),
    "per.year": ("每年", "per year"),
    "per.birthday": ("生日前后", "around the birthday"),
    # statuses
    "status.overdue": ("已逾期", "overdue"),
    "status.due_soon": ("即将到期", "due soon"),
    "status.pending": ("待完成", "pending"),
    "status.met": ("已完成", "met"),
    # severities
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
}
