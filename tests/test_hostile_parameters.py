"""No 5xx from any parameter: every URL pattern of the project, a page of each type,
anonymous and signed in as each staff role, fed hostile values in every parameter any
view declares (portal/params.py forms) and every path argument.

The sample is fixed, not random, so a failure repeats: each parameter gets the hostile
values in turn (rotated per address), every address gets each value in all parameters
at once and every parameter twice, and every path argument gets every value.
"""

import itertools
import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from notices.models import AreaAssignment
from portal.params import ParamsForm
from tests.portal.role_builders import ROLE_KEYS, City, build_city, users_for

pytestmark = pytest.mark.django_db

HOSTILE = [
    "\x00",
    "a\x00b",
    "²",
    "¹²³",
    "99999999999999999999999",
    "-1",
    "1e999",
    "nan",
    "x" * 10_000,
    "../",
    "<script>",
    "' OR 1=1",
]
COMMON = [
    "q",
    "page",
    "p",
    "community",
    "tag",
    "type",
    "offset",
    "limit",
    "locale",
    "search",
    "ids",
    "format",
    "fields",
    "order",
    "category",
    "status",
    "team",
    "past",
    "child_of",
    "descendant_of",
    "id",
    "html_path",
]
ARGUMENT = re.compile(
    r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rx>\w+)>[^)]*\)"
)


def declared_names() -> list[str]:
    """Every parameter the project's views declare, plus the common ones."""
    names = set(COMMON)
    forms = [ParamsForm]
    while forms:
        form = forms.pop()
        forms.extend(form.__subclasses__())
        names.update(form.base_fields)
    return sorted(names)


def routes(patterns=None, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def ours(pattern: URLPattern) -> bool:
    module = getattr(pattern.callback, "__module__", "") or ""
    return module.split(".")[0] in {"portal", "notices", "participation", "home"}


def real_arguments(city: City) -> dict[str, str]:
    """A value that reaches the view's own code for each path argument name."""
    assignment = AreaAssignment.objects.first()
    return {
        "event_id": str(city.event["A"].pk),
        "signup_id": str(city.signup["A"].pk),
        "meeting_id": str(city.meeting["A"].pk),
        "proposal_id": str(city.proposal["A"].pk),
        "resolution_id": "1",
        "pk": str(city.report["A"].pk),
        "photo_id": "1",
        "user_id": "1",
        "page_id": str(city.duties.pk),
        "community_id": str(city.a.pk),
        "area_id": str(city.district.pk),
        "token": "abc",
        "fmt": "csv",
        "action": "withdraw",
        "mode": "standard",
        "request_id": city.report["A"].reference,
        "rest": "x",
        "assignment": str(assignment.pk if assignment else 1),
    }


def fill(route: str, values: dict[str, str], hostile: tuple[str, str] | None) -> str:
    route = route.lstrip("^").replace("$", "").replace("\\", "")

    def replace(match: re.Match) -> str:
        name = match.group("name") or match.group("rx")
        if hostile and hostile[0] == name:
            return quote(hostile[1], safe="")
        return values.get(name, "1")

    return "/" + ARGUMENT.sub(replace, route)


def arguments(route: str) -> list[str]:
    return [m.group("name") or m.group("rx") for m in ARGUMENT.finditer(route)]


def check(client: Client, method: str, url: str, data, failures: list) -> None:
    response = getattr(client, method)(url, data)
    if response.status_code >= 500:
        shown = {k: (v[:20] if isinstance(v, str) else v) for k, v in data.items()}
        error = response.exc_info[1] if response.exc_info else response.status_code
        failures.append((method, url[:120], shown, repr(error)[:200]))


def fuzz(client: Client, urls: list[str], names: list[str], failures: list) -> None:
    rotation = itertools.count()
    for url in urls:
        for value in HOSTILE:
            check(client, "get", url, dict.fromkeys(names, value), failures)
        check(client, "get", url, {name: ["1", "2"] for name in names}, failures)
        for name in names:
            value = HOSTILE[next(rotation) % len(HOSTILE)]
            check(client, "get", url, {name: value}, failures)


def page_urls(city: City) -> list[str]:
    pages = [
        city.site.home_zh,
        city.site.home_en,
        city.directory,
        city.district,
        city.a,
        city.duties,
        city.catalogue,
        city.notices,
        city.notice["A"],
        city.events,
        city.event["A"],
    ]
    return [page.url for page in pages]


@pytest.fixture
def client() -> Client:
    # A 500 is what is looked for, so it is an answer here, not an exception.
    return Client(raise_request_exception=False)


@pytest.fixture
def city(bilingual_site) -> City:
    return build_city(bilingual_site)


def test_public_addresses_and_pages_never_answer_5xx(client, city):
    names = declared_names()
    values = real_arguments(city)
    failures: list = []
    urls = page_urls(city) + ["/api/v2/pages/", f"/api/v2/pages/{city.a.pk}/"]
    for route, pattern in routes():
        if not ours(pattern) or route.startswith("admin/"):
            continue
        urls.append(fill(route, values, None))
        for name in arguments(route):
            for value in HOSTILE:
                check(client, "get", fill(route, values, (name, value)), {}, failures)
    fuzz(client, urls, names, failures)
    for value in HOSTILE:
        check(client, "get", f"/api/v2/pages/{quote(value, safe='')}/", {}, failures)
        data = dict.fromkeys(["api_key", "lat", "long", "service_code"], value)
        check(client, "post", "/api/open311/v2/requests.json", data, failures)
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("role", ROLE_KEYS)
def test_staff_screens_never_answer_5xx(client, city, role):
    user = users_for(city)[role]
    client.force_login(user)
    names = declared_names()
    values = real_arguments(city)
    failures: list = []
    urls = []
    for route, pattern in routes():
        if not ours(pattern) or not route.startswith("admin/"):
            continue
        urls.append(fill(route, values, None))
        for name in arguments(route):
            for value in HOSTILE:
                url = fill(route, values, (name, value))
                check(client, "get", url, {}, failures)
                check(client, "post", url, {}, failures)
    fuzz(client, urls, names, failures)
    for url in urls:
        for value in HOSTILE:
            check(client, "post", url, dict.fromkeys(names, value), failures)
    assert not failures, "\n".join(map(str, failures))


def test_framework_admin_screens_never_answer_5xx(client, city):
    """Wagtail's own admin views, once each, with a hostile value in every argument
    and the common parameters (the administrator sees them all)."""
    client.force_login(users_for(city)["administrator"])
    values = real_arguments(city)
    failures: list = []
    rotation = itertools.count()
    for route, pattern in routes():
        if ours(pattern) or not route.startswith("admin/"):
            continue
        value = HOSTILE[next(rotation) % len(HOSTILE)]
        url = fill(route, values, None)
        for name in arguments(route):
            url = fill(route, values, (name, value))
        check(client, "get", url, dict.fromkeys(COMMON, value), failures)
    assert not failures, "\n".join(map(str, failures))
