"""Administrators' screen: the audit log (area assignments are notices' own, in
notices/stations/assignment_views.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from portal.audit import in_words, in_words_known
from portal.models import AuditEntry


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Viewing needs the view permission; nobody, superusers included, may add,
    change or delete an entry."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


def what(entry: AuditEntry) -> str:
    return in_words(entry)[0]


def detail(entry: AuditEntry) -> str:
    """In words where the verb is a registered log action; otherwise as recorded,
    with a workflow, task or group it names in the reader's language."""
    return entry.detail_text() if not in_words_known(entry) else in_words(entry)[1]


class AuditEntryInspectView(InspectView):
    """An entry's verb and detail in the reader's language, not as stored."""

    def get_verb_display_value(self):
        return what(self.object)

    def get_detail_display_value(self):
        return detail(self.object)


class AuditEntryViewSet(ModelViewSet):
    """The audit log, read only, for administrators (view permission on the log);
    what each entry says is read in the reader's language (`audit.in_words`)."""

    model = AuditEntry
    inspect_view_class = AuditEntryInspectView
    icon = "history"
    menu_label = _("Audit log")
    add_to_settings_menu = True
    menu_order = 620
    list_display = [
        "at",
        "username",
        "action",
        Column("verb", label=_("what"), accessor=what),
        Column("detail", label=_("detail"), accessor=detail),
        "object_type",
        "object_name",
        "rows",
        "personal_data",
    ]
    list_filter = ["action", "personal_data", "at"]
    search_fields = ["username", "verb", "object_repr", "object_id", "detail"]
    copy_view_enabled = False
    # Never shown (the policy refuses add and change); ModelViewSet wants a form.
    form_fields = ["verb"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "at",
        "username",
        "action",
        "verb",
        "object_type",
        "object_id",
        "object_name",
        "rows",
        "personal_data",
        "detail",  # in words, or as recorded with names translated (detail())
    ]
