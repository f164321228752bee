"""The staff snippet in the admin: one row per person, not one per language.

Staff are translatable, so each person is a row in every locale. The listing shows
each person once, as first entered (the row with the lowest id for its translation
key), with a column linking to the other languages' versions; choosing a language
in the filter lists that language's rows instead."""

from collections import defaultdict

from django import forms
from django.db.models import Min, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import LocaleFilter, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.coreutils import get_content_languages
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from notices.stations.staff import Staff


def first_entered(queryset: QuerySet) -> QuerySet:
    """Each translated record once: its row entered first."""
    firsts = (
        queryset.model.objects.values("translation_key")
        .annotate(first=Min("pk"))
        .values("first")
    )
    return queryset.filter(pk__in=firsts)


class FirstEnteredLocaleFilter(LocaleFilter):
    """No language chosen: each translated record once, as first entered; a
    language: that language's rows. `empty_label` names the first choice."""

    def __init__(self, empty_label, **kwargs):
        super().__init__(
            label=_("Language"),
            choices=lambda: list(get_content_languages().items()),
            empty_label=empty_label,
            widget=forms.RadioSelect,
            **kwargs,
        )

    def filter(self, qs, language_code):
        if not language_code:
            return first_entered(qs)
        return super().filter(qs, language_code)


class StaffFilterSet(WagtailFilterSet):
    locale = FirstEnteredLocaleFilter(_("One row per person"))

    class Meta:
        model = Staff
        fields = ["role", "locale"]


class TranslationsColumn(Column):
    """Links to the other languages' versions of the row's record (read for the
    whole page at once by `StaffIndexView`)."""

    cell_template_name = "notices/staff_translations_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        finder = AdminURLFinder(parent_context["request"].user)
        languages = get_content_languages()
        context["value"] = [
            {
                "language": languages.get(
                    version.locale.language_code, version.locale.language_code
                ),
                "language_code": version.locale.language_code,
                "name": version.name,
                "url": finder.get_edit_url(version),
            }
            for version in instance.other_versions
        ]
        return context


class StaffIndexView(IndexView):
    """The listing reads each row's account and other-language versions in two
    queries for the page, not one per row."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")

    def get_table(self, object_list):
        rows = list(object_list)
        versions = defaultdict(list)
        keys = {row.translation_key for row in rows}
        for version in Staff.objects.filter(translation_key__in=keys).select_related(
            "locale"
        ):
            versions[version.translation_key].append(version)
        for row in rows:
            row.other_versions = [
                version
                for version in versions[row.translation_key]
                if version.pk != row.pk
            ]
        return super().get_table(rows)


class StaffViewSet(SnippetViewSet):
    model = Staff
    icon = "group"
    index_view_class = StaffIndexView
    menu_label = _("Station staff")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "name",
        "role",
        "unit",
        "work_phone",
        "code",
        "user",
        TranslationsColumn("translations", label=_("Other languages")),
    ]
    filterset_class = StaffFilterSet
    search_fields = ["name", "unit", "code"]
