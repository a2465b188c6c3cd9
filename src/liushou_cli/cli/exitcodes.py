"""Exit codes, the same for every command (documented in the README)."""

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0  # nothing wrong, nothing overdue
    PROBLEMS = 1  # the command ran and found errors or overdue duties
    ERROR = 2  # the command could not run: no records root, bad usage, unreadable input
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it): stopped, nothing half written
