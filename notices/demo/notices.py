"""Demo content for this concern (filled in by its issue)."""

from collections.abc import Callable


def load(stdout_write: Callable[[str], None]) -> None:
    """Idempotent: safe to run any number of times."""
