"""The relevance benchmark's query set: what residents type, and what they want found.

Each query names the page(s) a resident would count as the answer, by URL path. The
pages are the demo content (`manage.py load_demo_data`) plus the few bench notices and
editor synonyms defined at the end of this file, which bench/search_relevance.py adds
before it generates the city-scale filler. The expected pages were chosen by reading
the content as a resident would, not by running the search.
"""

from typing import NamedTuple

ZH = "/zh-hans"
EN = "/en"
DUTY = f"{ZH}/duties/items"
ITEM = f"{ZH}/lenient-catalogue/items"
NOTICE = f"{ZH}/notices"
EVENT = f"{ZH}/events"
STATION = f"{ZH}/stations"
DUTY_EN = f"{EN}/duties/items"
ITEM_EN = f"{EN}/lenient-catalogue/items"


class Query(NamedTuple):
    text: str
    language: str
    expected: tuple[str, ...]
    group: str


def q(text: str, group: str, *expected: str, language: str = "zh-hans") -> Query:
    return Query(text, language, expected, group)


QUERIES: list[Query] = [
    # Two-character Chinese words: the case word-splitting engines miss.
    q("占道", "zh-short", f"{DUTY}/SR-01/", f"{ITEM}/01/"),
    q("违建", "zh-short", f"{DUTY}/GB-02/", f"{DUTY}/GB-03/"),
    q("井盖", "zh-short", f"{DUTY}/MF-01/"),
    q("路灯", "zh-short", f"{DUTY}/MF-02/"),
    q("油烟", "zh-short", f"{DUTY}/SF-03/", f"{NOTICE}/work-news-roundtable/"),
    q("晾晒", "zh-short", f"{ITEM}/02/", f"{ITEM}/25/"),
    q("噪声", "zh-short", f"{ITEM}/23/", f"{ITEM}/34/"),
    q("普法", "zh-short", f"{EVENT}/law-session/", f"{DUTY}/SV-02/"),
    q("夜市", "zh-short", f"{NOTICE}/night-market-district/"),
    q("雨污", "zh-short", f"{NOTICE}/water-main-works/"),
    q("磨刀", "zh-short", f"{EVENT}/service-day/"),
    q("义卖", "zh-short", f"{EVENT}/charity-market/"),
    q("烧烤", "zh-short", f"{ITEM}/24/"),
    q("扰民", "zh-short", f"{DUTY}/SF-03/", f"{NOTICE}/work-news-roundtable/"),
    # Three to five characters: a topic or a thing.
    q("红黑榜", "zh-word", f"{NOTICE}/ranking-q3/"),
    q("夏令营", "zh-word", f"{EVENT}/summer-camp/"),
    q("早餐摊", "zh-word", f"{NOTICE}/bench-breakfast-stalls/", f"{ITEM}/26/"),
    q("飞线充电", "zh-word", f"{DUTY}/SF-01/"),
    q("僵尸车", "zh-word", f"{DUTY}/PK-01/"),
    q("楼道堆物", "zh-word", f"{DUTY}/EH-02/", f"{EVENT}/law-session/"),
    q("装修垃圾", "zh-word", f"{DUTY}/EH-03/", f"{ITEM}/17/"),
    q("门前三包", "zh-word", f"{DUTY}/SV-03/", f"{ITEM}/04/"),
    q("共享单车", "zh-word", f"{DUTY}/PK-02/"),
    q("消防通道", "zh-word", f"{DUTY}/PK-03/"),
    q("小广告", "zh-word", f"{DUTY}/SR-03/", f"{ITEM}/03/"),
    q("城管开放日", "zh-word", f"{EVENT}/open-day/", f"{NOTICE}/open-day-season/"),
    q("便民疏导点", "zh-word", f"{DUTY}/SV-01/", f"{NOTICE}/night-market-district/"),
    q("执法记录仪", "zh-word", f"{EVENT}/open-day/", f"{NOTICE}/open-day-season/"),
    q("店招", "zh-word", f"{DUTY}/SR-04/", f"{ITEM}/27/"),
    q("占道经营", "zh-word", f"{DUTY}/SR-01/"),
    q("整治通知", "zh-word", f"{NOTICE}/bench-breakfast-stalls/"),
    # Longer phrases and questions, as typed into a phone.
    q("早餐摊占道经营整治通知", "zh-long", f"{NOTICE}/bench-breakfast-stalls/"),
    q("楼上拉电线给电动车充电", "zh-long", f"{DUTY}/SF-01/", f"{ITEM}/32/"),
    q("绿地种菜", "zh-long", f"{ITEM}/31/", f"{DUTY}/GR-01/"),
    q("怎么预约装修垃圾清运", "zh-long", f"{DUTY}/EH-03/"),
    q("餐馆油烟扰民怎么办", "zh-long", f"{DUTY}/SF-03/"),
    q("首次违法不罚款", "zh-long", f"{NOTICE}/first-violation-policy/"),
    q("人行道砖松动", "zh-long", f"{DUTY}/MF-03/"),
    # Traditional characters find simplified content.
    q("違建", "traditional", f"{DUTY}/GB-02/", f"{DUTY}/GB-03/"),
    q("佔道經營", "traditional", f"{DUTY}/SR-01/"),
    q("開放日", "traditional", f"{EVENT}/open-day/", f"{NOTICE}/open-day-season/"),
    q("噪聲", "traditional", f"{ITEM}/23/", f"{ITEM}/34/"),
    q("井蓋", "traditional", f"{DUTY}/MF-01/"),
    q("飛線充電", "traditional", f"{DUTY}/SF-01/"),
    q("門前三包", "traditional", f"{DUTY}/SV-03/", f"{ITEM}/04/"),
    # Community names by pinyin and initials, and by address.
    q("huanghe", "pinyin", f"{STATION}/huang-he-qu/huang-he-jie-dao/huang-he-she-qu/"),
    q("hhsq", "pinyin", f"{STATION}/huang-he-qu/huang-he-jie-dao/huang-he-she-qu/"),
    q("binhu", "pinyin", f"{STATION}/huang-he-qu/huang-he-jie-dao/bin-hu-she-qu/"),
    q("bhsq", "pinyin", f"{STATION}/huang-he-qu/huang-he-jie-dao/bin-hu-she-qu/"),
    q("jianguo", "pinyin", f"{STATION}/huang-he-qu/huang-he-jie-dao/jian-guo-she-qu/"),
    q("xing fu", "pinyin", f"{STATION}/huang-he-qu/huai-hai-jie-dao/xing-fu-she-qu/"),
    q("Xinhua", "pinyin", f"{STATION}/yun-long-qu/yun-long-jie-dao/xin-hua-she-qu/"),
    q("daguozhuang", "pinyin", f"{STATION}/yun-long-qu/da-guo-zhuang-jie-dao/"),
    q("qsjd", "pinyin", f"{STATION}/quan-shan-qu/quan-shan-jie-dao/"),
    q(
        "hpsq",
        "pinyin",
        f"{STATION}/huang-he-qu/huai-hai-jie-dao/he-ping-she-qu/",
        f"{STATION}/quan-shan-qu/di-shan-jie-dao/hu-pan-she-qu/",
    ),
    q("cuiping", "pinyin", f"{STATION}/quan-shan-qu/hu-bin-jie-dao/cui-ping-she-qu/"),
    q("yongan", "pinyin", f"{STATION}/quan-shan-qu/di-shan-jie-dao/yong-an-she-qu/"),
    q("和平社区", "pinyin", f"{STATION}/huang-he-qu/huai-hai-jie-dao/he-ping-she-qu/"),
    q(
        "黄河路4号",
        "pinyin",
        f"{STATION}/huang-he-qu/huang-he-jie-dao/huang-he-she-qu/",
    ),
    q(
        "binhu 工作站",
        "pinyin",
        f"{STATION}/huang-he-qu/huang-he-jie-dao/bin-hu-she-qu/",
    ),
    # Mixed Chinese, Latin and digits.
    q("12319", "mixed", f"{NOTICE}/bench-hotline-12319/"),
    q("2025年普法", "mixed", f"{NOTICE}/bench-law-2025/"),
    q("12家餐馆", "mixed", f"{NOTICE}/work-news-roundtable/"),
    q("8至12岁", "mixed", f"{EVENT}/summer-camp/"),
    q("22:30", "mixed", f"{NOTICE}/night-market-district/"),
    q("SR-01", "mixed", f"{DUTY}/SR-01/"),
    q("第八十一条", "mixed", f"{ITEM}/11/", f"{ITEM}/35/"),
    q("24小时", "mixed", f"{DUTY}/EH-01/"),
    q("28个摊位", "mixed", f"{EVENT}/charity-market/"),
    # Words an editor has added synonyms for (BENCH_SYNONYMS below).
    q("摆摊", "synonym", f"{DUTY}/SR-01/"),
    q("城管政策", "synonym", f"{DUTY}/SV-04/"),
    q("违章建筑", "synonym", f"{DUTY}/GB-01/"),
    q("牛皮癣", "synonym", f"{DUTY}/SR-03/", f"{ITEM}/03/"),
    q("电瓶车充电", "synonym", f"{DUTY}/SF-01/", f"{ITEM}/32/"),
    q("首违不罚", "synonym", f"{NOTICE}/first-violation-policy/"),
    q("乱停车", "synonym", f"{DUTY}/PK-02/", f"{DUTY}/PK-03/"),
    # One character: titles only.
    q("灯", "one-char", f"{DUTY}/MF-02/"),
    # English on the English site.
    q("street vending", "english", f"{DUTY_EN}/SR-01/", language="en"),
    q("manhole", "english", f"{DUTY_EN}/MF-01/", language="en"),
    q(
        "open day",
        "english",
        f"{EN}/events/open-day/",
        f"{EN}/notices/open-day-season/",
        language="en",
    ),
    q("noise", "english", f"{ITEM_EN}/34/", f"{ITEM_EN}/23/", language="en"),
    q("summer camp", "english", f"{EN}/events/summer-camp/", language="en"),
    q(
        "Huanghe",
        "english",
        f"{EN}/stations/huang-he-qu/huang-he-jie-dao/huang-he-she-qu/",
        language="en",
    ),
    q(
        "renovation waste",
        "english",
        f"{DUTY_EN}/EH-03/",
        f"{EN}/events/law-session/",
        language="en",
    ),
    q(
        "cooking fumes",
        "english",
        f"{DUTY_EN}/SF-03/",
        f"{EN}/notices/work-news-roundtable/",
        language="en",
    ),
    q("e-bike charging", "english", f"{DUTY_EN}/SF-01/", language="en"),
    q("abandoned vehicles", "english", f"{DUTY_EN}/PK-01/", language="en"),
    q(
        "first violation",
        "english",
        f"{EN}/notices/first-violation-policy/",
        language="en",
    ),
    q("fire lanes", "english", f"{DUTY_EN}/PK-03/", language="en"),
    q("knife sharpening", "english", f"{EN}/events/service-day/", language="en"),
    q("night market", "english", f"{EN}/notices/night-market-district/", language="en"),
    q("flyers", "english", f"{DUTY_EN}/SR-03/", f"{ITEM_EN}/03/", language="en"),
    q("breakfast stall", "english", f"{ITEM_EN}/26/", language="en"),
    q(
        "policy explained",
        "english",
        f"{EN}/notices/first-violation-policy/",
        language="en",
    ),
    q("law session", "english", f"{EN}/events/law-session/", language="en"),
]

# Synonyms an editor would keep under Settings → Search synonyms.
BENCH_SYNONYMS: dict[str, str] = {
    "摆摊": "占道经营,流动摊贩",
    "城管": "城市管理",
    "违章建筑": "违法建设,违建",
    "牛皮癣": "小广告,乱张贴",
    "电瓶车": "电动车",
    "首违不罚": "首次不罚,包容清单",
    "乱停车": "乱停放,占用消防通道停车",
}

# Notices a bureau publishes that the demo lacks (the issue's own examples). Added
# through Wagtail's page API, so the real publish signal indexes them. Marked as bench.
BENCH_NOTICES: list[dict[str, str]] = [
    {
        "slug": "bench-breakfast-stalls",
        "title": "早餐摊占道经营整治通知",
        "summary": "早餐摊点须在划定区域和时段内经营(基准测试内容)。",
        "body": "<p>为保障居民出行,本区对早餐摊点占道经营开展整治。摊主请在便民疏导点"
        "规定时段内经营,收摊后清理场地。</p>",
    },
    {
        "slug": "bench-law-2025",
        "title": "2025年普法进社区工作计划",
        "summary": "全年安排普法讲座200场,覆盖80%的社区(基准测试内容)。",
        "body": "<p>2025年,城管局将普法讲座送进社区,内容包括门前三包、装修垃圾投放和"
        "飞线充电安全。各社区工作站可预约场次。</p>",
    },
    {
        "slug": "bench-hotline-12319",
        "title": "城管服务热线12319受理时间说明",
        "summary": "12319热线全天受理市容环境问题,30分钟内响应(基准测试内容)。",
        "body": "<p>拨打12319反映占道经营、垃圾满溢、井盖缺失等问题,简单事项当天办结,"
        "复杂事项3个工作日内反馈进展。</p>",
    },
]
