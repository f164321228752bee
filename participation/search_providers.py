"""What residents' participation contributes to site search: the volunteer teams
and the roundtable meetings with their public agendas and minutes.

Only what the public pages show is indexed: a team's name, what it does and where;
a meeting's title, place, convenor, the topics accepted onto its agenda and, once
published, its minutes. Never who signed up, proposed a topic or attended.
"""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from participation.roundtables.models import (
    AgendaProposal,
    MeetingState,
    ProposalStatus,
    Roundtable,
)
from participation.volunteers.models import VolunteerTeam
from portal.search_index import Entry, follows, provider


@provider(VolunteerTeam, kind="volunteer")
def team_documents(team: VolunteerTeam) -> list[Entry]:
    language = team.locale.language_code
    with translation.override(language):
        url = reverse("participation:volunteer_teams")
        kind = str(team.get_kind_display())
    source = team.get_translation_or_none(Locale.get_default()) or team
    return [
        Entry(
            title=team.name,
            url=f"{url}#team-{source.pk}",
            language_code=language,
            body=f"{team.description} {team.area}",
            hidden=kind,
            key=str(source.pk),
            communities=[team.community_id] if team.community_id else [],
        )
    ]


@provider(Roundtable, kind="roundtable")
def roundtable_documents(meeting: Roundtable) -> list[Entry]:
    """One entry per language: the meeting page is the same record in each."""
    agenda = " ".join(
        f"{item.topic} {item.description}"
        for item in meeting.proposals.filter(status=ProposalStatus.ACCEPTED)
    )
    entries = []
    for language in Locale.objects.values_list("language_code", flat=True):
        with translation.override(language):
            url = reverse("participation:roundtable_detail", args=[meeting.pk])
            kind = str(meeting.get_kind_display())
        minutes = ""
        if meeting.state == MeetingState.MINUTES_PUBLISHED:
            minutes = f"{meeting.minutes_summary} {meeting.participant_organisations}"
        entries.append(
            Entry(
                title=meeting.title,
                url=url,
                language_code=language,
                body=" ".join([agenda, meeting.place, meeting.convenor, minutes]),
                hidden=f"{kind} / {meeting.invited_note}",
                key=str(meeting.pk),
                communities=[meeting.community_id],
                date=meeting.starts_at,
            )
        )
    return entries


@follows(AgendaProposal)
def proposal_meeting(proposal: AgendaProposal) -> list[Roundtable]:
    """An agenda item accepted, merged or withdrawn changes its meeting's agenda."""
    return [Roundtable.objects.filter(pk=proposal.meeting_id).first()]
