"""New and late reports of the user's communities on the admin home page (registered
through Wagtail's `construct_homepage_panels` hook)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from participation.reports.models import ReportState
from participation.reports.permissions import reports_for


class ReportsPanel(Component):
    """New and late reports of the user's communities on the admin home page."""

    order = 40
    template_name = "participation/report_dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        visible = reports_for(self.request.user)
        now = timezone.now()
        overdue = visible.overdue(now)
        new = visible.filter(state=ReportState.SUBMITTED)
        return {
            "new_count": new.count(),
            "overdue_count": overdue.count(),
            "response_late_count": visible.response_overdue(now).count(),
            "completion_late_count": visible.completion_overdue(now).count(),
            "new": new.select_related("community").order_by("created_at")[:5],
            "overdue": overdue.select_related("community").order_by("completion_due")[
                :5
            ],
            "queue_url": reverse("participation_reports:list"),
        }

    def render_html(self, parent_context=None):
        return render_to_string(
            self.template_name, self.get_context_data(parent_context), self.request
        )
