from django.urls import path

from . import views
from .pages import INFO_PAGES

app_name = "support"

urlpatterns = [
    path("site-map/", views.site_map, name="site_map"),
    *[path(page.path, views.info_page, {"page": page}, name=page.name) for page in INFO_PAGES],
]
