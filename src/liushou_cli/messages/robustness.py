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
}
