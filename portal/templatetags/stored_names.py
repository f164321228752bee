"""Stored workflow, task and group names in the reader's language, for the admin
templates that print one (`portal.roles.display_name`):

- `{{ task.name|display_name }}`: a name;
- `{{ header_title|display_names_in }}`: a heading with a name in it;
- `{{ breadcrumbs_items|display_names_in_breadcrumbs }}`: breadcrumbs whose last
  item is the object's name.
"""

from django import template

from portal import roles

register = template.Library()


@register.filter
def display_name(name) -> str:
    return roles.display_name(name)


@register.filter
def display_names_in(text) -> str:
    return roles.display_names_in(text)


@register.filter
def display_names_in_breadcrumbs(items) -> list[dict]:
    return [
        {**item, "label": roles.display_names_in(item["label"])}
        for item in items or ()
    ]
