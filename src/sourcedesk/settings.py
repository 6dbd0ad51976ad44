"""Settings for Sourcedesk: one module, overridden by environment variables.

Every byte of state lives under ``SOURCEDESK_DATA_DIR`` (default ``./var``). ``DATABASE_URL``
switches from the embedded SQLite database to PostgreSQL. ``SOURCEDESK_ENV=production`` turns on
the production checks: missing secrets stop start-up with the variable's name.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
ENV = os.environ.get("SOURCEDESK_ENV", "development").strip().lower()
if ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(f"SOURCEDESK_ENV must be development, production or test, not {ENV!r}.")
PRODUCTION = ENV == "production"
TESTING = ENV == "test"

DATA_DIR = Path(os.environ.get("SOURCEDESK_DATA_DIR", "./var")).resolve()
for _sub in ("tmp", "logs", "blobs", "static"):
    (DATA_DIR / _sub).mkdir(parents=True, exist_ok=True)


def _env_required(name: str, development_value: str) -> str:
    """Return the variable ``name``; in production a missing value stops start-up."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(
            f"{name} is not set. Sourcedesk refuses to start in production without it (see .env.example)."
        )
    return development_value


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# Obviously fake development values: never used when SOURCEDESK_ENV=production.
SECRET_KEY = _env_required(
    "SOURCEDESK_SECRET_KEY", "development-only-insecure-key-do-not-use-in-production-0123456789"
)
ALLOWED_HOSTS = [
    h.strip()
    for h in _env_required("SOURCEDESK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]
# A server-side secret mixed into every codename hash; losing it makes codenames unusable.
PORTAL_PEPPER = _env_required("SOURCEDESK_PORTAL_PEPPER", "development-only-portal-pepper")
DEBUG = _env_bool("SOURCEDESK_DEBUG", False) and not PRODUCTION

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "huey.contrib.djhuey",
    "sourcedesk.core",
    "sourcedesk.accounts",
    "sourcedesk.audit",
    "sourcedesk.vault",
    "sourcedesk.portal",
    "sourcedesk.network",
    "sourcedesk.desk",
    "sourcedesk.protect",
    "sourcedesk.stories",
    "sourcedesk.facts",
    "sourcedesk.publish",
]

MIDDLEWARE = [
    "sourcedesk.core.middleware.ForgetClientMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "sourcedesk.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sourcedesk.core.middleware.PortalOnlyMiddleware",
    # Rendered public articles are answered here, before session, CSRF and staff middleware.
    "sourcedesk.publish.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sourcedesk.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "sourcedesk.core.csrf.SameOriginFetchMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Outside the staff guard, so the guard's own sign-out redirects clear the vault cookie too.
    "sourcedesk.vault.middleware.VaultCookieMiddleware",
    "sourcedesk.accounts.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sourcedesk.urls"
WSGI_APPLICATION = "sourcedesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sourcedesk.core.context_processors.desk_navigation",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "sourcedesk.sqlite3"),
            "OPTIONS": {
                # WAL lets readers work while one writer commits; IMMEDIATE takes the write lock
                # at BEGIN so concurrent writers queue instead of failing mid-transaction.
                # secure_delete zeroes freed pages, so a shredded key leaves no copy in the file.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA secure_delete=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:desk_home"
PASSWORD_HASHERS = [
    "sourcedesk.accounts.hashers.SourcedeskArgon2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
# Failed logins before an account locks, and for how long (seconds). No IP is involved.
SOURCEDESK_LOCKOUT_THRESHOLD = _env_int("SOURCEDESK_LOCKOUT_THRESHOLD", 5)
SOURCEDESK_LOCKOUT_SECONDS = _env_int("SOURCEDESK_LOCKOUT_SECONDS", 15 * 60)
SOURCEDESK_IDLE_TIMEOUT = _env_int("SOURCEDESK_IDLE_TIMEOUT", 30 * 60)
SOURCEDESK_ABSOLUTE_TIMEOUT = _env_int("SOURCEDESK_ABSOLUTE_TIMEOUT", 12 * 60 * 60)
SOURCEDESK_TOTP_ISSUER = os.environ.get("SOURCEDESK_TOTP_ISSUER", "Sourcedesk")

# --- Sessions and cookies -------------------------------------------------------------------
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = SOURCEDESK_ABSOLUTE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "sd_session"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_NAME = "sd_csrf"
CSRF_USE_SESSIONS = False
CSRF_FAILURE_VIEW = "sourcedesk.core.views.csrf_failure"
LANGUAGE_COOKIE_NAME = "sd_lang"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    # Behind a TLS-terminating proxy (the normal deployment), trust its scheme header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _env_bool("SOURCEDESK_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = _env_int("SOURCEDESK_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sd_session"
    CSRF_COOKIE_NAME = "__Host-sd_csrf"
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if h and not h.startswith(".") and h != "*"]
# Serve only the source portal (for its own host or onion service).
SOURCEDESK_PORTAL_ONLY = _env_bool("SOURCEDESK_PORTAL_ONLY", False)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("SOURCEDESK_TIME_ZONE", "Asia/Seoul")
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = DATA_DIR / "public-media"
MEDIA_URL = "/media/"

# Uploads stream to disk under the data directory, never held whole in memory.
FILE_UPLOAD_TEMP_DIR = str(DATA_DIR / "tmp")
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# Desk uploads never reach disk unencrypted: they stay in memory up to this size.
FILE_UPLOAD_HANDLERS = ["sourcedesk.core.uploads.BoundedMemoryUploadHandler"]
SOURCEDESK_DESK_UPLOAD_MAX_BYTES = _env_int("SOURCEDESK_DESK_UPLOAD_MAX_BYTES", 25 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
SOURCEDESK_MAX_UPLOAD_BYTES = _env_int("SOURCEDESK_MAX_UPLOAD_BYTES", 500 * 1024 * 1024)
SOURCEDESK_RETENTION_DAYS = _env_int("SOURCEDESK_RETENTION_DAYS", 90)
# KPW conversions use the nearest earlier market-rate observation at most this many days old.
SOURCEDESK_MARKET_RATE_WINDOW_DAYS = _env_int("SOURCEDESK_MARKET_RATE_WINDOW_DAYS", 31)
SOURCEDESK_BLOB_STORAGE = os.environ.get(
    "SOURCEDESK_BLOB_STORAGE", "sourcedesk.vault.storage.FilesystemBlobStorage"
)

# --- Task queue -----------------------------------------------------------------------------
# Huey on a SQLite file under the data directory needs no extra service; set REDIS_URL to move
# the queue to Redis and run `sourcedesk run_huey` workers on other machines.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "sourcedesk",
        "url": REDIS_URL,
        "immediate": TESTING,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "sourcedesk",
        "filename": str(DATA_DIR / "tasks.sqlite3"),
        "immediate": TESTING,
    }

# --- Logging --------------------------------------------------------------------------------
# No IP addresses or user agents are logged: request records are never formatted with request
# metadata, and a filter masks anything that looks like an address before it is written.
LOG_DIR = DATA_DIR / "logs"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_addresses": {"()": "sourcedesk.core.logs.RedactAddressesFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_addresses"],
        },
        "file": {
            "class": "sourcedesk.core.logs.DataDirFileHandler",
            "filename": str(LOG_DIR / "sourcedesk.log"),
            "formatter": "plain",
            "filters": ["no_addresses"],
        },
    },
    "root": {"handlers": ["console", "file"], "level": "WARNING"},
    "loggers": {
        "django.server": {"handlers": [], "propagate": False},
        "django.request": {"handlers": ["console", "file"], "level": "ERROR", "propagate": False},
        "sourcedesk": {"handlers": ["console", "file"], "level": "INFO", "propagate": False},
        "huey": {"handlers": ["console", "file"], "level": "WARNING", "propagate": False},
    },
}
