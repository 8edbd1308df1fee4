"""Checkout forms (practices P15, P19): every message says what to type, quoting the expected format.

The address form is shared with the account's saved addresses, so an address is checked the same
way wherever it is typed.
"""

from datetime import date

from django import forms
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from shop.delivery import delivery_methods_for

from .countries import COUNTRIES, country_choices, phone_example, phone_normalised
from .models import Order
from .payments import CardDetails, card_brand, luhn_valid

# Django fills in limit_value, the field's max_length, when it says this.
TOO_LONG = ngettext_lazy("Use at most %(limit_value)d character here.", "Use at most %(limit_value)d characters here.",
                         "limit_value")


def _text(label, *, required=True, max_length=100, message="", **attrs):
    """A text field with its browser hints (autocomplete, keyboard) and its own 'required' message."""
    return forms.CharField(label=label, required=required, max_length=max_length,
                           error_messages={"required": message, "max_length": TOO_LONG},
                           widget=forms.TextInput(attrs=attrs))


class AddressForm(forms.Form):
    """A delivery address, checked against the chosen country's postcode and phone formats."""

    full_name = _text(_("Full name"), message=_("Enter your full name, as it should appear on the parcel."),
                      autocomplete="name")
    # Translators: "12 Mill Lane" is the shop's own example address in Bristol; keep it as it is.
    line1 = _text(_("Address line 1"), message=_("Enter the first line of the address, for example 12 Mill Lane."),
                  autocomplete="address-line1")
    line2 = _text(_("Address line 2"), required=False, autocomplete="address-line2")
    city = _text(_("Town or city"), max_length=60, message=_("Enter the town or city."),
                 autocomplete="address-level2")
    region = forms.CharField(label=_("State, province or county"), required=False, max_length=60)
    postcode = _text(_("Postcode"), required=False, max_length=16, autocomplete="postal-code",
                     autocapitalize="characters", spellcheck="false")
    country = forms.ChoiceField(
        # A callable, so the names are written in the language of each page the form is shown on.
        label=_("Country"), choices=country_choices, initial="GB",
        error_messages={"required": _("Choose the country we are delivering to."),
                        "invalid_choice": _("Choose a country from the list: these are the countries we deliver to.")},
        widget=forms.Select(attrs={"autocomplete": "country"}))
    phone = forms.CharField(
        label=_("Phone number"), max_length=32, help_text=_("Only used if the courier needs to reach you."),
        error_messages={"required": _("Enter a phone number, so the courier can reach you if needed.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}))

    field_order = ["full_name", "line1", "line2", "city", "region", "postcode", "country", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        country = COUNTRIES.get(self._chosen_country())
        # The region and postcode fields take the country's own words and, for regions, its list.
        if country and country.regions:
            self.fields["region"].label = country.region.label
            self.fields["region"].widget = forms.Select(
                choices=[("", country.region.choose), *country.regions],
                attrs={"autocomplete": "address-level1"})
        else:
            self.fields["region"].widget = forms.HiddenInput()
        if country:
            example = {"example": country.postcode_example}
            self.fields["postcode"].label = country.postcode.label
            self.fields["postcode"].required = True
            self.fields["postcode"].help_text = gettext("For example %(example)s.") % example
            self.fields["postcode"].error_messages["required"] = country.postcode.required % example

    def _chosen_country(self) -> str:
        if self.is_bound:
            return self.data.get(self.add_prefix("country"), "")
        return self.initial.get("country") or self.fields["country"].initial

    def clean(self):
        cleaned = super().clean()
        country = COUNTRIES.get(cleaned.get("country", ""))
        if country is None:
            return cleaned
        region_codes = dict(country.regions)
        if country.regions and cleaned.get("region") not in region_codes:
            self.add_error("region", country.region.choose_from_list)
        elif not country.regions:
            cleaned["region"] = ""
        postcode = cleaned.get("postcode", "")
        if postcode:
            normalised = country.postcode_normalised(postcode)
            if normalised is None:
                self.add_error("postcode", country.postcode.invalid % {"example": country.postcode_example})
            else:
                cleaned["postcode"] = normalised
        phone = cleaned.get("phone", "")
        if phone:
            normalised = phone_normalised(phone, country=country.code)
            if normalised is None:
                self.add_error("phone", gettext(
                    "Enter a phone number that works in %(country)s, for example %(example)s, or with its "
                    "country code.") % {"country": country.name, "example": phone_example(country.code)})
            else:
                cleaned["phone"] = normalised
        return cleaned


class ContactAndAddressForm(AddressForm):
    """Checkout step 1: who the order is for and where it goes."""

    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, help_text=_("For your order confirmation and delivery updates."),
        error_messages={"required": _("Enter your e-mail address, so we can send your order confirmation."),
                        "invalid": _("Enter an e-mail address in the format name@example.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))

    field_order = ["email", *AddressForm.field_order]


class DeliveryForm(forms.Form):
    """Checkout step 2: the delivery methods offered for the address's country."""

    method = forms.ChoiceField(label=_("Delivery method"), widget=forms.RadioSelect,
                               error_messages={"required": _("Choose how you would like your order delivered."),
                                               "invalid_choice": _("Choose one of the delivery methods listed.")})

    def __init__(self, *args, country: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.methods = delivery_methods_for(country)
        self.fields["method"].choices = [(method.code, method.name) for method in self.methods]


# What the card checks say, here and in the browser (payment.js reads them from the payment page's data
# attributes, so both say the same in the page's language).
CARD_MESSAGES = {
    "number_missing": _("Enter the long number on the front of your card."),
    "number_invalid": _("Check the card number: it should be the long number on the front of your card, as printed."),
    "name_missing": _("Enter the name as it is printed on the card."),
    "expiry_invalid": _("Enter the expiry date as month and year, for example 04/29."),
    "expired": _("This card has expired: use another card."),
    "security_code_invalid": _("Enter the security code: 3 digits on the back of the card, or 4 on the front of an "
                               "American Express card."),
}

# Card fields are needed only when paying by card, so the form cannot mark them required; this tells
# assistive technology they are, whenever they are shown.
CARD_FIELD = {"aria-required": "true"}


class PaymentForm(forms.Form):
    """Checkout step 3. Card details are checked in the browser first (payment.js), then here again."""

    method = forms.ChoiceField(
        label=_("How would you like to pay?"), choices=Order.PaymentMethod.choices, widget=forms.RadioSelect,
        initial=Order.PaymentMethod.CARD,
        error_messages={"required": _("Choose how you would like to pay."),
                        "invalid_choice": _("Choose card or cash on delivery.")})
    # Room for the digits with any spaces or dashes people type between them.
    card_number = forms.CharField(
        label=_("Card number"), required=False, max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "cc-number", "inputmode": "numeric", "spellcheck": "false",
                                     **CARD_FIELD}))
    card_name = forms.CharField(
        label=_("Name on the card"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "cc-name", "spellcheck": "false", **CARD_FIELD}))
    card_expiry = forms.CharField(
        label=_("Expiry date"), required=False, max_length=12, help_text=_("Month and year, for example 04/29."),
        widget=forms.TextInput(attrs={"autocomplete": "cc-exp", "inputmode": "numeric", "spellcheck": "false",
                                     **CARD_FIELD}))
    card_security_code = forms.CharField(
        label=_("Security code"), required=False, max_length=4,
        help_text=_("3 digits on the back of the card (4 on the front of an American Express card)."),
        # Plain text, as card providers' own fields have it: "cc-csc" autofill is not allowed on a password field,
        # and three digits read back beat three dots for spotting a typo.
        widget=forms.TextInput(attrs={"autocomplete": "cc-csc", "inputmode": "numeric", "spellcheck": "false",
                                      **CARD_FIELD}))

    @classmethod
    def after_decline(cls, typed, message: str) -> "PaymentForm":
        """The form again after the bank said no: the name and expiry stay, the number and code are for
        another card, and the bank's answer sits beside the card number."""
        form = cls(initial={key: typed.get(key, "") for key in ["method", "card_name", "card_expiry"]})
        form.cleaned_data = {}  # add_error expects it; an unbound form never cleans
        form.add_error("card_number", message)
        return form

    def typed_brand(self) -> str:
        """The brand of the card number typed, shown beside it again after the page is sent back."""
        number = card_digits(str(self["card_number"].value() or ""))
        brand = card_brand(number) if _ascii_digits(number) else "Card"
        return "" if brand == "Card" else brand

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") != Order.PaymentMethod.CARD:
            return cleaned
        number = card_digits(cleaned.get("card_number", ""))
        if not number:
            self.add_error("card_number", CARD_MESSAGES["number_missing"])
        elif not _ascii_digits(number) or not 12 <= len(number) <= 19 or not luhn_valid(number):
            self.add_error("card_number", CARD_MESSAGES["number_invalid"])
        if not cleaned.get("card_name", "").strip():
            self.add_error("card_name", CARD_MESSAGES["name_missing"])
        expiry = _expiry_date(cleaned.get("card_expiry", ""))
        if expiry is None:
            self.add_error("card_expiry", CARD_MESSAGES["expiry_invalid"])
        elif expiry < date.today().replace(day=1):
            self.add_error("card_expiry", CARD_MESSAGES["expired"])
        code = cleaned.get("card_security_code", "").strip()
        if not (_ascii_digits(code) and len(code) in (3, 4)):
            self.add_error("card_security_code", CARD_MESSAGES["security_code_invalid"])
        if not self.errors:
            cleaned["card"] = CardDetails(number=number, name=cleaned["card_name"].strip(), expiry=expiry,
                                          security_code=code, brand=card_brand(number))
        return cleaned


def card_digits(typed: str) -> str:
    """A card number as typed ("4242 4242-4242 4242", any grouping) without its spaces and dashes."""
    return "".join(typed.split()).replace("-", "")


def _expiry_date(typed: str) -> date | None:
    """'04/29', '4/29', '04 / 29', '04-2029', '0429', '042029' → 1 April 2029; None when not a month and a year."""
    parts = [part for part in typed.replace(" ", "/").replace("-", "/").split("/") if part]
    if len(parts) == 1 and _ascii_digits(parts[0]) and len(parts[0]) in (4, 6):  # typed without a separator
        parts = [parts[0][:2], parts[0][2:]]
    if len(parts) != 2 or not all(_ascii_digits(part) for part in parts):
        return None
    month, year = int(parts[0]), int(parts[1])
    year += 2000 if year < 100 else 0
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        return None
    return date(year, month, 1)


def _ascii_digits(typed: str) -> bool:
    """Only 0–9: str.isdigit() also takes "²" and other scripts' digits, which int() may refuse."""
    return typed.isascii() and typed.isdigit()
