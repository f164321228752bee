"""Convenience points in the admin: station staff keep their own communities' points,
citywide staff every community's. `PointPolicy` is the one place that says whose
points a user may touch; the listing, each point's views, the bulk actions and the
form's choice of community all ask it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets as views
from wagtail.snippets.views.snippets import SnippetViewSet

from notices.convenience.models import ConveniencePoint
from notices.stations.assignments import communities_for
from notices.stations.scoping import impossible_ids_emptied, is_citywide
from notices.stations.staff_views import FirstEnteredLocaleFilter


def community_keys(user):
    """Translation keys of the communities whose points `user` may touch; None: all."""
    if is_citywide(user):
        return None
    return communities_for(user).values("translation_key")


class PointPolicy(ModelPermissionPolicy):
    """The model's Django permissions, limited for area staff to the points of
    their own communities."""

    def covers(self, user, instance) -> bool:
        keys = community_keys(user)
        return (
            keys is None
            or keys.filter(translation_key=instance.community.translation_key).exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(
            user, action, instance
        ) and self.covers(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(
            user, actions, instance
        ) and self.covers(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        keys = community_keys(user)
        if keys is None:
            return instances
        return instances.filter(community__translation_key__in=keys)


STREAM_FIELDS = ("hours", "hours_exceptions")


def unreadable_streams(data) -> list[str]:
    """The hours fields whose posted blocks a browser could not have sent (no
    count, a count that is no small number, a block without its keys): Wagtail's
    widget would fail on them before the form could say so."""
    bad = []
    for name in STREAM_FIELDS:
        count = data.get(f"{name}-count")
        if count is None or not count.isascii() or not count.isdigit():
            bad.append(name)
        elif int(count) > 100 or any(
            f"{name}-{index}-{key}" not in data
            for index in range(int(count))
            for key in ("deleted", "order", "type")
        ):
            bad.append(name)
    return bad


class PointForm(WagtailAdminModelForm):
    """Station staff choose only a community they work for."""

    def __init__(self, data=None, *args, **kwargs):
        data = impossible_ids_emptied(data, lambda name: name == "community")
        self.unreadable = unreadable_streams(data) if data is not None else []
        if self.unreadable:
            data = data.copy()
            for name in self.unreadable:
                data[f"{name}-count"] = "0"
        super().__init__(data, *args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        for name in self.unreadable:
            self.add_error(name, _("These hours could not be read: enter them again."))
        return cleaned

    def clean_community(self):
        community = self.cleaned_data.get("community")
        keys = community_keys(self.for_user)
        if community is not None and keys is not None:
            if not keys.filter(translation_key=community.translation_key).exists():
                raise ValidationError(_("Choose a community you work for."))
        return community


class OwnCommunityOnly:
    """Every view of one point: another community's point is refused."""

    def get_object(self, *args, **kwargs):
        try:
            point = super().get_object(*args, **kwargs)
        except ValueError as error:  # an id no database holds ("²", "nan")
            raise Http404 from error
        if not PointPolicy(ConveniencePoint).covers(self.request.user, point):
            raise PermissionDenied
        return point


class EditView(OwnCommunityOnly, views.EditView):
    pass


class DeleteView(OwnCommunityOnly, views.DeleteView):
    pass


class InspectView(OwnCommunityOnly, views.InspectView):
    pass


class HistoryView(OwnCommunityOnly, views.HistoryView):
    pass


class UsageView(OwnCommunityOnly, views.UsageView):
    pass


class CopyView(OwnCommunityOnly, views.CopyView):
    pass


class PointFilterSet(WagtailFilterSet):
    """Each point once (as first entered) unless a language is chosen."""

    locale = FirstEnteredLocaleFilter(_("One row per point"))

    class Meta:
        model = ConveniencePoint
        fields = ["category", "locale"]


class ConveniencePointViewSet(SnippetViewSet):
    model = ConveniencePoint
    icon = "site"
    menu_label = _("Convenience map")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["name", "category", "community", "address", "locale"]
    list_export = [
        "name",
        "category",
        "community",
        "latitude",
        "longitude",
        "address",
        "open_all_day",
        "note",
    ]
    export_filename = "convenience-points"
    filterset_class = PointFilterSet
    search_fields = ["name", "address", "note"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "category",
        "name",
        "community",
        "latitude",
        "longitude",
        "address",
        "open_all_day",
        "hours",
        "hours_exceptions",
        "accessibility",
        "facilities",
        "note",
    ]
    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    usage_view_class = UsageView
    copy_view_class = CopyView
    edit_handler = ObjectList(ConveniencePoint.panels, base_form_class=PointForm)

    def get_queryset(self, request):
        return (
            PointPolicy(ConveniencePoint)
            .instances_user_has_any_permission_for(
                request.user, ["add", "change", "delete", "view"]
            )
            .select_related("community", "locale")
        )
