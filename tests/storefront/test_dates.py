from datetime import UTC, date, datetime

from django.template import Context, Template
from django.utils import timezone


def render_time(moment) -> str:
    return Template('{% load dates %}<time datetime="{{ moment|datetime_attribute }}">').render(
        Context({"moment": moment}))


def test_a_time_element_gives_its_moment_to_the_second_as_html_allows():
    moment = datetime(2026, 11, 29, 1, 54, 7, 283167, tzinfo=UTC)

    with timezone.override("Europe/London"):
        assert render_time(moment) == '<time datetime="2026-11-29T01:54:07+00:00">'


def test_a_time_element_gives_a_summer_moment_in_the_shops_own_time_zone():
    moment = datetime(2026, 7, 1, 12, 0, 0, 5, tzinfo=UTC)

    with timezone.override("Europe/London"):
        assert render_time(moment) == '<time datetime="2026-07-01T13:00:00+01:00">'


def test_a_time_element_gives_a_day_as_a_plain_date():
    assert render_time(date(2026, 12, 24)) == '<time datetime="2026-12-24">'
