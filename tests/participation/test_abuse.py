"""Shared abuse protection: honeypot, signed timed one-time token, rate limits."""

import time

import pytest
from django import forms
from django.test import RequestFactory
from django.utils import translation

from participation.abuse import (
    GuardedFormMixin,
    check_rate_limit,
    client_address,
    form_token,
    over_limit,
    parse_rate,
)

pytestmark = pytest.mark.django_db


class SampleForm(GuardedFormMixin, forms.Form):
    message = forms.CharField()


def data(**overrides) -> dict:
    return {
        "message": "hello",
        "form_token": form_token(issued_at=time.time() - 30, key="k" * 32),
        "website": "",
        **overrides,
    }


def test_a_form_filled_by_a_person_passes_and_yields_its_one_time_key():
    form = SampleForm(data())
    assert form.is_valid(), form.errors
    assert form.submission_key == "k" * 32


def test_the_honeypot_catches_bots_that_fill_every_box():
    form = SampleForm(data(website="http://spam.example"))
    assert not form.is_valid()
    assert form.non_field_errors()


def test_a_form_sent_back_within_the_minimum_fill_time_is_refused(settings):
    settings.PORTAL_FORM_MIN_SECONDS = 5
    form = SampleForm(data(form_token=form_token()))
    with translation.override("en"):
        assert not form.is_valid()
        assert "fast" in str(form.non_field_errors())


def test_tests_can_lower_the_minimum_fill_time(settings):
    settings.PORTAL_FORM_MIN_SECONDS = 0
    assert SampleForm(data(form_token=form_token())).is_valid()


def test_forged_missing_or_stale_tokens_are_refused_and_replaced():
    stale = form_token(issued_at=time.time() - 3 * 86400)
    for token in ("", "forged:token", form_token()[:-3] + "abc", stale):
        form = SampleForm(data(form_token=token))
        assert not form.is_valid()
        assert form.data["form_token"] != token  # the page offers a fresh one


def test_the_honeypot_is_invisible_and_unlabelled_for_people():
    html = SampleForm().as_div()
    assert 'name="website"' in html
    assert "<div hidden" in html
    assert 'tabindex="-1"' in html


def request(ip="203.0.113.5", **meta):
    return RequestFactory().post("/zh-hans/report/", REMOTE_ADDR=ip, **meta)


def test_rate_limit_answers_429_in_the_visitors_language_after_the_limit(settings):
    settings.PORTAL_RATE_LIMITS = {"demo": "3/m"}
    with translation.override("zh-hans"):
        answers = [check_rate_limit(request(), "demo") for _i in range(4)]
    assert answers[:3] == [None, None, None]
    assert answers[3].status_code == 429
    assert int(answers[3]["Retry-After"]) > 0
    assert "请求过于频繁" in answers[3].content.decode()
    with translation.override("en"):
        english = check_rate_limit(request(), "demo")
    assert "Too many requests" in english.content.decode()


def test_rate_limits_count_per_client_and_per_scope(settings):
    settings.PORTAL_RATE_LIMITS = {"one": "1/h", "two": "1/h"}
    assert check_rate_limit(request("198.51.100.1"), "one") is None
    assert check_rate_limit(request("198.51.100.2"), "one") is None
    assert check_rate_limit(request("198.51.100.1"), "two") is None
    assert check_rate_limit(request("198.51.100.1"), "one").status_code == 429


def test_attempts_on_one_subject_are_limited_from_every_client(settings):
    # A reference code looked up from many addresses: counted per code, not per
    # client, and the answer says how long until the window ends.
    settings.PORTAL_RATE_LIMITS = {"per_code": "2/h"}
    assert over_limit("per_code", "K7M2QX9P") is None
    assert over_limit("per_code", "K7M2QX9P") is None
    assert 0 < over_limit("per_code", "K7M2QX9P") <= 3600
    assert over_limit("per_code", "V7M2QX9P") is None


def test_an_unknown_scope_uses_the_default_limit(settings):
    settings.PORTAL_RATE_LIMITS = {"default": "1/m"}
    assert check_rate_limit(request(), "anything") is None
    assert check_rate_limit(request(), "anything").status_code == 429


def test_behind_a_proxy_the_forwarded_client_address_counts(settings):
    settings.PORTAL_PROXY_HOPS = 1
    forwarded = request("10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert client_address(forwarded) == "203.0.113.9"
    settings.PORTAL_PROXY_HOPS = 0
    assert client_address(forwarded) == "10.0.0.1"


@pytest.mark.parametrize(
    ("rate", "expected"), [("5/m", (5, 60)), ("100/h", (100, 3600)), ("2/s", (2, 1))]
)
def test_rates_are_read_as_count_per_period(rate, expected):
    assert parse_rate(rate) == expected
