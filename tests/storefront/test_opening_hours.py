"""The hotline's hours are set once, as data, and read in the shopper's language."""

import pytest
from django.utils import translation

from storefront.opening_hours import OpeningHours


@pytest.mark.parametrize(("language", "written"), [
    ("en-gb", "Mon–Fri 08:00–20:00, Sat 09:00–17:00"),
    ("ko", "월–금 08:00–20:00, 토 09:00–17:00"),
    ("zh-hant", "週一–週五 08:00–20:00，週六 09:00–17:00"),
    ("zh-hans", "周一–周五 08:00–20:00，周六 09:00–17:00"),
])
def test_the_hotline_hours_read_in_the_pages_language(language, written):
    hours = OpeningHours("Mo-Fr 08:00-20:00; Sa 09:00-17:00")

    with translation.override(language):
        assert str(hours) == written


def test_a_single_day_is_written_without_a_range():
    with translation.override("en-gb"):
        assert str(OpeningHours("Su 10:00-16:00")) == "Sun 10:00–16:00"


@pytest.mark.parametrize("notation", ["Mon–Fri 8:00–20:00", "Mo-Fr 8-20", "", "Xx 08:00-20:00"])
def test_hours_written_any_other_way_are_refused_with_how_to_write_them(notation):
    with pytest.raises(ValueError, match="Mo-Fr 08:00-20:00"):
        OpeningHours(notation)
