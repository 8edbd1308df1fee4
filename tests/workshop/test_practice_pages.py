"""The practice catalogue and its pages: complete, searchable, and sound with any address."""

from html import unescape
from urllib.parse import quote

import pytest
from django.utils.html import strip_tags
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.catalogue import EXPECTED_IDS, GROUPS, catalogue_problems, practices
from workshop.places import PLACES
from workshop.tour import tour_stops

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return unescape(strip_tags(response.content.decode()))


def test_the_catalogue_has_every_practice_once_and_nothing_it_cannot_back_up():
    assert catalogue_problems() == []
    assert [practice.id for practice in practices()] == EXPECTED_IDS


def test_every_status_and_group_is_used_so_the_filters_never_lead_nowhere():
    assert {practice.group for practice in practices()} == set(GROUPS)
    assert {practice.status for practice in practices()} >= {"demonstrated", "partly", "not-applicable"}


def test_the_list_filters_by_group_and_status_and_says_how_many(client):
    page = client.get("/practices/", {"group": "trust", "status": "demonstrated"})
    expected = [p for p in practices() if p.group == "trust" and p.status == "demonstrated"]
    assert page.status_code == 200
    assert f"{len(expected)} practice" in text_of(page)
    assert all(p.id in text_of(page) for p in expected)
    assert "P27" not in text_of(page)  # an interaction practice


def test_searching_finds_a_practice_by_its_words_and_says_so_when_nothing_matches(client):
    assert "P27" in text_of(client.get("/practices/", {"q": "breadcrumbs"}))
    assert "No practice matches" in text_of(client.get("/practices/", {"q": "xylophone quartet"}))


def test_a_practice_page_explains_it_and_links_to_where_it_is_seen_with_badges_on(client, demo_shop):
    practice = next(p for p in practices() if p.id == "P27")
    page = client.get("/practices/P27/")
    assert page.status_code == 200
    assert practice.title in text_of(page)
    assert "workshop=on" in page.content.decode()
    assert client.get("/practices/p27/").status_code == 200
    assert client.get("/practices/P99/").status_code == 404


def test_every_place_of_the_catalogue_and_tour_exists_in_the_demo(demo_shop):
    named = {item.place for practice in practices() for item in practice.see} | {s.place.key for s in tour_stops()}
    assert {key for key in named if not PLACES[key].path()} == set()


def test_the_tour_prints_every_stop_with_its_note_and_practices(client, demo_shop):
    page = client.get("/practices/tour/")
    assert page.status_code == 200
    for stop in tour_stops():
        assert stop.title in text_of(page)
        assert all(practice.id in text_of(page) for practice in stop.practices)
    assert len(tour_stops()) >= 9


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(["q", "group", "status", "workshop"]), st.text(max_size=300)))
def test_the_practice_list_survives_any_parameters(client, params):
    assert client.get("/practices/", params).status_code == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(practice_id=st.text(min_size=1, max_size=40))
def test_a_practice_page_answers_any_id_with_the_page_or_not_found(client, practice_id):
    assert client.get(f"/practices/{quote(practice_id, safe='')}/").status_code in {200, 404}


def test_the_tour_says_who_to_be_for_a_stop_that_needs_signing_in(client, demo_shop):
    page = text_of(client.get("/practices/tour/"))
    assert "(as the demo customer, signed in, with something in the cart)" in page
    assert "(as a member of staff, signed in)" in page
