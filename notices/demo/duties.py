"""Demo duty list in Xuzhou's shape: 8 categories, 26 items, each classed 立即办 / 协调办 /
上报办 with promised times (hotline requests answered within 30 minutes, simple matters
closed the same day, complex ones reported on within 3 working days). Bilingual."""

from collections.abc import Callable

from django.db import transaction

from home.demo import add_quick_links, home_pages
from notices.lists.duties import DutyCategory, DutyItem, DutyListPage
from portal.demo import english_strings, locales, publish, shadow_copy, sync_translation

SLUG = "duties"

PAGE = {
    "zh": {
        "title": "职责清单",
        "intro": "社区城管工作站为居民办理的事项、办理方式和承诺时限。热线诉求30分钟内响应，简单问题当天办结，复杂问题3个工作日内反馈进展。（演示数据）",
    },
    "en": {
        "title": "Duty list",
        "intro": "What the community station does for residents, how, and how fast. Hotline requests get an answer within 30 minutes, simple matters are closed the same day, complex ones get a progress report within 3 working days. (Demo data)",
    },
}

# code: (zh name, en name)
CATEGORIES = [
    ("SR", "市容秩序", "Street order"),
    ("EH", "环境卫生", "Sanitation"),
    ("GB", "违法建设", "Illegal construction"),
    ("GR", "园林绿化", "Green spaces"),
    ("MF", "市政设施", "Municipal facilities"),
    ("PK", "停车与车辆", "Parking and vehicles"),
    ("SF", "安全隐患", "Safety hazards"),
    ("SV", "便民服务", "Services for residents"),
]

ENFORCEMENT = ("城管执法中队", "Enforcement squad")
SANITATION = ("环卫所", "Sanitation office")
LANDSCAPING = ("园林所", "Landscaping office")
MUNICIPAL = ("市政所", "Municipal facilities office")
STATION = ("社区城管工作站", "Community station")
DISTRICT = ("区城市管理局", "District urban management bureau")

MIN, HOUR, WD, SAME = "minutes", "hours", "working_days", "same_day"

# code, category, handling class, (response), (completion), department, role,
# legal basis, zh (title, service), en (title, service)
ITEMS = [
    (
        "SR-01",
        "SR",
        "immediate",
        (30, MIN),
        (None, SAME),
        ENFORCEMENT,
        "law_enforcement",
        "《城市市容和环境卫生管理条例》第十四条",
        (
            "占道经营劝导",
            "流动摊贩占用道路、人行道经营的，现场劝导并引导到便民疏导点。",
        ),
        (
            "Street vending in the way",
            "Hawkers blocking roads or pavements are talked to on the spot and shown to a designated vending point.",
        ),
    ),
    (
        "SR-02",
        "SR",
        "immediate",
        (30, MIN),
        (None, SAME),
        ENFORCEMENT,
        "law_enforcement",
        "《城市市容和环境卫生管理条例》第十四条",
        (
            "店外经营、出店摆卖",
            "商户把商品、桌椅摆到店门外的，劝导归店经营；首次且及时改正的不予处罚。",
        ),
        (
            "Goods and tables outside shops",
            "Shops that spread goods or tables outside are asked to move them back in; a first time corrected at once is not fined.",
        ),
    ),
    (
        "SR-03",
        "SR",
        "immediate",
        (2, HOUR),
        (1, WD),
        STATION,
        "grid_worker",
        "《城市市容和环境卫生管理条例》第十七条",
        ("乱张贴、乱涂写", "楼道、电杆、墙面上的小广告和涂写，安排清除。"),
        (
            "Flyposting and graffiti",
            "Flyers and graffiti on stairwells, poles and walls are removed.",
        ),
    ),
    (
        "SR-04",
        "SR",
        "coordinate",
        (2, HOUR),
        (3, WD),
        DISTRICT,
        "law_enforcement",
        "《城市市容和环境卫生管理条例》第十一条",
        (
            "店招和户外广告安全",
            "店招、广告牌松动、破损有坠落危险的，现场设警示并通知设置人整改。",
        ),
        (
            "Unsafe shop signs and billboards",
            "Loose or broken signs that could fall are cordoned off and their owners told to repair them.",
        ),
    ),
    (
        "EH-01",
        "EH",
        "immediate",
        (2, HOUR),
        (24, HOUR),
        SANITATION,
        "sanitation",
        "《城市生活垃圾管理办法》",
        (
            "垃圾满溢、清运不及时",
            "垃圾桶满溢、破损或垃圾没有按时清运的，24小时内处理。",
        ),
        (
            "Overflowing bins, missed collections",
            "Overflowing or broken bins and missed collections are dealt with within 24 hours.",
        ),
    ),
    (
        "EH-02",
        "EH",
        "coordinate",
        (1, WD),
        (3, WD),
        STATION,
        "liaison",
        "",
        ("楼道堆物清理", "会同物业和居委会劝导清理楼道、消防通道里的杂物。"),
        (
            "Clearing corridor clutter",
            "With the property manager and residents' committee, stairwells and fire escapes are cleared.",
        ),
    ),
    (
        "EH-03",
        "EH",
        "immediate",
        (30, MIN),
        (2, WD),
        SANITATION,
        "sanitation",
        "《城市建筑垃圾管理规定》",
        (
            "装修垃圾清运预约",
            "预约上门清运装修垃圾。收费项目和标准在工作站和本页公示，未公示的一律不收费。",
        ),
        (
            "Booking a renovation-waste pickup",
            "Book a pickup of renovation waste. Any charge and its rate are posted at the station and on this page; nothing else is charged.",
        ),
    ),
    (
        "GB-01",
        "GB",
        "escalate",
        (2, HOUR),
        (3, WD),
        DISTRICT,
        "law_enforcement",
        "《中华人民共和国城乡规划法》第六十四条",
        (
            "疑似违法建设举报",
            "2小时内到现场核查并劝阻；需要立案的上报区局，3个工作日内反馈进展。",
        ),
        (
            "Suspected illegal construction",
            "Checked and stopped on site within 2 hours; cases that need a file go to the district bureau, with a progress report within 3 working days.",
        ),
    ),
    (
        "GB-02",
        "GB",
        "immediate",
        (None, SAME),
        (None, SAME),
        STATION,
        "liaison",
        "",
        ("装修告知和违建预警", "装修前发放告知书，巡查发现苗头当场提醒（三色预警）。"),
        (
            "Renovation notice and early warning",
            "A notice before renovation starts, and a reminder on the spot when a patrol sees early signs (three-colour warning).",
        ),
    ),
    (
        "GB-03",
        "GB",
        "coordinate",
        (1, WD),
        (5, WD),
        DISTRICT,
        "law_enforcement",
        "",
        ("违建自拆咨询", "愿意自行拆除的，提供拆除指导和建筑垃圾清运协调。"),
        (
            "Advice on removing a structure yourself",
            "Guidance and waste removal for owners who take down an illegal structure themselves.",
        ),
    ),
    (
        "GR-01",
        "GR",
        "coordinate",
        (2, HOUR),
        (3, WD),
        LANDSCAPING,
        "landscaping",
        "《城市绿化条例》第二十条",
        ("毁绿占绿", "绿地被踩踏、圈占、种菜的，劝导恢复并通知园林部门补植。"),
        (
            "Damage to green spaces",
            "Trampled, fenced-off or cultivated green spaces are restored with the landscaping office.",
        ),
    ),
    (
        "GR-02",
        "GR",
        "immediate",
        (30, MIN),
        (None, SAME),
        LANDSCAPING,
        "landscaping",
        "",
        ("树木倒伏、断枝", "树木倒伏或断枝影响通行和安全的，当天清理。"),
        (
            "Fallen trees and branches",
            "Fallen trees or branches that block the way or endanger people are cleared the same day.",
        ),
    ),
    (
        "GR-03",
        "GR",
        "coordinate",
        (1, WD),
        (5, WD),
        LANDSCAPING,
        "landscaping",
        "",
        ("绿地养护", "绿地缺株、杂草丛生、枝条遮挡窗户的，安排养护。"),
        (
            "Upkeep of green spaces",
            "Gaps, weeds and branches against windows are scheduled for upkeep.",
        ),
    ),
    (
        "MF-01",
        "MF",
        "immediate",
        (30, MIN),
        (None, SAME),
        MUNICIPAL,
        "municipal",
        "《城市道路管理条例》第二十三条",
        ("井盖缺失或破损", "30分钟内到场设置警示，当天补装或更换。"),
        (
            "Missing or broken manhole cover",
            "Cordoned off within 30 minutes, replaced the same day.",
        ),
    ),
    (
        "MF-02",
        "MF",
        "coordinate",
        (2, HOUR),
        (3, WD),
        MUNICIPAL,
        "municipal",
        "",
        ("路灯不亮", "小区周边道路路灯不亮的，通知管养单位维修。"),
        (
            "Street light out",
            "Street lights out on roads around the estate are reported to their maintainer for repair.",
        ),
    ),
    (
        "MF-03",
        "MF",
        "coordinate",
        (1, WD),
        (5, WD),
        MUNICIPAL,
        "municipal",
        "《城市道路管理条例》第二十七条",
        ("人行道破损", "人行道砖松动、坑洼的，安排修补。"),
        ("Broken pavement", "Loose slabs and potholes on pavements are repaired."),
    ),
    (
        "PK-01",
        "PK",
        "escalate",
        (1, WD),
        (3, WD),
        ENFORCEMENT,
        "law_enforcement",
        "",
        ("僵尸车清理", "长期停放、无人使用的废弃车辆，会同公安交管张贴告知并清理。"),
        (
            "Abandoned vehicles",
            "With the traffic police, long-abandoned vehicles get a notice and are then removed.",
        ),
    ),
    (
        "PK-02",
        "PK",
        "immediate",
        (2, HOUR),
        (None, SAME),
        STATION,
        "grid_worker",
        "",
        ("共享单车乱停放", "共享单车堵塞出入口、盲道的，通知运营企业当天清运。"),
        (
            "Shared bikes in the way",
            "Shared bikes blocking entrances or tactile paving are removed by their operator the same day.",
        ),
    ),
    (
        "PK-03",
        "PK",
        "escalate",
        (2, HOUR),
        (3, WD),
        DISTRICT,
        "law_enforcement",
        "",
        ("占用消防通道停车", "占用消防通道的车辆，劝离并通报消防和公安部门。"),
        (
            "Cars parked in fire lanes",
            "Cars in fire lanes are asked to move, and the fire service and police are told.",
        ),
    ),
    (
        "SF-01",
        "SF",
        "immediate",
        (30, MIN),
        (None, SAME),
        STATION,
        "grid_worker",
        "",
        ("飞线充电", "从楼上拉电线给电动车充电的，当场劝导拆除，并告知就近充电点。"),
        (
            "E-bike charging cords from windows",
            "Cords hung from windows to charge e-bikes are taken down on the spot, and the nearest charging point is shown.",
        ),
    ),
    (
        "SF-02",
        "SF",
        "coordinate",
        (2, HOUR),
        (5, WD),
        MUNICIPAL,
        "municipal",
        "",
        ("架空线缆杂乱、垂落", "线缆垂落、缠绕的，通知产权单位整理。"),
        (
            "Hanging or tangled overhead cables",
            "Cables hanging low or tangled are tidied by their owners.",
        ),
    ),
    (
        "SF-03",
        "SF",
        "coordinate",
        (1, WD),
        (3, WD),
        ENFORCEMENT,
        "law_enforcement",
        "《中华人民共和国大气污染防治法》第八十一条",
        (
            "餐饮油烟扰民",
            "检查油烟净化设施，必要时提交圆桌会协商，3个工作日内反馈进展。",
        ),
        (
            "Cooking fumes from restaurants",
            "Fume filters are checked, and the matter goes to the roundtable if needed, with a progress report within 3 working days.",
        ),
    ),
    (
        "SV-01",
        "SV",
        "immediate",
        (30, MIN),
        (None, SAME),
        STATION,
        "liaison",
        "",
        ("便民疏导点咨询", "早餐点、便民摊点的位置、时间和要求。"),
        (
            "Designated vending points",
            "Where breakfast and vending points are, their hours and rules.",
        ),
    ),
    (
        "SV-02",
        "SV",
        "immediate",
        (1, WD),
        (3, WD),
        STATION,
        "liaison",
        "",
        ("开放日和普法活动预约", "预约城管开放日、普法讲座进社区。"),
        (
            "Booking open days and law sessions",
            "Book a visit on an open day or a law session in the community.",
        ),
    ),
    (
        "SV-03",
        "SV",
        "immediate",
        (None, SAME),
        (None, SAME),
        STATION,
        "liaison",
        "",
        ("门前三包责任告知", "为沿街商户讲解门前三包责任并签订责任书。"),
        (
            "Shop-front duties",
            "Shops on the street learn their shop-front duties and sign the agreement.",
        ),
    ),
    (
        "SV-04",
        "SV",
        "immediate",
        (30, MIN),
        (None, SAME),
        STATION,
        "station_head",
        "",
        ("城市管理政策咨询", "城市管理法规、办事流程和收费标准的咨询。"),
        (
            "Questions on city-management rules",
            "Questions on rules, procedures and published charges.",
        ),
    ),
]

# The quick link on the home page: title and description in each language.
QUICK_LINK_ZH = ("职责清单", "工作站办什么、多快办")
QUICK_LINK_EN = ("Duty list", "What the station does, and how fast")


def build(page: DutyListPage, language: str) -> None:
    """Set the page's categories and items in `language` ("zh" or "en")."""
    zh = language == "zh"
    page.categories = [
        DutyCategory(code=code, name=name_zh if zh else name_en, sort_order=n)
        for n, (code, name_zh, name_en) in enumerate(CATEGORIES)
    ]
    items = []
    for n, row in enumerate(ITEMS):
        (
            code,
            category,
            handling,
            response,
            completion,
            dept,
            role,
            basis,
            zh_text,
            en_text,
        ) = row
        title, service = zh_text if zh else en_text
        items.append(
            DutyItem(
                code=code,
                category=category,
                title=title,
                service=service,
                handling_class=handling,
                response_amount=response[0],
                response_unit=response[1],
                completion_amount=completion[0],
                completion_unit=completion[1],
                department=dept[0] if zh else dept[1],
                handler_role=role,
                legal_basis=basis,
                sort_order=n,
            )
        )
    page.items = items


def translate_children(source: DutyListPage, translated: DutyListPage) -> None:
    """Give the English copy's rows the English text, keeping each row's identity."""
    build(translated, "en")
    for relation in ("categories", "items"):
        keys = {
            row.code: row.translation_key for row in getattr(source, relation).all()
        }
        for row in getattr(translated, relation).all():
            row.translation_key = keys[row.code]


@transaction.atomic
def load(stdout_write: Callable[[str], None]) -> None:
    """Idempotent: safe to run any number of times."""
    _zh, en = locales()
    home_zh, home_en = home_pages()
    page = home_zh.get_children().filter(slug=SLUG).first()
    if page is None:
        page = DutyListPage(slug=SLUG, show_in_menus=True, **PAGE["zh"])
        build(page, "zh")
        home_zh.add_child(instance=page)
        publish(page)
        stdout_write("Created the demo duty list (26 items).")
    page = page.specific
    if page.get_translation_or_none(en) is None:
        # The English list is the Chinese one's wagtail-localize translation.
        english = shadow_copy(page)
        for name, value in PAGE["en"].items():
            setattr(english, name, value)
        translate_children(page, english)
        sync_translation(page, en, english_strings(page, english))
    add_quick_links(
        (home_zh, home_en), f"/{SLUG}/", "catalogue", QUICK_LINK_ZH, QUICK_LINK_EN
    )
