"""Messages for the init area: ``liushou init``, ``liushou schema`` and the texts of a new programme.

The ``init.yaml.*`` keys are the comments written into a new ``liushou.yaml``;
``{{`` and ``}}`` are literal braces (the texts go through ``str.format``).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # help and options
    "help.init": (
        "新建台账：在文件夹 DIR（默认当前目录）里写好带注释的 liushou.yaml、本学年两个学期、"
        "children/ helpers/ pairings/ contacts/ reports/ 文件夹、JSON Schema、git 仓库和提交前检查。"
        "已有台账时不会覆盖任何文件。",
        "Start a programme in DIR (default: the current directory): a commented liushou.yaml, "
        "this school year's two terms, the children/ helpers/ pairings/ contacts/ reports/ folders, "
        "JSON Schemas, a git repository and a pre-commit check. Never overwrites an existing programme.",
    ),
    "help.schema": (
        "重新生成台账的 JSON Schema（.liushou/schema/），供编辑器（如 VS Code 的 YAML 插件）提示和检查。",
        "Write the records' JSON Schemas again (.liushou/schema/) for editors "
        "(e.g. the YAML extension of VS Code).",
    ),
    "opt.init.dir": ("台账文件夹，默认当前目录；不存在时新建。", "Records folder; default the current directory; created if missing."),
    "opt.init.program": ("项目名称，默认取文件夹名。", "Programme name; default the folder's name."),
    "opt.init.organization": ("组织单位，如 水湖镇中心小学德育处。", "Organisation, e.g. a school's moral-education office."),
    "opt.init.coordinator": ("负责人，如 王老师。", "Coordinator, e.g. 王老师."),
    "opt.init.no_git": ("不建 git 仓库，也不装提交前检查。", "Do not create a git repository or the pre-commit check."),
    # prompts (only when a terminal is attached)
    "init.prompt.program": ("项目名称", "Programme name"),
    "init.prompt.organization": ("组织单位（可留空）", "Organisation (may be empty)"),
    "init.prompt.coordinator": ("负责人（可留空）", "Coordinator (may be empty)"),
    # errors
    "init.err.exists": (
        "{path} 已存在：这里已经是一个台账，init 不会覆盖它，什么也没有改动。",
        "{path} already exists: this is a programme already; init never overwrites it, and nothing was changed.",
    ),
    "init.hint.exists": (
        "检查它用 liushou check --records {dir}；只想重新生成 JSON Schema 用 liushou schema；新台账请换一个文件夹。",
        "Check it with liushou check --records {dir}; to write the JSON Schemas again use liushou schema; "
        "start a new programme in another folder.",
    ),
    "init.err.not_dir": ("{path} 已存在，但不是文件夹。", "{path} exists but is not a folder."),
    "init.hint.not_dir": ("换一个文件夹名，或先把同名文件移走。", "Choose another folder name, or move the file away first."),
    "init.err.write": ("无法写入 {path}：{reason}。", "Cannot write {path}: {reason}."),
    "init.hint.write": (
        "检查文件夹是否存在、是否有写入权限、磁盘是否已满。",
        "Check that the folder exists, that you may write to it and that the disk is not full.",
    ),
    "init.err.empty_program": ("项目名称不能为空。", "The programme name must not be empty."),
    "init.hint.empty_program": ("用 --program 给出项目名称。", "Give the programme's name with --program."),
    "init.err.multiline": ("{what}不能含换行。", "{what} must not hold a line break."),
    # report of what was done
    "init.done": ("已在 {dir} 建立台账「{program}」。", "Started the programme “{program}” in {dir}."),
    "init.created": ("  新建  {path}", "  created  {path}"),
    "init.kept": ("  保留  {path}（已存在，未改动）", "  kept     {path} (exists, unchanged)"),
    "init.terms": ("本学年的学期：{terms}（请按本校校历核对开学和结束日期）", "This school year's terms: {terms} (check the dates against your school calendar)"),
    "init.git.created": ("  已建立 git 仓库（git init）", "  created a git repository (git init)"),
    "init.git.exists": ("  已有 git 仓库，沿用", "  using the existing git repository"),
    "init.git.failed": ("  git init 未成功（{reason}），已跳过；台账仍可使用", "  git init failed ({reason}); skipped, the records work without it"),
    "init.hook.created": ("  已安装提交前检查 {path}：有错误时阻止提交", "  installed the pre-commit check {path}: commits with errors are blocked"),
    "init.hook.kept": ("  已有提交前钩子 {path}，未改动", "  a pre-commit hook already exists at {path}; left unchanged"),
    "init.next": (
        "下一步（在台账文件夹里运行，或加 --records 路径）：\n"
        "  1. 登记帮扶人：liushou add helper --name 严万莲 --role 爱心妈妈     → helpers/H001.yaml\n"
        "  2. 为儿童建档（一人一档，记下监护人同意）：\n"
        "     liushou add child --name 张小明 --guardian 王桂兰 --consent-date 2026-09-01 → children/C001.yaml\n"
        "  3. 结对：liushou pair C001 H001                                   → pairings/P001.yaml\n"
        "  4. 记联系：liushou log P001 走访 --summary 家访                    → contacts/年-月.csv\n"
        "  5. 看谁的帮扶到期了：liushou due；检查台账：liushou check\n"
        "  也可以直接编辑这些 YAML/CSV 文件。全部命令：liushou --help；记录格式见 README。",
        "Next steps (run inside the records folder, or add --records PATH):\n"
        "  1. Register helpers: liushou add helper --name 严万莲 --role aixin_mama  → helpers/H001.yaml\n"
        "  2. Add children (one archive each, with the guardian's consent):\n"
        "     liushou add child --name 张小明 --guardian 王桂兰 --consent-date 2026-09-01 → children/C001.yaml\n"
        "  3. Pair them: liushou pair C001 H001                          → pairings/P001.yaml\n"
        "  4. Log contacts: liushou log P001 home_visit --summary 家访      → contacts/<year>-<month>.csv\n"
        "  5. See what is due: liushou due; check the records: liushou check\n"
        "  The YAML/CSV files may be edited directly too. All commands: liushou --help; the record format is in the README.",
    ),
    # `liushou schema`
    "schema.wrote": ("  已写入  {path}", "  wrote      {path}"),
    "schema.same": ("  无变化  {path}", "  unchanged  {path}"),
    "schema.done": (
        "JSON Schema 已在 {dir}；记录文件第一行的 # yaml-language-server: $schema=... 让编辑器使用它们。",
        "JSON Schemas are in {dir}; the first line # yaml-language-server: $schema=... of each record file "
        "lets editors use them.",
    ),
    # school terms
    "init.term.autumn": ("{year}年秋季学期", "Autumn term {year}"),
    "init.term.spring": ("{year}年春季学期", "Spring term {year}"),
    "init.term.span": ("{name}（{start}～{end}）", "{name} ({start} to {end})"),
    "init.term.sep": ("、", ", "),
    # words used above
    "init.word.program": ("项目名称", "The programme name"),
    "init.word.organization": ("组织单位", "The organisation"),
    "init.word.coordinator": ("负责人", "The coordinator"),
    # the pre-commit hook
    "init.hook.comment": (
        "liushou：提交前检查台账（liushou check）；有错误时阻止提交。\n"
        "确需跳过一次：git commit --no-verify",
        "liushou: check the records before each commit (liushou check); errors block the commit.\n"
        "To skip it once: git commit --no-verify",
    ),
    "init.hook.blocked": (
        "liushou：台账有错误，已阻止提交。请先改正上面列出的错误（liushou check 可再查看）。",
        "liushou: the records have errors; the commit was blocked. Fix the errors listed above "
        "(liushou check shows them again).",
    ),
    "init.hook.missing": (
        "liushou：找不到 liushou 命令，无法检查台账，已阻止提交。请安装 liushou，或用 git commit --no-verify 跳过。",
        "liushou: the liushou command was not found, so the records cannot be checked; the commit was "
        "blocked. Install liushou, or skip with git commit --no-verify.",
    ),
    # .gitignore
    "init.gitignore": (
        "# liushou 生成的文件，不提交：缓存、导出、Word/WPS 临时文件\n"
        "# 注意：台账含儿童个人信息，这个仓库只能放在可信的私有位置。",
        "# Files liushou and office programs generate; not committed: cache, exports, Word/WPS temp files\n"
        "# Note: the records hold children's personal data; keep this repository private.",
    ),
    # liushou.yaml comments
    "init.yaml.header": (
        "# 留守儿童关爱帮扶台账 · 项目设置\n"
        "# 这个文件标记台账的根目录（像 .git 一样）；liushou 的命令都从这里读取项目设置。\n"
        "# 修改后运行 liushou check 检查。日期一律写成 YYYY-MM-DD。",
        "# Care programme for left-behind children: programme settings\n"
        "# This file marks the records' root (like .git); every liushou command reads its settings here.\n"
        "# Run liushou check after editing. Dates are written YYYY-MM-DD.",
    ),
    "init.yaml.program": ("# 项目名称：报表和学期总结的标题会用到", "# Programme name: used in the titles of reports and term summaries"),
    "init.yaml.organization": ("# 组织单位，如 水湖镇中心小学德育处、某社区居委会、某镇妇联", "# Organisation, e.g. a school's 德育处, a community committee, a women's federation"),
    "init.yaml.coordinator": ("# 负责人（协调人），如 王老师", "# Coordinator, e.g. 王老师"),
    "init.yaml.terms": (
        "# 学期：每学期一项（id 编号、name 名称、start 开学、end 结束），可按任意顺序写，但不得重叠。\n"
        "# 已按“9 月开学”填好本学年的两个学期，请按本校校历修改日期。寒假算在秋季学期里，\n"
        "# 春节前后的走访也计入；暑假不属于任何学期，这段时间不计“每学期”的职责。\n"
        "# 新学年开学前，照样子加上下一学年的两个学期（旧学期保留，报表要用）。",
        "# Terms: one item each (id, name, start, end), in any order, never overlapping.\n"
        "# This school year's two terms are filled in (the year starts in September); adjust the dates\n"
        "# to your school calendar. The winter holiday counts in the autumn term, so visits around\n"
        "# the Spring Festival count; the summer holiday is in no term and per-term duties pause.\n"
        "# Before the next school year starts, add its two terms the same way (keep the old ones).",
    ),
    "init.yaml.duties": (
        "# 帮扶职责：写一个内置方案的名字，或写一列自己的规则。默认 five-ones-term，即“五个一”：\n"
        "# “{quote}”（{source}）\n"
        "# 内置方案（名字照抄）：",
        "# Duties: a built-in preset's name, or a list of your own rules. The default, five-ones-term,\n"
        "# is the “five ones”: “{quote}” ({source})\n"
        "# Built-in presets (write the name exactly):",
    ),
    "init.yaml.duties_custom": (
        "# 某个结对另有要求时，在 pairings/<编号>.yaml 里写它自己的 duties。自己写规则的样子：\n"
        "# duties:\n"
        "#   - id: contact                # 规则编号，列表内不重复\n"
        "#     name: 每月联系一次          # 大家看到的名称\n"
        "#     kinds: [call, meeting, talk, letter, home_visit]   # 哪些联系类型算数\n"
        "#     per: month                 # 每学期 term / 每月 month / 每年 year / 生日前后 birthday\n"
        "#     times: 1                   # 每个周期要几次（默认 1）\n"
        "#   - id: talk\n"
        "#     name: 两周谈心一次\n"
        "#     kinds: [talk]\n"
        "#     within_days: 14            # 或者：两次联系最多相隔几天（与 per 二选一）",
        "# A pairing with other duties writes its own duties in pairings/<id>.yaml. Your own rules look like:\n"
        "# duties:\n"
        "#   - id: contact                # rule id, unique in the list\n"
        "#     name: 每月联系一次          # what people read\n"
        "#     kinds: [call, meeting, talk, letter, home_visit]   # contacts of these kinds count\n"
        "#     per: month                 # term | month | year | birthday\n"
        "#     times: 1                   # contacts needed per period (default 1)\n"
        "#   - id: talk\n"
        "#     name: 两周谈心一次\n"
        "#     kinds: [talk]\n"
        "#     within_days: 14            # or: at most this many days between contacts (instead of per)",
    ),
    "init.yaml.due_soon_days": (
        "# 离到期还有几天时提示“即将到期”（默认 14）",
        "# How many days before a duty falls due it shows as due soon (default 14)",
    ),
    "init.yaml.risk": (
        "# 每年哪几个月做风险评估（默认 3 月和 9 月）：“{quote}”（{source}）",
        "# Months of the yearly risk assessments (default March and September): “{quote}” ({source})",
    ),
    "init.yaml.risk_duties": (
        "# 分类施策：按儿童当前的风险等级（最近一次风险评估）给这个儿童的每个结对另加职责，\n"
        "# 加在结对原有职责之上。“{quote}”（{source}）\n"
        "# 方案只要求分类施策，没有规定每一级要做几次：下面的次数只是样子，由本项目自己定，\n"
        "# 定好后去掉行首的 # 即可生效。规则写法与 duties 相同，编号不要与 duties 的规则重复。\n"
        "# 滚动间隔（within_days）从评定这一等级的那次评估算起；等级变了，上一级的规则就不再要求。",
        "# Risk-tiered duties: duties added to every pairing of a child by the child's current risk\n"
        "# level (its latest risk assessment), on top of the pairing's own. “{quote}” ({source})\n"
        "# The plan asks for tiered care but gives no numbers for each level: the numbers below are\n"
        "# only an example, for this programme to set; remove the leading # to apply them. Rules are\n"
        "# written as under duties, with ids of their own. within_days counts from the assessment\n"
        "# that set the level; when the level changes, the old level's rules are no longer owed.",
    ),
    "init.yaml.risk_high": ("高风险（也可写 高）", "high risk (or 高)"),
    "init.yaml.risk_medium": ("中风险（也可写 中）", "medium risk (or 中)"),
    "init.yaml.risk_duties_quote": (
        "根据留守儿童家庭基本情况和监护、生活、学习、安全、身心健康等信息进行筛查，分类施策",
        "根据留守儿童家庭基本情况和监护、生活、学习、安全、身心健康等信息进行筛查，分类施策",
    ),
    "init.yaml.verify_archive": (
        "# 档案核查（动态排查）：负责人多久核对一次每个儿童的档案，none 不要求 / month 每月 / term 每学期。\n"
        "# “{monthly}”（000 方案3）；“{dynamic}”“{match}”（004）。\n"
        "# 核对后运行 liushou verify 儿童 记下日期（有变动的同时改正，如 guardian.phone=新号码）。",
        "# Archive verification: how often the coordinator checks each child's archive,\n"
        "# none | month | term. “{monthly}” (000 方案3); “{dynamic}”, “{match}” (004).\n"
        "# After a check run liushou verify CHILD to note the day (and fix what changed, e.g. guardian.phone=NEW).",
    ),
    "init.yaml.dropout": (
        "# 控辍保学：无故缺课超过几天须劝返（persuade_after_days），劝返未果几次须报告（report_after_failed）",
        "# Dropout control: persuasion owed after this many days away without leave (persuade_after_days), a report after this many failed persuasions (report_after_failed)",
    ),
    "init.yaml.dropout_preset": (
        "#   {name}（{source}，{days} 天 / {failed} 次）：“{quote}”",
        "#   {name} ({source}, {days} days / {failed}): “{quote}”",
    ),
    "init.yaml.dropout_how": (
        "# 默认即 two-days；按 004 办的写 dropout: one-week，也可以自己写两个数",
        "# The default is two-days; write dropout: one-week to follow 004, or set the two numbers yourself",
    ),
    "init.yaml.program_duties": (
        "# 项目自己的职责（负责人的集体活动日程）：每学期/每月/每年开展几次哪类集体活动，\n"
        "# 如“{quote}”（{source}）。写内置方案名，或规则（activities 写活动类型：家长会、集体生日会、\n"
        "# 亲情电话、两地书、留守儿童会、家园活动……），也可混写；去掉行首的 # 即可生效。\n"
        "# 活动用 liushou activity 记下；到期的列在 liushou due 的项目负责人名下。内置方案：",
        "# The programme's own duties (the coordinator's calendar of group activities): how many\n"
        "# activities of which kinds each term, month or year, e.g. “{quote}” ({source}). Name a built-in\n"
        "# calendar, or write rules (activities: parents_meeting, birthday_party, family_call, letters,\n"
        "# gathering, home_activity...), or both; remove the leading # to apply. Record activities with\n"
        "# liushou activity; what falls due is listed under the coordinator by liushou due. Built-in:",
    ),
    "init.yaml.risk_quote": ("每年3月、9月进行风险评估，新增对象当月评估", "每年3月、9月进行风险评估，新增对象当月评估"),
}
