"""Public views of the duty list, and the community parts the station page includes."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from notices.lists.duties import DutyItem, DutyListPage, community_duties
from notices.lists.grouping import group_entries
from notices.lists.promises import HANDLING_EXPLANATIONS, HandlingClass
from notices.lists.shared import (
    Column,
    limit_cache_to_today,
    resident_requests,
    stationed_staff,
)
from notices.lists.views import (
    ListFilterForm,
    ListViews,
    category_name,
    related_rows,
)
from notices.stations.community import CommunityPage
from portal.lookups import remembered
from portal.params import FilterChoiceField
from portal.widgets import LongSelect


class DutyFilterForm(ListFilterForm):
    """The list filters plus the handling class (立即办 / 协调办 / 上报办); a class
    the list does not know shows every class, as an old link would expect."""

    handling = FilterChoiceField(label=_("Handling class"), widget=LongSelect)

    field_order = ["q", "handling", "category", "status"]

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["handling"].choices = [
            ("", _("All handling classes")),
            *HandlingClass.choices,
        ]

    def matches(self, entry, filters) -> bool:
        if filters.get("handling") and entry.handling_class != filters["handling"]:
            return False
        return super().matches(entry, filters)


def handling_links(page: DutyListPage, filters: dict[str, str]) -> list[dict]:
    """Each handling class with what it means and a link to the list filtered by
    it (the other filters kept); the chosen class links back to all of them."""
    chosen = filters.get("handling", "")
    links = []
    for value, label in HandlingClass.choices:
        wanted = {**filters, "handling": value}
        if value == chosen:
            wanted.pop("handling")
        query = urlencode(wanted)
        links.append(
            {
                "value": value,
                "label": label,
                "explanation": HANDLING_EXPLANATIONS[value],
                "url": page.url + (f"?{query}" if query else ""),
                "is_chosen": value == chosen,
            }
        )
    return links


class DutyViews(ListViews):
    """The duty list's list, downloads and item permalinks (`items/<code>/`)."""

    template = "notices/duty_list_page.html"
    item_template = "notices/duty_item.html"
    key = "code"

    def filter_form(self, request: HttpRequest, page: DutyListPage) -> DutyFilterForm:
        return DutyFilterForm(request.GET, categories=related_rows(page, "categories"))

    def filter_links(self, page: DutyListPage, filters: dict[str, str]) -> dict:
        return {"handling_links": handling_links(page, filters)}

    def text_of(self, item: DutyItem) -> list:
        category = item.category_obj.name if item.category_obj else ""
        return [
            item.code,
            item.title,
            item.service,
            category,
            item.department,
            item.get_handling_class_display(),
        ]

    def columns(self, request: HttpRequest, page: DutyListPage) -> list[Column]:
        return [
            Column("code", _("code"), lambda i: i.code),
            Column("category", _("category"), category_name),
            Column("title", _("title"), lambda i: i.title),
            Column("service", _("what residents can ask for"), lambda i: i.service),
            Column(
                "handling_class",
                _("handling class"),
                lambda i: i.get_handling_class_display(),
            ),
            Column("response", _("response"), lambda i: i.promised_response),
            Column("completion", _("completion"), lambda i: i.promised_completion),
            Column("department", _("responsible department"), lambda i: i.department),
            Column("legal_basis", _("legal basis"), lambda i: i.legal_basis),
            Column(
                "handled_by", _("handled by"), lambda i: i.get_handler_role_display()
            ),
            Column("effective_from", _("in force from"), lambda i: i.effective_from),
            Column("valid_until", _("in force until"), lambda i: i.valid_until),
            *self.closing_columns(request, page),
        ]


def three_lists(request: HttpRequest, community_id: int) -> HttpResponse:
    """Nanning's three lists for one community: what we handle, what residents asked
    for, who is stationed here."""
    community = get_object_or_404(
        CommunityPage.objects.live().public(), pk=community_id
    )
    translated = community.get_translation_or_none(Locale.get_active())
    if translated is not None and translated.live:
        community = translated
    response = TemplateResponse(
        request, "notices/duty_three_lists.html", three_lists_context(community)
    )
    return limit_cache_to_today(response)


def three_lists_context(community: CommunityPage) -> dict:
    """What the community includes and the three-lists view show, in the community
    page's language."""

    def build() -> dict:
        duties = community_duties(community)
        duty_list = (
            DutyListPage.objects.live().filter(locale_id=community.locale_id).first()
        )
        # What the station handles, by category: a phone shows the categories,
        # each opening onto its items (a list of twenty-six otherwise).
        groups = group_entries(
            list(duty_list.categories.all()) if duty_list else [],
            duties["citywide"],
            filters={},
        )
        return {
            "duties": duties,
            "duty_list": duty_list,
            "handled_groups": groups,
            "requests": resident_requests(community),
        }

    # The name carries the layout of what is remembered.
    lists = remembered("three-lists-2", build, community.pk, timezone.localdate())
    return {"community": community, **lists, "staff": stationed_staff(community)}
