"""Syndication of the public side (learning/syndication.py), included at the site's root by
config/urls.py before Wagtail's page serving. The feeds sit under the learning hub's URL: these
must match the hub's slug, and win over its routes and children."""

from django.urls import path

from . import syndication

urlpatterns = [
    path("robots.txt", syndication.robots_txt, name="robots_txt"),
    path("sitemap.xml", syndication.sitemap, name="sitemap"),
    path("learning/feed/", syndication.outputs_rss, name="syndication-rss"),
    path("learning/feed/atom/", syndication.outputs_atom, name="syndication-atom"),
    path(
        "learning/themes/<slug:theme_slug>/feed/",
        syndication.outputs_rss,
        name="syndication-theme-rss",
    ),
    path(
        "learning/themes/<slug:theme_slug>/feed/atom/",
        syndication.outputs_atom,
        name="syndication-theme-atom",
    ),
    path("api/outputs/", syndication.api_outputs, name="api-outputs"),
    path("api/outputs/<int:pk>/", syndication.api_output, name="api-output"),
    path("api/themes/", syndication.api_themes, name="api-themes"),
]
