from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from knowledge.views import admin as admin_views

urlpatterns = [
    # Wagtail's admin views that would show another community's pages or people, narrowed to
    # what the user may see (knowledge/views/admin.py): the same addresses, so these win.
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
    path("join/", include("members.joining_urls")),
    # Syndication of the public side: robots.txt, the sitemap, feeds and the API.
    path("", include("learning.urls")),
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
# Django's 403 page cannot tell a refusal on another community's pages from any other.
handler403 = "config.forbidden.forbidden"
