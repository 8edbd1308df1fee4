from django.urls import path

from . import views
from .reviews import views as review_views

app_name = "shop"

urlpatterns = [
    path("", views.home, name="home"),
    path("category/<slug:slug>/", views.category, name="category"),
    path("products/<slug:slug>/", views.product, name="product"),
    path("products/<slug:slug>/reviews/", review_views.review_list, name="reviews"),
    path("products/<slug:slug>/reviews/write/", review_views.review_write, name="review_write"),
    path("products/<slug:slug>/reviews/invited/<str:token>/", review_views.review_invited, name="review_invited"),
    path("reviews/<int:review_id>/vote/", review_views.review_vote, name="review_vote"),
    path("size-guides/<slug:slug>/", views.size_guide, name="size_guide"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggestions, name="search_suggestions"),
    path("cart/", views.cart, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/update/", views.cart_update, name="cart_update"),
    path("cart/remove/", views.cart_remove, name="cart_remove"),
    path("cart/coupon/", views.cart_coupon, name="cart_coupon"),
    path("cart/link/", views.cart_link, name="cart_link"),
    path("cart/mini/", views.mini_cart, name="mini_cart"),
]
