"""What the bureau publishes. One module per concern, re-exported here."""

from notices.models.assignments import AreaAssignment, communities_for  # noqa: F401
from notices.models.stations import (  # noqa: F401
    CommunityPage,
    DistrictPage,
    StationIndexPage,
    SubdistrictPage,
)
