"""Editors' image uploads in the Wagtail admin (issue 22): the base of Wagtail's image
form (WAGTAILIMAGES_IMAGE_FORM_BASE), used by the add, edit and multiple-upload views.

Wagtail's own file field measures an upload by decoding all of it with Willow, and a
decoder failure there (a truncated PNG, a GIF whose frames are cut off) is not a
validation error but a server error. The field here looks first, with Pillow alone:
the size in bytes, the header (Pillow's `Image.open` reads no pixels) against
WAGTAILIMAGES_MAX_IMAGE_PIXELS, then one decode of the first frame; whatever fails is
the field's error, in Wagtail's and Django's translated words. Only a file that passed
reaches Wagtail's checks and Willow.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

try:
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - installed with Wagtail
    pillow_heif = None

DEFAULT_MAX_PIXELS = 128_000_000  # Wagtail's default for WAGTAILIMAGES_MAX_IMAGE_PIXELS


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, after a check that cannot fail with a server error."""

    def to_python(self, data):
        if data not in self.empty_values:
            self.check_upload(data)
        return super().to_python(data)

    def check_upload(self, upload) -> None:
        size = getattr(upload, "size", None)
        if self.max_upload_size is not None and size and size > self.max_upload_size:
            raise ValidationError(
                self.error_messages["file_too_large"]
                % {
                    "file_size": filesizeformat(size),
                    "max_filesize": self.max_upload_size_text,
                },
                code="file_too_large",
            )
        max_pixels = getattr(
            settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", DEFAULT_MAX_PIXELS
        )
        try:
            upload.seek(0)
            image = Image.open(upload)
            width, height = image.size
        except Image.DecompressionBombError:
            raise self.too_many_pixels(_("unknown number"), max_pixels) from None
        except Exception as error:  # noqa: BLE001 - whatever Pillow cannot read
            raise self.invalid() from error
        if max_pixels is not None and width * height > max_pixels:
            raise self.too_many_pixels(width * height, max_pixels)
        try:
            # The first frame is what Wagtail decodes for every rendition.
            image.load()
        except Exception as error:  # noqa: BLE001 - a damaged or cut-off file
            raise self.invalid() from error
        finally:
            del image
            upload.seek(0)

    def too_many_pixels(self, count, max_pixels: int) -> ValidationError:
        return ValidationError(
            self.error_messages["file_too_many_pixels"]
            % {"num_pixels": count, "max_pixels_count": max_pixels},
            code="file_too_many_pixels",
        )

    def invalid(self) -> ValidationError:
        return ValidationError(
            self.error_messages["invalid_image"], code="invalid_image"
        )


class PortalImageForm(BaseImageForm):
    """Wagtail's image form with the checked file field (WAGTAILIMAGES_IMAGE_FORM_BASE).

    The field is swapped per form rather than declared: a declared field would come
    back into the multiple uploader's edit form, which leaves the file out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, CheckedImageField):
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )
