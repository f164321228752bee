"""A convenience point's rules: where it may be, when it is open, which language's
points a map shows."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from notices.convenience.models import ConveniencePoint, location_problem
from tests.notices.convenience.builders import ALL_DAY_SHIFT, point

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def problem(latitude: str, longitude: str) -> str:
    with translation.override("en"):
        return location_problem(Decimal(latitude), Decimal(longitude))


def test_swapped_coordinates_are_named_as_swapped(cmap):
    assert "swapped" in problem("117.185", "34.265")


def test_coordinates_outside_china_are_refused(cmap):
    assert "outside China" in problem("51.5", "-0.12")


def test_coordinates_in_china_but_outside_the_city_are_refused(cmap):
    # Beijing, while the city's stations are near 34.26, 117.18.
    assert "outside the city" in problem("39.9", "116.4")


def test_coordinates_near_the_stations_are_accepted(cmap):
    assert problem("34.27", "117.19") == ""


def test_the_admin_form_rule_reports_the_problem_on_the_latitude(cmap):
    with translation.override("zh-hans"):
        bad = point(cmap.a, latitude=Decimal("117.185"), longitude=Decimal("34.265"))
        with pytest.raises(ValidationError) as error:
            bad.full_clean()
    assert "latitude" in error.value.message_dict
    assert "填反" in error.value.message_dict["latitude"][0]


def test_a_point_open_day_and_night_may_not_also_have_hours(cmap):
    bad = point(cmap.a, open_all_day=True, hours=ALL_DAY_SHIFT)
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "hours" in error.value.message_dict


def test_opening_status_follows_the_shifts_in_shanghai_time(cmap):
    shift = [
        (
            "shift",
            {
                "days": ["1", "2", "3", "4", "5", "6", "7"],
                "opens": dt.time(6, 0),
                "closes": dt.time(9, 0),
            },
        )
    ]
    stall = point(cmap.a, category="vending", hours=shift)
    morning = dt.datetime(2026, 12, 7, 7, 30, tzinfo=SHANGHAI)
    noon = dt.datetime(2026, 12, 7, 12, 0, tzinfo=SHANGHAI)
    assert stall.opening_status(morning).is_open
    assert not stall.opening_status(noon).is_open
    # Open day and night: no status to show, never "closed".
    assert point(cmap.a, name="全天公厕", open_all_day=True).opening_status() is None


def test_english_maps_show_untranslated_points_and_translations_instead_of_sources(
    cmap,
):
    site = cmap.site
    untranslated = point(cmap.a, name="黄河路公厕")
    translated = point(cmap.a, category="rest_stop", name="黄河社区城管驿站")
    english = translated.copy_for_translation(site.en)
    english.name = "Huanghe rest stop"
    english.save()
    shown = set(ConveniencePoint.objects.for_locale(site.en))
    assert shown == {untranslated, english}
    assert set(ConveniencePoint.objects.for_locale(site.zh)) == {
        untranslated,
        translated,
    }
