"""Staff screens of the merchant register, the campaigns and the red and black
ranking, as Wagtail snippet viewsets kept to the user's communities (the model's
permission policy, notices/merchants/policies.py): listing, filters, exports,
inspect, edit and delete all ask it, so a record of another community answers 403
whatever the URL. Licence numbers, addresses and contacts are shown and exported
only to users with "Can see merchants' licence numbers, contacts and export them".

This is the notices side of what participation/staff.py does for residents' records
(notices cannot import participation).
"""

from datetime import datetime
from decimal import Decimal

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.models import Locale
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views import snippets as views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.snippets.widgets import AdminSnippetChooser

from notices.merchants.campaigns import Campaign
from notices.merchants.models import Inspection, Merchant, MerchantGroup, Trade
from notices.merchants.photos import stripped_photo
from notices.merchants.policies import policy_for
from notices.merchants.rankings import (
    ListColour,
    ListingCategory,
    ListingEntry,
    ListingError,
    approve,
    withdraw_approval_on_change,
)
from notices.stations.assignments import communities_for
from notices.stations.scoping import impossible_ids_emptied, is_citywide
from portal import audit
from portal.exports import defuse, local_minute, private_spreadsheet_response
from portal.params import IdChoiceField, parse_id

# Chosen by id in the form (page and snippet choosers): an id no database holds is
# emptied, so the form reports a missing choice instead of the chooser failing.
CHOSEN_BY_ID = ("community", "merchant", "group")
PERSONAL = ("licence_number", "address", "contact_name", "contact_phone")


def my_communities(request) -> QuerySet:
    return (
        communities_for(request.user)
        .filter(locale=Locale.get_default())
        .order_by("path")
    )


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


class InScope:
    def get_object(self, *args, **kwargs):
        try:
            record = super().get_object(*args, **kwargs)
        except ValueError as error:  # an id no database holds
            raise PermissionDenied from error
        required = getattr(self, "permission_required", None)
        actions = [required] if required else list(self.any_permission_required)
        if not policy_for(self.model).user_has_any_permission_for_instance(
            self.request.user, actions, record
        ):
            raise PermissionDenied
        return record


class ScopedIndexView(views.IndexView):
    """The user's communities' records; personal columns of an export blanked for
    users who may not see them."""

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
            for name in PERSONAL:
                if name in row:
                    row[name] = ""
        return row

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """As the screen shows it, formulas defused, recorded in the audit log and
        never cached (as portal/exports.py has every staff export)."""
        heading = self.get_heading
        header = [str(heading(queryset, field)) for field in self.list_export]
        rows = [
            [cell(value) for value in self.to_row_dict(item).values()]
            for item in queryset
        ]
        audit.record_export(
            f"merchants.export.{self.model._meta.model_name}",
            rows=len(rows),
            personal_data=self.shows_personal_data
            and any(name in PERSONAL for name in self.list_export),
            detail=self.request.GET.urlencode(),
        )
        return private_spreadsheet_response(
            spreadsheet_format,
            f"{self.get_filename()}-{timezone.localdate():%Y%m%d}",
            header,
            rows,
            title=str(capfirst(self.model._meta.verbose_name_plural)),
        )


def cell(value) -> object:
    if isinstance(value, datetime):
        value = local_minute(value)
    elif value is None:
        value = ""
    elif not isinstance(value, int | float | Decimal | str):
        value = str(value)
    return defuse(value)


class ScopedForm(WagtailAdminModelForm):
    """A community (or a merchant) the user works for, and nothing else."""

    def __init__(self, data=None, *args, **kwargs):
        data = impossible_ids_emptied(data, lambda name: name in CHOSEN_BY_ID)
        if data is not None and "heads" in data:
            # Several ids: one no database holds is simply not among the choices.
            data = data.copy()
            data.setlist("heads", [pk for pk in data.getlist("heads") if parse_id(pk)])
        super().__init__(data, *args, **kwargs)
        user = self.for_user
        if "community" in self.fields:
            self.fields["community"].queryset = communities_for(user).filter(
                locale=Locale.get_default()
            )
        if "merchant" in self.fields:
            self.fields["merchant"].queryset = policy_for(Merchant).scope(
                user, Merchant.objects.all()
            )
        if "group" in self.fields:
            self.fields["group"].queryset = policy_for(MerchantGroup).scope(
                user, MerchantGroup.objects.all()
            )
        if "heads" in self.fields:
            self.fields["heads"].queryset = policy_for(Merchant).scope(
                user, Merchant.objects.all()
            )
        # Wagtail's snippet chooser writes its "Choose another …" and "Edit this …"
        # when it is made, and the form class is made once: made again here, they
        # read in this user's language.
        for name in ("group", "merchant"):
            field = self.fields.get(name)
            if field is not None and isinstance(field.widget, AdminSnippetChooser):
                field.widget = AdminSnippetChooser(field.queryset.model)


def panels(fields, form, personal=()) -> ObjectList:
    """The edit form: `fields` in order, the personal ones only for users with the
    permission to see them (FieldPanel's `permission`)."""
    return ObjectList(
        [
            FieldPanel(name, permission=CONTACT_PERMISSION)
            if name in personal
            else FieldPanel(name)
            for name in fields
        ],
        base_form_class=form,
    )


CONTACT_PERMISSION = "notices.view_merchant_contact"


class InspectionForm(ScopedForm):
    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and not isinstance(photo, FieldFile):  # a new upload
            return stripped_photo(photo)
        return photo


class CampaignForm(ScopedForm):
    def clean_community(self):
        community = self.cleaned_data.get("community")
        if community is None and not is_citywide(self.for_user):
            raise ValidationError(_("Choose a community you work for."))
        return community


class ListingForm(ScopedForm):
    """Whoever enters an entry is its creator; changing an approved entry sends it
    back for a second person's approval."""

    def save(self, commit=True):
        entry = super().save(commit=False)
        if entry.pk is None:
            entry.created_by = self.for_user
        elif self.has_changed():
            withdraw_approval_on_change(entry, by=self.for_user)
        if commit:
            entry.save()
        return entry


class ScopedCreateView(views.CreateView):
    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class ScopedEditView(InScope, views.EditView):
    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class ScopedInspectView(InScope, views.InspectView):
    def get_fields(self):
        fields = super().get_fields()
        if policy_for(self.model).may_see_personal_data(self.request.user):
            return fields
        return [name for name in fields if name not in PERSONAL]


class ScopedDeleteView(InScope, views.DeleteView):
    pass


class ScopedUsageView(InScope, views.UsageView):
    pass


class ScopedHistoryView(InScope, views.HistoryView):
    pass


class ScopedViewSet(SnippetViewSet):
    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    inspect_view_class = ScopedInspectView
    delete_view_class = ScopedDeleteView
    usage_view_class = ScopedUsageView
    history_view_class = ScopedHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False


class MerchantFilterSet(WagtailFilterSet):
    trade = django_filters.ChoiceFilter(label=_("Trade"), choices=Trade.choices)
    community = IdChoiceFilter(label=_("Community"), queryset=my_communities)

    class Meta:
        model = Merchant
        fields = ["trade", "rating", "community", "listed"]


class MerchantIndexView(ScopedIndexView):
    """The register, with a button to import shops from a workbook."""

    @cached_property
    def header_more_buttons(self):
        from notices.merchants.import_views import may_import

        buttons = list(super().header_more_buttons)
        if may_import(self.request.user):
            buttons.append(
                Button(
                    _("Import from XLSX"),
                    url=reverse("notices_merchants_import"),
                    icon_name="upload",
                )
            )
        return buttons


class MerchantViewSet(ScopedViewSet):
    model = Merchant
    index_view_class = MerchantIndexView
    icon = "home"
    edit_handler = panels(
        [
            "name",
            "licence_number",
            "trade",
            "community",
            "address",
            "latitude",
            "longitude",
            "frontage_duty",
            "frontage_latitude",
            "frontage_longitude",
            "pledge_signed_on",
            "contact_name",
            "contact_phone",
            "group",
            "listed",
        ],
        ScopedForm,
        personal=PERSONAL,
    )
    menu_label = _("Merchants")
    list_display = ["name", "trade", "community", "rating", "pledge_signed_on"]
    list_export = [
        "name",
        "licence_number",
        "trade",
        "community",
        "address",
        "frontage_duty",
        "pledge_signed_on",
        "contact_name",
        "contact_phone",
        "rating",
    ]
    export_filename = "merchants"
    filterset_class = MerchantFilterSet
    search_fields = ["name"]
    inspect_view_fields = [
        "name",
        "licence_number",
        "trade",
        "community",
        "address",
        "latitude",
        "longitude",
        "frontage_duty",
        "frontage_latitude",
        "frontage_longitude",
        "pledge_signed_on",
        "contact_name",
        "contact_phone",
        "group",
        "rating",
        "listed",
    ]


class GroupViewSet(ScopedViewSet):
    model = MerchantGroup
    icon = "group"
    edit_handler = panels(["name", "community", "charter", "heads"], ScopedForm)
    menu_label = _("Self-governance groups")
    list_display = ["name", "community"]
    list_export = ["name", "community", "charter"]
    search_fields = ["name"]


class InspectionFilterSet(WagtailFilterSet):
    class Meta:
        model = Inspection
        fields = ["result", "inspected_on"]


class InspectionViewSet(ScopedViewSet):
    model = Inspection
    icon = "tasks"
    edit_handler = panels(
        ["merchant", "inspected_on", "result", "notes", "photo"], InspectionForm
    )
    menu_label = _("Inspections")
    list_display = ["merchant", "inspected_on", "result"]
    list_export = ["merchant", "inspected_on", "result", "notes"]
    filterset_class = InspectionFilterSet


class CampaignViewSet(ScopedViewSet):
    model = Campaign
    icon = "pick"
    edit_handler = panels(
        [
            "title",
            "title_en",
            "criteria",
            "criteria_en",
            "community",
            "nominations_open",
            "nominations_close",
            "voting_opens",
            "voting_closes",
        ],
        CampaignForm,
    )
    menu_label = _("Model merchant campaigns")
    list_display = [
        "title",
        "community",
        Column("phase", label=_("Phase"), accessor="get_phase_display"),
        "voting_closes",
    ]
    list_export = ["title", "community", "nominations_open", "voting_closes"]


class ListingFilterSet(WagtailFilterSet):
    colour = django_filters.ChoiceFilter(label=_("List"), choices=ListColour.choices)
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=ListingCategory.choices
    )

    class Meta:
        model = ListingEntry
        fields = ["colour", "category"]


class ListingEntryViewSet(ScopedViewSet):
    model = ListingEntry
    icon = "list-ul"
    edit_handler = panels(
        [
            "business_name",
            "business_name_en",
            "colour",
            "category",
            "reason",
            "reason_en",
            "community",
            "merchant",
            "decided_on",
            "starts_on",
            "ends_on",
            "staff_note",
        ],
        ListingForm,
    )
    menu_label = _("Red and black ranking")
    list_display = [
        "business_name",
        "colour",
        "category",
        "starts_on",
        "ends_on",
        Column("approved_at", label=_("Approved")),
    ]
    list_export = [
        "business_name",
        "colour",
        "category",
        "reason",
        "decided_on",
        "starts_on",
        "ends_on",
        "approved_at",
    ]
    filterset_class = ListingFilterSet


class MerchantsGroup(SnippetViewSetGroup):
    items = (
        MerchantViewSet,
        GroupViewSet,
        InspectionViewSet,
        CampaignViewSet,
        ListingEntryViewSet,
    )
    menu_icon = "home"
    menu_label = _("Merchants")
    menu_name = "merchants"
    menu_order = 240


class ApproveListings(SnippetBulkAction):
    """The second person's approval (`rankings.approve`): entries the user entered
    themselves, or of another community, are left as they were."""

    display_name = _("Approve")
    aria_label = _("Approve the selected entries")
    action_type = "approve_listing"
    template_name = "notices/merchant_bulk_approve.html"
    models = [ListingEntry]

    def check_perm(self, obj):
        return policy_for(ListingEntry).user_has_permission_for_instance(
            self.request.user, "approve", obj
        )

    @classmethod
    def execute_action(cls, objects, self=None, **kwargs):
        done = 0
        for entry in objects:
            try:
                approve(entry, self.request.user)
            except ListingError:
                continue
            done += 1
        return done, len(objects) - done

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("%(done)d approved; %(left)d left for another person.") % {
            "done": num_parent_objects,
            "left": num_child_objects,
        }
