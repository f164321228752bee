"""The admin home's "Your work" panel: what waits for this user, in their areas.

Wagtail's own panels already list the pages awaiting the user's review and their own
pages in moderation, and the reports feature adds new and late reports; this panel
sums up the rest in one place (pages to review here; today's registrations, volunteers
waiting and agenda proposals to moderate from participation, through
`extensions.YOUR_WORK_ITEMS`) with links, showing only what the user's role may open.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState
from wagtail.permissions import policy_registry

from portal.extensions import WorkItem, your_work_items


def pages_to_review(user) -> int:
    pages = policy_registry.get_by_type(Page)
    if not pages.user_has_any_permission(user, ["add", "change", "publish"]):
        return -1
    return TaskState.objects.reviewable_by(user).count()


def work_items(user) -> list[WorkItem]:
    """Each kind of waiting work the user may act on: pages here, the rest from the
    apps (`extensions.YOUR_WORK_ITEMS`); -1 counts are left out."""
    items = [
        WorkItem(
            _("Pages waiting for your review or sign-off"),
            pages_to_review(user),
            reverse("wagtailadmin_reports:workflow_tasks") + "?status=in_progress",
        ),
        *your_work_items(user),
    ]
    return [item for item in items if item.count >= 0]


class YourWorkPanel(Component):
    """Counts of what waits for the user, each linking to the list to work through."""

    name = "portal_your_work"
    order = 30
    template_name = "portal/admin_your_work.html"

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        items = work_items(self.request.user)
        return render_to_string(
            self.template_name,
            {"items": items, "anything": any(item.count for item in items)},
            self.request,
        )


def add_panel(request, panels) -> None:
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(YourWorkPanel(request))
