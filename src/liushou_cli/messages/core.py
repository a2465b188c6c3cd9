"""General messages: the app, global options, errors every command can hit."""

MESSAGES: dict[str, tuple[str, str]] = {
    "app.help": (
        "留守儿童关爱帮扶台账工具：儿童档案、结对帮扶、联系记录、到期提醒与学期报告。",
        "Records for left-behind children care programmes: archives, pairings, "
        "contacts, what is due, term reports.",
    ),
    "opt.records": (
        "台账文件夹（含 liushou.yaml）；默认从当前目录向上查找。环境变量 LIUSHOU_RECORDS。",
        "Records folder (holding liushou.yaml); by default found by walking up "
        "from the current directory. Env: LIUSHOU_RECORDS.",
    ),
    "opt.lang": ("界面语言：zh（默认）或 en。环境变量 LIUSHOU_LANG。", "Language: zh (default) or en. Env: LIUSHOU_LANG."),
    "opt.debug": ("出错时显示 Python 调用栈（不含变量值）。", "Show the Python traceback on errors (without local values)."),
    "opt.version": ("显示版本号。", "Show the version."),
    "opt.today": ("按这一天计算（如 2026-11-03、2026/11/3、2026年11月3日），默认今天。", "Compute as of this day (e.g. 2026-11-03, 2026/11/3, 2026年11月3日); default today."),
    "opt.json": ("输出 JSON。", "Print JSON."),
    "err.no_root": (
        "找不到台账：从 {start} 向上没有 liushou.yaml。",
        "No records found: no liushou.yaml in {start} or above.",
    ),
    "hint.no_root": (
        "在台账文件夹里运行，或用 --records 路径 / 环境变量 LIUSHOU_RECORDS 指定；新建台账用 liushou init。",
        "Run inside the records folder, or pass --records PATH / set LIUSHOU_RECORDS; "
        "start a new programme with liushou init.",
    ),
    "err.records_not_dir": (
        "台账路径 {path} 不存在或不是文件夹。",
        "Records path {path} does not exist or is not a folder.",
    ),
    "err.records_no_program": (
        "{path} 里没有 liushou.yaml，不是台账文件夹。",
        "{path} holds no liushou.yaml: not a records folder.",
    ),
    "err.bad_date": (
        "日期 {value!r} 无效，应写成 YYYY-MM-DD（如 2026-09-01）或下面的写法之一。",
        "Invalid date {value!r}: write it as YYYY-MM-DD (e.g. 2026-09-01) or one of the forms below.",
    ),
    "err.internal": (
        "内部错误：{error}。请用 --debug 重新运行查看详情，并报告此问题（不要附带儿童信息）。",
        "Internal error: {error}. Run again with --debug for details and report "
        "it (without children's data).",
    ),
    "label.hint": ("提示", "hint"),
}
