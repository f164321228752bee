"""What residents send in. One module per concern, re-exported here."""

from participation.api.keys import ApiKey  # noqa: F401
from participation.models.registrations import Registration, RegistrationStatus  # noqa: F401
from participation.models.roundtables import (  # noqa: F401
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
from participation.models.volunteers import (  # noqa: F401
    AgeBracket,
    Redemption,
    ServiceEntry,
    SignUpStatus,
    TeamKind,
    TimeSlot,
    VolunteerSignUp,
    VolunteerTeam,
)
from participation.reports.models import (  # noqa: F401
    Report,
    ReportEvent,
    ReportPhoto,
    ReportState,
    Triage,
)
