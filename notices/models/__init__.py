"""What the bureau publishes. One module per concern, re-exported here."""

from notices.models.assignments import AreaAssignment, communities_for  # noqa: F401
from notices.models.catalogue import (  # noqa: F401
    CatalogueBatch,
    CatalogueCategory,
    LenientCataloguePage,
    LenientItem,
    RepealedLaw,
)
from notices.models.duties import (  # noqa: F401
    CommunityDutyItem,
    DutyCategory,
    DutyItem,
    DutyListPage,
)
from notices.models.events import (  # noqa: F401
    EventIndexPage,
    EventPage,
    EventPhoto,
    EventType,
    RegistrationState,
)
from notices.models.notices import (  # noqa: F401
    NoticeAttachment,
    NoticeCategory,
    NoticeCommunity,
    NoticeDistrict,
    NoticeIndexPage,
    NoticePage,
    NoticePageTag,
    RelatedNotice,
    Scope,
)
from notices.models.staff import ServiceMode, Staff, StaffRole  # noqa: F401
from notices.models.stations import (  # noqa: F401
    CommunityPage,
    CommunityStaff,
    DistrictPage,
    RestStopFacility,
    StationIndexPage,
    SubdistrictPage,
)
from notices.models.versions import ListVersion  # noqa: F401
