"""Messages for ``liushou due``, ``liushou explain`` and ``liushou remind``."""

MESSAGES: dict[str, tuple[str, str]] = {
    # help and options
    "help.due": (
        "列出已逾期和即将到期的帮扶职责，强制报告事项排在最前。"
        "退出码：0 无逾期且无强制报告；1 有；2 无法运行或有文件读不出。",
        "List overdue and due-soon duties, mandatory reports first. Exit 0: nothing "
        "overdue and no alert; 1: something is; 2: cannot run or a file is unreadable.",
    ),
    "help.explain": (
        "说明某个结对或儿童的每条职责为何是现在的状态：考虑了哪些周期、哪些联系记录算数。",
        "Explain why each duty of a pairing or child has its status: the periods "
        "considered and the contacts that counted.",
    ),
    "help.remind": (
        "为每位帮扶人生成一条提醒（可直接粘贴到微信或短信），列出其逾期和即将到期的事项。",
        "Write one reminder per helper (ready to paste into WeChat or SMS) listing "
        "their overdue and due-soon duties.",
    ),
    "opt.due.all": ("同时列出尚未到期（待完成）的事项。", "Also list pending duties (not yet due)."),
    "opt.due.helper": ("只看这位帮扶人（编号或姓名）的事项。", "Only this helper's duties (helper id or name)."),
    "opt.due.by": (
        "分组方式：helper 按帮扶人（默认）、child 按儿童、duty 按职责。",
        "Group by helper (default), child or duty.",
    ),
    "opt.due.csv": (
        "输出 CSV（UTF-8 带 BOM，可直接用 Excel/WPS 打开）。",
        "Print CSV (UTF-8 with BOM, opens in Excel/WPS).",
    ),
    "opt.explain.id": ("结对编号，或儿童编号或姓名，如 P001、C001、张小明。", "A pairing id, or a child's id or name, e.g. P001, C001, 张小明."),
    "opt.remind.output": (
        "把每位帮扶人的提醒写到这个文件夹，文件名为帮扶人编号（如 H001.txt）。",
        "Write each helper's reminder into this folder, named by helper id (e.g. H001.txt).",
    ),
    # errors
    "due.err.two_formats": ("--json 和 --csv 只能选一个。", "Choose one of --json and --csv."),
    "due.err.bad_by": (
        "分组方式 {value!r} 无效，可用 helper、child、duty。",
        "Invalid grouping {value!r}: use helper, child or duty.",
    ),
    "due.err.no_program": (
        "liushou.yaml 无法读取，算不出到期事项。",
        "liushou.yaml cannot be read, so nothing can be computed.",
    ),
    "due.hint.run_check": ("运行 liushou check 查看具体位置和改法。", "Run liushou check to see where and how to fix it."),
    "due.unreadable_item": ("  - {path}", "  - {path}"),
    "due.left_out.head": (
        "以下文件没有计入结果（共 {count} 个：文件读不出，或记录缺少 id、enrolled 等必填项），"
        "结果不完整；请运行 liushou check 查看位置和改法：",
        "The records in these {count} file(s) were left out (the file cannot be read, or id, enrolled "
        "or another required field is missing or invalid), so the results are incomplete; run "
        "liushou check for where and how to fix them:",
    ),
    "due.left_out.last": (
        "注意：{count} 个文件未计入，结果不完整：{paths}（运行 liushou check 查看）",
        "Note: {count} file(s) left out, the results are incomplete: {paths} (run liushou check)",
    ),
    "load.ignored.head": (
        "注意：台账中有 {count} 处值写错了，这些值按未填写计算（记录本身照常计入）：",
        "Note: {count} value(s) in the records are invalid and count as not written (the records themselves are counted):",
    ),
    "load.ignored.more": ("……还有 {count} 处，运行 liushou check 查看全部。", "... and {count} more; run liushou check for all."),
    "due.record_errors": (
        "注意：台账中有 {count} 处错误，出错的值按未填写计算（联系记录中出错的行未被计入），"
        "结果可能不准确；请运行 liushou check。",
        "Note: the records hold {count} errors; invalid values count as not written (and contact "
        "rows in error as not there), so results may be wrong. Run liushou check.",
    ),
    # alerts (强制报告, seed 004)
    "due.alert.title": ("强制报告", "MANDATORY REPORT"),
    "due.alert.head": (
        "以下 {count} 项须立即向公安机关和当地乡镇人民政府报告（第一时间报告）：",
        "{count} matter(s) must be reported at once to the police and the township government:",
    ),
    "due.alert.line": (
        "{child}：{type}，{date} 发现，尚未报告",
        "{child}: {type}, found {date}, not yet reported",
    ),
    "due.alert.after": (
        "报告后按每项下面的命令记下报告日期和报告对象（写入该儿童档案这条事项或这次缺课的 reported），此项即不再列出。",
        "Once reported, record the date and to whom with the command under each matter (it writes reported to that concern or absence in the child's file); it is then no longer listed.",
    ),
    "due.alert.command": (
        "报告后：liushou concern {child} --reported-to 报告对象 --date 报告日期{index}",
        "once reported: liushou concern {child} --reported-to WHOM --date DATE{index}",
    ),
    "due.alert.index": (" --index {index}", " --index {index}"),
    # absences (控辍保学, 000 方案11 and 004)
    "due.alert.head.absence": (
        "以下 {count} 项学生无故缺课须报告（控辍保学）：",
        "{count} absence(s) from school must be reported (dropout control):",
    ),
    "due.alert.line.absence": (
        "{child}：{type}，{date} 起无故缺课，尚未报告",
        "{child}: {type}, absent without leave since {date}, not yet reported",
    ),
    "due.alert.instruction.missing_absent": (
        "立即向镇人民政府和派出所报告（由学校和学生父母或其他监护人共同报告，查找下落）",
        "Report at once to the township government and the police station (the school together "
        "with the parents or guardian), to find the child",
    ),
    "due.alert.instruction.dropout": (
        "填报学生名单报镇人民政府启动劝返复学程序",
        "Send the pupil's name to the township government to start the return-to-school procedure",
    ),
    "due.alert.command.missing_absent": (
        "报告后：liushou absence report {child} --reported-to 镇人民政府、派出所 --date 报告日期{index}",
        "once reported: liushou absence report {child} --reported-to WHOM --date DATE{index}",
    ),
    "due.alert.command.dropout": (
        "报告后：liushou absence report {child} --reported-to 镇人民政府 --date 报告日期{index}",
        "once reported: liushou absence report {child} --reported-to WHOM --date DATE{index}",
    ),
    "due.duty.persuade": ("组织劝返复学（{start} 起缺课）", "persuade to return (away since {start})"),
    "due.duty.persuade_group": ("组织劝返复学", "persuade to return to school"),
    "due.alert.instruction": ("立即向公安机关和乡镇人民政府报告", "Report at once to the police and the township government"),
    "due.alert.status": ("强制报告", "mandatory report"),
    # day texts
    "due.days.late": ("逾期 {n} 天", "{n} days overdue"),
    "due.days.left": ("还有 {n} 天", "{n} days left"),
    "due.days.today": ("今天到期", "due today"),
    "due.name_id": ("{name}（{id}）", "{name} ({id})"),
    "due.child_text": ("{who}{klass}", "{who} {klass}"),
    "due.duty.risk_assessment": ("风险评估", "risk assessment"),
    "due.duty.verify_archive": ("核查更新档案", "check and update the archive"),
    # groups and headers
    "due.group.helpers": ("帮扶人：{names}", "Helper: {names}"),
    "due.group.coordinator": (
        "项目负责人{name}：儿童风险评估、档案核查、劝返复学、项目职责",
        "Coordinator {name}: risk assessments, archive checks, persuasions to return to school, programme duties",
    ),
    "due.group.child": ("儿童：{child}", "Child: {child}"),
    "due.group.duty": ("职责：{name}", "Duty: {name}"),
    "due.col.child": ("儿童", "Child"),
    "due.col.class": ("班级", "Class"),
    "due.col.duty": ("职责", "Duty"),
    "due.col.helpers": ("帮扶人", "Helper"),
    "due.col.due": ("到期日", "Due"),
    "due.col.state": ("情况", "State"),
    "due.col.status": ("状态", "Status"),
    "due.col.child_id": ("儿童编号", "Child id"),
    "due.col.child_name": ("儿童姓名", "Child name"),
    "due.col.pairing": ("结对编号", "Pairing id"),
    "due.col.helper_ids": ("帮扶人编号", "Helper ids"),
    "due.col.duty_id": ("职责编号", "Duty id"),
    "due.coordinator": ("（项目负责人）", "(coordinator)"),
    "due.program": ("（本项目）", "(the programme)"),
    # summary
    "due.summary": (
        "截至 {day}：逾期 {overdue} 项，即将到期 {soon} 项，强制报告待报告 {alerts} 项。",
        "As of {day}: {overdue} overdue, {soon} due soon, {alerts} mandatory report(s) pending.",
    ),
    "due.summary.pending": ("另有待完成 {pending} 项。", "{pending} more pending."),
    "due.summary.none": (
        "截至 {day}：没有逾期或即将到期的事项，没有待报告的强制报告事项。",
        "As of {day}: nothing overdue or due soon, and no mandatory report pending.",
    ),
    # explain
    "explain.err.unknown_id": ("找不到结对、儿童或项目职责 {id}{suggestion}。",
                               "No pairing, child or programme duty {id}{suggestion}."),
    "explain.hint.unknown_id": (
        "给出结对编号（pairings/ 的文件名）、儿童编号（children/ 的文件名），或 liushou.yaml 里 program_duties 的规则编号。",
        "Give a pairing id (file name in pairings/), a child id (file name in children/), "
        "or the id of a rule of program_duties in liushou.yaml.",
    ),
    "explain.err.helper_id": (
        "{id} 是帮扶人编号；请给出结对或儿童编号。",
        "{id} is a helper id; give a pairing or child id.",
    ),
    "explain.hint.helper_id": ("这位帮扶人的结对：{pairings}", "This helper's pairings: {pairings}"),
    "explain.head.pairing": (
        "结对 {id}：{child}，帮扶人 {helpers}；截至 {day}",
        "Pairing {id}: {child}, helper {helpers}; as of {day}",
    ),
    "explain.head.child": ("儿童 {child}；截至 {day}", "Child {child}; as of {day}"),
    "explain.head.program": ("项目职责 {id}（{program}，项目负责人）；截至 {day}",
                             "Programme duty {id} ({program}, the coordinator's); as of {day}"),
    "explain.shape.program": ("{per}需要 {times} 次集体活动，算数的活动类型：{kinds}",
                              "{per}, {times} group activit(ies); kinds that count: {kinds}"),
    "explain.activity": ("    ✓ {date} 集体活动 {kind}“{name}”（{id}，{path}）{gives}",
                         "    ✓ {date} group activity {kind} \"{name}\" ({id}, {path}){gives}"),
    "explain.activity_not_counted": ("    ✗ {date} 集体活动 {kind}“{name}”（{id}，{path}）：{why}",
                                     "    ✗ {date} group activity {kind} \"{name}\" ({id}, {path}): {why}"),
    "explain.activity_gives": ("，算作{kinds}", ", counted as {kinds}"),
    "explain.nothing": (
        "{id} 在 {day} 没有需要核对的职责（儿童不在册、结对未开始或已结束，或没有职责规则）。",
        "{id} has no duties to check on {day} (child not active, pairing not started or ended, or no rules).",
    ),
    "explain.rule": ("【{name}】（{duty}{pairing}）{shape}", "[{name}] ({duty}{pairing}) {shape}"),
    "explain.rule.pairing": ("，结对 {id}", ", pairing {id}"),
    "explain.shape.per": ("{per}需要 {times} 次，算数的联系类型：{kinds}", "{per}, {times} time(s); kinds that count: {kinds}"),
    "explain.shape.within": (
        "两次联系最多相隔 {days} 天，算数的联系类型：{kinds}",
        "at most {days} days between contacts; kinds that count: {kinds}",
    ),
    "explain.shape.risk": (
        "每年 {months} 月及纳入当月须做风险评估",
        "a risk assessment each year in month(s) {months} and in the month of enrolment",
    ),
    "explain.shape.verify": (
        "{per}核查一次档案（动态排查：电子档案、纸质档案和实际情况相符），记在 verified",
        "the archive checked {per} (against the paper file and the child's real situation), noted in verified",
    ),
    "explain.tier": (
        "  分类施策：儿童现为{level}（{date} 的风险评估评定，此后一直是这一等级），本结对另加这项职责。",
        "  Risk tier: the child is {level} (set by the assessment of {date}, unchanged since), so this pairing owes this duty too.",
    ),
    "explain.window.tier": (
        "  间隔：从 {start}（上次算数的联系，或评定这一风险等级的评估）算起，到 {end} 为止须再联系一次。",
        "  Window: from {start} (the last contact that counted, or the assessment that set the level) to {end}.",
    ),
    "explain.verified": ("    ✓ {date} 核查了档案", "    ✓ {date} archive checked"),
    "explain.why.other_level": (
        "该周期最后一天儿童不是这一风险等级，此周期不追究",
        "the child was at another risk level on the period's last day, so the period is not owed",
    ),
    "explain.reason.level_not_held": (
        "该周期最后一天儿童不是这一风险等级（或还没有评估），此周期不追究。",
        "the child was not at this risk level on the period's last day, so it is not owed.",
    ),
    "explain.period": (
        "  周期 {label}，{start} 至 {end}：需要 {needed} 次，算数的有 {done} 次。",
        "  Period {label}, {start} to {end}: {needed} needed, {done} counted.",
    ),
    "explain.period_only": ("  周期 {label}，{start} 至 {end}：", "  Period {label}, {start} to {end}:"),
    "explain.window": (
        "  间隔：从 {start}（上次算数的联系，或结对开始）算起，到 {end} 为止须再联系一次。",
        "  Window: from {start} (the last contact that counted, or the pairing's start) to {end}.",
    ),
    "explain.label.birthday": ("{day} 生日前后", "birthday {day}"),
    "explain.contact": ("    ✓ {date} {kinds}，{helper}", "    ✓ {date} {kinds}, {helper}"),
    "explain.not_counted": ("    ✗ {date} {kinds}，{helper}：{why}", "    ✗ {date} {kinds}, {helper}: {why}"),
    "explain.why.kind": ("类型不在本职责算数的类型内", "its kinds are not among this duty's kinds"),
    "explain.why.after_today": ("日期在 {day} 之后，不计入", "dated after {day}, not counted"),
    "explain.why.not_owed": (
        "该周期最后一天结对不在进行中，此周期不追究",
        "the pairing was not active on the period's last day, so the period is not owed",
    ),
    "explain.why.same_day": (
        "同一天另有一条算数的联系，间隔从那一条算起",
        "another contact that day counted; the window runs from it",
    ),
    "explain.why.no_period": ("本职责此时没有要计算的周期", "this duty has no period to count it in now"),
    "explain.assessment": ("    ✓ {date} 风险评估：{level}", "    ✓ {date} risk assessment: {level}"),
    "explain.no_period": ("  {text}", "  {text}"),
    "explain.verdict": ("    → {text}", "    → {text}"),
    "explain.verdict_status": ("{status}：{text}", "{status}: {text}"),
    "explain.result.item": (
        "  结论：{status}，到期日 {due}（{days}）。",
        "  Result: {status}, due {due} ({days}).",
    ),
    "explain.result.none": ("  结论：目前没有到期事项。", "  Result: nothing due now."),
    "explain.reason.met": ("已完成：次数已够。", "met: enough contacts."),
    "explain.reason.short": (
        "还差 {missing} 次未完成。",
        "{missing} more needed.",
    ),
    "explain.reason.not_active_at_end": (
        "该周期最后一天结对不在进行中（或儿童不在册），此周期不追究。",
        "the pairing (or child) was not active on the period's last day, so it is not owed.",
    ),
    "explain.reason.between_terms": (
        "今天不在任何学期内（假期），没有当前学期的要求。",
        "today falls between terms (a holiday): no current term to meet.",
    ),
    "explain.reason.no_birth_date": (
        "儿童档案没有出生日期，无法计算生日，不列事项；补上出生日期：liushou set {child} birth_date=YYYY-MM-DD",
        "the child has no birth date, so no birthday item; add it: liushou set {child} birth_date=YYYY-MM-DD",
    ),
    "explain.reason.window": (
        "按间隔计算，{days} 天内须再联系一次。",
        "rolling: another contact is due within {days} days.",
    ),
    "explain.reason.not_active": (
        "今天儿童不在册或结对不在进行中，不计算此职责。",
        "the child or the pairing is not active today, so this duty is not computed.",
    ),
    # explain: absences (控辍保学)
    "explain.absence": (
        "【缺课 第 {n} 次】{start} 至 {end}（无故缺课超过 {persuade} 天须劝返，劝返未果 {report} 次须报镇人民政府）",
        "[Absence {n}] {start} to {end} (persuasion owed after {persuade} day(s); report after {report} failed persuasion(s))",
    ),
    "explain.absence.open_end": ("今（未写 to）", "now (no to)"),
    "explain.absence.line": ("  {text}", "  {text}"),
    "explain.absence.state.open": (
        "截至 {day} 仍未返校：第 {d} 天。",
        "still away on {day}: day {d}.",
    ),
    "explain.absence.state.excused": ("有故缺课（excused），不计算劝返和报告。", "excused: no persuasion or report owed."),
    "explain.absence.state.not_begun": ("{day} 时尚未开始。", "not begun on {day}."),
    "explain.absence.state.closed_by_to": ("已结束（to 早于 {day}）。", "over (to is before {day})."),
    "explain.absence.state.returned": ("已返校（{day} 或之前有“已返校”的劝返记录）。", "back at school (a returned persuasion on or before {day})."),
    "explain.absence.state.not_active": ("儿童今天不在册，不计算。", "the child is not active today: nothing is computed."),
    "explain.absence.whereabouts_unknown": ("具体去向不明。", "whereabouts unknown."),
    "explain.persuasion.counted": ("    ✓ {date} {by} 劝返：{result}（计入）", "    ✓ {date} {by} persuasion: {result} (counted)"),
    "explain.persuasion.not_counted": ("    ✗ {date} {by} 劝返：{result}：{why}", "    ✗ {date} {by} persuasion: {result}: {why}"),
    "explain.persuasion.why.after_today": ("日期在 {day} 之后，不计入", "dated after {day}, not counted"),
    "explain.persuasion.why.returned": ("已返校，不算劝返未果（这次缺课由此结束）", "returned to school: not a failed persuasion (it ends the absence)"),
    "explain.absence.reported": ("已于 {date} 报告 {to}。", "reported to {to} on {date}."),
    "explain.absence.reported_later": ("报告日期 {date} 在 {day} 之后，今天还算未报告。", "the report ({date}) is after {day}: not yet reported then."),
    "explain.absence.failed": ("劝返未果 {failed} 次（满 {needed} 次须报告）。", "{failed} failed persuasion(s) ({needed} call for a report)."),
    "explain.absence.alert": ("  结论：强制报告——{type}：{action}。", "  Result: mandatory report — {type}: {action}."),
    "remind.tier": ("（孩子{date}评估为{level}，按分类施策另加此项）", " (assessed {level} on {date}: a duty of that risk tier)"),
    # remind
    "remind.header": ("======== {name}（{id}）{phone}========", "======== {name} ({id}) {phone}========"),
    "remind.phone": ("电话 {phone} ", "phone {phone} "),
    "remind.coordinator.header": ("======== 项目负责人{name}：项目自己的职责 ========",
                                  "======== Coordinator {name}: the programme's own duties ========"),
    "remind.coordinator.intro": ("截至{day}，项目自己的职责（集体活动）有以下事项：",
                                 "As of {day}, the programme's own duties (group activities):"),
    "remind.coordinator.overdue": ("已经逾期：", "Overdue:"),
    "remind.coordinator.due_soon": ("即将到期：", "Due soon:"),
    "remind.coordinator.item": ("{n}. {duty}，应在{due}前完成（{days}），已开展 {done} 次，需要 {needed} 次",
                                "{n}. {duty}, due {due} ({days}): {done} held, {needed} needed"),
    "remind.coordinator.after": ("开展后记下：{command}；哪些活动算了、为什么没算：{explain}",
                                 "Record each one held: {command}; which activities counted and why not: {explain}"),
    "remind.none": (
        "截至 {day}，没有需要提醒帮扶人的逾期或即将到期事项。",
        "As of {day}, no helper has anything overdue or due soon.",
    ),
    "remind.none_helper": (
        "截至 {day}，帮扶人 {id} 没有逾期或即将到期的事项。",
        "As of {day}, helper {id} has nothing overdue or due soon.",
    ),
    "remind.wrote": ("已写入 {count} 条提醒到 {dir}", "Wrote {count} reminder(s) to {dir}"),
    "remind.alerts_note": (
        "以下强制报告事项由项目负责人处理，不发给帮扶人：",
        "These mandatory reports are for the coordinator and are not sent to helpers:",
    ),
    "remind.err.template": (
        "提醒模板 {path} 有错误：{reason}",
        "The reminder template {path} has an error: {reason}",
    ),
    "remind.hint.template": (
        "可用的变量见 docs/due.md；删除该文件即使用内置模板。",
        "See docs/due.md for the variables; delete the file to use the built-in template.",
    ),
    "remind.err.no_template": ("找不到内置提醒模板 {name}。", "The built-in reminder template {name} is missing."),
    "due.err.output": ("无法写入 {path}：{reason}", "Cannot write {path}: {reason}"),
    "due.err.output_format": (
        "-o 只用于 --csv 或 --json；表格请直接查看。",
        "-o is for --csv or --json; read the table on screen.",
    ),
    "due.wrote": ("已写入 {path}", "Wrote {path}"),
    "opt.due.output": (
        "把 CSV 或 JSON 写到这个文件（整体写入，不会留下半个文件）。Windows PowerShell 里请用它代替 >。",
        "Write the CSV or JSON to this file (all or nothing). In Windows PowerShell use this instead of >.",
    ),
    "remind.coordinator_head": (
        "以下 {count} 项由项目负责人自己办理（风险评估；班主任不是帮扶人时的劝返复学），不发给帮扶人：",
        "These {count} item(s) are the coordinator's own (risk assessments; persuasions when the class teacher is no helper), not sent to helpers:",
    ),
    "remind.coordinator_item": ("• {child}（{id}）{klass}：{duty}，到期日 {due}（{days}）", "• {child} ({id}) {klass}: {duty}, due {due} ({days})"),
    "remind.coordinator_fallback": ("项目负责人", "the coordinator"),
    "remind.date": ("{month}月{day}日", "{day} {month_name}"),
    # due --quiet-days: the pairings gone N days without any contact (duties/quiet.py)
    "opt.due.quiet_days": (
        "改为列出连续 N 天以上没有任何联系的在结对（按帮扶人分组，最久未联系的在前），"
        "如 --quiet-days 30 回答“谁一个月没人联系了”。",
        "Instead list the active pairings with no contact of any kind in the last N days "
        "(by helper, longest first), e.g. --quiet-days 30: who has not been contacted for a month.",
    ),
    "due.err.quiet_days": ("--quiet-days 须是 1 以上的天数，现为 {value}。", "--quiet-days must be 1 or more days, not {value}."),
    "due.err.quiet_by": (
        "--quiet-days 只能按帮扶人（helper）或儿童（child）列出，不能用 {value!r}。",
        "--quiet-days lists by helper or by child, not {value!r}.",
    ),
    "due.err.quiet_all": ("--quiet-days 列出的是结对，不能与 --all 同用。", "--quiet-days lists pairings: it does not take --all."),
    "due.quiet.col.child": ("儿童", "Child"),
    "due.quiet.col.child_id": ("儿童编号", "Child id"),
    "due.quiet.col.child_name": ("儿童姓名", "Child name"),
    "due.quiet.col.class": ("班级", "Class"),
    "due.quiet.col.pairing": ("结对", "Pairing"),
    "due.quiet.col.helper_ids": ("帮扶人编号", "Helper ids"),
    "due.quiet.col.helpers": ("帮扶人", "Helper"),
    "due.quiet.col.last": ("最后联系", "Last contact"),
    "due.quiet.col.days": ("未联系天数", "Days without"),
    "due.quiet.never": ("从未联系", "never"),
    "due.quiet.days_since": ("{n} 天", "{n} days"),
    "due.quiet.days_since_start": ("{n} 天（自结对起）", "{n} days (since the pairing began)"),
    "due.quiet.summary": (
        "截至 {day}：在结对 {active} 对中，{n} 对已连续 {days} 天以上没有任何联系。",
        "As of {day}: {n} of {active} active pairings have had no contact for {days} days or more.",
    ),
    "due.quiet.summary.none": (
        "截至 {day}：在结对的 {active} 对近 {days} 天内都有联系。",
        "As of {day}: all {active} active pairings had a contact in the last {days} days.",
    ),
}
