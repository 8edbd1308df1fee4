"""Every checkout validation rule, with the message the shopper reads."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orders.forms import AddressForm, ContactAndAddressForm, DeliveryForm, PaymentForm

ADDRESS = {"full_name": "Ada Lovelace", "line1": "12 Mill Lane", "city": "Bristol", "postcode": "BS1 4XE",
           "country": "GB", "phone": "07400 123456"}
CARD = {"method": "card", "card_number": "4242424242424242", "card_name": "Ada Lovelace", "card_expiry": "04/39",
        "card_security_code": "123"}


def errors_of(form_class, data, **kwargs):
    form = form_class(data, **kwargs)
    form.is_valid()
    return {field: " ".join(messages) for field, messages in form.errors.items()}


@pytest.mark.parametrize(("field", "message"), [
    ("full_name", "Enter your full name, as it should appear on the parcel."),
    ("line1", "Enter the first line of the address, for example 12 Mill Lane."),
    ("city", "Enter the town or city."),
    ("postcode", "Enter the postcode, for example SW1A 1AA."),
    ("country", "Choose the country we are delivering to."),
    ("phone", "Enter a phone number, so the courier can reach you if needed."),
])
def test_each_required_address_field_says_what_to_enter(field, message):
    assert errors_of(AddressForm, {**ADDRESS, field: ""})[field] == message


def test_address_line_2_is_optional_and_labelled_so():
    form = AddressForm()

    assert not form.fields["line2"].required and not errors_of(AddressForm, {**ADDRESS, "line2": ""})


@pytest.mark.parametrize(("country", "postcode", "expected"), [
    ("GB", "sw1a1aa", "SW1A 1AA"), ("GB", " bs1  4xe ", "BS1 4XE"), ("IE", "d02x285", "D02 X285"),
    ("NL", "1012ab", "1012 AB"), ("CA", "k1a 0b1", "K1A 0B1"), ("US", "94103-1234", "94103-1234"),
    ("FR", "75008", "75008"),
])
def test_postcodes_are_accepted_however_spaced_and_written_the_post_office_way(country, postcode, expected):
    region = {"US": "CA", "CA": "ON", "IE": "Dublin"}.get(country, "")
    phone = {"GB": "07400 123456", "IE": "+353 85 012 3456", "NL": "+31 6 12345678", "CA": "+1 613 555 0123",
             "US": "(201) 555-0123", "FR": "06 12 34 56 78"}[country]
    form = AddressForm({**ADDRESS, "country": country, "region": region, "postcode": postcode, "phone": phone})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["postcode"] == expected


@pytest.mark.parametrize(("country", "message"), [
    ("GB", "Enter a postcode in the format SW1A 1AA."),
    ("US", "Enter a ZIP code in the format 94103."),
    ("IE", "Enter an Eircode in the format D02 X285."),
])
def test_a_postcode_in_the_wrong_format_quotes_the_countrys_format(country, message):
    assert errors_of(AddressForm, {**ADDRESS, "country": country, "postcode": "hello"})["postcode"] == message


def test_a_phone_number_is_checked_against_the_chosen_country_and_stored_internationally():
    wrong = errors_of(AddressForm, {**ADDRESS, "phone": "0123"})
    right = AddressForm({**ADDRESS, "phone": "020 7946 0321"})

    assert wrong["phone"] == ("Enter a phone number that works in United Kingdom, for example 07400 123456, "
                              "or with its country code.")
    assert right.is_valid() and right.cleaned_data["phone"] == "+44 20 7946 0321"


def test_countries_with_states_need_one_from_their_list():
    missing = errors_of(AddressForm, {**ADDRESS, "country": "US", "postcode": "94103", "phone": "(201) 555-0123"})
    made_up = errors_of(AddressForm, {**ADDRESS, "country": "US", "region": "XX", "postcode": "94103",
                                      "phone": "(201) 555-0123"})

    assert missing["region"] == made_up["region"] == "Choose your state from the list."


def test_the_region_field_is_a_drop_down_only_where_the_country_has_regions():
    assert AddressForm({"country": "US"})["region"].as_widget().startswith("<select")
    assert 'type="hidden"' in AddressForm({"country": "GB"})["region"].as_widget()


def test_a_country_the_shop_does_not_deliver_to_is_refused_with_a_way_forward():
    assert errors_of(AddressForm, {**ADDRESS, "country": "ZZ"})["country"] == (
        "Choose a country from the list: these are the countries we deliver to.")


def test_the_email_address_must_look_like_one():
    assert errors_of(ContactAndAddressForm, {**ADDRESS, "email": "ada@"})["email"] == (
        "Enter an e-mail address in the format name@example.com.")


def test_fields_tell_phones_which_keyboard_and_autofill_to_offer():
    html = str(ContactAndAddressForm())

    for attribute in ['type="email"', 'autocomplete="email"', 'type="tel"', 'autocomplete="tel"',
                      'autocomplete="postal-code"', 'autocomplete="address-line1"', 'autocomplete="name"']:
        assert attribute in html
    assert 'inputmode="numeric"' in str(PaymentForm()["card_number"])
    assert 'autocomplete="cc-number"' in str(PaymentForm()["card_number"])


@pytest.mark.parametrize(("field", "value", "message"), [
    ("card_number", "", "Enter the long number on the front of your card."),
    ("card_number", "4242 4242 4242 4241", "Check the card number: it should be the long number on the front of "
                                           "your card, as printed."),
    ("card_name", " ", "Enter the name as it is printed on the card."),
    ("card_expiry", "13/30", "Enter the expiry date as month and year, for example 04/29."),
    ("card_expiry", "01/20", "This card has expired: use another card."),
    ("card_security_code", "12", "Enter the security code: 3 digits on the back of the card, or 4 on the front "
                                 "of an American Express card."),
])
def test_each_card_rule_says_what_to_fix(field, value, message):
    assert errors_of(PaymentForm, {**CARD, field: value})[field] == message


@pytest.mark.parametrize("typed", ["0429", "04/29", "4/29", "04 / 29", "04/2029", " 04 29 ", "4-2029", "042029"])
def test_an_expiry_date_is_read_however_people_type_it(typed):
    form = PaymentForm({**CARD, "card_expiry": typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["card"].expiry.isoformat() == "2029-04-01"


@pytest.mark.parametrize("typed", ["4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242",
                                   " 42424 24242 424242 ", "4242 - 4242 - 4242 - 4242"])
def test_a_card_number_is_read_with_any_spaces_or_dashes(typed):
    form = PaymentForm({**CARD, "card_number": typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["card"].number == "4242424242424242"


@pytest.mark.parametrize(("number", "brand"), [
    ("4242 4242 4242 4242", "Visa"), ("5555 5555 5555 4444", "Mastercard"), ("2223 0031 2200 3222", "Mastercard"),
    ("3782 822463 10005", "American Express"), ("6011 1111 1111 1117", "Discover"), ("3566 0020 2036 0505", "JCB"),
])
def test_the_card_brand_is_recognised_from_the_number(number, brand):
    form = PaymentForm({**CARD, "card_number": number})

    assert form.is_valid() and form.cleaned_data["card"].brand == brand
    assert form.typed_brand() == brand  # shown beside the number when the page comes back


@pytest.mark.parametrize("typed", ["429", "0/29", "4/29/1", "²²²²", "١٢٢٩", "04/19999"])
def test_an_expiry_that_is_not_a_month_and_a_year_says_how_to_write_it(typed):
    assert errors_of(PaymentForm, {**CARD, "card_expiry": typed})["card_expiry"] == (
        "Enter the expiry date as month and year, for example 04/29.")


def test_card_fields_are_ignored_when_paying_cash_on_delivery():
    assert PaymentForm({"method": "cod", "card_number": "rubbish"}).is_valid()


def test_a_delivery_method_must_be_chosen():
    assert errors_of(DeliveryForm, {}, country="GB")["method"] == "Choose how you would like your order delivered."


text = st.text(max_size=40)


@given(st.fixed_dictionaries({}, optional={name: text for name in [*ADDRESS, "email", "region", "line2"]}))
def test_any_details_posted_give_a_valid_form_or_messages_never_an_exception(data):
    form = ContactAndAddressForm(data)

    assert form.is_valid() or all(form.errors.values())


@given(st.fixed_dictionaries({}, optional={name: text for name in CARD}))
def test_any_card_details_posted_give_a_valid_form_or_messages_never_an_exception(data):
    form = PaymentForm(data)

    assert form.is_valid() or all(form.errors.values())


card_like = st.text(alphabet="0123456789 /-.²١٢", max_size=30)


@given(number=card_like, expiry=card_like, code=card_like)
def test_any_card_number_expiry_or_code_made_of_digits_and_separators_never_raises(number, expiry, code):
    form = PaymentForm({**CARD, "card_number": number, "card_expiry": expiry, "card_security_code": code})

    assert form.is_valid() or all(form.errors.values())
    assert isinstance(form.typed_brand(), str)
