"""Which notices and events the public sees: one rule for lists, feeds and pages."""

from django.db.models import Q, QuerySet
from django.utils import timezone


def visible(queryset: QuerySet) -> QuerySet:
    """Live, public pages that have not passed their expiry time.

    Wagtail unpublishes expired pages when `publish_scheduled` runs from cron; this
    also hides them in the minutes between expiry and that run.
    """
    return (
        queryset.live()
        .public()
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
    )
