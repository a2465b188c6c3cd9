"""The write lock and Ctrl-C: what a coordinator reads when two commands meet, or one is stopped."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "lock.waiting": (
        "台账正被另一个 liushou 写入（命令 {command}，进程 {pid}，电脑 {host}，自 {since} 起），"
        "正在等它写完，最多等 {wait} 秒……",
        "The records are being written by another liushou (command {command}, process {pid}, "
        "computer {host}, since {since}); waiting for it, at most {wait} seconds…",
    ),
    "lock.err.busy": (
        "台账被另一个 liushou 占用了 {wait} 秒仍未释放（命令 {command}，进程 {pid}，电脑 {host}，"
        "自 {since} 起）；这次没有写入任何文件。",
        "The records stayed locked by another liushou for {wait} seconds (command {command}, "
        "process {pid}, computer {host}, since {since}); nothing was written.",
    ),
    "lock.hint.busy": (
        "等那个命令结束（或在它的窗口里回答提问）后重试；要等得更久，设置环境变量 {env}=秒数。"
        "若进程 {pid} 确已不在运行，删除 {path} 后重试。",
        "retry once that command has finished (or its question is answered); to wait longer, "
        "set {env}=seconds. If process {pid} is surely not running, delete {path} and retry.",
    ),
    "lock.err.unavailable": (
        "无法给台账加写锁（{path}：{reason}）；这次没有写入任何文件。",
        "cannot lock the records for writing ({path}: {reason}); nothing was written.",
    ),
    "lock.hint.unavailable": (
        "检查台账文件夹是否可写，以及 .liushou-cache 是否是文件夹。",
        "check that the records folder is writable and that .liushou-cache is a folder.",
    ),
    "interrupted": (
        "已中断（Ctrl-C）。没有写了一半的文件：正在写入的改动要么已全部写入，要么已全部撤销"
        "（可用 git status 或 liushou check 查看）。",
        "Interrupted (Ctrl-C). No file is half written: a change being written was either written "
        "whole or put back whole (see git status or liushou check).",
    ),
}
