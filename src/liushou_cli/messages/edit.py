"""Messages for the edit area."""

MESSAGES: dict[str, tuple[str, str]] = {}
