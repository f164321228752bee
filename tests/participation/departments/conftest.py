"""The escalation tests use the report tests' fixtures: texts recorded instead of
sent, a staff member of the first community, and posting an action."""

from tests.participation.reports.conftest import (  # noqa: F401
    act,
    officer,
    recorded_sms,
    staff_a,
)
