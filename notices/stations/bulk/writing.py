"""Writing a checked plan: pages, staff and photos created or updated in one
transaction, and nothing touched when a row already says the same."""

import hashlib
import io
from decimal import Decimal

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from notices.stations.bulk.cells import (
    exceptions_from_page,
    hours_from_page,
    phones_from_page,
)
from notices.stations.bulk.checking import (
    CommunityRow,
    Plan,
    existing_community_keys,
)
from notices.stations.bulk.columns import (
    TEXT_COLUMNS,
    ImportReport,
)
from notices.stations.community import CommunityPage, CommunityStaff
from notices.stations.pages import DistrictPage, SubdistrictPage
from notices.stations.pinyin import pinyin_slug
from notices.stations.staff import Staff
from portal import search_index


def _unique_slug(parent: Page, name: str, taken: set[str]) -> str:
    base = pinyin_slug(name)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _publish(page: Page, user) -> Page:
    page.save_revision(user=user, clean=False, log_action=True).publish(
        user=user, skip_permission_checks=True
    )
    return page


class Writer:
    def __init__(self, plan: Plan, report: ImportReport, index: Page, user=None):
        self.dry_run = report.dry_run
        self.plan = plan
        self.report = report
        self.index = index
        self.user = user
        self.locale = index.locale
        self.staff: dict[str, Staff] = {}
        self.touched: list = []

    def write(self) -> None:
        # Wagtail re-indexes references on every save (a page saves three times when
        # published): index each written object once at the end instead.
        with disable_reference_index_auto_update():
            self.write_staff()
            self.write_pages()
        for instance in self.touched:
            ReferenceIndex.create_or_update_for_object(instance)
            if isinstance(instance, Page):
                search_index.reindex(instance)

    def write_staff(self) -> None:
        existing = {
            staff.code: staff
            for staff in Staff.objects.filter(locale=self.locale).select_related(
                "photo"
            )
        }
        image_model = get_image_model()
        images_by_hash: dict[str, object] = {}
        for code, row in self.plan.staff.items():
            staff = existing.get(code) or Staff(code=code, locale=self.locale)
            changed = staff.pk is None
            for name, value in row.values.items():
                if getattr(staff, name) != value:
                    setattr(staff, name, value)
                    changed = True
            if row.photo_data is not None:
                digest = hashlib.sha1(row.photo_data).hexdigest()  # noqa: S324
                if staff.photo is None or staff.photo.file_hash != digest:
                    image = images_by_hash.get(digest) or (
                        image_model.objects.filter(file_hash=digest).first()
                    )
                    if image is None and self.dry_run:
                        # A check must not leave files behind in media storage.
                        image = staff.photo
                    elif image is None:
                        image = image_model(
                            title=row.photo_name,
                            file=ImageFile(
                                io.BytesIO(row.photo_data), name=row.photo_name
                            ),
                        )
                        image._set_image_file_metadata()
                        image.save()
                    images_by_hash[digest] = image
                    staff.photo = image
                    changed = True
            elif not row.photo_name and staff.photo_id:
                staff.photo = None
                changed = True
            if changed:
                self.report.created["staff"] += staff.pk is None
                self.report.updated["staff"] += staff.pk is not None
                staff.full_clean(exclude=["translation_key", "locale", "photo"])
                if not self.dry_run:
                    staff.save()
                    self.touched.append(staff)
            else:
                self.report.unchanged["staff"] += 1
            self.staff[code] = staff
        missing = {
            row.staff_code
            for rows in self.plan.assignments.values()
            for row in rows
            if row.staff_code not in self.staff
        }
        for community in self.plan.communities.values():
            if community.values["bureau_leader"] not in self.staff:
                missing.add(community.values["bureau_leader"])
        for staff in Staff.objects.filter(locale=self.locale, code__in=missing):
            self.staff[staff.code] = staff

    def _area(self, parent: Page, model, title: str, cache: dict, kind: str) -> Page:
        key = (parent.pk or id(parent), title)
        if key in cache:
            return cache[key]
        page = None
        if parent.pk is not None:
            page = model.objects.child_of(parent).filter(title=title).first()
        if page is None:
            page = model(title=title)
            self.report.created[kind] += 1
            if not self.dry_run:
                taken = set(parent.get_children().values_list("slug", flat=True))
                page.slug = _unique_slug(parent, title, taken)
                self._create(parent, page)
        cache[key] = page
        return page

    def _create(self, parent: Page, page: Page) -> None:
        """Add a new live page in one save; its first revision comes with its first
        edit. (Publishing a revision per page would triple the time of a city-sized
        import.)"""
        page.first_published_at = page.last_published_at = timezone.now()
        parent.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=self.user)
        self.touched.append(page)

    def write_pages(self) -> None:
        areas: dict = {}
        slugs: dict[int, set[str]] = {}
        existing_keys = existing_community_keys(self.index)
        community_ids = set(existing_keys.values())
        pages = {
            page.pk: page
            for page in CommunityPage.objects.filter(
                pk__in=community_ids
            ).prefetch_related("staff_links")
        }
        keys = list(self.plan.communities) + [
            key for key in self.plan.assignments if key not in self.plan.communities
        ]
        for key in keys:
            district = self._area(self.index, DistrictPage, key[0], areas, "district")
            subdistrict = self._area(
                district, SubdistrictPage, key[1], areas, "subdistrict"
            )
            page = pages.get(existing_keys.get(key))
            row = self.plan.communities.get(key)
            if page is None:
                self.report.created["community"] += 1
                if self.dry_run:
                    continue
                taken = slugs.setdefault(
                    subdistrict.pk,
                    set(subdistrict.get_children().values_list("slug", flat=True)),
                )
                page = CommunityPage(
                    title=key[2], slug=_unique_slug(subdistrict, key[2], taken)
                )
                self._apply(page, row)
                self._apply_links(page, self.plan.assignments.get(key))
                self._create(subdistrict, page)
                continue
            changed = self._apply(page, row)
            changed |= self._apply_links(page, self.plan.assignments.get(key))
            if changed:
                if not self.dry_run:
                    self.touched.append(_publish(page, self.user))
                self.report.updated["community"] += 1
            else:
                self.report.unchanged["community"] += 1
        self.report.unchanged["district"] = (
            len({key[0] for key in keys}) - self.report.created["district"]
        )
        self.report.unchanged["subdistrict"] = (
            len({key[:2] for key in keys}) - self.report.created["subdistrict"]
        )

    def _apply(self, page: CommunityPage, row: CommunityRow | None) -> bool:
        if row is None:
            return False
        values = row.values
        changed = False
        plain = {
            name: values[name]
            for name in (
                *TEXT_COLUMNS,
                "households_served",
                "latitude",
                "longitude",
                "fixed_days",
                "rest_stop_facilities",
            )
        }
        for name, value in plain.items():
            current = getattr(page, name)
            if name in {"latitude", "longitude"} and current is not None:
                current = Decimal(current).quantize(Decimal("0.000001"))
            elif name in {"fixed_days", "rest_stop_facilities"}:
                current = sorted(current or [])  # a set: order is not a change
            if current != value:
                setattr(page, name, value)
                changed = True
        leader = self.staff.get(values["bureau_leader"])
        if (leader.pk if leader else None) != page.bureau_leader_id:
            page.bureau_leader = leader
            changed = True
        if hours_from_page(page.office_hours) != values["office_hours"]:
            page.office_hours = [
                (
                    "shift",
                    {
                        "days": [str(day) for day in days],
                        "opens": opens,
                        "closes": closes,
                    },
                )
                for days, opens, closes in values["office_hours"]
            ]
            changed = True
        if exceptions_from_page(page.hours_exceptions) != values["hours_exceptions"]:
            page.hours_exceptions = [
                (
                    "exception",
                    {
                        "start_date": start,
                        "end_date": end,
                        "closed": closed,
                        "opens": opens,
                        "closes": closes,
                        "note": note,
                    },
                )
                for start, end, closed, opens, closes, note in values[
                    "hours_exceptions"
                ]
            ]
            changed = True
        if phones_from_page(page.service_phones) != values["service_phones"]:
            page.service_phones = [
                ("phone", {"label": label, "number": number})
                for label, number in values["service_phones"]
            ]
            changed = True
        return changed

    def _apply_links(self, page: CommunityPage, rows: list | None) -> bool:
        if rows is None:
            return False
        wanted = [
            (self.staff[row.staff_code].pk, row.mode, list(row.days)) for row in rows
        ]
        current = [
            (link.staff_id, link.mode, list(link.days or []))
            for link in page.staff_links.all()
        ]
        if wanted == current and page.pk:
            return False
        page.staff_links = [
            CommunityStaff(staff_id=staff_id, mode=mode, days=days, sort_order=order)
            for order, (staff_id, mode, days) in enumerate(wanted)
        ]
        return True
