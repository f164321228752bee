"""The home page, plain content pages and the bureau's identity shown on every page."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import HomeBodyBlock, StandardBodyBlock
from portal.search_fields import CHINESE_TITLE_FIELDS, ChineseTitleSearch


class IntroPage(ChineseTitleSearch, Page):
    """A page that opens with a short introduction under its title; the home page,
    plain pages and the indexes and areas that list what is below them share it."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        *CHINESE_TITLE_FIELDS,
        index.SearchField("intro"),
    ]
    api_fields = [APIField("intro")]

    class Meta:
        abstract = True


class HomePage(IntroPage):
    """The landing page: what the programme is and the tasks residents come for."""

    intro = models.TextField(
        _("introduction"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences under the page title."),
    )
    body = StreamField(HomeBodyBlock(), blank=True, verbose_name=_("body"))

    template = "home/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "notices.StationIndexPage",
        "notices.NoticeIndexPage",
        "notices.EventIndexPage",
        "notices.DutyListPage",
        "notices.LenientCataloguePage",
        "notices.ConvenienceMapPage",
    ]
    max_count_per_parent = 1

    content_panels = [*IntroPage.content_panels, FieldPanel("body")]
    search_fields = [*IntroPage.search_fields, index.SearchField("body")]
    api_fields = [*IntroPage.api_fields, APIField("body")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(IntroPage):
    """A plain page for standing information: the programme, privacy, accessibility."""

    body = StreamField(StandardBodyBlock(), blank=True, verbose_name=_("body"))

    template = "home/standard_page.html"
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = [*IntroPage.content_panels, FieldPanel("body")]
    search_fields = [*IntroPage.search_fields, index.SearchField("body")]
    api_fields = [*IntroPage.api_fields, APIField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class BureauIdentity(TranslatableMixin, models.Model):
    """The bureau's name, hotline and filing numbers shown in every header and footer.

    One per language; numbers are kept in step across translations.
    """

    name = models.CharField(_("bureau name"), max_length=80)
    programme_name = models.CharField(_("programme name"), max_length=80)
    hotline = models.CharField(
        _("hotline"), max_length=30, help_text=_("Shown in the header, e.g. 12319.")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    email = models.EmailField(_("public email"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=120, blank=True)
    icp_number = models.CharField(
        _("ICP filing number"),
        max_length=60,
        blank=True,
        help_text=_("The ICP filing number, e.g. 苏ICP备00000000号."),
    )
    public_security_number = models.CharField(
        _("public security filing number"), max_length=60, blank=True
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Linked from the footer of every page: the standard the site meets and "
            "when it was last tested."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("programme_name")], heading=_("Names")
        ),
        MultiFieldPanel(
            [
                FieldPanel("hotline"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("office_hours"),
            ],
            heading=_("Contacts"),
        ),
        MultiFieldPanel(
            [FieldPanel("icp_number"), FieldPanel("public_security_number")],
            heading=_("Filing numbers"),
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading=_("Footer links"),
        ),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("programme_name"),
        TranslatableField("address"),
        TranslatableField("office_hours"),
        SynchronizedField("hotline"),
        SynchronizedField("email"),
        SynchronizedField("icp_number"),
        SynchronizedField("public_security_number"),
        # Each language's identity links its own language's page.
        TranslatableField("privacy_page"),
        TranslatableField("accessibility_page"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("bureau identity")
        verbose_name_plural = _("bureau identity")

    def __str__(self) -> str:
        return self.name

    def footer_links(self) -> list[tuple[str, str]]:
        """(title, address) of the privacy notice and the accessibility statement,
        those that are set and live."""
        pages = [self.privacy_page, self.accessibility_page]
        return [(page.title, page.url) for page in pages if page and page.live]

    @classmethod
    def for_active_language(cls) -> "BureauIdentity | None":
        """The identity in the visitor's language, else in the default language."""
        records = {
            record.locale.language_code: record
            for record in cls.objects.select_related("locale")
        }
        return records.get(translation.get_language()) or records.get(
            settings.LANGUAGE_CODE
        )
