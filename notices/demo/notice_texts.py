"""The bodies of the demo notices, in Chinese and English side by side.

Each body is a list of blocks, every block holding both languages, so the two texts
always have the same shape: wagtail-localize translates a rich-text body paragraph by
paragraph, and `portal.demo.english_strings` pairs the paragraphs in order. Facts and
figures follow the programme's documents (DOMAIN.md, the seeds); the city, its
communities and its shops are fictional.
"""

from django.utils.html import escape

# A block: ("p", zh, en), ("h3", zh, en) or ("ul", [(zh, en), ...]).
Block = tuple
ZH, EN = 0, 1


def render(blocks: list[Block], language: int) -> str:
    """The body in one language (ZH or EN) as rich-text HTML."""
    html = []
    for kind, *texts in blocks:
        if kind == "ul":
            items = "".join(f"<li>{escape(item[language])}</li>" for item in texts[0])
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<{kind}>{escape(texts[language])}</{kind}>")
    return "".join(html)


DEMO_NOTE = (
    "p",
    "本文为演示数据，所涉城市、社区和商户均为虚构。",
    "This is demo content: the city, communities and shops named are fictional.",
)

OPEN_DAYS = [
    (
        "p",
        "本季度城管开放日面向全体市民开放报名。每场活动约两小时，由驻点队员带领参观"
        "社区城管工作站和指挥中心，介绍职责清单、轻微违法包容清单和反映问题的办理流程，"
        "并现场体验执法记录仪等执法装备。",
        "Registration is open for this quarter's city-management open days. Each "
        "visit takes about two hours: the stationed officers show you round the "
        "community station and the command centre, explain the duty list, the "
        "lenient-enforcement catalogue and how a report is handled, and let you try "
        "a body camera and other equipment.",
    ),
    (
        "p",
        "开放日也是当面提意见的机会。去年各社区开放日收集到的意见中，占道经营、"
        "楼道堆物和飞线充电最多，相关问题已纳入各工作站的巡查重点。欢迎商户、"
        "物业和业委会代表一同参加。",
        "An open day is also a chance to tell us what needs fixing. Last year most "
        "comments raised on open days were about street vending, corridor clutter "
        "and e-bike charging cords; every station now patrols for them. Shop "
        "owners, property managers and owners' committees are welcome too.",
    ),
    ("h3", "怎么报名", "How to register"),
    (
        "ul",
        [
            (
                "在“活动报名”页面选择场次，填写手机号即可，不用注册账号。",
                "Choose a date on the Events page and leave a mobile number; no "
                "account is needed.",
            ),
            (
                "每场限额，额满后可以候补；有人取消时，按候补先后顺序自动递补并短信通知。",
                "Places are limited. When a date is full, join the waitlist: when "
                "someone cancels, the next person moves up and gets a text message.",
            ),
            (
                "不能参加时，请用报名成功后收到的链接取消，把名额留给别人。",
                "If you cannot come, cancel with the link you received, so someone "
                "else can have the place.",
            ),
        ],
    ),
    DEMO_NOTE,
]

RANKING = [
    (
        "p",
        "根据市城市管理进社区工作考核办法，市城管局对各社区第三季度市容环境进行了"
        "测评。测评采用日常巡查、第三方暗访和居民满意度回访相结合的方式，内容包括"
        "占道经营、环境卫生、门前三包落实和垃圾分类四类，每类按问题数量和整改时效计分。",
        "Under the city's assessment rules for the programme, the bureau scored "
        "every community's streets for the third quarter. Scores combine routine "
        "patrols, unannounced third-party visits and follow-up calls to residents, "
        "in four categories: street vending, sanitation, shop-front duties and "
        "waste sorting, each scored on how many problems were found and how fast "
        "they were fixed.",
    ),
    (
        "p",
        "红榜表扬成效突出的社区和商户；上黑榜的社区须在30日内提交整改报告，"
        "商户由驻点队员上门督促整改，下一季度复查。榜单只公布社区和商户，不公布个人信息。",
        "The red list praises communities and shops that did best. Communities on "
        "the black list send an improvement report within 30 days; stationed "
        "officers visit the shops listed, and all are checked again next quarter. "
        "The lists name communities and shops only, never a person.",
    ),
    ("h3", "红榜", "Red list"),
    (
        "ul",
        [
            (
                "黄河社区（门前三包）：沿街商户责任书签订率100%，季度内未发现店外经营。",
                "Huanghe Community (shop-front duties): every shop on the street "
                "signed its responsibility pledge; no goods outside shops all quarter.",
            ),
            (
                "光明社区（占道经营）：早餐便民疏导点按时段经营，占道问题较上季度下降六成。",
                "Guangming Community (street vending): the breakfast vending point "
                "keeps to its hours; street vending down by three fifths on last "
                "quarter.",
            ),
            (
                "新华社区（垃圾分类）：投放点定时督导，分类准确率达到九成以上。",
                "Xinhua Community (waste sorting): supervised drop-off times; over "
                "nine in ten bags sorted correctly.",
            ),
            (
                "滨湖路鲜果超市（门前三包）：主动清扫责任区，获评本季度“最美商户”。",
                "Binhu Road Fresh Fruit Market (shop-front duties): keeps its "
                "stretch of pavement clean unasked; this quarter's model merchant.",
            ),
            (
                "淮海路社区便民餐馆（环境卫生）：加装油烟净化设备，周边投诉清零。",
                "Huaihai Road Community Canteen (sanitation): fitted a fume "
                "purifier; no more complaints from neighbours.",
            ),
        ],
    ),
    ("h3", "黑榜", "Black list"),
    (
        "ul",
        [
            (
                "建国社区（环境卫生）：背街小巷垃圾清运不及时，两次暗访发现积存垃圾。",
                "Jianguo Community (sanitation): rubbish in the back lanes not "
                "collected in time; found piled up on two unannounced visits.",
            ),
            (
                "和平社区（占道经营）：夜间流动摊贩反复占用人行道，整改后反弹。",
                "Heping Community (street vending): mobile night stalls kept taking "
                "over the pavement and came back after being cleared.",
            ),
            (
                "光明街夜市烧烤摊位（环境卫生）：收摊后油污未清理，经劝导仍未改正。",
                "Guangming Street night-market barbecue stalls (sanitation): grease "
                "left after closing, not cleaned up after advice.",
            ),
            (
                "黄河路建材门市（门前三包）：货物长期堆放在人行道上。",
                "Huanghe Road building-materials shop (shop-front duties): goods "
                "stacked on the pavement for weeks.",
            ),
        ],
    ),
    DEMO_NOTE,
]

FIRST_VIOLATION = [
    (
        "p",
        "为落实包容审慎监管，市城管局公布了轻微违法包容清单（首违不罚清单），"
        "目前共三批35项。清单内的行为，首次发生、危害轻微并及时改正的，"
        "以说服教育代替罚款，也就是常说的“首次违法不罚款”。",
        "To regulate with tolerance and care, the bureau publishes a "
        "lenient-enforcement catalogue (no fine for a first violation): 35 items "
        "in three batches so far. For the behaviour it lists, a first, minor "
        "violation corrected in time is met with an explanation of the rule "
        "instead of a fine.",
    ),
    ("h3", "适用条件", "When it applies"),
    (
        "ul",
        [
            (
                "属于清单列明的事项，例如首次店外摆物、临时晾晒。",
                "The behaviour is in the catalogue, for example goods placed outside "
                "a shop or clothes hung out to dry for the first time.",
            ),
            (
                "首次被发现，且没有造成明显危害后果。",
                "It is the first time and has caused no real harm.",
            ),
            (
                "在执法队员指出后的期限内改正到位。",
                "It is put right within the time the law-enforcement officer gives.",
            ),
        ],
    ),
    (
        "p",
        "执法队员会当场指出问题、讲解规定，并与当事人约定改正期限；期限届满时复查。"
        "已改正的，依法不予处罚，只作教育记录。",
        "The law-enforcement officer points out the problem, explains the rule "
        "and agrees a deadline with you, then checks again when it passes. If it "
        "has been put right, there is no penalty; only the advice is recorded.",
    ),
    (
        "p",
        "同一当事人再次违法，或者拒不改正的，不再适用包容措施，依法处理，"
        "并记入商户信用档案。每项的依据、条件和处理方式，以“包容清单”页面公布的内容为准。",
        "If the same person or shop does it again, or will not put it right, the "
        "lenient treatment no longer applies: the case is handled under the law "
        "and noted in the merchant credit file. The legal basis, conditions and "
        "treatment of each item are those published on the lenient catalogue "
        "page.",
    ),
    DEMO_NOTE,
]

NIGHT_MARKET = [
    (
        "p",
        "为方便居民夏季纳凉消费，自6月1日起至9月30日，本区各夜市便民疏导点"
        "开放时间调整为18:00至22:30，比平时延长一小时。",
        "So that residents can enjoy the cool summer evenings, the district's "
        "night-market vending points open from 18:00 to 22:30 between 1 June and "
        "30 September, an hour longer than usual.",
    ),
    (
        "p",
        "便民疏导点是与社区、商户共同划定的经营区域：摊位按地面标线摆放，"
        "不占用盲道和消防通道，每个摊位自备垃圾容器，收摊后清扫干净。",
        "Vending points are areas agreed with the community and the stallholders: "
        "stalls stay inside the marked lines, off tactile paving and fire lanes; "
        "each stall brings its own bin and sweeps up after closing.",
    ),
    (
        "p",
        "驻点队员和商户志愿者在开放时段巡查劝导。对超出标线经营、收摊不清场的，"
        "首次予以提醒，屡劝不改的取消摊位资格。",
        "Stationed officers and merchant volunteers walk the markets during "
        "opening hours. Stalls outside the lines or left dirty after closing get a "
        "reminder the first time; those that keep ignoring it lose their place.",
    ),
    (
        "p",
        "对疏导点位置和时间有意见建议的，可以到社区城管工作站反映，"
        "也可以在本网站“反映问题”中选择“意见建议”。",
        "Suggestions about where or when the points open are welcome at your "
        "community station, or through the report form on this site as a "
        "suggestion.",
    ),
    DEMO_NOTE,
]

WATER_MAINS = [
    (
        "p",
        "为解决雨天道路积水和污水外溢问题，社区主干道将进行雨污分流改造，"
        "施工期约两周，每天7:00至19:00作业，夜间不施工。",
        "To stop flooding after rain and sewage overflowing, the community's main "
        "road is having its drains separated into rainwater and sewage. Work lasts "
        "about two weeks, 7:00 to 19:00 daily, with no night work.",
    ),
    (
        "p",
        "施工路段设置围挡，机动车请绕行相邻道路，行人请走围挡外侧的临时通道。"
        "施工单位会在每天收工前清扫路面，渣土车加盖运输。",
        "The works are fenced off: drivers please use the neighbouring roads, "
        "pedestrians the temporary path outside the fence. The contractor sweeps "
        "the road before stopping each day and covers every spoil truck.",
    ),
    (
        "p",
        "施工期间临时停车有困难的，可以到社区城管工作站咨询，"
        "工作站已与周边单位协调了夜间共享车位。",
        "If the works make parking hard for you, ask at the community station: it "
        "has arranged shared spaces at nearby workplaces for the evenings.",
    ),
    (
        "p",
        "发现围挡破损、夜间施工扰民或渣土撒漏，请拨打12319城管服务热线，"
        "或者在本网站“反映问题”中反映。",
        "To report a broken fence, noise at night or spilled spoil, call the "
        "12319 city-management hotline or use the report form on this site.",
    ),
    DEMO_NOTE,
]

ROUNDTABLE = [
    (
        "p",
        "上月的社区议事会上，多位居民反映临街餐馆油烟直排，夏天晚上不敢开窗。"
        "议事会由社区党组织召集，居委会、物业、驻点城管队员和12家餐馆的经营者一同参加。",
        "At last month's community roundtable several residents said that "
        "restaurants on the street vent cooking fumes straight out, so they keep "
        "their windows shut on summer evenings. The community party organisation "
        "called the meeting; the residents' committee, the property manager, the "
        "stationed officers and the owners of 12 restaurants all took part.",
    ),
    (
        "p",
        "经过商量，大家当场达成方案：12家餐馆在一个月内加装油烟净化设备，"
        "物业协调安装位置，城管队员讲解排放要求并跟踪进度；"
        "暂时无法安装的，先缩短夜间营业时间。",
        "Together they agreed a plan on the spot: the 12 restaurants fit fume "
        "purifiers within a month, the property manager finds where to put them, "
        "and the officers explain the emission rules and follow progress; a "
        "restaurant that cannot fit one at once closes earlier in the evening "
        "meanwhile.",
    ),
    (
        "p",
        "一个月后复查，12家餐馆全部完成安装，周边居民的相关投诉从每周五六件降为零。"
        "议事会决定每季度回访一次，检查设备清洗情况。",
        "When checked a month later all 12 had fitted purifiers, and complaints "
        "from the neighbours fell from five or six a week to none. The roundtable "
        "will check every quarter that the purifiers are kept clean.",
    ),
    (
        "p",
        "社区议事会每月召开，议题由居民提出。想提议题的居民，可以在“议事会”页面提交，"
        "也可以到社区城管工作站当面提出。",
        "Roundtables meet every month on topics residents propose. Propose one on "
        "the Roundtables page, or in person at your community station.",
    ),
    DEMO_NOTE,
]
