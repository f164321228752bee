# ruff: noqa: E501  (bilingual demo prose, like */demo.py in pyproject.toml)
"""Demo merchants (all fictional, marked as demo): shops in several demo communities
with their shop-front duties (门前三包), a self-governance group as Taizhou's
merchants form them (商户自治联盟, with a pledge and head merchants), inspections that
give the shops their ratings, two model-merchant campaigns (one voting, one with its
results to confirm by participation's demo), and red and black ranking entries, one of
them already expired.

Idempotent: shops are found by licence number, groups, campaigns and entries by
name, inspections by shop and note. Dates are relative to the day it runs, so the
campaigns stay in their phases.
"""

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from notices.merchants.campaigns import Campaign
from notices.merchants.licence import check_character
from notices.merchants.models import (
    Inspection,
    InspectionResult,
    Merchant,
    MerchantGroup,
    Trade,
)
from notices.merchants.rankings import ListColour, ListingCategory, ListingEntry
from notices.stations.community import CommunityPage
from portal.demo import locales


def demo_licence(number: int) -> str:
    """A well-formed unified social credit code for demo shop `number`."""
    first17 = f"9232030{number:010d}"
    return first17 + check_character(first17)


# (number, name, trade, community, frontage duty, pledge days ago, contact, phone, lat, lng)
MERCHANTS = [
    (
        1,
        "滨湖路鲜果超市",
        Trade.GROCERY,
        "滨湖社区",
        "店门至路沿石，沿滨湖路东西各8米（演示）",
        300,
        "陈立新",
        "13900001001",
        "34.262100",
        "117.187200",
    ),
    (
        2,
        "淮海路便民餐馆",
        Trade.CATERING,
        "光明社区",
        "店门外人行道及西侧绿化带10米（演示）",
        280,
        "赵海燕",
        "13900001002",
        "34.259300",
        "117.191500",
    ),
    (
        3,
        "黄河北路五金店",
        Trade.REPAIR,
        "黄河社区",
        "店门至路沿石，东至公交站台（演示）",
        250,
        "孙国栋",
        "13900001003",
        "34.270400",
        "117.180200",
    ),
    (
        4,
        "幸福里早点铺",
        Trade.CATERING,
        "幸福社区",
        "店门外6米及早餐便民疏导点周边（演示）",
        200,
        "周秀英",
        "13900001004",
        "34.255000",
        "117.195000",
    ),
    (
        5,
        "光明洗衣店",
        Trade.SERVICES,
        "光明社区",
        "店门至路沿石，左右各5米（演示）",
        180,
        "吴志强",
        "13900001005",
        None,
        None,
    ),
    (
        6,
        "建国路水果摊档",
        Trade.GROCERY,
        "建国社区",
        "摊位外3米及背街小巷口（演示）",
        None,
        "郑文博",
        "13900001006",
        None,
        None,
    ),
]

GROUP = {
    "name": "淮海路商户自治联盟（演示）",
    "community": "光明社区",
    "charter": "沿街商户共同落实门前三包，不出店经营、不占道堆放，互相提醒，每月一次联合巡查。（演示数据）",
    "members": [2, 5],
    "heads": [2],
}

# (shop number, days ago, result, note)
INSPECTIONS = [
    (1, 20, InspectionResult.GOOD, "责任区干净，无店外摆放。（演示）"),
    (1, 50, InspectionResult.GOOD, "主动清扫人行道。（演示）"),
    (1, 80, InspectionResult.GOOD, "绿化带无垃圾。（演示）"),
    (2, 15, InspectionResult.GOOD, "油烟净化设备运行正常。（演示）"),
    (2, 45, InspectionResult.PASSED, "门前有少量餐具，已当场整改。（演示）"),
    (3, 30, InspectionResult.PASSED, "货物靠墙摆放，未占用盲道。（演示）"),
    (4, 10, InspectionResult.GOOD, "早餐时段结束后及时清理。（演示）"),
    (6, 12, InspectionResult.FAILED, "水果箱堆放在人行道，已要求限期整改。（演示）"),
]


def community(title: str) -> CommunityPage | None:
    zh, _en = locales()
    return CommunityPage.objects.filter(locale=zh, title=title).first()


def ensure_merchants() -> dict[int, Merchant]:
    today = timezone.localdate()
    shops = {}
    for (
        number,
        name,
        trade,
        where,
        duty,
        pledged,
        contact,
        phone,
        lat,
        lng,
    ) in MERCHANTS:
        page = community(where)
        if page is None:
            continue
        shop, _created = Merchant.objects.update_or_create(
            licence_number=demo_licence(number),
            defaults={
                "name": name,
                "trade": trade,
                "community": page,
                "address": f"{where}{name}门店（演示地址）",
                "latitude": lat,
                "longitude": lng,
                "frontage_duty": duty,
                "pledge_signed_on": today - dt.timedelta(days=pledged)
                if pledged
                else None,
                "contact_name": contact,
                "contact_phone": phone,
            },
        )
        shops[number] = shop
    return shops


def ensure_group(shops: dict[int, Merchant]) -> None:
    page = community(GROUP["community"])
    if page is None:
        return
    group, _created = MerchantGroup.objects.update_or_create(
        name=GROUP["name"],
        defaults={"community": page, "charter": GROUP["charter"]},
    )
    for number in GROUP["members"]:
        if number in shops:
            Merchant.objects.filter(pk=shops[number].pk).update(group=group)
    group.heads.set([shops[n] for n in GROUP["heads"] if n in shops])


def ensure_inspections(shops: dict[int, Merchant]) -> None:
    today = timezone.localdate()
    for number, days_ago, result, note in INSPECTIONS:
        if number not in shops:
            continue
        if Inspection.objects.filter(merchant=shops[number], notes=note).exists():
            continue
        Inspection.objects.create(
            merchant=shops[number],
            inspected_on=today - dt.timedelta(days=days_ago),
            result=result,
            notes=note,
        )


def ensure_campaigns() -> None:
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    page = community("光明社区")
    Campaign.objects.update_or_create(
        title="淮海街道“最美商户”评选（演示）",
        defaults={
            "title_en": "Huaihai Subdistrict model merchants (demo)",
            "criteria": "落实门前三包、不出店经营、垃圾分类到位、积极参与商户自治。（演示数据）",
            "criteria_en": "Keeps its shop-front duties, no goods outside the shop, "
            "sorts its waste, takes part in the merchants' self-governance. (demo)",
            "community": page,
            "nominations_open": today - 40 * day,
            "nominations_close": today - 20 * day,
            "voting_opens": today - 10 * day,
            "voting_closes": today + 10 * day,
        },
    )
    finished = Campaign.objects.filter(
        title="示范市上半年“最美商户”评选（演示）"
    ).first()
    if finished is None:
        Campaign.objects.create(
            title="示范市上半年“最美商户”评选（演示）",
            title_en="Demo City model merchants, first half of the year (demo)",
            criteria="门前三包常态化落实，居民满意度高。（演示数据）",
            criteria_en="Keeps its shop-front duties day in, day out; residents are "
            "pleased with it. (demo)",
            nominations_open=today - 150 * day,
            nominations_close=today - 120 * day,
            voting_opens=today - 110 * day,
            voting_closes=today - 90 * day,
        )


# (name zh, name en, colour, category, community, reason zh, reason en, start days ago, length in days)
LISTINGS = [
    (
        "滨湖路鲜果超市",
        "Binhu Road Fresh Fruit Market",
        ListColour.RED,
        ListingCategory.FRONTAGE,
        "滨湖社区",
        "主动清扫责任区，季度内未发现店外经营。（演示）",
        "Keeps its stretch of pavement clean unasked; no goods outside all quarter. (demo)",
        30,
        90,
    ),
    (
        "淮海路便民餐馆",
        "Huaihai Road Canteen",
        ListColour.RED,
        ListingCategory.FUMES,
        "光明社区",
        "加装油烟净化设备，周边投诉清零。（演示）",
        "Fitted a fume purifier; no more complaints from neighbours. (demo)",
        30,
        90,
    ),
    (
        "建国路水果摊档",
        "Jianguo Road Fruit Stall",
        ListColour.BLACK,
        ListingCategory.OUTSIDE,
        "建国社区",
        "水果箱多次堆放在人行道，须在30日内整改。（演示）",
        "Fruit crates left on the pavement again and again; must improve within 30 days. (demo)",
        12,
        60,
    ),
    (
        "黄河北路五金店",
        "Huanghe North Road Hardware",
        ListColour.BLACK,
        ListingCategory.OUTSIDE,
        "黄河社区",
        "上一季度店外摆放货物，已整改，期满撤榜。（演示）",
        "Goods outside the shop last quarter; put right, and off the list at the end of its period. (demo)",
        200,
        90,
    ),
]


def ensure_listings(shops: dict[int, Merchant]) -> None:
    today = timezone.localdate()
    by_name = {shop.name: shop for shop in shops.values()}
    for zh, en, colour, category, where, reason, reason_en, ago, length in LISTINGS:
        page = community(where)
        if page is None or ListingEntry.objects.filter(business_name=zh).exists():
            continue
        start = today - dt.timedelta(days=ago)
        ListingEntry.objects.create(
            business_name=zh,
            business_name_en=en,
            colour=colour,
            category=category,
            reason=reason,
            reason_en=reason_en,
            community=page,
            merchant=by_name.get(zh),
            decided_on=start,
            starts_on=start,
            ends_on=start + dt.timedelta(days=length),
            staff_note="演示数据：复查安排在下季度。",
            approved_at=timezone.now(),
        )


@transaction.atomic
def load(stdout_write: Callable[[str], None]) -> None:
    shops = ensure_merchants()
    ensure_group(shops)
    ensure_inspections(shops)
    ensure_campaigns()
    ensure_listings(shops)
    stdout_write(
        f"Merchants: {len(shops)} shops, {Campaign.objects.count()} campaigns, "
        f"{ListingEntry.objects.count()} ranking entries."
    )
