"""The 查询进度 page (participation/lookup/views.py): a resident who lost a private
link gets a fresh one by text message from the reference code and their mobile
number; any other pair gets the very same answer and nothing is sent; look-ups are
limited per client and per reference; bad input gets a clear error, never a 500."""

import re

import pytest
from bs4 import BeautifulSoup

from participation.notifications.models import DeliveryStatus, Notification
from tests.participation.lookup.conftest import OTHER_PHONE, PHONE, lookup_data

pytestmark = pytest.mark.django_db

URL = "/zh-hans/track/"
LINK = re.compile(r"http://testserver(/\S+)")


def sent_link(outbox, index=0) -> str:
    phone, text, _message = outbox[index]
    assert phone == PHONE
    return LINK.search(text).group(1)


def test_a_resident_who_lost_the_link_of_a_report_gets_a_new_one_by_text(
    client, post, report, recorded_sms
):
    reference = report.item.reference
    # Written the way people copy it: lower case, with a dash, the number with +86.
    typed = f"{reference[:4].lower()}-{reference[4:]}"
    answer = post(URL, lookup_data(typed, phone="+86 139-1234-5678"))
    assert answer.status_code == 303
    assert answer["Location"] == "/zh-hans/track/?sent=1"

    (message,) = recorded_sms
    assert reference in message[1] and "之前的链接已失效" in message[1]
    link = sent_link(recorded_sms)
    assert link.startswith("/zh-hans/report/track/")
    page = client.get(link)
    assert page.status_code == 200 and reference in page.text
    # Only a hash of a link is kept: the old link stops working, as the text says.
    assert client.get(f"/zh-hans/report/track/{report.token}/").status_code == 404

    # The record of the message keeps the number masked and the text erased.
    record = Notification.objects.get(template="link_again")
    assert record.status == DeliveryStatus.SENT
    assert record.recipient == "139****5678" and record.body == ""
    assert record.params == {}


@pytest.mark.parametrize(
    ("kind", "page_prefix"),
    [
        ("registration", "/zh-hans/event-registration/manage/"),
        ("signup", "/zh-hans/volunteer/status/"),
        ("proposal", "/zh-hans/roundtables/topic/"),
    ],
)
def test_registrations_sign_ups_and_topics_get_their_link_again_too(
    client, post, world, request, recorded_sms, kind, page_prefix
):
    # `world` asked for by name: the module's shared world is then built before
    # this test's own transaction starts, not inside it through getfixturevalue.
    submitted = request.getfixturevalue(kind)
    reference = submitted.item.reference
    post(URL, lookup_data(reference))
    link = sent_link(recorded_sms)
    assert link.startswith(page_prefix)
    assert reference in client.get(link).text
    old = client.get(f"{page_prefix}{submitted.token}/")
    assert old.status_code in (400, 404)


def test_the_link_comes_in_the_language_the_resident_asked_in(
    client, post, report, recorded_sms
):
    post("/en/track/", lookup_data(report.item.reference))
    (_phone, text, _message) = recorded_sms[0]
    assert "the earlier one no longer works" in text
    assert sent_link(recorded_sms).startswith("/en/report/track/")


def answer_to(client, post, reference: str, phone: str) -> tuple[int, str, bytes]:
    posted = post(URL, lookup_data(reference, phone=phone))
    page = client.get(posted["Location"])
    return posted.status_code, posted["Location"], page.content


def test_a_wrong_pair_gets_the_same_answer_and_nothing_is_sent(
    client, post, report, registration, recorded_sms
):
    right = answer_to(client, post, report.item.reference, PHONE)
    recorded_sms.clear()
    wrong_phone = answer_to(client, post, report.item.reference, OTHER_PHONE)
    unknown = answer_to(client, post, "ZZZZZZZZ", PHONE)
    # Another kind's reference with this report's number: no cross-over either.
    other_kind = answer_to(client, post, registration.item.reference, OTHER_PHONE)
    assert right == wrong_phone == unknown == other_kind
    assert recorded_sms == []
    assert not Notification.objects.filter(
        template="link_again", recipient__endswith="1111"
    ).exists()
    # A wrong pair changes nothing: the registration's link still works.
    manage = f"/zh-hans/event-registration/manage/{registration.token}/"
    assert client.get(manage).status_code == 200

    soup = BeautifulSoup(right[2], "html.parser")
    status = soup.select_one("[role=status]").get_text(" ", strip=True)
    assert "如果编号和手机号码相符" in status


def test_a_submission_without_a_phone_is_never_matched(
    client, post, world, recorded_sms
):
    from tests.participation.report_builders import make_report

    anonymous = make_report(world.a).report
    recorded_sms.clear()
    for phone in (PHONE, OTHER_PHONE):
        post(URL, lookup_data(anonymous.reference, phone=phone))
    assert recorded_sms == []


def test_one_client_may_look_up_only_so_often(
    client, post, report, settings, recorded_sms
):
    settings.PORTAL_RATE_LIMITS = {"lookup": "2/h", "lookup_reference": "50/h"}
    for reference in ("ZZZZZZZZ", report.item.reference):
        assert post(URL, lookup_data(reference)).status_code == 303
    refused = post(URL, lookup_data(report.item.reference))
    assert refused.status_code == 429
    assert "请等" in refused.text or "分钟" in refused.text
    assert len(recorded_sms) == 1


def test_one_reference_is_looked_up_only_so_often_from_anywhere(
    client, post, report, settings, recorded_sms
):
    settings.PORTAL_RATE_LIMITS = {"lookup": "50/h", "lookup_reference": "2/h"}
    reference = report.item.reference

    def from_address(number: int, ref: str, phone: str = PHONE):
        return post(
            URL, lookup_data(ref, phone=phone), REMOTE_ADDR=f"198.51.100.{number}"
        )

    assert from_address(1, reference, OTHER_PHONE).status_code == 303
    assert from_address(2, reference).status_code == 303
    assert len(recorded_sms) == 1
    refused = from_address(3, reference)
    assert refused.status_code == 429 and len(recorded_sms) == 1
    # The same refusal for a reference nobody holds: the limit reveals nothing.
    for number in (4, 5):
        assert from_address(number, "ZZZZZZZZ").status_code == 303
    unknown = from_address(6, "ZZZZZZZZ")
    assert unknown.status_code == 429
    assert unknown.content == refused.content
    # Other references are not held up.
    assert from_address(7, "YYYYYYYY").status_code == 303


SHAPE = ("编号由 8 个字母和数字组成", "8 letters and digits")


@pytest.mark.parametrize(
    ("reference", "messages"),
    [
        ("", ("请填写此项", "This field is required")),
        ("K7M2\x00QX9P", ("空字符", "Null characters")),
        ("ABC", SHAPE),
        ("x" * 5000, SHAPE),
        ("😀" * 8, SHAPE),
        ("' OR 1=1 --", SHAPE),
        ("O0O0O0O0", SHAPE),
        ("¹²³", SHAPE),
    ],
)
def test_a_garbage_reference_gets_a_clear_error_and_nothing_is_sent(
    client, post, report, recorded_sms, reference, messages
):
    for language, message in zip(("zh-hans", "en"), messages, strict=True):
        response = post(f"/{language}/track/", lookup_data(reference))
        assert response.status_code == 400
        summary = BeautifulSoup(response.content, "html.parser").select_one(
            "#error-summary a[href='#id_reference']"
        )
        assert message in summary.get_text(" ", strip=True)
    assert recorded_sms == []


@pytest.mark.parametrize("phone", ["", "12345", "0516-83000000", "📱" * 11, "9" * 500])
def test_a_phone_that_is_no_mobile_number_gets_a_clear_error(
    client, post, report, recorded_sms, phone
):
    response = post(URL, lookup_data(report.item.reference, phone=phone))
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#error-summary a[href='#id_phone']")
    assert recorded_sms == []


def test_bots_are_refused_like_on_every_form(client, post, report, recorded_sms):
    honeypot = post(URL, lookup_data(report.item.reference, website="spam"))
    forged = post(URL, lookup_data(report.item.reference, form_token="x"))
    assert honeypot.status_code == forged.status_code == 400
    assert recorded_sms == []


def test_the_page_works_without_script_and_keeps_no_copy(client, world):
    response = client.get(URL)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.text == "查询进度"
    form = soup.select_one("form.lookup__form")
    assert form["method"] == "post"
    for name in ("reference", "phone"):
        field = form.select_one(f"input[name={name}]")
        assert form.select_one(f"label[for={field['id']}]")
    assert "no-store" in response["Cache-Control"]
    assert not soup.select("script:not([src])")
