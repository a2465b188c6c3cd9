"""Reasons for refusing to read (worded into ``problem.unreadable``) and for refusing a change."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "robust.not_regular_file": (
        "这不是普通文件（可能是管道或设备）",
        "not a regular file (a pipe or a device?)",
    ),
    "robust.file_too_large": ("文件过大（超过 {limit}）", "the file is too large (over {limit})"),
    "robust.not_a_folder": (
        "这里应是文件夹，却是一个文件；把它改名或移走，再建同名文件夹",
        "this should be a folder but is a file; rename or move it and create the folder",
    ),
    "robust.zip_method": (
        "文件用了 Excel 和 WPS 都不用的压缩方式，请用 Excel 或 WPS 打开后另存为 .xlsx/.docx",
        "the file uses a compression Excel and WPS never use; open it in Excel or WPS and save it again",
    ),
    "robust.folder_not_file": (
        "这里应是记录文件，却是一个文件夹，里面的内容没有读取；把文件夹改名或移走，再放回文件",
        "this should be a record file but is a folder, and nothing in it was read; rename or move the folder "
        "and put the file back",
    ),
    "robust.xlsx_merged": (
        "合并单元格的范围过大（共 {count} 个单元格），请取消整行整列的合并后另存",
        "merged cells cover too much ({count} cells); unmerge whole rows or columns and save again",
    ),
    "robust.err.check_copy": (
        "无法检查这次改动（{reason}），台账没有改动。",
        "cannot check this change ({reason}); the records were not changed.",
    ),
    "robust.hint.check_copy": (
        "运行 liushou check 查看台账的问题（例如某个文件夹被同名文件占用）。",
        "run liushou check to see what is wrong (e.g. a file where a folder should be).",
    ),
    # where generated files may go (records.outputs, cli.output_target)
    "out.err.records_place": (
        "不能写到 {path}：台账就从这里读取（liushou.yaml、children/、helpers/、pairings/、contacts/、"
        "templates/、.git 等），写进去会覆盖或打乱记录。",
        "Cannot write to {path}: the records are read from there (liushou.yaml, children/, helpers/, "
        "pairings/, contacts/, templates/, .git...), and a file written there would replace or spoil them.",
    ),
    "out.hint.records_place": (
        "换一个位置，例如 out/ 下的文件名；要在屏幕上看，用 -o -。",
        "choose another place, e.g. a file name under out/; to see it on screen, use -o -.",
    ),
    "out.err.link": (
        "不能写到 {path}：它是一个链接（快捷方式），liushou 不通过链接写文件。",
        "Cannot write to {path}: it is a link (shortcut), and liushou writes no file through a link.",
    ),
    "out.hint.link": (
        "删除这个链接，或换一个文件名。",
        "delete the link, or choose another file name.",
    ),
    "out.err.not_file": (
        "不能写到 {path}：它不是普通文件（是文件夹、管道或设备）。",
        "Cannot write to {path}: it is not a regular file (a folder, a pipe or a device).",
    ),
    "out.hint.not_file": (
        "要输出到屏幕（或交给下一个程序），用 -o -；否则换一个文件名。",
        "to write to the screen (or the next program), use -o -; otherwise choose another file name.",
    ),
    "out.err.folder_link": (
        "不能写到 {path}：这个位置经过链接通到台账文件夹以外，儿童信息不能这样被带出去。",
        "Cannot write to {path}: it leads through a link to somewhere outside the records folder, "
        "and children's data must not be carried out that way.",
    ),
    "out.hint.folder_link": (
        "把链接换成真正的文件夹（例如删除链接后新建 out 文件夹），或用 -o 写明要保存的位置。",
        "replace the link with a real folder (e.g. delete it and create an out folder), or give the place with -o.",
    ),
    "out.err.folder_not_dir": (
        "不能写到 {path}：这里应是文件夹，却是别的东西（文件、管道或设备）。",
        "Cannot write to {path}: it should be a folder but is something else (a file, a pipe or a device).",
    ),
    "out.hint.folder_not_dir": (
        "把它改名或移走，或用 -o 选另一个文件夹。",
        "rename or move it, or choose another folder with -o.",
    ),
    "out.err.stdout_binary": (
        "{path} 表示输出到屏幕，但 {format} 文件不能显示在屏幕上。",
        "{path} means the screen, but a {format} file cannot be shown there.",
    ),
    "out.hint.stdout_binary": (
        "用 -f md（或 .csv）输出文字，或用 -o 给出文件名。",
        "use -f md (or .csv) for text, or give a file name with -o.",
    ),
    "out.err.write": ("无法写入 {path}：{reason}。已有的文件没有改动。",
                      "Cannot write {path}: {reason}. Any file already there was left as it was."),
    "out.hint.write": (
        "腾出磁盘空间或换一个可写的位置（例如另一个盘或 U 盘），再运行一次。",
        "free some disk space or choose a place you may write to (another drive, a USB stick), then run this again.",
    ),
    "out.err.narrative": ("读不出学期总结 {path}：{reason}", "Cannot read the term narrative {path}: {reason}"),
    "out.hint.narrative": ("把它换成普通的 Markdown 文本文件，或移走它。", "make it a plain Markdown text file, or move it away."),
    "out.why.full": ("磁盘已满", "the disk is full"),
    "out.why.too_big": ("文件超过了系统允许的大小", "the file is larger than the system allows"),
    "out.why.denied": ("没有写入权限", "permission denied"),
    "out.why.io": ("写入出错（磁盘已满、文件过大或磁盘有故障）", "the write failed (disk full, file too large, or a faulty disk)"),
    "out.why.read_only": ("磁盘是只读的", "the disk is read-only"),
    "out.why.is_folder": ("这是一个文件夹", "it is a folder"),
    "out.why.not_folder": ("路径中有一段不是文件夹", "part of the path is not a folder"),
    # limits on templates (present.templating.Limits)
    "report.err.tpl_limit": ("模板在 {tag} 处被停止：{why}。", "The template was stopped at {tag}: {why}."),
    "tpl.limit.output": (
        "模板生成的内容超过了 {limit}，已停止（可能是循环或乘法写错了）",
        "the template made more than {limit} of text and was stopped (a loop or a multiplication gone wrong?)",
    ),
    "tpl.limit.time": (
        "模板运行超过 {seconds} 秒，已停止（可能是循环套得太深）",
        "the template ran for more than {seconds} seconds and was stopped (loops nested too deep?)",
    ),
    "tpl.limit.loop": (
        "模板的循环次数超过了 {limit} 次，已停止",
        "the template's loops ran more than {limit} times and were stopped",
    ),
}

