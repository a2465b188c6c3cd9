"""Messages for ``liushou import`` (importing a roster, 花名册)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help.import": (
        "从花名册（Excel .xlsx 或 CSV）导入儿童，或用 --contacts 导入帮扶人的活动台帐（联系记录）："
        "先列出将做的修改，确认后才写入。",
        "Import children from a roster (Excel .xlsx or CSV), or with --contacts a helpers' "
        "contact sheet (活动台帐): shows what will change, and writes only once confirmed.",
    ),
    "importer.opt.contacts": (
        "导入帮扶人的活动台帐（联系记录）：.xlsx 或 CSV，列如 日期、儿童、帮扶人、类型、内容；写入 contacts/ 的月份文件。",
        "Import a helpers' contact sheet (活动台帐): .xlsx or CSV with columns such as 日期, "
        "儿童, 帮扶人, 类型, 内容; appended to the month files under contacts/.",
    ),
    "importer.opt.school": ("花名册没有学校列（或该格为空）时，新增儿童的学校。",
                            "The school of added children when the roster has no school column (or the cell is empty)."),
    "importer.metavar.school": ("学校", "SCHOOL"),
    "importer.opt.file": ("花名册文件：.xlsx，或 Excel/WPS 另存的 CSV（GBK 或 UTF-8 均可）。活动台帐用 --contacts。",
                          "The roster: .xlsx, or CSV as Excel/WPS save it (GBK or UTF-8). A contact sheet: --contacts."),
    "importer.opt.map": (
        "指定某列导入到哪个字段，如 --map \"紧急联系电话=guardian.phone\"；字段写 - 表示忽略该列。可重复。"
        "活动台帐的字段：date、child、pairing、helper、kinds、channel、minutes、summary。",
        "Map a column to a field, e.g. --map \"紧急联系电话=guardian.phone\"; field - ignores "
        "the column. Repeatable. A contact sheet's fields: date, child, pairing, helper, kinds, "
        "channel, minutes, summary.",
    ),
    "importer.metavar.map": ("表头=字段", "HEADER=FIELD"),
    "importer.opt.enrolled": (
        "新增儿童的建档日期 enrolled（如 2026-09-01、2026/9/1、9月1日），花名册没有建档日期列或该格为空时使用；默认今天。",
        "Enrolment date (enrolled) of added children (2026-09-01, 2026/9/1, 9月1日) where the "
        "roster has no 建档日期 column or the cell is empty; default today.",
    ),
    "importer.opt.update": ("已在台账中的儿童（姓名和出生日期相同）：补充其空缺的字段（不覆盖已有内容）。",
                            "For children already on record (same name and birth date): fill in "
                            "their empty fields (nothing is overwritten)."),
    "importer.opt.yes": ("不询问，直接写入。", "Write without asking."),
    "importer.opt.dry_run": ("只显示将要做的修改（diff），不写入。", "Show the changes (a diff) and write nothing."),
    "importer.opt.sheet": ("读取哪个工作表；默认花名册读第一个有表头的，活动台帐读每一个有表头的。",
                           "Which sheet to read; by default a roster's first with a header, every one with a "
                           "header of a contact sheet."),
    "importer.opt.commit": ("写入后用 git 提交这些文件（提交说明不含姓名）。",
                            "Commit the written files with git (the message holds no names)."),
    # whole-file errors
    "importer.err.which_file": ("请给出一个文件：花名册（liushou import 花名册.xlsx）或活动台帐（liushou import --contacts 台帐.xlsx）。",
                                "Give one file: a roster (liushou import roster.xlsx) or a contact "
                                "sheet (liushou import --contacts sheet.xlsx)."),
    "hint.importer.err.which_file": ("两者不能同时导入：分两次运行。", "Not both at once: run the command twice."),
    "importer.err.roster_option": ("{option} 只用于导入花名册，不能与 --contacts 一起用。",
                                   "{option} is for importing a roster, not with --contacts."),
    "hint.importer.err.roster_option": ("去掉 {option} 再运行。", "Run it again without {option}."),
    "importer.err.contacts_no_header": (
        "找不到表头：前 15 行里没有一行同时含“日期”和“儿童”（或“姓名”“结对编号”）。",
        "No header found: none of the first 15 rows holds 日期 (date) and 儿童 (child), 姓名 or 结对编号 (pairing).",
    ),
    "hint.importer.err.contacts_no_header": (
        "检查表头的写法；其他写法可用 --map 指定，如 --map \"走访时间=date\" --map \"学生=child\"。",
        "Check the header; name other columns with --map, e.g. --map \"走访时间=date\" --map \"学生=child\".",
    ),
    "importer.err.contacts_no_kinds": (
        "台帐没有“类型”列（联系的种类，如 家访、谈心），也没有“内容”列。表头有：{headers}",
        "The sheet has no 类型 (kind of contact, such as 家访, 谈心) column and no 内容 column. Its headers: {headers}",
    ),
    "hint.importer.err.contacts_no_kinds": (
        "加一列“类型”，或用 --map \"表头=kinds\" 指定哪一列是类型。",
        "Add a 类型 column, or say which column holds the kinds with --map \"header=kinds\".",
    ),    "importer.err.old_format": (
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
    "importer.row.same_id_number": ("与第 {other} 行身份证号相同", "the same ID number as row {other}"),
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
    "importer.col.enrolled": ("建档日期", "enrolled"),
    "importer.col.village": ("村/居", "village"),
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
    "importer.enrolled.column": ("新增儿童的建档日期（enrolled）取自“{column}”列（{count} 名）。",
                                 "Added children's enrolment date (enrolled) comes from the {column} column ({count})."),
    "importer.enrolled.option": ("新增儿童的建档日期（enrolled）：{date}（--enrolled，{count} 名）。",
                                 "Added children's enrolment date (enrolled): {date} (--enrolled, {count})."),
    "importer.enrolled.today": (
        "注意：花名册没有建档日期，也没有给 --enrolled，{count} 名新增儿童的建档日期（enrolled）记为今天 {date}。"
        "建档日期之前的联系记录不计入，也不能再补记（liushou check 会报错）。这些儿童若早已纳入帮扶，"
        "请加 --enrolled 纳入日期（如 --enrolled 2026-09-01）重新运行，或导入后用 liushou set 编号 enrolled=日期 改正。",
        "Note: the roster gives no enrolment date and --enrolled was not given, so {count} added "
        "children are enrolled today, {date}. Contacts dated before a child's enrolled date do not "
        "count and cannot be logged (liushou check reports them). If these children joined the "
        "programme earlier, run again with --enrolled DATE (e.g. --enrolled 2026-09-01), or correct "
        "them afterwards with liushou set ID enrolled=DATE.",
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
    # a contact sheet (liushou import --contacts)
    "importer.contact.no_date": ("{letter} 列（{column}）：缺少日期", "column {letter} ({column}): no date"),
    "importer.contact.bad_date": (
        "{letter} 列（{column}）：“{value}”不是日期（可写 2026-11-3、2026/11/3、2026.11.3、2026年11月3日）",
        "column {letter} ({column}): {value!r} is not a date (write 2026-11-3, 2026/11/3, 2026.11.3 or 2026年11月3日)",
    ),
    "importer.contact.future": ("{letter} 列（{column}）：日期 {date} 在今天（{today}）之后",
                                "column {letter} ({column}): {date} is after today ({today})"),
    "importer.contact.no_child": ("{letter} 列（{column}）：没有写儿童（姓名或编号）",
                                  "column {letter} ({column}): no child (a name or an id)"),
    "importer.contact.no_kinds": ("{letter} 列（{column}）：没有写联系类型（如 家访、谈心、电话）",
                                  "column {letter} ({column}): no kind of contact (such as 家访, 谈心, 电话)"),
    "importer.contact.bad_kind": (
        "{letter} 列（{column}）：“{value}”不是联系类型（可写 家访、谈心、与班主任联系、与监护人沟通、写信、电话、"
        "见面、陪过生日、陪过节日、学习辅导、生活帮扶、信息核查、心理疏导，多个用顿号分开）",
        "column {letter} ({column}): {value!r} is not a kind of contact (家访, 谈心, 与班主任联系, "
        "与监护人沟通, 写信, 电话, 见面, 陪过生日, 陪过节日, 学习辅导, 生活帮扶, 信息核查, 心理疏导 "
        "or the English kinds; several separated by 、)",
    ),
    "importer.contact.no_leading_kind": (
        "{letter} 列（{column}）：台帐没有“类型”列，而“{value}…”不以联系类型开头（如“家访：…”“电话、谈心，…”）",
        "column {letter} ({column}): the sheet has no 类型 column and {value!r}… does not start with a "
        "kind of contact (such as 家访：…)",
    ),
    "importer.contact.bad_minutes": ("{letter} 列（{column}）：“{value}”不是时长（可写 60、60分钟、1小时、半小时）",
                                     "column {letter} ({column}): {value!r} is not a duration (write 60, 60分钟, 1小时)"),
    "importer.contact.unknown_child": ("{letter} 列（{column}）：台账中没有儿童“{name}”",
                                       "column {letter} ({column}): no child {name!r} on record"),
    "importer.contact.unknown_child_close": ("{letter} 列（{column}）：台账中没有儿童“{name}”（相近：{close}）",
                                             "column {letter} ({column}): no child {name!r} on record (close: {close})"),
    "importer.contact.ambiguous_child": ("{letter} 列（{column}）：有几名儿童叫“{name}”：{ids}；请改写编号",
                                         "column {letter} ({column}): several children are called {name!r}: "
                                         "{ids}; write the id instead"),
    "importer.contact.unknown_pairing": ("{letter} 列（{column}）：没有结对 {id}",
                                         "column {letter} ({column}): there is no pairing {id}"),
    "importer.contact.pairing_child": ("{letter} 列（{column}）：结对 {pairing} 是 {child} 的，不是 {named}",
                                       "column {letter} ({column}): pairing {pairing} is {child}'s, not {named}'s"),
    "importer.contact.several_pairings": (
        "{letter} 列（{column}）：{child}在 {date} 有几个结对：{pairings}；请在“帮扶人”列写明帮扶人，或加一列“结对编号”",
        "column {letter} ({column}): {child} has several pairings on {date}: {pairings}; name the "
        "helper in 帮扶人 or add a 结对编号 (pairing) column",
    ),
    "importer.contact.before_enrolled": (
        "{letter} 列（{column}）：{child}的建档日期（enrolled）是 {enrolled}，晚于这条记录的 {date}，所以这天还没有进行中的结对；"
        "若建档日期不对，用 liushou set {id} enrolled=YYYY-MM-DD 改正（{path}）后再导入",
        "column {letter} ({column}): {child} was enrolled (enrolled) on {enrolled}, after this "
        "contact's {date}, so no pairing counts on that day; if the enrolment date is wrong, "
        "correct it with liushou set {id} enrolled=YYYY-MM-DD ({path}) and import again",
    ),
    "importer.contact.after_left": ("{letter} 列（{column}）：{child}已于 {left} 离开项目，晚于这天（{date}）的记录不能导入",
                                    "column {letter} ({column}): {child} left the programme on {left}; a contact of {date} cannot be imported"),
    "importer.contact.no_pairing": ("{letter} 列（{column}）：{child}还没有结对（用 liushou pair 结对）",
                                    "column {letter} ({column}): {child} has no pairing yet (pair with liushou pair)"),
    "importer.contact.no_active_pairing": (
        "{letter} 列（{column}）：{child}在 {date} 没有进行中的结对（已有：{spans}）",
        "column {letter} ({column}): {child} has no pairing active on {date} (on record: {spans})",
    ),
    "importer.contact.unknown_helper": ("{letter} 列（{column}）：台账中没有帮扶人“{name}”（先用 liushou add helper 添加）",
                                        "column {letter} ({column}): no helper {name!r} on record (add one with liushou add helper)"),
    "importer.contact.unknown_helper_close": ("{letter} 列（{column}）：台账中没有帮扶人“{name}”（相近：{close}）",
                                              "column {letter} ({column}): no helper {name!r} on record (close: {close})"),
    "importer.contact.ambiguous_helper": ("{letter} 列（{column}）：有几名帮扶人叫“{name}”：{ids}；请改写编号",
                                          "column {letter} ({column}): several helpers are called {name!r}: {ids}; write the id instead"),
    "importer.contact.several_helpers": (
        "{letter} 列（{column}）：一条记录只写一位帮扶人，或写结对 {pairing} 的全部帮扶人（{helpers}）、或留空",
        "column {letter} ({column}): write one helper, or all of pairing {pairing}'s helpers ({helpers}), or none",
    ),
    "importer.contact.same_row": ("与第 {other} 行是同一条记录（日期、结对、类型、帮扶人、内容都相同）",
                                  "the same contact as row {other} (same date, pairing, kinds, helper and summary)"),
    "importer.contact.same_row_sheet": ("与工作表“{sheet}”第 {other} 行是同一条记录（日期、结对、类型、帮扶人、内容都相同）",
                                        "the same contact as row {other} of sheet {sheet!r}"),
    "importer.contacts.warnings": ("写入后 liushou check 会多出 {count} 条提醒（不影响导入）：",
                                   "Once written, liushou check has {count} more warnings (they do not block it):"),
    "importer.contacts.sheet_rows": ("工作表“{sheet}”{rows} 行", "sheet {sheet!r} rows {rows}"),
    "importer.contacts.sheet_problem": ("工作表“{sheet}”行 {row}：{reason}", "sheet {sheet!r} row {row}: {reason}"),
    "importer.contacts.kinds_from_summary": (
        "台帐没有“类型”列：联系类型取自“{column}”列开头的词（如“家访：…”），内容照原样保存。",
        "The sheet has no 类型 column: the kinds are the words that open the {column} column "
        "(such as 家访：…); the text is kept as the summary.",
    ),
    "importer.contacts.col.row": ("行", "row"),
    "importer.contacts.col.date": ("日期", "date"),
    "importer.contacts.col.child": ("儿童", "child"),
    "importer.contacts.col.pairing": ("结对", "pairing"),
    "importer.contacts.col.kinds": ("类型", "kinds"),
    "importer.contacts.col.helper": ("帮扶人", "helper"),
    "importer.contacts.col.file": ("写入", "file"),
    "importer.contacts.all_helpers": ("（结对的帮扶人）", "(the pairing's helpers)"),
    "importer.contacts.new": ("将新增的联系记录：", "Contacts to add:"),
    "importer.contacts.present": ("已在联系记录中、不再添加的行：{rows}", "Rows already in the contact log (not added again): {rows}"),
    "importer.contacts.refused": ("以下行无法导入：", "These rows cannot be imported:"),
    "importer.contacts.summary": (
        "新增 {new} 条，已在联系记录中 {present} 条，无法导入 {refused} 行。",
        "{new} to add, {present} already in the log, {refused} rows cannot be imported.",
    ),
    "importer.contacts.converted": (
        "{path} 原是 GBK 编码（Excel 的“CSV (逗号分隔)”），新的行里有 GBK 写不出的字：整个文件改存为 UTF-8（带 BOM，Excel 照样能打开）。",
        "{path} was GBK (Excel's CSV) and the new rows hold characters GBK cannot: it is written whole as UTF-8 with a BOM (Excel still opens it).",
    ),
    "importer.contacts.confirm": ("写入以上 {new} 条联系记录？", "Write these {new} contacts?"),
    "importer.contacts.confirm_partial": ("有 {refused} 行无法导入。只写入其余的 {new} 条？",
                                          "{refused} rows cannot be imported. Write the other {new}?"),
    "importer.contacts.written": ("已写入 {files} 个文件：新增 {new} 条联系记录。", "Wrote {files} files: {new} contacts added."),
    "importer.contacts.commit_message": ("liushou import --contacts：新增 {new} 条联系记录",
                                         "liushou import --contacts: add {new} contacts"),
}
