"""The 查询进度 page: a reference code and a mobile number in, the same answer out.

A valid pair is counted against two limits before anything else happens: the
client's (settings.PORTAL_RATE_LIMITS["lookup"]) and the reference's from any
client ("lookup_reference"), so a reference cannot be tried against many numbers
from many addresses. Then the look-up is queued and the resident is sent to one
answer page, the same for every pair (303, so reloading it sends nothing again).
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from participation.abuse import check_rate_limit, over_limit, rate_limited_response
from participation.lookup.forms import LookupForm
from participation.lookup.resending import ask_again
from participation.resident_pages import private

TEMPLATE = "participation/lookup.html"


@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """GET: the form, or (?sent=1) the answer. POST: queue the look-up."""
    if request.method != "POST":
        if request.GET.get("sent") == "1":
            return private(render(request, TEMPLATE, {"sent": True}))
        return private(render(request, TEMPLATE, {"form": LookupForm()}))
    if limited := check_rate_limit(request, "lookup"):
        return limited
    form = LookupForm(request.POST)
    if not form.is_valid():
        return private(render(request, TEMPLATE, {"form": form}, status=400))
    reference = form.cleaned_data["reference"]
    if retry_after := over_limit("lookup_reference", reference):
        return rate_limited_response(request, retry_after)
    ask_again(reference, form.cleaned_data["phone"], translation.get_language())
    return HttpResponseRedirect(f"{reverse('participation:lookup')}?sent=1", status=303)
