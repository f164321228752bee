"""When an editor publishes an event: a larger capacity moves the waitlist up; a
cancelled event tells everyone registered. When a report is assigned to a person:
they are alerted on their chosen channel."""

from wagtail.signals import page_published


def event_published(sender, instance, **kwargs) -> None:
    from participation.registrations.rules import apply_event_changes

    if instance.takes_registrations or instance.cancelled:
        apply_event_changes(instance)


def report_was_assigned(sender, report, user, **kwargs) -> None:
    from participation.reports.alerts import report_assigned

    report_assigned(report, user)


def connect() -> None:
    from notices.models import EventPage
    from participation.api import webhooks

    # Partners' status webhooks (Open311) hear of every change of a report's state.
    webhooks.connect()

    from participation.reports.assignees import report_was_assigned as assigned

    assigned.connect(report_was_assigned, dispatch_uid="participation_alert_assignee")
    page_published.connect(
        event_published, sender=EventPage, dispatch_uid="participation_event_published"
    )
