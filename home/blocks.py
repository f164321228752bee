"""StreamField blocks for the home page and standard pages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from portal.extensions import method_split

ICON_CHOICES = [
    ("station", _("Station")),
    ("report", _("Report")),
    ("catalogue", _("Catalogue")),
    ("event", _("Event")),
    ("volunteer", _("Volunteer")),
    ("notice", _("Notice")),
    ("info", _("Information")),
]


class QuickLinkBlock(blocks.StructBlock):
    """A large tap target leading to one task a resident came to do."""

    title = blocks.CharBlock(max_length=40, label=_("Title"))
    description = blocks.CharBlock(
        max_length=80, required=False, label=_("Description")
    )
    icon = blocks.ChoiceBlock(choices=ICON_CHOICES, default="info", label=_("Icon"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Address on this site"),
        help_text=_(
            "Used when no page is chosen, e.g. /report/ (language prefix added)."
        ),
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choose a page or give an address."))
                }
            )
        url = value.get("url") or ""
        if url and not url.startswith("/"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Give an address on this site, starting with /.")
                    )
                }
            )
        return value

    class Meta:
        icon = "link"
        template = "components/quick_link.html"
        label = _("Quick link")
        preview_value = {
            "title": "找驻点",
            "description": "查看本社区城管工作站和联系方式",
            "icon": "station",
            "url": "/stations/",
        }


class FigureBlock(blocks.StructBlock):
    """A key figure of the programme, such as the 721 method's 70% service."""

    number = blocks.CharBlock(max_length=12, label=_("Figure"))
    label = blocks.CharBlock(max_length=60, label=_("What it counts"))

    class Meta:
        icon = "order"
        template = "components/figure.html"
        label = _("Key figure")
        preview_value = {"number": "70%", "label": "服务"}


class MethodSplitBlock(blocks.StructBlock):
    """The 721 method's figures (service, management, enforcement) computed from the
    reports of the last months, with the period they cover: never typed by hand."""

    months = blocks.IntegerBlock(
        min_value=1,
        max_value=36,
        default=12,
        label=_("Months counted"),
        help_text=_("Reports received in this many months up to today."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["split"] = method_split(value["months"])
        return context

    class Meta:
        icon = "order"
        template = "components/method_split.html"
        label = _("721 method figures from the reports")
        preview_value = {"months": 12}


class SectionBlock(blocks.StructBlock):
    """A headed section of text."""

    heading = blocks.CharBlock(max_length=80, label=_("Heading"))
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], label=_("Text")
    )

    class Meta:
        icon = "doc-full"
        template = "components/section.html"
        label = _("Section")
        preview_value = {
            "heading": "什么是城市管理进社区",
            "text": "<p>城管队员和服务走进社区。</p>",
        }


class HomeBodyBlock(blocks.StreamBlock):
    quick_links = blocks.ListBlock(
        QuickLinkBlock(), label=_("Quick links"), template="components/quick_links.html"
    )
    figures = blocks.ListBlock(
        FigureBlock(), label=_("Key figures"), template="components/figures.html"
    )
    method_split = MethodSplitBlock()
    section = SectionBlock()


class StandardBodyBlock(blocks.StreamBlock):
    section = SectionBlock()
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        label=_("Paragraph"),
        template="components/paragraph.html",
    )
