"""Command-line usage errors (unknown option, missing argument, bad value), worded for people.

The parser (typer's vendored click) speaks English; ``cli/usage_errors.py`` maps each
kind of its errors onto these keys.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "usage.usage": ("用法：", "Usage: "),  # the space is part of the English label
    "usage.hint": ("运行 {command} --help 查看用法和可用的选项。", "run {command} --help to see how to use it."),
    "usage.no_such_option": ("没有 {option} 这个选项。", "no such option: {option}."),
    "usage.no_such_command": ("没有 {name} 这个命令。", "no such command: {name}."),
    "usage.did_you_mean": ("是不是要用 {choices}？", " Did you mean {choices}?"),  # follows a sentence
    "usage.missing_argument": ("缺少参数 {name}。", "missing argument {name}."),
    "usage.missing_option": ("缺少选项 {name}。", "missing option {name}."),
    "usage.missing_command": ("{command} 后面要写一个子命令。", "{command} needs a command after it."),
    "usage.extra_args": ("多出了参数：{args}。", "unexpected extra argument(s): {args}."),
    "usage.needs_value": ("选项 {option} 后面要写一个值。", "option {option} needs a value."),
    "usage.takes_no_value": ("选项 {option} 不带值，请去掉 = 及其后面的内容。",
                             "option {option} takes no value; remove the = and what follows."),
    "usage.bad_value": ("{name} 的值无效：{reason}", "invalid value for {name}: {reason}"),
    "usage.reason.integer": ("应是整数，而写的是 {value}。", "it should be a whole number, not {value}."),
    "usage.reason.number": ("应是数字，而写的是 {value}。", "it should be a number, not {value}."),
    "usage.reason.ge": ("不能小于 {limit}。", "it must be at least {limit}."),
    "usage.reason.gt": ("必须大于 {limit}。", "it must be more than {limit}."),
    "usage.reason.le": ("不能大于 {limit}。", "it must be at most {limit}."),
    "usage.reason.lt": ("必须小于 {limit}。", "it must be less than {limit}."),
    "usage.reason.bool": ("应是 true 或 false，而写的是 {value}。", "it should be true or false, not {value}."),
    "usage.generic": ("命令行写法有误：{detail}", "usage error: {detail}"),
    # the frame of a --help page (cli/help_format.py)
    "help.heading.options": ("选项", "Options"),
    "help.heading.commands": ("命令", "Commands"),
    "help.heading.arguments": ("参数", "Arguments"),
    "help.help_option": ("显示本帮助并退出。", "Show this message and exit."),
    "help.install_completion": ("为当前的 shell 安装命令补全。", "Install completion for the current shell."),
    "help.show_completion": ("显示当前 shell 的命令补全脚本，可复制或自行安装。",
                             "Show completion for the current shell, to copy it or customize the installation."),
    "help.default": ("默认：{value}", "default: {value}"),
    "help.envvar": ("环境变量：{var}", "env var: {var}"),
    "help.required": ("必填", "required"),
    "help.separator": ("；", "; "),
}
