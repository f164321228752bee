"""The site's addresses: every public one under a language prefix, and the
benchmark's hello-world view mounted only by the benchmark."""

import pytest


@pytest.mark.django_db
def test_only_the_benchmark_serves_its_hello_world_view(client, settings):
    response = client.get("/bench/hello/", follow=True)
    assert b"Hello, world" not in response.content

    settings.ROOT_URLCONF = "bench.urls"  # what bench/settings.py sets
    response = client.get("/bench/hello/")
    assert response.status_code == 200
    assert response.content == b"Hello, world\n"


def test_each_language_home_shows_its_own_content_and_interface(client, bilingual_site):
    zh = client.get("/zh-hans/")
    en = client.get("/en/")
    assert '<html lang="zh-hans"' in zh.text
    assert "跳到主要内容" in zh.text and "城管服务走进社区。" in zh.text
    assert '<html lang="en"' in en.text
    assert (
        "Skip to main content" in en.text and "Services in your community." in en.text
    )
