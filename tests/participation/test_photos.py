"""Photos: only real images, re-encoded, every trace of metadata gone."""

import io
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from participation.photos import PhotoError, clean_photo
from tests.participation.report_builders import PLANTED_NAME, jpeg_with_gps, png_bytes


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def upload(content: bytes, name: str = "photo.jpg", kind: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=kind)


def test_planted_exif_and_gps_are_gone_after_cleaning():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # GPS planted
    cleaned = clean_photo(upload(original))
    result = Image.open(io.BytesIO(cleaned.content))
    assert result.format == "JPEG"
    assert len(result.getexif()) == 0
    assert not result.getexif().get_ifd(0x8825)
    assert "exif" not in result.info and "icc_profile" not in result.info
    assert PLANTED_NAME.encode() not in cleaned.content
    assert b"PlantedCameraMaker" not in cleaned.content
    assert (cleaned.width, cleaned.height) == (64, 48)


def test_exif_orientation_is_applied_before_stripping():
    image = Image.new("RGB", (80, 40), (0, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when shown
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    cleaned = clean_photo(upload(buffer.getvalue()))
    assert (cleaned.width, cleaned.height) == (40, 80)


def test_png_with_transparency_and_webp_become_plain_jpeg():
    for content, name in ((png_bytes(), "a.png"), (webp_bytes(), "b.webp")):
        cleaned = clean_photo(upload(content, name))
        assert Image.open(io.BytesIO(cleaned.content)).mode == "RGB"


def webp_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), (1, 2, 3)).save(buffer, format="WEBP")
    return buffer.getvalue()


def test_heic_photos_from_iphones_are_accepted():
    pillow_heif = pytest.importorskip("pillow_heif")
    buffer = io.BytesIO()
    try:
        pillow_heif.from_pillow(Image.new("RGB", (64, 64), (200, 10, 10))).save(
            buffer, quality=80
        )
    except Exception:  # noqa: BLE001 - no HEVC encoder in this build
        pytest.skip("this pillow-heif build cannot encode HEIC")
    cleaned = clean_photo(upload(buffer.getvalue(), "IMG_0001.HEIC", "image/heic"))
    assert Image.open(io.BytesIO(cleaned.content)).format == "JPEG"


def test_a_text_file_named_jpg_is_refused():
    with pytest.raises(PhotoError, match="not a photo"):
        clean_photo(upload(b"<?php echo 'hello'; ?>" * 20, "evil.jpg"))


def test_a_truncated_jpeg_is_refused():
    with pytest.raises(PhotoError):
        clean_photo(upload(jpeg_with_gps(size=(300, 300))[:400]))


def test_a_gif_is_refused_even_though_it_is_an_image():
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, format="GIF")
    with pytest.raises(PhotoError):
        clean_photo(upload(buffer.getvalue(), "x.gif"))


def decompression_bomb() -> bytes:
    """A few kilobytes of PNG that would decode to 20000 × 20000 pixels."""
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def test_a_decompression_bomb_is_refused_without_decoding_it():
    bomb = decompression_bomb()
    assert len(bomb) < 200_000
    with pytest.raises(PhotoError, match="too many pixels"):
        clean_photo(upload(bomb, "bomb.png"))


def test_a_photo_over_ten_megabytes_is_refused():
    big = jpeg_with_gps() + b"\0" * (11 * 1024 * 1024)
    with pytest.raises(PhotoError, match="10 MB"):
        clean_photo(upload(big))


def test_limits_can_be_lowered_in_settings(settings):
    settings.PORTAL_REPORT_PHOTO_MAX_PIXELS = 1000
    with pytest.raises(PhotoError, match="too many pixels"):
        clean_photo(upload(jpeg_with_gps(size=(100, 100))))


def test_large_photos_are_scaled_down():
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), (50, 60, 70)).save(buffer, format="JPEG")
    cleaned = clean_photo(upload(buffer.getvalue()))
    assert max(cleaned.width, cleaned.height) == 2560


# Pixel budgets (issue 22): read from the header, checked before anything is decoded.


def header_only_png(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height but whose pixel data is garbage:
    refused as too large only if nothing was decoded (decoding would fail)."""
    buffer = io.BytesIO()
    Image.new("RGBA", (8, 8)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    data[16:24] = width.to_bytes(4, "big") + height.to_bytes(4, "big")
    crc = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    data[29:33] = crc
    return bytes(data)


def test_an_image_over_the_pixel_budget_is_refused_from_its_header():
    with pytest.raises(PhotoError, match="at most 25 megapixels"):
        clean_photo(upload(header_only_png(7000, 7000), "huge.png", "image/png"))


def test_the_photos_of_one_report_share_a_pixel_budget(settings):
    from participation.photos import check_request_pixels, photo_pixels

    settings.PORTAL_REPORT_PHOTOS_MAX_PIXELS = 2 * 64 * 48
    pixels = [photo_pixels(upload(jpeg_with_gps())) for _number in range(3)]
    assert pixels == [64 * 48] * 3
    check_request_pixels(pixels[:2])
    with pytest.raises(PhotoError, match="too many pixels together"):
        check_request_pixels(pixels)


def test_a_webp_counts_its_decoders_copies_against_the_budget():
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 2500), (1, 2, 3)).save(buffer, format="WEBP")
    with pytest.raises(PhotoError, match="at most 6 megapixels"):
        clean_photo(upload(buffer.getvalue(), "big.webp", "image/webp"))


def test_a_large_photo_is_scaled_down_by_bands_and_still_stripped():
    original = jpeg_with_gps(size=(5200, 2600))
    cleaned = clean_photo(upload(original))
    result = Image.open(io.BytesIO(cleaned.content))
    assert result.size == (2560, 1280)
    assert len(result.getexif()) == 0 and "exif" not in result.info
    assert PLANTED_NAME.encode() not in cleaned.content
    # The colour of the photo survives the band-by-band scaling (no seams, no black
    # bands): every pixel is still the planted colour.
    red, green, blue = result.getextrema()
    assert red[1] - red[0] <= 4 and green[1] - green[0] <= 4 and blue[1] - blue[0] <= 4


def test_a_transparent_palette_png_is_flattened_on_white():
    image = Image.new("P", (3000, 100), 0)
    image.putpalette([0, 0, 0] * 256)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", transparency=0)
    cleaned = clean_photo(upload(buffer.getvalue(), "clear.png", "image/png"))
    result = Image.open(io.BytesIO(cleaned.content))
    assert result.size == (2560, 85)
    assert result.convert("L").getextrema()[0] >= 250
