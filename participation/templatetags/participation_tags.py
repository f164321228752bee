"""Participation shown on other pages.

Station page:  {% load participation_tags %}{% upcoming_roundtables page %}, or, from
notices' community page, `community_roundtables_section` through its section hook.
"""

from django import template
from django.template.loader import render_to_string
from wagtail.models import Page

from participation.languages import source_of
from participation.roundtables.meetings import upcoming_for
from participation.submissions import mask_name, mask_phone
from portal.lookups import remembered

register = template.Library()


UPCOMING_TEMPLATE = "participation/includes/roundtable_upcoming.html"


def upcoming_context(request, community: Page, limit: int = 3) -> dict:
    """A community's next roundtables, soonest first, with links to propose topics."""

    def build() -> tuple[int, list]:
        source = source_of(community)
        return source.pk, list(upcoming_for(source)[:limit])

    source_id, meetings = remembered("upcoming-roundtables", build, community.pk, limit)
    return {"meetings": meetings, "community_id": source_id, "request": request}


@register.inclusion_tag(UPCOMING_TEMPLATE, takes_context=True)
def upcoming_roundtables(context, community: Page, limit: int = 3) -> dict:
    return upcoming_context(context.get("request"), community, limit)


def community_roundtables_section(request, community: Page) -> str:
    """The community page's roundtables section (registered with
    `notices.extensions.COMMUNITY_SECTIONS`): the same as the tag writes."""
    return render_to_string(UPCOMING_TEMPLATE, upcoming_context(request, community))


@register.filter
def masked_name(name: str) -> str:
    """王秀英 → 王** (staff without the personal-data permission see only this)."""
    return mask_name(name)


@register.filter
def masked_phone(phone: str) -> str:
    """13812345678 → 138****5678."""
    return mask_phone(phone)
