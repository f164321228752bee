"""What every room's resident pages share (participation/resident_pages.py): private
headers, a private link that opens nothing, and a form handed to its rule."""

import pytest
import time_machine
from django import forms
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from participation.resident_pages import (
    opened_by_link,
    private,
    private_action,
    submitted,
)
from participation.submissions import SubmissionError

STORED = {"good-token": "the submission"}


def refused(request):
    return HttpResponse("no such link", status=404)


def shown(request, submission, token):
    return HttpResponse(f"{submission} at {token}")


def test_a_private_page_is_never_cached_nor_indexed():
    response = private(HttpResponse("personal"))
    control = response["Cache-Control"]
    assert "no-store" in control and "private" in control
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_link_opens_its_submission_and_an_unknown_link_is_refused():
    view = opened_by_link(STORED.get, refused)(shown)
    request = RequestFactory().get("/")
    assert view(request, token="good-token").text == "the submission at good-token"
    unknown = view(request, token="forged")
    assert unknown.status_code == 404 and unknown.text == "no such link"


@pytest.mark.django_db  # the 429 page is drawn in the site's frame
def test_a_rate_limited_link_answers_429_once_over_the_limit(settings):
    settings.PORTAL_RATE_LIMITS = {"private-link": "2/m"}
    cache.clear()
    view = opened_by_link(STORED.get, refused, rate_limit="private-link")(shown)
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    # All three in one rate-limit minute, however slow the machine.
    with time_machine.travel("2026-03-02 09:00:00 +0800", tick=False):
        codes = [view(request, token="good-token").status_code for _i in range(3)]
    assert codes == [200, 200, 429]


class NameForm(forms.Form):
    name = forms.CharField()


def test_a_valid_form_goes_where_its_rule_says():
    form = NameForm({"name": "王秀英"})
    assert submitted(form, lambda data: f"/done/{data['name']}/") == "/done/王秀英/"


def test_a_rule_refusing_puts_its_message_on_the_field_it_names():
    def refuse(data):
        raise SubmissionError("taken", "This name is taken.", "name")

    form = NameForm({"name": "王秀英"})
    assert submitted(form, refuse) is None
    assert form.errors == {"name": ["This name is taken."]}


def test_an_invalid_form_never_reaches_its_rule():
    def never(data):
        raise AssertionError("the rule ran on an invalid form")

    form = NameForm({"name": ""})
    assert submitted(form, never) is None
    assert "name" in form.errors


def test_a_private_page_button_applies_its_rule_then_shows_the_page_again():
    applied = []
    view = private_action(
        STORED.get,
        refused,
        applied.append,
        "participation:registration_manage",
        "cancelled",
    )
    factory = RequestFactory()
    response = view(factory.post("/"), token="good-token")
    assert response.status_code == 303 and applied == ["the submission"]
    assert response["Location"].endswith("/manage/good-token/?cancelled=1")
    assert view(factory.post("/"), token="forged").status_code == 404
    assert view(factory.get("/"), token="good-token").status_code == 405
    assert applied == ["the submission"]
