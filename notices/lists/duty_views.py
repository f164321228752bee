"""Public views of the duty list, and the community parts the station page includes."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from notices.lists.duties import DutyItem, DutyListPage, community_duties
from notices.lists.shared import (
    Column,
    limit_cache_to_today,
    resident_requests,
    stationed_staff,
)
from notices.lists.views import ListViews, category_name
from notices.stations.community import CommunityPage
from portal.lookups import remembered


class DutyViews(ListViews):
    """The duty list's list, downloads and item permalinks (`items/<code>/`)."""

    template = "notices/duty_list_page.html"
    item_template = "notices/duty_item.html"
    key = "code"

    def text_of(self, item: DutyItem) -> list:
        category = item.category_obj.name if item.category_obj else ""
        return [item.code, item.title, item.service, category, item.department]

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
        return {
            "duties": community_duties(community),
            "duty_list": DutyListPage.objects.live()
            .filter(locale_id=community.locale_id)
            .first(),
            "requests": resident_requests(community),
        }

    lists = remembered("three-lists", build, community.pk, timezone.localdate())
    return {"community": community, **lists, "staff": stationed_staff(community)}
