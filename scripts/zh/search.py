"""Chinese for site search."""

T = {
    "word residents type": "居民输入的词",
    "For example 摆摊.": "例如 摆摊。",
    "also search for": "同时搜索",
    "Comma-separated words, for example 占道经营, 流动摊贩.": "用逗号分隔,例如 占道经营, 流动摊贩。",
    "search synonym": "搜索同义词",
    "search synonyms": "搜索同义词",
    "Search synonyms": "搜索同义词",
    "Stations": "工作站",
    "Notices": "公告",
    "Events": "活动",
    "Duty list": "职责清单",
    "Lenient catalogue": "包容清单",
    "Roundtables": "议事会",
    "Other pages": "其他页面",
    "The community must be given by its number.": "社区须以编号表示。",
    "There is no community with that number.": "没有这个编号的社区。",
    "Unknown type of result: choose one of the filters below.": "未知的结果类型:请从下面的筛选中选择。",
    "Searches are limited to %(n)s characters; the rest was ignored.": "搜索最多 %(n)s 个字符,超出部分已忽略。",
    "Search: %(query)s": "搜索:%(query)s",
    "Search": "搜索",
    "Search notices, stations, lists and events": "搜索公告、工作站、清单和活动",
    "Chinese, pinyin or English; two characters or more work best.": "可输入中文、拼音或英文;两个字以上效果最好。",
    "Only results for %(name)s.": "仅显示 %(name)s 的结果。",
    "Search everywhere": "搜索全部",
    "One character finds titles only. Type two or more characters to search the full text.": "单个字只搜索标题。输入两个或更多字可搜索全文。",
    "Filter by type": "按类型筛选",
    "All types": "全部类型",
    "Nothing found. Try fewer or other words, or browse the station directory.": "没有找到结果。请减少或更换关键词,或浏览驻点目录。",
    "Pages": "分页",
    "Previous": "上一页",
    "Next": "下一页",
    "Page %(number)s of %(total)s": "第 %(number)s 页,共 %(total)s 页",
}

T.update(
    {
        "%(counter)s result": "%(counter)s 条结果",
        "All %(counter)s result in %(label)s": "查看%(label)s全部 %(counter)s 条结果",
    }
)
