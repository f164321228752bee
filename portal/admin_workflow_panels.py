"""The dashboard's two workflow panels (what awaits the user's review, and the user's
own pages and snippets in a workflow) with every workflow and task name in the
reader's language. Wagtail's panels print the stored names; these keep Wagtail's
queries (the panels' own context) and are drawn by our templates. They replace
Wagtail's through `construct_homepage_panels` (portal/wagtail_hooks.py)."""

from wagtail.admin.views.home import (
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)


class AwaitingReviewPanel(WorkflowObjectsToModeratePanel):
    """Pages and snippets waiting for the user's review, with their actions."""

    template_name = "portal/admin_awaiting_review.html"


class InWorkflowPanel(UserObjectsInWorkflowModerationPanel):
    """The user's own pages and snippets at a step of a workflow."""

    template_name = "portal/admin_in_workflow.html"


REPLACEMENTS = {
    WorkflowObjectsToModeratePanel.name: AwaitingReviewPanel,
    UserObjectsInWorkflowModerationPanel.name: InWorkflowPanel,
}


def replace_panels(panels: list) -> None:
    """Swap Wagtail's workflow panels for ours, in place and order."""
    for index, panel in enumerate(panels):
        replacement = REPLACEMENTS.get(getattr(panel, "name", None))
        if replacement is not None and type(panel) is not replacement:
            panels[index] = replacement()
