"""A module's shared data (module_transaction, tests/conftest.py): built once, and
found by each of the module's tests as it was built, whatever the others changed."""

import copy

import pytest

from home.models import StandardPage
from tests.conftest import publish


@pytest.fixture(scope="module")
def shared(module_transaction) -> StandardPage:
    page = StandardPage(title="共享页面", slug="shared")
    module_transaction.home_zh.add_child(instance=page)
    return publish(page)


@pytest.fixture
def page(db, shared) -> StandardPage:
    return copy.deepcopy(shared)


# Two runs of one test, in either order: the second finds what the first changed
# undone, in the database and in the objects it is handed.
@pytest.mark.parametrize("run", ["first", "second"])
def test_each_test_finds_the_shared_page_as_built(page, run):
    stored = StandardPage.objects.get(pk=page.pk)
    assert stored.title == page.title == "共享页面"
    assert stored.live and stored.revisions.count() == 1
    assert StandardPage.objects.count() == 1
    page.title = f"{run}改过的页面"
    page.save_revision().publish()
    StandardPage.objects.update(slug=f"changed-{run}")
    page.add_child(instance=StandardPage(title=f"{run}子页面", slug=f"child-{run}"))
    assert StandardPage.objects.count() == 2
