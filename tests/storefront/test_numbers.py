"""Amounts typed by visitors (storefront/numbers.py): a plain amount, or nothing."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storefront.numbers import parse_money

# What Python's Decimal reads but a shopper never means: each once made a page answer 500 or "£NaN.00".
NOT_AMOUNTS = ["sNaN", "NaN", "-NaN", "Infinity", "-inf", "1e999999999", "1E2", "9" * 5000, "-0", "-5", "١٢٣",
               "1_000", "0x10", "1.2.3", "12.345", "", " ", ".5e1", "£", "1,5"]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_anything_but_a_plain_amount_reads_as_nothing(text):
    assert parse_money(text) is None


@pytest.mark.parametrize(("text", "amount"), [("25", Decimal("25")), (" 19.99 ", Decimal("19.99")),
                                              ("0", Decimal("0")), ("7.", Decimal("7")), ("999999999.99",
                                                                                          Decimal("999999999.99"))])
def test_a_plain_amount_reads_as_itself(text, amount):
    assert parse_money(text) == amount


@given(text=st.text(max_size=60) | st.sampled_from(NOT_AMOUNTS))
def test_every_amount_read_is_finite_small_and_safe_to_compare(text):
    amount = parse_money(text)

    if amount is not None:
        assert amount.is_finite() and amount >= 0
        assert len(amount.as_tuple().digits) <= 11
