"""The public roundtable pages: proposing a topic, the agenda, minutes and
follow-up, the .ics, and no proposer's contact on any public output
(participation/roundtables/views.py)."""

import re
import time
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from participation.abuse import form_token
from participation.roundtables import proposals
from participation.roundtables.meetings import RoundtableError
from participation.roundtables.models import (
    AgendaProposal,
    MeetingState,
    Resolution,
    ResolutionStatus,
)
from tests.conftest import publish
from tests.participation.builders import assert_nothing_leaks, staff_user
from tests.participation.roundtable_builders import (
    PLANTED_NAME,
    PLANTED_PHONE,
    RUNNING,
    SHANGHAI,
    meeting,
    proposal_data,
    propose,
)

pytestmark = pytest.mark.django_db


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

    moderator = staff_user(*RUNNING, "view_proposer_contact", area=here)
    client.force_login(moderator)
    admin_page = client.get(f"/admin/roundtables/{target.pk}/").text
    assert PLANTED_PHONE in admin_page
    accepted = client.post(
        f"/admin/roundtables/proposal/{proposal.pk}/accept/",
        {f"p{proposal.pk}-minutes_allotted": "40", f"p{proposal.pk}-position": "",
         f"p{proposal.pk}-topic": "沿街餐馆油烟", f"p{proposal.pk}-description": ""},
    )  # fmt: skip
    assert accepted.status_code == 302
    # The meeting's day comes: only then can it be held and its minutes recorded.
    with time_machine.travel(target.ends_at, tick=True):
        client.force_login(moderator)  # a new day's session
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


# The .ics and privacy


def test_ics_is_in_beijing_time_with_the_accepted_agenda(client, world):
    target = meeting(world["here"])
    proposals.accept(propose(target, topic="停车难"), minutes_allotted=20)
    response = client.get(f"/zh-hans/roundtables/{target.pk}/meeting.ics")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "TZID:Asia/Shanghai" in body
    local = target.starts_at.astimezone(SHANGHAI)
    assert f"DTSTART;TZID=Asia/Shanghai:{local:%Y%m%dT%H%M%S}" in body
    assert "停车难" in body and target.place in body


def test_no_proposers_contact_on_any_public_output(client, bilingual_site, world):
    here = world["here"]
    target = meeting(here)
    item = propose(target, contact_name=PLANTED_NAME, contact_phone=PLANTED_PHONE,
                   contact_consent=True)  # fmt: skip
    proposals.accept(item, minutes_allotted=10)
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
    assert_nothing_leaks(client, urls, (PLANTED_NAME, PLANTED_PHONE))
    assert re.search(
        "餐馆油烟扰民", client.get(f"/zh-hans/roundtables/{target.pk}/").text
    )


# The proposer's private tracking page


def proposed_page(client, target, **data):
    sent = client.post(
        f"/zh-hans/roundtables/{target.pk}/propose/", proposal_data(**data)
    )
    assert sent.status_code == 303
    return sent["Location"]


def stage_shown(client, url: str) -> str:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return " ".join(
        soup.select_one(selector).get_text(" ", strip=True)
        for selector in (".proposal__stage", ".proposal__outcome")
    )


def test_a_proposer_follows_the_topic_on_a_private_page_to_its_outcome(client, world):
    target = meeting(world["here"])
    url = proposed_page(client, target)
    assert url.startswith("/zh-hans/roundtables/topic/") and url.endswith("?new=1")
    page = client.get(url)
    proposal = AgendaProposal.objects.get()
    assert proposal.reference in page.text and "餐馆油烟扰民" in page.text
    assert "谢谢，您的议题已收到" in page.text
    assert "no-store" in page["Cache-Control"]
    track = url.split("?")[0]
    assert "已收到，等待审核" in stage_shown(client, track)

    proposals.accept(proposal, minutes_allotted=30)
    shown = stage_shown(client, track)
    assert "已列入议程" in shown and "第 1 项" in shown and "30 分钟" in shown

    type(target).objects.filter(pk=target.pk).update(state=MeetingState.HELD)
    assert "已讨论" in stage_shown(client, track)


def test_a_topic_not_taken_up_shows_the_reason_and_a_merged_one_its_partner(
    client, world
):
    target = meeting(world["here"])
    declined_url = proposed_page(client, target).split("?")[0]
    merged_url = proposed_page(client, target, topic="油烟味大").split("?")[0]
    declined, merged = AgendaProposal.objects.order_by("pk")
    other = propose(target, topic="停车难")
    proposals.decline(declined, "属于物业管理事项，已转物业。")
    proposals.merge(merged, into=other)
    shown = stage_shown(client, declined_url)
    assert "未采纳" in shown and "属于物业管理事项" in shown
    assert "停车难" in stage_shown(client, merged_url)


def test_the_topic_page_shows_no_contact_and_a_forged_link_opens_nothing(client, world):
    target = meeting(world["here"])
    url = proposed_page(
        client,
        target,
        contact_name=PLANTED_NAME,
        contact_phone=PLANTED_PHONE,
        contact_consent="on",
    )
    page = client.get(url).text
    assert PLANTED_NAME not in page and PLANTED_PHONE not in page
    for token in ("forged", "x" * 43, "a" * 200):
        refused = client.get(f"/zh-hans/roundtables/topic/{token}/")
        assert refused.status_code == 404
        assert "这个链接打不开任何议题" in refused.text
        assert 'href="/zh-hans/track/"' in refused.text


def test_a_proposer_who_left_a_phone_gets_the_link_by_text(
    client, world, recorded_sms, django_capture_on_commit_callbacks
):
    target = meeting(world["here"])
    with django_capture_on_commit_callbacks(execute=True):
        url = proposed_page(
            client, target, contact_phone=PLANTED_PHONE, contact_consent="on"
        )
        proposed_page(client, target, topic="停车难")
    ((phone, text, _message),) = recorded_sms  # the one with a phone
    assert phone == PLANTED_PHONE
    assert text.endswith("http://testserver" + url.split("?")[0])


def test_the_same_form_sent_again_shows_the_topic_with_a_fresh_link(client, world):
    target = meeting(world["here"])
    data = proposal_data()
    first = client.post(f"/zh-hans/roundtables/{target.pk}/propose/", data)
    again = client.post(f"/zh-hans/roundtables/{target.pk}/propose/", data)
    assert AgendaProposal.objects.count() == 1
    assert again.status_code == 303 and again["Location"] != first["Location"]
    assert AgendaProposal.objects.get().reference in client.get(again["Location"]).text
    # Only the hash of a link is kept: the first one no longer opens the topic.
    assert client.get(first["Location"]).status_code == 404
