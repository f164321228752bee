"""What residents' participation contributes to site search: the volunteer teams
and the roundtable meetings with their public agendas and minutes.

Only what the public pages show is indexed: a team's name, what it does and where;
a meeting's title, place, convenor, the topics accepted onto its agenda and, once
published, its minutes. Never who signed up, proposed a topic or attended.
"""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from notices.search_providers import all_language_ids
from participation.languages import source_of
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
    language = team.locale.language_code  # reindex() has made it the active one
    url = reverse("participation:volunteer_teams")
    kind = str(team.get_kind_display())
    source = source_of(team)
    return [
        Entry(
            title=team.name,
            url=f"{url}#team-{source.pk}",
            language_code=language,
            body=f"{team.description} {team.area}",
            hidden=kind,
            key=str(source.pk),
            # The community filter works on each language's page of it.
            communities=all_language_ids([team.community]),
        )
    ]


@provider(Roundtable, kind="roundtable")
def roundtable_documents(meeting: Roundtable) -> list[Entry]:
    """One entry per language: the meeting page is the same record in each; none
    while its community's page is not live (the meeting page is then not found)."""
    if not meeting.community.live:
        return []
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
                communities=all_language_ids([meeting.community]),
                date=meeting.starts_at,
            )
        )
    return entries


@follows(AgendaProposal)
def proposal_meeting(proposal: AgendaProposal) -> list[Roundtable]:
    """An agenda item decided on changes its meeting's agenda (and, deferred, the
    agenda of the meeting it left); a topic still waiting for moderation changes
    nothing public, however often it is saved."""
    if proposal.status == ProposalStatus.SUBMITTED and not proposal.deferred_from_id:
        return []
    return [proposal.meeting, proposal.deferred_from]
