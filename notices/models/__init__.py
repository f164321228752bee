"""Every model of the app, re-exported from its feature's room (notices/stations/,
notices/lists/, notices/news/): importing this package when the app loads registers
them all under the label `notices`, and `from notices.models import X` works."""

from notices.convenience.models import ConveniencePoint  # noqa: F401
from notices.convenience.pages import ConvenienceMapPage  # noqa: F401
from notices.lists.catalogue import (  # noqa: F401
    CatalogueBatch,
    CatalogueCategory,
    LenientCataloguePage,
    LenientItem,
    RepealedLaw,
)
from notices.lists.duties import (  # noqa: F401
    CommunityDutyItem,
    DutyCategory,
    DutyItem,
    DutyListPage,
)
from notices.lists.versions import ListVersion  # noqa: F401
from notices.maps.boundaries import AreaBoundary, AreaLevel  # noqa: F401
from notices.merchants.campaigns import Campaign, Phase  # noqa: F401
from notices.merchants.models import (  # noqa: F401
    Inspection,
    InspectionResult,
    Merchant,
    MerchantGroup,
    Rating,
    Trade,
)
from notices.merchants.rankings import (  # noqa: F401
    ListColour,
    ListingCategory,
    ListingEntry,
)
from notices.news.events import (  # noqa: F401
    EventIndexPage,
    EventPage,
    EventPhoto,
    EventType,
    RegistrationState,
)
from notices.news.notices import (  # noqa: F401
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
from notices.signoff import SignOffTask  # noqa: F401
from notices.stations.assignments import AreaAssignment, communities_for  # noqa: F401
from notices.stations.community import (  # noqa: F401
    CommunityPage,
    CommunityStaff,
    RestStopFacility,
)
from notices.stations.pages import (  # noqa: F401
    DistrictPage,
    StationIndexPage,
    SubdistrictPage,
)
from notices.stations.staff import ServiceMode, Staff, StaffRole  # noqa: F401
