"""Public pages of the model-merchant campaigns (最美商户): the campaigns, one
campaign with its shortlist, the nomination form, the vote (phone, then code) and the
results. Vote counts appear only once staff have confirmed them; no page shows a
phone number, a licence number or a merchant's contact."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from notices.models import Campaign, Phase
from participation.abuse import check_rate_limit, over_limit
from participation.campaigns import voting
from participation.campaigns.forms import CodeForm, NominationForm, VoteForm
from participation.languages import localized_communities
from participation.resident_pages import private, submitted


def get_campaign(campaign_id: int) -> Campaign:
    campaign = Campaign.objects.select_related("community").filter(pk=campaign_id)
    found = campaign.first()
    if found is None:
        raise Http404
    return found


def area_title(campaign: Campaign) -> str | None:
    if not campaign.community_id:
        return None
    return localized_communities([campaign.community_id])[campaign.community_id].title


def shortlist(campaign: Campaign) -> list:
    candidates = list(campaign.candidates.select_related("merchant"))
    if campaign.results_confirmed_at:
        candidates.sort(key=lambda c: (-(c.confirmed_votes or 0), c.merchant.name))
    return candidates


def campaign_context(campaign: Campaign) -> dict:
    return {
        "campaign": campaign,
        "phase": campaign.phase(),
        "Phase": Phase,
        "area": area_title(campaign),
    }


@require_http_methods(["GET", "HEAD"])
def campaign_index(request: HttpRequest) -> HttpResponse:
    campaigns = list(Campaign.objects.select_related("community")[:50])
    areas = localized_communities(c.community_id for c in campaigns if c.community_id)
    rows = [
        {
            "campaign": campaign,
            "phase": campaign.phase(),
            "area": areas[campaign.community_id].title
            if campaign.community_id
            else None,
        }
        for campaign in campaigns
    ]
    return render(request, "participation/campaign_index.html", {"rows": rows})


@require_http_methods(["GET", "HEAD"])
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(campaign_id)
    context = campaign_context(campaign)
    context.update(
        candidates=shortlist(campaign),
        voted=request.GET.get("voted") == "1",
        nominated=request.GET.get("nominated") == "1",
    )
    return render(request, "participation/campaign_detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def campaign_nominate(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(campaign_id)
    context = campaign_context(campaign)
    if context["phase"] != Phase.NOMINATING:
        return render(
            request, "participation/campaign_closed.html", context, status=409
        )
    if request.method != "POST":
        context["form"] = NominationForm()
        return private(render(request, "participation/campaign_nominate.html", context))
    if limited := check_rate_limit(request, "campaign_nominate"):
        return limited
    form = NominationForm(request.POST)

    def store(data: dict) -> str:
        merchant = voting.find_merchant(campaign, data["shop_name"], data["community"])
        voting.nominate(campaign, merchant, data["reason"], form.submission_key)
        url = reverse("participation:campaign_detail", args=[campaign.pk])
        return f"{url}?nominated=1"

    if url := submitted(form, store):
        return HttpResponseRedirect(url, status=303)
    context["form"] = form
    return private(
        render(request, "participation/campaign_nominate.html", context, status=400)
    )


@require_http_methods(["GET", "HEAD", "POST"])
def campaign_vote(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(campaign_id)
    context = campaign_context(campaign)
    candidates = shortlist(campaign)
    if context["phase"] != Phase.VOTING or not candidates:
        return render(
            request, "participation/campaign_closed.html", context, status=409
        )
    if request.method != "POST":
        context["form"] = VoteForm(candidates=candidates)
        return private(render(request, "participation/campaign_vote.html", context))
    if limited := check_rate_limit(request, "campaign_vote"):
        return limited
    form = VoteForm(request.POST, candidates=candidates)

    def store(data: dict) -> str:
        if over_limit("campaign_phone", voting.phone_hash(data["phone"])):
            raise voting.CampaignError(
                "phone-limit",
                _("Too many codes were sent to this number. Try again in an hour."),
                "phone",
            )
        token = voting.request_code(
            data["candidate"], data["phone"], translation.get_language()
        )
        return reverse("participation:campaign_vote_code", args=[token])

    if url := submitted(form, store):
        return HttpResponseRedirect(url, status=303)
    context["form"] = form
    return private(
        render(request, "participation/campaign_vote.html", context, status=400)
    )


@require_http_methods(["GET", "HEAD", "POST"])
def campaign_vote_code(request: HttpRequest, token: str) -> HttpResponse:
    if limited := check_rate_limit(request, "campaign_code"):
        return limited
    pending = voting.find_code(token)
    if pending is None:
        return private(
            render(request, "participation/campaign_bad_code_link.html", status=404)
        )
    context = campaign_context(pending.campaign)
    context["candidate"] = pending.candidate
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            voting.confirm_code(pending, form.cleaned_data["code"])
        except voting.CampaignError as error:
            error.show_on(form)
        else:
            url = reverse("participation:campaign_detail", args=[pending.campaign_id])
            return HttpResponseRedirect(f"{url}?voted=1", status=303)
    context["form"] = form
    status = 400 if form.is_bound else 200
    return private(
        render(request, "participation/campaign_vote_code.html", context, status=status)
    )


@require_http_methods(["GET", "HEAD"])
def campaign_results(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(campaign_id)
    context = campaign_context(campaign)
    context["candidates"] = shortlist(campaign) if campaign.results_confirmed_at else []
    return render(request, "participation/campaign_results.html", context)
