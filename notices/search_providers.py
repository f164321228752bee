"""What the bureau's published content contributes to site search.

Station pages carry their pinyin and initials; list and catalogue items are found one
by one, each at its permalink, and only while in force.
"""

import datetime
from collections.abc import Callable, Iterable

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from notices.convenience.models import CATEGORY_ALIASES, ConveniencePoint
from notices.convenience.pages import ConvenienceMapPage
from notices.lists.catalogue import LenientCataloguePage
from notices.lists.duties import DutyListPage
from notices.news.events import EventPage
from notices.news.notices import NoticePage, Scope
from notices.stations.community import CommunityPage
from notices.stations.pages import DistrictPage, StationIndexPage, SubdistrictPage
from notices.stations.staff import Staff, published_staff
from portal.search import pinyin_keywords
from portal.search_index import Entry, follows, page_documents, plain_text, provider


def all_language_ids(pages: Iterable[Page]) -> list[int]:
    """Ids of these pages in every language, so a community filter works in each."""
    keys = {page.translation_key for page in pages if page is not None}
    if not keys:
        return []
    return list(
        Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
    )


def communities_below(pages: Iterable[Page]) -> list[int]:
    condition = Q()
    for page in pages:
        condition |= Q(path__startswith=page.path)
    if not condition:
        return []
    return all_language_ids(CommunityPage.objects.filter(condition))


def as_datetime(day: datetime.date | None) -> datetime.datetime | None:
    if day is None:
        return None
    return datetime.datetime.combine(
        day, datetime.time(), timezone.get_current_timezone()
    )


@provider(StationIndexPage, kind="station")
@provider(DistrictPage, kind="station")
@provider(SubdistrictPage, kind="station")
def area_documents(page: Page) -> list[Entry]:
    keywords = pinyin_keywords(page.title) if page.locale.language_code != "en" else ""
    return page_documents(page, page.intro, keywords=keywords)


def public_staff_text(staff) -> str:
    published = staff.public_data()
    return " ".join(
        filter(
            None, [published["name"], published["role_label"], published["work_phone"]]
        )
    )


@provider(CommunityPage, kind="station")
def community_documents(page: CommunityPage) -> list[Entry]:
    # Its own name's pinyin, its station's name and its address rank as title; the
    # street's and district's (in search_terms) still match, as hidden keywords.
    # The phones and the staff are those the station page publishes
    # (Staff.public_data), nothing more.
    staff = [public_staff_text(member) for member in published_staff(page)]
    phones = [
        f"{block.value['label']} {block.value['number']}"
        for block in page.service_phones
        if block.block_type == "phone"
    ]
    parts = [page.station_name, page.address, page.duty_summary, *phones, *staff]
    keywords = pinyin_keywords(page.title) if page.locale.language_code != "en" else ""
    # A station is looked for by where it is as much as by its name: its name and
    # address are found as its title is, above a notice or event held there.
    keywords = " ".join(filter(None, [keywords, page.station_name, page.address]))
    return page_documents(
        page,
        " ".join(filter(None, parts)),
        keywords=keywords,
        hidden=f"{page.search_terms} / {page.team_model}",
        communities=all_language_ids([page]),
    )


@provider(NoticePage, kind="notice")
def notice_documents(page: NoticePage) -> list[Entry]:
    if page.scope == Scope.COMMUNITIES:
        communities = all_language_ids(
            link.community for link in page.scope_communities.all()
        )
    elif page.scope == Scope.DISTRICTS:
        communities = communities_below(
            link.district for link in page.scope_districts.all() if link.district
        )
    else:
        communities = []
    body = f"{page.get_category_display()} {page.summary} {plain_text(page.body)}"
    entries = page_documents(page, body, communities=communities)
    for entry in entries:
        entry.date = as_datetime(page.date) or entry.date
    return entries


@provider(EventPage, kind="event")
def event_documents(page: EventPage) -> list[Entry]:
    body = " ".join(
        [
            page.get_event_type_display(),
            page.place,
            page.audience,
            page.summary,
            plain_text(page.body),
            plain_text(page.report),
        ]
    )
    communities = all_language_ids([page.community]) if page.community_id else []
    entries = page_documents(page, body, communities=communities)
    for entry in entries:
        entry.date = page.start
    return entries


def list_documents(page: Page, fields: Callable[[object], dict]) -> list[Entry]:
    """A list page, then each of its items at its permalink in the page's language;
    `fields` gives an item's title, body, key and the days it is in force."""
    language = page.locale.language_code
    return page_documents(page, "") + [
        Entry(url=item.permalink, language_code=language, **fields(item))
        for item in page.entries()
    ]


def duty_fields(item) -> dict:
    category = item.category_obj.name if item.category_obj else ""
    return {
        "title": item.title,
        "body": " ".join(
            [
                item.service,
                item.get_handling_class_display(),
                item.department,
                item.legal_basis,
            ]
        ),
        "keywords": item.code,
        "hidden": category,
        "key": item.code,
        "valid_from": item.effective_from,
        "valid_until": item.valid_until,
    }


def catalogue_fields(item) -> dict:
    until = item.valid_until
    if item.repealed_on and (until is None or item.repealed_on <= until):
        until = item.repealed_on - datetime.timedelta(days=1)
    return {
        "title": f"{item.number} {item.violation}",
        "body": " ".join(
            [
                item.get_kind_display(),
                item.conditions,
                item.measure,
                item.law,
                item.article,
                item.scope,
            ]
        ),
        "hidden": item.batch_obj.title if item.batch_obj else "",
        "key": item.number,
        "valid_from": item.effective,
        "valid_until": until,
    }


@provider(DutyListPage, kind="duty")
def duty_list_documents(page: DutyListPage) -> list[Entry]:
    return list_documents(page, duty_fields)


@provider(LenientCataloguePage, kind="catalogue")
def catalogue_documents(page: LenientCataloguePage) -> list[Entry]:
    return list_documents(page, catalogue_fields)


@provider(ConveniencePoint, kind="convenience")
def convenience_documents(point: ConveniencePoint) -> list[Entry]:
    """A point at its own page, found by its kind under every name residents use
    (厕所 and 卫生间 as well as 公厕); its address is a public place's."""
    language = point.locale.language_code
    community = (
        CommunityPage.objects.live()
        .filter(translation_key=point.community.translation_key, locale=point.locale)
        .first()
    )
    map_page = ConvenienceMapPage.objects.live().filter(locale=point.locale).first()
    if community is None or map_page is None:
        return []
    url = map_page.url + map_page.reverse_subpage("point", args=[point.pk])
    category = point.get_category_display()
    other_names = [
        word for word, key in CATEGORY_ALIASES.items() if key == point.category
    ]
    body = " ".join(
        filter(
            None,
            [
                category,
                point.address,
                community.title,
                point.note,
                " ".join(point.facility_labels()),
                " ".join(point.accessibility_labels()),
            ],
        )
    )
    return [
        Entry(
            title=point.name,
            url=url,
            language_code=language,
            body=body,
            keywords=" ".join([category, *other_names]),
            hidden=f"{community.search_terms}",
            communities=all_language_ids([community]),
        )
    ]


@follows(Staff)
def staff_communities(staff: Staff) -> list[CommunityPage]:
    """A name or work phone changed: the station pages that publish it (as one of
    their staff or as their linked bureau leader)."""
    key = staff.translation_key
    return list(
        CommunityPage.objects.live()
        .filter(
            Q(staff_links__staff__translation_key=key)
            | Q(bureau_leader__translation_key=key)
        )
        .distinct()
    )
