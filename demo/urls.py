from django.urls import path

from . import views

# Mounted at /demo/inbox/ by storefront/urls.py while the demo app is installed.
app_name = "demo_inbox"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.message, name="message"),
    path("<int:pk>/html/", views.message_html, name="message_html"),
]
