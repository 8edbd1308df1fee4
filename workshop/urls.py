from django.urls import path

from . import views

app_name = "workshop"

urlpatterns = [
    path("practices/", views.practice_list, name="practices"),
    path("practices/tour/", views.tour, name="tour"),
    path("practices/workshop-mode/", views.workshop_mode_switch, name="mode"),
    path("practices/<str:practice_id>/", views.practice_detail, name="practice"),
    path("staff/cx/", views.cx_dashboard, name="dashboard"),
]
