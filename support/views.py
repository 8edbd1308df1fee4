from itertools import groupby

from django.shortcuts import render
from django.views.decorators.http import require_safe

from .pages import INFO_PAGES, InfoPage


@require_safe
def info_page(request, page: InfoPage):
    return render(request, f"support/{page.name}.html", {"page": page})


@require_safe
def site_map(request):
    """Every page a visitor can reach, in one place (practice P61); categories come from the nav cache."""
    groups = [(group, list(pages)) for group, pages in groupby(INFO_PAGES, key=lambda page: page.group)]
    return render(request, "support/site_map.html", {"info_groups": groups})
