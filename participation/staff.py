"""What the staff screens of registrations, volunteers and roundtables share.

- Who may do what, and which records each user sees: the model's permission policy
  (participation/policies.py), asked through `policy_for`; a record outside the
  user's communities answers 403, the same answer as a record that does not exist
  (`one_or_denied`, `InScope`), so a URL reveals nothing.
- Wagtail viewsets kept to that scope (`ScopedViewSet`): listing, filters' choices,
  inspect, edit, chooser and bulk actions (`ScopedBulkAction`); listings and exports
  mask personal data for users without the permission (`PersonalColumn`,
  `ScopedListing`).
- The frame of a screen (`StaffScreen`): the entry check, the screen's own check and
  the record it is about, read before anything else runs; breadcrumbs back to the
  feature's first screen.
- Actions posted to a record's screen (`RecordScreen.act`): 400 with the form's
  errors when the form or the rule refuses, else back to the record with a message.
- Personal-data exports (`audited_export`): recorded in the audit log, then sent as
  CSV or XLSX that no cache keeps.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views import chooser as snippet_choosers
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from participation.policies import CommunityPolicy
from participation.submissions import SubmissionError, mask_name, mask_phone
from portal import audit
from portal.exports import defuse, local_minute, private_spreadsheet_response
from portal.params import IdChoiceField, parse_id

Columns = Sequence[tuple[str, object]]  # (field name, column label)


def has_permission(user, codename: str) -> bool:
    return user.is_superuser or user.has_perm(f"participation.{codename}")


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


# Wagtail viewsets kept to the user's communities: every view asks the model's
# permission policy (participation/policies.py), the index for its rows and each
# view of one record for that record, so an id from another community is refused
# whatever the URL, as one that does not exist is.


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter by record: an id no database integer holds is simply not a choice."""

    field_class = IdChoiceField


def policy_for(model: type[Model]) -> CommunityPolicy:
    return policy_registry.get_by_type(model)


class InScope:
    """A view of one record: refused unless the record is in the user's scope."""

    def get_object(self, *args, **kwargs):
        record = super().get_object(*args, **kwargs)
        required = getattr(self, "permission_required", None)
        actions = [required] if required else list(self.any_permission_required)
        if not policy_for(self.model).user_has_any_permission_for_instance(
            self.request.user, actions, record
        ):
            raise PermissionDenied
        return record


class ScopedListing:
    """A listing of the records in the user's scope, exported as the screen shows
    them: names and phones masked unless the user may see personal data, formulas
    defused, dates local; every export recorded in the audit log and never cached.
    """

    export_verb = ""
    # Fields that hold personal data, each with how to mask it.
    personal_fields: dict[str, Callable[[str], str]] = {}
    # Exports that are nothing but personal data are refused without the permission.
    export_needs_personal_data = False

    @cached_property
    def shows_personal_data(self) -> bool:
        return policy_for(self.model).may_see_personal_data(self.request.user)

    def get_base_queryset(self):
        return policy_for(self.model).scope(
            self.request.user, super().get_base_queryset()
        )

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if not self.shows_personal_data:
            for name, mask in self.personal_fields.items():
                if name in row:
                    row[name] = mask(row[name] or "")
        return row

    def cell(self, value) -> object:
        if isinstance(value, datetime):
            value = local_minute(value)
        elif isinstance(value, list | tuple):
            value = ", ".join(str(item) for item in value)
        elif value is None:
            value = ""
        elif not isinstance(value, int | float | Decimal | str):
            value = str(value)
        return defuse(value)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if self.export_needs_personal_data and not self.shows_personal_data:
            raise PermissionDenied
        heading = self.get_heading
        columns = [(field, heading(queryset, field)) for field in self.list_export]
        rows = [
            [self.cell(value) for value in self.to_row_dict(item).values()]
            for item in queryset
        ]
        return audited_export(
            spreadsheet_format,
            self.get_filename(),
            columns,
            rows,
            verb=self.export_verb,
            title=capfirst(self.model._meta.verbose_name_plural),
            personal_data=self.shows_personal_data,
            obj=self.export_subject(),
            detail=self.request.GET.urlencode(),
        )

    def export_subject(self) -> Model | None:
        """The record an export is about, for the audit log (none: a listing)."""
        return None


class PersonalColumn(Column):
    """A column of personal data, masked for users who may not see it."""

    def __init__(self, name, *, mask: Callable[[str], str], **kwargs):
        super().__init__(name, **kwargs)
        self.mask = mask

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        user = parent_context["request"].user
        if not policy_for(type(instance)).may_see_personal_data(user):
            context["value"] = self.mask(context["value"] or "")
        return context


def submission_columns() -> list[Column]:
    """A resident's submission in a listing: its state, and who sent it (masked
    for users who may not see personal data)."""
    return [
        Column("status", label=_("Status"), accessor="get_status_display"),
        PersonalColumn("name", label=_("Name"), mask=mask_name),
        PersonalColumn("phone", label=_("Mobile phone"), mask=mask_phone),
    ]


# Export headings shared by residents' submissions.
SUBMISSION_HEADINGS = {
    "reference": _("Reference code"),
    "get_status_display": _("Status"),
    "name": _("Name"),
    "phone": _("Mobile phone"),
    "email": _("Email"),
}


class ScopedIndexView(ScopedListing, snippet_views.IndexView):
    pass


class RefusedForm:
    """A form the user sent back with errors answers 400, as the other staff
    screens do, so a forged or stale post reads as refused."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class ScopedCreateView(RefusedForm, snippet_views.CreateView):
    pass


class ScopedEditView(RefusedForm, InScope, snippet_views.EditView):
    pass


class ScopedInspectView(InScope, snippet_views.InspectView):
    """A record's page; its personal fields only for those who may see them."""

    personal_fields: tuple[str, ...] = ()

    def get_fields(self):
        fields = super().get_fields()
        if policy_for(self.model).may_see_personal_data(self.request.user):
            return fields
        return [name for name in fields if name not in self.personal_fields]


class RecordEditView(InScope, snippet_views.EditView):
    """What residents sent is their own words: staff act on a record from its page
    (the inspect view), never edit it."""

    def get(self, request, *args, **kwargs):
        return redirect(self.inspect_url_name, self.object.pk)

    post = get


class ScopedDeleteView(InScope, snippet_views.DeleteView):
    pass


class ScopedCopyView(InScope, snippet_views.CopyView):
    pass


class ScopedUsageView(InScope, snippet_views.UsageView):
    pass


class ScopedHistoryView(InScope, snippet_views.HistoryView):
    pass


def chooseable(model: type[Model], user) -> QuerySet:
    return policy_for(model).instances_user_has_any_permission_for(
        user, ["view", "change"]
    )


class ScopedChooseView(snippet_choosers.ChooseView):
    def get_object_list(self):
        return chooseable(self.model_class, self.request.user)


class ScopedChooseResultsView(snippet_choosers.ChooseResultsView):
    def get_object_list(self):
        return chooseable(self.model_class, self.request.user)


class ScopedChosenView(snippet_choosers.SnippetChosenView):
    def get_object(self, pk):
        return chooseable(self.model_class, self.request.user).get(pk=parse_id(pk))


class ScopedChosenMultipleView(snippet_choosers.SnippetChosenMultipleView):
    def get_objects(self, pks):
        ids = [parse_id(pk) for pk in pks]
        return chooseable(self.model_class, self.request.user).filter(pk__in=ids)


class ScopedChooserViewSet(snippet_choosers.SnippetChooserViewSet):
    """The chooser a snippet gets, offering only records in the user's scope."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class ScopedViewSet(SnippetViewSet):
    """A snippet viewset whose every view, its chooser included, keeps to the
    user's communities."""

    chooser_viewset_class = ScopedChooserViewSet

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    inspect_view_class = ScopedInspectView
    delete_view_class = ScopedDeleteView
    copy_view_class = ScopedCopyView
    usage_view_class = ScopedUsageView
    history_view_class = ScopedHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False


class ScopedBulkAction(SnippetBulkAction):
    """A bulk action on records the user may change: an id outside the user's
    communities refuses the whole action and nothing changes; "select all" means
    all of the user's records."""

    template_name = "participation/admin_bulk_action.html"
    permission = "change"
    question = ""

    def act_on(self, record) -> None:
        """Apply the feature's rule to one record (a SubmissionError leaves it as
        it was, and it is counted among those not done)."""
        raise NotImplementedError

    @classmethod
    def execute_action(cls, objects, self=None, **kwargs):
        done = 0
        for record in objects:
            try:
                self.act_on(record)
            except SubmissionError:
                continue
            done += 1
        return done, len(objects) - done

    def check_perm(self, obj):
        return policy_for(self.model).user_has_permission_for_instance(
            self.request.user, self.permission, obj
        )

    def get_all_objects_in_listing_query(self, parent_id):
        records = policy_for(self.model).instances_user_has_permission_for(
            self.request.user, self.permission
        )
        return records.values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, refused = super().get_actionable_objects()
        if refused["items_with_no_access"]:
            raise PermissionDenied
        return objects, refused

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action_title=self.display_name, action_question=self.question)
        return context
