"""The report form the poster's QR code opens (participation/reports/form_views.py):
the form, bad input shown again with errors and nothing stored, photos checked, forms
replayed or sent by bots refused, and the choice of community."""

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participation.abuse import form_token
from participation.models import Report, ReportPhoto
from participation.reports import submitting
from tests.participation.report_builders import PLANTED_NAME, form_data, jpeg_with_gps

pytestmark = pytest.mark.django_db


def photo(content: bytes = None, name: str = "IMG_0001.jpg"):
    return SimpleUploadedFile(
        name, content or jpeg_with_gps(), content_type="image/jpeg"
    )


def stored_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT) / "reports"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def send(client, world, language="zh-hans", **overrides):
    return client.post(f"/{language}/report/", form_data(world, **overrides))


def errors(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one("#error-summary") or soup.select_one(".error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


# The form the poster's QR code opens


def test_the_posters_qr_address_opens_the_form_with_the_community_chosen(client, world):
    path = world.a.report_path("zh-hans")
    response = client.get(path)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    # Only this community is in the form (no select of every community of the city),
    # shown by name, with a plain link to choose another.
    chosen = soup.select_one("form.report-form input[type=hidden][name=community]")
    assert chosen["value"] == str(world.a.pk)
    assert not soup.select("select[name=community]")
    assert world.a.title in soup.select_one(".report-community").text
    assert soup.select_one(".report-community a")["href"] == "/zh-hans/report/"
    assert world.a.station_name in soup.select_one("main header").text
    form = soup.select_one("form.report-form")
    assert form["method"] == "post" and form["enctype"] == "multipart/form-data"
    assert soup.select_one("input[type=file][multiple][name=photos]")
    categories = [o["value"] for o in soup.select("select[name=category] option")]
    assert categories == ["", "SR-01", "EH-01"]


def test_the_form_needs_no_script_and_every_field_has_a_label(client, world):
    response = client.get(f"/en/report/?community={world.a.pk}")
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("form.report-form")
    for field in form.select("input, select, textarea"):
        if field.get("type") in ("hidden", "submit") or field.find_parent(hidden=True):
            continue
        assert form.select_one(f"label[for={field['id']}]") or field.find_parent(
            "fieldset"
        ), field
    assert form.select_one("button[type=submit]")
    assert not soup.select("script:not([src])")  # CSP: no inline script
    assert not soup.select("[style]")


def test_english_form_lists_categories_and_communities_in_english(client, world):
    from tests.conftest import translate

    translate(world.district, world.site.en, title="Huanghe District")
    translate(world.subdistrict, world.site.en, title="Huanghe Subdistrict")
    translate(world.a, world.site.en, title="Huanghe Community")
    response = client.get(f"/en/report/?community={world.a.pk}")
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Huanghe Community" in soup.select_one(".report-community").text
    choice = BeautifulSoup(client.get("/en/report/").content, "html.parser")
    assert "Huanghe Subdistrict" in choice.select_one(".report-choose h2").text
    assert "Huanghe Community" in choice.select_one(".report-choose").text


def test_the_english_pages_id_of_a_community_names_the_same_community(client, world):
    from tests.conftest import translate

    translate(world.district, world.site.en, title="Huanghe District")
    translate(world.subdistrict, world.site.en, title="Huanghe Subdistrict")
    english = translate(world.a, world.site.en, title="Huanghe Community")
    assert english.report_community_id == world.a.pk
    response = client.get(f"/en/report/?community={english.pk}")
    soup = BeautifulSoup(response.content, "html.parser")
    chosen = soup.select_one("input[type=hidden][name=community]")
    assert chosen["value"] == str(world.a.pk)


def test_a_report_with_a_photo_gets_a_reference_and_private_link(client, world):
    response = client.post(
        "/zh-hans/report/",
        {**form_data(world), "photos": [photo()]},
    )
    assert response.status_code == 302
    report = Report.objects.get()
    track = response["Location"]
    assert re.match(r"^/zh-hans/report/track/[A-Za-z0-9_-]{43}/\?new=1$", track)
    page = client.get(track)
    text = page.content.decode()
    assert report.reference in text
    assert "http://testserver" + track.split("?")[0] in text
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in page["Cache-Control"]
    stored = report.photos.get()
    content = stored.file.read()
    assert b"PlantedCameraMaker" not in content and PLANTED_NAME.encode() not in content
    assert len(Image.open(io.BytesIO(content)).getexif()) == 0
    assert report.response_due is not None and report.completion_due is not None


def test_the_token_is_stored_only_as_a_hash(client, world):
    response = send(client, world)
    token = response["Location"].split("/")[4]
    report = Report.objects.get()
    assert token not in (report.token_hash, report.reference)
    assert len(token) >= 22  # ≥ 128 bits in URL-safe base64


def test_each_visit_of_a_qr_address_gets_its_own_one_time_token(client, world):
    path = f"/zh-hans/report/?community={world.a.pk}"
    tokens = set()
    for query in ("", "&category=EH-01", ""):
        soup = BeautifulSoup(client.get(path + query).content, "html.parser")
        tokens.add(soup.select_one("input[name=form_token]")["value"])
        chosen = soup.select_one("select[name=category] option[selected]")
        # The fields are written once and reused: one visitor's ?category= is not
        # the next one's.
        assert (chosen["value"] if chosen else "") == ("EH-01" if query else "")
    assert len(tokens) == 3


def test_an_unknown_category_in_the_address_is_ignored(client, world):
    response = client.get(f"/en/report/?community={world.a.pk}&category=%00%C2%B2")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    chosen = soup.select("select[name=category] option[selected]")
    assert [option["value"] for option in chosen] in ([], [""])


# Bad input: the form again, translated errors, 400, nothing stored


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"description": ""}, "description"),
        ({"location": ""}, "location"),
        ({"category": ""}, "category"),
        ({"description": "长" * 100_000}, "description"),
        ({"community": "999999"}, "community"),
        ({"category": "XX-99"}, "category"),
        ({"phone": "12345"}, "phone"),
        ({"name": PLANTED_NAME}, "consent"),
    ],
)
def test_bad_input_shows_the_form_again_with_errors_and_stores_nothing(
    client, world, overrides, field
):
    response = send(client, world, **overrides)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(
        f"#field_id_{field}.field--error, #field_id_{field} .error-text"
    )
    assert errors(response)
    assert Report.objects.count() == 0


def test_errors_are_in_the_visitors_language(client, world):
    chinese = errors(send(client, world, description=""))
    english = errors(send(client, world, language="en", description=""))
    assert "请更正" in chinese and "This field is required" in english


def test_a_missing_field_is_asked_for_in_plain_chinese(client, world):
    """Wagtail's catalogue, ahead of Django's, says "必需字段" (a programmer's word)."""
    response = send(client, world, description="")
    field = BeautifulSoup(response.content, "html.parser").select_one(
        "#field_id_description"
    )
    assert "请填写此项。" in field.text and "必需字段" not in response.content.decode()


def test_a_category_from_another_list_or_a_retired_item_is_refused(client, world):
    item = world.duties.items.get(code="SR-01")
    item.valid_until = "2020-01-01"
    item.save()
    response = send(client, world, category="SR-01")
    assert response.status_code == 400 and Report.objects.count() == 0


def test_scripts_typed_into_the_form_are_shown_as_text(client, world):
    script = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    response = send(client, world, description=script, location=script)
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "bad",
    [
        photo(b"MZ\x90\x00 not an image at all" * 50, "holiday.jpg"),
        photo(jpeg_with_gps() + b"\0" * (11 * 1024 * 1024), "big.jpg"),
        "bomb",
    ],
    ids=["not-an-image", "eleven-megabytes", "decompression-bomb"],
)
def test_bad_photos_are_refused_and_no_file_or_report_is_left(client, world, bad):
    if bad == "bomb":
        from tests.participation.test_photos import decompression_bomb

        bad = photo(decompression_bomb(), "bomb.png")
    good = photo()
    response = client.post(
        "/zh-hans/report/", {**form_data(world), "photos": [good, bad]}
    )
    assert response.status_code == 400
    assert "第 2 张照片" in errors(response)
    assert Report.objects.count() == 0 and ReportPhoto.objects.count() == 0
    assert stored_files() == []


@pytest.mark.parametrize(
    ("language", "message"),
    [("zh-hans", "像素太多"), ("en", "too many pixels (at most 25 megapixels)")],
)
def test_three_huge_pngs_are_refused_in_the_visitors_language_and_nothing_is_stored(
    client, world, language, message
):
    from tests.participation.test_photos import header_only_png

    huge = [photo(header_only_png(7000, 7000), f"huge{n}.png") for n in range(3)]
    response = client.post(f"/{language}/report/", {**form_data(world), "photos": huge})
    assert response.status_code == 400
    assert message in errors(response)
    assert Report.objects.count() == 0 and ReportPhoto.objects.count() == 0
    assert stored_files() == []


def test_photos_over_the_budget_of_one_report_are_refused_together(
    client, world, settings
):
    settings.PORTAL_REPORT_PHOTOS_MAX_PIXELS = 2 * 64 * 48
    response = client.post(
        "/en/report/", {**form_data(world), "photos": [photo() for _i in range(3)]}
    )
    assert response.status_code == 400
    assert "too many pixels together" in errors(response)
    assert Report.objects.count() == 0 and stored_files() == []


def test_an_accepted_large_photo_is_stored_scaled_down_without_gps(client, world):
    big = photo(jpeg_with_gps(size=(6000, 4000)), "IMG_0002.jpg")
    response = client.post("/zh-hans/report/", {**form_data(world), "photos": [big]})
    assert response.status_code == 302
    (stored,) = stored_files()
    image = Image.open(stored)
    assert image.size == (2560, 1707)
    assert not image.getexif().get_ifd(0x8825) and len(image.getexif()) == 0
    assert PLANTED_NAME.encode() not in stored.read_bytes()


def test_more_than_three_photos_are_refused(client, world):
    response = client.post(
        "/zh-hans/report/", {**form_data(world), "photos": [photo() for _i in range(4)]}
    )
    assert response.status_code == 400 and Report.objects.count() == 0


def test_a_failure_while_saving_removes_the_photos_already_written(
    client, world, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(submitting, "record", broken)
    with pytest.raises(RuntimeError):
        client.post("/zh-hans/report/", {**form_data(world), "photos": [photo()]})
    assert Report.objects.count() == 0 and ReportPhoto.objects.count() == 0
    assert stored_files() == []


def test_a_replayed_form_is_refused_and_stored_once(client, world):
    data = form_data(world)
    first = client.post("/zh-hans/report/", data)
    second = client.post("/zh-hans/report/", data)
    assert first.status_code == 302
    assert second.status_code == 400
    assert "已经提交" in errors(second)
    assert Report.objects.count() == 1


def test_a_form_sent_again_shows_its_reports_tracking_link_anew(client, world):
    # The answer to the first send was lost (signal gone): the resident sends again.
    data = form_data(world, name="李秘密", phone="139 1234 5678", consent="on")
    first = client.post("/zh-hans/report/", data)
    again = client.post("/zh-hans/report/", data)
    assert again.status_code == 400 and "已经提交" in errors(again)
    assert Report.objects.count() == 1
    shown = BeautifulSoup(again.content, "html.parser").select_one(".report-link a")
    page = client.get(urlsplit(shown["href"]).path)
    assert page.status_code == 200
    assert Report.objects.get().reference in page.text
    # Only the hash of a link is kept, so the page gives a new one and says the
    # first stops working.
    assert "之前显示的链接已失效" in errors(again)
    assert client.get(first["Location"]).status_code == 404


def test_a_form_sent_again_with_another_phone_shows_no_link(client, world):
    data = form_data(world, name="李秘密", phone="13912345678", consent="on")
    client.post("/zh-hans/report/", data)
    again = client.post("/zh-hans/report/", {**data, "phone": "13800001111"})
    assert again.status_code == 400 and "已经提交" in errors(again)
    assert not BeautifulSoup(again.content, "html.parser").select(".report-link")


def test_the_form_links_to_track_progress_beside_its_heading(client, world):
    for path in (world.a.report_path("zh-hans"), "/zh-hans/report/"):
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        link = soup.select_one("main header .lookup-link a")
        assert link["href"] == "/zh-hans/track/" and "查询进度" in link.text


def test_bots_are_stopped_by_the_honeypot_and_the_fill_time(client, world, settings):
    assert send(client, world, website="http://spam.example").status_code == 400
    settings.PORTAL_FORM_MIN_SECONDS = 10
    assert send(client, world, form_token=form_token()).status_code == 400
    assert send(client, world, form_token="forged").status_code == 400
    assert Report.objects.count() == 0


def test_too_many_reports_from_one_client_get_429_in_their_language(
    client, world, settings
):
    settings.PORTAL_RATE_LIMITS = {"report": "2/m", "default": "20/m"}
    for _i in range(2):
        assert send(client, world, language="en").status_code == 302
    refused = send(client, world, language="en")
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert Report.objects.count() == 2


# Choosing the community


@pytest.mark.parametrize(
    "value", ["999999", "abc", "1\x00", "²", "9" * 30, "9" * 5000, "-1"]
)
def test_a_qr_link_to_a_community_that_does_not_exist_says_so(client, world, value):
    response = client.get("/zh-hans/report/", {"community": value})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert "找不到" in soup.select_one(".error-summary").text
    # ... and offers the choice of community instead.
    links = [a["href"] for a in soup.select(".report-choose a")]
    assert f"?community={world.a.pk}" in links and f"?community={world.b.pk}" in links


def test_without_a_community_the_resident_chooses_one_first(client, world):
    response = client.get("/zh-hans/report/?category=EH-01")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.select("form.report-form")
    link = soup.select_one(f'.report-choose a[href^="?community={world.a.pk}&"]')
    assert link.text == world.a.title
    form = BeautifulSoup(
        client.get(f"/zh-hans/report/{link['href']}").content, "html.parser"
    )
    chosen = form.select_one("select[name=category] option[selected]")
    assert chosen["value"] == "EH-01"


def test_a_post_naming_no_community_offers_the_select_of_communities(client, world):
    response = send(client, world, community="9" * 40)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    options = [o["value"] for o in soup.select("select[name=community] option")]
    assert str(world.a.pk) in options and str(world.b.pk) in options
    assert Report.objects.count() == 0


# A pin or GPS point, and the reports nearby (附近已有人反映)

PIN = {"latitude": "34.264370", "longitude": "117.184100"}  # 30 m north of FIRST
FIRST = {"latitude": "34.264100", "longitude": "117.184100"}


def test_a_pin_makes_the_address_optional_and_without_one_it_is_required(client, world):
    response = send(client, world, **PIN, location="")
    assert response.status_code == 302
    report = Report.objects.get()
    assert (str(report.latitude), report.location) == ("34.264370", "")
    refused = send(client, world, language="en", location="")
    assert refused.status_code == 400
    assert "Where exactly?" in errors(refused)


def test_a_second_report_30_m_away_is_offered_the_first_and_nothing_is_stored(
    client, world
):
    from tests.participation.report_builders import make_report

    first = make_report(world.a, name=PLANTED_NAME, consent=True, **FIRST).report
    response = client.post(
        "/zh-hans/report/", {**form_data(world, **PIN), "photos": [photo()]}
    )
    assert response.status_code == 200
    assert Report.objects.get() == first and not stored_files()
    soup = BeautifulSoup(response.content, "html.parser")
    nearby = soup.select_one("#report-nearby")
    assert not nearby.has_attr("hidden")
    assert "附近已有人反映" in nearby.text and "约 30 米" in nearby.text
    assert PLANTED_NAME not in nearby.text and first.location not in nearby.text
    # The photos were not kept: the resident is told to choose them again.
    assert "请重新选择照片" in nearby.text
    # What was typed stays in the form.
    form = soup.select_one("form.report-form")
    assert form.select_one("textarea[name=description]").text.strip() == (
        "楼道里堆满了杂物,影响通行。"
    )
    button = nearby.select_one("button[name=support-report]")
    assert button["form"] == "report-support" and button.text.startswith("我也遇到了")
    # The phone and consent shown in the list go with 我也遇到了, not the report.
    for name in ("support-phone", "support-consent"):
        assert nearby.select_one(f"[name={name}]")["form"] == "report-support"
    support = soup.select_one("form#report-support")
    assert support["action"] == "/zh-hans/report/support/"

    # 我也遇到了, without JavaScript: the support form with the button's value.
    data = {
        "support-report": button["value"],
        "support-form_token": support.select_one("[name=support-form_token]")["value"],
        "support-website": "",
    }
    import time

    from participation.abuse import read_form_token

    assert read_form_token(data["support-form_token"])["t"] < time.time() - 30
    supported = client.post("/zh-hans/report/support/", data)
    assert supported.status_code == 200
    assert Report.objects.count() == 1
    assert first.supporters.count() == 1


def test_not_the_same_problem_sends_the_report_after_all(client, world):
    from tests.participation.report_builders import make_report

    make_report(world.a, **FIRST)
    response = send(client, world, **PIN, not_same="1")
    assert response.status_code == 302
    assert Report.objects.count() == 2


def test_another_category_nearby_is_not_offered(client, world):
    from tests.participation.report_builders import make_report

    make_report(world.a, "SR-01", **FIRST)
    response = send(client, world, **PIN)
    assert response.status_code == 302
    assert Report.objects.count() == 2  # stored, not held back by the other one
    assert "/report/track/" in response.url
