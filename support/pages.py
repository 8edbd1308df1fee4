"""The shop's information pages: one list feeds the URLs, the footer's site map and the tests."""

from dataclasses import dataclass


@dataclass(frozen=True)
class InfoPage:
    name: str  # URL name and template name
    path: str
    title: str
    group: str


INFO_PAGES = [
    InfoPage("help", "help/", "Help centre", "Customer service"),
    InfoPage("contact", "contact/", "Contact us", "Customer service"),
    InfoPage("shipping", "delivery/", "Delivery", "Customer service"),
    InfoPage("returns", "returns-policy/", "Returns policy", "Customer service"),
    InfoPage("about", "about-us/", "About us", "About us"),
    InfoPage("privacy", "privacy/", "Privacy", "Legal"),
    InfoPage("terms", "terms/", "Terms and conditions", "Legal"),
    InfoPage("legal", "legal-notice/", "Legal notice", "Legal"),
]
