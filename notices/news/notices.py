"""Notices (通知公告): what the bureau announces, citywide or to chosen areas.

A notice's scope decides where it shows: everywhere (citywide), on the station pages
of chosen districts, or on chosen community stations only. Scope is matched by the
pages' translation keys, so a notice scoped to a community in Chinese shows on that
community's English station page too.
"""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.models import IntroPage
from notices.news.visibility import visible
from notices.stations.scoping import (
    AreaScopedPage,
    allows,
    area_error,
    impossible_ids_emptied,
)
from portal.params import FilterChoiceField, PageNumberField, ParamsForm, read_params
from portal.search_fields import CHINESE_TITLE_FIELDS, ChineseTitleSearch

NOTICES_PER_PAGE = 10


class NoticeCategory(models.TextChoices):
    """Kinds of notice: 通知公告, 工作动态, 政策解读, 红黑榜, 便民信息.

    Keys are stable because feed addresses use them (`?category=ranking`).
    """

    ANNOUNCEMENT = "announcement", _("Announcements")
    WORK_NEWS = "work-news", _("Work news")
    POLICY = "policy", _("Policy explained")
    RANKING = "ranking", _("Red and black ranking")
    SERVICE = "service", _("Service information")


class Scope(models.TextChoices):
    CITYWIDE = "citywide", _("Citywide")
    DISTRICTS = "districts", _("Chosen districts")
    COMMUNITIES = "communities", _("Chosen communities")


def scope_filter(community: Page) -> Q:
    """Notices concerning a community: citywide, its district's, or its own.

    Subqueries rather than joins: no duplicate rows to remove, so the newest notices
    come straight off the `notice_newest` index however many there are."""
    from notices.stations.pages import DistrictPage

    condition = Q(scope=Scope.CITYWIDE) | Q(
        scope=Scope.COMMUNITIES,
        pk__in=NoticeCommunity.objects.filter(
            community__translation_key=community.translation_key
        ).values("page_id"),
    )
    district = community.get_ancestors().type(DistrictPage).first()
    if district is not None:
        condition |= Q(
            scope=Scope.DISTRICTS,
            pk__in=NoticeDistrict.objects.filter(
                district__translation_key=district.translation_key
            ).values("page_id"),
        )
    return condition


class NoticePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "notices.NoticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NoticeIndexPage(AreaScopedPage, IntroPage):
    """The list of notices, newest first, filterable by category and tag."""

    template = "notices/notice_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.NoticePage"]
    max_count_per_parent = 1
    holds_every_area = True

    class Meta:
        verbose_name = _("notice index")
        verbose_name_plural = _("notice indexes")

    def notices(self) -> QuerySet:
        return (
            visible(NoticePage.objects.child_of(self))
            .select_related("lead_image")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notices = self.notices()
        params = read_params(NoticeIndexParams, request.GET)
        category, tag = params["category"], params["tag"]
        if category:
            notices = notices.filter(category=category)
        if tag:
            notices = notices.filter(tags__name=tag).distinct()
        page: PaginatorPage = Paginator(notices, NOTICES_PER_PAGE).get_page(
            params["page"]
        )
        query = urlencode(
            {
                key: value
                for key, value in (("category", category), ("tag", tag))
                if value
            }
        )
        context.update(
            notices=page,
            categories=NoticeCategory.choices,
            current_category=category,
            current_tag=tag,
            page_query=f"&{query}" if query else "",
        )
        return context


class NoticeIndexParams(ParamsForm):
    category = FilterChoiceField(choices=NoticeCategory.choices)
    tag = forms.CharField(required=False, max_length=100)
    page = PageNumberField()


def is_scope_field(name: str) -> bool:
    """A scope row's district or community ("scope_communities-0-community")."""
    return name.startswith("scope_") and name.endswith(("-district", "-community"))


class NoticePageForm(WagtailAdminPageForm):
    """Checks that a scope naming districts or communities names at least one, and
    only areas the editor works for (an area editor's draft is kept, with an error,
    rather than refused)."""

    def __init__(self, data=None, *args, **kwargs):
        data = impossible_ids_emptied(data, is_scope_field)
        super().__init__(data, *args, **kwargs)
        # The date's default is today (a callable), so Django would compare it with
        # a hidden initial value that the admin never renders: every save would
        # count as a change, and an approver who signs off from the edit screen
        # would become the change's author and be refused (notices/signoff.py).
        self.fields["date"].show_hidden_initial = False

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        targets = {
            Scope.DISTRICTS: self.chosen("scope_districts", "district"),
            Scope.COMMUNITIES: self.chosen("scope_communities", "community"),
        }.get(scope)
        missing = {
            Scope.DISTRICTS: _(
                "Choose at least one district, or make the notice citywide."
            ),
            Scope.COMMUNITIES: _(
                "Choose at least one community, or make the notice citywide."
            ),
        }
        if scope in missing and not targets:
            self.add_error("scope", missing[scope])
        elif scope and not allows(self.for_user, targets):
            self.add_error("scope", area_error(self.for_user))
        return cleaned

    def chosen(self, formset_name: str, field_name: str) -> list:
        """The pages chosen in a formset's valid, undeleted rows."""
        formset = self.formsets.get(formset_name)
        return [
            form.cleaned_data[field_name]
            for form in (formset.forms if formset is not None else [])
            if form.is_valid()
            and form.cleaned_data.get(field_name)
            and not form.cleaned_data.get("DELETE")
        ]


class NoticePage(ChineseTitleSearch, AreaScopedPage, Page):
    """One notice: an announcement, work news, a policy explained or a ranking."""

    open_graph_type = "article"  # what a shared link's card calls it
    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("Shown on the notice and used to order the list."),
    )
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=NoticeCategory.choices,
        default=NoticeCategory.ANNOUNCEMENT,
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for lists and feeds."),
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    body = RichTextField(
        _("body"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
    )
    scope = models.CharField(
        # Where the notice is published (发布范围), not a catalogue item's scope.
        pgettext_lazy("notice", "scope"),
        max_length=20,
        choices=Scope.choices,
        default=Scope.CITYWIDE,
        help_text=_(
            "Citywide notices show everywhere; others show on the station pages of "
            "the districts or communities chosen below."
        ),
    )
    tags = ClusterTaggableManager(
        through=NoticePageTag, blank=True, verbose_name=_("tags")
    )

    base_form_class = NoticePageForm
    template = "notices/notice_page.html"
    parent_page_types = ["notices.NoticeIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultipleChooserPanel(
            "attachments", chooser_field_name="document", label=_("Attachments")
        ),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("scope", widget=forms.RadioSelect),
                MultipleChooserPanel(
                    "scope_districts",
                    chooser_field_name="district",
                    label=_("Districts"),
                ),
                MultipleChooserPanel(
                    "scope_communities",
                    chooser_field_name="community",
                    label=_("Communities"),
                ),
            ],
            heading=_("Where it shows"),
        ),
        MultipleChooserPanel(
            "related_notices", chooser_field_name="notice", label=_("Related notices")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *CHINESE_TITLE_FIELDS,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("category"),
        APIField("summary"),
        APIField("body"),
        APIField("scope"),
    ]

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        # The newest notices (home page, index, feeds) without sorting them all.
        indexes = [models.Index(fields=["-date", "-page_ptr"], name="notice_newest")]

    @property
    def excerpt(self) -> str:
        return self.summary or self.search_description

    def listing(self) -> dict[str, str]:
        """What a list of notices shows of this one, in the active language, as plain
        data: its address, title, category, excerpt, date (ISO) and the date as the
        reader's language writes it. The home and station pages remember these, not
        the pages (notices_tags)."""
        return {
            "url": self.get_url(),
            "title": self.title,
            "category": self.get_category_display(),
            "excerpt": self.excerpt,
            "date": self.date.isoformat(),
            "day": date_format(self.date, "DATE_FORMAT"),
        }

    def get_context(self, request, *args, **kwargs):
        from portal.lookups import remembered

        context = super().get_context(request, *args, **kwargs)
        context["extras"] = remembered(
            "notice-extras", self.extras, self.pk, translation.get_language()
        )
        return context

    def extras(self) -> dict:
        """What the notice page shows besides its own fields: attachments, tags (with
        the address listing each), related notices and the areas it is for."""
        parent = self.get_parent()
        return {
            "attachments": list(self.attachments.select_related("document")),
            "tags": list(self.tags.all()),
            "index_url": parent.get_url() if parent else "",
            "related": self.related(),
            "areas": self.scope_labels(),
        }

    def related(self) -> list[Page]:
        """Related notices still visible, in this page's language where translated."""
        pages = []
        for link in self.related_notices.select_related("notice"):
            notice = link.notice
            if notice is None:
                continue
            localized = notice.localized
            if localized.live and (
                localized.expire_at is None or localized.expire_at > timezone.now()
            ):
                pages.append(localized)
        return pages

    def area_targets(self) -> list | None:
        """The districts or communities the notice names; None when citywide."""
        if self.scope == Scope.DISTRICTS:
            return [link.district for link in self.scope_districts.all()]
        if self.scope == Scope.COMMUNITIES:
            return [link.community for link in self.scope_communities.all()]
        return None

    def scope_labels(self) -> list[str]:
        """The districts or communities the notice is for, in this page's language."""
        if self.scope == Scope.DISTRICTS:
            pages = [link.district for link in self.scope_districts.all()]
        elif self.scope == Scope.COMMUNITIES:
            pages = [link.community for link in self.scope_communities.all()]
        else:
            return []
        return [page.localized.title for page in pages if page is not None]

    @classmethod
    def for_community(cls, community: Page, locale=None) -> QuerySet:
        """Visible notices concerning a community, in `locale` (default: the
        community page's language)."""
        locale_id = locale.pk if locale is not None else community.locale_id
        return (
            visible(cls.objects.filter(locale_id=locale_id))
            .filter(scope_filter(community))
            .order_by("-date", "-pk")
        )


class NoticeAttachment(Orderable):
    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class NoticeDistrict(Orderable):
    page = ParentalKey(
        NoticePage, on_delete=models.CASCADE, related_name="scope_districts"
    )
    district = models.ForeignKey(
        "notices.DistrictPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("district"),
    )

    panels = [PageChooserPanel("district", "notices.DistrictPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class NoticeCommunity(Orderable):
    page = ParentalKey(
        NoticePage, on_delete=models.CASCADE, related_name="scope_communities"
    )
    community = models.ForeignKey(
        "notices.CommunityPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("community"),
    )

    panels = [PageChooserPanel("community", "notices.CommunityPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("community")
        verbose_name_plural = _("communities")


class RelatedNotice(Orderable):
    page = ParentalKey(
        NoticePage, on_delete=models.CASCADE, related_name="related_notices"
    )
    notice = models.ForeignKey(
        NoticePage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("notice"),
    )

    panels = [PageChooserPanel("notice", "notices.NoticePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related notice")
        verbose_name_plural = _("related notices")
