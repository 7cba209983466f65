"""A member's own account pages, under /account/."""

from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("consent/", views.consent, name="consent"),
    path("consent/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("diversity/", views.diversity, name="diversity"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
