"""Photos residents attach to reports: checked, decoded safely, re-encoded, stripped.

Nothing of the uploaded file is stored: it is decoded (JPEG, PNG, HEIC/HEIF or WebP,
whatever its name says), turned upright, scaled down and written again as a fresh
JPEG without EXIF, GPS, XMP, ICC or comments. A file that is not such an image, is too
large, has too many pixels or would decompress into more than that is refused before
anything is written.
"""

import io
import secrets
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

try:
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - installed with Wagtail
    pillow_heif = None

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000
MAX_SIDE = 2560
JPEG_QUALITY = 85
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "HEIF"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class PhotoError(Exception):
    """Why a photo was refused, in words for the resident."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class CleanPhoto:
    """A re-encoded JPEG, ready to store."""

    content: bytes
    width: int
    height: int

    def as_file(self) -> ContentFile:
        return ContentFile(self.content, name=f"{secrets.token_hex(16)}.jpg")


def limits() -> tuple[int, int]:
    return (
        getattr(settings, "PORTAL_REPORT_PHOTO_MAX_BYTES", MAX_BYTES),
        getattr(settings, "PORTAL_REPORT_PHOTO_MAX_PIXELS", MAX_PIXELS),
    )


def clean_photo(upload) -> CleanPhoto:
    """Check and re-encode one upload (a Django UploadedFile or any binary file)."""
    max_bytes, max_pixels = limits()
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > max_bytes:
        raise PhotoError(
            _("Each photo may be at most %(mb)d MB.") % {"mb": max_bytes // 2**20}
        )
    if size == 0:
        raise PhotoError(_("This file is empty."))
    upload.seek(0)
    not_a_photo = PhotoError(
        _("This file is not a photo we can read. Send a JPEG, PNG, HEIC or WebP image.")
    )
    too_big = PhotoError(
        _("This photo has too many pixels (at most %(mp)d megapixels).")
        % {"mp": max_pixels // 1_000_000}
    )
    with warnings.catch_warnings():
        # Pillow warns, then raises, on images that decompress into huge bitmaps.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload)
            if image.format not in ACCEPTED_FORMATS:
                raise not_a_photo
            width, height = image.size
            if width < 1 or height < 1:
                raise not_a_photo
            if width * height > max_pixels:
                raise too_big
            image.seek(0)
            previous = ImageFile.LOAD_TRUNCATED_IMAGES
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            try:
                image.load()
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = previous
            image = ImageOps.exif_transpose(image)
            image = flatten(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise too_big from error
        except PhotoError:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise not_a_photo from error
        except Exception as error:  # noqa: BLE001 - any decoder failure is bad input
            raise not_a_photo from error
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    # A fresh image with no `info`: no EXIF, GPS, XMP, ICC profile or comment.
    fresh = Image.new("RGB", image.size)
    fresh.paste(image)
    fresh.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return CleanPhoto(output.getvalue(), fresh.width, fresh.height)


def flatten(image: Image.Image) -> Image.Image:
    """RGB on white, whatever the mode (palette, alpha, greyscale, CMYK, 16-bit)."""
    if image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    ):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode == "I;16" or image.mode == "I":
        image = image.point(lambda value: value / 256).convert("L")
    return image.convert("RGB")
