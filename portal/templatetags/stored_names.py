"""Stored workflow, task and group names in the reader's language, for the admin
templates that print one (`portal.roles.display_name`):

- `{{ task.name|display_name }}`: a name;
- `{{ header_title|display_names_in }}`: a heading with a name in it;
- `{{ breadcrumbs_items|display_names_in_breadcrumbs }}`: breadcrumbs whose last
  item is the object's name;
- `{% workflow_status_in_language workflow_state %}`: where a workflow stands;
- `{% log_message entry %}`: a history entry's message (portal/workflow_log.py).
"""

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils.translation import gettext as _

from portal import roles, workflow_log

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
        {
            **item,
            **{
                key: roles.display_names_in(item[key])
                for key in ("label", "sublabel")
                if item.get(key)
            },
        }
        for item in items or ()
    ]


@register.simple_tag
def workflow_status_in_language(workflow_state) -> str:
    """Where a workflow stands ("Sent to 审核签发 3 minutes ago"), its current task
    named in the reader's language."""
    task_state = workflow_state.current_task_state
    values = {
        "task": roles.display_name(task_state.task.name),
        "status": workflow_state.get_status_display(),
    }
    if workflow_state.status == "needs_changes":
        values["time"] = naturaltime(task_state.finished_at)
        return _("Changes requested %(time)s") % values
    values["time"] = naturaltime(task_state.started_at)
    if workflow_state.status == "in_progress":
        return _("Sent to %(task)s %(time)s") % values
    return _("%(status)s at %(task)s %(time)s") % values


@register.simple_tag
def log_message(log_entry) -> str:
    return workflow_log.message(log_entry)
