"""Demo notices and events, in Chinese and English (fictional city, marked as demo).

Idempotent: pages are found by slug and left as they are on later runs. Dates are
relative to the first run: notices were published before it (a summer notice in late
May, the third quarter's ranking in October), upcoming events are after it, and the
summer camp falls in the next summer holidays.
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from home.demo import add_quick_links, home_pages
from notices.demo import notice_texts as texts
from notices.demo.notice_texts import EN, ZH, render
from notices.models import (
    CommunityPage,
    DistrictPage,
    EventIndexPage,
    EventPage,
    NoticeCommunity,
    NoticeDistrict,
    NoticeIndexPage,
    NoticePage,
)
from portal.demo import bilingual_child, locales

# The quick link on the home page: title and description in each language.
QUICK_LINK_ZH = ("活动报名", "城管开放日、普法讲座、夏令营")
QUICK_LINK_EN = ("Events", "Open days, law sessions, summer camp")


def at(days: int, hour: int, minute: int = 0) -> datetime:
    """A Beijing time `days` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def last_date(month: int, day: int) -> date:
    """The most recent `month`/`day` before today (this year's or last year's)."""
    today = timezone.localdate()
    this_year = date(today.year, month, day)
    return this_year if this_year < today else date(today.year - 1, month, day)


def next_summer(month: int = 7, day: int = 20) -> date:
    """The next summer-holiday date still at least two weeks away."""
    today = timezone.localdate()
    this_year = date(today.year, month, day)
    if this_year - today >= timedelta(days=14):
        return this_year
    return date(today.year + 1, month, day)


def on(day: date, hour: int, minute: int = 0) -> datetime:
    """A Beijing time on `day`."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def demo_places() -> tuple[CommunityPage | None, DistrictPage | None]:
    zh, _ = locales()
    community = CommunityPage.objects.filter(locale=zh).live().order_by("path").first()
    district = (
        community.get_ancestors().type(DistrictPage).first().specific
        if community is not None
        else DistrictPage.objects.filter(locale=zh).live().order_by("path").first()
    )
    return community, district


def notices(community, district) -> list[tuple[str, dict, dict]]:
    """(slug, Chinese fields, English fields) for each demo notice."""
    scoped_zh: dict = {}
    if community is not None:
        scoped_zh = {
            "scope": "communities",
            "scope_communities": [NoticeCommunity(community=community)],
        }
    district_zh: dict = {}
    if district is not None:
        district_zh = {
            "scope": "districts",
            "scope_districts": [NoticeDistrict(district=district)],
        }
    today = timezone.localdate()
    ranking_year = last_date(10, 15).year
    return [
        (
            "open-day-season",
            {
                "title": "本季度城管开放日开始报名",
                "date": today - timedelta(days=1),
                "category": "announcement",
                "summary": "走进城管工作站，了解队员的一天。每场限额，先到先得，满额可候补。",
                "body": render(texts.OPEN_DAYS, ZH),
            },
            {
                "title": "Open days this quarter: registration open",
                "summary": "Visit a city-management station and meet the team. Places are "
                "limited; a waitlist opens when an open day is full.",
                "body": render(texts.OPEN_DAYS, EN),
            },
        ),
        (
            "ranking-q3",
            {
                "title": f"{ranking_year}年第三季度市容环境红黑榜",
                "date": last_date(10, 15),
                "category": "ranking",
                "summary": "第三季度社区市容环境测评结果：红榜表扬，黑榜限期整改。",
                "body": render(texts.RANKING, ZH),
            },
            {
                "title": f"Red and black ranking, third quarter of {ranking_year}",
                "summary": "Third-quarter street scores by community: praise for the "
                "best, a deadline to improve for the rest.",
                "body": render(texts.RANKING, EN),
            },
        ),
        (
            "first-violation-policy",
            {
                "title": "政策解读：轻微违法首违不罚怎么适用",
                "date": today - timedelta(days=12),
                "category": "policy",
                "summary": "哪些情形只教育不罚款？适用条件、办理程序和再次违法的后果。",
                "body": render(texts.FIRST_VIOLATION, ZH),
            },
            {
                "title": "Policy explained: no fine for a minor first violation",
                "summary": "When education replaces a fine: the conditions, the steps, "
                "and what happens next time.",
                "body": render(texts.FIRST_VIOLATION, EN),
            },
        ),
        (
            "night-market-district",
            {
                "title": "夜市便民疏导点夏季开放时间调整",
                "date": last_date(5, 25),
                "category": "service",
                "summary": "6月1日至9月30日，本区夜市便民疏导点开放至22:30。",
                "body": render(texts.NIGHT_MARKET, ZH),
                **district_zh,
            },
            {
                "title": "Night-market vending points open later in summer",
                "summary": "From 1 June to 30 September the district's night-market "
                "vending points stay open until 22:30.",
                "body": render(texts.NIGHT_MARKET, EN),
            },
        ),
        (
            "water-main-works",
            {
                "title": "社区主干道雨污分流施工提示",
                "date": today - timedelta(days=2),
                "category": "announcement",
                "summary": "施工约两周，请绕行；临时停车可到社区城管工作站咨询。",
                "body": render(texts.WATER_MAINS, ZH),
                **scoped_zh,
            },
            {
                "title": "Drainage works on the community's main road",
                "summary": "About two weeks of works: please take another way; the "
                "station can help with temporary parking.",
                "body": render(texts.WATER_MAINS, EN),
            },
        ),
        (
            "work-news-roundtable",
            {
                "title": "工作动态：社区议事会解决餐饮油烟扰民",
                "date": today - timedelta(days=20),
                "category": "work-news",
                "summary": "居民、商户、物业和城管一起商量，12家餐馆加装油烟净化设备。",
                "body": render(texts.ROUNDTABLE, ZH),
            },
            {
                "title": "Work news: a roundtable settles the cooking-fumes complaint",
                "summary": "Residents, restaurants, the property manager and officers "
                "agreed: 12 restaurants fitted fume purifiers.",
                "body": render(texts.ROUNDTABLE, EN),
            },
        ),
    ]


def events(community) -> list[tuple[str, dict, dict]]:
    """(slug, Chinese fields, English fields) for each demo event."""
    place = {"community": community} if community is not None else {}
    station = community.title if community is not None else "示范市城管局"
    camp = next_summer()
    return [
        (
            "open-day",
            {
                "title": "城管开放日：走进社区工作站",
                "event_type": "open-day",
                "start": at(10, 9, 30),
                "end": at(10, 11, 30),
                "address": "" if community is not None else "示范市人民路1号",
                "audience": "社区居民、商户，欢迎带孩子参加",
                "summary": f"参观{station}工作站，体验执法记录仪，和驻点队员聊聊身边事。",
                "body": "<p>活动约两小时：介绍驻点人员和职责清单、现场答疑、"
                "体验执法装备。</p><p>演示活动。</p>",
                "what_to_bring": "无需携带材料，请提前10分钟到场签到。",
                "capacity": 30,
                "max_party_size": 3,
                **place,
            },
            {
                "title": "Open day: visit your community station",
                "audience": "Residents and shop owners; children welcome",
                "summary": "See the station, try a body camera and talk with the officers "
                "stationed in your community.",
                "body": "<p>About two hours: meet the stationed staff, go through the duty "
                "list, ask questions, try the equipment.</p><p>Demo event.</p>",
                "what_to_bring": "Nothing; please arrive 10 minutes early to check in.",
            },
        ),
        (
            "law-session",
            {
                "title": "普法讲座：装修垃圾与楼道堆物",
                "event_type": "law",
                "start": at(14, 14, 0),
                "end": at(14, 15, 30),
                "address": "示范市社区党群服务中心二楼会议室",
                "audience": "业主、物业、装修商户",
                "summary": "装修垃圾怎么投放？楼道能不能堆物？讲解规定并现场答疑。",
                "body": "<p>由执法队员讲解相关规定和常见案例，物业代表介绍小区投放点。</p>"
                "<p>演示活动。</p>",
                "what_to_bring": "可携带装修合同或物业通知，便于现场咨询。",
                "capacity": 40,
                "max_party_size": 2,
            },
            {
                "title": "Law session: renovation waste and corridor clutter",
                "address": "Community service centre, 2nd floor meeting room",
                "audience": "Home owners, property managers, renovation firms",
                "summary": "Where renovation waste goes, what may stay in the corridor: "
                "the rules explained, questions answered.",
                "body": "<p>An officer explains the rules with common cases; the property "
                "manager shows the estate's drop-off points.</p><p>Demo event.</p>",
                "what_to_bring": "Bring your renovation contract or the estate's notice "
                "if you have questions about them.",
            },
        ),
        (
            "service-day",
            {
                "title": "城管服务日：磨刀、修伞、便民咨询",
                "event_type": "service-day",
                "start": at(7, 8, 30),
                "end": at(7, 11, 30),
                "address": "示范市中心广场东侧",
                "audience": "所有居民",
                "summary": "免费磨刀修伞，现场受理市容环境问题反映。无需报名，直接来。",
                "body": "<p>城管队员和志愿者现场服务，也可以当面反映问题。</p>"
                "<p>演示活动。</p>",
                "takes_registrations": False,
            },
            {
                "title": "Service day: knife sharpening, umbrella repair, advice",
                "address": "East side of Central Square",
                "audience": "Everyone",
                "summary": "Free knife sharpening and umbrella repair; report problems in "
                "person. No registration: just come.",
                "body": "<p>Officers and volunteers on hand all morning; tell them about "
                "problems in your street.</p><p>Demo event.</p>",
            },
        ),
        (
            "summer-camp",
            {
                "title": "小小城管员暑期夏令营",
                "event_type": "summer-camp",
                "start": on(camp, 9, 0),
                "end": on(camp, 16, 0),
                "address": "示范市城管局培训中心",
                "audience": "8至12岁儿童，需一名家长陪同",
                "summary": "一天的城市管理体验：垃圾分类游戏、街区巡查、绘制文明标语。",
                "body": "<p>孩子们在队员带领下体验城市管理工作，午餐由主办方提供。</p>"
                "<p>演示活动。</p>",
                "what_to_bring": "水杯、遮阳帽；如有过敏请在备注中说明。",
                "capacity": 20,
                "max_party_size": 2,
                "registration_opens_at": max(
                    on(date(camp.year, 6, 1), 9, 0), at(1, 9, 0)
                ),
            },
            {
                "title": "Little city keepers summer camp",
                "address": "Bureau training centre",
                "audience": "Children aged 8–12 with one parent",
                "summary": "A day in city management: a waste-sorting game, a street patrol, "
                "painting posters.",
                "body": "<p>Children join officers for a day; lunch is provided.</p>"
                "<p>Demo event.</p>",
                "what_to_bring": "Water bottle and sun hat; note any allergies in the "
                "form.",
            },
        ),
        (
            "charity-market",
            {
                "title": "公益集市：旧物交换与商户义卖",
                "event_type": "charity-market",
                "start": at(-14, 9, 0),
                "end": at(-14, 12, 0),
                "address": "示范市人民公园南门广场",
                "audience": "所有居民",
                "summary": "最美商户义卖、旧物交换，所得用于社区助老服务。",
                "body": "<p>演示活动。</p>",
                "takes_registrations": False,
                "report": "<p>集市共有28个摊位，其中商户志愿者义卖摊位12个，"
                "所得全部用于社区助老服务。</p>",
                "attendance_count": 650,
            },
            {
                "title": "Charity market: swap and sale",
                "address": "South gate square, People's Park",
                "audience": "Everyone",
                "summary": "Merchant volunteers' charity sale and a swap corner; proceeds "
                "go to services for older residents.",
                "body": "<p>Demo event.</p>",
                "report": "<p>28 stalls, 12 of them run by merchant volunteers; all "
                "proceeds went to services for older residents.</p>",
            },
        ),
    ]


@transaction.atomic
def load(stdout_write: Callable[[str], None]) -> None:
    """Idempotent: safe to run any number of times."""
    home_zh, home_en = home_pages()
    notices_zh, _ = bilingual_child(
        home_zh,
        NoticeIndexPage,
        "notices",
        zh={
            "title": "通知公告",
            "intro": "城管局发布的通知、工作动态、政策解读和红黑榜。可按类别查看或订阅。",
            "show_in_menus": True,
        },
        en={
            "title": "Notices",
            "intro": "Announcements, work news, policies explained and the quarterly "
            "ranking. Filter by category or subscribe.",
        },
    )
    events_zh, _ = bilingual_child(
        home_zh,
        EventIndexPage,
        "events",
        zh={
            "title": "活动报名",
            "intro": "城管开放日、普法讲座、服务日和夏令营。不用注册账号，填手机号即可报名；"
            "满额后可以候补，有人取消时按先后顺序自动递补。",
            "show_in_menus": True,
        },
        en={
            "title": "Events",
            "intro": "Open days, law sessions, service days and summer camp. Register with "
            "a mobile number, no account; when full, join the waitlist and move up "
            "in order when someone cancels.",
        },
    )
    community, district = demo_places()
    for slug, zh, en in notices(community, district):
        bilingual_child(notices_zh, NoticePage, slug, zh=zh, en=en)
    for slug, zh, en in events(community):
        bilingual_child(events_zh, EventPage, slug, zh=zh, en=en)
    add_quick_links(
        (home_zh, home_en), "/events/", "event", QUICK_LINK_ZH, QUICK_LINK_EN
    )
    stdout_write(
        f"Notices: {NoticePage.objects.count()} pages; "
        f"events: {EventPage.objects.count()} pages."
    )
