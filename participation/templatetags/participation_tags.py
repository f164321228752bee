"""Participation shown on other pages.

Station page:  {% load participation_tags %}{% upcoming_roundtables page %}
"""

from django import template
from wagtail.models import Page

from participation.roundtables import upcoming_for
from participation.submissions import mask_name, mask_phone
from participation.volunteers import source_of
from portal.lookups import remembered

register = template.Library()


@register.inclusion_tag(
    "participation/includes/roundtable_upcoming.html", takes_context=True
)
def upcoming_roundtables(context, community: Page, limit: int = 3) -> dict:
    """A community's next roundtables, soonest first, with links to propose topics."""

    def build() -> tuple[int, list]:
        source = source_of(community)
        return source.pk, list(upcoming_for(source)[:limit])

    source_id, meetings = remembered("upcoming-roundtables", build, community.pk, limit)
    return {
        "meetings": meetings,
        "community_id": source_id,
        "request": context.get("request"),
    }


@register.filter
def masked_name(name: str) -> str:
    """王秀英 → 王** (staff without the personal-data permission see only this)."""
    return mask_name(name)


@register.filter
def masked_phone(phone: str) -> str:
    """13812345678 → 138****5678."""
    return mask_phone(phone)
