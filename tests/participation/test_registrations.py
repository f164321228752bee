"""Event registration: places, the fair waitlist, bad input, privacy, staff side."""

import csv
import io
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from notices.models import AreaAssignment, EventPage
from participation.abuse import form_token
from participation.models import Registration, RegistrationStatus
from participation.registrations import (
    RegistrationError,
    apply_event_changes,
    cancel,
    check_in,
    erase_expired,
    find_by_token,
    register,
    seat_counts,
)
from participation.submissions import normalise_mobile
from tests.conftest import publish, translate
from tests.factories import UserFactory
from tests.notices.event_builders import event_index, make_event, station_tree

pytestmark = pytest.mark.django_db

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING


@pytest.fixture
def events(bilingual_site):
    return event_index(bilingual_site.home_zh)


@pytest.fixture
def event(events):
    return make_event(events, capacity=5, max_party_size=3)


def phone(n: int) -> str:
    return f"139{n:08d}"


def sign_up(event, n: int, **kwargs):
    return register(event, name=f"居民{n}", phone=phone(n), **kwargs)


def served_form(key: str = "k" * 32) -> str:
    """The signed token of a form served a minute ago (people are not that fast)."""
    return form_token(issued_at=time.time() - 60, key=key)


def form_data(key: str = "k" * 32, **overrides) -> dict:
    return {
        "name": "王秀英",
        "phone": "13912345678",
        "email": "",
        "party_size": "1",
        "notes": "",
        "join_waitlist": "on",
        "consent": "on",
        "form_token": served_form(key),
        **overrides,
    }


# Places and the waitlist


def test_registrations_confirm_until_full_then_wait(event):
    outcomes = [sign_up(event, n) for n in range(7)]
    assert [o.registration.status for o in outcomes] == [CONFIRMED] * 5 + [WAITING] * 2
    assert seat_counts(event) == {"capacity": 5, "taken": 5, "left": 0, "waiting": 2}


def test_party_counts_every_person_towards_capacity(event):
    sign_up(event, 1, party_size=3)
    assert sign_up(event, 2, party_size=2).registration.status == CONFIRMED
    assert sign_up(event, 3, party_size=1).registration.status == WAITING


def test_sequential_fifty_seats_two_hundred_registrations(events):
    """The concurrency acceptance test's sequential twin: runs on any database."""
    event = make_event(events, capacity=50, max_party_size=1)
    for n in range(200):
        sign_up(event, n)
    assert event.registrations.filter(status=CONFIRMED).count() == 50
    assert event.registrations.filter(status=WAITING).count() == 150
    first_waiting = list(
        event.registrations.filter(status=WAITING).order_by("created_at", "pk")[:5]
    )
    for registration in event.registrations.filter(status=CONFIRMED)[:5]:
        cancel(registration)
    assert event.registrations.filter(status=CONFIRMED).count() == 50
    promoted = event.registrations.filter(promoted_at__isnull=False)
    assert {r.pk for r in promoted} == {r.pk for r in first_waiting}


def test_cancelling_promotes_oldest_waiting_and_emails_them(
    event, django_capture_on_commit_callbacks
):
    for n in range(5):
        sign_up(event, n)
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(event, 10, email="first@example.org").registration
        second = sign_up(event, 11, email="second@example.org").registration
    mail.outbox.clear()
    confirmed = event.registrations.filter(status=CONFIRMED).first()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = cancel(confirmed)
    assert [r.pk for r in outcome.promoted] == [first.pk]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (CONFIRMED, WAITING)
    assert [m.to for m in mail.outbox] == [["first@example.org"]]
    assert first.reference in mail.outbox[0].body


def test_waitlist_is_strictly_first_in_first_out(event):
    for n in range(4):
        sign_up(event, n)  # 4 of 5 taken
    big = sign_up(event, 10, party_size=3).registration  # does not fit: waits
    assert big.status == WAITING
    small = sign_up(event, 11, party_size=1).registration
    assert small.status == WAITING, "nobody jumps the queue, even if they would fit"
    first, second = event.registrations.filter(status=CONFIRMED)[:2]
    cancel(first)  # 2 free: the head of the queue needs 3, so nobody moves
    big.refresh_from_db()
    small.refresh_from_db()
    assert (big.status, small.status) == (WAITING, WAITING)
    cancel(second)  # 3 free: the head moves up; then it is full again
    big.refresh_from_db()
    small.refresh_from_db()
    assert (big.status, small.status) == (CONFIRMED, WAITING)


def test_raising_capacity_promotes_waiting_on_publish(event):
    for n in range(8):
        sign_up(event, n)
    event.capacity = 7
    event.save_revision().publish()
    statuses = list(
        event.registrations.order_by("created_at", "pk").values_list(
            "status", flat=True
        )
    )
    assert statuses == [CONFIRMED] * 7 + [WAITING]


def test_lowering_capacity_keeps_confirmed_places(event):
    for n in range(5):
        sign_up(event, n)
    event.capacity = 3
    event.save_revision().publish()
    assert event.registrations.filter(status=CONFIRMED).count() == 5
    assert sign_up(event, 9).registration.status == WAITING


def test_cancelling_the_event_tells_everyone_with_an_email_once(
    event, django_capture_on_commit_callbacks
):
    sign_up(event, 1, email="a@example.org")
    sign_up(event, 2)
    for n in range(3, 8):
        sign_up(event, n, email=f"p{n}@example.org")  # 3 confirmed, 2 waiting
    mail.outbox.clear()
    event.cancelled = True
    event.cancellation_note = "因暴雨取消"
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
        apply_event_changes(event)  # publishing again tells nobody twice
    assert len(mail.outbox) == 6
    assert "因暴雨取消" in mail.outbox[0].body
    assert not event.registrations.filter(status__in=[CONFIRMED, WAITING]).exists()


# Bad input


@pytest.mark.parametrize(
    "raw", ["1381234567", "12812345678", "23812345678", "138123456789", "abc"]
)
def test_invalid_mobile_numbers_are_refused_saying_what_is_expected(raw):
    with pytest.raises(RegistrationError) as error:
        normalise_mobile(raw, RegistrationError)
    assert "11" in str(error.value.message) and "13812345678" in str(
        error.value.message
    )


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "（86）13812345678",
    ],
)
def test_mobile_numbers_are_stored_normalised(raw):
    assert normalise_mobile(raw) == "13812345678"


def test_one_phone_cannot_hold_two_places(event):
    sign_up(event, 1)
    with pytest.raises(RegistrationError) as error:
        register(event, name="别人", phone="139 0000 0001")
    assert error.value.code == "already-registered"
    assert event.registrations.count() == 1


def test_the_database_refuses_a_second_active_registration_per_phone(event):
    from django.db import IntegrityError, transaction

    first = sign_up(event, 1).registration
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=event,
            status=WAITING,
            reference="ZZZZ9999",
            token_hash="x" * 64,
            name="x",
            phone=first.phone,
            consented_at=timezone.now(),
        )


def test_a_cancelled_phone_may_register_again(event):
    cancel(sign_up(event, 1).registration)
    assert sign_up(event, 1).registration.status == CONFIRMED


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "not-yet-open"),
        ({"registration_closes_at": timezone.now() - timedelta(minutes=1)}, "closed"),
        ({"cancelled": True}, "cancelled"),
        ({"takes_registrations": False}, "none"),
    ],
)
def test_registration_outside_its_window_is_refused(events, fields, code):
    event = make_event(events, **fields)
    with pytest.raises(RegistrationError) as error:
        sign_up(event, 1)
    assert error.value.code == code
    assert not Registration.objects.exists()


def test_an_unpublished_event_takes_no_registration(event):
    event.unpublish()
    with pytest.raises(RegistrationError) as error:
        sign_up(EventPage.objects.get(pk=event.pk), 1)
    assert error.value.code == "closed"


def test_oversized_party_is_refused(event):
    with pytest.raises(RegistrationError) as error:
        sign_up(event, 1, party_size=4)
    assert error.value.code == "party-size"


def test_full_event_without_waitlist_is_refused(events):
    event = make_event(events, capacity=1, waitlist_enabled=False)
    sign_up(event, 1)
    with pytest.raises(RegistrationError) as error:
        sign_up(event, 2)
    assert error.value.code == "full"
    assert event.registrations.count() == 1


def test_double_submit_of_one_form_stores_one_registration(event):
    first = sign_up(event, 1, submission_key="s" * 32)
    again = sign_up(event, 1, submission_key="s" * 32)
    assert again.registration.pk == first.registration.pk and not again.created
    assert event.registrations.count() == 1
    assert find_by_token(again.token) == first.registration
    assert find_by_token(first.token) is None, "the earlier link was replaced"


# Through the web


def test_form_registers_and_lands_on_the_private_manage_page(client, event):
    response = client.post(f"/zh-hans/event-registration/{event.pk}/", form_data())
    assert response.status_code == 303
    token = re.search(r"/manage/([^/]+)/", response["Location"]).group(1)
    assert len(token) >= 22  # >= 128 bits of url-safe base64
    page = client.get(response["Location"])
    registration = Registration.objects.get()
    assert registration.reference in page.text
    assert f"http://testserver/zh-hans/event-registration/manage/{token}/" in page.text
    assert "王秀英" not in page.text and "13912345678" not in page.text
    assert "no-store" in page["Cache-Control"]
    assert registration.token_hash != token, "only a hash is stored"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"phone": "1234"}, "phone"),
        ({"party_size": "9"}, "party_size"),
        ({"consent": ""}, "consent"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_form_input_answers_400_and_stores_nothing(client, event, overrides, field):
    data = {k: v for k, v in form_data(**overrides).items() if v != ""}
    response = client.post(f"/zh-hans/event-registration/{event.pk}/", data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(f"#id_{field}_error"), response.text
    assert soup.select_one("#error-summary")
    assert not Registration.objects.exists()


def test_invalid_phone_error_says_what_is_expected_in_english(client, event):
    response = client.post(
        f"/en/event-registration/{event.pk}/", form_data(phone="12345")
    )
    assert response.status_code == 400
    assert "11 digits, starting with 1" in response.text


def test_double_post_of_the_same_form_redirects_to_the_same_registration(client, event):
    first = client.post(f"/zh-hans/event-registration/{event.pk}/", form_data())
    second = client.post(f"/zh-hans/event-registration/{event.pk}/", form_data())
    assert (first.status_code, second.status_code) == (303, 303)
    assert Registration.objects.count() == 1


def test_bots_filling_the_honeypot_or_forging_the_token_store_nothing(client, event):
    url = f"/zh-hans/event-registration/{event.pk}/"
    assert client.post(url, form_data(website="http://spam")).status_code == 400
    assert client.post(url, form_data(form_token="forged")).status_code == 400
    assert not Registration.objects.exists()


def test_too_many_posts_from_one_client_get_429(client, event, settings):
    settings.PORTAL_RATE_LIMITS = {"default": "2/m"}
    url = f"/zh-hans/event-registration/{event.pk}/"
    codes = [client.post(url, form_data(phone="1")).status_code for _ in range(3)]
    assert codes == [400, 400, 429]


def test_registering_again_with_a_new_form_gives_a_friendly_error(client, event):
    client.post(f"/zh-hans/event-registration/{event.pk}/", form_data())
    again = client.post(
        f"/zh-hans/event-registration/{event.pk}/",
        form_data(key="n" * 32),
    )
    assert again.status_code == 400
    assert "已经报名" in again.text or "already holds a place" in again.text
    assert Registration.objects.count() == 1


def test_closed_registration_answers_post_with_400(client, events):
    event = make_event(
        events, registration_closes_at=timezone.now() - timedelta(minutes=5)
    )
    response = client.post(f"/zh-hans/event-registration/{event.pk}/", form_data())
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_full_event_offers_the_waitlist_and_tells_who_unticks_it(client, events):
    event = make_event(events, capacity=1)
    sign_up(event, 1)
    response = client.post(
        f"/zh-hans/event-registration/{event.pk}/",
        {k: v for k, v in form_data().items() if k != "join_waitlist"},
    )
    assert response.status_code == 400
    assert event.registrations.count() == 1


def test_english_and_chinese_pages_share_one_set_of_places(
    client, bilingual_site, events
):
    event = make_event(events, capacity=1)
    english = translate(event, bilingual_site.en, title="Open day")
    client.post(f"/en/event-registration/{english.pk}/", form_data())
    assert Registration.objects.get().event_id == event.pk
    outcome = sign_up(english, 2)
    assert outcome.registration.status == WAITING


def test_manage_link_cancels_once_and_a_reused_link_is_harmless(client, event):
    outcome = sign_up(event, 1)
    url = f"/zh-hans/event-registration/manage/{outcome.token}/"
    assert client.post(url + "cancel/").status_code == 303
    assert client.post(url + "cancel/").status_code == 303
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CANCELLED
    page = client.get(url)
    assert page.status_code == 200
    assert "取消我的报名" not in page.text and "Cancel my registration" not in page.text


@pytest.mark.parametrize("token", ["forged-token", "A" * 43, "x" * 500, "%00"])
def test_forged_manage_links_get_a_clear_404(client, event, token):
    sign_up(event, 1)
    for url in (
        f"/zh-hans/event-registration/manage/{token}/",
        f"/zh-hans/event-registration/manage/{token}/cancel/",
    ):
        response = client.post(url) if url.endswith("cancel/") else client.get(url)
        assert response.status_code == 404
    assert Registration.objects.get().status == CONFIRMED


def test_unknown_event_registration_form_is_404(client, bilingual_site):
    assert client.get("/zh-hans/event-registration/999999/").status_code == 404


# Mail


def test_confirmation_mail_holds_reference_and_manage_link(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = sign_up(event, 1, email="resident@example.org", language="en")
    (message,) = mail.outbox
    assert outcome.registration.reference in message.body
    assert f"/en/event-registration/manage/{outcome.token}/" in message.body
    assert "Beijing time" in message.body


def test_no_email_no_mail(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(event, 1)
    assert mail.outbox == []


def test_reminders_go_out_once_the_day_before_to_those_with_email(events):
    tomorrow = timezone.localtime() + timedelta(days=1)
    event = make_event(events, start=tomorrow.replace(hour=10, minute=0))
    later = make_event(events, title="普法讲座", start=tomorrow + timedelta(days=3))
    sign_up(event, 1, email="a@example.org")
    sign_up(event, 2)
    sign_up(later, 3, email="later@example.org")
    mail.outbox.clear()
    call_command("send_event_reminders", stdout=io.StringIO())
    call_command("send_event_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_personal_data_is_erased_after_retention(events):
    past = make_event(
        events,
        start=timezone.now() - timedelta(days=200),
        registration_closes_at=None,
    )
    Registration.objects.create(
        event=past,
        status=CONFIRMED,
        reference="OLDREF22",
        token_hash="o" * 64,
        name="老张",
        phone="13800000000",
        consented_at=timezone.now(),
    )
    assert erase_expired() == 1
    old = Registration.objects.get()
    assert (old.name, old.phone) == ("", "")


# Check-in and attendance


def test_check_in_by_reference_counts_attendance(client, event):
    outcome = sign_up(event, 1, party_size=3)
    reference = outcome.registration.reference
    result = check_in(event, reference.lower())
    assert not result.already
    assert check_in(event, reference).already
    event.end = timezone.now() - timedelta(minutes=1)
    event.start = event.end - timedelta(hours=1)
    assert event.attendance() == 3


def test_check_in_refuses_waiting_and_unknown_codes(event):
    for n in range(5):
        sign_up(event, n)
    waiting = sign_up(event, 9).registration
    with pytest.raises(RegistrationError):
        check_in(event, waiting.reference)
    with pytest.raises(RegistrationError):
        check_in(event, "NOPE2345")


# Staff side


@pytest.fixture
def staffed(bilingual_site, events):
    stations = station_tree(bilingual_site.home_zh)
    here = make_event(events, title="民主社区开放日", community=stations.community)
    there = make_event(events, title="彭城社区普法", community=stations.far)
    citywide = make_event(events, title="全市公益集市", address="市民广场")
    for event in (here, there, citywide):
        register(event, name="李小龙", phone="13700001111")
    return stations, here, there, citywide


def refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied by going back to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def staff_user(*codenames, area=None):
    user = UserFactory(is_staff=True)
    user.save()  # the factory sets the password without saving it
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="participation", codename__in=codenames
        ),
    )
    if area is not None:
        AreaAssignment.objects.create(user=user, area=area)
    return user


def test_staff_see_only_their_communities_events(client, staffed):
    stations, here, there, citywide = staffed
    user = staff_user("view_registration", area=stations.community)
    client.force_login(user)
    listing = client.get("/admin/event-registrations/").text
    assert here.title in listing
    assert there.title not in listing and citywide.title not in listing
    for event in (there, citywide):
        response = client.get(f"/admin/event-registrations/{event.pk}/")
        assert refused(response)


def test_bureau_wide_staff_see_citywide_events(client, staffed):
    stations, here, there, citywide = staffed
    client.force_login(staff_user("view_registration", area=stations.directory))
    listing = client.get("/admin/event-registrations/").text
    assert all(e.title in listing for e in (here, there, citywide))


def test_staff_without_the_personal_data_permission_see_masks_and_cannot_export(
    client, staffed
):
    stations, here, *_ = staffed
    client.force_login(staff_user("view_registration", area=stations.community))
    page = client.get(f"/admin/event-registrations/{here.pk}/").text
    assert "李小龙" not in page and "13700001111" not in page
    assert "李**" in page and "137****1111" in page
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/admin/event-registrations/{here.pk}/export.{fmt}")
        assert refused(response)


def test_a_registrants_masked_name_does_not_reveal_how_long_it_is(client, staffed):
    stations, here, *_ = staffed
    here.registrations.update(name="王伟")
    client.force_login(staff_user("view_registration", area=stations.community))
    page = client.get(f"/admin/event-registrations/{here.pk}/").text
    assert "王伟" not in page and "王**" in page


def test_allowed_staff_export_csv_and_xlsx_defusing_formulas(client, staffed):
    stations, here, *_ = staffed
    register(here, name="=HYPERLINK(1)", phone="13600002222")
    client.force_login(
        staff_user(
            "view_registration",
            "view_registration_personal_data",
            area=stations.community,
        )
    )
    response = client.get(f"/admin/event-registrations/{here.pk}/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][2:4] == ["李小龙", "13700001111"]
    assert rows[2][2] == "'=HYPERLINK(1)"
    response = client.get(f"/admin/event-registrations/{here.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]][2:4] == ["李小龙", "13700001111"]


def test_check_in_at_the_door_through_the_admin(client, staffed):
    stations, here, *_ = staffed
    client.force_login(
        staff_user("view_registration", "change_registration", area=stations.community)
    )
    reference = here.registrations.get().reference
    response = client.post(
        f"/admin/event-registrations/{here.pk}/check-in/", {"reference": reference}
    )
    assert response.status_code == 302
    assert here.registrations.get().checked_in_at is not None
    bad = client.post(
        f"/admin/event-registrations/{here.pk}/check-in/", {"reference": "WRONG234"}
    )
    assert bad.status_code == 200 and "reference" in bad.text.lower()


def test_users_without_permission_are_refused(client, staffed):
    *_, citywide = staffed
    client.force_login(staff_user(area=None))
    assert refused(client.get("/admin/event-registrations/"))


# Privacy: no name or phone on any public output


def test_no_registrant_name_or_phone_on_any_public_output(
    client, bilingual_site, staffed
):
    stations, here, there, citywide = staffed
    planted_name, planted_phone = "欧阳娜娜", "13988887777"
    outcome = register(here, name=planted_name, phone=planted_phone, notes="私密备注")
    publish(bilingual_site.home_zh)
    urls = [
        "/zh-hans/",
        "/en/",
        here.url,
        there.url,
        here.get_parent().url,
        here.get_parent().url + "?past=1",
        stations.community.url,
        f"/zh-hans/event-registration/{here.pk}/",
        f"/zh-hans/event-registration/manage/{outcome.token}/",
        "/zh-hans/feeds/notices/",
        f"/zh-hans/feeds/notices/?community={stations.community.pk}",
        "/zh-hans/feeds/events.ics",
        f"/zh-hans/feeds/events.ics?community={stations.community.pk}",
        f"/zh-hans/feeds/events/{here.pk}.ics",
        "/zh-hans/search/?q=开放日",
        "/zh-hans/search/?q=民主",
        "/api/v2/pages/?type=notices.EventPage&fields=*",
        f"/api/v2/pages/{here.pk}/",
        "/sitemap.xml",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        text = response.content.decode("utf-8", "replace")
        for secret in (planted_name, planted_phone, "私密备注", "8887777"):
            assert secret not in text, f"{secret} leaked on {url}"


# Concurrency on PostgreSQL


on_postgres = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason=(
        "needs PostgreSQL: SQLite serialises writers, so there is no race to test "
        "(the sequential twin runs everywhere)"
    ),
)
# Threads commit through their own connections: only a transactional test sees that.
concurrent_db = pytest.mark.django_db(transaction=True)


@on_postgres
@concurrent_db
def test_two_hundred_concurrent_registrations_for_fifty_seats(bilingual_site):
    event = make_event(event_index(bilingual_site.home_zh), capacity=50)
    start = threading.Barrier(40)

    def one(n: int) -> str:
        try:
            if n < 40:
                start.wait(timeout=30)
            return sign_up(EventPage.objects.get(pk=event.pk), n).registration.status
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(one, range(200)))
    assert statuses.count(CONFIRMED) == 50
    assert statuses.count(WAITING) == 150
    assert seat_counts(event)["taken"] == 50

    oldest_waiting = list(
        event.registrations.filter(status=WAITING)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:5]
    )
    to_cancel = list(event.registrations.filter(status=CONFIRMED)[:5])

    def give_up(registration) -> None:
        try:
            cancel(registration)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=5) as pool:
        list(pool.map(give_up, to_cancel))
    assert event.registrations.filter(status=CONFIRMED).count() == 50
    assert sorted(
        event.registrations.filter(promoted_at__isnull=False).values_list(
            "pk", flat=True
        )
    ) == sorted(oldest_waiting)


@on_postgres
@concurrent_db
def test_last_seats_under_concurrent_web_posts(bilingual_site, settings):
    settings.PORTAL_RATE_LIMITS = {"default": "1000/m"}  # one test client, one address
    event = make_event(
        event_index(bilingual_site.home_zh), capacity=10, waitlist_enabled=False
    )
    for n in range(7):
        sign_up(event, n)
    start = threading.Barrier(25)

    def post(n: int) -> int:
        try:
            start.wait(timeout=30)
            return (
                Client()
                .post(
                    f"/zh-hans/event-registration/{event.pk}/",
                    form_data(key=f"{n:032d}", phone=phone(100 + n)),
                )
                .status_code
            )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=25) as pool:
        codes = list(pool.map(post, range(25)))
    assert codes.count(303) == 3
    assert codes.count(400) == 22
    assert seat_counts(event)["taken"] == 10
