"""The search pages (search/views.py): /search/ for anyone, /search/members/ for members."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.public_search, name="search"),
    path("members/", views.member_search, name="members"),
]
