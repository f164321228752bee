"""Builders for report tests: a small station tree with a duty list, staff users
scoped to one community, photos with planted EXIF/GPS, form posts, and what a
refused admin request looks like."""

import io
import time
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from PIL import Image

from notices.models import AreaAssignment, CommunityPage
from participation.abuse import form_token
from participation.models import ApiKey
from participation.reports.categories import find_item
from participation.reports.submitting import submit_report
from participation.submissions import hash_token
from tests.factories import UserFactory
from tests.notices.list_builders import duty_list
from tests.notices.station_builders import small_tree

PLANTED_NAME = "李秘密"
PLANTED_PHONE = "13912345678"
PLANTED_EMAIL = "secret@example.org"


@dataclass
class World:
    site: object
    district: object
    subdistrict: object
    a: CommunityPage
    b: CommunityPage
    duties: object


def build_world(site) -> World:
    _index, district, sub, pages = small_tree(
        site, communities=2, staff_per_community=1, photos=False
    )
    duties = duty_list(site.home_zh)
    return World(site, district, sub, pages[0], pages[1], duties)


def make_report(community, code: str = "EH-01", **fields):
    values = {
        "description": "楼道里堆满了杂物,影响通行。",
        "location": "3号楼2单元",
        **fields,
    }
    return submit_report(community=community, item=find_item(code), **values)


def planted_report(community, **fields):
    """A report whose resident left a name, phone and e-mail, and wrote their name
    and phone into the description and the location too."""
    return make_report(
        community,
        name=PLANTED_NAME,
        phone=PLANTED_PHONE,
        email=PLANTED_EMAIL,
        consent=True,
        description=f"我是{PLANTED_NAME},电话{PLANTED_PHONE},楼道堆物。",
        location=f"{PLANTED_NAME}家门口",
        **fields,
    )


def api_key(raw: str) -> str:
    """A partner's Open311 key, stored as the site stores one; the raw key back."""
    ApiKey.objects.create(name="12345", prefix=raw[:8], key_hash=hash_token(raw))
    return raw


def staff_user(community=None, *perms: str, username: str | None = None):
    """A staff user assigned to `community` with the given participation perms."""
    extra = {"username": username} if username else {}
    user = UserFactory(is_staff=True, **extra)
    user.save()  # the factory sets the password without saving it
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    for codename in perms:
        user.user_permissions.add(
            Permission.objects.get(
                content_type__app_label="participation", codename=codename
            )
        )
    if community is not None:
        AreaAssignment.objects.create(user=user, area=community)
    return user


def denied(response) -> bool:
    """Wagtail answers a refused admin request by sending the user back to the
    dashboard with a message (or 403); never with the page or a success redirect."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def jpeg_with_gps(size=(64, 48), colour=(120, 160, 200)) -> bytes:
    """A JPEG carrying EXIF with a camera, an owner name and GPS coordinates."""
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x010F] = "PlantedCameraMaker"  # Make
    exif[0x013B] = PLANTED_NAME  # Artist
    gps = {1: "N", 2: (34.0, 15.0, 50.0), 3: "E", 4: (117.0, 11.0, 2.0)}
    exif[0x8825] = gps
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def png_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (10, 200, 30, 128)).save(buffer, format="PNG")
    return buffer.getvalue()


def old_token() -> str:
    """A form token issued a minute ago: past the minimum fill time."""
    return form_token(issued_at=time.time() - 60)


def form_data(world: World, **overrides) -> dict:
    return {
        "kind": "problem",
        "category": "EH-01",
        "community": str(world.a.pk),
        "location": "3号楼2单元",
        "description": "楼道里堆满了杂物,影响通行。",
        "allow_publication": "on",
        "name": "",
        "phone": "",
        "email": "",
        "form_token": old_token(),
        "website": "",
        **overrides,
    }
