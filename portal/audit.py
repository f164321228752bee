"""The audit log: who did what, when, to which record, and how many rows left.

One function writes it, `record`. The business rules of reports, registrations,
volunteers and roundtables call it where a staff decision or a state change
happens, and every export of residents' data calls it with the number of rows and
whether personal fields were included. Page moderation (submitting, approving,
rejecting, publishing a page) is already written by Wagtail to its own log
(`wagtail.models.PageLogEntry`, shown in each page's history); the signal handlers
below copy those events here too, so administrators read one list.

Why our own model rather than Wagtail's `ModelLogEntry` for the rest: an export
concerns many records, not one, and has a row count; Wagtail's "Site history" report
shows model log entries to anyone who may change that model, while this log is for
administrators only; and its entries cannot be edited or deleted in the admin.

Who acted: the `by` argument where the caller knows it, otherwise the user of the
request being served (set by `AuditContextMiddleware`), otherwise nobody (a resident
or a scheduled job).

What is stored are codes (the verb "report.state", a change as "submitted →
accepted"), never words of one language. The log reads them in the reader's
language through the log actions the apps register with Wagtail
(`register_log_actions`: a label for the verb, a message from the entry's data),
as Wagtail's own history reads its log entries (`in_words`).
"""

from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from wagtail.log_actions import registry as log_actions

from portal.models import AuditAction, AuditEntry

_request_user: ContextVar = ContextVar("portal_audit_user", default=None)


class AuditContextMiddleware:
    """Remember the signed-in user while a request is served, for `record`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _request_user.reset(token)


def acting_user(by=None):
    """`by` if given, else the request's signed-in user, else None."""
    user = by if by is not None else _request_user.get()
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def describe(obj) -> tuple[str, str, str]:
    """(object type, id, text) of a model instance, for the log."""
    if obj is None:
        return "", "", ""
    if isinstance(obj, models.Model):
        opts = obj._meta
        label = f"{opts.app_label}.{opts.model_name}"
        text = getattr(obj, "reference", "") or str(obj)
        return label, str(obj.pk or ""), str(text)[:200]
    return type(obj).__name__, "", str(obj)[:200]


# A change of state is stored as its two codes either side of an arrow.
ARROW = " → "


def transition(before: str, after: str) -> str:
    """The detail of a change of state, as stored: "submitted → accepted"."""
    return f"{before}{ARROW}{after}"


@dataclass(frozen=True)
class Logged:
    """An audit entry as Wagtail's log formatters read a log entry: its action (the
    verb) and its data (a change of state's "from" and "to", and the detail)."""

    action: str
    data: dict = field(default_factory=dict)


def logged(entry: AuditEntry) -> Logged:
    before, arrow, after = entry.detail.partition(ARROW)
    data = {"from": before, "to": after} if arrow else {}
    return Logged(entry.verb, {**data, "detail": entry.detail})


def in_words_known(entry: AuditEntry) -> bool:
    """Whether the entry's verb is a registered log action (read in words)."""
    return log_actions.action_exists(entry.verb)


def in_words(entry: AuditEntry) -> tuple[str, str]:
    """(what, detail) of an entry in the active language: the label and message of
    the log action registered for its verb; the stored codes for a verb nobody
    registered."""
    if not in_words_known(entry):
        return entry.verb, entry.detail
    item = logged(entry)
    formatter = log_actions.get_formatter(item)
    return str(formatter.label), str(formatter.format_message(item) or entry.detail)


def record(
    verb: str,
    obj=None,
    *,
    action: str = AuditAction.STATE,
    by=None,
    rows: int | None = None,
    personal_data: bool = False,
    detail: str = "",
) -> AuditEntry:
    """Write one audit entry, e.g. `record("report.accept", report, by=user,
    detail="submitted → accepted")` or `record("reports.export", action=EXPORT,
    rows=120, personal_data=True)`."""
    user = acting_user(by)
    object_type, object_id, object_repr = describe(obj)
    return AuditEntry.objects.create(
        at=timezone.now(),
        user=user,
        username=user.get_username() if user is not None else "",
        action=action,
        verb=verb[:80],
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        rows=rows,
        personal_data=personal_data,
        detail=str(detail)[:300],
    )


def record_export(
    verb: str, *, rows: int, personal_data: bool, obj=None, by=None, detail=""
) -> AuditEntry:
    """An export left the system: how many rows, with or without personal data."""
    return record(
        verb,
        obj,
        action=AuditAction.EXPORT,
        by=by,
        rows=rows,
        personal_data=personal_data,
        detail=detail,
    )


# Page moderation, copied from Wagtail's signals.


def record_task_decision(verb: str, state, user) -> None:
    """A reviewer's decision on one task of a page's workflow (a TaskState)."""
    record(
        verb,
        state.workflow_state.content_object,
        action=AuditAction.MODERATION,
        by=user,
        detail=str(state.task),
    )


def on_task_approved(sender, instance, user=None, **kwargs) -> None:
    record_task_decision("page.workflow.approve", instance, user)


def on_task_rejected(sender, instance, user=None, **kwargs) -> None:
    record_task_decision("page.workflow.reject", instance, user)


def on_workflow_submitted(sender, instance, user=None, **kwargs) -> None:
    record(
        "page.workflow.submit",
        instance.content_object,
        action=AuditAction.MODERATION,
        by=user,
        detail=str(instance.workflow),
    )


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    record(
        "page.publish",
        instance,
        action=AuditAction.MODERATION,
        # The approver whose request publishes the page, else the revision's author.
        by=acting_user() or getattr(revision, "user", None),
    )


def on_page_unpublished(sender, instance, **kwargs) -> None:
    record("page.unpublish", instance, action=AuditAction.MODERATION)


def connect_signals() -> None:
    from wagtail.signals import (
        page_published,
        page_unpublished,
        task_approved,
        task_rejected,
        workflow_submitted,
    )

    task_approved.connect(on_task_approved, dispatch_uid="portal_audit_approved")
    task_rejected.connect(on_task_rejected, dispatch_uid="portal_audit_rejected")
    workflow_submitted.connect(
        on_workflow_submitted, dispatch_uid="portal_audit_submitted"
    )
    page_published.connect(on_page_published, dispatch_uid="portal_audit_published")
    page_unpublished.connect(
        on_page_unpublished, dispatch_uid="portal_audit_unpublished"
    )
