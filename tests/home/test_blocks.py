"""The home page's blocks: a quick link goes to a page or an address on this site."""

import pytest
from wagtail.blocks import StructBlockValidationError

from home.blocks import QuickLinkBlock


def test_quick_link_needs_a_page_or_an_address_on_this_site():
    block = QuickLinkBlock()
    base = {"title": "t", "description": "", "icon": "info", "page": None}
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**base, "url": ""}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**base, "url": "https://elsewhere.example/"}))
    assert (
        block.clean(block.to_python({**base, "url": "/report/"}))["url"] == "/report/"
    )
