"""The practice catalogue as pages (browse by group and status, search, one page per practice, the tour),
workshop mode's switch, and the staff's customer-experience dashboard."""

from django.contrib import admin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from storefront.breadcrumbs import Crumb
from storefront.redirects import safe_next_path

from .catalogue import GROUPS, STATUSES, practice_or_none, practices
from .charts import nps_by_category_chart, nps_by_month_chart
from .metrics import ARTICLE_MIN_VOTES, MISSED_SEARCH_DAYS, PERIODS, dashboard_figures, period_months
from .mode import mode_remember
from .places import PLACES
from .tour import tour_stops

QUERY_MAX_LENGTH = 100


def _practices_crumb() -> Crumb:
    return Crumb(gettext("Practices"), reverse("workshop:practices"))


def _matches(practice, words: list[str]) -> bool:
    text = " ".join((practice.id, practice.title, practice.why, practice.how, practice.reason)).lower()
    return all(word in text for word in words)


@require_safe
def practice_list(request):
    group = request.GET.get("group", "")
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").replace("\x00", "").strip()[:QUERY_MAX_LENGTH]
    words = query.lower().split()
    chosen = [practice for practice in practices()
              if (group not in GROUPS or practice.group == group)
              and (status not in STATUSES or practice.status == status)
              and _matches(practice, words)]
    by_group = [(key, name, [practice for practice in chosen if practice.group == key]) for key, name in GROUPS.items()]
    counts = {key: sum(practice.status == key for practice in practices()) for key in STATUSES}
    return render(request, "workshop/practice_list.html", {
        "groups": GROUPS, "statuses": STATUSES, "counts": counts, "total": len(practices()),
        "chosen_group": group if group in GROUPS else "", "chosen_status": status if status in STATUSES else "",
        "query": query, "by_group": [entry for entry in by_group if entry[2]], "found": len(chosen)})


def _buttons(names) -> str:
    """The buttons to press in turn (places.py marks their English names), each in the page's language and
    quoted as it quotes a button's name."""
    # Translators: the name of a button to press, quoted: “Continue to delivery”.
    quoted = [pgettext("a button's name", "“%(name)s”") % {"name": gettext(name)} for name in names]
    return pgettext("between buttons pressed in turn", ", ").join(quoted)


def _places_of(practice) -> list[dict]:
    """Each "see it" link with its live address; a place the shop has nothing for yet is left out."""
    links = []
    for item in practice.see:
        place = PLACES[item.place]
        path = place.path()
        if path:
            links.append({"label": item.label, "path": path, "visitor": place.visitor_description,
                          "needs_visitor": place.visitor != "guest", "press": _buttons(place.press)})
    return links


@require_safe
def practice_detail(request, practice_id):
    practice = practice_or_none(practice_id.upper())
    if practice is None:
        raise Http404("No such practice")
    same_group = [other for other in practices() if other.group == practice.group]
    position = same_group.index(practice)
    return render(request, "workshop/practice_detail.html", {
        "practice": practice, "places": _places_of(practice), "trail": [_practices_crumb()],
        "previous": same_group[position - 1] if position else None,
        "next": same_group[position + 1] if position + 1 < len(same_group) else None})


@require_safe
def tour(request):
    return render(request, "workshop/tour.html", {"stops": tour_stops(), "trail": [_practices_crumb()]})


# --- Workshop mode (mode.py) ------------------------------------------------------------------------------


@require_POST
def workshop_mode_switch(request):
    """The footer's switch: turn the mode on or off and return to the same page, now with or without badges."""
    on = request.POST.get("mode") == "on"
    response = HttpResponseRedirect(safe_next_path(request.POST.get("next", "")) or "/")
    mode_remember(response, request, on)
    return response


# --- The customer-experience dashboard ---------------------------------------------------------------------
# For staff (practice S18), at /staff/cx/ and linked from the back office's home page: survey scores over
# time and by category, messages that failed, why things come back, searches that found nothing and help
# articles that did not help. The figures come from metrics.py, the charts from charts.py.


@never_cache
@require_safe
def cx_dashboard_page(request):
    figures = dashboard_figures(months=period_months(request.GET.get("months")))
    return render(request, "workshop/dashboard.html", {
        "figures": figures,
        "periods": PERIODS,
        "month_chart": nps_by_month_chart(figures.by_month),
        "category_chart": nps_by_category_chart(figures.by_category),
        "missed_search_days": MISSED_SEARCH_DAYS,
        "article_min_votes": ARTICLE_MIN_VOTES,
    })


# Behind the back office's own door: the same staff check, and the second factor for staff who set one up
# (accounts/admin_site.py); anyone else is sent to the back office's sign-in.
cx_dashboard = admin.site.admin_view(cx_dashboard_page)
