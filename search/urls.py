"""The public search page, /search/ (search/views.py)."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
]
