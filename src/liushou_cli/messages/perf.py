"""Messages of the records cache and of progress bars."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "opt.no_cache": (
        "不用也不更新台账缓存（.liushou-cache/），每个文件都重新读取；环境变量 LIUSHOU_NO_CACHE=1 同效。",
        "Neither use nor update the records cache (.liushou-cache/): read every file afresh; "
        "LIUSHOU_NO_CACHE=1 does the same.",
    ),
    "progress.load": ("读取台账", "Reading records"),
    "progress.import": ("导入花名册", "Importing the roster"),
    "progress.report": ("生成报告", "Building the report"),
    "progress.work": ("处理中", "Working"),
}
