"""A page's blocks written once and remembered: the same markup as Wagtail's
include_block, and never an old one once content changes."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from home.models import HomePage, StandardPage
from portal.cache import request_generation
from tests.conftest import publish

pytestmark = pytest.mark.django_db

INCLUDE_BLOCK = engines["django"].from_string(
    "{% load wagtailcore_tags %}"
    "{% for block in page.body %}{% include_block block %}{% endfor %}"
)
PAGE_BLOCKS = engines["django"].from_string(
    "{% load portal_tags %}{% page_blocks page %}"
)


def every_block(site):
    guide = StandardPage(title="办事指南", slug="guide")
    site.home_zh.add_child(instance=guide)
    guide = publish(guide)
    home = site.home_zh
    home.body = [
        {
            "type": "quick_links",
            "value": [
                {"title": "办事", "description": "", "icon": "info", "page": guide.pk},
                {
                    "title": "反映问题",
                    "description": "扫码即报",
                    "icon": "report",
                    "page": None,
                    "url": "/report/",
                },
            ],
        },  # fmt: skip
        {"type": "figures", "value": [{"number": "70%", "label": "服务"}]},
        {
            "type": "section",
            "value": {
                "heading": "办事须知",
                "text": f'<p>见<a linktype="page" id="{guide.pk}">办事指南</a>。</p>',
            },
        },
    ]
    home.save_revision().publish()
    return home, guide


def written(template, page, language: str = "zh-hans") -> str:
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language), request_generation(keep=True):
        return template.render({"page": page, "LANGUAGE_CODE": language}, request)


def test_page_blocks_write_what_include_block_writes(bilingual_site):
    home, guide = every_block(bilingual_site)
    expected = written(INCLUDE_BLOCK, home)
    assert guide.url in expected and "/zh-hans/report/" in expected
    assert written(PAGE_BLOCKS, home) == expected
    assert written(PAGE_BLOCKS, home) == expected  # remembered
    assert written(PAGE_BLOCKS, home, "en") == written(INCLUDE_BLOCK, home, "en")


def test_page_blocks_follow_a_linked_page_moved_to_a_new_address(bilingual_site):
    home, guide = every_block(bilingual_site)
    assert "/zh-hans/guide/" in written(PAGE_BLOCKS, home)
    guide.slug = "services"
    publish(guide)
    home = HomePage.objects.get(pk=home.pk)  # as the next request reads it
    html = written(PAGE_BLOCKS, home)
    assert "/zh-hans/services/" in html
    assert "/zh-hans/guide/" not in html
