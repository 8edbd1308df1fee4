from django.urls import path

from . import views
from .returns import views as return_views
from .survey import views as survey_views
from .tracking import views as tracking_views

app_name = "orders"

urlpatterns = [
    # Checkout
    path("checkout/", views.checkout_start, name="checkout"),
    path("checkout/details/", views.checkout_details, name="details"),
    path("checkout/delivery/", views.checkout_delivery, name="delivery"),
    path("checkout/payment/", views.checkout_payment, name="payment"),
    path("checkout/payment/confirm/<uuid:reference>/", views.checkout_payment_confirm, name="payment_confirm"),
    path("checkout/review/", views.checkout_review, name="review"),
    path("checkout/thank-you/<str:number>/", views.checkout_done, name="done"),
    path("checkout/thank-you/<str:number>/account/", views.checkout_create_account, name="create_account"),
    path("checkout/check/<str:form_name>/", views.check_field, name="check_field"),
    path("checkout/address-fields/", views.address_fields, name="address_fields"),
    # After the sale: where is my order, and how did it go
    path("track/", tracking_views.tracking_lookup, name="tracking_lookup"),
    path("track/<str:number>/", tracking_views.tracking, name="tracking"),
    path("survey/<str:token>/", survey_views.survey, name="survey"),
    # Changing one's mind (returns/): cancel before dispatch, return or withdraw after delivery
    path("orders/<str:number>/cancel/", return_views.cancel, name="cancel"),
    path("orders/<str:number>/return/", return_views.return_start, name="return_start"),
    path("orders/<str:number>/withdraw/", return_views.withdraw, name="withdraw"),
    path("orders/<str:number>/returns/<str:return_number>/", return_views.return_detail, name="return_detail"),
]
