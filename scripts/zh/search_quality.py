"""Chinese for site search quality (issue 9): relaxed matching of long queries."""

T = {
    "Few pages contain your whole search, so pages containing most of its words are listed too.": "完整包含您所搜内容的页面很少,因此也列出了包含其中大部分字词的页面。",
}
