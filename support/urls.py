from django.urls import path

from . import views
from .contact import views as contact_views
from .help import views as help_views
from .questions import views as question_views

app_name = "support"

urlpatterns = [
    # Help centre, FAQ and poll (help/)
    path("help/", help_views.help_home, name="help"),
    path("help/search/", help_views.help_search, name="help_search"),
    path("help/poll/<int:poll_id>/", help_views.poll_vote, name="poll_vote"),
    path("help/<slug:slug>/", help_views.article, name="article"),
    path("help/<slug:slug>/vote/", help_views.article_vote, name="article_vote"),
    path("faq/", help_views.faq, name="faq"),
    # Writing to us (contact/): the contact form, complaints included, and feedback from any page
    path("contact/", contact_views.contact, name="contact"),
    path("contact/thank-you/<str:reference>/", contact_views.contact_thanks, name="contact_thanks"),
    path("feedback/", contact_views.feedback, name="feedback"),
    # Questions on product pages (questions/)
    path("products/<slug:slug>/questions/", question_views.ask, name="ask_question"),
    # Policies and trust pages (views.py, the list of them in pages.py), and the site map
    path("site-map/", views.site_map, name="site_map"),
    *[path(page.path, views.info_page, {"page": page}, name=page.name) for page in views.INFO_PAGES],
]
