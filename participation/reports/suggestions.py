"""Suggestions the station accepted feed the community's "what residents asked for"
list on the duty list and catalogue pages (registered with
`notices.extensions.RESIDENT_REQUESTS`): the staff's public summary or the category,
never the resident's own words, which may name people."""

from types import SimpleNamespace

from wagtail.models import Locale

from notices.models import CommunityPage
from participation.reports.categories import item_titles
from participation.reports.models import Report, ReportKind, ReportState


def accepted_suggestions(community) -> list[SimpleNamespace]:
    """Suggestions the station accepted for this community (any language of its page),
    newest first: `title` (staff-written public summary, else the category in the
    page's language), `duty_code` and `accepted_at`. Never the resident's words."""
    source = (
        CommunityPage.objects.filter(
            translation_key=community.translation_key, locale=Locale.get_default()
        ).first()
        if community is not None
        else None
    )
    if source is None:
        return []
    language = community.locale.language_code
    reports = Report.objects.filter(
        community=source,
        kind=ReportKind.SUGGESTION,
        state__in=[
            ReportState.ACCEPTED,
            ReportState.DISPATCHED,
            ReportState.IN_PROGRESS,
            ReportState.RESOLVED,
            ReportState.CLOSED,
        ],
    ).order_by("-first_response_at", "-pk")[:20]
    reports = list(reports)
    found = item_titles((report.category_code for report in reports), language)
    result = []
    for report in reports:
        code = report.category_code
        title = report.public_title or found.get(code) or report.category_title or code
        result.append(
            SimpleNamespace(
                title=title,
                duty_code=report.category_code,
                accepted_at=report.first_response_at,
            )
        )
    return result
