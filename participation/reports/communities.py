"""The communities residents may report in: live community stations in the default
language, whose page ids are the ids printed in the posters' QR codes; and who replies
to the resident, which is always the station, never a named person."""

from django.db.models import QuerySet
from django.utils.translation import gettext
from wagtail.models import Locale, Page

from notices.models import CommunityPage
from participation.reports.models import Report
from portal.lookups import remembered
from portal.params import parse_id


def reportable_communities() -> QuerySet:
    """Live community stations in the default language: their ids are the QR ids."""
    return (
        CommunityPage.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .order_by("path")
    )


def find_community(community_id) -> CommunityPage | None:
    """The community a report form or the API names by its QR id (the default-language
    page id; a translated page's id is accepted and mapped to it)."""
    pk = parse_id(community_id)
    if pk is None:
        return None
    # Every report names one: remembered until content changes (the page is shared,
    # so callers only read it).
    return remembered("report-community", lambda: _find_community(pk), pk)


def _find_community(pk: int) -> CommunityPage | None:
    page = CommunityPage.objects.live().filter(pk=pk).first()
    if page is None:
        return None
    if page.locale_id != Locale.get_default().pk:
        page = (
            reportable_communities()
            .filter(translation_key=page.translation_key)
            .first()
        )
    return page


def localized(page: Page | None) -> Page | None:
    """A page in the active language where it is translated and live."""
    if page is None:
        return None
    translated = page.get_translation_or_none(Locale.get_active())
    return translated.specific if translated is not None and translated.live else page


def station_name(report: Report) -> str:
    """Who replies: the station the report was dispatched to (else its own
    community's station), never a named person."""
    community = localized(report.assigned_station or report.community)
    if community is None:
        return gettext("The city management station")
    return community.station_name or community.title
