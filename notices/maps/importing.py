"""Import of community boundaries from a GeoJSON FeatureCollection, in the admin
(views.py) or with `manage.py import_boundaries`: every feature is checked first and
nothing is written unless all of them are valid (like the station import).

A feature names its community in its properties: `community` (the name in the
site's default language, with `subdistrict` and `district` where two communities
share a name) or `id` (the community's id from the station directory). Its geometry
is a Polygon or MultiPolygon in WGS-84 degrees, [longitude, latitude]. Subdistricts'
and districts' boundaries are then joined from their communities'.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field

import shapely
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale, Page

from notices.maps.boundaries import AreaBoundary, AreaLevel
from notices.maps.geometry import as_geojson, check_geometry, city_box, overlaps
from notices.maps.tiling import join_parents
from portal.cache import content_changed

MAX_BYTES = 20 * 1024 * 1024
MAX_FEATURES = 5000


class BoundaryFileError(Exception):
    """The file as a whole cannot be read (its message is translated)."""


@dataclass
class FeatureError:
    feature: int  # 1-based, as a person counts them
    name: str
    message: str

    def __str__(self) -> str:
        return f"feature {self.feature} ({self.name}): {self.message}"


@dataclass
class BoundaryReport:
    dry_run: bool
    errors: list[FeatureError] = field(default_factory=list)
    communities: int = 0
    written: int = 0

    def summary(self) -> str:
        if self.dry_run:
            return ngettext(
                "%(count)d community boundary checked: all valid.",
                "%(count)d community boundaries checked: all valid.",
                self.communities,
            ) % {"count": self.communities}
        return ngettext(
            "%(count)d community boundary imported; subdistricts and districts "
            "joined from them.",
            "%(count)d community boundaries imported; subdistricts and districts "
            "joined from them.",
            self.communities,
        ) % {"count": self.communities}


def read_collection(data: bytes) -> list:
    """The features of a GeoJSON FeatureCollection, or BoundaryFileError."""
    if len(data) > MAX_BYTES:
        raise BoundaryFileError(_("The file is larger than 20 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BoundaryFileError(
            _("The file is not UTF-8 text: save the GeoJSON as UTF-8.")
        ) from error
    try:
        collection = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise BoundaryFileError(
            _("The file is not valid JSON (line %(line)s): check that it is GeoJSON.")
            % {"line": getattr(error, "lineno", "?")}
        ) from error
    kind = collection.get("type") if isinstance(collection, dict) else None
    if kind != "FeatureCollection":
        raise BoundaryFileError(
            _("The file must be a GeoJSON FeatureCollection of community boundaries.")
        )
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise BoundaryFileError(_("The FeatureCollection has no features."))
    if len(features) > MAX_FEATURES:
        raise BoundaryFileError(
            _("The file has more than %(max)d features.") % {"max": MAX_FEATURES}
        )
    return features


class _Directory:
    """The default language's communities, found by name or id."""

    def __init__(self):
        from notices.stations.community import CommunityPage
        from notices.stations.pages import DistrictPage, SubdistrictPage

        default = Locale.get_default()
        self.communities = list(
            CommunityPage.objects.filter(locale=default)
            .order_by("path")
            .only("pk", "title", "path", "translation_key", "latitude", "longitude")
        )
        self.levels = {
            level: {
                page.path: page.title
                for page in model.objects.filter(locale=default).only("path", "title")
            }
            for level, model in (
                ("district", DistrictPage),
                ("subdistrict", SubdistrictPage),
            )
        }
        self.titles = {**self.levels["district"], **self.levels["subdistrict"]}
        self.by_name = defaultdict(list)
        self.by_id = {}
        self.place = {}
        for community in self.communities:
            self.by_name[community.title.strip()].append(community)
            self.by_id[community.pk] = community
            self.place[community.pk] = {
                self.titles.get(community.path[:end], "")
                for end in range(Page.steplen, len(community.path), Page.steplen)
            } - {""}

    def find(self, properties: dict):
        """(community, None) or (None, message)."""
        raw_id = properties.get("id")
        if raw_id not in (None, ""):
            try:
                community = self.by_id.get(int(str(raw_id).strip()))
            except ValueError:
                community = None
            if community is None:
                return None, _(
                    "No community has the id %(id)s in the station directory."
                ) % {"id": str(raw_id)[:20]}
            return community, None
        name = str(properties.get("community") or "").strip()
        if not name:
            return None, _(
                "Name the community in the feature's properties: “community” (its "
                "name) or “id”."
            )
        found = self.by_name.get(name, [])
        for key in ("subdistrict", "district"):
            wanted = str(properties.get(key) or "").strip()
            if wanted:
                found = [c for c in found if wanted in self.place[c.pk]]
        if not found:
            return None, _(
                "No community named %(name)s in the station directory (or not in the "
                "subdistrict or district given)."
            ) % {"name": name[:60]}
        if len(found) > 1:
            return None, _(
                "%(count)d communities are named %(name)s: add “subdistrict” to tell "
                "them apart."
            ) % {"count": len(found), "name": name[:60]}
        return found[0], None


def _label(properties: dict) -> str:
    return str(properties.get("community") or properties.get("id") or "")[:60]


def check_features(features: list, directory: _Directory):
    """[(community, shape)] and the errors of every feature."""
    errors: list[FeatureError] = []
    city = city_box(
        (float(c.longitude), float(c.latitude))
        for c in directory.communities
        if c.latitude is not None and c.longitude is not None
    )
    accepted = []
    seen: dict[int, int] = {}
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            errors.append(FeatureError(number, "", _("This is not a GeoJSON Feature.")))
            continue
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            properties = {}
        label = _label(properties)
        community, problem = directory.find(properties)
        if problem:
            errors.append(FeatureError(number, label, problem))
        elif community.pk in seen:
            errors.append(
                FeatureError(
                    number,
                    label,
                    _("%(name)s already has a boundary in feature %(first)d.")
                    % {"name": community.title, "first": seen[community.pk]},
                )
            )
            community = None
        area, problem = check_geometry(feature.get("geometry"), city)
        if problem:
            errors.append(FeatureError(number, label, problem))
        if community is not None and area is not None:
            seen[community.pk] = number
            accepted.append((number, community, area))
    if errors:
        return accepted, errors
    # Overlaps, with each other and with the boundaries the file leaves in place.
    named = {community.translation_key for _n, community, _a in accepted}
    kept = [
        (row.area_key, shapely.geometry.shape(row.geometry))
        for row in AreaBoundary.objects.filter(level=AreaLevel.COMMUNITY).exclude(
            area_key__in=named
        )
    ]
    titles = {c.translation_key: c.title for c in directory.communities}
    shapes = [area for _n, _c, area in accepted] + [area for _k, area in kept]
    for i, j, share in overlaps(shapes):
        if j < len(accepted):  # two features: the later one is told
            number, community, _area = accepted[j]
            other = accepted[i][1].title
        else:  # a feature and a boundary already imported
            number, community, _area = accepted[i]
            other = titles.get(kept[j - len(accepted)][0], "?")
        errors.append(
            FeatureError(
                number,
                community.title,
                _(
                    "The boundary overlaps %(other)s's by %(share)s of the smaller "
                    "one: neighbours may share an edge, not an area."
                )
                % {"other": other, "share": f"{share:.1%}"},
            )
        )
    return accepted, errors


def export_collection() -> bytes:
    """Every community boundary as a FeatureCollection in the import's format (it
    imports back unchanged, so it is the best template to edit)."""
    directory = _Directory()
    rows = dict(
        AreaBoundary.objects.filter(level=AreaLevel.COMMUNITY).values_list(
            "area_key", "geometry"
        )
    )
    features = []
    for community in directory.communities:
        geometry = rows.get(community.translation_key)
        if geometry is None:
            continue
        properties = {"id": community.pk, "community": community.title}
        for level, titles in directory.levels.items():
            for end in range(Page.steplen, len(community.path), Page.steplen):
                if community.path[:end] in titles:
                    properties[level] = titles[community.path[:end]]
        features.append(
            {"type": "Feature", "properties": properties, "geometry": geometry}
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False).encode()


def import_collection(data: bytes, dry_run: bool = False) -> BoundaryReport:
    """Check every feature of a GeoJSON file, then write all of them or nothing.
    Raises BoundaryFileError when the file itself cannot be read."""
    from notices.stations.pages import DistrictPage, SubdistrictPage

    features = read_collection(data)
    directory = _Directory()
    accepted, errors = check_features(features, directory)
    report = BoundaryReport(dry_run=dry_run, errors=errors)
    report.communities = len(accepted)
    if errors or dry_run:
        return report
    with transaction.atomic():
        for _number, community, area in accepted:
            AreaBoundary.objects.update_or_create(
                area_key=community.translation_key,
                defaults={
                    "level": AreaLevel.COMMUNITY,
                    "geometry": as_geojson(area),
                    "derived": False,
                },
            )
            report.written += 1
        rows = dict(
            AreaBoundary.objects.filter(level=AreaLevel.COMMUNITY).values_list(
                "area_key", "geometry"
            )
        )
        bounded = [
            (c.path, c.translation_key)
            for c in directory.communities
            if c.translation_key in rows
        ]
        shapes = {key: shapely.geometry.shape(rows[key]) for _p, key in bounded}
        report.written += join_parents(bounded, shapes, [DistrictPage, SubdistrictPage])
        content_changed()
    return report
