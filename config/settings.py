"""All settings in one place; every value a deployment changes comes from an environment variable.

With nothing set this is the embedded default: SQLite under the data folder, Celery tasks run
eagerly, media on the local disk and search through SQLite FTS5. The README lists every variable.
"""

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DJANGO_DEBUG", False)
# Behind TLS in production: secure cookies, HSTS and the HTTPS redirect switch on together.
HTTPS = env_bool("DJANGO_HTTPS", False)


def _secret_key() -> str:
    """Use DJANGO_SECRET_KEY, else a random key kept in the data folder (never a fixed one)."""
    key = env_str("DJANGO_SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # django.contrib.admin, with the branded site (repository name, archivist's work first)
    "collection.admin_site.ArchiveAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "collection",
    "archive",
    "search",
    "api",
    "portal",
    "demo",
    "preservation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "collection.middleware.HistoryMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
            ],
        },
    },
]

# Database: SQLite file in the data folder unless DATABASE_URL names another.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A kept connection is checked before each request reuses it: after a database restart
        # the next request reconnects instead of failing (docs/reliability.md).
        conn_health_checks=True,
    )
}
if env_str("TEST_DATABASE_NAME"):
    # Lets several test runs share one PostgreSQL server without clobbering each other.
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while an import writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: it compiles any plan whose estimate passes jit_above_cost, which for this site's
    # short index walks cost 0.3-1.1 s per query and saved nothing (issue 14, EXPLAIN ANALYZE).
    _pg = DATABASES["default"].setdefault("OPTIONS", {})
    _pg["options"] = (_pg.get("options", "") + " -c jit=off").strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every start when it is missing
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
# Derivatives are served after an access check (archive.serving). Behind nginx, set this to an
# internal location aliased to MEDIA_ROOT and Django answers with X-Accel-Redirect instead.
MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Write-once store of deposited originals, addressed by content hash.
ARCHIVE_ORIGINALS_ROOT = Path(env_str("ARCHIVE_ORIGINALS_ROOT", str(DATA_DIR / "originals")))
# Derivatives (thumbnails, access copies, IIIF tiles) live under MEDIA_ROOT so they can be served.
ARCHIVE_DERIVATIVES_ROOT = MEDIA_ROOT / "derivatives"
# Where originals and derivatives live (archive.storage): "local", the two folders above, or
# "s3", an S3-compatible object store (one bucket, prefixes originals/ and derivatives/).
ARCHIVE_STORAGE = env_str("ARCHIVE_STORAGE", "local")
if ARCHIVE_STORAGE == "local":
    STORAGES["archive_originals"] = {
        "BACKEND": "archive.storage.local.LocalStorage",
        "OPTIONS": {"root_setting": "ARCHIVE_ORIGINALS_ROOT"},
    }
    STORAGES["archive_derivatives"] = {
        "BACKEND": "archive.storage.local.LocalStorage",
        "OPTIONS": {"root_setting": "ARCHIVE_DERIVATIVES_ROOT"},
    }
elif ARCHIVE_STORAGE == "s3":
    from botocore.config import Config as _BotoConfig

    _S3_OPTIONS = {
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,  # unset: Amazon S3 itself
        "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME", "archive"),
        "access_key": env_str("AWS_ACCESS_KEY_ID"),
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY"),
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        # Seconds a presigned URL handed out after the access check stays valid.
        "querystring_expire": env_int("ARCHIVE_S3_URL_EXPIRY", 300),
        "serve_mode": env_str("ARCHIVE_S3_SERVE", "redirect"),  # or "stream"
        # Fail fast when the store is down: an upload says so instead of hanging.
        "client_config": _BotoConfig(
            connect_timeout=5,
            read_timeout=60,
            retries={"max_attempts": 3, "mode": "standard"},
            s3={"addressing_style": env_str("AWS_S3_ADDRESSING_STYLE", "path")},
            signature_version="s3v4",
            # boto3's default CRC trailers (aws-chunked uploads) are refused by S3Proxy and other
            # S3-compatible stores; checksums then go only where the API requires them.
            request_checksum_calculation=env_str("AWS_S3_CHECKSUMS", "when_required"),
            response_checksum_validation=env_str("AWS_S3_CHECKSUMS", "when_required"),
        ),
    }
    STORAGES["archive_originals"] = {
        "BACKEND": "archive.storage.s3.S3ArchiveStorage",
        "OPTIONS": {**_S3_OPTIONS, "location": "originals", "file_overwrite": False},
    }
    STORAGES["archive_derivatives"] = {
        "BACKEND": "archive.storage.s3.S3ArchiveStorage",
        "OPTIONS": {**_S3_OPTIONS, "location": "derivatives"},
    }
else:
    raise ImproperlyConfigured(f"ARCHIVE_STORAGE must be local or s3, not {ARCHIVE_STORAGE!r}")
# Images with more pixels than this are refused as decompression bombs.
ARCHIVE_MAX_IMAGE_PIXELS = env_int("ARCHIVE_MAX_IMAGE_PIXELS", 200_000_000)
ARCHIVE_FIXITY_INTERVAL_HOURS = env_int("ARCHIVE_FIXITY_INTERVAL_HOURS", 24)
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security: HTTPS-only behaviour when DJANGO_HTTPS is on.
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Celery: without a broker every task runs eagerly inside the request or command.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    # Celery still builds a producer for eager tasks; an in-memory transport keeps it from
    # reaching for an AMQP broker (and kombu from warning that no host was given).
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
# Results are kept only by tasks that ask for them (the bulk edit's progress and summary); on a
# Redis broker they default to the same Redis, so the admin's bulk status page works out of the box.
_redis_broker = CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or (
    CELERY_BROKER_URL if _redis_broker else None
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = 7 * 24 * 3600
# A worker that dies mid-task must not lose it: acknowledge after the work, requeue if lost.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than the longest task, so a late-acked task is not redelivered while still running.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
}

# Search: Elasticsearch when ELASTICSEARCH_URL is set, else the embedded SQLite FTS5 backend.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
SEARCH_BACKEND = env_str(
    "SEARCH_BACKEND",
    "search.backends.elasticsearch.ElasticsearchBackend"
    if ELASTICSEARCH_URL
    else "search.backends.sqlite_fts.SQLiteFTSBackend",
)
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "archive")
SEARCH_FTS_PATH = Path(env_str("SEARCH_FTS_PATH", str(DATA_DIR / "search.sqlite3")))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"
    ],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("API_ANON_THROTTLE_RATE", "600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Archive API",
    "DESCRIPTION": "Read and catalogue the collection: items in Dublin Core, authorities, files.",
    "VERSION": "1.0.0",
    # Serve Swagger UI and Redoc from the sidecar package: no CDN needed.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# OAI-PMH
OAI_REPOSITORY_NAME = env_str("OAI_REPOSITORY_NAME", "Dossier Vlasov demo archive")
# The name in the admin's header and title; the OAI-PMH repository name unless set.
REPOSITORY_NAME = env_str("REPOSITORY_NAME", OAI_REPOSITORY_NAME)
OAI_ADMIN_EMAIL = env_str("OAI_ADMIN_EMAIL", "archivist@example.org")
OAI_IDENTIFIER_NAMESPACE = env_str("OAI_IDENTIFIER_NAMESPACE", "archive.example.org")
# Records per ListRecords/ListIdentifiers page; resumption tokens are refused after this many seconds.
OAI_PAGE_SIZE = env_int("OAI_PAGE_SIZE", 500)
OAI_TOKEN_MAX_AGE = env_int("OAI_TOKEN_MAX_AGE", 7 * 24 * 3600)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
