"""Settings shared by every environment; each value that varies comes from the environment.

The variables are listed in docs/operations.md; a test fails when one is added here without being
documented there.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from newsdesk.config.env import (
    env_bool,
    env_choice,
    env_email_address,
    env_email_url,
    env_http_url,
    env_int,
    env_list,
    env_origins,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("NEWSDESK_DEBUG", False)
# Production must bring its own key; dev.py and test.py set one for themselves.
SECRET_KEY = env_str("NEWSDESK_SECRET_KEY")
ALLOWED_HOSTS = env_list("NEWSDESK_ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("NEWSDESK_CSRF_TRUSTED_ORIGINS", [])

DATA_DIR = Path(env_str("NEWSDESK_DATA_DIR", "var")).resolve()
MEDIA_ROOT = env_str("NEWSDESK_MEDIA_ROOT", str(DATA_DIR / "media"))
STATIC_ROOT = env_str("NEWSDESK_STATIC_ROOT", str(DATA_DIR / "static"))
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]

INSTALLED_APPS = [
    "newsdesk.config",
    "newsdesk.localisation",
    "newsdesk.delivery",
    "newsdesk.editions",
    "newsdesk.rate_limits",
    "newsdesk.staff_login",
    "newsdesk.sections",
    "newsdesk.bylines",
    "newsdesk.photos",
    "newsdesk.articles",
    "newsdesk.reactions",
    "newsdesk.discussion",
    "newsdesk.moderation",
    "newsdesk.live",
    "newsdesk.feeds",
    "newsdesk.wire",
    "newsdesk.imports",
    "newsdesk.api",
    "newsdesk.demo",
    "newsdesk.outbox",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
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
    "django_filters",
    "ninja",  # the content API: its Swagger UI served from our static files, no CDN
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",  # security headers: django-csp's checks of its settings
]

MIDDLEWARE = [
    # First: it stores reader pages with every header the middleware below adds (delivery).
    "newsdesk.delivery.middleware.DeliveryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Security headers: before XFrameOptionsMiddleware (see below).
    "newsdesk.security_headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # 400 for a NUL or other unreadable character, before any view or database lookup.
    "newsdesk.reader_requests.RefuseUnreadableRequests",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a reader page is its edition's (/en/, /ru/, /ar/), never the browser's.
    "newsdesk.editions.middleware.EditionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsdesk.staff_login.middleware.StaffLoginMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsdesk.config.urls"
WSGI_APPLICATION = "newsdesk.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "newsdesk.sections.context_processors.navigation",
            ],
        },
    },
]

# SQLite in WAL mode is the embedded default; DATABASE_URL points at PostgreSQL when the site grows.
_sqlite_path = DATA_DIR / "newsdesk.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{_sqlite_path}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite cannot create the folder its file lives in; a fresh checkout has no ./var yet.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            " PRAGMA foreign_keys=ON;"
        ),
        # Writers take the lock at BEGIN, so concurrent writers queue instead of failing.
        "transaction_mode": "IMMEDIATE",
    }

_redis_url = env_str("REDIS_URL", "")
if _redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "newsdesk",
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "newsdesk-renditions",
            "TIMEOUT": 60 * 60 * 24,
        },
        # Delivery: the page cache and purge log, shared by all processes (docs/apps/delivery.md).
        "delivery": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "newsdesk-delivery",
            "TIMEOUT": None,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "TIMEOUT": 60 * 60 * 24,
        },
        # Delivery: the page cache and the purge log, shared by every process on the machine
        # through SQLite files (diskcache), so no Redis is needed (docs/apps/delivery.md).
        "delivery": {
            "BACKEND": "newsdesk.delivery.diskcache_backend.KeptOpenDjangoCache",
            "LOCATION": env_str("NEWSDESK_PAGE_CACHE_DIR", str(DATA_DIR / "page-cache")),
            "TIMEOUT": None,
            "SHARDS": 4,
            "DATABASE_TIMEOUT": 1.0,
            "OPTIONS": {
                "size_limit": env_int("NEWSDESK_PAGE_CACHE_MB", 1024) * 1024 * 1024,
                # Pages stay in SQLite rather than one file each: a hit is then one read.
                "disk_min_file_size": 1024 * 1024,
            },
        },
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Interface languages (the admin, and the reader pages of each edition).
LANGUAGES = [("en", "English"), ("ru", "Russian"), ("ar", "Arabic"), ("fr", "French")]
# Content languages: one edition each, with its own front page, sections and URLs under /<code>/
# (docs/editions.md). The first is the default edition. French is an interface language only
# unless it is named here (and given a front page in the admin).
NEWSDESK_EDITIONS = env_list("NEWSDESK_EDITIONS", ["en", "ru", "ar"])
LANGUAGE_CODE = NEWSDESK_EDITIONS[0]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [
    (code, name) for code, name in LANGUAGES if code in NEWSDESK_EDITIONS
] + [(code, code) for code in NEWSDESK_EDITIONS if code not in dict(LANGUAGES)]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Our date formats per language ("30 ноября 2026"), ahead of Django's own.
FORMAT_MODULE_PATH = ["newsdesk.localisation.formats"]
# Languages whose pages show their own digits (Arabic-Indic for "ar"); Latin digits elsewhere.
NEWSDESK_NATIVE_DIGITS = env_list("NEWSDESK_NATIVE_DIGITS", [])
TIME_ZONE = env_str("NEWSDESK_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Security headers (docs/operations.md, "Security headers"). django-csp builds
# Content-Security-Policy: readers get CONTENT_SECURITY_POLICY, the Wagtail admin and its previews
# CONTENT_SECURITY_POLICY_ADMIN, chosen by the ContentSecurityPolicyMiddleware of
# newsdesk/security_headers.py, which also keeps frame-ancestors in step with X-Frame-Options.
# django-permissions-policy sends PERMISSIONS_POLICY. HSTS is in production.py, with HTTPS.
# Pages are never framed, except Wagtail's previews, which Wagtail itself marks SAMEORIGIN.
X_FRAME_OPTIONS = "DENY"
# Players that story embeds (Wagtail's oEmbed finders) may show in a frame; empty for none.
NEWSDESK_CSP_EMBED_ORIGINS = env_origins(
    "NEWSDESK_CSP_EMBED_ORIGINS",
    [
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://www.dailymotion.com",
        "https://geo.dailymotion.com",
        "https://w.soundcloud.com",
        "https://open.spotify.com",
        "https://embed.ted.com",
        "https://flo.uri.sh",
    ],
)
# Where browsers report what the policy blocked (empty: nowhere; the browser's console still says).
NEWSDESK_CSP_REPORT_URI = env_http_url("NEWSDESK_CSP_REPORT_URI", "")
_csp_common = {
    "default-src": ["'self'"],
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "report-uri": NEWSDESK_CSP_REPORT_URI or None,
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_csp_common,
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "frame-src": NEWSDESK_CSP_EMBED_ORIGINS or ["'none'"],
    }
}
# What Wagtail 8's admin needs, found by driving it in Chromium (tests/browser/
# test_security_headers.py): inline <script> (date pickers, inline panels, workflow), <style>
# elements its vendor.js writes in the editor, blob: images (upload previews); data: images and
# style attributes are in Wagtail's own list of its CSP needs. No 'unsafe-eval'.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **_csp_common,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'", *NEWSDESK_CSP_EMBED_ORIGINS],
    }
}
# Features no page of a news site uses, denied to the page and to every frame in it. Embedded
# players keep fullscreen, autoplay, picture-in-picture and encrypted media. browsing-topics is
# the advertising interest API that replaced FLoC's interest-cohort.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "hid",
        "idle-detection",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}
# Editors' avatars are not fetched from Gravatar: it would tell a third party who works in the
# admin, and the admin's policy allows no outside images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Wagtail
WAGTAIL_SITE_NAME = env_str("NEWSDESK_SITE_NAME", "Newsdesk")
WAGTAILADMIN_BASE_URL = env_str("NEWSDESK_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "photos.Photo"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Wagtail's database backend, without its whole-index pass on every save (newsdesk/search_index.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "newsdesk.search_index"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Newsdesk
NEWSDESK_STORIES_PER_PAGE = env_int("NEWSDESK_STORIES_PER_PAGE", 12)
# Story feeds carry the whole body, not only the standfirst (docs/apps/feeds.md#full-text).
NEWSDESK_FEED_FULL_TEXT = env_bool("NEWSDESK_FEED_FULL_TEXT", False)
# How long the search index's average title length is reused before it is measured again.
# The content API (docs/apps/api.md).
NEWSDESK_API_PAGE_SIZE = env_int("NEWSDESK_API_PAGE_SIZE", 20)
NEWSDESK_API_RATE_LIMIT = env_int("NEWSDESK_API_RATE_LIMIT", 300)
NEWSDESK_API_RATE_LIMIT_MINUTES = env_int("NEWSDESK_API_RATE_LIMIT_MINUTES", 5)

# The publisher's logo in structured data (docs/apps/feeds.md): a static file's path, or an address.
NEWSDESK_PUBLISHER_LOGO = env_str("NEWSDESK_PUBLISHER_LOGO", "newsdesk/logo.png")
NEWSDESK_SEARCH_NORM_SECONDS = env_int("NEWSDESK_SEARCH_NORM_SECONDS", 3600)
# Live coverage (docs/apps/live.md): readers' pages ask for updates at an address that is the same
# for every reader within a window of this many seconds, every poll interval, backing off to the
# longest interval after errors.
NEWSDESK_LIVE_WINDOW_SECONDS = env_int("NEWSDESK_LIVE_WINDOW_SECONDS", 10)
NEWSDESK_LIVE_POLL_SECONDS = env_int("NEWSDESK_LIVE_POLL_SECONDS", 10)
NEWSDESK_LIVE_POLL_MAX_SECONDS = env_int("NEWSDESK_LIVE_POLL_MAX_SECONDS", 120)
NEWSDESK_LIVE_ENTRIES_PER_PAGE = env_int("NEWSDESK_LIVE_ENTRIES_PER_PAGE", 20)
NEWSDESK_LIVE_KEY_EVENTS = env_int("NEWSDESK_LIVE_KEY_EVENTS", 10)
NEWSDESK_LIVE_UPDATES_LIMIT = env_int("NEWSDESK_LIVE_UPDATES_LIMIT", 30)
# How many proxies of ours append to X-Forwarded-For in front of Django (0: none).
NEWSDESK_TRUSTED_PROXY_COUNT = env_int("NEWSDESK_TRUSTED_PROXY_COUNT", 0)

# Email and background tasks (docs/operations.md#email, docs/apps/outbox.md) -------------------
# Django and Wagtail send through the outbox, which queues each message as a task; the task delivers
# it through the backend NEWSDESK_EMAIL_URL names (OUTBOX_EMAIL_BACKEND), retrying when it fails.
_email_url = env_str("NEWSDESK_EMAIL_URL", "")
_email = env_email_url("NEWSDESK_EMAIL_URL", _email_url or "smtp://localhost:25")
OUTBOX_EMAIL_URL_SET = bool(_email_url)
OUTBOX_EMAIL_BACKEND = _email.backend
EMAIL_BACKEND = "newsdesk.outbox.backends.OutboxEmailBackend"
EMAIL_HOST = _email.host
EMAIL_PORT = _email.port
EMAIL_HOST_USER = _email.user
EMAIL_HOST_PASSWORD = _email.password
EMAIL_USE_TLS = _email.use_tls
EMAIL_USE_SSL = _email.use_ssl
EMAIL_TIMEOUT = _email.timeout
EMAIL_FILE_PATH = _email.file_path
DEFAULT_FROM_EMAIL = env_email_address("NEWSDESK_EMAIL_FROM", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
NEWSDESK_EMAIL_REPLY_TO = env_email_address("NEWSDESK_EMAIL_REPLY_TO", "")
# Wagtail's own tasks (search and reference index, image focal points) stay immediate, as Wagtail
# ships them; ours (email) wait in the database for the worker unless told to run immediately.
_task_backends = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_background_tasks = env_choice("NEWSDESK_BACKGROUND_TASKS", "database", _task_backends)
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": _task_backends[_background_tasks],
        "QUEUES": ["default", "email"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"newsdesk": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# Staff login protection (docs/apps/staff_login.md): django-axes locks out repeated failed logins
# per account and per address; django-otp adds TOTP two-step verification for staff.
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
NEWSDESK_LOGIN_FAILURE_LIMIT = env_int("NEWSDESK_LOGIN_FAILURE_LIMIT", 5)
NEWSDESK_LOGIN_LOCKOUT_MINUTES = env_int("NEWSDESK_LOGIN_LOCKOUT_MINUTES", 15)
AXES_FAILURE_LIMIT = NEWSDESK_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=NEWSDESK_LOGIN_LOCKOUT_MINUTES)
# Either one locks: N failures for one account (from anywhere), or N from one address.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Off: axes would also forget every failure from the signing-in address, so anyone with an account
# could keep guessing another's password between their own sign-ins. staff_login forgets the
# signed-in account's own failures instead.
AXES_RESET_ON_SUCCESS = False
# The address behind our own proxies (NEWSDESK_TRUSTED_PROXY_COUNT), never a client's claim.
AXES_CLIENT_IP_CALLABLE = "newsdesk.staff_login.services.client_address"
AXES_LOCKOUT_CALLABLE = "newsdesk.staff_login.views.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ADMIN = False  # no Django admin here; unlock with `newsdesk axes_reset_username`
NEWSDESK_PASSWORD_RESET_LIMIT = env_int("NEWSDESK_PASSWORD_RESET_LIMIT", 5)
NEWSDESK_PASSWORD_RESET_LIMIT_MINUTES = env_int("NEWSDESK_PASSWORD_RESET_LIMIT_MINUTES", 60)
NEWSDESK_ADMIN_2FA = env_choice(
    "NEWSDESK_ADMIN_2FA",
    "optional",
    {"off", "optional", "required-for-administrators", "required-for-staff"},
)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Reader discussion (docs/apps/discussion.md, docs/discussion-caching.md)
NEWSDESK_COMMENT_MAX_LENGTH = env_int("NEWSDESK_COMMENT_MAX_LENGTH", 1500)
NEWSDESK_COMMENT_MAX_DEPTH = env_int("NEWSDESK_COMMENT_MAX_DEPTH", 3)
NEWSDESK_COMMENTS_PER_PAGE = env_int("NEWSDESK_COMMENTS_PER_PAGE", 50)
NEWSDESK_COMMENT_FORM_MAX_AGE = env_int("NEWSDESK_COMMENT_FORM_MAX_AGE", 60 * 60 * 24)
NEWSDESK_STORY_CACHE_SECONDS = env_int("NEWSDESK_STORY_CACHE_SECONDS", 60)
# Flood limits: past them a comment is refused before anything is stored (0: no limit).
NEWSDESK_COMMENT_LIMIT_PER_EMAIL = env_int("NEWSDESK_COMMENT_LIMIT_PER_EMAIL", 5)
NEWSDESK_COMMENT_LIMIT_PER_IP = env_int("NEWSDESK_COMMENT_LIMIT_PER_IP", 20)
NEWSDESK_COMMENT_LIMIT_MINUTES = env_int("NEWSDESK_COMMENT_LIMIT_MINUTES", 10)

# Delivery: cache headers, surrogate keys, the page cache, purges (docs/apps/delivery.md).
# Kept together in this one block; the page cache's store is CACHES["delivery"] above, its hit
# path is the WSGI wrapper in newsdesk/config/wsgi.py, and DeliveryMiddleware is MIDDLEWARE's first.
NEWSDESK_CACHE_MAX_AGE = env_int("NEWSDESK_CACHE_MAX_AGE", 60)
NEWSDESK_CACHE_SHARED_MAX_AGE = env_int("NEWSDESK_CACHE_SHARED_MAX_AGE", 60 * 60 * 24)
NEWSDESK_CACHE_STALE_WHILE_REVALIDATE = env_int("NEWSDESK_CACHE_STALE_WHILE_REVALIDATE", 30)
NEWSDESK_CACHE_STALE_IF_ERROR = env_int("NEWSDESK_CACHE_STALE_IF_ERROR", 60 * 60 * 24)
NEWSDESK_CACHE_KEY_HEADERS = env_list(
    "NEWSDESK_CACHE_KEY_HEADERS", ["xkey", "Surrogate-Key", "Cache-Tag"]
)
NEWSDESK_PAGE_CACHE = env_bool("NEWSDESK_PAGE_CACHE", True)
# Parts of reader pages kept between renders (delivery/fragments.py), dropped by the same purges.
NEWSDESK_FRAGMENT_CACHE = env_bool("NEWSDESK_FRAGMENT_CACHE", True)
NEWSDESK_PURGE_BACKENDS = env_list(
    "NEWSDESK_PURGE_BACKENDS",
    [
        "newsdesk.delivery.backends.PageCacheBackend",
        "newsdesk.delivery.backends.VarnishBackend",
        "newsdesk.delivery.backends.ProxyPathBackend",
        "newsdesk.delivery.backends.WagtailFrontendCacheBackend",
    ],
)
NEWSDESK_VARNISH_URLS = env_list("NEWSDESK_VARNISH_URLS", [])
# Proxies purged by address (PURGE <path>); the name predates delivery and is kept.
NEWSDESK_COMMENT_PURGE_URLS = env_list("NEWSDESK_COMMENT_PURGE_URLS", [])
NEWSDESK_PURGE_TIMEOUT = env_int("NEWSDESK_PURGE_TIMEOUT", 2)

# Moderation (docs/apps/moderation.md, docs/moderation-pipeline.md)
NEWSDESK_MODERATION_CHECKS = env_list(
    "NEWSDESK_MODERATION_CHECKS",
    [
        "newsdesk.moderation.comment_checks.banned_commenter",
        "newsdesk.moderation.comment_checks.honeypot",
        "newsdesk.moderation.comment_checks.posted_too_soon",
        "newsdesk.moderation.comment_checks.rate_limit_per_email",
        "newsdesk.moderation.comment_checks.rate_limit_per_ip",
        "newsdesk.moderation.comment_checks.duplicate",
        "newsdesk.moderation.comment_checks.banned_words",
        "newsdesk.moderation.comment_checks.suspect_words",
        "newsdesk.moderation.comment_checks.too_many_links",
        "newsdesk.moderation.comment_checks.shouting",
    ],
)
NEWSDESK_MODERATION_SCORER = env_str(
    "NEWSDESK_MODERATION_SCORER", "newsdesk.moderation.scorers.ModelScorer"
)
# The abuse model file (`newsdesk train_scorer` writes one); empty: the model shipped.
NEWSDESK_MODERATION_MODEL = env_str("NEWSDESK_MODERATION_MODEL", "")
# Hold thresholds when neither the admin nor the model says (a language the model has no
# recommendation for; threats).
NEWSDESK_MODERATION_ABUSE_THRESHOLD = float(env_str("NEWSDESK_MODERATION_ABUSE_THRESHOLD", "0.5"))
NEWSDESK_MODERATION_THREAT_THRESHOLD = float(env_str("NEWSDESK_MODERATION_THREAT_THRESHOLD", "0.5"))
# The Perspective-compatible endpoint (`/v1alpha1/comments:analyze`): off unless keys are set.
NEWSDESK_ANALYZE_API_KEYS = env_list("NEWSDESK_ANALYZE_API_KEYS", [])
NEWSDESK_MODERATION_SCORER_URL = env_str("NEWSDESK_MODERATION_SCORER_URL", "")
NEWSDESK_MODERATION_SCORER_API_KEY = env_str("NEWSDESK_MODERATION_SCORER_API_KEY", "")
NEWSDESK_MODERATION_SCORER_TIMEOUT = env_int("NEWSDESK_MODERATION_SCORER_TIMEOUT", 3)
NEWSDESK_MODERATION_SCORER_THRESHOLD = float(env_str("NEWSDESK_MODERATION_SCORER_THRESHOLD", "0.8"))
NEWSDESK_MODERATION_MAX_LINKS = env_int("NEWSDESK_MODERATION_MAX_LINKS", 2)
NEWSDESK_MODERATION_MIN_SECONDS = env_int("NEWSDESK_MODERATION_MIN_SECONDS", 3)
NEWSDESK_MODERATION_RATE_LIMIT_PER_EMAIL = env_int("NEWSDESK_MODERATION_RATE_LIMIT_PER_EMAIL", 5)
NEWSDESK_MODERATION_RATE_LIMIT_PER_IP = env_int("NEWSDESK_MODERATION_RATE_LIMIT_PER_IP", 5)
NEWSDESK_MODERATION_RATE_LIMIT_MINUTES = env_int("NEWSDESK_MODERATION_RATE_LIMIT_MINUTES", 10)
NEWSDESK_MODERATION_DUPLICATE_HOURS = env_int("NEWSDESK_MODERATION_DUPLICATE_HOURS", 24)
NEWSDESK_MODERATION_DUPLICATE_MIN_LENGTH = env_int("NEWSDESK_MODERATION_DUPLICATE_MIN_LENGTH", 30)
NEWSDESK_MODERATION_SHOUTING_MIN_LETTERS = env_int("NEWSDESK_MODERATION_SHOUTING_MIN_LETTERS", 20)
NEWSDESK_MODERATION_SHOUTING_PERCENT = env_int("NEWSDESK_MODERATION_SHOUTING_PERCENT", 70)
NEWSDESK_COMMENT_IP_RETENTION_DAYS = env_int("NEWSDESK_COMMENT_IP_RETENTION_DAYS", 30)
NEWSDESK_COMMENT_IP_ACTION = env_str("NEWSDESK_COMMENT_IP_ACTION", "truncate")
# When `newsdesk worker` sends the moderators' digest (HH:MM, site time; empty: never).
NEWSDESK_MODERATION_DIGEST_TIMES = env_list(
    "NEWSDESK_MODERATION_DIGEST_TIMES", ["08:00", "13:00", "18:00"]
)

# Wire ingest (docs/apps/wire.md): hosts besides an HTTP source's own whose pictures are fetched.
NEWSDESK_WIRE_PICTURE_HOSTS = env_list("NEWSDESK_WIRE_PICTURE_HOSTS", [])

# Reactions (docs/apps/reactions.md)
NEWSDESK_REACTIONS_PER_IP_PER_HOUR = env_int("NEWSDESK_REACTIONS_PER_IP_PER_HOUR", 20)

# Photo uploads (docs/apps/photos.md): the largest file and picture the library takes, in every
# upload form (single, multiple, chooser). Pillow refuses pictures over the same pixel limit
# wherever it opens one (newsdesk.photos.limits). Press photos run 24-60 megapixels, 20-40 MB.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("NEWSDESK_PHOTO_MAX_BYTES", 50 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("NEWSDESK_PHOTO_MAX_PIXELS", 64_000_000)
WAGTAILIMAGES_IMAGE_FORM_BASE = "newsdesk.photos.forms.PhotoForm"
