"""What the API shows of the duty list's items and of reports: GeoReport v2 fields,
public data only (never a name, phone, email, the resident's own words or the exact
place)."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from notices.models import DutyItem
from participation.reports.categories import current_items
from participation.reports.models import (
    OPEN_STATES,
    Report,
    ReportKind,
    ReportState,
)
from portal.text import clauses


def open311_status(state: str) -> str:
    """GeoReport v2 knows only open and closed; the fine state travels alongside."""
    return "open" if state in OPEN_STATES else "closed"


def iso(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def promise_text(item) -> str:
    parts = []
    if item.promised_response:
        parts.append(
            translation.gettext("Response %(time)s") % {"time": item.promised_response}
        )
    if item.promised_completion:
        parts.append(
            translation.gettext("completion %(time)s")
            % {"time": item.promised_completion}
        )
    return clauses(parts)


def public_service(item: DutyItem, groups: dict[str, str]) -> dict:
    """One duty item as a GeoReport service; `groups` names the categories."""
    return {
        "service_code": item.code,
        "service_name": item.title,
        "description": item.service or promise_text(item),
        "metadata": True,
        "type": "batch",
        "keywords": ",".join(
            part for part in (item.category, item.handling_class) if part
        ),
        "group": groups.get(item.category, item.category),
    }


def service_definition(item) -> dict:
    """GeoReport's service definition: the attributes a partner may send with a
    request (`attribute[<code>]=<key>`). Every service has one: whether the report
    is a problem to fix or a suggestion."""
    return {
        "service_code": item.code,
        "attributes": [
            {
                "variable": True,
                "code": "kind",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "",
                "order": 1,
                "description": translation.gettext(
                    "A problem to fix (the default) or a suggestion."
                ),
                "values": [
                    {"key": value, "name": str(label)}
                    for value, label in ReportKind.choices
                ],
            }
        ],
    }


def items_by_code(language: str) -> dict:
    with translation.override(language):
        items = current_items(Locale.get_active())
    return {item.code: item for item in items}


def public_request(report: Report, items: dict, base: str) -> dict:
    """One report as GeoReport fields, public data only."""
    item = items.get(report.category_code)
    community = report.community
    published = report.is_published
    media_url = None
    if published:
        photo = next((p for p in report.photos.all() if p.public), None)
        if photo is not None:
            media_url = base + reverse("participation:report_photo", args=[photo.pk])
    notes = str(ReportState(report.state).label)
    if report.state == ReportState.REFERRED and report.referred_to:
        notes = f"{notes}: {report.referred_to}"
    if report.state == ReportState.DUPLICATE and report.duplicate_of_id:
        notes = f"{notes}: {report.duplicate_of.reference}"
    return {
        "service_request_id": report.reference,
        "status": open311_status(report.state),
        "status_notes": notes,
        "service_name": item.title if item else report.category_title,
        "service_code": report.category_code,
        "description": report.public_text if published else "",
        "agency_responsible": report.referred_to or report.department,
        "service_notice": promise_text(item) if item else "",
        "requested_datetime": iso(report.created_at),
        "updated_datetime": iso(report.updated_at),
        "expected_datetime": iso(report.completion_due),
        "address": community.title if community else "",
        "address_id": str(community.pk) if community else "",
        "zipcode": None,
        "lat": float(community.latitude) if community and community.latitude else None,
        "long": (
            float(community.longitude) if community and community.longitude else None
        ),
        "media_url": media_url,
        "extended_attributes": {
            "state": report.state,
            "triage": report.triage or None,
            "handling_class": report.handling_class or None,
        },
    }
