"""Query budgets: every public page type runs the same number of SQL queries whatever
the amount of content behind it, and never more than QUERY_BUDGET.

One city is built small, every page is measured, then the city grows (more
communities, staff, notices, events, list items, reports, volunteers, meetings) and
every page is measured again. Set QUERY_BUDGET_DUMP=1 to print each page's queries.
"""

import os
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notices.models import CommunityPage, CommunityStaff, EventPhoto, SubdistrictPage
from participation.models import (
    AgendaProposal,
    MeetingState,
    ProposalStatus,
    Resolution,
    Roundtable,
    VolunteerSignUp,
    VolunteerTeam,
)
from participation.reports.categories import find_item
from participation.reports.publication import publish as publish_report
from participation.reports.submitting import submit_report
from tests.conftest import publish
from tests.notices.event_builders import event_index, make_event, make_notice
from tests.notices.event_builders import notice_index as make_notice_index
from tests.notices.list_builders import catalogue, duty_item, duty_list, lenient_item
from tests.notices.station_builders import area, community, image, small_tree, staff

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 12
# Known misses, reported in issue 22's note, not hidden: with Wagtail's own routing (no
# re-implemented routing, issue 22) a page six levels deep costs 13 queries before it
# does anything of its own (site, locale, home page, two per level below the home page,
# and the view-restriction check). The test fails if any other page goes over, or if
# these change either way, so the entry is revisited as soon as it no longer holds.
ROUTING_BOUND = {"community": 13, "poster": 13}
DUMP = bool(os.environ.get("QUERY_BUDGET_DUMP"))


def counted(client, url: str, state: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, state, response.status_code)
    if DUMP:
        print(f"\n== {state} {url}: {len(captured)}")  # noqa: T201
        for query in captured.captured_queries:
            sql = query["sql"]
            print("  ", sql[:60], "…", sql[sql.find(" FROM ") :][:400])  # noqa: T201
    return len(captured)


def queries_for(client, url: str) -> dict[str, int]:
    """SQL queries of an anonymous view of `url`, warm and cold, after a first view
    that makes image renditions. Warm: site-wide lookups (identity, menu, locales,
    routes' translations) are remembered, as on every request but the first after a
    content change. Cold: the cache is emptied first, so nothing is remembered."""
    first = client.get(url)
    assert first.status_code == 200, (url, first.status_code)
    warm = counted(client, url, "warm")
    cache.clear()
    return {"warm": warm, "cold": counted(client, url, "cold")}


class City:
    """A small bilingual city with one of every public page type."""

    def __init__(self, site):
        self.site = site
        self.directory, self.district, self.sub, pages = small_tree(
            site, communities=2, staff_per_community=2
        )
        self.community = pages[0]
        self.notices = make_notice_index(site.home_zh)
        self.notice = make_notice(
            self.notices, "早餐摊占道经营整治通知", communities=[self.community]
        )
        self.events = event_index(site.home_zh)
        self.event = make_event(self.events, "城管开放日")
        self.past_event = make_event(
            self.events, "往期开放日", start=timezone.now() - timedelta(days=10)
        )
        self.duties = duty_list(site.home_zh)
        self.catalogue = catalogue(site.home_zh)
        self.team = VolunteerTeam.objects.create(
            locale=site.zh,
            name="城管志愿者",
            kind="city_volunteers",
            description="协助文明劝导。",
            places=100_000,
        )
        start = timezone.now() - timedelta(days=3)
        self.meeting = Roundtable.objects.create(
            community=self.community,
            title="十月圆桌会",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place="党群服务中心二楼",
            convenor="社区党委",
            state=MeetingState.MINUTES_PUBLISHED,
            minutes_summary="商定了油烟治理办法。",
            attendance_count=20,
            minutes_published_at=timezone.now(),
        )
        self.grow(1)

    def grow(self, times: int) -> None:
        """Add `times` of everything listable, everywhere a page lists it."""
        site = self.site
        extra_sub = area(
            self.district, SubdistrictPage, f"新街道{times}", f"sub-{times}"
        )
        for number in range(times):
            members = [
                staff(
                    f"G{times}-{number}-{m}",
                    site.zh,
                    name=f"增员{number}-{m}",
                    photo=image(f"g{times}-{number}-{m}.jpg"),
                )
                for m in range(2)
            ]
            parent = self.sub if number % 2 else extra_sub
            community(parent, f"新社区{times}-{number}", f"c{times}-{number}", members)
            member = staff(f"H{times}-{number}", site.zh, name=f"加员{number}")
            self.community.staff_links.add(
                CommunityStaff(staff=member, mode="patrol", days=[2])
            )
            make_notice(
                self.notices,
                f"通知{times}-{number}",
                slug=f"n{times}-{number}",
                communities=[self.community],
            )
            make_event(
                self.events,
                f"活动{times}-{number}",
                start=timezone.now() + timedelta(days=number + 2),
                community=self.community,  # each listed with its station's name
            )
        publish(self.community)
        for number in range(times):
            self.past_event.photos.add(
                EventPhoto(image=image(f"e{times}-{number}.jpg"), caption="现场")
            )
        publish(self.past_event)
        duties = self.duties
        duties.items.add(
            *[duty_item(f"SR-{times}{n:02d}", title=f"事项{n}") for n in range(times)]
        )
        publish(duties)
        lenient = self.catalogue
        lenient.items.add(
            *[
                lenient_item(f"{times}{n:02d}", violation=f"违法{n}")
                for n in range(times)
            ]
        )
        publish(lenient)
        item = find_item("EH-01")
        for number in range(times * 2):
            report = submit_report(
                community=self.community,
                item=item,
                description=f"楼道堆物{number}",
                location=f"{number}号楼",
                allow_publication=True,
            ).report
            publish_report(report, by=None, title=f"堆物{number}", text="已清理。")
            signup = VolunteerSignUp.objects.create(
                team=self.team,
                community=self.community,
                name=f"志愿者{number}",
                phone=f"13{times}{number:08d}",
                age_bracket="35_59",
                days=[2],
                time_slots=["morning"],
                status="approved",
                honour_roll=True,
                reference=f"V{times}{number:05d}",
                token_hash=f"{times}-{number}".ljust(64, "0"),
                consented_at=timezone.now(),
            )
            assert signup.pk
            proposal = AgendaProposal.objects.create(
                meeting=self.meeting,
                reference=f"T{times}{number:05d}",
                topic=f"议题{number}",
                description="油烟直排。",
                status=ProposalStatus.ACCEPTED,
                position=number + 1,
                minutes_allotted=10,
            )
            Resolution.objects.create(
                meeting=self.meeting,
                proposal=proposal,
                text=f"决定{number}",
                owner="社区",
                due_date=date.today() + timedelta(days=30),
            )

    def urls(self) -> dict[str, str]:
        lang = "/zh-hans"
        community_id = self.community.pk
        return {
            "home": self.site.home_zh.url,
            "home in English": self.site.home_en.url,
            "station directory": self.directory.url,
            "station search": self.directory.url + "?q=hh",
            "station map": self.directory.url + "map/",
            "district": self.district.url,
            "subdistrict": self.sub.url,
            "community": self.community.url,
            "poster": self.community.url + "poster/",
            "three lists": f"{lang}/communities/{community_id}/lists/",
            "notice index": self.notices.url,
            "notice": self.notice.url,
            "event index": self.events.url,
            "event": self.event.url,
            "past event with photos": self.past_event.url,
            "duty list": self.duties.url,
            "duty item": self.duties.url + "items/SR-01/",
            "duty changes": self.duties.url + "changes/",
            "catalogue": self.catalogue.url,
            "catalogue item": self.catalogue.url + "items/01/",
            "catalogue changes": self.catalogue.url + "changes/",
            "search": f"{lang}/search/?q=社区",
            "report form": f"{lang}/report/",
            "report form for a community": f"{lang}/report/?community={community_id}",
            "community reports": f"{lang}/report/community/{community_id}/",
            "report statistics": f"{lang}/report/statistics/",
            "volunteer sign-up": f"{lang}/volunteer/",
            "volunteer teams": f"{lang}/volunteer/teams/",
            "honour roll": f"{lang}/volunteer/honour-roll/",
            "roundtables": f"{lang}/roundtables/",
            "community roundtables": f"{lang}/roundtables/community/{community_id}/",
            "roundtable": f"{lang}/roundtables/{self.meeting.pk}/",
            "roundtable follow-up": (
                f"{lang}/roundtables/community/{community_id}/follow-up/"
            ),
            "notices feed": f"{lang}/feeds/notices/",
            "community notices feed": f"{lang}/feeds/notices/?community={community_id}",
            "events calendar": f"{lang}/feeds/events.ics",
            "event .ics": f"{lang}/feeds/events/{self.event.pk}.ics",
        }

    def measure(self, client) -> dict[str, dict[str, int]]:
        """Warm and cold query counts of every page: {"warm": {name: count}, …}."""
        counts = {name: queries_for(client, url) for name, url in self.urls().items()}
        return {
            state: {name: states[state] for name, states in counts.items()}
            for state in ("warm", "cold")
        }


def test_public_pages_run_a_fixed_number_of_queries_within_budget(
    client, bilingual_site
):
    city = City(bilingual_site)
    small = city.measure(client)
    city.grow(4)
    assert CommunityPage.objects.count() == 2 + 1 + 4
    large = city.measure(client)

    for state in ("warm", "cold"):
        grown = {
            name: (small[state][name], large[state][name])
            for name in small[state]
            if small[state][name] != large[state][name]
        }
        assert grown == {}, f"{state}: queries grow with the data"
    over = {
        name: count
        for name, count in {**small["warm"], **large["warm"]}.items()
        if count > QUERY_BUDGET
    }
    assert over == ROUTING_BOUND, f"over the budget of {QUERY_BUDGET} queries"
