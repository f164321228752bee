"""The group screens (/admin/groups/) with each group under its name in the reader's
language: role groups are stored under English msgids (portal/roles.py) and shown
by `portal.roles.display_name` in the listing, the editor's heading and breadcrumbs,
the delete screen and the messages after saving or deleting. Registered through
portal/users_app.py."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import TitleColumn
from wagtail.users.views import groups

from portal.roles import display_name


def group_name(group) -> str:
    return display_name(group.name)


class NamedGroupMixin:
    """A group screen naming its group in the reader's language."""

    def get_page_subtitle(self):
        return group_name(self.object)

    def get_success_message(self):
        if self.success_message is None:
            return None
        return capfirst(self.success_message % {"object": group_name(self.object)})


class GroupIndexView(groups.IndexView):
    columns = [
        TitleColumn(
            "name",
            label=_("Name"),
            accessor=group_name,
            sort_key="name",
            url_name="wagtailusers_groups:edit",
        ),
    ]


class GroupEditView(NamedGroupMixin, groups.EditView):
    pass


class GroupDeleteView(NamedGroupMixin, groups.DeleteView):
    pass


class GroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView
    edit_view_class = GroupEditView
    delete_view_class = GroupDeleteView
    delete_template_name = "portal/admin_group_confirm_delete.html"
