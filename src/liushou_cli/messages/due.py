"""Messages for the due area."""

MESSAGES: dict[str, tuple[str, str]] = {}
