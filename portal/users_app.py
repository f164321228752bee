"""Wagtail's users app, with the group screens that show role names in the reader's
language (Wagtail's documented "Customizing group/user views": a users app config
naming our group viewset, put in INSTALLED_APPS in place of "wagtail.users")."""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersAppConfig(WagtailUsersAppConfig):
    group_viewset = "portal.admin_groups.GroupViewSet"
