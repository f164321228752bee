"""Demo convenience map: a map page and some 120 points over the demo communities —
a public toilet in each, the rest stops the stations list as facilities, vending
points, e-bike parking, recycling, bulky-waste and drinking-water points.

Each point is placed a few hundred metres from its community's station, read when
the loader runs (the stations may be moved on the map after they were loaded), so
no absolute coordinate is written here. Idempotent: a point is found again by its
community, category and name."""

from collections.abc import Callable
from decimal import Decimal

from home.demo import add_quick_links, home_pages
from notices.convenience.models import Category, ConveniencePoint
from notices.convenience.pages import ConvenienceMapPage
from notices.demo.stations import english_name
from notices.stations.community import CommunityPage
from portal.demo import bilingual_child, locales, translate_snippet

QUICK_LINK_ZH = ("便民地图", "公厕、城管驿站、便民疏导点等便民点位")
QUICK_LINK_EN = ("Convenience map", "Public toilets, rest stops, vending points")

EVERY_DAY = ["1", "2", "3", "4", "5", "6", "7"]


def shift(opens: str, closes: str, days=EVERY_DAY) -> tuple:
    return ("shift", {"days": list(days), "opens": opens, "closes": closes})


def plans(number: int, community: CommunityPage) -> list[dict]:
    """What community number `number` gets: (category, Chinese and English name,
    offset from the station in 1/10000 degree, and the rest)."""
    stem = community.title.removesuffix("社区")
    stem_en = english_name(community.title).removesuffix(" Community")
    points = [
        {
            "category": Category.TOILET,
            "name": f"{stem}路公厕",
            "name_en": f"{stem_en} Road public toilet",
            "offset": (12, -9),
            "hours": [shift("05:30", "23:00")] if number % 3 else [],
            "open_all_day": number % 3 == 0,
            "accessibility": ["step_free", "accessible_toilet", "baby_changing"]
            if number % 2
            else ["step_free"],
        }
    ]
    if community.rest_stop_facilities:
        points.append(
            {
                "category": Category.REST_STOP,
                "name": f"{community.title}城管驿站",
                "name_en": f"{stem_en} rest stop",
                "offset": (2, 3),
                "hours": [shift("08:00", "20:00")],
                "facilities": list(community.rest_stop_facilities) + ["rest_area"],
                "accessibility": ["step_free", "seats"],
                "note": "户外劳动者可免费休息、饮水、加热饭菜（演示）",
                "note_en": "Outdoor workers may rest, drink and heat meals (demo)",
            }
        )
    elif number % 5 == 1:
        points.append(
            {
                "category": Category.REST_STOP,
                "name": f"{stem}爱心驿站",
                "name_en": f"{stem_en} caring rest stop",
                "offset": (-6, 8),
                "hours": [shift("09:00", "18:00", ["1", "2", "3", "4", "5"])],
                "facilities": ["water", "charging", "toilet", "rest_area"],
                "accessibility": ["step_free"],
            }
        )
    if number % 2 == 0:
        points.append(
            {
                "category": Category.VENDING,
                "name": f"{stem}早餐便民疏导点",
                "name_en": f"{stem_en} breakfast vending point",
                "offset": (-10, -4),
                "hours": [shift("06:00", "09:00")],
                "note": "仅限早餐摊点，9点后收摊（演示）",
                "note_en": "Breakfast stalls only, cleared by 9:00 (demo)",
            }
        )
    if number % 2 == 1:
        points.append(
            {
                "category": Category.BIKE_PARKING,
                "name": f"{stem}非机动车停放点",
                "name_en": f"{stem_en} e-bike parking",
                "offset": (7, 11),
                "open_all_day": True,
                "note": "设有集中充电桩，请勿飞线充电（演示）",
                "note_en": "Charging posts here: no charging cords from windows (demo)",
            }
        )
    if number % 3 == 1:
        points.append(
            {
                "category": Category.RECYCLING,
                "name": f"{stem}可回收物回收点",
                "name_en": f"{stem_en} recycling point",
                "offset": (-8, 12),
                "hours": [shift("08:00", "17:00", ["2", "4", "6"])],
            }
        )
    if number % 5 == 0:
        points.append(
            {
                "category": Category.BULKY_WASTE,
                "name": f"{stem}大件垃圾投放点",
                "name_en": f"{stem_en} bulky-waste point",
                "offset": (-12, -10),
                "hours": [shift("07:00", "19:00", ["6", "7"])],
                "note": "旧家具、床垫请在周末投放（演示）",
                "note_en": "Old furniture and mattresses at weekends (demo)",
            }
        )
    if number % 3 == 0:
        points.append(
            {
                "category": Category.DRINKING_WATER,
                "name": f"{stem}公园饮水点",
                "name_en": f"{stem_en} park drinking water",
                "offset": (9, -12),
                "hours": [shift("06:00", "22:00")],
                "accessibility": ["step_free"],
            }
        )
    return points


def load(stdout_write: Callable[[str], None]) -> None:
    """Idempotent: safe to run any number of times."""
    zh, en = locales()
    home_zh, home_en = home_pages()
    bilingual_child(
        home_zh,
        ConvenienceMapPage,
        "convenience-map",
        zh={
            "title": "便民地图",
            "intro": "查找身边的公厕、城管驿站、便民疏导点、非机动车停放点、回收点和"
            "饮水点。本页为演示数据。",
            "show_in_menus": True,
        },
        en={
            "title": "Convenience map",
            "intro": "Find public toilets, rest stops, vending points, e-bike parking, "
            "recycling and drinking water near you. Demo data.",
        },
    )
    communities = CommunityPage.objects.live().filter(locale=zh).order_by("path")
    for number, community in enumerate(communities, start=1):
        if community.latitude is None or community.longitude is None:
            continue
        for plan in plans(number, community):
            north, east = plan["offset"]
            point, created = ConveniencePoint.objects.get_or_create(
                locale=zh,
                community=community,
                category=plan["category"],
                name=plan["name"],
                defaults={
                    "latitude": community.latitude + Decimal(north) / 10000,
                    "longitude": community.longitude + Decimal(east) / 10000,
                    "address": f"{community.address.split('社区')[0]}附近",
                    "open_all_day": plan.get("open_all_day", False),
                    "hours": plan.get("hours", []),
                    "accessibility": plan.get("accessibility", []),
                    "facilities": plan.get("facilities", []),
                    "note": plan.get("note", ""),
                },
            )
            translate_snippet(
                point,
                en,
                name=plan["name_en"],
                address=f"Near {english_name(community.title)} station (demo)",
                note=plan.get("note_en", ""),
            )
    add_quick_links(
        (home_zh, home_en),
        "/convenience-map/",
        "station",
        QUICK_LINK_ZH,
        QUICK_LINK_EN,
    )
    stdout_write(
        f"Convenience map: {ConveniencePoint.objects.filter(locale=zh).count()} points."
    )
