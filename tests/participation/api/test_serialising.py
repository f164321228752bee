"""What the API shows (participation/api/serialising.py): GeoReport's two statuses
for every state."""

from participation.api.serialising import open311_status
from participation.models import ReportState


def test_every_state_maps_to_open311_open_or_closed():
    expected = {
        "submitted": "open",
        "accepted": "open",
        "dispatched": "open",
        "in_progress": "open",
        "resolved": "closed",
        "closed": "closed",
        "rejected": "closed",
        "duplicate": "closed",
        "referred": "closed",
    }
    assert {state: open311_status(state) for state in ReportState.values} == expected
