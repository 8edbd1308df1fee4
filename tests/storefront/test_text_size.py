import json
import re

import pytest

pytestmark = pytest.mark.django_db


def test_chosen_text_size_is_remembered_across_visits(client):
    response = client.post("/text-size/", {"size": "large", "next": "/help/"})
    later = client.get("/")

    assert response.status_code == 302 and response["Location"] == "/help/"
    assert response.cookies["text_size"]["max-age"] == 60 * 60 * 24 * 365
    assert '<html lang="en-GB" class="text-size-large">' in later.content.decode()
    assert re.search(r'value="large"[^>]*aria-pressed="true"', later.content.decode())


def test_text_size_never_sends_the_shopper_to_another_site(client):
    response = client.post("/text-size/", {"size": "small", "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_unknown_text_size_falls_back_to_medium(client):
    client.cookies["text_size"] = "<script>"

    page = client.get("/").content.decode()
    response = client.post("/text-size/", {"size": "huge"})

    assert 'class="text-size-medium"' in page
    assert response.cookies["text_size"].value == "medium"


def test_with_htmx_the_page_stays_and_is_told_the_new_size(client):
    response = client.post("/text-size/", {"size": "small"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 204
    assert json.loads(response["HX-Trigger"]) == {"text-size-changed": {"size": "small"}}
    assert response.cookies["text_size"].value == "small"


def test_a_next_page_that_is_not_a_path_on_this_site_goes_home(client):
    response = client.post("/text-size/", {"size": "small", "next": "0"})

    assert response.status_code == 302 and response["Location"] == "/"
