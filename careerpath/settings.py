"""CareerPath settings: one module, read from the environment, safe local defaults."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Give the environment variable as a boolean; refuse values that are not clearly one."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1 or 0)")


def env_int(name: str, default: int) -> int:
    """Give the environment variable as an integer; refuse anything else."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=0")
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if not DEBUG else ["*"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "reversion",
    "adminsortable2",
    "roles",
    "roadmap",
]

# Whole public pages are cached by Django's cache middleware (roadmap/caching.py says which
# responses are public). A hit is served right after the content version is checked, before
# sessions, CSRF and the rest, with the headers the response had when it was stored.
MIDDLEWARE = [
    # Outermost: every answer gets the security headers, whichever layer below made it.
    "careerpath.middleware.SecurityHeadersMiddleware",
    # Outside the cache, so the cache stores the 200 before a matching If-None-Match makes it a 304.
    "django.middleware.http.ConditionalGetMiddleware",
    "careerpath.middleware.UpdatePageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "careerpath.middleware.HealthCheckMiddleware",
    "roles.content_version.ContentVersionMiddleware",
    "django.middleware.cache.FetchFromCacheMiddleware",
    "careerpath.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerpath.urls"
WSGI_APPLICATION = "careerpath.wsgi.application"

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
            ],
            "builtins": [
                "template_partials.templatetags.partials",
                "roadmap.templatetags.content_display",
            ],
            # base.html's {% load structured_data %}: the pages' schema.org JSON-LD.
            "libraries": {"structured_data": "roadmap.structured_data"},
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A hung or locked database gives the friendly 503 page (careerpath/middleware.py) within a few
# seconds, well before gunicorn's timeout (scripts/serve.py) would kill the worker with a raw 500.
# PostgreSQL: connecting may take DATABASE_CONNECT_TIMEOUT s (libpq's minimum is 2), a statement
# DATABASE_STATEMENT_TIMEOUT_MS. SQLite: a write waits at most DATABASE_BUSY_TIMEOUT s for a lock.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 2)
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 3000)
DATABASE_BUSY_TIMEOUT = env_int("DATABASE_BUSY_TIMEOUT", 3)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": DATABASE_CONNECT_TIMEOUT,
            "options": f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = DATABASE_BUSY_TIMEOUT
# After a dependency times out, it is not called again for this long (careerpath/breakers.py).
BREAKER_RESET_SECONDS = float(os.environ.get("BREAKER_RESET_SECONDS", "5"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Every key carries the content version, so a content save moves every process on to fresh keys.
CACHE_KEY_FUNCTION = "roles.content_version.make_key"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "careerpath",
            "KEY_FUNCTION": CACHE_KEY_FUNCTION,
            "OPTIONS": {
                # With Redis down, reads miss and writes are dropped: pages render from the database.
                "IGNORE_EXCEPTIONS": True,
                # A hung Redis costs one call at most REDIS_TIMEOUT s; then the client's breaker
                # keeps the cache out of the way for BREAKER_RESET_SECONDS.
                "CLIENT_CLASS": "careerpath.breakers.BreakerClient",
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
            },
        }
    }
    # The breaker logs when it opens and closes; a line per refused call would drown the log.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
elif env_bool("NO_CACHE", False):
    # No cache at all: every page is rendered afresh (the benchmark's cold renders).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": CACHE_KEY_FUNCTION,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
# How long Django's cache keeps a public page; 0 turns page caching off (the benchmark's cold renders).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60)
# How often each process rereads the content version; an edit shows everywhere within this time.
CONTENT_CHECK_SECONDS = float(os.environ.get("CONTENT_CHECK_SECONDS", "0.5"))
# The site's own address, for the absolute links a public page shows (share links). Pages are
# the same for every visitor and host, so they never echo the request's Host header.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A small, non-secret cookie that tells the browser this visitor has saved progress, so only
# they fetch their marks after a public page loads.
PROGRESS_COOKIE_NAME = "progress"

# Sessions live in the database so every app process sees the same visitor.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 365
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Only the admin shows messages, and its users have a session. The default storage would also
# parse a messages cookie on every public request.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Admin sign-in throttling (django-axes), for AXES_COOLOFF_MINUTES after AXES_FAILURE_LIMIT
# failures: a username at an address where it signed in before; otherwise the address, and the
# username for every unfamiliar address (careerpath/admin_lockout.py; the README explains why).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = "careerpath.admin_lockout.lockout_parameters"
# The visitor's address. Behind TRUSTED_PROXY_COUNT proxies that each append the address they
# were called from to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for; 1 under `make serve`),
# the client is the entry that many places from the end; anything a client put before it is
# ignored. With 0 (the default, no proxy) the header is ignored and the socket's address is used.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT > 0:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # django-ipware counts the proxies listed in the header; the nearest one is REMOTE_ADDR.
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    AXES_IPWARE_PROXY_ORDER = "left-most"
    # A client may put extra entries first; take the trusted position instead of refusing the chain.
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_LOCKOUT_TEMPLATE = "errors/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365


def add_static_file_headers(headers, path: str, url: str) -> None:
    """WhiteNoise wants a callable here; the headers themselves live with the middleware."""
    from careerpath.middleware import add_static_file_headers

    add_static_file_headers(headers, path, url)


WHITENOISE_ADD_HEADERS_FUNCTION = add_static_file_headers

# Security headers; the HTTPS-only ones switch on with DEBUG=0 unless told otherwise.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", BASE_DIR / "fixtures"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
