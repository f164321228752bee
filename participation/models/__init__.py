"""What residents send in. One module per concern, re-exported here."""

from participation.models.reports import (  # noqa: F401
    ApiKey,
    Report,
    ReportEvent,
    ReportPhoto,
    ReportState,
    Triage,
    accepted_requests_for,
)
from participation.registrations.models import (  # noqa: F401
    Registration,
    RegistrationStatus,
)
from participation.roundtables.models import (  # noqa: F401
    AgendaProposal,
    MeetingKind,
    MeetingState,
    Participant,
    ProposalStatus,
    Resolution,
    ResolutionStatus,
    ResolutionUpdate,
    Roundtable,
)
from participation.volunteers.models import (  # noqa: F401
    AgeBracket,
    Redemption,
    ServiceEntry,
    SignUpStatus,
    TeamKind,
    TimeSlot,
    VolunteerSignUp,
    VolunteerTeam,
)
