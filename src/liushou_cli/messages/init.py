"""Messages for the init area."""

MESSAGES: dict[str, tuple[str, str]] = {}
