"""Where participation plugs into notices: named Wagtail hooks, and the helpers that
ask them (the same pattern as portal/extensions.py, one level up).

Notices publishes events and community pages but does not import participation,
which sits above it; what those pages show of residents' side, participation
registers in its `wagtail_hooks.py`:

=======================  =========================================================
hook                     fn and who registers it
=======================  =========================================================
EVENT_SEAT_COUNTS        fn(event) -> dict: places taken and left and people
                         waiting, numbers only (participation's registrations)
EVENT_ATTENDANCE         fn(event) -> int: people checked in at the door
                         (participation's registrations)
RESIDENT_REQUESTS        fn(community) -> Iterable: what residents asked for at a
                         community, each with a `title` and optional `duty_code`
                         (participation's accepted suggestions)
COMMUNITY_SECTIONS       fn(request, community) -> str: a section of the community
                         page's HTML, after its notices and events, in `order`
                         (participation: upcoming roundtables)
=======================  =========================================================

Without participation, events show no seat figures and communities no requests and
no sections of residents' own.
"""

from wagtail import hooks

EVENT_SEAT_COUNTS = "notices_event_seat_counts"
EVENT_ATTENDANCE = "notices_event_attendance"
RESIDENT_REQUESTS = "notices_resident_requests"
COMMUNITY_SECTIONS = "notices_community_sections"


def event_seat_counts(event) -> dict[str, int] | None:
    providers = hooks.get_hooks(EVENT_SEAT_COUNTS)
    return providers[0](event) if providers else None


def event_attendance(event) -> int:
    return sum(fn(event) for fn in hooks.get_hooks(EVENT_ATTENDANCE))


def resident_requests(community) -> list:
    requests: list = []
    for fn in hooks.get_hooks(RESIDENT_REQUESTS):
        requests.extend(fn(community))
    return requests


def community_sections(request, community) -> list[str]:
    return [fn(request, community) for fn in hooks.get_hooks(COMMUNITY_SECTIONS)]
