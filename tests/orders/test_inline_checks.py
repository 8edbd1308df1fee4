"""Checking one field as the shopper leaves it, and re-drawing the address for another country."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

ADDRESS = {"email": "ada@example.com", "full_name": "Ada", "line1": "12 Mill Lane", "city": "Bristol",
           "postcode": "BS1 4XE", "country": "GB", "phone": "07400 123456"}


def check(client, field, data, form="details"):
    return client.post(f"/checkout/check/{form}/?field={field}", data)


def test_leaving_a_wrong_field_answers_with_only_that_fields_message(client):
    response = check(client, "postcode", {**ADDRESS, "postcode": "nope", "phone": ""})
    html = response.content.decode()

    assert response.status_code == 200
    assert html.strip().startswith('<p class="field__error" id="id_postcode_error"')
    assert "Enter a postcode in the format SW1A 1AA." in html
    assert "phone" not in html  # the empty phone field is not this field's business


def test_leaving_a_corrected_field_answers_with_an_empty_hidden_message(client):
    html = check(client, "postcode", ADDRESS).content.decode()

    assert 'id="id_postcode_error" hidden></p>' in html


def test_the_postcode_is_checked_against_the_country_chosen_in_the_same_form(client):
    html = check(client, "postcode", {**ADDRESS, "country": "US", "postcode": "BS1 4XE"}).content.decode()

    assert "Enter a ZIP code in the format 94103." in html


def test_the_account_address_form_is_checked_the_same_way(client):
    html = check(client, "phone", {**ADDRESS, "phone": "12"}, form="address").content.decode()

    assert "Enter a phone number that works in United Kingdom" in html


def test_an_unknown_form_or_field_is_a_bad_request_not_an_error(client):
    assert check(client, "password", ADDRESS).status_code == 400
    assert check(client, "postcode", ADDRESS, form="secret").status_code == 400


def test_choosing_another_country_redraws_region_and_postcode_keeping_what_was_typed(client):
    response = client.post("/checkout/address-fields/", {**ADDRESS, "country": "US", "postcode": "94103",
                                                         "check_url": "/checkout/check/details/"})
    html = response.content.decode()

    assert '<select name="region"' in html and "Choose your state" in html and ">California<" in html
    assert "ZIP code" in html and 'value="94103"' in html
    assert 'hx-post="/checkout/check/details/?field=postcode"' in html
    assert "field__error" in html and "Enter" not in html.split("</label>", 1)[1].split("<input")[0]


def test_the_redrawn_fields_only_ever_post_their_checks_to_the_shops_own_checker(client):
    html = client.post("/checkout/address-fields/", {**ADDRESS, "check_url": "https://evil.example/"}).content.decode()

    assert "evil.example" not in html


def test_inline_checks_need_the_csrf_token_like_every_post():
    strict = Client(enforce_csrf_checks=True)

    assert check(strict, "postcode", ADDRESS).status_code == 403
    assert strict.post("/checkout/address-fields/", ADDRESS).status_code == 403


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(form=st.sampled_from(["details", "address", "x"]), field=st.text(max_size=20),
       data=st.dictionaries(st.sampled_from([*ADDRESS, "region", "line2", "check_url"]), st.text(max_size=30)))
def test_no_posted_garbage_makes_the_checkers_fail(client, form, field, data):
    url = f"/checkout/check/{form}/?{urlencode({'field': field})}"

    assert client.post(url, data).status_code in {200, 400}
    assert client.post("/checkout/address-fields/", data).status_code == 200
