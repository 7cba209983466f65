from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from knowledge import admin_views, syndication

urlpatterns = [
    # Wagtail's admin views that would show another community's pages or people, narrowed to
    # what the user may see (knowledge/admin_views.py): the same addresses, so these win.
    path("admin/", include((admin_views.urlpatterns, "admin_scope"))),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=False),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/", include("members.urls")),
    # Syndication of the public side (knowledge/syndication.py). The feeds sit under the learning
    # hub's URL: these must match the hub's slug, and win over its routes and children.
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
    path("search/", include("search.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches every other URL, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]

# Django's own 400 view reads the form data again, and raised on the very data it reports.
handler400 = "config.bad_request.bad_request"
