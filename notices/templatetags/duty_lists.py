"""Tags the station page uses to show a community's duties and its three lists.

{% load duty_lists %}
{% community_duties page %}      the community's own duties and notes (一社区一策)
{% community_three_lists page %} Nanning's three lists
"""

from django import template

from notices.lists.duty_views import three_lists_context

register = template.Library()


@register.inclusion_tag("notices/includes/community_duties.html")
def community_duties(community) -> dict:
    return three_lists_context(community)


@register.inclusion_tag("notices/includes/community_three_lists.html")
def community_three_lists(community) -> dict:
    return three_lists_context(community)
