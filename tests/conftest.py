"""Shared fixtures: one bilingual site tree under every test, built once per session.

The base site (locales, a Chinese home page with its English translation, the default
Site, the bureau's identity in both languages) is committed right after the test
database is created. Each ordinary test runs in a transaction that is rolled back, so
it finds the base site as it was, whatever the tests before it changed.

A transactional test (`transaction=True`, `transactional_db`, `live_server`) commits,
and Django empties the database after it. `pytest_runtest_teardown` below then loads
the base site back, with the same primary keys, so the next test finds it in any
order and no cache keeps an id that no longer exists.

A module whose tests only read what they share may build it once: a module-scoped
fixture that asks for `module_transaction` builds inside one transaction held open
for the module, each test runs in a savepoint inside it, and the module's data goes
when its last test is done (tests/test_hostile_parameters.py does this).

Under pytest-xdist (`pytest -n 2`) each worker is a process of its own with its own
test database, base site and cache (portal/settings/test.py).
"""

from collections.abc import Generator
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from pytest_django import DjangoDbBlocker
from wagtail.models import Collection, Locale, Page, Site

from home.models import BureauIdentity, HomePage
from tests.factories import BureauIdentityFactory, HomePageFactory


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request made by an earlier
    test in the same thread leaves its language active (Django activates it per
    request and does not put it back), which would make a test's outcome depend on
    the order the tests ran in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (Redis outlives the test database).

    A test runs inside a transaction that is never committed, so the content
    generation, which moves on commit (portal/cache.py), is moved as soon as a change
    is pending, as a commit right after it would. Tests of the commit itself
    disconnect this (tests/portal/test_invalidation.py)."""
    from django.core.cache import cache

    from portal.cache import change_pending, move_generation

    uid = "tests-move-generation-at-once"
    cache.clear()
    change_pending.connect(move_generation, dispatch_uid=uid)
    yield
    change_pending.disconnect(dispatch_uid=uid)


@dataclass
class BilingualSite:
    zh: Locale
    en: Locale
    home_zh: HomePage
    home_en: HomePage
    site: Site


@dataclass(frozen=True)
class BaseSite:
    """The committed base site: its primary keys, the database as it was once built
    (to load back after a transactional test) and the key to the database."""

    zh: int
    en: int
    home_zh: int
    home_en: int
    site: int
    content_types: str
    snapshot: str
    blocker: DjangoDbBlocker


BASE_SITE = pytest.StashKey[BaseSite]()


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page.specific


def translate(page: Page, locale: Locale, **fields) -> Page:
    """Publish a translation of `page` in `locale` with the given field values."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return publish(translated)


def build_bilingual_site() -> BilingualSite:
    """A Chinese home page as the site root, its English translation, the identity.

    Replaces whatever site the database holds (Wagtail's welcome page, or a base site
    kept by --reuse-db)."""
    zh = Locale.objects.get_or_create(language_code="zh-hans")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.get_first_root_node() or Page.add_root(
        title="Root", slug="root", locale=zh
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    for stale in root.get_children():
        stale.delete()
    BureauIdentity.objects.all().delete()
    home_zh = HomePageFactory(parent=root, locale=zh)
    home_en = translate(
        home_zh,
        en,
        title="City management in communities",
        intro="Services in your community.",
    )
    site = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home_zh},
    )[0]
    identity = BureauIdentityFactory(locale=zh)
    english = identity.copy_for_translation(en)
    english.name = "Demo City Urban Management Bureau"
    english.programme_name = "City management in communities"
    english.save()
    return BilingualSite(zh=zh, en=en, home_zh=home_zh, home_en=home_en, site=site)


def warm_content_types() -> None:
    """Forget content type ids read before a flush, and read them all now, before
    any test starts threads that would each fill the cache."""
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup, django_db_blocker, pytestconfig
) -> Generator[None]:
    """pytest-django's test database, with the base site committed in it."""
    with django_db_blocker.unblock():
        built = build_bilingual_site()
        warm_content_types()
        pytestconfig.stash[BASE_SITE] = BaseSite(
            zh=built.zh.pk,
            en=built.en.pk,
            home_zh=built.home_zh.pk,
            home_en=built.home_en.pk,
            site=built.site.pk,
            content_types=serializers.serialize("json", ContentType.objects.all()),
            snapshot=connection.creation.serialize_db_to_string(),
            blocker=django_db_blocker,
        )
    yield
    # The database goes next: nothing may be restored into it any more.
    del pytestconfig.stash[BASE_SITE]


def restore_base_site(base: BaseSite) -> None:
    """Empty the database and load the base site back with its original ids.

    The flush that follows a plain transactional test recreates content types and
    permissions with new ids; they go too, so the snapshot's ids fit again. Content
    types come back first: a page being loaded asks for its own, and would create
    it under a new id if it were not there yet."""
    call_command(
        "flush",
        interactive=False,
        verbosity=0,
        reset_sequences=False,
        inhibit_post_migrate=True,
    )
    for content_type in serializers.deserialize("json", base.content_types):
        content_type.save()
    warm_content_types()
    connection.creation.deserialize_db_from_string(base.snapshot)
    warm_content_types()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After every test's own teardown (where Django flushes after a transactional
    test), put the base site back if it is gone; not after the last test, whose
    teardown also destroys the test database."""
    try:
        return (yield)
    finally:
        base = item.config.stash.get(BASE_SITE, None)
        if base is not None and nextitem is not None:
            with base.blocker.unblock():
                if not Site.objects.filter(pk=base.site).exists():
                    restore_base_site(base)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    """The seed of the random order again, at the end where a failure is read (the
    header that pytest-randomly prints is hidden by -q)."""
    if config.pluginmanager.hasplugin("randomly"):
        seed = config.getoption("randomly_seed")
        terminalreporter.write_line(
            f"Tests ran in random order: repeat it with --randomly-seed={seed}"
        )


def transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    asked = marker is not None and marker.kwargs.get("transaction")
    return bool(asked or {"transactional_db", "live_server"} & fixtures)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse what would undo the base site. serialized_rollback loads the database
    as the migrations left it on top of the base site (two home pages on one tree
    path), and is not needed: the base site is back after every transactional test.
    reset_sequences would hand out the base site's own ids again. A transactional
    test in a module that holds a transaction open (module_transaction, from its
    first test that asks for it to its last test) would commit and empty what the
    module's tests share."""
    refused = ("serialized_rollback", "reset_sequences")
    sharing = {
        getattr(item, "module", None)
        for item in items
        if "module_transaction" in getattr(item, "fixturenames", ())
    }
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        for option in refused:
            asked = marker is not None and marker.kwargs.get(option)
            if asked or f"django_db_{option}" in fixtures:
                raise pytest.UsageError(
                    f"{item.nodeid}: {option} is not available here: "
                    "tests/conftest.py keeps one base site under every test"
                )
        if getattr(item, "module", None) in sharing and transactional(item):
            raise pytest.UsageError(
                f"{item.nodeid}: a transactional test cannot run in a module that "
                "shares a transaction (module_transaction, tests/conftest.py)"
            )


def read_base_site(base: BaseSite) -> BilingualSite:
    return BilingualSite(
        zh=Locale.objects.get(pk=base.zh),
        en=Locale.objects.get(pk=base.en),
        home_zh=HomePage.objects.get(pk=base.home_zh),
        home_en=HomePage.objects.get(pk=base.home_en),
        site=Site.objects.get(pk=base.site),
    )


@pytest.fixture
def bilingual_site(db, pytestconfig) -> BilingualSite:
    """The session's base site, read afresh so a test may change its objects."""
    return read_base_site(pytestconfig.stash[BASE_SITE])


@pytest.fixture(scope="module")
def module_transaction(
    django_db_setup, django_db_blocker, pytestconfig
) -> Generator[BilingualSite]:
    """A transaction around a whole test module, rolled back after its last test.

    Module-scoped fixtures that ask for it build their data once, inside it; each
    test of the module then runs in a savepoint inside it (pytest-django's `db`) and
    is rolled back to what the module built. Yields the base site as read in it.
    Hand each test a copy of the objects built (copy.deepcopy, as Django's
    setUpTestData does), so that one test's changes to them in memory cannot reach
    the next. A transactional test cannot run inside it: collection refuses one."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield read_base_site(pytestconfig.stash[BASE_SITE])
        transaction.set_rollback(True)
