"""Applying to join a recruiting community, under /join/ (members/joining.py)."""

from django.urls import path

from . import views

app_name = "joining"

urlpatterns = [
    path("application/<str:token>/", views.application, name="application"),
    path("application/<str:token>/diversity/", views.application_diversity, name="diversity"),
    path("application/<str:token>/<slug:section>/", views.application_section, name="section"),
    path("<slug:slug>/", views.join, name="join"),
]
