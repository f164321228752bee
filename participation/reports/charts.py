"""Bar charts as inline SVG, drawn on the server: readable without JavaScript, no
style attributes (the CSP forbids them; colours are presentation attributes), each
with a title for screen readers. The page shows the same figures as a table."""

from datetime import date

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BAR = "#0b4f8a"
BAR_2 = "#1d6b35"
INK = "#1a1a1a"
GRID = "#c9ced6"


def svg_chart(title: str, width: int, height: int, parts: list[str]) -> SafeString:
    """The chart's frame: its size, and its title for screen readers around
    `parts`, each built with format_html."""
    return format_html(
        '<svg class="report-chart" viewBox="0 0 {} {}" width="{}" height="{}" '
        'role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>{}</svg>",
        width,
        height,
        width,
        height,
        title,
        title,
        mark_safe("".join(parts)),  # noqa: S308 - parts built with format_html
    )


def bar_chart(rows: list[tuple[str, int]], title: str, width: int = 360) -> SafeString:
    """Horizontal bars, one per (label, value)."""
    if not rows:
        return mark_safe("")  # noqa: S308 - constant
    label_width, bar_height, gap = 130, 20, 6
    most = max(value for _label, value in rows) or 1
    room = width - label_width - 36
    height = len(rows) * (bar_height + gap) + gap
    parts = []
    for index, (label, value) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = round(room * value / most)
        shown = label if len(label) <= 8 else label[:7] + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="{}" font-size="12">{}'
                "</text>"
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}'
                "</title></rect>"
                '<text x="{}" y="{}" fill="{}" font-size="14">{}</text>',
                label_width - 8,
                y + 16,
                INK,
                shown,
                label_width,
                y,
                max(length, 1 if value else 0),
                bar_height,
                BAR,
                label,
                value,
                label_width + length + 6,
                y + 16,
                INK,
                value,
            )
        )
    return svg_chart(title, width, height, parts)


def month_chart(rows: list[tuple[date, int, int]], width: int = 360) -> SafeString:
    """Reports received and resolved per month, as paired vertical bars."""
    if not rows:
        return mark_safe("")  # noqa: S308 - constant
    title = _("Reports received and resolved per month")
    height, top, bottom, left = 200, 16, 40, 28
    plot = height - top - bottom
    most = max(max(received, resolved) for _m, received, resolved in rows) or 1
    slot = (width - left) / len(rows)
    bar = max(4, slot / 2 - 4)
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
            left,
            top + plot,
            width,
            top + plot,
            GRID,
        ),
        format_html(
            '<text x="{}" y="{}" text-anchor="end" fill="{}" font-size="12">{}</text>',
            left - 4,
            top + 10,
            INK,
            most,
        ),
    ]
    for index, (month, received, resolved) in enumerate(rows):
        x = left + index * slot + 2
        label = date_format(month, "Y-m")
        for offset, value, colour, name in (
            (0, received, BAR, _("received")),
            (bar + 2, resolved, BAR_2, _("resolved")),
        ):
            h = round(plot * value / most)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{} {}: {}</title></rect>",
                    round(x + offset, 1),
                    top + plot - h,
                    round(bar, 1),
                    h,
                    colour,
                    label,
                    name,
                    value,
                )
            )
        if index % 2 == 0 or len(rows) <= 6:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" fill="{}" '
                    'font-size="11">{}</text>',
                    round(x + bar, 1),
                    top + plot + 16,
                    INK,
                    date_format(month, "M"),
                )
            )
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
        '<text x="{}" y="{}" fill="{}" font-size="12">{}</text>',
        [
            (left, height - 14, BAR, left + 16, height - 4, INK, _("received")),
            (
                left + 110,
                height - 14,
                BAR_2,
                left + 126,
                height - 4,
                INK,
                _("resolved"),
            ),
        ],
    )
    return svg_chart(title, width, height, [*parts, legend])
