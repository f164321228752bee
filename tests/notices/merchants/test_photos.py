"""notices/merchants/photos.py: an inspection's photo keeps no location or camera
data, and a file that is not a photo is refused with a reason."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from notices.merchants.photos import stripped_photo


def photo_with_location() -> bytes:
    image = Image.new("RGB", (300, 200), (120, 160, 90))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90°
    gps = {1: "N", 2: (34.0, 15.0, 50.0), 3: "E", 4: (117.0, 11.0, 2.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_the_stored_photo_has_no_exif_and_stands_upright():
    raw = photo_with_location()
    with Image.open(io.BytesIO(raw)) as before:
        assert before.getexif().get_ifd(0x8825)  # the upload did carry a position
    clean = stripped_photo(SimpleUploadedFile("IMG_0001.jpg", raw))
    assert clean.name.endswith(".jpg") and "IMG_0001" not in clean.name
    with Image.open(io.BytesIO(clean.read())) as after:
        assert not after.getexif()
        assert after.info.get("exif") is None
        assert after.size == (200, 300)  # turned upright by its orientation


def test_a_file_that_is_not_a_photo_is_refused():
    with pytest.raises(ValidationError) as refused:
        stripped_photo(SimpleUploadedFile("notes.jpg", b"not an image at all"))
    assert refused.value.messages == [
        "无法读取该文件，请上传JPEG、PNG、WebP或HEIC格式的照片。"
    ]
