"""What residents send in. Every model lives in its feature's room (reports/, api/,
registrations/, roundtables/, volunteers/) and is re-exported here, so the app label
stays `participation` and `from participation.models import X` works."""

from participation.api.keys import ApiKey  # noqa: F401
from participation.api.webhooks import WebhookDelivery  # noqa: F401
from participation.campaigns.models import (  # noqa: F401
    Candidate,
    Nomination,
    NominationStatus,
    Vote,
    VoteCode,
)
from participation.departments.models import (  # noqa: F401
    Department,
    DepartmentChannel,
    Escalation,
    EscalationState,
)
from participation.notifications.models import (  # noqa: F401
    AlertChannel,
    AlertSetting,
    Channel,
    DeliveryStatus,
    Notification,
)
from participation.rankings.models import MonthlyRanking, RankingRow  # noqa: F401
from participation.registrations.models import (  # noqa: F401
    Registration,
    RegistrationStatus,
)
from participation.reports.models import (  # noqa: F401
    Report,
    ReportEvent,
    ReportPhoto,
    ReportState,
    ReportSupporter,
    Triage,
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
