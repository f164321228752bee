"""The department's private page (no account): the report as the station sees it
without the resident's contact data, and three steps: acknowledge, answer, done.

A forged link gets 404; a link whose call is over (done, or the report closed) gets
410; neither changes anything. Never cached, never indexed."""

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from participation.abuse import check_rate_limit
from participation.departments.escalating import (
    acknowledge,
    answer,
    find,
    mark_done,
    usable,
)
from participation.departments.models import Escalation
from participation.reports.categories import item_title
from participation.reports.communities import station_name
from participation.reports.publication import redact
from participation.reports.workflow import ReportError
from participation.resident_pages import link_refused, private


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Your answer to the station"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    public_answer = forms.CharField(
        label=gettext_lazy("Summary for the resident (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def refused(request: HttpRequest, escalation: Escalation | None) -> HttpResponse:
    if escalation is None:
        message = _(
            "This link does not open any call. Check that you copied the whole "
            "link from the message."
        )
        status = 404
    else:
        message = _(
            "This call is over: the matter was closed. The link no longer works; "
            "contact the community station if something is still open."
        )
        status = 410
    return link_refused(
        request, "participation/escalation_refused.html", message, status
    )


def page(request, escalation: Escalation, token: str, form=None, status=200):
    report = escalation.report
    context = {
        "escalation": escalation,
        "report": report,
        "token": token,
        "station": station_name(report),
        "category": item_title(report.category_code, report.category_title),
        "description": redact(report.description, report),
        "form": form or AnswerForm(),
        "done": request.GET.get("done", ""),
    }
    return private(
        render(request, "participation/escalation.html", context, status=status)
    )


@require_http_methods(["GET", "HEAD"])
def escalation_page(request: HttpRequest, token: str) -> HttpResponse:
    if limited := check_rate_limit(request, "report_track"):
        return limited
    escalation = find(token)
    if escalation is None or not usable(escalation):
        return refused(request, escalation)
    return page(request, escalation, token)


STEPS = ("acknowledge", "answer", "done")


@require_POST
def escalation_action(request: HttpRequest, token: str, step: str) -> HttpResponse:
    if limited := check_rate_limit(request, "report_track"):
        return limited
    escalation = find(token)
    if escalation is None or step not in STEPS:
        return refused(request, None)
    if not usable(escalation):
        return refused(request, escalation)
    try:
        if step == "acknowledge":
            acknowledge(escalation)
        elif step == "done":
            mark_done(escalation)
        else:
            form = AnswerForm(request.POST)
            if not form.is_valid():
                return page(request, escalation, token, form=form, status=400)
            answer(
                escalation,
                form.cleaned_data["answer"],
                form.cleaned_data["public_answer"],
            )
    except ReportError:
        return refused(request, escalation)
    url = reverse("participation:escalation", args=[token])
    return HttpResponseRedirect(f"{url}?done={step}", status=303)
