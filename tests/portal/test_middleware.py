"""portal/middleware.py: the guard in front of Wagtail's choosers."""

import json

import pytest

pytestmark = pytest.mark.django_db

CHOSEN = "/admin/choose-page/chosen-multiple/"


@pytest.mark.parametrize("value", ["nan", "²", "99999999999999999999999", "1\x00"])
def test_a_chooser_refuses_ids_that_are_not_ids_in_the_editors_language(
    admin_client, bilingual_site, value
):
    response = admin_client.get(
        CHOSEN,
        {"id": [str(bilingual_site.home_zh.pk), value]},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "网址有误" in response.text  # the error page, in the editor's language
    assert "id:" in response.text  # naming the parameter that was wrong


def test_a_chooser_still_returns_the_pages_chosen(admin_client, bilingual_site):
    response = admin_client.get(CHOSEN, {"id": [str(bilingual_site.home_zh.pk)]})
    assert response.status_code == 200
    chosen = json.loads(response.content)
    assert [item["id"] for item in chosen["result"]] == [bilingual_site.home_zh.pk]
