"""An inspection's photo, kept without what the camera wrote into it: the upload is
decoded, turned upright, scaled down and written again as a fresh JPEG under a
random name, so no EXIF, GPS position, camera serial or comment survives.

Residents' report photos go through participation/photos.py, which also bounds the
memory a huge upload may take; notices cannot import it (imports run participation →
notices), and staff photos of a shop front are few and taken by staff, so this keeps
to Pillow's own decompression-bomb limit and a size cap.
"""

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
LONGEST_SIDE = 1600


def stripped_photo(upload) -> ContentFile:
    """The upload as a clean JPEG, or a ValidationError saying why not."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("A photo may be at most 10 MB."))
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("This photo has too many pixels."))
            image.load()
            upright = ImageOps.exif_transpose(image).convert("RGB")
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds on a broken file
        raise ValidationError(
            _("This file is not a photo we can read (JPEG, PNG, WebP or HEIC).")
        ) from error
    upright.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    out = io.BytesIO()
    upright.save(out, format="JPEG", quality=85)  # no exif= given: none is written
    return ContentFile(out.getvalue(), name=f"{secrets.token_hex(16)}.jpg")
