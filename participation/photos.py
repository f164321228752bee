"""Photos residents attach to reports: checked, decoded safely, re-encoded, stripped.

Nothing of the uploaded file is stored: it is decoded (JPEG, PNG, HEIC/HEIF or WebP,
whatever its name says), turned upright, scaled down and written again as a fresh
JPEG without EXIF, GPS, XMP, ICC or comments. A file that is not such an image, is too
large, has too many pixels or would decompress into more than that is refused before
anything is written.

Memory (issue 22): the number of pixels is read from the file's header (Pillow's
`Image.open` is lazy) and checked against a budget per photo and per report before
anything is decoded. A JPEG is decoded straight at a reduced scale (`draft`); a HEIC
is read from libheif's own buffer (no Pillow copy); other formats are decoded once.
Then the photo is flattened and scaled down a band of rows at a time into planes
that cost 1.5 bytes a pixel (see Planes), and only once the decoded photo is freed
are they merged and encoded. A photo at the budget costs its decoded size plus a
little, never several copies (bench/photo_memory.py measures it).
"""

import io
import math
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image

try:
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - installed with Wagtail
    pillow_heif = None

MAX_BYTES = 10 * 1024 * 1024
# A phone's 24-megapixel photo (5712 × 4284) decodes to about 100 MB (4 bytes a
# pixel); the photos of one report together may not have more than 60 megapixels
# (each is decoded in turn, so this bounds the time, not the memory).
MAX_PIXELS = 25_000_000
MAX_REQUEST_PIXELS = 60_000_000
# Formats whose decoder holds several copies of the image (libwebp's animation
# decoder: a canvas, the previous frame and Pillow's copy, measured at 3.9 times
# the decoded size): a pixel counts this many times against MAX_PIXELS.
DECODE_WEIGHT = {"WEBP": 4}
MAX_SIDE = 2560
JPEG_QUALITY = 85
# What Image.open may try: no other Pillow plugin ever parses a resident's file.
OPEN_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "HEIF"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"
# Rows of the cleaned photo made at once (see flatten_resized); even, so that each
# band starts on a row of the half-height chroma planes.
BAND_ROWS = 32
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


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


def request_limit() -> int:
    return getattr(settings, "PORTAL_REPORT_PHOTOS_MAX_PIXELS", MAX_REQUEST_PIXELS)


def not_a_photo() -> PhotoError:
    return PhotoError(
        _("This file is not a photo we can read. Send a JPEG, PNG, HEIC or WebP image.")
    )


def open_photo(upload) -> Image.Image:
    """The upload opened lazily (only its header read), once its size in bytes and
    in pixels is within the limits; refused otherwise."""
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
    try:
        image = Image.open(upload, formats=OPEN_FORMATS)
    except Image.DecompressionBombError as error:
        raise too_many_pixels(max_pixels) from error
    except Exception as error:  # noqa: BLE001 - any parser failure is bad input
        raise not_a_photo() from error
    width, height = image.size
    if image.format not in ACCEPTED_FORMATS or width < 1 or height < 1:
        raise not_a_photo()
    allowed = max_pixels // DECODE_WEIGHT.get(image.format, 1)
    if width * height > allowed:
        raise too_many_pixels(allowed)
    return image


def too_many_pixels(allowed: int) -> PhotoError:
    return PhotoError(
        _("This photo has too many pixels (at most %(mp)d megapixels).")
        % {"mp": allowed // 1_000_000}
    )


def photo_pixels(upload) -> int:
    """Width × height from the header, after the per-photo checks; nothing decoded.
    (Not closed: closing a Pillow image closes the upload too.)"""
    width, height = open_photo(upload).size
    return width * height


def check_request_pixels(pixel_counts: Iterable[int]) -> None:
    """Refuse a report whose photos together would decode to too much."""
    budget = request_limit()
    if sum(pixel_counts) > budget:
        raise PhotoError(
            _(
                "These photos have too many pixels together (at most %(mp)d "
                "megapixels). Send fewer or smaller photos."
            )
            % {"mp": budget // 1_000_000}
        )


def clean_photo(upload) -> CleanPhoto:
    """Check and re-encode one upload (a Django UploadedFile or any binary file)."""
    image = open_photo(upload)
    try:
        # New images (made here, then pasted into): no EXIF, GPS, XMP, ICC profile
        # or comment of the upload's comes along.
        if image.format == "HEIF":
            planes = decode_heif_small(upload)
        else:
            planes = decode_small(image)
    except Exception as error:  # noqa: BLE001 - any decoder failure is bad input
        raise not_a_photo() from error
    finally:
        # Free the decoded pixels before the planes are merged and encoded (closing
        # would close the upload).
        del image
    small = planes.merged()
    del planes
    output = io.BytesIO()
    small.save(
        output,
        format="JPEG",
        quality=JPEG_QUALITY,
        optimize=True,
        subsampling="4:2:0",
    )
    return CleanPhoto(output.getvalue(), small.width, small.height)


@dataclass(frozen=True)
class Planes:
    """A cleaned photo as its JPEG will hold it: luma (Y) at full size, the two
    chroma channels (Cb, Cr) at half width and half height, averaged over each
    2 × 2 block as the JPEG encoder does for 4:2:0. That is 1.5 bytes a pixel where
    Pillow's RGB takes 4, so the cleaned photo costs little while the decoded
    upload is still held."""

    luma: Image.Image
    blue: Image.Image
    red: Image.Image

    @classmethod
    def new(cls, size: tuple[int, int]) -> "Planes":
        width, height = size
        half = ((width + 1) // 2, (height + 1) // 2)
        return cls(Image.new("L", size), Image.new("L", half), Image.new("L", half))

    def paste(self, band: Image.Image, top: int) -> None:
        """Put an RGB band in at row `top` (an even row)."""
        luma, blue, red = band.convert("YCbCr").split()
        self.luma.paste(luma, (0, top))
        self.blue.paste(blue.reduce(2), (0, top // 2))
        self.red.paste(red.reduce(2), (0, top // 2))

    def transpose(self, method: Image.Transpose) -> "Planes":
        return Planes(*(plane.transpose(method) for plane in self.channels))

    @property
    def channels(self) -> tuple[Image.Image, Image.Image, Image.Image]:
        return self.luma, self.blue, self.red

    def merged(self) -> Image.Image:
        """One YCbCr image to encode. Each chroma value is repeated over its 2 × 2
        block, so the encoder's own 4:2:0 averaging gives back exactly the planes'
        values."""
        width, height = self.luma.size
        box = (0, 0, width / 2, height / 2)
        blue, red = (
            plane.resize((width, height), Image.Resampling.NEAREST, box=box)
            for plane in (self.blue, self.red)
        )
        return Image.merge("YCbCr", (self.luma, blue, red))


def decode_small(image: Image.Image) -> Planes:
    """The first frame, upright, on white, at most MAX_SIDE on its long side."""
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    size = fitted(image.size, MAX_SIDE)
    # JPEG only: decode at 1/2, 1/4 or 1/8 scale when that still covers the size.
    image.draft("RGB", size)
    image.load()
    width = image.width
    planes = flatten_resized(
        lambda top, bottom: image.crop((0, top, width, bottom)), image.size, size
    )
    method = UPRIGHT.get(orientation)
    return planes.transpose(method) if method is not None else planes


def decode_heif_small(upload) -> Planes:
    """decode_small for HEIC/HEIF, without Pillow's copy of the decoded photo.

    Pillow's HEIF plugin copies libheif's decoded pixels into an image of its own
    (four bytes a pixel beside libheif's three): at 24.5 megapixels, 98 MB more.
    Here pillow_heif decodes the primary image (libheif has already turned it
    upright by the file's own rotation and mirroring, which take precedence over
    EXIF orientation, so that is not applied again) and each band is read
    straight from libheif's buffer, so only the band is copied. Embedded
    thumbnails are not used: a phone stores a few hundred pixels, far below
    MAX_SIDE.
    """
    heif = pillow_heif.open_heif(upload, convert_hdr_to_8bit=True)
    primary = heif[heif.primary_index]
    mode, stride, pixels = primary.mode, primary.stride, primary.data
    width, height = primary.size

    def rows(top: int, bottom: int) -> Image.Image:
        band = pixels[top * stride : bottom * stride]
        size = (width, bottom - top)
        return Image.frombuffer(mode, size, band, "raw", mode, stride, 1)

    return flatten_resized(rows, (width, height), fitted((width, height), MAX_SIDE))


def fitted(size: tuple[int, int], side: int) -> tuple[int, int]:
    """`size` scaled down (never up) to fit a side × side square."""
    width, height = size
    scale = min(1.0, side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def flatten_resized(
    rows: Callable[[int, int], Image.Image],
    full_size: tuple[int, int],
    size: tuple[int, int],
) -> Planes:
    """The photo on white at `size`, made a band of rows at a time.

    `rows(top, bottom)` gives those rows of the decoded photo (of `full_size`).
    Converting or resizing the whole of a decoded photo copies it once or twice more
    (Pillow premultiplies alpha into a full copy, and resizes in two passes through
    a full-height intermediate). Here only a band of source rows is copied at once;
    each band carries the rows around it that the Lanczos filter reads, and `box`
    tells `resize` which part of the band the output rows cover, so the result is
    the same as resizing the whole image.
    """
    width, height = full_size
    out_width, out_height = size
    scale = height / out_height
    margin = math.ceil(3 * max(scale, 1.0)) + 1  # Lanczos reads 3 × scale rows
    planes = Planes.new(size)
    for out_top in range(0, out_height, BAND_ROWS):
        out_bottom = min(out_height, out_top + BAND_ROWS)
        top, bottom = out_top * scale, out_bottom * scale
        crop_top = max(0, math.floor(top) - margin)
        crop_bottom = min(height, math.ceil(bottom) + margin)
        band = flatten(rows(crop_top, crop_bottom))
        if (width, height) != size:
            band = band.resize(
                (out_width, out_bottom - out_top),
                Image.Resampling.LANCZOS,
                box=(0, top - crop_top, width, bottom - crop_top),
            )
        planes.paste(band, out_top)
    return planes


def flatten(image: Image.Image) -> Image.Image:
    """RGB on white, whatever the mode (palette, alpha, greyscale, CMYK, 16-bit)."""
    if image.mode in ("RGBA", "RGBa", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    ):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode == "RGB":
        return image
    if image.mode == "I;16" or image.mode == "I":
        image = image.point(lambda value: value / 256).convert("L")
    return image.convert("RGB")
