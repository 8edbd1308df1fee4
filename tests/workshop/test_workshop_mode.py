"""Workshop mode: badges only for a visitor who turned it on, remembered, and free when off."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workshop.places import CUSTOMER_EMAIL, PLACES

pytestmark = pytest.mark.django_db

BADGE = re.compile(r"practice-badge|popovertarget")


def test_no_badge_markup_on_any_page_while_the_mode_is_off(client, demo_shop, django_user_model):
    customer = django_user_model.objects.get(email=CUSTOMER_EMAIL)
    for key, place in PLACES.items():
        if place.visitor == "staff":
            continue
        if place.visitor == "customer":
            client.force_login(customer)
        else:
            client.logout()
        page = client.get(place.path(), follow=True)
        assert page.status_code == 200, key
        assert not BADGE.search(page.content.decode()), f"badge markup on {key} with the mode off"


def test_the_address_parameter_turns_the_mode_on_and_it_is_remembered_until_turned_off(client, demo_shop):
    product = PLACES["product"].path()
    assert "practice-badge" in client.get(product, {"workshop": "on"}).content.decode()
    assert "practice-badge" in client.get(product).content.decode()  # the cookie remembers
    assert "practice-badge" not in client.get(product, {"workshop": "off"}).content.decode()
    assert "practice-badge" not in client.get(product).content.decode()
    assert "practice-badge" not in client.get(product, {"workshop": "garbage"}).content.decode()


def test_the_footer_switch_turns_it_on_and_returns_to_the_same_page(client, demo_shop):
    product = PLACES["product"].path()
    answer = client.post("/practices/workshop-mode/", {"mode": "on", "next": product})
    assert answer.status_code == 302 and answer["Location"] == product
    assert "Workshop mode is on" in client.get(product).content.decode()
    answer = client.post("/practices/workshop-mode/", {"mode": "off", "next": "https://evil.example/"})
    assert answer["Location"] == "/"
    assert "Workshop mode is on" not in client.get(product).content.decode()


def test_the_switch_needs_the_csrf_token(demo_shop):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/practices/workshop-mode/", {"mode": "on", "next": "/"}).status_code == 403


def test_badges_cost_no_queries(client, demo_shop):
    product = PLACES["product"].path()
    client.get(product)  # the first visit writes a session; measure the visits after it

    def queries_for(mode: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(product, {"workshop": mode}).status_code == 200
        return len(queries)

    queries_for("off")
    assert queries_for("on") == queries_for("off")
