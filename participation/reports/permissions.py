"""Who sees what of reports, in one place.

- Entering the staff screens needs the "view report" permission (or superuser). Every
  list, page, photo, export and action reads the report through `reports_for(user)`,
  which keeps the reports of the communities `communities_for(user)` returns; any
  other report answers 403 exactly as a missing one does.
- Acting needs "change report"; publishing needs "publish report".
- Names, phones and emails, in full and in the export, need "view report personal
  data"; everyone else sees them masked.
"""

from django.db.models import QuerySet
from wagtail.models import Locale

from notices.models import communities_for
from participation.reports.models import Report


def can_enter(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.has_perm("participation.view_report")
    )


def can_act(user) -> bool:
    return user.is_superuser or user.has_perm("participation.change_report")


def can_see_personal_data(user) -> bool:
    return user.is_superuser or user.has_perm("participation.view_report_personal_data")


def can_publish(user) -> bool:
    return user.is_superuser or user.has_perm("participation.publish_report")


def reports_for(user) -> QuerySet:
    """The reports a staff user may list, open, export and act on: those of the
    communities `communities_for(user)` returns. Nothing without the view permission."""
    if not getattr(user, "is_authenticated", False) or not can_enter(user):
        return Report.objects.none()
    if user.is_superuser:
        return Report.objects.all()
    return Report.objects.filter(community__in=communities_for(user))


def visible_communities(user) -> QuerySet:
    """The user's communities in the default language (the ones reports point to)."""
    return communities_for(user).filter(locale=Locale.get_default()).order_by("path")
