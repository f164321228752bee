"""What the resident-facing pages of every room share: a private page's headers, the
page a private link that opens nothing gets, views opened by a private link, and a
form handed to its rule.

The rooms' pages (registrations, volunteers, roundtables, reports) differ in their
forms, rules and templates; how they answer is written here once.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from participation.abuse import check_rate_limit
from participation.submissions import SubmissionError


def private(response: HttpResponse) -> HttpResponse:
    """Pages with personal context: never cached, never indexed."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def link_refused(
    request: HttpRequest, template: str, message: str, status: int
) -> HttpResponse:
    """The private page a link gets when it opens no submission: `message` says
    what to check."""
    return private(render(request, template, {"message": message}, status=status))


def opened_by_link(
    find: Callable[[str], Any],
    refused: Callable[[HttpRequest], HttpResponse],
    rate_limit: str | None = None,
) -> Callable:
    """Decorate a view of one submission: the view takes (request, submission,
    token) and is served at (request, token). `find` turns the token into the
    submission; a token it finds nothing for gets `refused`. With `rate_limit`, the
    client's requests are counted in that scope before any lookup."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def opened(request: HttpRequest, token: str, **kwargs) -> HttpResponse:
            if rate_limit and (limited := check_rate_limit(request, rate_limit)):
                return limited
            submission = find(token)
            if submission is None:
                return refused(request)
            return view(request, submission, token, **kwargs)

        return opened

    return decorate


def private_action(
    find: Callable[[str], Any],
    refused: Callable[[HttpRequest], HttpResponse],
    rule: Callable[[Any], object],
    page: str,
    done: str,
    rate_limit: str | None = None,
) -> Callable[..., HttpResponse]:
    """A button on a private page (POST): apply `rule` to the submission the link
    opens, then show the page (`page`, a URL name taking the token) again with
    `?<done>=1`, so it can say what just happened. 303, so reloading the page does
    not post again."""

    @require_POST
    @opened_by_link(find, refused, rate_limit)
    def act(request: HttpRequest, submission, token: str) -> HttpResponse:
        rule(submission)
        url = reverse(page, args=[token])
        return HttpResponseRedirect(f"{url}?{done}=1", status=303)

    return act


def submitted(form: Form, submit: Callable[[dict], str]) -> str | None:
    """Hand a valid form's data to `submit`, which stores it through its room's rule
    and returns the address to go to next. None when the form is invalid or the rule
    refused: the rule's message then stands on the form."""
    if not form.is_valid():
        return None
    try:
        return submit(form.cleaned_data)
    except SubmissionError as error:
        error.show_on(form)
        return None
