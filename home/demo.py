"""Home's demo content for `manage.py load_demo_data`: the home pages in both
languages, the privacy notice, the accessibility statement and the bureau's identity; plus the helpers the other
apps' loaders use to reach the home page. Registered as the first demo loader in
home/wagtail_hooks.py; idempotent like every loader (see portal/demo.py)."""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from home.models import BureauIdentity, HomePage, StandardPage
from portal.demo import (
    bilingual_child,
    english_of,
    list_item,
    locales,
    publish,
    sync_translation,
    translate_page,
    translate_snippet,
)


def home_pages() -> tuple[HomePage, HomePage]:
    zh, en = locales()
    home_zh = HomePage.objects.get(locale=zh, depth=2)
    return home_zh, HomePage.objects.get(
        translation_key=home_zh.translation_key, locale=en
    )


def with_quick_link(body: list[dict], link: dict) -> list[dict] | None:
    """`body` (a home page's raw stream) with the quick link appended, or None when
    a quick link already has its address."""
    body = [dict(block) for block in body]
    lists = [block for block in body if block["type"] == "quick_links"]
    if not lists:
        body.insert(0, {"type": "quick_links", "value": []})
        lists = [body[0]]
    items = list(lists[0]["value"])
    known = {(item.get("value", item).get("url") or "") for item in items}
    if link["url"] in known:
        return None
    items.append(list_item(link))
    lists[0]["value"] = items
    return body


def add_quick_links(
    homes: tuple[HomePage, HomePage],
    url: str,
    icon: str,
    zh: tuple[str, str],
    en: tuple[str, str],
) -> None:
    """The same quick link on the Chinese and the English home page: `zh` and `en`
    give its title and description in each language. The link is added to the
    Chinese page, and the English page, its wagtail-localize translation, is
    synchronised with the link's English words."""
    home_zh, home_en = homes
    _, en_locale = locales()

    def link(title: str, description: str) -> dict:
        return {
            "title": title,
            "description": description,
            "icon": icon,
            "page": None,
            "url": url,
        }

    body_zh = with_quick_link(home_zh.body.raw_data, link(*zh))
    if body_zh is not None:
        home_zh.body = body_zh
        publish(home_zh)
    home_en.refresh_from_db()
    body_en = with_quick_link(home_en.body.raw_data, link(*en))
    if body_en is not None:
        # Every English string the page has, so that an English home page made
        # before it was a synchronised translation keeps its words.
        fields = ("title", "intro", "seo_title", "search_description")
        english = {name: getattr(home_en, name) for name in fields}
        memory = english_of(home_zh, strict=False, body=body_en, **english)
        sync_translation(home_zh, en_locale, memory)


# Foundation: home pages, standing pages, bureau identity.

HOME_ZH = {
    "title": "城市管理进社区",
    "intro": (
        "城管队员和服务走进每个社区：驻点人员公开、职责清单上墙、轻微违法首违不罚，"
        "居民扫码反映问题、报名活动、参与议事，不用下载应用，也不用注册登录。"
    ),
}
HOME_EN = {
    "title": "City management in communities",
    "intro": (
        "City-management staff and services in every community: named staff on duty, "
        "published duty lists, no fine for minor first-time violations. Scan the code, "
        "report a problem, join an event or a roundtable: no app and no account needed."
    ),
}


def home_body(language: str) -> list[dict]:
    if language == "en":
        section = (
            "What the programme is",
            "<p>Staff of the urban management bureau work from a station in your "
            "community on fixed days, with their names, photos and phones on the "
            "wall. The '721 method' puts service first: seven parts service, two "
            "parts management, one part enforcement.</p>",
        )
    else:
        section = (
            "什么是城市管理进社区",
            "<p>城管人员在社区党群服务中心设立工作站，固定人员、固定时间、固定职责，"
            "姓名、照片和电话上墙公示。“721工作法”把服务放在前面："
            "七分服务、两分管理、一分执法。</p>",
        )
    return [
        {"type": "quick_links", "value": []},
        # The 721 figures are counted from the reports, never typed (issue 27).
        {"type": "method_split", "value": {"months": 12}},
        {"type": "section", "value": {"heading": section[0], "text": section[1]}},
    ]


PRIVACY_ZH = {
    "title": "个人信息保护说明",
    "intro": "我们只收集办理事项所必需的信息，并在规定期限后删除。",
    "body": [
        {
            "type": "section",
            "value": {
                "heading": "我们收集什么",
                "text": "<p>反映问题、报名活动或志愿服务时，您可以留下姓名和手机号，"
                "仅用于联系和回访。不填写也可以反映问题。</p>",
            },
        },
        {
            "type": "section",
            "value": {
                "heading": "保存多久",
                "text": "<p>联系方式在事项办结后180天内删除；您也可以随时在进度页面申请删除。"
                "公开页面、订阅、搜索和开放接口从不显示个人信息。</p>",
            },
        },
    ],
}
PRIVACY_EN = {
    "title": "Privacy notice",
    "intro": "We collect only what a request needs, and delete it when the period ends.",
    "body": [
        {
            "type": "section",
            "value": {
                "heading": "What we collect",
                "text": "<p>When you report a problem, register for an event or volunteer "
                "you may leave your name and mobile number, used only to contact "
                "you about it. You can report without them.</p>",
            },
        },
        {
            "type": "section",
            "value": {
                "heading": "How long we keep it",
                "text": "<p>Contact details are deleted within 180 days after the matter is "
                "closed; you can ask for deletion at any time on the progress page. "
                "Public pages, feeds, search and the open API never show personal "
                "data.</p>",
            },
        },
    ],
}

ACCESSIBILITY_ZH = {
    "title": "无障碍声明",
    "intro": "本网站力求让每一位居民都能使用，包括使用读屏软件、放大字体或只用键盘的居民。",
    "body": [
        {
            "type": "section",
            "value": {
                "heading": "遵循的标准",
                "text": "<p>本网站以《Web内容无障碍指南》（WCAG）2.2 AA级为标准："
                "每一项服务不用脚本也能办理，文字与背景对比清楚，每个填写项都有名称，"
                "还可以切换到字号更大的长者模式。</p>",
            },
        },
        {
            "type": "section",
            "value": {
                "heading": "最近一次测试",
                "text": "<p>2026年12月：用自动检查工具（axe-core）和手机浏览器检查了首页、"
                "社区工作站、职责清单、包容清单、通知公告、活动报名和反映问题表单。</p>",
            },
        },
        {
            "type": "section",
            "value": {
                "heading": "用不了怎么办",
                "text": "<p>如果哪个页面您用不了，请拨打服务热线，"
                "或者在反映问题时选择“意见建议”告诉我们是哪一页。</p>",
            },
        },
    ],
}
ACCESSIBILITY_EN = {
    "title": "Accessibility statement",
    "intro": "This site aims to work for every resident, including those who use a "
    "screen reader, large text or only a keyboard.",
    "body": [
        {
            "type": "section",
            "value": {
                "heading": "The standard we meet",
                "text": "<p>The site follows the Web Content Accessibility Guidelines "
                "(WCAG) 2.2 at level AA: every service works without scripts, text "
                "stands out clearly from its background, every field is named, and an "
                "elderly mode shows everything larger.</p>",
            },
        },
        {
            "type": "section",
            "value": {
                "heading": "Last tested",
                "text": "<p>December 2026: automated checks (axe-core) and a phone "
                "browser on the home page, community stations, the duty list, the "
                "lenient-enforcement catalogue, notices, event registration and the "
                "report form.</p>",
            },
        },
        {
            "type": "section",
            "value": {
                "heading": "If something does not work for you",
                "text": "<p>Call the hotline, or send us a suggestion through the "
                "report form naming the page.</p>",
            },
        },
    ],
}

IDENTITY = {
    "zh-hans": {
        "name": "示范市城市管理局",
        "programme_name": "城市管理进社区",
        "address": "示范市人民路1号（演示数据）",
        "office_hours": "工作日 8:30–12:00，14:00–17:30",
    },
    "en": {
        "name": "Demo City Urban Management Bureau",
        "programme_name": "City management in communities",
        "address": "1 Renmin Road, Demo City (demo data)",
        "office_hours": "Working days 8:30–12:00, 14:00–17:30",
    },
}
IDENTITY_SHARED = {
    "hotline": "12319",
    "email": "service@example.org",
    "icp_number": "示ICP备00000000号-1",
    "public_security_number": "示公网安备00000000000000号",
}


def ensure_home() -> HomePage:
    """The Chinese home page as the site root, replacing Wagtail's welcome page."""
    zh, _ = locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=zh, depth=2).first()
    if home is None:
        for stale in root.get_children().filter(locale=zh).exact_type(Page):
            stale.delete()
        home = HomePage(slug="home", body=home_body("zh-hans"), **HOME_ZH)
        root.add_child(instance=home)
        publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.id:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    return home


def ensure_identity(links: dict[str, dict[str, Page]]) -> None:
    """The identity in both languages, each linking its own language's privacy
    notice and accessibility statement from the footer (links left as an editor
    set them)."""
    zh, en = locales()
    source = BureauIdentity.objects.filter(locale=zh).first()
    if source is None:
        source = BureauIdentity.objects.create(
            locale=zh, **IDENTITY["zh-hans"], **IDENTITY_SHARED
        )
    if source.privacy_page_id is None and source.accessibility_page_id is None:
        source.privacy_page = links["zh-hans"]["privacy_page"]
        source.accessibility_page = links["zh-hans"]["accessibility_page"]
        source.save()
    # The English identity is the Chinese one's wagtail-localize translation (made
    # so here if an earlier demo copied it by hand): its footer links point at the
    # English pages, the translations of the Chinese ones.
    translate_snippet(source, en, **IDENTITY["en"])
    for identity in BureauIdentity.objects.filter(
        translation_key=source.translation_key
    ).select_related("locale"):
        pages = links[identity.locale.language_code]
        changed = False
        for field, page in pages.items():
            if getattr(identity, f"{field}_id") is None:
                setattr(identity, field, page)
                changed = True
        if changed:
            identity.save()


@transaction.atomic
def load(stdout_write: Callable[[str], None]) -> None:
    """The home pages, the privacy notice, the accessibility statement and the
    bureau's identity."""
    zh, en = locales()
    home_zh = ensure_home()
    translate_page(home_zh, en, **HOME_EN, body=home_body("en"))
    privacy = bilingual_child(
        home_zh,
        StandardPage,
        "privacy",
        zh={**PRIVACY_ZH, "show_in_menus": False},
        en=PRIVACY_EN,
    )
    accessibility = bilingual_child(
        home_zh,
        StandardPage,
        "accessibility",
        zh={**ACCESSIBILITY_ZH, "show_in_menus": False},
        en=ACCESSIBILITY_EN,
    )
    ensure_identity(
        {
            code: {
                "privacy_page": privacy[index],
                "accessibility_page": accessibility[index],
            }
            for index, code in enumerate(("zh-hans", "en"))
        }
    )
