"""Volunteering without an account: the sign-up, the private status page, the public
teams page and the opt-in honour roll.

The status page's address holds an unguessable token (256 bits); only its hash is
stored. It shows the name and phone masked, so a shared link reveals no more than
the reference, team and decision. Public pages show numbers and masked names only.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from notices.models import CommunityPage
from participation.abuse import check_rate_limit
from participation.languages import localized_communities
from participation.resident_pages import (
    link_refused,
    opened_by_link,
    private,
    private_action,
    submitted,
)
from participation.submissions import mask_name, mask_phone
from participation.volunteers.forms import VolunteerSignUpForm
from participation.volunteers.honour_roll import honour_roll
from participation.volunteers.models import SignUpStatus, VolunteerSignUp
from participation.volunteers.service import totals
from participation.volunteers.signups import (
    find_by_token,
    sign_up,
    withdraw,
)
from participation.volunteers.teams import localized_teams, public_teams
from portal.params import IdField, ParamsForm, read_params


class VolunteerParams(ParamsForm):
    community = IdField()
    team = IdField()


class HonourRollParams(ParamsForm):
    community = IdField()


@require_http_methods(["GET", "HEAD", "POST"])
def volunteer_signup(request: HttpRequest) -> HttpResponse:
    """GET: the form (?community=<id>&team=<id> preselect). POST: sign up."""
    if request.method != "POST":
        params = read_params(VolunteerParams, request.GET)
        initial = {key: str(value) for key, value in params.items() if value}
        form = VolunteerSignUpForm(initial=initial)
        return private(
            render(request, "participation/volunteer_signup.html", {"form": form})
        )
    if limited := check_rate_limit(request, "volunteer"):
        return limited
    form = VolunteerSignUpForm(request.POST)

    def store(data: dict) -> str:
        outcome = sign_up(
            team=data["team"],
            community=data["community"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            age_bracket=data["age_bracket"],
            days=data["days"],
            time_slots=data["time_slots"],
            skills=data["skills"],
            guardian_name=data["guardian_name"],
            guardian_consent=data["guardian_consent"],
            honour_roll=data["honour_roll"],
            submission_key=form.submission_key,
        )
        url = reverse("participation:volunteer_status", args=[outcome.token])
        return f"{url}?new=1"

    if url := submitted(form, store):
        return HttpResponseRedirect(url, status=303)
    return private(
        render(
            request, "participation/volunteer_signup.html", {"form": form}, status=400
        )
    )


def bad_link(request: HttpRequest) -> HttpResponse:
    return link_refused(
        request,
        "participation/volunteer_bad_link.html",
        _(
            "This link does not open any volunteer sign-up. Check that you "
            "copied the whole link from your confirmation."
        ),
        status=400,
    )


@require_http_methods(["GET", "HEAD"])
@opened_by_link(find_by_token, bad_link, rate_limit="volunteer_status")
def volunteer_status(
    request: HttpRequest, signup: VolunteerSignUp, token: str
) -> HttpResponse:
    """The volunteer's private page: reference, status, the reason given, hours."""
    team = localized_teams([signup.team])[signup.team_id]
    community = localized_communities([signup.community_id]).get(signup.community_id)
    context = {
        "signup": signup,
        "team": team,
        "community": community,
        "masked_name": mask_name(signup.name),
        "masked_phone": mask_phone(signup.phone),
        "totals": totals(signup) if signup.status == SignUpStatus.APPROVED else None,
        "entries": signup.service_entries.all()[:20],
        "just_signed_up": request.GET.get("new") == "1",
        "just_withdrawn": request.GET.get("withdrawn") == "1",
        "token": token,
        "status_link": request.build_absolute_uri(
            reverse("participation:volunteer_status", args=[token])
        ),
    }
    return private(render(request, "participation/volunteer_status.html", context))


# Leave the team from the status page; a second time changes nothing.
volunteer_withdraw = private_action(
    find_by_token,
    bad_link,
    withdraw,
    "participation:volunteer_status",
    "withdrawn",
    rate_limit="volunteer_status",
)


@require_http_methods(["GET", "HEAD"])
def volunteer_teams(request: HttpRequest) -> HttpResponse:
    """Every team: what it does, where, places left, recruiting or not."""
    return render(
        request, "participation/volunteer_teams.html", {"teams": public_teams()}
    )


@require_http_methods(["GET", "HEAD"])
def volunteer_honour_roll(request: HttpRequest) -> HttpResponse:
    """Volunteers who chose to be listed: masked names and hours only."""
    community = None
    pk = read_params(HonourRollParams, request.GET)["community"]
    if pk:
        community = CommunityPage.objects.filter(
            pk=pk, locale=Locale.get_default()
        ).first()
    title = None
    if community is not None:
        title = localized_communities([community.pk])[community.pk].title
    return render(
        request,
        "participation/volunteer_honour_roll.html",
        {"entries": honour_roll(community), "community_title": title},
    )
