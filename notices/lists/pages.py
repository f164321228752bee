"""What the duty list's and the lenient catalogue's pages share: an introduction, a
place under the home page, and the addresses that serve the list, its print version,
its downloads, one item's permalink and what changed between versions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page, WorkflowPage
from wagtail.search import index

from notices.lists.legal_review import (
    ReviewedPagePermissionTester,
    ensure_legal_review_workflow,
)
from notices.stations.scoping import AreaScopedPage
from portal.search_fields import CHINESE_TITLE_FIELDS, ChineseTitleSearch


class ListPage(ChineseTitleSearch, AreaScopedPage, RoutablePageMixin, Page):
    """A public list, one page per language; its items are inline children."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    search_fields = [
        *Page.search_fields,
        *CHINESE_TITLE_FIELDS,
        index.SearchField("intro"),
    ]

    # The `ListViews` that serve the list, named by its dotted path: the views module
    # imports the page's own, so the page finds it only when a request comes.
    views_class: str

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        """Only the legal review publishes a list (notices/lists/legal_review.py)."""
        return ReviewedPagePermissionTester(user, self)

    # Every list goes through legal review, even one nobody assigned a workflow to,
    # and a general workflow on an ancestor does not replace it: only a workflow
    # assigned to this very page does. Wagtail asks the page for its workflow, so
    # the page answers.
    def get_workflow(self):
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        own = (
            WorkflowPage.objects.filter(page=self, workflow__active=True)
            .select_related("workflow")
            .first()
        )
        if own is not None:
            return own.workflow
        # First time this list is asked: assign the review to it, so that the admin
        # shows it and its reviewers may open it.
        return ensure_legal_review_workflow([self] if self.pk else None)

    @property
    def has_workflow(self) -> bool:
        return self.get_workflow() is not None

    def clean(self):
        """The list's cross-row checks, the same its admin form runs on the rows
        being edited (the form's `validator` and `row_readers`)."""
        super().clean()
        form = self.base_form_class
        rows = {
            name: [
                {field: getattr(child, field) for field in fields}
                for child in getattr(self, name).all()
            ]
            for name, fields in form.row_readers.items()
        }
        errors = form.validator(**rows)
        if errors:
            raise ValidationError([str(error) for error in errors])

    def list_views(self):
        return import_string(self.views_class)()

    @path("")
    def list_view(self, request):
        return self.list_views().list_view(request, self)

    @path("print/")
    def print_view(self, request):
        return self.list_views().list_view(request, self, printing=True)

    @re_path(r"^download/(?P<fmt>xlsx|csv|json)/$")
    def download_view(self, request, fmt):
        return self.list_views().download_view(request, self, fmt)

    @re_path(r"^items/(?P<key>[\w.-]+)/$")
    def item_view(self, request, key):
        return self.list_views().item_view(request, self, key)

    @path("changes/")
    def changes_view(self, request):
        from notices.lists.views import changes_view

        return changes_view(request, self)

    def item_url(self, key: str, base: str | None = None) -> str:
        """An item's permalink; `base`, the page's address when the caller has it."""
        subpage = self.reverse_subpage("item_view", kwargs={"key": key})
        return (self.url if base is None else base) + subpage
