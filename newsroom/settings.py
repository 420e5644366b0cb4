"""Newsroom settings: one module, read from the environment (django-environ).

`make run` writes a `.env` with a freshly generated secret key for development; outside
development DJANGO_SECRET_KEY must be set or the process refuses to start.
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env_file = env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env"))
if Path(env_file).is_file():
    environ.Env.read_env(env_file)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Secrets are read verbatim: django-environ would take a value starting with "$" for a
# reference to another variable, and a random key may well start with one.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# Keys being rotated out: sessions and signed links made with them stay valid until they
# expire. Comma-separated (Django's generated keys contain no comma).
SECRET_KEY_FALLBACKS = [
    key for key in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",") if key
]
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment (or run `make run`, "
            "which writes a development .env with a fresh key)."
        )
    # Development only: a per-process key, so sessions don't survive a restart.
    from django.core.management.utils import get_random_secret_key

    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "csp",
    "axes",
    "photos",
    "articles",
    "desk",
    "reader",
    "wire",
    "distribution",
    "demo",
    "ninja",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # 304s from ETag/Last-Modified, for fresh and cached responses alike.
    "django.middleware.http.ConditionalGetMiddleware",
    "reader.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # 403 and 404 under /admin/ in the admin's own pages, with a way back.
    "desk.middleware.DeskErrorPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is locked out for the cool-off period. Axes' backend goes
# first so it can refuse before a password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Object permissions (articles.permissions): user.has_perm(perm, story).
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0) or None

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.media",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reader.context_processors.newsroom",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

VAR_DIR = BASE_DIR / "var"  # the embedded database and test output live here, untracked
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so two editors saving at once
    # queue on the busy timeout instead of failing with "database is locked"; WAL lets
    # readers carry on while a writer works.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # File-backed test database: concurrency tests need real connections from threads.
    # One file per test run, so parallel runs on one machine never share it.
    DATABASES["default"].setdefault("TEST", {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")})
    VAR_DIR.mkdir(exist_ok=True)
# Connections outlive a request (a worker serves many): opening one cost a SQLite page
# 1-2 ms (its PRAGMAs, Django's functions registered), and a PostgreSQL page a login.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Pages ask short, LIMITed questions: starting parallel workers (or compiling a
    # plan with JIT) costs more than it saves, and under load far more (a section page
    # spent 110 ms waiting for workers to read 22 rows). Data on SSD: an index lookup
    # costs little more than a sequential read (the default 4.0 made the related
    # stories hash all 100,000 articles: 91 -> 28 ms).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options",
        env.str(
            "DJANGO_PG_SESSION_OPTIONS",
            default="-c max_parallel_workers_per_gather=0 -c jit=off -c random_page_cost=1.1",
        ),
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Seoul")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded originals: private, never under MEDIA_ROOT, never given a URL.
PHOTO_ORIGINALS_ROOT = env.path("PHOTO_ORIGINALS_ROOT", default=VAR_DIR / "originals")
# Renditions are made here, outside MEDIA_ROOT, and copied to MEDIA_ROOT (or the object
# storage) only once a story readers can see shows the photo (reader.renditions).
PHOTO_PRIVATE_RENDITIONS_ROOT = env.path(
    "PHOTO_PRIVATE_RENDITIONS_ROOT", default=VAR_DIR / "renditions"
)
# Share cards (1200x630) made for stories without a photo, on first request, kept here.
NEWSROOM_SHARE_CARDS_ROOT = env.path("NEWSROOM_SHARE_CARDS_ROOT", default=VAR_DIR / "cards")

# Upload limits: a file over these is refused with a form error, never decoded.
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=25 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=60_000_000)
PHOTO_MAX_FRAMES = env.int("PHOTO_MAX_FRAMES", default=100)
PHOTO_MAX_TOTAL_PIXELS = env.int("PHOTO_MAX_TOTAL_PIXELS", default=200_000_000)
# Uploads above this size stream to a temporary file (in FILE_UPLOAD_TEMP_DIR, default
# the system's) instead of memory; the bound on files per request caps a multi-upload.
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_TEMP_DIR = env.str("FILE_UPLOAD_TEMP_DIR", default=None)
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DATA_UPLOAD_MAX_NUMBER_FILES", default=20)
# Files written from memory and moved from a temporary file get the same mode.
FILE_UPLOAD_PERMISSIONS = 0o644

LOGIN_URL = "admin:login"

# --- security -----------------------------------------------------------------------------
# HTTPS is on for every non-debug deployment; DJANGO_HTTPS=false only for serving the demo
# over plain HTTP on this machine (`make serve`).
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# No inline scripts anywhere (public site and admin); JSON-LD data blocks are not scripts.
# Styles allow inline attributes because the Django admin still sets a few.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *env.list("DJANGO_CSP_IMG_SRC", default=[])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- static and media files -----------------------------------------------------------------
# WhiteNoise serves static files from the app process, compressed with hashed names; media
# (renditions) goes to the local folder or, with DJANGO_MEDIA_STORAGE=s3, to S3-compatible
# object storage configured by the AWS_* variables.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if env.str("DJANGO_MEDIA_STORAGE", default="local") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default=None),
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = DEBUG  # development: serve straight from static/, no collectstatic
WHITENOISE_AUTOREFRESH = DEBUG
# MEDIA_URL is always answered by the app when the file is not (yet) in MEDIA_ROOT: that is
# how a photo's renditions are published once a story readers can see shows it
# (reader.renditions). A real site serves MEDIA_ROOT from the web server, falling back to
# the app for a missing file.

# --- cache ----------------------------------------------------------------------------------
# locmem by default; redis://… or pymemcache://… through CACHE_URL in production.
CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://newsroom"),
    # The content API's renderings of published versions (immutable, shared by every
    # subscriber): small entries, many of them; Redis or memcached in production.
    # Fragments of published versions (listing cards): immutable, so kept long and reused
    # across generations of the page cache. Redis or memcached in production.
    "fragments": env.cache_url(
        "FRAGMENT_CACHE_URL", default="locmemcache://fragments?max_entries=20000"
    ),
    "distribution": env.cache_url(
        "DISTRIBUTION_CACHE_URL", default="locmemcache://distribution?max_entries=5000"
    ),
}
PUBLIC_CACHE_SECONDS = env.int("NEWSROOM_PUBLIC_CACHE_SECONDS", default=300)
# How long a published version's rendered fragment (a listing card) is kept.
NEWSROOM_FRAGMENT_SECONDS = env.int("NEWSROOM_FRAGMENT_SECONDS", default=86400)
# Where the page cache's generation lives when the cache is per process (local memory):
# a small file every process on this machine reads. With Redis or memcached it is kept
# in the shared cache instead (reader.freshness).
NEWSROOM_GENERATION_FILE = env.path(
    "NEWSROOM_GENERATION_FILE", default=VAR_DIR / "reader-generation"
)
# The content API answers each subscriber for itself: never from the public page cache.
PUBLIC_CACHE_SKIP_PREFIXES = ("/admin/", "/preview/", "/static/", "/media/", "/healthz", "/api/")

# The newsroom's identity: credit in datelines and captions, and the story code prefix
# (agency style: prefix + local creation date + daily serial, e.g. HEN20260105000300).
NEWSROOM_NAME = env.str("NEWSROOM_NAME", default="Hanbit News Agency")
NEWSROOM_AGENCY = env.str("NEWSROOM_AGENCY", default="Hanbit")
NEWSROOM_CODE_PREFIX = env.str("NEWSROOM_CODE_PREFIX", default="HEN")
NEWSROOM_DESK_EMAIL = env.str("NEWSROOM_DESK_EMAIL", default="desk@hanbit.example")
NEWSROOM_DEFAULT_SECTION = env.str("NEWSROOM_DEFAULT_SECTION", default="national")
# The public site's address, for absolute links in what leaves the site (ninjs, wire).
NEWSROOM_SITE_URL = env.str("NEWSROOM_SITE_URL", default="http://127.0.0.1:8000")

# --- logging --------------------------------------------------------------------------------
# One line per event on the console (the process manager or container collects it); errors
# behind a 500 are logged by django.request with their traceback, DEBUG or not.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line"},
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Per-request lines come from the server's access log (gunicorn), not from here.
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # its start-up banner in every command
    },
}

# --- background tasks -----------------------------------------------------------------------
# Django's tasks framework (the django-tasks backport). The default backend keeps tasks in
# this database (django-tasks-db; SQLite or PostgreSQL, nothing else to run), so a publish
# enqueues its webhook delivery in its own transaction; `manage.py db_worker` runs them.
# Production may name any other django-tasks backend by its dotted path (a Redis or Celery
# one), configured by TASKS_OPTIONS (JSON) and run by that backend's own worker.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": env.list("TASKS_QUEUES", default=["default"]),
        "OPTIONS": env.json("TASKS_OPTIONS", default={}),
    }
}

# --- distribution: subscribers, the content API, webhooks -----------------------------------
# Requests per API key per window; counted in the cache (CACHE_URL), shared by every process
# when that is Redis or memcached (the local-memory default counts per process).
DISTRIBUTION_RATE_LIMIT = env.int("DISTRIBUTION_RATE_LIMIT", default=600)
DISTRIBUTION_RATE_WINDOW_SECONDS = env.int("DISTRIBUTION_RATE_WINDOW_SECONDS", default=60)
# Rendered items (immutable versions) are kept in the cache this long; it bounds how long
# an edit to a photo's credit or renditions takes to reach the API.
DISTRIBUTION_RENDER_CACHE_SECONDS = env.int("DISTRIBUTION_RENDER_CACHE_SECONDS", default=300)
# Longest long-poll a feed request may ask for (wait=N); it holds a worker meanwhile.
DISTRIBUTION_FEED_MAX_WAIT_SECONDS = env.int("DISTRIBUTION_FEED_MAX_WAIT_SECONDS", default=30)
# Webhooks: timeout of one POST; retries after base * 2**(n-1) s, at most the cap, forever.
DISTRIBUTION_WEBHOOK_TIMEOUT_SECONDS = env.float("DISTRIBUTION_WEBHOOK_TIMEOUT_SECONDS", default=10)
DISTRIBUTION_WEBHOOK_RETRY_SECONDS = env.float("DISTRIBUTION_WEBHOOK_RETRY_SECONDS", default=10)
DISTRIBUTION_WEBHOOK_MAX_RETRY_SECONDS = env.float(
    "DISTRIBUTION_WEBHOOK_MAX_RETRY_SECONDS", default=600
)
# One worker task sends to this many subscribers, this many POSTs at a time.
DISTRIBUTION_WEBHOOK_BATCH = env.int("DISTRIBUTION_WEBHOOK_BATCH", default=100)
DISTRIBUTION_WEBHOOK_CONCURRENCY = env.int("DISTRIBUTION_WEBHOOK_CONCURRENCY", default=8)
# Plain-HTTP webhook endpoints on this machine (127.0.0.1, ::1, localhost): development only.
DISTRIBUTION_WEBHOOK_ALLOW_HTTP_LOOPBACK = env.bool(
    "DISTRIBUTION_WEBHOOK_ALLOW_HTTP_LOOPBACK", default=DEBUG
)
