"""The countries the shop delivers to, with what an address there looks like (practice P15).

Each country knows its postcode format (as a pattern and as an example to quote in messages) and,
where addresses need one, its list of regions, offered as a drop-down. Phone numbers are checked
with the `phonenumbers` library, which knows every country's numbering plan.

Country names come from Babel's CLDR data in the page's language ("United Kingdom", "英國", "영국"), so
no list of names is kept here to translate. The regions keep their own names, as the post there writes
them on a parcel. What a country calls its postcode ("ZIP code", "Eircode") and its regions ("State")
comes with whole sentences for the messages that name it: a sentence glued around a translated noun
reads wrongly in Korean, whose particle depends on the noun's last sound.
"""

import re
from dataclasses import dataclass, field

import phonenumbers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from storefront.dates import page_locale


@dataclass(frozen=True)
class PostcodeWords:
    label: str
    required: str  # with %(example)s
    invalid: str  # with %(example)s


@dataclass(frozen=True)
class RegionWords:
    label: str
    choose: str  # the drop-down's first line
    choose_from_list: str  # the message when none of the list is chosen


POSTCODE = PostcodeWords(_("Postcode"), _("Enter the postcode, for example %(example)s."),
                         _("Enter a postcode in the format %(example)s."))
# Translators: Ireland's postcode is called "Eircode"; Korean and Chinese may keep the name and explain it.
EIRCODE = PostcodeWords(pgettext_lazy("Ireland's postcode", "Eircode"),
                        _("Enter the Eircode, for example %(example)s."),
                        _("Enter an Eircode in the format %(example)s."))
ZIP_CODE = PostcodeWords(_("ZIP code"), _("Enter the ZIP code, for example %(example)s."),
                         _("Enter a ZIP code in the format %(example)s."))
POSTAL_CODE = PostcodeWords(_("Postal code"), _("Enter the postal code, for example %(example)s."),
                            _("Enter a postal code in the format %(example)s."))

# Translators: an Irish county, part of an address in Ireland.
COUNTY = RegionWords(_("County"), _("Choose your county"), _("Choose your county from the list."))
# Translators: a state of the United States, part of an address there.
STATE = RegionWords(_("State"), _("Choose your state"), _("Choose your state from the list."))
# Translators: a Canadian province or territory, part of an address in Canada.
PROVINCE = RegionWords(_("Province or territory"), _("Choose your province or territory"),
                       _("Choose your province or territory from the list."))


@dataclass(frozen=True)
class Country:
    code: str
    postcode_pattern: str  # matched against the postcode in capitals, spaces as typed
    postcode_example: str
    postcode: PostcodeWords = POSTCODE
    region: RegionWords | None = None
    regions: list[tuple[str, str]] = field(default_factory=list)  # (code, name)

    @property
    def name(self) -> str:
        return country_name(self.code)

    def postcode_normalised(self, postcode: str) -> str | None:
        """The postcode written the way the post office writes it, or None when it cannot be one."""
        candidate = re.sub(r"\s+", " ", postcode.strip().upper())
        if re.fullmatch(self.postcode_pattern, candidate):
            return candidate
        if self.code in {"GB", "CA", "IE", "NL"}:  # typed without its space: put it back where it belongs
            squashed = candidate.replace(" ", "")
            split_at = {"GB": -3, "CA": 3, "IE": 3, "NL": 4}[self.code]
            spaced = f"{squashed[:split_at]} {squashed[split_at:]}"
            if re.fullmatch(self.postcode_pattern, spaced):
                return spaced
        return None


US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"),
    ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"),
    ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"),
    ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"),
    ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"),
    ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"),
    ("WA", "Washington"), ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
]

CANADIAN_PROVINCES = [
    ("AB", "Alberta"), ("BC", "British Columbia"), ("MB", "Manitoba"), ("NB", "New Brunswick"),
    ("NL", "Newfoundland and Labrador"), ("NS", "Nova Scotia"), ("NT", "Northwest Territories"),
    ("NU", "Nunavut"), ("ON", "Ontario"), ("PE", "Prince Edward Island"), ("QC", "Quebec"),
    ("SK", "Saskatchewan"), ("YT", "Yukon"),
]

IRISH_COUNTIES = [(name, name) for name in [
    "Carlow", "Cavan", "Clare", "Cork", "Donegal", "Dublin", "Galway", "Kerry", "Kildare", "Kilkenny", "Laois",
    "Leitrim", "Limerick", "Longford", "Louth", "Mayo", "Meath", "Monaghan", "Offaly", "Roscommon", "Sligo",
    "Tipperary", "Waterford", "Westmeath", "Wexford", "Wicklow",
]]

COUNTRIES = {country.code: country for country in [
    Country("GB", r"[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}", "SW1A 1AA"),
    Country("IE", r"(?:[AC-FHKNPRTV-Y][0-9]{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}", "D02 X285", postcode=EIRCODE,
            region=COUNTY, regions=IRISH_COUNTIES),
    Country("FR", r"[0-9]{5}", "75008"),
    Country("DE", r"[0-9]{5}", "10115"),
    Country("NL", r"[1-9][0-9]{3} [A-Z]{2}", "1012 AB"),
    Country("US", r"[0-9]{5}(-[0-9]{4})?", "94103", postcode=ZIP_CODE, region=STATE, regions=US_STATES),
    Country("CA", r"[A-CEGHJ-NPR-TVXY][0-9][A-CEGHJ-NPR-TV-Z] [0-9][A-CEGHJ-NPR-TV-Z][0-9]", "K1A 0B1",
            postcode=POSTAL_CODE, region=PROVINCE, regions=CANADIAN_PROVINCES),
]}


def country_name(code: str) -> str:
    """The country's name in the page's language (CLDR's, through Babel): United Kingdom, 英國, 영국."""
    return page_locale().territories.get(code, code)


def country_choices() -> list[tuple[str, str]]:
    """(code, name) of each country delivered to, named in the page's language, for a drop-down or a list."""
    return [(code, country_name(code)) for code in COUNTRIES]


class _CountryChoices:
    """COUNTRY_CHOICES: (code, name) pairs read afresh each time they are listed, so a page lists the names in its
    own language, and code outside a request (the demo's help articles) in English, the shop's source language."""

    def __iter__(self):
        return iter(country_choices())


COUNTRY_CHOICES = _CountryChoices()


def address_lines(address) -> list[str]:
    """An address (an order's or a saved one: both have these fields) written as on a parcel label."""
    return [part for part in [address.full_name, address.line1, address.line2, address.city,
                              " ".join(filter(None, [address.region, address.postcode])),
                              country_name(address.country)] if part]


def phone_normalised(phone: str, *, country: str) -> str | None:
    """The number in international format (+44 20 7946 0321), or None when it cannot be dialled there."""
    try:
        number = phonenumbers.parse(phone, country)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_example(country: str) -> str:
    """A made-up number in the national format, for hints and messages."""
    example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL) if example else ""
