"""The shop's information pages: one list feeds the URLs, the footer's site map and the tests.

Two kinds (practices S13, P65, P72–P74):
- the delivery and returns policies are templates that quote settings.SHOP, so a merchant changes a number
  in one place and every page quoting it follows;
- the trust pages (about us, guarantees, privacy, terms, legal notice, cookies) are text staff edit in the
  admin (SitePage, by slug). Until staff have saved one, the page shows its built-in text from
  templates/support/pages/<name>.md, which is also what the demo loader copies into the database.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template import Context, Engine
from django.utils.translation import gettext, gettext_noop

from .models import SitePage


@dataclass(frozen=True)
class InfoPage:
    name: str  # URL name; the template name (policies) or SitePage slug (trust pages)
    path: str
    title: str  # the built-in title and the site map's link text: English, translated where it is shown
    group: str
    staff_edited: bool = False  # a trust page: SitePage text, falling back to the built-in text
    company_details: bool = False  # ends with the registration details from settings


# The titles and headings are marked for translation here and translated where they are shown
# (`{% translate title %}`), so the list itself stays plain English text that tests and the admin can use.
CUSTOMER_SERVICE = gettext_noop("Customer service")
ABOUT_US = gettext_noop("About us")
LEGAL = gettext_noop("Legal")

INFO_PAGES = [
    InfoPage("shipping", "delivery/", gettext_noop("Delivery"), CUSTOMER_SERVICE),
    InfoPage("returns", "returns-policy/", gettext_noop("Returns policy"), CUSTOMER_SERVICE),
    InfoPage("about", "about-us/", gettext_noop("About us"), ABOUT_US, staff_edited=True, company_details=True),
    InfoPage("guarantees", "guarantees/", gettext_noop("Our guarantees"), ABOUT_US, staff_edited=True),
    InfoPage("privacy", "privacy/", gettext_noop("Privacy and security"), LEGAL, staff_edited=True),
    InfoPage("cookies", "cookies/", gettext_noop("Cookies"), LEGAL, staff_edited=True),
    InfoPage("terms", "terms/", gettext_noop("Terms and conditions"), LEGAL, staff_edited=True),
    InfoPage("legal", "legal-notice/", gettext_noop("Legal notice"), LEGAL, staff_edited=True, company_details=True),
]

# Customer-service pages with views of their own (help/, contact/, orders): in the site map, not info pages.
SERVICE_LINKS = [
    (gettext_noop("Help centre"), "support:help"),
    (gettext_noop("Frequently asked questions"), "support:faq"),
    (gettext_noop("Contact us"), "support:contact"),
    (gettext_noop("Track your order"), "orders:tracking_lookup"),
]


# The shop explaining itself (workshop/): last in the site map, after what shoppers come for.
LEARNING_LINKS = [
    (gettext_noop("Customer-experience practices"), "workshop:practices"),
    (gettext_noop("Guided tour for a workshop"), "workshop:tour"),
]


def site_map_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """(group heading, [(link text, URL name)]) for every page above, customer service first."""
    groups = {CUSTOMER_SERVICE: list(SERVICE_LINKS)}
    for page in INFO_PAGES:
        groups.setdefault(page.group, []).append((page.title, f"support:{page.name}"))
    groups[gettext_noop("Learn from this shop")] = list(LEARNING_LINKS)
    return list(groups.items())


def site_page_for(page: InfoPage) -> SitePage:
    """What staff wrote for this trust page, or, until they have, its built-in text."""
    return SitePage.objects.filter(slug=page.name).first() or site_page_built_in(page)


def site_page_built_in(page: InfoPage) -> SitePage:
    """The built-in text as an unsaved SitePage (no "Last updated" date), the shop's details filled in.

    The file's first paragraph is the lead, in plain words. Rendered without HTML escaping because the
    result is Markdown, which markdown_to_html sanitises when it is shown.
    """
    template = Engine.get_default().get_template(f"support/pages/{page.name}.md")
    text = template.render(Context({"shop": settings.SHOP}, autoescape=False))
    lead, _, body = text.strip().partition("\n\n")
    return SitePage(slug=page.name, title=gettext(page.title), lead=lead, body=body.strip())
