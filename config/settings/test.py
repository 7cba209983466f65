"""Fast, isolated test settings (after wagtail/bakerydemo's test settings)."""

import atexit
import shutil
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # As in production, so the tests read what readers get through the public page cache.
    PUBLIC_CACHE_ALIAS: {  # noqa: F405
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "public-pages",
    },
}
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# One per process, so each pytest-xdist worker has its own; removed when the process ends.
MEDIA_ROOT = tempfile.mkdtemp(prefix="practice-commons-test-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="practice-commons-test-private-")
atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
# Static files come from the finders here; WhiteNoise serves the collected files in production.
MIDDLEWARE = [m for m in MIDDLEWARE if "whitenoise" not in m]  # noqa: F405
# The suite's pages search the embedded engine; ELASTICSEARCH_URL (a real cluster) is read by
# the Elasticsearch engine's own tests (tests/search/), which otherwise start a stand-in.
SEARCH_BACKENDS = {"default": EMBEDDED_SEARCH_BACKEND}  # noqa: F405
# client.login() authenticates without a request, which axes refuses: it skips the throttle
# (tests/auth_backends.py). Sign-ins through the forms are throttled as in production.
AUTHENTICATION_BACKENDS = [
    "tests.auth_backends.AxesStandaloneBackendForTestClient",
    *AUTHENTICATION_BACKENDS[1:],  # noqa: F405
]
