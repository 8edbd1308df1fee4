from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("sign-in/", views.sign_in, name="login"),
    path("sign-out/", views.sign_out, name="logout"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/sent/", views.sign_up_sent, name="sign_up_sent"),
    path("open/<str:token>/", views.account_open_link, name="open"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path("password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("orders/", views.orders, name="orders"),
    path("orders/<str:number>/", views.order, name="order"),
    path("addresses/", views.addresses, name="addresses"),
    path("addresses/add/", views.address_add_page, name="address_add"),
    path("addresses/<int:pk>/edit/", views.address_edit, name="address_edit"),
    path("addresses/<int:pk>/delete/", views.address_delete_page, name="address_delete"),
    path("addresses/<int:pk>/use-first/", views.address_default, name="address_default"),
    path("profile/", views.profile, name="profile"),
    path("notifications/", views.notifications, name="notifications"),
]
