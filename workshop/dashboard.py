"""The customer-experience dashboard for staff (practice S18), at /staff/cx/ and linked from the back office's
home page: survey scores over time and by category, messages that failed, why things come back, searches
that found nothing and help articles that did not help. The figures come from workshop/metrics.py, the
charts from workshop/charts.py."""

from django.contrib import admin
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .charts import nps_by_category_chart, nps_by_month_chart
from .metrics import ARTICLE_MIN_VOTES, MISSED_SEARCH_DAYS, PERIODS, dashboard_figures, period_months


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
