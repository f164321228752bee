"""What the staff screens of registrations, volunteers and roundtables share.

- Who may do what: superusers everything; everyone else by the participation
  permission named (`has_permission`); entering a feature's screens also needs an
  active account (`may_enter`).
- What each user sees: only the records of the communities they are assigned to
  (`in_communities`); a record outside them answers 403, the same answer as a record
  that does not exist (`one_or_denied`), so a URL reveals nothing.
- The frame of a screen (`StaffScreen`): the entry check, the screen's own check and
  the record it is about, read before anything else runs; breadcrumbs back to the
  feature's first screen.
- Actions posted to a record's screen (`RecordScreen.act`): 400 with the form's
  errors when the form or the rule refuses, else back to the record with a message.
- Personal-data exports (`audited_export`): recorded in the audit log, then sent as
  CSV or XLSX that no cache keeps.
"""

from collections.abc import Callable, Sequence

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from notices.models import communities_for
from participation.submissions import SubmissionError
from portal import audit
from portal.exports import private_spreadsheet_response

Columns = Sequence[tuple[str, object]]  # (field name, column label)


def has_permission(user, codename: str) -> bool:
    return user.is_superuser or user.has_perm(f"participation.{codename}")


def may_enter(user, codename: str) -> bool:
    """Active users with the feature's view permission, and superusers."""
    return user.is_active and has_permission(user, codename)


def in_communities(records: QuerySet, user, entered: bool) -> QuerySet:
    """The records of the user's communities; none for a user who may not enter."""
    if not entered:
        return records.none()
    return records.filter(community__in=communities_for(user))


def one_or_denied(records: QuerySet, pk) -> Model:
    """The record `pk` among those the user may see, else 403: outside the user's
    communities or no such record, the same answer."""
    found = records.filter(pk=pk).first()
    if found is None:
        raise PermissionDenied
    return found


class StaffScreen(WagtailAdminTemplateMixin):
    """A staff screen of one feature.

    A feature names its entry rule (`may_enter`) and its first screen
    (`index_url_name`, `index_label`); each screen may ask more of the user
    (`may_use`) and reads the record it is about in `load`. Both run before the
    screen's own handler, so a refused user never reaches it.
    """

    header_icon = "group"
    index_url_name = ""
    index_label = ""
    # The feature's first screen ends the breadcrumbs; the others follow it.
    is_index = False

    def may_enter(self, user) -> bool:
        raise NotImplementedError

    def may_use(self, user) -> bool:
        return True

    def load(self) -> None:
        """Read the record the screen is about (raise PermissionDenied when the user
        may not see it)."""

    def dispatch(self, request, *args, **kwargs):
        if not (self.may_enter(request.user) and self.may_use(request.user)):
            raise PermissionDenied
        self.load()
        return super().dispatch(request, *args, **kwargs)

    def index_breadcrumbs(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
        ]

    def trail(self) -> list[dict]:
        """The breadcrumbs before this screen's own."""
        return self.breadcrumbs_items if self.is_index else self.index_breadcrumbs()

    def breadcrumb_label(self) -> str:
        return self.get_page_title()

    def get_breadcrumbs_items(self):
        return [*self.trail(), {"url": "", "label": self.breadcrumb_label()}]


class RecordScreen(StaffScreen):
    """A record's screen that takes actions (POST), each through one rule."""

    # The rules' refusal, shown on the action's form.
    rule_error: type[SubmissionError] = SubmissionError

    def record_url(self) -> str:
        raise NotImplementedError

    def refused(self, **context) -> HttpResponse:
        """The screen again, with what was refused, answering 400."""
        return self.render_to_response(self.get_context_data(**context), status=400)

    def done(self, message: str) -> HttpResponse:
        messages.success(self.request, message)
        return redirect(self.record_url())

    def act(
        self, form: forms.Form, rule: Callable[[dict], str], **refusal
    ) -> HttpResponse:
        """Apply `rule` to the form's data; it returns the message for the user.

        `refusal` is the context the screen is shown again with when the form is
        invalid or the rule refuses (its errors then stand on the form).
        """
        if form.is_valid():
            try:
                message = rule(form.cleaned_data)
            except self.rule_error as error:
                error.show_on(form)
            else:
                return self.done(message)
        return self.refused(**refusal)


def audited_export(
    fmt: str,
    name: str,
    columns: Columns,
    rows: list[list],
    *,
    verb: str,
    title: str,
    personal_data: bool,
    **recorded,
) -> HttpResponse:
    """A staff export named `name`-YYYYMMDD.`fmt`, recorded in the audit log (who,
    what, how many rows, whether it holds personal data) before it is sent."""
    audit.record_export(verb, rows=len(rows), personal_data=personal_data, **recorded)
    return private_spreadsheet_response(
        fmt,
        f"{name}-{timezone.localdate():%Y%m%d}",
        [str(label) for _name, label in columns],
        rows,
        title=title,
    )
