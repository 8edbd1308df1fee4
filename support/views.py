from babel.lists import format_list
from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from orders.countries import COUNTRY_CHOICES, country_name
from shop.delivery import delivery_methods
from storefront.dates import page_locale

from .markdown import markdown_to_html
from .pages import INFO_PAGES as INFO_PAGES  # urls.py makes one URL per page from it, and imports views only
from .pages import InfoPage, site_map_groups, site_page_for


@require_safe
def info_page(request, page: InfoPage):
    if page.staff_edited:
        site_page = site_page_for(page)
        return render(request, "support/_info_page.html", {"page": page, "site_page": site_page,
                                                           "body": markdown_to_html(site_page.body)})
    # The policies quote settings: the delivery page the same methods, prices and countries as checkout, each
    # list joined as the page's language joins one ("Ireland, France and Canada", "Ireland、France和Canada").
    home = settings.SHOP["home_country"]
    abroad = [str(name) for code, name in COUNTRY_CHOICES if code != home]
    return render(request, f"support/{page.name}.html", {
        "page": page, "delivery_methods": delivery_methods(), "home_country": country_name(home),
        "countries_abroad": format_list(abroad, locale=page_locale()),
        "countries_delivered_to": format_list([str(country_name(home)), *abroad], locale=page_locale())})


@require_safe
def site_map(request):
    """Every page a visitor can reach, in one place (practice P61); categories come from the nav cache."""
    return render(request, "support/site_map.html", {"link_groups": site_map_groups()})
