"""Demo station directory: 3 districts, 8 subdistricts, 30 communities and 63 staff with
portraits drawn by Pillow (no downloads). The city, names and numbers are fictional."""

import datetime as dt
import io
import random
from collections.abc import Callable
from decimal import Decimal

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from pypinyin import lazy_pinyin
from wagtail.images import get_image_model

from home.demo import add_quick_links, home_pages
from notices.maps.tiling import demo_point
from notices.stations.community import CommunityPage, CommunityStaff
from notices.stations.pages import DistrictPage, StationIndexPage, SubdistrictPage
from notices.stations.pinyin import pinyin_slug
from notices.stations.staff import ServiceMode, Staff, StaffRole
from portal.demo import bilingual_child, locales, translate_page, translate_snippet

# District → subdistrict → communities (all fictional, in the demo city 示范市).
TREE = {
    "黄河区": {
        "黄河街道": ["黄河社区", "滨湖社区", "建国社区", "民主社区"],
        "淮海街道": ["光明社区", "和平社区", "幸福社区", "朝阳社区"],
        "彭城街道": ["解放社区", "复兴社区", "文化社区"],
    },
    "云龙区": {
        "云龙街道": ["新华社区", "工农社区", "友谊社区", "长安社区"],
        "大郭庄街道": ["青年社区", "育才社区", "花园社区"],
    },
    "泉山区": {
        "泉山街道": ["春晖社区", "东方社区", "南湖社区", "北苑社区"],
        "湖滨街道": ["西城社区", "翠屏社区", "金山社区", "银河社区"],
        "翟山街道": ["绿地社区", "永安社区", "云泉社区", "湖畔社区"],
    },
}


def demo_position(district: int, sub: int, number: int, name: str) -> dict:
    """The demo station's latitude and longitude, around Loudi (see
    notices/maps/tiling.py)."""
    lat, lng = demo_point(district, sub, number, name)
    return {"latitude": Decimal(f"{lat:.6f}"), "longitude": Decimal(f"{lng:.6f}")}


SUFFIX_EN = {"区": "District", "街道": "Subdistrict", "社区": "Community"}

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = [
    "建国", "晓明", "丽华", "志强", "海燕", "文博", "秀英", "国栋", "静怡", "立新",
    "春梅", "子涵", "宏伟", "雪梅", "俊杰", "玉兰", "浩然", "桂芳", "思远", "红霞",
]  # fmt: skip

TEAM = [
    (StaffRole.STATION_HEAD, ServiceMode.RESIDENT),
    (StaffRole.LAW_ENFORCEMENT, ServiceMode.RESIDENT),
    (StaffRole.LIAISON, ServiceMode.RESIDENT),
    (StaffRole.GRID_WORKER, ServiceMode.ROTATING),
    (StaffRole.SANITATION, ServiceMode.PATROL),
    (StaffRole.MUNICIPAL, ServiceMode.PATROL),
    (StaffRole.LANDSCAPING, ServiceMode.ROTATING),
]
UNITS = {
    StaffRole.STATION_HEAD: ("{sub}城管中队", "{sub_en} City Management Squad"),
    StaffRole.LAW_ENFORCEMENT: ("{sub}城管中队", "{sub_en} City Management Squad"),
    StaffRole.LIAISON: ("{community}居委会", "{community_en} Residents' Committee"),
    StaffRole.GRID_WORKER: ("{community}网格站", "{community_en} Grid Office"),
    StaffRole.SANITATION: ("{district}环卫所", "{district_en} Sanitation Office"),
    StaffRole.MUNICIPAL: ("{district}市政所", "{district_en} Municipal Works Office"),
    StaffRole.LANDSCAPING: ("{district}园林所", "{district_en} Parks Office"),
    StaffRole.BUREAU_LEADER: ("示范市城市管理局", "Demo City Urban Management Bureau"),
}
DUTIES = {
    StaffRole.STATION_HEAD: (
        "统筹工作站日常运行，接待居民来访，协调处置疑难问题。",
        "Runs the station, meets residents and coordinates difficult cases.",
    ),
    StaffRole.LAW_ENFORCEMENT: (
        "巡查占道经营、违法建设、飞线充电等问题，首违轻微以教育为主。",
        "Patrols for street vending, illegal building and e-bike charging "
        "cords; minor first violations get advice, not fines.",
    ),
    StaffRole.LIAISON: (
        "收集居民诉求，组织议事会，跟踪问题办理和回访。",
        "Collects residents' requests, organises roundtables and follows up.",
    ),
    StaffRole.GRID_WORKER: (
        "网格巡查，发现问题及时上报工作站。",
        "Walks the grid and reports problems to the station.",
    ),
    StaffRole.SANITATION: (
        "环境卫生、垃圾分类和清运问题的处置。",
        "Street cleaning, waste sorting and collection.",
    ),
    StaffRole.MUNICIPAL: (
        "道路、井盖、路灯等市政设施的报修与维护。",
        "Repairs of roads, manhole covers and street lights.",
    ),
    StaffRole.LANDSCAPING: (
        "绿化养护、树木修剪和绿地管护。",
        "Care of green spaces and tree pruning.",
    ),
    StaffRole.BUREAU_LEADER: (
        "挂点联系本区各社区工作站，督办重点问题。",
        "Bureau leader linked to the district's stations; oversees key cases.",
    ),
}

# The quick link on the home page: title and description in each language.
QUICK_LINK_ZH = ("找驻点", "查看本社区城管工作站和驻点人员")
QUICK_LINK_EN = ("Find my station", "Your community's station and staff")


def english_name(chinese: str) -> str:
    """'黄河社区' → 'Huanghe Community' (demo translations are made from pinyin)."""
    # Longest ending first: 社区 before 区.
    for suffix, english in sorted(SUFFIX_EN.items(), key=lambda kv: -len(kv[0])):
        if chinese.endswith(suffix):
            stem = "".join(lazy_pinyin(chinese[: -len(suffix)]))
            return f"{stem.capitalize()} {english}"
    return "".join(lazy_pinyin(chinese)).capitalize()


def person_name_en(chinese: str) -> str:
    syllables = lazy_pinyin(chinese)
    return f"{syllables[0].capitalize()} {''.join(syllables[1:]).capitalize()}"


def portrait(seed: int) -> bytes:
    """A friendly placeholder portrait: a head and shoulders on a coloured ground."""
    rng = random.Random(seed)  # noqa: S311  (demo pictures, not security)
    width, height = 240, 300
    ground = (rng.randint(170, 225), rng.randint(190, 230), rng.randint(200, 240))
    skin = rng.choice([(241, 204, 170), (224, 180, 140), (198, 150, 110)])
    hair = rng.choice([(30, 30, 30), (60, 40, 30), (90, 90, 90)])
    uniform = rng.choice([(11, 79, 138), (28, 60, 90), (40, 90, 60)])
    image = PILImage.new("RGB", (width, height), ground)
    draw = ImageDraw.Draw(image)
    draw.ellipse((30, 190, 210, 380), fill=uniform)
    draw.polygon([(105, 195), (120, 235), (135, 195)], fill=(245, 245, 245))
    draw.rectangle((106, 160, 134, 200), fill=skin)
    draw.ellipse((70, 60, 170, 180), fill=skin)
    draw.chord((66, 50, 174, 140), 180, 360, fill=hair)
    draw.ellipse((96, 112, 106, 122), fill=(40, 40, 40))
    draw.ellipse((134, 112, 144, 122), fill=(40, 40, 40))
    draw.arc((102, 135, 138, 160), 20, 160, fill=(150, 70, 60), width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def office_hours(index: int) -> list:
    shifts = [
        ("shift", {"days": ["1", "2", "3", "4", "5"], "opens": dt.time(8, 30),
                   "closes": dt.time(12, 0)}),
        ("shift", {"days": ["1", "2", "3", "4", "5"], "opens": dt.time(14, 0),
                   "closes": dt.time(17, 30)}),
    ]  # fmt: skip
    if index % 3 == 0:
        shifts.append(
            ("shift", {"days": ["6"], "opens": dt.time(9, 0), "closes": dt.time(12, 0)})
        )
    return shifts


def holiday(note: str) -> list:
    return [
        (
            "exception",
            {
                "start_date": dt.date(2026, 10, 1),
                "end_date": dt.date(2026, 10, 7),
                "closed": True,
                "opens": None,
                "closes": None,
                "note": note,
            },
        )
    ]


class StaffMaker:
    def __init__(self):
        self.zh, self.en = locales()
        self.number = 0
        self.images = get_image_model()

    def make(self, role: str, place: dict) -> Staff:
        self.number += 1
        code = f"DEMO-{self.number:03d}"
        existing = Staff.objects.filter(code=code, locale=self.zh).first()
        if existing is not None:
            return existing
        name = (
            SURNAMES[self.number % len(SURNAMES)]
            + GIVEN[(self.number * 7) % len(GIVEN)]
        )
        title = f"demo-portrait-{code}.jpg"
        photo = self.images.objects.filter(title=title).first()
        if photo is None:
            photo = self.images(
                title=title,
                file=ImageFile(io.BytesIO(portrait(self.number)), name=title),
            )
            photo._set_image_file_metadata()
            photo.save()
        unit_zh, unit_en = UNITS[role]
        duties_zh, duties_en = DUTIES[role]
        staff = Staff.objects.create(
            locale=self.zh,
            code=code,
            name=name,
            role=role,
            unit=unit_zh.format(**place),
            work_phone=f"0516-8{self.number:03d}{(self.number * 37) % 1000:03d}",
            duties=duties_zh,
            photo=photo,
        )
        translate_snippet(
            staff,
            self.en,
            name=person_name_en(name),
            unit=unit_en.format(**place),
            duties=duties_en,
        )
        return staff


@transaction.atomic
def load(stdout_write: Callable[[str], None]) -> None:
    """Idempotent: safe to run any number of times."""
    _zh, en = locales()
    home_zh, home_en = home_pages()
    index_zh, _index_en = bilingual_child(
        home_zh,
        StationIndexPage,
        "stations",
        zh={
            "title": "找驻点",
            "intro": "输入社区或街道名称（汉字、拼音或首字母均可），查看本社区城管工作站、"
            "驻点人员和联系电话。本页为演示数据。",
            "show_in_menus": True,
        },
        en={
            "title": "Find my station",
            "intro": "Type your community or street name (characters, pinyin or initials) "
            "to see its city-management station, staff and phones. Demo data.",
        },
    )
    maker = StaffMaker()
    community_number = 0
    for district_number, (district, subdistricts) in enumerate(TREE.items()):
        district_en = english_name(district)
        district_zh_page, _ = bilingual_child(
            index_zh,
            DistrictPage,
            pinyin_slug(district),
            zh={
                "title": district,
                "intro": f"{district}各街道社区城管工作站（演示）。",
            },
            en={
                "title": district_en,
                "intro": f"Community stations of {district_en} (demo).",
            },
        )
        leader = maker.make(
            StaffRole.BUREAU_LEADER, {"district": district, "district_en": district_en}
        )
        for sub_number, (sub, communities) in enumerate(subdistricts.items()):
            sub_en = english_name(sub)
            sub_zh_page, _ = bilingual_child(
                district_zh_page,
                SubdistrictPage,
                pinyin_slug(sub),
                zh={"title": sub},
                en={"title": sub_en},
            )
            for number_in_sub, community in enumerate(communities):
                community_number += 1
                community_en = english_name(community)
                place = {
                    "district": district,
                    "district_en": district_en,
                    "sub": sub,
                    "sub_en": sub_en,
                    "community": community,
                    "community_en": community_en,
                }
                slug = pinyin_slug(community)
                if sub_zh_page.get_children().filter(slug=slug).exists():
                    maker.number += 2
                    continue
                team = [
                    TEAM[(community_number + offset) % len(TEAM)] for offset in (0, 1)
                ]
                staff = [maker.make(role, place) for role, _mode in team]
                number = f"0516-8{community_number:02d}00{district_number}1"
                road = f"{community[:-2]}路{community_number * 3 + 1}号"
                page = CommunityPage(
                    slug=slug,
                    title=community,
                    station_name=f"{community}城管工作站",
                    address=f"示范市{district}{road}社区党群服务中心（演示）",
                    **demo_position(
                        district_number, sub_number, number_in_sub, community
                    ),
                    office_hours=office_hours(community_number),
                    hours_exceptions=holiday("国庆节休息"),
                    service_phones=[
                        ("phone", {"label": "值班电话", "number": number}),
                        ("phone", {"label": "服务热线", "number": "12319"}),
                    ],
                    households_served=1500 + community_number * 137,
                    team_model="1+N+X" if community_number % 2 else "1+2+3",
                    fixed_days=[2, 4] if community_number % 2 else [1, 3, 5],
                    fixed_days_note="每月不少于4天驻点，上午在站接待",
                    duty_summary="占道经营、违法建设、飞线充电、环境卫生、"
                    "市政设施损坏、绿化养护等问题，可到站反映或扫码反映。",
                    bureau_leader=leader,
                    rest_stop_facilities=(
                        ["water", "charging", "first_aid", "microwave"]
                        if community_number % 4 == 0
                        else []
                    ),
                    rest_stop_note="城管驿站对户外劳动者开放（演示）"
                    if community_number % 4 == 0
                    else "",
                )
                page.staff_links = [
                    CommunityStaff(
                        staff=member,
                        mode=mode,
                        days=[1, 2, 3, 4, 5]
                        if mode == ServiceMode.RESIDENT
                        else [2, 4],
                    )
                    for member, (_role, mode) in zip(staff, team, strict=True)
                ]
                sub_zh_page.add_child(instance=page)
                page.save_revision().publish()
                translate_page(
                    page,
                    en,
                    title=community_en,
                    station_name=f"{community_en} City Management Station",
                    address=f"{road} (demo), {district_en}, Demo City",
                    service_phones=[
                        ("phone", {"label": "Duty phone", "number": number}),
                        ("phone", {"label": "Service hotline", "number": "12319"}),
                    ],
                    hours_exceptions=holiday("National Day holiday"),
                    fixed_days_note="At least four days a month; mornings at the station",
                    duty_summary="Street vending, illegal building, e-bike charging "
                    "cords, sanitation, damaged facilities and green spaces: come to "
                    "the station or scan the code to report.",
                    rest_stop_note="Open to outdoor workers (demo)"
                    if community_number % 4 == 0
                    else "",
                )
    add_quick_links(
        (home_zh, home_en), "/stations/", "station", QUICK_LINK_ZH, QUICK_LINK_EN
    )
    stdout_write(
        f"Station directory: {CommunityPage.objects.filter(locale=_zh).count()} "
        f"communities, {Staff.objects.filter(locale=_zh).count()} staff."
    )
