from itertools import groupby

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from orders.countries import COUNTRY_CHOICES
from shop.delivery import delivery_methods

from .pages import INFO_PAGES, InfoPage


@require_safe
def info_page(request, page: InfoPage):
    # The delivery page quotes the same methods, prices and countries as checkout (settings; no queries).
    abroad = [name for code, name in COUNTRY_CHOICES if code != settings.SHOP["home_country"]]
    return render(request, f"support/{page.name}.html", {"page": page, "delivery_methods": delivery_methods(),
                                                         "countries_abroad": abroad})


@require_safe
def site_map(request):
    """Every page a visitor can reach, in one place (practice P61); categories come from the nav cache."""
    groups = [(group, list(pages)) for group, pages in groupby(INFO_PAGES, key=lambda page: page.group)]
    return render(request, "support/site_map.html", {"info_groups": groups})
