"""The countries the shop delivers to, with what an address there looks like (practice P15).

Each country knows its postcode format (as a pattern and as an example to quote in messages) and,
where addresses need one, its list of regions, offered as a drop-down. Phone numbers are checked
with the `phonenumbers` library, which knows every country's numbering plan.
"""

import re
from dataclasses import dataclass, field

import phonenumbers


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    postcode_pattern: str  # matched against the postcode in capitals, spaces as typed
    postcode_example: str
    postcode_name: str = "postcode"  # as written mid-sentence: "postcode", "ZIP code", "Eircode"
    region_label: str = ""
    regions: list[tuple[str, str]] = field(default_factory=list)  # (code, name)

    @property
    def postcode_label(self) -> str:
        return self.postcode_name[0].upper() + self.postcode_name[1:]

    @property
    def postcode_with_article(self) -> str:
        return ("an " if self.postcode_name[0] in "AEIOUaeiou" else "a ") + self.postcode_name

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
    Country("GB", "United Kingdom", r"[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}", "SW1A 1AA"),
    Country("IE", "Ireland", r"(?:[AC-FHKNPRTV-Y][0-9]{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}", "D02 X285",
            postcode_name="Eircode", region_label="County", regions=IRISH_COUNTIES),
    Country("FR", "France", r"[0-9]{5}", "75008"),
    Country("DE", "Germany", r"[0-9]{5}", "10115"),
    Country("NL", "Netherlands", r"[1-9][0-9]{3} [A-Z]{2}", "1012 AB"),
    Country("US", "United States", r"[0-9]{5}(-[0-9]{4})?", "94103", postcode_name="ZIP code",
            region_label="State", regions=US_STATES),
    Country("CA", "Canada", r"[A-CEGHJ-NPR-TVXY][0-9][A-CEGHJ-NPR-TV-Z] [0-9][A-CEGHJ-NPR-TV-Z][0-9]", "K1A 0B1",
            postcode_name="postal code", region_label="Province or territory", regions=CANADIAN_PROVINCES),
]}

COUNTRY_CHOICES = [(code, country.name) for code, country in COUNTRIES.items()]


def country_name(code: str) -> str:
    country = COUNTRIES.get(code)
    return country.name if country else code


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
