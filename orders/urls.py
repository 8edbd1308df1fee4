from django.urls import path

from . import views

app_name = "orders"

urlpatterns = [
    path("", views.checkout_start, name="checkout"),
    path("details/", views.checkout_details, name="details"),
    path("delivery/", views.checkout_delivery, name="delivery"),
    path("payment/", views.checkout_payment, name="payment"),
    path("payment/confirm/<uuid:reference>/", views.checkout_payment_confirm, name="payment_confirm"),
    path("review/", views.checkout_review, name="review"),
    path("thank-you/<str:number>/", views.checkout_done, name="done"),
    path("thank-you/<str:number>/account/", views.checkout_create_account, name="create_account"),
    path("check/<str:form_name>/", views.check_field, name="check_field"),
    path("address-fields/", views.address_fields, name="address_fields"),
]
