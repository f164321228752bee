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


# Colour is kept as its JPEG holds it (full-size luma, half-size chroma planes):
# every colour stays where it was, also when the photo is turned upright.

QUADRANTS = ((230, 20, 20), (20, 200, 40), (30, 40, 220), (240, 220, 30))


def quadrant_photo(size: tuple[int, int]) -> Image.Image:
    """Red, green / blue, yellow: one colour in each quarter."""
    width, height = size
    image = Image.new("RGB", size)
    corners = ((0, 0), (width // 2, 0), (0, height // 2), (width // 2, height // 2))
    for (left, top), colour in zip(corners, QUADRANTS, strict=True):
        image.paste(colour, (left, top, left + width // 2 + 1, top + height // 2 + 1))
    return image


def quadrant_colours(content: bytes) -> list[tuple[int, ...]]:
    result = Image.open(io.BytesIO(content)).convert("RGB")
    width, height = result.size
    points = ((1, 1), (3, 1), (1, 3), (3, 3))
    return [result.getpixel((x * width // 4, y * height // 4)) for x, y in points]


def close_to(found, expected, tolerance: int = 12) -> bool:
    return all(
        abs(a - b) <= tolerance
        for pair in zip(found, expected, strict=True)
        for a, b in zip(*pair, strict=True)
    )


def test_each_colour_stays_in_its_place_in_a_large_odd_sized_png():
    buffer = io.BytesIO()
    quadrant_photo((3001, 2001)).save(buffer, format="PNG")
    cleaned = clean_photo(upload(buffer.getvalue(), "quad.png", "image/png"))
    assert (cleaned.width, cleaned.height) == (2560, 1707)
    assert close_to(quadrant_colours(cleaned.content), QUADRANTS)


def test_colours_turn_with_the_photo_when_it_is_made_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when shown
    buffer = io.BytesIO()
    quadrant_photo((801, 401)).save(buffer, format="JPEG", exif=exif.tobytes())
    cleaned = clean_photo(upload(buffer.getvalue()))
    assert (cleaned.width, cleaned.height) == (401, 801)
    red, green, blue, yellow = QUADRANTS
    # Turned clockwise: the left column (red over blue) becomes the top row, read
    # from the right.
    assert close_to(quadrant_colours(cleaned.content), (blue, red, yellow, green))


# HEIC straight from libheif's buffer (no Pillow copy of the decoded photo).


def heic_bytes(image: Image.Image, **options) -> bytes:
    pillow_heif = pytest.importorskip("pillow_heif")
    buffer = io.BytesIO()
    try:
        pillow_heif.from_pillow(image).save(buffer, quality=90, **options)
    except Exception:  # noqa: BLE001 - no HEVC encoder in this build
        pytest.skip("this pillow-heif build cannot encode HEIC")
    return buffer.getvalue()


def test_a_heic_is_turned_upright_once_and_loses_its_exif():
    exif = Image.Exif()
    exif[0x0112] = 6  # stored by the encoder as the file's own rotation too
    exif[0x010F] = "PlantedCameraMaker"
    content = heic_bytes(quadrant_photo((160, 80)), exif=exif.tobytes())
    assert b"PlantedCameraMaker" in content
    cleaned = clean_photo(upload(content, "IMG_0002.HEIC", "image/heic"))
    assert (cleaned.width, cleaned.height) == (80, 160)
    result = Image.open(io.BytesIO(cleaned.content))
    assert len(result.getexif()) == 0 and "exif" not in result.info
    assert b"PlantedCameraMaker" not in cleaned.content
    red, green, blue, yellow = QUADRANTS
    assert close_to(quadrant_colours(cleaned.content), (blue, red, yellow, green), 24)


def test_a_large_heic_is_scaled_down_with_its_colours_in_place():
    content = heic_bytes(quadrant_photo((2700, 1400)))
    cleaned = clean_photo(upload(content, "IMG_0003.HEIC", "image/heic"))
    assert (cleaned.width, cleaned.height) == (2560, 1327)
    assert close_to(quadrant_colours(cleaned.content), QUADRANTS, 24)


def test_a_transparent_heic_is_flattened_on_white():
    content = heic_bytes(Image.new("RGBA", (64, 32), (0, 0, 255, 0)))
    cleaned = clean_photo(upload(content, "clear.heic", "image/heic"))
    result = Image.open(io.BytesIO(cleaned.content))
    assert result.convert("L").getextrema()[0] >= 245


def test_a_photo_must_be_a_real_photo_not_an_svg_with_a_script():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
        b'<rect width="10" height="10"/></svg>'
    )
    with pytest.raises(PhotoError):
        clean_photo(SimpleUploadedFile("photo.svg", svg, "image/svg+xml"))
