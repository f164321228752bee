"""How the apps plug into portal (portal/extensions.py): demo steps in order, the
demo admin, and roles synced after `migrate` rather than by a migration that would
depend on the apps."""

from importlib import import_module

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from portal import roles
from portal.demo import DEMO_ADMIN_USERNAME, ensure_admin
from portal.extensions import demo_loaders

pytestmark = pytest.mark.django_db


def test_demo_steps_run_home_first_then_notices_then_participation():
    steps = [f"{step.__module__}.{step.__qualname__}" for step in demo_loaders()]
    assert steps == [
        "home.demo.load",
        "notices.demo.stations.load",
        "notices.demo.boundaries.load",
        "notices.demo.duties.load",
        "notices.demo.catalogue.load",
        "notices.demo.notices.load",
        "notices.demo.convenience.load",
        "notices.merchants.demo.load",
        "participation.reports.demo.load",
        "participation.volunteers.demo.load",
        "participation.roundtables.demo.load",
        "participation.rankings.demo.load",
        "participation.campaigns.demo.load",
    ]


def test_demo_admin_is_created_once(capsys):
    ensure_admin(print)
    ensure_admin(print)
    said = capsys.readouterr().out
    assert said.count(f"Created admin user '{DEMO_ADMIN_USERNAME}'.") == 1
    assert get_user_model().objects.get(username=DEMO_ADMIN_USERNAME).is_superuser


def roles_migration():
    module = import_module("portal.migrations.0004_roles")
    return module.Migration("0004_roles", "portal")


def test_migrating_syncs_the_roles_only_when_the_roles_migration_is_applied():
    editors = Group.objects.get(name=roles.EDITOR.group)
    access = Permission.objects.get(codename="access_admin")
    editors.permissions.remove(access)

    # `flush` (no plan), a migrate with nothing new, and unapplying the migration
    # leave the groups as administrators keep them.
    for plan in (None, [], [(roles_migration(), True)]):
        roles.sync_roles_after_migrate(sender=None, plan=plan)
        assert not editors.permissions.filter(pk=access.pk).exists()

    roles.sync_roles_after_migrate(sender=None, plan=[(roles_migration(), False)])
    assert editors.permissions.filter(pk=access.pk).exists()
