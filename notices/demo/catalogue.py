"""Demo lenient-enforcement catalogue in the spirit of Ganzhou's: three batches, 35
items, bilingual, marked as demo content. Published twice, so the "what changed" page
has a story: the third batch adds 11 items, changes 2 and repeals 1."""

from collections.abc import Callable
from datetime import date

from django.db import transaction

from home.demo import add_quick_links, home_pages
from notices.lists.catalogue import (
    CatalogueBatch,
    CatalogueCategory,
    LenientCataloguePage,
    LenientItem,
    RepealedLaw,
)
from notices.lists.legal_review import ensure_legal_review_workflow
from portal.demo import (
    Memory,
    english_strings,
    locales,
    publish,
    shadow_copy,
    sync_translation,
)

SLUG = "lenient-catalogue"

PAGE = {
    "zh": {
        "title": "轻微违法包容清单",
        "intro": "首次违法、危害轻微并及时改正的，以教育代替处罚。清单分批发布，每项写明依据、条件和处理方式。",
    },
    "en": {
        "title": "Lenient-enforcement catalogue",
        "intro": "Minor first-time violations corrected in time get education instead of a penalty. Published in batches; each item gives its legal basis, conditions and what happens instead.",
    },
}

BATCHES = [
    (
        "B1",
        "第一批",
        "First batch",
        "示城管规〔2023〕3号",
        date(2023, 6, 15),
        date(2023, 7, 1),
    ),
    (
        "B2",
        "第二批",
        "Second batch",
        "示城管规〔2024〕5号",
        date(2024, 5, 20),
        date(2024, 6, 1),
    ),
    (
        "B3",
        "第三批",
        "Third batch",
        "示城管规〔2025〕8号",
        date(2025, 8, 15),
        date(2025, 9, 1),
    ),
]
DOCUMENT = (
    "《示范市城市管理领域轻微违法行为包容审慎监管清单（{zh}）》",
    "Demo City list of minor city-management violations handled leniently ({en})",
)

CATEGORIES = [
    ("MR", "市容环境卫生", "City appearance and sanitation"),
    ("GH", "城乡规划", "Planning"),
    ("YL", "园林绿化", "Green spaces"),
    ("SZ", "市政公用", "Roads and utilities"),
    ("HB", "环境保护", "Environment"),
]

LAWS = {
    "A": (
        "《城市市容和环境卫生管理条例》",
        "Regulations on City Appearance and Environmental Sanitation",
    ),
    "L": (
        "《示范市市容和环境卫生管理条例》",
        "Demo City Regulations on City Appearance and Sanitation",
    ),
    "OLD": ("《示范市城市市容管理办法》", "Demo City Measures on City Appearance"),
    "G": ("《城市绿化条例》", "Urban Greening Regulations"),
    "R": ("《城市道路管理条例》", "Urban Road Regulations"),
    "C": ("《城市建筑垃圾管理规定》", "Provisions on Urban Construction Waste"),
    "P": (
        "《中华人民共和国大气污染防治法》",
        "Air Pollution Prevention and Control Law",
    ),
    "N": (
        "《中华人民共和国噪声污染防治法》",
        "Noise Pollution Prevention and Control Law",
    ),
    "U": ("《中华人民共和国城乡规划法》", "Urban and Rural Planning Law"),
}
OLD_LAW_REPEALED = date(2024, 3, 1)

CONDITIONS = {
    "C1": (
        "首次违法，危害后果轻微，并在责令期限内改正。",
        "First offence, minor harm, corrected within the set time.",
    ),
    "C2": (
        "首次违法，未造成不良影响，当场改正。",
        "First offence, no harm done, corrected on the spot.",
    ),
    "C3": (
        "违法行为轻微，及时改正，没有造成危害后果。",
        "Minor, corrected in time, no harm done.",
    ),
    "C4": (
        "首次违法，当事人自愿参加城市管理公益服务。",
        "First offence; the person volunteers for city-management public service.",
    ),
    "C5": (
        "违法事实清楚、情节轻微，当事人无异议。",
        "Facts clear, minor, and not disputed.",
    ),
}
MEASURES = {
    "M1": (
        "教育劝导，责令限期改正，不予行政处罚。",
        "Education and an order to correct by a deadline; no penalty.",
    ),
    "M2": (
        "当场教育，责令立即改正，不予行政处罚。",
        "Education on the spot and an order to correct at once; no penalty.",
    ),
    "M3": (
        "参加不少于4小时城市管理公益服务的，可不予罚款或减轻罚款。",
        "At least 4 hours of city-management public service instead of the fine, or to reduce it.",
    ),
    "M4": (
        "适用简易程序，当场处以法定最低额罚款。",
        "Summary procedure: the lowest statutory fine, on the spot.",
    ),
}
SCOPE = (
    "示范市城市管理综合执法范围",
    "Demo City, where city-management enforcement applies",
)

KINDS = {
    "F": "no_fine_first",
    "E": "minor_exempt",
    "S": "service_in_lieu",
    "Q": "fast_minor",
}

# number, batch, category, type, law, article, corrected within (days), conditions,
# measure, violation (zh, en)
ITEMS = [
    (
        "01",
        "B1",
        "MR",
        "F",
        "A",
        14,
        3,
        "C1",
        "M1",
        "店外经营、占道摆放商品",
        "Goods placed outside the shop front",
    ),
    (
        "02",
        "B1",
        "MR",
        "F",
        "L",
        22,
        None,
        "C2",
        "M2",
        "在街道两侧临时晾晒衣物",
        "Clothes hung to dry along the street",
    ),
    (
        "03",
        "B1",
        "MR",
        "F",
        "A",
        17,
        3,
        "C1",
        "M1",
        "在树木、电杆上张贴小广告",
        "Flyers posted on trees and poles",
    ),
    (
        "04",
        "B1",
        "MR",
        "F",
        "L",
        26,
        1,
        "C1",
        "M1",
        "未按门前三包要求设置垃圾收集容器",
        "No bin put out under the shop-front duties",
    ),
    (
        "05",
        "B1",
        "MR",
        "E",
        "A",
        11,
        7,
        "C3",
        "M1",
        "店招标牌破损未及时维修",
        "Damaged shop sign not repaired",
    ),
    (
        "06",
        "B1",
        "GH",
        "F",
        "U",
        64,
        15,
        "C1",
        "M1",
        "在自家院内搭建临时遮阳棚，未占用公共空间",
        "Temporary sunshade in one's own yard, not on public space",
    ),
    (
        "07",
        "B1",
        "YL",
        "F",
        "G",
        20,
        3,
        "C1",
        "M1",
        "在公共绿地内晾晒、堆放杂物",
        "Things dried or stored on public green space",
    ),
    (
        "08",
        "B1",
        "YL",
        "E",
        "G",
        26,
        None,
        "C3",
        "M2",
        "攀折花木、踩踏草坪，情节轻微",
        "Picking flowers or trampling lawns, minor",
    ),
    (
        "09",
        "B1",
        "SZ",
        "F",
        "R",
        27,
        1,
        "C1",
        "M1",
        "在人行道上临时堆放少量物料",
        "Small amounts of material left on the pavement",
    ),
    (
        "10",
        "B1",
        "SZ",
        "E",
        "R",
        31,
        3,
        "C3",
        "M1",
        "临时占用道路超出批准范围，未影响通行",
        "Temporary road use beyond the permit, not blocking traffic",
    ),
    (
        "11",
        "B1",
        "HB",
        "F",
        "P",
        81,
        15,
        "C1",
        "M1",
        "餐饮油烟净化设施未正常使用，首次被发现",
        "Restaurant fume filter not in use, first time found",
    ),
    (
        "12",
        "B1",
        "MR",
        "F",
        "OLD",
        12,
        3,
        "C1",
        "M1",
        "门头灯箱亮化不完整",
        "Shop light box partly unlit",
    ),
    (
        "13",
        "B2",
        "MR",
        "F",
        "L",
        14,
        3,
        "C1",
        "M1",
        "门头灯箱亮化不完整",
        "Shop light box partly unlit",
    ),
    (
        "14",
        "B2",
        "MR",
        "S",
        "L",
        24,
        None,
        "C4",
        "M3",
        "乱扔垃圾、随地吐痰",
        "Littering and spitting",
    ),
    (
        "15",
        "B2",
        "MR",
        "S",
        "A",
        17,
        None,
        "C4",
        "M3",
        "在建筑物、设施上涂写、刻画",
        "Writing or carving on buildings and facilities",
    ),
    (
        "16",
        "B2",
        "MR",
        "Q",
        "L",
        22,
        None,
        "C5",
        "M4",
        "车辆运输散体物料沿途泄漏，情节轻微",
        "Loose load spilled from a vehicle, minor",
    ),
    (
        "17",
        "B2",
        "MR",
        "F",
        "C",
        20,
        3,
        "C1",
        "M1",
        "装修垃圾未按规定时间、地点投放",
        "Renovation waste left at the wrong time or place",
    ),
    (
        "18",
        "B2",
        "GH",
        "E",
        "U",
        66,
        7,
        "C3",
        "M1",
        "临时建筑超过批准期限，已在限期内拆除",
        "Temporary building kept past its permit, removed by the deadline",
    ),
    (
        "19",
        "B2",
        "YL",
        "F",
        "G",
        27,
        3,
        "C1",
        "M1",
        "在树木上悬挂、缠绕物品",
        "Things hung or wound on trees",
    ),
    (
        "20",
        "B2",
        "YL",
        "S",
        "G",
        26,
        None,
        "C4",
        "M3",
        "损坏绿地设施，情节轻微并已赔偿",
        "Minor damage to park fittings, paid for",
    ),
    (
        "21",
        "B2",
        "SZ",
        "F",
        "R",
        30,
        1,
        "C1",
        "M1",
        "在道路上摆放障碍物占用停车位",
        "Objects put out to hold parking spaces",
    ),
    (
        "22",
        "B2",
        "SZ",
        "Q",
        "R",
        42,
        None,
        "C5",
        "M4",
        "在城市道路上洗车、修车，情节轻微",
        "Washing or repairing cars on the street, minor",
    ),
    (
        "23",
        "B2",
        "HB",
        "F",
        "N",
        65,
        1,
        "C1",
        "M1",
        "商业经营使用音响招揽顾客，音量过大",
        "Loudspeakers used to draw customers, too loud",
    ),
    (
        "24",
        "B2",
        "HB",
        "E",
        "P",
        118,
        7,
        "C3",
        "M1",
        "露天烧烤未使用清洁能源，首次被发现",
        "Open-air barbecue without clean fuel, first time found",
    ),
    (
        "25",
        "B3",
        "MR",
        "F",
        "L",
        15,
        3,
        "C1",
        "M1",
        "沿街阳台外吊挂、晾晒物品",
        "Things hung from street-facing balconies",
    ),
    (
        "26",
        "B3",
        "MR",
        "F",
        "L",
        23,
        None,
        "C2",
        "M2",
        "早餐摊点超出划定区域经营",
        "Breakfast stall outside its marked zone",
    ),
    (
        "27",
        "B3",
        "MR",
        "E",
        "L",
        11,
        7,
        "C3",
        "M1",
        "店招标牌破损，已在限期内维修",
        "Damaged shop sign repaired by the deadline",
    ),
    (
        "28",
        "B3",
        "MR",
        "S",
        "L",
        24,
        None,
        "C4",
        "M3",
        "随意倾倒生活垃圾，情节轻微",
        "Household waste dumped, minor",
    ),
    (
        "29",
        "B3",
        "MR",
        "Q",
        "C",
        23,
        None,
        "C5",
        "M4",
        "建筑垃圾运输车辆未密闭，情节轻微",
        "Construction-waste lorry not covered, minor",
    ),
    (
        "30",
        "B3",
        "GH",
        "F",
        "U",
        64,
        15,
        "C1",
        "M1",
        "楼顶搭建简易花架，未影响结构安全",
        "Simple rooftop flower frame, no risk to the structure",
    ),
    (
        "31",
        "B3",
        "YL",
        "F",
        "G",
        20,
        3,
        "C1",
        "M1",
        "在公共绿地内种菜",
        "Vegetables grown on public green space",
    ),
    (
        "32",
        "B3",
        "SZ",
        "F",
        "R",
        27,
        1,
        "C1",
        "M1",
        "从楼上私拉电线给电动车充电",
        "E-bike charging cords hung from flats",
    ),
    (
        "33",
        "B3",
        "SZ",
        "E",
        "R",
        29,
        3,
        "C3",
        "M1",
        "挖掘道路后未及时恢复，已在限期内恢复",
        "Road dug up and not restored in time, restored by the deadline",
    ),
    (
        "34",
        "B3",
        "HB",
        "F",
        "N",
        66,
        1,
        "C1",
        "M1",
        "在休息时间进行室内装修施工，首次被投诉",
        "Renovation noise in rest hours, first complaint",
    ),
    (
        "35",
        "B3",
        "HB",
        "E",
        "P",
        81,
        7,
        "C3",
        "M1",
        "油烟净化设施未按期清洗，已及时清洗",
        "Fume filter not cleaned on time, cleaned promptly",
    ),
]

# Item 12 cites measures repealed in March 2024 and went with them (item 13 took
# over); the third batch repeals item 5 (item 27 takes over) and changes 3 and 14.
REPEALS = {
    "12": (
        OLD_LAW_REPEALED,
        (
            "所依据的办法已废止，由第13项替代。",
            "Its legal basis was repealed; replaced by item 13.",
        ),
    ),
    "05": (
        date(2025, 9, 1),
        ("由第三批第27项替代。", "Replaced by item 27 of the third batch."),
    ),
}
FIRST_VERSION = {
    "03": {"correction_days": 3},
    "14": {"scope": ("城市主次干道", "Main roads")},
}
SECOND_VERSION = {
    "03": {"correction_days": 1},
}

DIGITS = "零一二三四五六七八九"

# The quick link on the home page: title and description in each language.
QUICK_LINK_ZH = ("包容清单", "哪些轻微违法首次不罚")
QUICK_LINK_EN = ("Lenient catalogue", "Minor first-time violations that are not fined")


def chinese_number(n: int) -> str:
    """1-199 in Chinese numerals, as article numbers are written (第一百一十八条)."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = f"{DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    if ones:
        text += DIGITS[ones]
    return text


def article(n: int, zh: bool) -> str:
    return f"第{chinese_number(n)}条" if zh else f"Art. {n}"


def build(page: LenientCataloguePage, language: str, version: int) -> None:
    """Set the page's rows in `language` as they stood in demo version 1 or 2."""
    zh = language == "zh"
    pick = 0 if zh else 1
    batches = BATCHES if version == 2 else BATCHES[:2]
    page.batches = [
        CatalogueBatch(
            code=code,
            title=title_zh if zh else title_en,
            document_title=DOCUMENT[pick].format(zh=title_zh, en=title_en.lower()),
            document_number=number,
            issued_on=issued,
            effective_from=effective,
            sort_order=n,
        )
        for n, (code, title_zh, title_en, number, issued, effective) in enumerate(
            batches
        )
    ]
    page.categories = [
        CatalogueCategory(code=code, name=(zh_name, en_name)[pick], sort_order=n)
        for n, (code, zh_name, en_name) in enumerate(CATEGORIES)
    ]
    page.repealed_laws = [
        RepealedLaw(
            name=LAWS["OLD"][pick],
            repealed_on=OLD_LAW_REPEALED,
            replaced_by=LAWS["L"][pick],
            sort_order=0,
        )
    ]
    items = []
    codes = {code for code, *_rest in batches}
    overrides = FIRST_VERSION if version == 1 else SECOND_VERSION
    for n, row in enumerate(ITEMS):
        (
            number,
            batch,
            category,
            kind,
            law,
            art,
            days,
            cond,
            measure,
            zh_text,
            en_text,
        ) = row
        if batch not in codes:
            continue
        values = {"correction_days": days, "scope": SCOPE[pick]}
        for name, value in overrides.get(number, {}).items():
            values[name] = value[pick] if isinstance(value, tuple) else value
        repeal = REPEALS.get(number)
        if repeal and (number == "12" or version == 2):
            values["repealed_on"] = repeal[0]
            values["repeal_note"] = repeal[1][pick]
        items.append(
            LenientItem(
                number=number,
                batch=batch,
                category=category,
                violation=zh_text if zh else en_text,
                law=LAWS[law][pick],
                article=article(art, zh),
                conditions=CONDITIONS[cond][pick],
                measure=MEASURES[measure][pick],
                kind=KINDS[kind],
                sort_order=n,
                **values,
            )
        )
    page.items = items


RELATIONS = {
    "batches": "code",
    "categories": "code",
    "repealed_laws": "repealed_on",
    "items": "number",
}


def build_translation(source: LenientCataloguePage, translated, version: int) -> None:
    """The English rows, each keeping the translation key of its Chinese row."""
    build(translated, "en", version)
    for relation, key in RELATIONS.items():
        keys = {
            getattr(row, key): row.translation_key
            for row in getattr(source, relation).all()
        }
        for row in getattr(translated, relation).all():
            if getattr(row, key) in keys:
                row.translation_key = keys[getattr(row, key)]


def english_memory(page: LenientCataloguePage, version: int) -> Memory:
    """The English of every segment of the Chinese page as it stands at `version`."""
    english = shadow_copy(page)
    for name, value in PAGE["en"].items():
        setattr(english, name, value)
    build_translation(page, english, version)
    return english_strings(page, english)


@transaction.atomic
def load(stdout_write: Callable[[str], None]) -> None:
    """Idempotent: safe to run any number of times. The English catalogue is the
    Chinese one's wagtail-localize translation, synchronised after each of its two
    versions as an editor would, so both tell the same story of changes."""
    _zh, en = locales()
    home_zh, home_en = home_pages()
    page = home_zh.get_children().filter(slug=SLUG).first()
    if page is None:
        page = LenientCataloguePage(
            slug=SLUG, show_in_menus=True, is_demo=True, **PAGE["zh"]
        )
        build(page, "zh", 1)
        home_zh.add_child(instance=page)
        publish(page)
        sync_translation(page, en, english_memory(page, 1))
        build(page, "zh", 2)
        publish(page)
        sync_translation(page, en, english_memory(page, 2))
        stdout_write("Created the demo lenient catalogue (3 batches, 35 items).")
    page = page.specific
    translated = page.get_translation_or_none(en)
    if translated is None:
        translated = sync_translation(page, en, english_memory(page, 2))
    ensure_legal_review_workflow([page, translated])
    add_quick_links(
        (home_zh, home_en), f"/{SLUG}/", "catalogue", QUICK_LINK_ZH, QUICK_LINK_EN
    )
