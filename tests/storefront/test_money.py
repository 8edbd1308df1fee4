from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storefront.money import format_money, locale_from_accept_language, prices_written_in
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("accept_language", "shown"), [
    ("en-GB,en;q=0.9", "£1,234.50"),
    ("de-DE,de;q=0.9,en;q=0.5", "1.234,50\xa0£"),
    ("", "£1,234.50"),
])
def test_prices_are_written_the_way_the_visitor_writes_numbers(client, accept_language, shown):
    product = ProductFactory(price=Decimal("1234.50"))

    response = client.get(product.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=accept_language)

    assert shown in response.content.decode()
    assert "Accept-Language" in response["Vary"]


@given(st.text(max_size=200))
def test_any_accept_language_header_is_understood_or_ignored(header):
    locale = locale_from_accept_language(header)

    assert locale is None or isinstance(locale, str)


@pytest.mark.parametrize(("language", "amount", "shown"), [
    ("en-gb", Decimal("40"), "£40"),
    ("en-gb", Decimal("40.50"), "£40.50"),  # pence are never rounded away
    ("de", Decimal("1500"), "1.500\xa0£"),
    ("ko", Decimal("40"), "£40"),
])
def test_a_promise_writes_a_round_sum_without_pence_in_each_languages_way(language, amount, shown):
    with prices_written_in(language):
        assert format_money(amount, whole=True) == shown
