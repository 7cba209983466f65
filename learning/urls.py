"""Syndication of the public side at fixed addresses (learning/syndication.py): robots.txt, the
sitemap and the API, included at the site's root by config/urls.py before Wagtail's page
serving. The feeds are the learning hub's own routes (learning/models.py), under its address."""

from django.urls import path

from . import syndication

urlpatterns = [
    path("robots.txt", syndication.robots_txt, name="robots_txt"),
    path("sitemap.xml", syndication.sitemap, name="sitemap"),
    path("api/outputs/", syndication.api_outputs, name="api-outputs"),
    path("api/outputs/<int:pk>/", syndication.api_output, name="api-output"),
    path("api/themes/", syndication.api_themes, name="api-themes"),
]
