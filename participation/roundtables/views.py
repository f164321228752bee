"""Public roundtable pages: a community's meetings, one meeting (details, agenda,
minutes, resolutions), its .ics, the agenda proposal form, and the community's
follow-up page (问题发现 → 协商议事 → 联动处置 → 跟踪问效), and a proposer's private
tracking page (its address holds a token of which only the hash is stored).

Meetings are routes keyed by the community's default-language id rather than Wagtail
pages: they are records staff of one station run through fixed states, and the
station pages (owned by the directory) take no child pages. Nothing here shows who
proposed a topic.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from icalendar import Calendar, Event
from wagtail.models import Locale

from notices.models import CommunityPage
from notices.news.ics import SHANGHAI, TZID, ics_response, shanghai_timezone
from participation.abuse import check_rate_limit
from participation.languages import localized_communities
from participation.resident_pages import (
    link_refused,
    opened_by_link,
    private,
    submitted,
)
from participation.roundtables.forms import ProposalForm
from participation.roundtables.meetings import past_for, upcoming_for
from participation.roundtables.models import (
    AgendaProposal,
    MeetingState,
    Roundtable,
)
from participation.roundtables.proposals import (
    Stage,
    find_by_token,
    propose_with_link,
    public_agenda,
    public_outcomes,
    stage_of,
)
from participation.roundtables.resolutions import (
    STAGES,
    followed_resolutions,
    linked_reports,
)


def community_pair(community_id: int) -> tuple[CommunityPage, CommunityPage]:
    """(the default-language community, the same community in the visitor's
    language) for an id in either language; 404 when there is no live community."""
    page = CommunityPage.objects.live().filter(pk=community_id).first()
    if page is None:
        raise Http404
    default = Locale.get_default()
    source = page
    if page.locale_id != default.pk:
        source = CommunityPage.objects.filter(
            translation_key=page.translation_key, locale=default
        ).first()
        if source is None:
            raise Http404
    shown = localized_communities([source.pk]).get(source.pk, source)
    return source, shown


def meeting_or_404(meeting_id: int) -> tuple[Roundtable, CommunityPage]:
    meeting = Roundtable.objects.filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    community = localized_communities([meeting.community_id]).get(meeting.community_id)
    if community is None or not community.live:
        raise Http404
    return meeting, community


@require_http_methods(["GET", "HEAD"])
def roundtable_index(request: HttpRequest) -> HttpResponse:
    """Upcoming meetings in every community, soonest first."""
    meetings = list(
        Roundtable.objects.filter(ends_at__gte=timezone.now()).order_by("starts_at")[
            :50
        ]
    )
    communities = localized_communities(meeting.community_id for meeting in meetings)
    rows = [
        (meeting, communities[meeting.community_id])
        for meeting in meetings
        if meeting.community_id in communities
        and communities[meeting.community_id].live
    ]
    return render(request, "participation/roundtable_index.html", {"rows": rows})


@require_http_methods(["GET", "HEAD"])
def roundtable_community(request: HttpRequest, community_id: int) -> HttpResponse:
    """One community's meetings: upcoming and past."""
    source, community = community_pair(community_id)
    context = {
        "community": community,
        "community_id": source.pk,
        "upcoming": upcoming_for(source),
        "past": past_for(source)[:24],
    }
    return render(request, "participation/roundtable_community.html", context)


@require_http_methods(["GET", "HEAD"])
def roundtable_follow_up(request: HttpRequest, community_id: int) -> HttpResponse:
    """Resolutions of the community's meetings followed to completion."""
    source, community = community_pair(community_id)
    followed = followed_resolutions(source)
    references = {
        code
        for item in followed["open"] + followed["done"]
        for code in item.resolution.report_references
    }
    reports = linked_reports(references) if references else {}
    for item in followed["open"] + followed["done"]:
        item.reports = [
            (code, reports.get(code)) for code in item.resolution.report_references
        ]
    context = {
        "community": community,
        "community_id": source.pk,
        "open_items": followed["open"],
        "done_items": followed["done"],
        "stages": STAGES,
    }
    return render(request, "participation/roundtable_follow_up.html", context)


def meeting_context(meeting: Roundtable, community: CommunityPage) -> dict:
    published = meeting.state == MeetingState.MINUTES_PUBLISHED
    resolutions = []
    if published:
        resolutions = list(
            meeting.resolutions.select_related("proposal").prefetch_related("updates")
        )
    return {
        "meeting": meeting,
        "community": community,
        "agenda": public_agenda(meeting),
        "outcomes": public_outcomes(meeting),
        "minutes_published": published,
        "resolutions": resolutions,
        "MeetingState": MeetingState,
    }


@require_http_methods(["GET", "HEAD"])
def roundtable_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting, community = meeting_or_404(meeting_id)
    return render(
        request,
        "participation/roundtable_detail.html",
        meeting_context(meeting, community),
    )


@require_http_methods(["GET", "HEAD"])
def roundtable_ics(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting for a phone's calendar, in Beijing time (TZID Asia/Shanghai)."""
    meeting, community = meeting_or_404(meeting_id)
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//roundtables//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-timezone", TZID)
    calendar.add_component(shanghai_timezone())
    event = Event()
    event.add("uid", f"roundtable-{meeting.pk}@{request.get_host()}")
    event.add("dtstamp", meeting.updated_at)
    event.add("dtstart", meeting.starts_at.astimezone(SHANGHAI))
    event.add("dtend", meeting.ends_at.astimezone(SHANGHAI))
    event.add("summary", f"{meeting.title} · {community.title}")
    event.add("location", meeting.place)
    items = [
        f"{item.position}. {item.topic} ({item.minutes_allotted}′)"
        for item in public_agenda(meeting)
    ]
    description = _("Convenor: %(convenor)s") % {"convenor": meeting.convenor}
    if items:
        description += "\n" + "\n".join(items)
    event.add("description", description)
    event.add(
        "url",
        request.build_absolute_uri(
            reverse("participation:roundtable_detail", args=[meeting.pk])
        ),
    )
    calendar.add_component(event)
    return ics_response(calendar.to_ical(), f"roundtable-{meeting.pk}.ics")


@require_http_methods(["GET", "HEAD", "POST"])
def roundtable_propose(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Propose a topic; refused with a clear error once the agenda is closed."""
    meeting, community = meeting_or_404(meeting_id)
    context = {"meeting": meeting, "community": community}
    if request.method == "POST":
        if limited := check_rate_limit(request, "agenda"):
            return limited
        form = ProposalForm(request.POST)

        def store(data: dict) -> str:
            proposed = propose_with_link(
                meeting,
                topic=data["topic"],
                description=data["description"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                contact_consent=data["contact_consent"],
                language=translation.get_language(),
                submission_key=form.submission_key,
            )
            url = reverse("participation:proposal_track", args=[proposed.token])
            return f"{url}?new=1"

        if not form.is_valid() and not meeting.agenda_is_open:
            form.add_error(None, closed_message())
        elif url := submitted(form, store):
            return HttpResponseRedirect(url, status=303)
        return render(
            request,
            "participation/roundtable_propose.html",
            {**context, "form": form},
            status=400,
        )
    form = ProposalForm() if meeting.agenda_is_open else None
    response = render(
        request, "participation/roundtable_propose.html", {**context, "form": form}
    )
    response["Cache-Control"] = "no-store"
    return response


def closed_message() -> str:
    return _(
        "The agenda of this meeting is not open for proposals. Propose your topic "
        "for a later meeting."
    )


def proposal_not_found(request: HttpRequest) -> HttpResponse:
    return link_refused(
        request,
        "participation/link_not_recognised.html",
        _(
            "This link does not open any proposal. Check that you copied the whole "
            "link from your confirmation, or ask for it again under Track progress."
        ),
        status=404,
    )


@require_http_methods(["GET", "HEAD"])
@opened_by_link(find_by_token, proposal_not_found, rate_limit="proposal_track")
def proposal_track(
    request: HttpRequest, proposal: AgendaProposal, token: str
) -> HttpResponse:
    """The proposer's private page: the topic as they sent it, where it stands
    (received, on the agenda, discussed, merged, not taken up) and what came of it."""
    meeting = proposal.meeting
    community = localized_communities([meeting.community_id]).get(meeting.community_id)
    stage = stage_of(proposal)
    resolutions = []
    followed = proposal.merged_into if stage == Stage.MERGED else proposal
    if meeting.state == MeetingState.MINUTES_PUBLISHED and followed is not None:
        resolutions = list(followed.resolutions.prefetch_related("updates"))
    context = {
        "proposal": proposal,
        "meeting": meeting,
        "community": community,
        "stage": stage,
        "stage_label": Stage.LABELS[stage],
        "Stage": Stage,
        "resolutions": resolutions,
        "just_sent": request.GET.get("new") == "1",
        "tracking_url": request.build_absolute_uri(
            reverse("participation:proposal_track", args=[token])
        ),
    }
    return private(
        render(request, "participation/roundtable_proposal_track.html", context)
    )
