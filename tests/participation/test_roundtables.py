"""Roundtables: meetings and their states, agenda proposals and moderation, minutes,
resolutions followed to done, the .ics, bad input, staff scoping and privacy."""

import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from notices.models import AreaAssignment
from participation import roundtables as rules
from participation.abuse import form_token
from participation.models import (
    AgendaProposal,
    MeetingState,
    ProposalStatus,
    Resolution,
    ResolutionStatus,
    Roundtable,
)
from participation.roundtables import RoundtableError
from tests.conftest import publish, translate
from tests.factories import UserFactory
from tests.notices.station_builders import small_tree

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
PLANTED_NAME, PLANTED_PHONE = "欧阳娜娜", "13988887777"


@pytest.fixture
def world(bilingual_site):
    index, district, sub, (here, there) = small_tree(
        bilingual_site, communities=2, staff_per_community=0, photos=False
    )
    for page in (index, district, sub, here):
        translate(page, bilingual_site.en, title=f"EN {page.title}")
    return {"here": here, "there": there, "directory": index}


def meeting(community, days=10, state=MeetingState.AGENDA_OPEN, **fields):
    start = (timezone.now() + timedelta(days=days)).astimezone(SHANGHAI)
    start = start.replace(hour=14, minute=30, second=0, microsecond=0)
    values = {
        "title": "十月圆桌会",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "place": "党群服务中心二楼",
        "convenor": "社区党委",
        "state": state,
        **fields,
    }
    return Roundtable.objects.create(community=community, **values)


def proposal_data(**overrides) -> dict:
    return {
        "topic": "餐馆油烟扰民",
        "description": "人民路12家餐馆油烟直排。",
        "contact_name": "",
        "contact_phone": "",
        "website": "",
        "form_token": form_token(issued_at=time.time() - 60),
        **overrides,
    }


def propose(target, topic="餐馆油烟扰民", **kwargs):
    return rules.propose(target, topic=topic, description="油烟直排。", **kwargs)


def staff_user(*codenames, area=None):
    user = UserFactory(is_staff=True)
    user.save()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="participation", codename__in=codenames
        ),
    )
    if area is not None:
        AreaAssignment.objects.create(user=user, area=area)
    return user


def refused(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


RUNNING = (
    "view_roundtable",
    "add_roundtable",
    "change_roundtable",
    "change_agendaproposal",
)


# Acceptance: invisible until accepted, on the agenda, minutes, followed to done


def test_proposal_is_invisible_until_accepted_then_its_resolution_is_followed_to_done(
    client, world
):
    here = world["here"]
    target = meeting(here)
    sent = client.post(
        f"/zh-hans/roundtables/{target.pk}/propose/",
        proposal_data(contact_name=PLANTED_NAME, contact_phone=PLANTED_PHONE,
                      contact_consent="on"),
    )  # fmt: skip
    assert sent.status_code == 303
    proposal = AgendaProposal.objects.get()
    detail_url = f"/zh-hans/roundtables/{target.pk}/"
    assert "餐馆油烟扰民" not in client.get(detail_url).text

    client.force_login(staff_user(*RUNNING, "view_proposer_contact", area=here))
    admin_page = client.get(f"/admin/roundtables/{target.pk}/").text
    assert PLANTED_PHONE in admin_page
    accepted = client.post(
        f"/admin/roundtables/proposal/{proposal.pk}/accept/",
        {f"p{proposal.pk}-minutes_allotted": "40", f"p{proposal.pk}-position": "",
         f"p{proposal.pk}-topic": "沿街餐馆油烟", f"p{proposal.pk}-description": ""},
    )  # fmt: skip
    assert accepted.status_code == 302
    for state in ("agenda_closed", "held"):
        moved = client.post(
            f"/admin/roundtables/{target.pk}/advance/", {"to_state": state}
        )
        assert moved.status_code == 302
    client.post(
        f"/admin/roundtables/{target.pk}/resolution/",
        {"text": "12家餐馆安装油烟净化器", "owner": "城管中队",
         "due_date": (timezone.localdate() + timedelta(days=40)).isoformat(),
         "proposal": str(proposal.pk), "report_references": ""},
    )  # fmt: skip
    resolution = Resolution.objects.get()
    client.post(
        f"/admin/roundtables/{target.pk}/minutes/",
        {"summary": "各方同意加装净化器。", "attendance_count": "26",
         "organisations": "居委会、城管中队、物业"},
    )  # fmt: skip
    client.logout()

    public = client.get(detail_url).text
    assert "沿街餐馆油烟" in public and "40 分钟" in public
    assert "各方同意加装净化器" in public and "26" in public
    follow = f"/zh-hans/roundtables/community/{here.pk}/follow-up/"
    assert "12家餐馆安装油烟净化器" in client.get(follow).text

    client.force_login(staff_user(*RUNNING, area=here))
    for status, text in (("in_progress", "8家已安装"), ("done", "全部安装完毕")):
        response = client.post(
            f"/admin/roundtables/resolution/{resolution.pk}/update/",
            {f"r{resolution.pk}-text": text, f"r{resolution.pk}-status": status,
             f"r{resolution.pk}-date": timezone.localdate().isoformat()},
        )  # fmt: skip
        assert response.status_code == 302
    client.logout()
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.DONE and resolution.done_at
    page = client.get(follow).text
    done_section = page.split('id="done-title"')[1]
    assert "12家餐馆安装油烟净化器" in done_section and "全部安装完毕" in done_section
    assert "8家已安装" in done_section
    assert "没有未办结的议定事项" in page
    for url in (detail_url, follow):
        text = client.get(url).text
        assert PLANTED_NAME not in text and PLANTED_PHONE not in text
    proposal.refresh_from_db()
    assert proposal.contact_name == proposal.contact_phone == ""


def test_agenda_lists_accepted_items_in_order_with_time(client, world):
    target = meeting(world["here"])
    first, second, third = (propose(target, topic=t) for t in ("停车", "油烟", "噪声"))
    rules.accept(first, minutes_allotted=20)
    rules.accept(second, minutes_allotted=30)
    rules.accept(third, minutes_allotted=15, position=1)
    assert [item.topic for item in rules.public_agenda(target)] == [
        "噪声",
        "停车",
        "油烟",
    ]
    page = client.get(f"/en/roundtables/{target.pk}/").text
    positions = [page.index(f"<h3>{topic} ") for topic in ("噪声", "停车", "油烟")]
    assert positions == sorted(positions)
    assert "15 minutes" in page and "30 minutes" in page


def test_merged_deferred_and_declined_proposals_are_explained_publicly(client, world):
    target = meeting(world["here"])
    later = meeting(world["here"], days=40, title="十一月圆桌会")
    kept, twin, moved, refused_item = (
        propose(target, topic=t) for t in ("油烟", "油烟味大", "停车难", "邻居装修")
    )
    rules.accept(kept, minutes_allotted=30)
    rules.merge(twin, kept)
    rules.defer(moved, later)
    rules.decline(refused_item, "属于物业服务合同纠纷,请联系物业。")
    page = client.get(f"/zh-hans/roundtables/{target.pk}/").text
    assert "油烟味大" in page and "属于物业服务合同纠纷" in page
    assert "十一月圆桌会" in page
    moved.refresh_from_db()
    assert moved.meeting == later and moved.status == ProposalStatus.SUBMITTED
    assert "停车难" not in client.get(f"/zh-hans/roundtables/{later.pk}/").text


# Bad input


def test_proposal_to_a_closed_agenda_is_refused_clearly(client, world):
    target = meeting(world["here"], state=MeetingState.AGENDA_CLOSED)
    for language, message in (
        ("zh-hans", "议程已截止"),
        ("en", "not open for proposals"),
    ):
        response = client.post(
            f"/{language}/roundtables/{target.pk}/propose/", proposal_data()
        )
        assert response.status_code == 400
        assert message in response.text
    assert not AgendaProposal.objects.exists()
    with pytest.raises(RoundtableError):
        propose(target)


def test_spam_proposals_are_refused(client, world):
    target = meeting(world["here"])
    url = f"/en/roundtables/{target.pk}/propose/"
    honeypot = client.post(url, proposal_data(website="buy now"))
    fast = client.post(url, proposal_data(form_token=form_token(issued_at=time.time())))
    forged = client.post(url, proposal_data(form_token="forged"))
    assert honeypot.status_code == fast.status_code == forged.status_code == 400
    assert "could not be sent" in honeypot.text and "very fast" in fast.text
    assert not AgendaProposal.objects.exists()


def test_contact_details_need_consent_and_a_valid_phone(client, world):
    target = meeting(world["here"])
    url = f"/en/roundtables/{target.pk}/propose/"
    no_consent = client.post(url, proposal_data(contact_phone="13912345678"))
    bad_phone = client.post(
        url, proposal_data(contact_phone="12345", contact_consent="on")
    )
    assert no_consent.status_code == bad_phone.status_code == 400
    assert "Tick the box" in no_consent.text and "11 digits" in bad_phone.text
    assert not AgendaProposal.objects.exists()


def test_too_many_proposals_from_one_client_get_429(client, world, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "agenda": "1/m"}
    target = meeting(world["here"])
    url = f"/zh-hans/roundtables/{target.pk}/propose/"
    first = client.post(url, proposal_data())
    second = client.post(url, proposal_data(topic="另一个议题"))
    assert (first.status_code, second.status_code) == (303, 429)
    assert AgendaProposal.objects.count() == 1


def test_meeting_states_move_one_step_at_a_time(world):
    target = meeting(world["here"], state=MeetingState.PLANNED)
    with pytest.raises(RoundtableError):
        rules.advance(target, MeetingState.HELD)
    rules.advance(target, MeetingState.AGENDA_OPEN)
    waiting = propose(target)
    rules.advance(target, MeetingState.AGENDA_CLOSED)
    with pytest.raises(RoundtableError) as error:
        rules.advance(target, MeetingState.HELD)
    assert error.value.code == "unmoderated"
    rules.decline(waiting, "重复议题")
    rules.advance(target, MeetingState.HELD)
    with pytest.raises(RoundtableError):
        rules.advance(target, MeetingState.MINUTES_PUBLISHED)
    with pytest.raises(RoundtableError):
        rules.publish_minutes(target, summary="", attendance_count=10, organisations="")
    target = rules.publish_minutes(
        target, summary="纪要", attendance_count=10, organisations=""
    )
    assert target.state == MeetingState.MINUTES_PUBLISHED


def test_declining_needs_a_public_reason(world):
    item = propose(meeting(world["here"]))
    with pytest.raises(RoundtableError):
        rules.decline(item, " ")
    item.refresh_from_db()
    assert item.status == ProposalStatus.SUBMITTED


def test_resolution_refuses_unknown_report_references(world):
    target = meeting(world["here"], days=-1, state=MeetingState.HELD)
    with pytest.raises(RoundtableError) as error:
        rules.add_resolution(
            target,
            text="清理僵尸车",
            owner="城管中队",
            due_date=timezone.localdate() + timedelta(days=10),
            report_references="NOSUCH99",
        )
    assert error.value.code == "report-reference"
    assert not Resolution.objects.exists()


def test_resolution_links_the_reports_it_settles_on_the_public_page(client, world):
    from participation.models import Report

    Report.objects.create(
        reference="K7QX2M9P",
        token_hash="0" * 64,
        community=world["here"],
        category_code="1.1",
        category_title="油烟",
        department="城管中队",
        location="人民路",
        description="油烟直排",
        name=PLANTED_NAME,
        phone=PLANTED_PHONE,
    )
    target = meeting(world["here"], days=-1, state=MeetingState.HELD)
    resolution = rules.add_resolution(
        target,
        text="安装净化器",
        owner="城管中队",
        due_date=timezone.localdate() + timedelta(days=10),
        report_references="k7qx2m9p",
    )
    assert resolution.report_references == ["K7QX2M9P"]
    rules.publish_minutes(target, summary="纪要", attendance_count=9, organisations="")
    page = client.get(f"/en/roundtables/community/{world['here'].pk}/follow-up/").text
    assert "K7QX2M9P (Submitted)" in page
    assert PLANTED_NAME not in page and PLANTED_PHONE not in page


# The .ics and the station page's inclusion tag


def test_ics_is_in_beijing_time_with_the_accepted_agenda(client, world):
    target = meeting(world["here"])
    rules.accept(propose(target, topic="停车难"), minutes_allotted=20)
    response = client.get(f"/zh-hans/roundtables/{target.pk}/meeting.ics")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "TZID:Asia/Shanghai" in body
    local = target.starts_at.astimezone(SHANGHAI)
    assert f"DTSTART;TZID=Asia/Shanghai:{local:%Y%m%dT%H%M%S}" in body
    assert "停车难" in body and target.place in body


def test_upcoming_roundtables_tag_lists_the_communitys_next_meetings(
    bilingual_site, world
):
    here, there = world["here"], world["there"]
    meeting(here, title="本社区圆桌会")
    meeting(here, days=-30, title="上次的会", state=MeetingState.HELD)
    meeting(there, title="外社区议事会")
    english_here = here.get_translation(bilingual_site.en)
    template = Template("{% load participation_tags %}{% upcoming_roundtables page %}")
    request = RequestFactory().get("/")
    with translation.override("en"):
        html = template.render(Context({"page": english_here, "request": request}))
    assert "本社区圆桌会" in html and "Propose a topic" in html
    assert "上次的会" not in html and "外社区议事会" not in html
    assert f"/en/roundtables/community/{here.pk}/" in html


# Staff scoping


def test_staff_of_one_community_cannot_see_or_act_on_another(client, world):
    mine = meeting(world["here"], title="本社区圆桌会")
    theirs = meeting(world["there"], title="外社区议事会")
    item = propose(theirs, topic="外社区议题")
    client.force_login(
        staff_user(*RUNNING, "view_proposer_contact", area=world["here"])
    )
    listing = client.get("/admin/roundtables/").text
    assert mine.title in listing and theirs.title not in listing
    assert refused(client.get(f"/admin/roundtables/{theirs.pk}/"))
    assert refused(client.get(f"/admin/roundtables/{theirs.pk}/edit/"))
    assert refused(
        client.post(
            f"/admin/roundtables/{theirs.pk}/advance/", {"to_state": "agenda_closed"}
        )
    )
    assert refused(
        client.post(
            f"/admin/roundtables/proposal/{item.pk}/decline/",
            {f"p{item.pk}-reason": "不受理"},
        )
    )
    created = client.post(
        "/admin/roundtables/add/",
        {"community": str(world["there"].pk), "kind": "roundtable", "title": "越权",
         "starts_at": "2030-01-01T09:00", "ends_at": "2030-01-01T10:00",
         "place": "x", "convenor": "y"},
    )  # fmt: skip
    assert created.status_code == 400
    assert not Roundtable.objects.filter(title="越权").exists()
    theirs.refresh_from_db()
    item.refresh_from_db()
    assert theirs.state == MeetingState.AGENDA_OPEN
    assert item.status == ProposalStatus.SUBMITTED


def test_staff_create_a_meeting_for_their_community(client, world):
    client.force_login(staff_user(*RUNNING, area=world["here"]))
    response = client.post(
        "/admin/roundtables/add/",
        {"community": str(world["here"].pk), "kind": "council", "title": "居民议事会",
         "starts_at": "2030-01-01T09:00", "ends_at": "2030-01-01T11:00",
         "place": "会议室", "convenor": "社区党委",
         "standing_participants": ["city_management", "residents_committee",
                                   "property_management"],
         "invited_participants": ["merchants"], "invited_note": ""},
    )  # fmt: skip
    assert response.status_code == 302
    created = Roundtable.objects.get()
    assert created.state == MeetingState.PLANNED
    assert created.starts_at == datetime(2030, 1, 1, 9, tzinfo=SHANGHAI)
    page = client.get(f"/en/roundtables/{created.pk}/").text
    assert "Property management" in page and "Merchants" in page


def test_contact_hidden_from_moderators_without_the_permission(client, world):
    target = meeting(world["here"])
    propose(target, contact_name=PLANTED_NAME, contact_phone=PLANTED_PHONE,
            contact_consent=True)  # fmt: skip
    client.force_login(staff_user(*RUNNING, area=world["here"]))
    page = client.get(f"/admin/roundtables/{target.pk}/").text
    assert PLANTED_NAME not in page and PLANTED_PHONE not in page


# Privacy


def test_no_proposers_contact_on_any_public_output(client, bilingual_site, world):
    here = world["here"]
    target = meeting(here)
    item = propose(target, contact_name=PLANTED_NAME, contact_phone=PLANTED_PHONE,
                   contact_consent=True)  # fmt: skip
    rules.accept(item, minutes_allotted=10)
    publish(bilingual_site.home_zh)
    urls = [
        "/zh-hans/",
        here.url,
        "/zh-hans/roundtables/",
        f"/zh-hans/roundtables/community/{here.pk}/",
        f"/zh-hans/roundtables/community/{here.pk}/follow-up/",
        f"/zh-hans/roundtables/{target.pk}/",
        f"/zh-hans/roundtables/{target.pk}/meeting.ics",
        f"/zh-hans/roundtables/{target.pk}/propose/",
        "/zh-hans/search/?q=欧阳",
        "/zh-hans/search/?q=油烟",
        "/zh-hans/feeds/notices/",
        "/api/v2/pages/?fields=*",
        "/sitemap.xml",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        text = response.content.decode("utf-8", "replace")
        for secret in (PLANTED_NAME, PLANTED_PHONE):
            assert secret not in text, f"{secret} leaked on {url}"
    assert re.search(
        "餐馆油烟扰民", client.get(f"/zh-hans/roundtables/{target.pk}/").text
    )
