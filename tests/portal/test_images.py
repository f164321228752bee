"""Editors' image uploads in the Wagtail admin (issue 22): a truncated, malformed or
oversized file gets a form error in the editor's language, never a server error."""

import io
import json
import struct
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.com", "pw"
    )
    client.force_login(user)
    return user


def gif_with_broken_frames() -> bytes:
    """An animated GIF with a valid header whose frame data is cut off halfway
    through the first frame: Pillow opens it and fails only when decoding."""
    frames = [Image.effect_noise((80, 80), 60 + n * 20).convert("P") for n in range(3)]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100
    )
    data = buffer.getvalue()
    first_frame = data.index(b"\x2c", data.index(b"\x21\xf9\x04"))
    return data[: first_frame + 400]


def truncated_png() -> bytes:
    image = Image.effect_noise((300, 300), 60).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()[:3000]


def png_bomb(width: int = 20000, height: int = 20000) -> bytes:
    """A valid header claiming width × height pixels: nothing behind it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    data = zlib.compress(b"\0" * 1000)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


def good_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


BAD_FILES = {
    "broken.gif": (gif_with_broken_frames, "image/gif"),
    "truncated.png": (truncated_png, "image/png"),
    "bomb.png": (png_bomb, "image/png"),
    "under-pillows-limit.png": (lambda: png_bomb(9000, 9000), "image/png"),
}


def bad_upload(name: str) -> SimpleUploadedFile:
    build, content_type = BAD_FILES[name]
    return SimpleUploadedFile(name, build(), content_type=content_type)


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_image_gets_a_form_error_on_the_add_view(client, editor, name):
    response = client.post(
        "/admin/images/add/",
        {"title": "Poster", "file": bad_upload(name), "collection": 1},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert get_image_model().objects.count() == 0


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_image_gets_an_error_in_the_multiple_uploader(client, editor, name):
    response = client.post(
        "/admin/images/multiple/add/", {"files[]": bad_upload(name), "collection": 1}
    )
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["success"] is False and answer["error_message"]
    assert get_image_model().objects.count() == 0


def test_the_errors_are_in_the_editors_language(client, editor):
    errors = {}
    for language in ("zh-hans", "en"):
        response = client.post(
            "/admin/images/add/",
            {"title": "Poster", "file": bad_upload("truncated.png"), "collection": 1},
            HTTP_ACCEPT_LANGUAGE=language,
        )
        errors[language] = " ".join(response.context["form"].errors["file"])
    assert "Upload a valid image" in errors["en"]
    assert "上传" in errors["zh-hans"] and "Upload" not in errors["zh-hans"]


def test_an_image_over_the_pixel_budget_is_refused_from_its_header(client, editor):
    response = client.post(
        "/admin/images/add/",
        {"title": "Poster", "file": bad_upload("under-pillows-limit.png")},
    )
    assert "81000000" in " ".join(response.context["form"].errors["file"])


def test_a_good_image_is_still_added_by_both_views(client, editor):
    upload = SimpleUploadedFile("poster.png", good_png(), content_type="image/png")
    response = client.post(
        "/admin/images/add/", {"title": "Poster", "file": upload, "collection": 1}
    )
    assert response.status_code == 302
    upload = SimpleUploadedFile("second.png", good_png(), content_type="image/png")
    response = client.post(
        "/admin/images/multiple/add/", {"files[]": upload, "collection": 1}
    )
    assert json.loads(response.content)["success"] is True
    images = get_image_model().objects.order_by("pk")
    assert [(image.width, image.height) for image in images] == [(120, 80)] * 2
