"""Messages for ``liushou import`` (importing a roster, 花名册)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help.import": (
        "从花名册（Excel .xlsx 或 CSV）导入儿童：先列出将新增、更新、跳过的儿童，确认后才写入。",
        "Import children from a roster (Excel .xlsx or CSV): shows who will be added, "
        "updated and skipped, and writes only once confirmed.",
    ),
    "importer.opt.file": ("花名册文件：.xlsx，或 Excel/WPS 另存的 CSV（GBK 或 UTF-8 均可）。",
                          "The roster: .xlsx, or CSV as Excel/WPS save it (GBK or UTF-8)."),
    "importer.opt.map": (
        "指定某列导入到哪个字段，如 --map \"紧急联系电话=guardian.phone\"；字段写 - 表示忽略该列。可重复。",
        "Map a column to a field, e.g. --map \"紧急联系电话=guardian.phone\"; field - ignores "
        "the column. Repeatable.",
    ),
    "importer.metavar.map": ("表头=字段", "HEADER=FIELD"),
    "importer.opt.enrolled": ("新增儿童的建档日期（YYYY-MM-DD），默认今天。",
                              "Enrolment date of added children (YYYY-MM-DD); default today."),
    "importer.opt.update": ("已在台账中的儿童（姓名和出生日期相同）：补充其空缺的字段（不覆盖已有内容）。",
                            "For children already on record (same name and birth date): fill in "
                            "their empty fields (nothing is overwritten)."),
    "importer.opt.yes": ("不询问，直接写入。", "Write without asking."),
    "importer.opt.dry_run": ("只显示将要做的修改（diff），不写入。", "Show the changes (a diff) and write nothing."),
    "importer.opt.sheet": ("读取哪个工作表，默认第一个有表头的。", "Which sheet to read; default the first with a header."),
    "importer.opt.commit": ("写入后用 git 提交这些文件（提交说明不含姓名）。",
                            "Commit the written files with git (the message holds no names)."),
    # whole-file errors
    "importer.err.old_format": (
        "不支持 {suffix} 格式。",
        "The {suffix} format is not supported.",
    ),
    "hint.importer.err.old_format": (
        "在 Excel 或 WPS 中打开，另存为“Excel 工作簿 (.xlsx)”或“CSV (逗号分隔)”后再导入。",
        "Open it in Excel or WPS and save it as an Excel workbook (.xlsx) or as CSV, then import that.",
    ),
    "importer.err.no_file": ("找不到花名册文件 {path}。", "No roster file at {path}."),
    "importer.err.unreadable": ("无法读取 {path}：{reason}。", "Cannot read {path}: {reason}."),
    "importer.err.bad_xlsx": ("无法打开这个 Excel 文件（{reason}），文件可能已损坏或不是 .xlsx。",
                              "Cannot open this Excel file ({reason}); it may be damaged or not an .xlsx."),
    "importer.err.no_sheet": ("文件里没有名为 {sheet} 的工作表。", "The file has no sheet named {sheet}."),
    "importer.err.no_header": (
        "找不到表头：前 15 行里没有一行同时含“姓名”和其他能识别的列（如 性别、出生日期、监护人）。",
        "No header found: none of the first 15 rows holds 姓名 (name) and another known "
        "column (such as 性别, 出生日期, 监护人).",
    ),
    "hint.importer.err.no_header": (
        "检查表头的写法；儿童姓名列可用 --map \"学生=name\" 指定。CSV 请用 Excel/WPS 另存为，不要改扩展名。",
        "Check the header; name the child's name column with --map \"学生=name\". Save CSV "
        "from Excel/WPS rather than renaming a file.",
    ),
    "importer.err.bad_map": ("--map {item!r} 的写法不对，应为 \"表头=字段\"。",
                             "--map {item!r} is malformed: write \"header=field\"."),
    "importer.err.bad_field": ("--map {item!r}：没有字段 {field}。", "--map {item!r}: there is no field {field}."),
    "hint.importer.err.bad_field": ("可用的字段：{fields}；写 - 表示忽略该列。",
                                "Fields: {fields}; write - to ignore the column."),
    "importer.err.map_unknown": ("--map 中的表头“{header}”不在花名册里。", "The header {header!r} given to --map is not in the roster."),
    "hint.importer.err.map_unknown": ("花名册的表头有：{headers}", "The roster's headers are: {headers}"),
    "importer.err.write": ("写入失败，没有改动任何文件：{reason}", "Writing failed; no file was changed: {reason}"),
    "importer.err.invalid": (
        "导入后台账会出现 {count} 个错误，因此没有写入任何文件：",
        "The import would leave {count} errors in the records, so nothing was written:",
    ),
    "importer.warnings": (
        "导入后会多出 {count} 条提醒（如档案不完整、尚未结对、没有监护人同意记录），不影响导入；用 liushou check 查看。",
        "The import adds {count} warnings (such as incomplete archives, no pairing, no consent "
        "on record); they do not block it; see liushou check.",
    ),
    "importer.err.commit": ("文件已写入，但 git 提交失败：{reason}", "The files were written but the git commit failed: {reason}"),
    # one cell or row
    "importer.cell.no_name": ("缺少姓名", "no name"),
    "importer.cell.bad_date": ("{column}“{value}”不是日期（可写 2016-3-12、2016/3/12、2016.3.12、2016年3月12日 或 20160312）",
                               "{column} {value!r} is not a date (write 2016-3-12, 2016/3/12, 2016.3.12, "
                               "2016年3月12日 or 20160312)"),
    "importer.cell.year_month": ("{column}“{value}”只有年月，缺少日", "{column} {value!r} has a year and month but no day"),
    "importer.cell.scientific": (
        "{column}“{value}”是 Excel 的科学计数法，号码已丢失：请在 Excel 中把该列设为“文本”并重新输入号码",
        "{column} {value!r} is in Excel's scientific notation and the number is lost: format "
        "the column as text in Excel and type the numbers again",
    ),
    "importer.cell.bad_gender": ("{column}“{value}”无法识别（应为 男 或 女）", "{column} {value!r} is not 男 or 女 (male/female)"),
    "importer.cell.bad_boarding": ("{column}“{value}”无法识别（应为 是 或 否）", "{column} {value!r} is not 是 or 否 (yes/no)"),
    "importer.cell.bad_category": (
        "{column}“{value}”无法识别（可写 留守、困境、残疾、单亲、孤儿、流动，多个用顿号分开）",
        "{column} {value!r} is not a category (留守, 困境, 残疾, 单亲, 孤儿, 流动; several "
        "separated by 、)",
    ),
    "importer.cell.bad_parents_away": (
        "{column}“{value}”无法识别（可写 双方外出、父亲外出、母亲外出、均未外出）",
        "{column} {value!r} is not understood (write 双方外出, 父亲外出, 母亲外出 or 均未外出)",
    ),
    "importer.cell.bad_age": ("{column}“{value}”不是年龄", "{column} {value!r} is not an age"),
    "importer.cell.bad_id_number": ("{column}不是 18 位身份证号", "{column} is not an 18-digit ID number"),
    "importer.row.duplicate": ("与第 {other} 行是同一名儿童（姓名和出生日期相同）",
                               "the same child as row {other} (same name and birth date)"),
    "importer.row.invalid": ("{where}：{reason}", "{where}: {reason}"),
    # the plan
    "importer.source.xlsx": (
        "{file}：工作表“{sheet}”，表头在第 {row} 行，数据 {rows} 行。",
        "{file}: sheet {sheet!r}, header on row {row}, {rows} data rows.",
    ),
    "importer.source.csv": (
        "{file}：编码 {encoding}，表头在第 {row} 行，数据 {rows} 行。",
        "{file}: encoding {encoding}, header on row {row}, {rows} data rows.",
    ),
    "importer.sep": ("；", "; "),
    "importer.unused": (
        "以下列没有导入：{columns}。需要时用 --map \"表头=字段\" 指定。",
        "These columns are not imported: {columns}. Use --map \"header=field\" to import them.",
    ),
    "importer.col.row": ("行", "row"),
    "importer.col.action": ("操作", "action"),
    "importer.col.id": ("编号", "id"),
    "importer.col.name": ("姓名", "name"),
    "importer.col.birth_date": ("出生日期", "birth date"),
    "importer.col.detail": ("说明", "detail"),
    "importer.kind.add": ("新增", "add"),
    "importer.kind.update": ("更新", "update"),
    "importer.kind.skip": ("跳过", "skip"),
    "importer.kind.error": ("无法导入", "cannot import"),
    "importer.detail.exists": ("已在台账中", "already on record"),
    "importer.detail.exists_update": ("已在台账中，没有可补充的内容", "already on record, nothing to fill in"),
    "importer.detail.fills": ("补充：{fields}", "fill in: {fields}"),
    "importer.detail.same_name": ("注意：台账中有同名儿童 {ids}（出生日期不同）",
                                  "note: {ids} on record have the same name (another birth date)"),
    "importer.problems": ("以下行无法导入：", "These rows cannot be imported:"),
    "importer.row_problem": ("行 {row}：{reason}", "row {row}: {reason}"),
    "importer.summary": (
        "新增 {add} 名，更新 {update} 名，跳过 {skip} 名，无法导入 {error} 行。",
        "{add} to add, {update} to update, {skip} to skip, {error} rows cannot be imported.",
    ),
    "importer.confirm": ("写入以上修改？", "Write these changes?"),
    "importer.confirm_partial": (
        "有 {error} 行无法导入。只导入其余的（新增 {add} 名、更新 {update} 名）？",
        "{error} rows cannot be imported. Import the rest ({add} to add, {update} to update)?",
    ),
    "importer.not_written": (
        "未写入任何文件：需要确认。核对无误后加 --yes 重新运行（或在终端中运行以便确认）。",
        "Nothing was written: confirmation needed. Run again with --yes once checked (or run it "
        "in a terminal to be asked).",
    ),
    "importer.dry_run": ("预演（--dry-run）：未写入任何文件。", "Dry run: nothing was written."),
    "importer.declined": ("已取消，未写入任何文件。", "Cancelled; nothing was written."),
    "importer.nothing": ("没有需要写入的内容。", "Nothing to write."),
    "importer.written": (
        "已写入 {files} 个文件：新增 {add} 名，更新 {update} 名。",
        "Wrote {files} files: {add} added, {update} updated.",
    ),
    "importer.committed": ("已用 git 提交。", "Committed with git."),
    "importer.commit_message": (
        "liushou import：新增 {add} 名儿童，更新 {update} 名",
        "liushou import: add {add} children, update {update}",
    ),
}
