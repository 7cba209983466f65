"""Settings shared by every environment.

Safe for production by default: DEBUG is off, and each integration is switched on only when its
environment variable is set. dev, test and production adjust from here.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def cache_from_url(url: str, **options) -> dict:
    """A CACHES entry from a URL: locmem://name, redis://host:6379/1, rediss://...,
    memcached://host:11211, file:///path or dummy:// (Redis needs the redis package). A Redis
    that fails or hangs is a cache miss, not an error: config/cache.py."""
    scheme, _, location = url.partition("://")
    backends = {
        "locmem": "django.core.cache.backends.locmem.LocMemCache",
        "redis": "config.cache.OutageTolerantRedisCache",
        "rediss": "config.cache.OutageTolerantRedisCache",
        "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
        "file": "django.core.cache.backends.filebased.FileBasedCache",
        "dummy": "django.core.cache.backends.dummy.DummyCache",
    }
    if scheme not in backends:
        raise ValueError(f"Unknown cache URL scheme {scheme!r} in {url!r}")
    if scheme in ("redis", "rediss"):
        location = url
    if scheme in ("locmem", "file"):  # they cull at MAX_ENTRIES (300 unless told)
        options.setdefault("OPTIONS", {"MAX_ENTRIES": 2000})
    return {"BACKEND": backends[scheme], "LOCATION": location, **options}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Keys the hashes that keep former participants' names protected (attribution.registry).
# Falls back to SECRET_KEY; set it once and never change it, or those names lose protection.
ATTRIBUTION_HASH_KEY = os.environ.get("ATTRIBUTION_HASH_KEY", "")
# The licence public outputs get unless the convener chooses another (knowledge.models.Licence).
PUBLIC_OUTPUT_LICENCE = os.environ.get("PUBLIC_OUTPUT_LICENCE", "CC-BY-NC-SA-4.0")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "members",
    "themes",
    "knowledge",
    "attribution",
    "learning",
    "search",
    "demo",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The Content-Security-Policy header, the public one or the admin's by path (config/csp.py).
    # Outside the public page cache, so cached responses get it as they are served.
    "config.csp.PathPolicyCSPMiddleware",
    # A request declaring a body over MAX_REQUEST_BYTES is answered 413 before it is read,
    # and before the public guard below reads a POST's fields (config/upload_limit.py).
    "config.upload_limit.UploadLimitMiddleware",
    # Checks every anonymous response for names before it is served or cached, and serves the
    # public page cache. Outside the session middleware: a cached page costs no query, and it
    # sees each response last, as it is sent (attribution.last_check).
    "learning.public_cache.PublicResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A 404 at a members-only address becomes the refusal an existing page there would get,
    # so that guessed addresses are not confirmed (knowledge.members_only). Before the
    # redirects, so that a redirect set up for an old address still works.
    "knowledge.members_only.MembersOnlyAddressMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "attribution.middleware.GateRefusalMiddleware",
    # Turns a sign-in refused for too many wrong passwords into the "sign-in paused" page.
    "axes.middleware.AxesMiddleware",
]

# The most one request may send, files included: room for two files at the 20 MB a shared file
# may be (knowledge/contributions.py) and the form around them. Bigger is refused unread
# (config/upload_limit.py); the reverse proxy should refuse the same (docs/deployment.md).
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_MB", "50")) * 1024 * 1024

# The public page cache (learning.public_cache): anonymous responses of public pages, feeds,
# the sitemap and the API, each checked for names before it is stored, and cleared whenever a
# page is published, unpublished, moved or deleted and whenever who is protected changes. It
# must be one cache for every process: a takedown clears it in the process that made it (a web
# worker, a cron job, a shell), and a cache of one process's own (LocMemCache) would leave the
# other workers serving the page taken down until PUBLIC_CACHE_TTL. It must cost no query per
# hit and keep serving while the database is down, so never the database cache either.
# - PUBLIC_CACHE_URL set: that cache, for instance Redis (a database of its own: clearing the
#   cache flushes that database; the redis package is in requirements.txt).
# - otherwise files in PUBLIC_CACHE_DIR (var/public-cache/ in the project by default), shared by
#   every process of the site that runs as the same user; each must be able to write there.
# dummy:// turns caching off; a settings module whose CACHES lacks the alias does too.
PUBLIC_CACHE_ALIAS = "public_pages"
# The longest a cached page lives: bounds what no purge signal covers (a template changed by a
# deploy).
PUBLIC_CACHE_TTL = int(os.environ.get("PUBLIC_CACHE_TTL", "300"))
# Relative to the project folder unless absolute.
PUBLIC_CACHE_DIR = BASE_DIR / (os.environ.get("PUBLIC_CACHE_DIR", "") or "var/public-cache")
# Paths never cached (their responses are still checked): sign-in, admin, members' accounts,
# documents (streamed, and behind collection privacy), and
# searches (each query its own entry: anyone could fill a shared cache).
PUBLIC_CACHE_EXCLUDE = [
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/account/",
    "/documents/",
    "/search/",
]
# The default cache holds Wagtail's site lookups and the public guard's hourly report throttle:
# this process's memory unless CACHE_URL shares it (redis://host:6379/4: another database).
CACHES = {
    "default": cache_from_url(os.environ.get("CACHE_URL", "") or "locmem://"),
    PUBLIC_CACHE_ALIAS: cache_from_url(
        os.environ.get("PUBLIC_CACHE_URL", "") or f"file://{PUBLIC_CACHE_DIR}",
        TIMEOUT=PUBLIC_CACHE_TTL,
    ),
}

# A CDN or caching proxy in front (learning/cdn.py, through Wagtail's frontend cache): purged
# of every public address whenever the public cache is cleared. Off unless configured here.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # Varnish, Squid or nginx accepting PURGE
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
    }

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "members.context_processors.my_communities",
            ],
        },
    },
]

# SQLite by default so that `make run` needs nothing but Python; PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
# SQLite under concurrent writes (docs/benchmarks.md, bench/concurrency.py): with its defaults,
# a member replying while others do got "database is locked". Write-ahead logging lets readers
# go on while one writes; IMMEDIATE takes the write lock when a transaction begins, so a writer
# waits its turn (up to `timeout` seconds) instead of failing when a read turns into a write.
# SQLITE_LEGACY_LOCKING=1 restores SQLite's defaults, only to measure the difference.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not env_bool(
    "SQLITE_LEGACY_LOCKING"
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Site search (search/backends/, docs/search.md): engines chosen like Django's caches. The
# embedded engine is SQLite FTS5 on SQLite and PostgreSQL full-text search on PostgreSQL. With
# ELASTICSEARCH_URL, Elasticsearch 8 answers searches and the embedded engine is kept in step
# to answer when the cluster cannot. Every engine's index follows every publish, unpublish,
# move and delete, inline or through a django_tasks worker (TASKS) when
# SEARCH_INDEX_IN_BACKGROUND is set.
EMBEDDED_SEARCH_BACKEND = {
    "BACKEND": "search.backends.postgres.PostgresSearchBackend"
    if "postgresql" in DATABASES["default"]["ENGINE"]
    else "search.backends.sqlite.SQLiteFTS5Backend"
}
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
            "URL": ELASTICSEARCH_URL,
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "practice-commons"),
            "API_KEY": os.environ.get("ELASTICSEARCH_API_KEY", ""),
            "CA_CERTS": os.environ.get("ELASTICSEARCH_CA_CERTS", ""),
            "REPLICAS": int(os.environ.get("ELASTICSEARCH_REPLICAS", "0")),
            "FALLBACK": "embedded",
        },
        "embedded": EMBEDDED_SEARCH_BACKEND,
    }
else:
    SEARCH_BACKENDS = {"default": EMBEDDED_SEARCH_BACKEND}
# Tasks, Wagtail 8's framework (django-tasks): email through the outbox (members/mail.py), and
# search indexing with SEARCH_INDEX_IN_BACKGROUND. In process by default (`make run`, the tests);
# TASKS_BACKEND=database queues them in the database for the worker, `manage.py db_worker`
# (docs/deployment.md), which also sends retries when they are due.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
SEARCH_INDEX_IN_BACKGROUND = env_bool("SEARCH_INDEX_IN_BACKGROUND", TASKS_BACKEND == "database")

# The scheduler (`manage.py run_scheduler`, a process of its own in production): every periodic
# command and its timetable (cron syntax, in TIME_ZONE), in one place. Add new ones here.
SCHEDULE = {
    "publish_scheduled_checked": "*/5 * * * *",  # pages going live or expiring, gate first
    "send_queued_email": "* * * * *",  # the outbox's retries that are due
    "clearsessions": "17 3 * * *",  # expired sign-in sessions
    "apply_retention": "47 3 * * *",  # unused invitations, declined and abandoned applications
}
if TASKS_BACKEND == "database":
    SCHEDULE["prune_db_task_results"] = "37 3 * * *"  # finished tasks, after a week

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling (django-axes), on the site's sign-in and the Wagtail admin's alike: after
# AXES_FAILURE_LIMIT wrong passwords for one username from one address, signing in to that
# account from that address is paused for AXES_COOLOFF_TIME, the right password included, and
# the reader gets templates/registration/sign_in_paused.html (members/sign_in.py). The pair, not
# the username alone, so nobody can lock a member out from elsewhere; nor the address alone, so
# an office behind one address is not locked out by one colleague. Failures during the pause
# do not extend it, so it ends; a successful sign-in forgets earlier failures. Attempts are
# kept in the database, shared by every process. The client's address behind the reverse
# proxy: REVERSE_PROXY_COUNT (members/sign_in.py, docs/deployment.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses before any password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "members.sign_in.sign_in_paused"
AXES_CLIENT_IP_CALLABLE = "members.sign_in.client_ip"
# No permanent log of every sign-in's address and browser: only failed attempts are kept.
AXES_DISABLE_ACCESS_LOG = True
# How many reverse proxies in front append the client's address to X-Forwarded-For (nginx's
# $proxy_add_x_forwarded_for, Caddy): 1 behind one proxy. 0 (the default) reads REMOTE_ADDR:
# for gunicorn reached directly. Never more than the proxies there are, or a client could
# choose its own address by sending the header.
REVERSE_PROXY_COUNT = int(os.environ.get("REVERSE_PROXY_COUNT", "0"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"

# Sessions expire eight hours after sign-in, and when the browser closes. (Not refreshed on
# every request: that would make every page view, search included, write to the database.)
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link lives for one day
INVITATION_MAX_AGE = 60 * 60 * 24 * 14  # an invitation's link to set a first password: a fortnight
# What conveners score each application against, 0 to 5 each (members/joining.py).
SELECTION_CRITERIA = [
    "Service delivery",
    "The nominee's experience",
    "What they would gain",
    "The community business model",
]
# An invitation never accepted is deleted this long after it was made (apply_retention).
INVITATION_RETENTION = timedelta(days=int(os.environ.get("INVITATION_RETENTION_DAYS", "90")))
# Emails the outbox has sent are deleted this long after (apply_retention).
OUTBOX_RETENTION = timedelta(days=int(os.environ.get("OUTBOX_RETENTION_DAYS", "30")))
# Declined applications (after the decision) and drafts never submitted (after their last save).
APPLICATION_RETENTION = timedelta(days=int(os.environ.get("APPLICATION_RETENTION_DAYS", "180")))

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "templates" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files no web server may serve (applicants' letters of support): read through the admin only.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Email: the console by default; SMTP when EMAIL_HOST is set, through a backend that logs a
# failure instead of raising it (members/mail.py), whoever sends, Wagtail included.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "members.mail.LoggedSMTPBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Seconds before a mail server that does not answer is given up on. Mail is sent after the
# change commits and a failure is logged, never shown (members/mail.py); without a timeout, a
# hung server held each reply for as long as the web worker lived.
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "5"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Practice Commons <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "Practice Commons"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Shared passwords leak: anyone told the word can read a community's notes. Groups only.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# Documents stream through Wagtail's permission-checked view; never a raw media URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "xls", "pptx", "odt", "ods", "csv", "txt"]
# An edit made after a review restarts the review, so what was approved is what goes live. Users
# who may publish bypass workflows altogether: the save guard in attribution/signal_handlers.py,
# not the Non-attribution review task, is what keeps a page that names someone from going public.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_TAG_SPACES_ALLOWED = True
# The admin calls no outside service: no Gravatar (it would send a hash of every user's email
# address to it) and no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
TAGGIT_CASE_INSENSITIVE = True

SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail's preview views mark themselves SAMEORIGIN, so nothing else needs framing.
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4, config/csp.py). The public and members' pages: their
# own scripts and stylesheets only, nothing inline (no style="" or on* attributes either) and no
# nonces, since the public page cache replays one response to every reader.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The Wagtail admin (CSP_ADMIN_PATHS) writes inline styles and scripts of its own, draws
# images from data: and blob: URLs, and frames its own previews: a looser policy, still
# limited to this site.
CSP_ADMIN_PATHS = ["/admin/"]
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per background task (each search index update) drowns everything else.
    "loggers": {"django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")}},
}
