"""Site search over volunteer teams and roundtables (participation/search_providers.py):
what their public pages show, never who signed up or proposed."""

import pytest
from bs4 import BeautifulSoup

from participation.roundtables.models import MeetingState, ProposalStatus
from participation.roundtables.proposals import defer
from participation.volunteers.models import VolunteerTeam
from tests.conftest import translate
from tests.notices import event_builders
from tests.participation import roundtable_builders

pytestmark = pytest.mark.django_db


def links(client, query: str, language: str = "zh-hans") -> list[tuple[str, str]]:
    response = client.get(f"/{language}/search/", {"q": query})
    soup = BeautifulSoup(response.content, "html.parser")
    return [(a.text.strip(), a["href"]) for a in soup.select(".result__title")]


def test_a_volunteer_team_is_found_by_its_name_and_work_at_its_card(
    client, bilingual_site
):
    team = VolunteerTeam.objects.create(
        name="银发协管员", kind="other", description="退休居民巡查楼道堆物。"
    )
    expected = [("银发协管员", f"/zh-hans/volunteer/teams/#team-{team.pk}")]
    assert links(client, "银发") == expected
    assert links(client, "巡查楼道堆物") == expected
    page = client.get("/zh-hans/volunteer/teams/")
    assert f'id="team-{team.pk}"' in page.text
    team.delete()
    assert links(client, "银发") == []


def test_a_roundtable_is_found_by_its_accepted_agenda_not_by_waiting_proposals(
    client, bilingual_site
):
    stations = event_builders.station_tree(bilingual_site.home_zh)
    meeting = roundtable_builders.meeting(stations.community, title="十月圆桌会")
    accepted = roundtable_builders.propose(
        meeting,
        topic="早餐摊占道经营",
        contact_name=roundtable_builders.PLANTED_NAME,
        contact_consent=True,
    )
    waiting = roundtable_builders.propose(meeting, topic="僵尸车占用车位")
    accepted.status = ProposalStatus.ACCEPTED
    accepted.save()
    url = f"/zh-hans/roundtables/{meeting.pk}/"
    assert links(client, "早餐摊占道") == [("十月圆桌会", url)]
    assert links(client, "十月圆桌会", language="en") == [
        ("十月圆桌会", f"/en/roundtables/{meeting.pk}/")
    ]
    assert links(client, waiting.topic) == []
    assert links(client, roundtable_builders.PLANTED_NAME) == []


def test_minutes_are_found_once_published(client, bilingual_site):
    stations = event_builders.station_tree(bilingual_site.home_zh)
    meeting = roundtable_builders.meeting(
        stations.community, state=MeetingState.HELD, minutes_summary="商定加装净化器。"
    )
    assert links(client, "加装净化器") == []
    meeting.state = MeetingState.MINUTES_PUBLISHED
    meeting.save()
    assert links(client, "加装净化器") == [
        ("十月圆桌会", f"/zh-hans/roundtables/{meeting.pk}/")
    ]


def test_a_meeting_is_found_with_its_community_filter_in_either_language(
    client, bilingual_site
):
    stations = event_builders.station_tree(bilingual_site.home_zh)
    english = translate(stations.community, bilingual_site.en, title="Minzhu")
    meeting = roundtable_builders.meeting(stations.community, title="十月圆桌会")
    for language, community in (("zh-hans", stations.community), ("en", english)):
        response = client.get(
            f"/{language}/search/", {"q": "十月圆桌会", "community": community.pk}
        )
        found = BeautifulSoup(response.content, "html.parser").select(".result__title")
        assert [a["href"] for a in found] == [
            f"/{language}/roundtables/{meeting.pk}/"
        ], language


def test_an_accepted_topic_deferred_leaves_the_first_meetings_entry(
    client, bilingual_site
):
    stations = event_builders.station_tree(bilingual_site.home_zh)
    first = roundtable_builders.meeting(stations.community, title="十月圆桌会")
    later = roundtable_builders.meeting(
        stations.community, days=40, title="十一月圆桌会"
    )
    topic = roundtable_builders.propose(first, topic="早餐摊占道经营")
    topic.status = ProposalStatus.ACCEPTED
    topic.save()
    assert [title for title, _ in links(client, "早餐摊占道")] == ["十月圆桌会"]

    defer(topic, later)

    assert links(client, "早餐摊占道") == []  # waits for moderation at the later one
