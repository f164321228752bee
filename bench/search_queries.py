"""The relevance benchmark's query set: what residents type, and what they want found.

Each query names the page(s) a resident would count as the answer, by URL path. The
pages are the demo content of a fresh install (`migrate`, which ships the starter
synonyms, then `manage.py load_demo_data`): the benchmark inserts nothing but the
city-scale filler notices. The expected pages were chosen by reading
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


HUANGHE = f"{STATION}/huang-he-qu/huang-he-jie-dao/huang-he-she-qu/"
BINHU = f"{STATION}/huang-he-qu/huang-he-jie-dao/bin-hu-she-qu/"
TEAMS = f"{ZH}/volunteer/teams/"
TEAMS_EN = f"{EN}/volunteer/teams/"
FUMES_MEETING = f"{ZH}/roundtables/1/"
PARKING_MEETING = f"{ZH}/roundtables/2/"

QUERIES: list[Query] = [
    # Title pieces: two to five characters of a title.
    q("占道", "title", f"{DUTY}/SR-01/", f"{ITEM}/01/"),
    q("井盖", "title", f"{DUTY}/MF-01/"),
    q("路灯", "title", f"{DUTY}/MF-02/"),
    q("晾晒", "title", f"{ITEM}/02/", f"{ITEM}/25/"),
    q("夜市", "title", f"{NOTICE}/night-market-district/"),
    q("红黑榜", "title", f"{NOTICE}/ranking-q3/"),
    q("夏令营", "title", f"{EVENT}/summer-camp/"),
    q("僵尸车", "title", f"{DUTY}/PK-01/"),
    q("共享单车", "title", f"{DUTY}/PK-02/"),
    q("消防通道", "title", f"{DUTY}/PK-03/"),
    q("义卖", "title", f"{EVENT}/charity-market/"),
    q("绿地养护", "title", f"{DUTY}/GR-03/"),
    # Field values: words of a body, a place, a department, a law.
    q("雨污", "field", f"{NOTICE}/water-main-works/"),
    q("磨刀", "field", f"{EVENT}/service-day/"),
    q("22:30", "field", f"{NOTICE}/night-market-district/"),
    q("8至12岁", "field", f"{EVENT}/summer-camp/"),
    q("第八十一条", "field", f"{ITEM}/11/", f"{ITEM}/35/"),
    q("噪声污染防治法", "field", f"{ITEM}/23/", f"{ITEM}/34/"),
    q("园林所", "field", f"{DUTY}/GR-01/"),
    q("12家餐馆", "field", f"{NOTICE}/work-news-roundtable/"),
    # Everyday words residents use for the duty list's and catalogue's terms.
    q("乱摆摊", "everyday", f"{DUTY}/SR-01/"),
    q("噪音", "everyday", f"{ITEM}/23/", f"{ITEM}/34/"),
    q("私搭乱建", "everyday", f"{DUTY}/GB-01/"),
    q("垃圾没人收", "everyday", f"{DUTY}/EH-01/"),
    q("渣土车", "everyday", f"{ITEM}/29/"),
    q("牛皮癣", "everyday", f"{DUTY}/SR-03/", f"{ITEM}/03/"),
    q("电瓶车充电", "everyday", f"{DUTY}/SF-01/"),
    q("晒衣服", "everyday", f"{ITEM}/02/"),
    q("废弃车", "everyday", f"{DUTY}/PK-01/"),
    q("窨井盖", "everyday", f"{DUTY}/MF-01/"),
    q("撸串", "everyday", f"{ITEM}/24/"),
    q("地锁", "everyday", f"{ITEM}/21/"),
    q("蜘蛛网线", "everyday", f"{DUTY}/SF-02/"),
    q("小广告", "everyday", f"{DUTY}/SR-03/", f"{ITEM}/03/"),
    # Traditional characters.
    q("違建", "traditional", f"{DUTY}/GB-02/", f"{DUTY}/GB-03/"),
    q("佔道經營", "traditional", f"{DUTY}/SR-01/"),
    q("開放日", "traditional", f"{EVENT}/open-day/", f"{DUTY}/SV-02/"),
    q("噪聲", "traditional", f"{ITEM}/23/"),
    q("井蓋", "traditional", f"{DUTY}/MF-01/"),
    q("飛線充電", "traditional", f"{DUTY}/SF-01/"),
    q("門前三包", "traditional", f"{DUTY}/SV-03/"),
    q("殭屍車", "traditional", f"{DUTY}/PK-01/"),
    # Pinyin and initials, of communities and of any title.
    q("huanghe", "pinyin", HUANGHE),
    q("hhsq", "pinyin", HUANGHE),
    q("binhu", "pinyin", BINHU),
    q("qsjd", "pinyin", f"{STATION}/quan-shan-qu/quan-shan-jie-dao/"),
    q("cuiping", "pinyin", f"{STATION}/quan-shan-qu/hu-bin-jie-dao/cui-ping-she-qu/"),
    q("feixianchongdian", "pinyin", f"{DUTY}/SF-01/"),
    q("jiangshiche", "pinyin", f"{DUTY}/PK-01/"),
    q("hhb", "pinyin", f"{NOTICE}/ranking-q3/"),
    q("xialingying", "pinyin", f"{EVENT}/summer-camp/"),
    q("jinggai", "pinyin", f"{DUTY}/MF-01/"),
    # Typos: one character wrong, often by its sound.
    q("占到经营", "typo", f"{DUTY}/SR-01/"),
    q("飞线冲电", "typo", f"{DUTY}/SF-01/"),
    q("疆尸车", "typo", f"{DUTY}/PK-01/"),
    q("违见", "typo", f"{DUTY}/GB-02/", f"{DUTY}/GB-03/"),
    q("门前三保", "typo", f"{DUTY}/SV-03/"),
    q("夏令荣", "typo", f"{EVENT}/summer-camp/"),
    q("共享单本", "typo", f"{DUTY}/PK-02/"),
    q("楼道推物", "typo", f"{DUTY}/EH-02/"),
    q("manhoel", "typo", f"{DUTY_EN}/MF-01/", language="en"),
    # Questions and sentences.
    q("怎么预约装修垃圾清运", "question", f"{DUTY}/EH-03/"),
    q("餐馆油烟扰民怎么办", "question", f"{DUTY}/SF-03/"),
    q("小区里有僵尸车怎么办", "question", f"{DUTY}/PK-01/"),
    q("路灯坏了找谁", "question", f"{DUTY}/MF-02/"),
    q("楼上拉电线给电动车充电", "question", f"{DUTY}/SF-01/", f"{ITEM}/32/"),
    q("哪里可以预约开放日", "question", f"{DUTY}/SV-02/"),
    q("楼下天天有人乱摆摊", "question", f"{DUTY}/SR-01/"),
    q("第一次违法会罚款吗", "question", f"{NOTICE}/first-violation-policy/"),
    q("井盖丢了怎么办", "question", f"{DUTY}/MF-01/"),
    # Numbers and codes, typed as residents type them.
    q("12319", "number", f"{ZH}/"),
    q("0516-8010001", "number", HUANGHE),
    q("8010001", "number", HUANGHE),
    q("0516 801 0001", "number", HUANGHE),
    q("SR-01", "number", f"{DUTY}/SR-01/"),
    q("sr01", "number", f"{DUTY}/SR-01/"),
    q("mf 1", "number", f"{DUTY}/MF-01/"),
    q("24小时", "number", f"{DUTY}/EH-01/"),
    # Sections: volunteer teams, roundtables, agendas, the lists themselves.
    q("城管志愿者", "section", f"{TEAMS}#team-1"),
    q("银发协管员", "section", f"{TEAMS}#team-3"),
    q("百姓监督员", "section", f"{TEAMS}#team-7"),
    q("城市合伙人", "section", f"{TEAMS}#team-9"),
    q("议事会", "section", PARKING_MEETING),
    q("圆桌会", "section", FUMES_MEETING),
    q("职责清单", "section", f"{ZH}/duties/"),
    q("包容清单", "section", f"{ZH}/lenient-catalogue/"),
    q("找驻点", "section", f"{ZH}/stations/"),
    # Public staff names on station pages, and stations by address.
    q(
        "杨玉兰",
        "staff",
        BINHU,
        f"{STATION}/yun-long-qu/yun-long-jie-dao/xin-hua-she-qu/",
        f"{STATION}/quan-shan-qu/quan-shan-jie-dao/nan-hu-she-qu/",
    ),
    q(
        "徐春梅",
        "staff",
        f"{STATION}/huang-he-qu/huai-hai-jie-dao/guang-ming-she-qu/",
        f"{STATION}/yun-long-qu/yun-long-jie-dao/you-yi-she-qu/",
        f"{STATION}/quan-shan-qu/hu-bin-jie-dao/cui-ping-she-qu/",
    ),
    q("黄河路4号", "staff", HUANGHE),
    q("binhu 工作站", "staff", BINHU),
    # English on the English site, ordinary words, partial matches.
    q("street vendors", "english", f"{DUTY_EN}/SR-01/", language="en"),
    q("abandoned car", "english", f"{DUTY_EN}/PK-01/", language="en"),
    q("manhole", "english", f"{DUTY_EN}/MF-01/", language="en"),
    q("noise", "english", f"{ITEM_EN}/34/", f"{ITEM_EN}/23/", language="en"),
    q("noisy bbq", "english", f"{ITEM_EN}/24/", language="en"),
    q("summer camp", "english", f"{EN}/events/summer-camp/", language="en"),
    q("e-bike charging", "english", f"{DUTY_EN}/SF-01/", language="en"),
    q("broken street lamp", "english", f"{DUTY_EN}/MF-02/", language="en"),
    q("rubbish not collected", "english", f"{DUTY_EN}/EH-01/", language="en"),
    q("potholes", "english", f"{DUTY_EN}/MF-03/", language="en"),
    q("graffiti on my wall", "english", f"{DUTY_EN}/SR-03/", language="en"),
    q("silver hair volunteers", "english", f"{TEAMS_EN}#team-3", language="en"),
]

# Queries that must find nothing: the first page of results must be empty.
EMPTY_QUERIES: list[Query] = [
    q("火星基地", "nothing", language="zh-hans"),
    q("🚗🚗🚗", "nothing", language="zh-hans"),
    q("！？。，", "nothing", language="zh-hans"),
    q("xqzvbnm", "nothing", language="zh-hans"),
    q("quantum chromodynamics", "nothing", language="en"),
]
