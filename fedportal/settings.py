"""Settings for fedportal, read from the environment (or a `.env` file beside manage.py).

Environment variables:
    DEBUG            "1" for development; anything else means production.
    SECRET_KEY       required when DEBUG is off.
    ALLOWED_HOSTS    comma-separated host names; required when DEBUG is off.
    DATABASE_URL     e.g. postgres://user@127.0.0.1:5432/fedportal; a SQLite file by default.
    DATABASE_REPLICA_URL  a read replica of DATABASE_URL; the dashboard reads from it.
    CACHE_URL        a cache shared by every process and node, e.g. redis://redis:6379/1;
                     it also moves sessions and the import's uploaded file into the cache.
                     Unset, each process has its own memory cache (one node only).
    SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, USE_X_FORWARDED_PROTO  production tuning.
    AUDIT_TRUSTED_PROXY_HEADER  behind a reverse proxy, the request.META key holding the
                     client's address (e.g. HTTP_X_REAL_IP); unset, REMOTE_ADDR is used.
    OTP_REQUIRED     "1" makes superusers, 系统管理员 and 维权专干 sign in with a second
                     factor (an authenticator app's code); off by default.
    IMPORT_MAX_ROWS, IMPORT_MAX_BYTES, IMPORT_MAX_UNPACKED_BYTES  limits of an imported
                     spreadsheet; IMPORT_TMP_DIR, IMPORT_FILE_LIFETIME, IMPORT_ERRORS_LIFETIME
                     where and how long an import's file and its error rows wait.
"""

import tempfile
from datetime import timedelta
from pathlib import Path

import environ
import xstatic.pkg.bootstrap
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

# Only a development server may fall back to a known key; production must set its own.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DEBUG 未开启时必须设置环境变量 SECRET_KEY。")
    SECRET_KEY = "django-insecure-fedportal-development-only"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    "fedportal.apps.FederationAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "simple_history",
    "import_export",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    "fedportal.app_configs.AxesConfig",
    "django_otp",
    "fedportal.app_configs.TOTPConfig",
    "fedportal.apps.FedportalConfig",
    "families",
    "honors",
    "rights",
    "welfare",
    "employment",
    "reports",
    "returns",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "fedportal.middleware.two_step_verification",
    "fedportal.middleware.no_store_when_signed_in",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a refused sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fedportal.urls"

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
                "fedportal.context_processors.federation",
            ],
        },
    },
]

WSGI_APPLICATION = "fedportal.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A read replica takes the dashboard's queries off the primary (fedportal/db_router.py); only
# views marked with `reads_from_replica` use it, because everything else must read what it
# has just written. Tests read the replica alias from the test database itself.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["fedportal.db_router.ReplicaRouter"]

# One cache for every process of every node when CACHE_URL names one (Redis: Django's
# RedisCache, with the `redis` package): rendered reports by content (reports/outputs.py),
# sessions and the import's uploaded file (below). Unset, Django's memory cache, one per
# process: right for the demo and a single node, where the other two stay off the cache.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
SHARED_CACHE = CACHES["default"]["BACKEND"] not in {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}

# Report files rendered by background workers (`manage.py db_worker`, reading the task table
# in PostgreSQL): when a report is finalised its PDF and DOCX are rendered ahead, and a
# download of a file not rendered yet shows a page that waits for it, so no web process
# spends a second in WeasyPrint. The workers hand files to the web nodes through the cache,
# which must therefore be shared. Off, files are rendered in the request (one node).
REPORT_WORKERS = env.bool("REPORT_WORKERS", default=False)
if REPORT_WORKERS and not SHARED_CACHE:
    raise ImproperlyConfigured(
        "REPORT_WORKERS=1 需要同时设置 CACHE_URL（如 redis://…）：后台生成的报告文件经共享缓存交给网页进程。"
    )
# Folders of fonts for the report, besides those the system has: a deployment puts its
# licensed official faces (仿宋_GB2312, 方正小标宋简体 …) here; `make system-packages` puts
# the free FandolFang (仿宋) in fonts/. See reports/fonts.py.
REPORT_FONT_DIRS = env.list("REPORT_FONT_DIRS", default=[str(BASE_DIR / "fonts")])

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if REPORT_WORKERS
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

AUTH_USER_MODEL = "fedportal.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The lock-out check runs before the password check, so a locked-out client learns nothing.
AUTHENTICATION_BACKENDS = [
    "fedportal.sign_in.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "fedportal.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# The portal's own wording where the admin's stock Chinese reads badly (locale/…/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Bootstrap comes from the XStatic-Bootstrap wheel installed by pip, never from a CDN.
STATICFILES_DIRS = [("bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]
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

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Imports run in one transaction: a rejected row leaves nothing written.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Import and export are permissions of their own (see ScopedRecord.Meta).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
# Largest spreadsheet accepted for import, and the most it may unpack to (zip bombs).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=200 * 1024 * 1024)
# Rows a sheet may hold below its header; a longer one is refused while it is read.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=100_000)
# The uploaded file waits between the preview and the confirm (fedportal/tmp_storages.py):
# in a folder of the node, which every process of one node shares; with several nodes the
# confirm may reach another node, so with a shared cache the file waits there instead. A
# preview never confirmed is removed after IMPORT_FILE_LIFETIME seconds: by the cache, or
# from the folder by `manage.py clean_import_files`, run from cron.
IMPORT_TMP_DIR = env.str(
    "IMPORT_TMP_DIR", default=str(Path(tempfile.gettempdir(), "fedportal-imports"))
)
IMPORT_FILE_LIFETIME = env.int("IMPORT_FILE_LIFETIME", default=60 * 60)
IMPORT_EXPORT_TMP_STORAGE_CLASS = (
    "fedportal.tmp_storages.CacheStorage"
    if SHARED_CACHE
    else "fedportal.tmp_storages.FolderStorage"
)
# The rows an import refused wait in the session, personal data masked as the user sees
# it, for the download of the error sheet; they are dropped after this many seconds.
IMPORT_ERRORS_LIFETIME = env.int("IMPORT_ERRORS_LIFETIME", default=30 * 60)

# History is kept for audit; a revert would bypass the scope checks of the change form.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Sign-in lock-out (django-axes): five failed passwords for one username from one address
# within half an hour lock that pair out for half an hour; another address, or another
# username from the same address, can still sign in. A successful sign-in clears the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "fedportal.sign_in.locked_out"
AXES_HANDLER = "fedportal.sign_in.SignInHandler"
# Locked by the address the audit log records: REMOTE_ADDR, or behind a reverse proxy the
# request.META key it sets (e.g. HTTP_X_REAL_IP). Only set it with such a proxy in front:
# a client can send any header it likes, and would then pick its own address.
AXES_CLIENT_IP_CALLABLE = "fedportal.audit.client_ip"
AUDIT_TRUSTED_PROXY_HEADER = env.str("AUDIT_TRUSTED_PROXY_HEADER", default="") or None
# Our handler logs each attempt in one line; axes' own lines would repeat it.
AXES_VERBOSE = False

# Two-step verification (django-otp, TOTP): see fedportal/two_step.py.
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=False)
# The admin lists a user's authenticator; its secret is shown to no one after setup.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# A session ends after 30 minutes without a request, and when the browser is closed.
# SESSION_SAVE_EVERY_REQUEST would do the first by writing the session row on every request;
# fedportal.sessions slides the expiry at most once a minute instead, so a page view costs
# no write (the idle limit is then between 29 and 30 minutes).
# With a shared cache, fedportal.cached_sessions reads sessions from it and still keeps them in
# the database: a request costs no database read, and a cache that is restarted or evicts
# keys under memory pressure signs nobody out. A per-process cache cannot hold sessions: a
# session ended in one process would live on in the others' copies.
SESSION_ENGINE = "fedportal.cached_sessions" if SHARED_CACHE else "fedportal.sessions"
SESSION_COOKIE_AGE = 30 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): every script, stylesheet, font and image comes from
# this site; the data: images are the empty favicon and the form icons Bootstrap's stylesheet
# embeds. Nothing is inline, so no 'unsafe-inline' anywhere: our pages keep their styles in
# portal.css and charts carry presentation attributes only; the Django admin (5.2) has no
# inline code, and the one library page that had some, django-import-export's export form,
# is overridden in templates/admin/import_export/export.html.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Nothing personal leaves the server in an error report: with no ADMINS no error mail is
# sent (Django's would carry the request's POST data), and with DEBUG off the 500 page is
# templates/500.html, which shows nothing of the request.
ADMINS = []

if not DEBUG:
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DEBUG 未开启时必须设置环境变量 ALLOWED_HOSTS。")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind a TLS-terminating proxy (nginx), trust its X-Forwarded-Proto header.
    if env.bool("USE_X_FORWARDED_PROTO", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports each step of each PDF at INFO.
        "weasyprint.progress": {"level": "WARNING"},
        # Sign-in attempts are logged by fedportal.sign_in, one line each.
        "axes": {"level": "ERROR"},
    },
}

# The deployment's name, where no unit names the page: before sign-in, and for a user of
# several top units. A signed-in user's pages carry their own unit's name ("XX县妇联工作门户"),
# and a report its unit's.
FEDERATION_NAME = env.str("FEDERATION_NAME", default="妇联")
# How the portal is named in a user's authenticator app.
OTP_TOTP_ISSUER = f"{FEDERATION_NAME}工作门户"
