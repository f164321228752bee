"""No 5xx from any parameter: every URL pattern of the project, a page of each type,
anonymous and signed in as each staff role, fed hostile values in every parameter any
view declares (the portal/params.py forms, plus common names) and every path argument.

The sample is fixed, not random, so a failure repeats. At each address: a few
"squares" (every parameter a different hostile value, rotated from one address to
the next so that each parameter meets each value), every parameter twice, and each
parameter declared next to the view on its own, so that a 400 from one cannot hide a
crash in another. Path arguments get every value their converter can match. The
administrator gets all of it on each staff screen, GET and POST; the other roles a
square on each screen they may open; Wagtail's own admin views one request each.

The city and its staff are built once for the module (module_transaction in
tests/conftest.py): each test reads them, and whatever its requests change goes with
its own savepoint.
"""

import copy
import itertools
import re
import sys
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest
from django import forms
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation
from wagtail.models import Page

from home.models import StandardPage
from notices.models import AreaAssignment
from participation.api.parameters import CreateParams
from participation.models import Report
from portal.params import ParamsForm
from tests.conftest import publish
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
    # The report form's list of reports nearby and the public report map.
    "lat",
    "lng",
    "state",
]
# Wagtail's own view that fails on purpose.
WAGTAIL_OWN = {"admin/failwhale/"}
ARGUMENT = re.compile(
    r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rx>\w+)>[^)]*\)"
)


def declared_names() -> list[str]:
    """Every parameter the project's views declare, plus the common ones."""
    names = set(COMMON)
    pending = [ParamsForm]
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
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
        "campaign_id": "1",
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


def hostile_paths(route: str, values: dict[str, str]) -> list[str]:
    """The route with each argument in turn hostile. A number argument (`<id:…>`)
    only matches ASCII digits, so the values that could pass the pattern are enough."""
    paths = []
    for match in ARGUMENT.finditer(route):
        name = match.group("name") or match.group("rx")
        numeric = match.group("converter") in ("id", "int")
        tried = ["99999999999999999999999", "0", "²"] if numeric else HOSTILE
        paths.extend(fill(route, values, (name, value)) for value in tried)
    return paths


def check(client: Client, method: str, url: str, data, failures: list) -> int:
    response = getattr(client, method)(url, data)
    if response.status_code >= 500:
        shown = {k: (v[:20] if isinstance(v, str) else v) for k, v in data.items()}
        error = response.exc_info[1] if response.exc_info else response.status_code
        failures.append((method, url[:120], shown, repr(error)[:200]))
    return response.status_code


def local_names(url: str) -> list[str]:
    """The parameters declared next to the view that answers `url` (its module's
    ParamsForms), for one request each: a value that a declared parameter refuses
    with a 400 can hide a crash in another one, read after it."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return []
    module = sys.modules.get(getattr(match.func, "__module__", ""), None)
    if module is None or match.func.__module__.startswith("wagtail.views"):
        page = Page.find_for_request(RequestFactory().get(url), urlsplit(url).path)
        module = sys.modules[type(page.specific).__module__] if page else None
    names = (
        {
            name
            for form in vars(module).values()
            if isinstance(form, type) and issubclass(form, ParamsForm)
            for name in form.base_fields
        }
        if module
        else set()
    )
    return sorted(names)


def square(names: list[str], shift: int) -> dict[str, str]:
    """Every name a different hostile value; over len(HOSTILE) shifts every name has
    had every value."""
    return {
        name: HOSTILE[(index + shift) % len(HOSTILE)]
        for index, name in enumerate(names)
    }


def fuzz(
    client: Client,
    url: str,
    names: list[str],
    failures: list,
    *,
    method: str = "get",
    shifts: int = len(HOSTILE),
    offset: int = 0,
) -> None:
    """`shifts` squares (all of them: every name gets every value here; fewer,
    started at `offset`: the rest of the values at the next addresses), repeated
    keys, and one value at a time in each parameter the view declares."""
    for shift in range(offset, offset + shifts):
        check(client, method, url, square(names, shift), failures)
    check(client, method, url, {name: ["1", "2"] for name in names}, failures)
    for index, name in enumerate(local_names(url)):
        value = HOSTILE[(index + offset) % len(HOSTILE)]
        check(client, method, url, {name: value}, failures)


def page_urls(city: City) -> list[str]:
    """A page of each type, and the sub-addresses of the routable ones."""
    standard = StandardPage(title="关于我们", slug="about")
    city.site.home_zh.add_child(instance=standard)
    pages = [
        city.site.home_zh,
        city.site.home_en,
        publish(standard),
        city.directory,
        city.district,
        city.a.get_parent(),
        city.a,
        city.duties,
        city.catalogue,
        city.notices,
        city.notice["A"],
        city.events,
        city.event["A"],
        city.convenience,
    ]
    subpages = [
        city.convenience.url + city.district.slug + "/",
        city.convenience.url + f"point/{city.point['A'].pk}/",
        city.directory.url + "map/",
        city.a.url + "poster/",
        city.a.url + "qr/png/",
        city.duties.url + "print/",
        city.duties.url + "changes/",
        city.duties.url + "download/csv/",
        city.duties.url + "items/EH-01/",
        city.catalogue.url + "print/",
        city.catalogue.url + "changes/",
    ]
    return [page.url for page in pages] + subpages


@pytest.fixture
def client() -> Client:
    # A 500 is what is looked for, so it is an answer here, not an exception.
    return Client(raise_request_exception=False)


@pytest.fixture(scope="module")
def built(module_transaction) -> tuple[City, dict]:
    """The city and one user per role, once for the module's tests."""
    city = build_city(module_transaction)
    return city, users_for(city)


@pytest.fixture
def city(db, built) -> City:
    return copy.deepcopy(built[0])


@pytest.fixture
def users(db, built) -> dict:
    return copy.deepcopy(built[1])


def our_routes(admin: bool) -> list[str]:
    """Routes as a Chinese reader reaches them. A language prefix is drawn in the
    language active when it is read, which the test before this one may have left
    at English; the views behind both prefixes are the same."""
    with translation.override(settings.LANGUAGE_CODE):
        return [
            route
            for route, pattern in routes()
            if ours(pattern) and route.startswith("admin/") == admin
        ]


def test_public_addresses_and_pages_never_answer_5xx(client, city):
    names = declared_names()
    values = real_arguments(city)
    failures: list = []
    urls = page_urls(city) + ["/api/v2/pages/", f"/api/v2/pages/{city.a.pk}/"]
    for route in our_routes(admin=False):
        urls.append(fill(route, values, None))
        for path in hostile_paths(route, values):
            check(client, "get", path, {}, failures)
    for index, url in enumerate(urls):
        fuzz(client, url, names, failures, shifts=6, offset=index * 6)
    for value in HOSTILE:
        check(client, "get", f"/api/v2/pages/{quote(value, safe='')}/", {}, failures)
    assert not failures, "\n".join(map(str, failures))


def test_public_forms_never_answer_5xx(client, city):
    """Every public address that takes a POST, the form's own fields included."""
    values = real_arguments(city)
    failures: list = []
    posted: list[str] = []
    report = f"/zh-hans/report/?community={values['community_id']}"
    for route in our_routes(admin=False):
        url = fill(route, values, None)
        if url == "/zh-hans/report/":
            url = report  # the QR address; without a community it is the choice step
        page = client.get(url)
        fields = {
            name
            for context in page.context or []
            for value in context.flatten().values()
            if isinstance(value, forms.BaseForm)
            for name in value.fields
        }
        if page.status_code < 400 and fields:
            fuzz(client, url, sorted(fields), failures, method="post")
            posted.append(url)
    for shift in range(len(HOSTILE)):
        data = square(sorted(CreateParams.base_fields), shift)
        check(client, "post", "/api/open311/v2/requests.json", data, failures)
    assert not failures, "\n".join(map(str, failures))
    assert {"/zh-hans/volunteer/", report} <= set(posted)
    assert Report.objects.count() == 2  # the two the city started with


def test_the_administrator_on_staff_screens_never_gets_5xx(client, city, users):
    """The administrator on every screen, each path argument and parameter, GET
    and POST."""
    names = declared_names()
    values = real_arguments(city)
    failures: list = []
    client.force_login(users["administrator"])
    for index, route in enumerate(our_routes(admin=True)):
        url = fill(route, values, None)
        for path in hostile_paths(route, values):
            check(client, "get", path, {}, failures)
        fuzz(client, url, names, failures, shifts=2, offset=index * 2)
        fuzz(client, url, names, failures, method="post", shifts=1, offset=index)
    assert not failures, "\n".join(map(str, failures))


def test_other_roles_on_staff_screens_never_get_5xx(client, city, users):
    """Every other role on every screen once, with a square of the values (a screen
    it may not open must refuse it, not fail)."""
    names = declared_names()
    values = real_arguments(city)
    failures: list = []
    opened = set()
    for role in ROLE_KEYS:
        if role == "administrator":
            continue
        client.force_login(users[role])
        for index, route in enumerate(our_routes(admin=True)):
            url = fill(route, values, None)
            status = check(client, "get", url, square(names, index), failures)
            if status in (200, 400):
                opened.add(route)
    assert not failures, "\n".join(map(str, failures))
    # The sample reached the screens, not only the login page.
    assert "admin/reports/" in opened and "admin/volunteers/" in opened


def test_framework_admin_screens_never_answer_5xx(client, city, users):
    """Wagtail's own admin views, once each, with a hostile value in every argument
    and the common parameters (the administrator sees them all)."""
    client.force_login(users["administrator"])
    values = real_arguments(city)
    failures: list = []
    rotation = itertools.count()
    for route, pattern in routes():
        if ours(pattern) or not route.startswith("admin/") or route in WAGTAIL_OWN:
            continue
        value = HOSTILE[next(rotation) % len(HOSTILE)]
        url = fill(route, values, None)
        for name in arguments(route):
            url = fill(route, values, (name, value))
        check(client, "get", url, dict.fromkeys(COMMON, value), failures)
    assert not failures, "\n".join(map(str, failures))
