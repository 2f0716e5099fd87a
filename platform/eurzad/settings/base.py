"""Settings shared by every environment. Every value comes from the environment.

dev.py, test.py and production.py only override; docs/operators/configuration.md lists
every variable (generated from :mod:`eurzad.settings.env`).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from eurzad.settings.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[3]
PLATFORM_DIR = BASE_DIR / "platform"

STATE_DIR = Path(
    env_str(
        "EURZAD_STATE_DIR",
        str(BASE_DIR / ".eurzad"),
        "Folder for local state: embedded database and Redis data, demo keys, media.",
    )
).resolve()

SECRET_KEY = env_str(
    "SECRET_KEY",
    "",
    "Django secret key (50+ random characters). Required in production; "
    "dev and demo generate one under .eurzad/ on first run.",
    secret=True,
)
DEBUG = env_bool(
    "DEBUG",
    False,
    "Django debug mode (DEBUG=1 for developers: technical error pages); off by default, "
    "make demo included, and never in production.",
)

PLATFORM_DOMAIN = env_str(
    "PLATFORM_DOMAIN",
    "localhost",
    "Domain of the platform host (operator console); towns get <slug>.<PLATFORM_DOMAIN>.",
)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    ["*"],
    "Comma-separated host names Django answers to. '*' is safe here: the municipality "
    "middleware answers only host names registered for a town (or the platform host) "
    "and gives every other host a 404 before anything else runs.",
)
DATABASE_URL = env_str(
    "DATABASE_URL",
    "",
    "PostgreSQL URL, e.g. postgres://eurzad:pw@db:5432/eurzad. Empty in dev: "
    "an embedded PostgreSQL starts under .eurzad/postgres.",
    secret=True,
)
DATABASE_CONN_MAX_AGE = env_int(
    "DATABASE_CONN_MAX_AGE", 60, "Seconds a database connection is kept open between requests."
)
DATABASE_PREPARED_STATEMENTS = env_bool(
    "DATABASE_PREPARED_STATEMENTS",
    True,
    "Send query parameters apart from the SQL and let PostgreSQL keep the plans of the "
    "statements a connection runs often (a statement run 5 times is prepared). Needs a "
    "direct connection or a pooler in session mode, as the towns' schemas already do.",
)
REDIS_URL = env_str(
    "REDIS_URL",
    "",
    "Redis URL without a database number, e.g. redis://redis:6379. Empty in dev: "
    "an embedded Redis starts under .eurzad/redis.",
    secret=True,
)
REDIS_CACHE_DB = env_int("REDIS_CACHE_DB", 1, "Redis database number for the cache.")
REDIS_BROKER_DB = env_int("REDIS_BROKER_DB", 0, "Redis database number for the Celery broker.")
REDIS_RESULTS_DB = env_int("REDIS_RESULTS_DB", 2, "Redis database number for Celery results.")
REDIS_SENTINELS = env_str(
    "REDIS_SENTINELS",
    "",
    "Redis Sentinel addresses (host:port, comma-separated) for high availability; when set, "
    "the cache and Celery find the master through them and REDIS_URL only carries the "
    "Redis password (redis://:password@sentinel).",
)
REDIS_SENTINEL_MASTER = env_str(
    "REDIS_SENTINEL_MASTER", "", "The master's name in Sentinel (with REDIS_SENTINELS)."
)
REDIS_SENTINEL_PASSWORD = env_str(
    "REDIS_SENTINEL_PASSWORD", "", "Password of the Sentinels themselves, if any.", secret=True
)
REDIS_TIMEOUT_MS = env_int(
    "REDIS_TIMEOUT_MS",
    250,
    "How long a web or worker process waits for Redis to connect or answer (ms) before it "
    "answers without it (cache misses, skipped writes); docs/operators/resilience.md.",
)
REDIS_BREAKER_OPEN_SECONDS = env_int(
    "REDIS_BREAKER_OPEN_SECONDS",
    5,
    "After Redis failed to answer, for how long a process does not try it again (s); then "
    "one call tries, and caching resumes when it succeeds.",
)

TENANT_ROUTING_RECHECK_SECONDS = env_int(
    "TENANT_ROUTING_RECHECK_SECONDS",
    1,
    "How often (seconds) a process checks whether another process changed a town's "
    "domains or status; changes in the same process apply at once.",
)

TOWN_ACTIVITY_INTERVAL_SECONDS = env_int(
    "TOWN_ACTIVITY_INTERVAL_SECONDS",
    300,
    "How often (seconds) a process at most records that a town's host answered a request "
    "(the operator console's 'last activity'): one small UPDATE per town and interval.",
)

# --- Scale: spare schema pool and migrate_towns (tenants) ---
TENANT_POOL_SIZE = env_int(
    "POOL_SIZE",
    3,
    "How many pre-migrated spare schemas are kept ready so onboarding a town takes "
    "under a second (0 turns the pool off: every onboarding runs all migrations).",
)
TENANT_POOL_REFILL_SECONDS = env_int(
    "POOL_REFILL_SECONDS",
    600,
    "How often (seconds) Celery beat refills the spare schema pool and drops spares "
    "made before a deploy with new migrations (it also refills after each onboarding).",
)
MIGRATE_JOBS = env_int(
    "MIGRATE_JOBS",
    4,
    "Default number of parallel worker processes of manage.py migrate_towns (--jobs).",
)

PAGE_CACHE_SECONDS = env_int(
    "PAGE_CACHE_SECONDS",
    300,
    "How long anonymous visitors are served a cached page (0 turns the cache off); "
    "publishing anything clears a town's cached pages at once.",
)
PAGE_CACHE_LOCAL_ENTRIES = env_int(
    "PAGE_CACHE_LOCAL_ENTRIES",
    500,
    "How many cached pages each web process also keeps in memory (0: Redis only).",
)
PAGE_CACHE_RECHECK_SECONDS = env_int(
    "PAGE_CACHE_RECHECK_SECONDS",
    1,
    "How often (seconds) a web process re-reads a town's page-cache generation from Redis, "
    "i.e. how long another process may still serve a page after its town published.",
)

SHARED_APPS = [
    "django_tenants",
    # In both lists (like contenttypes): the failed-login records of a town live in the
    # town's schema, the operators' in the public schema (eurzad.core.login_limits).
    "axes",
    "tenants",
    "tenants.console",
    "eurzad.core",
    "eurzad.finance.interest",  # the statutory interest rates: one table for every town
    "eurzad.accounts",
    "eurzad.demo",  # manage.py seed_demo / run_demo; no models
    "csp",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # No models: PostgreSQL index expressions (OpClass) and search lookups.
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

TENANT_APPS = [
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "eurzad.accounts",
    "django.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.locales",
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
    "themes",
    "cms",
    "eurzad.parties",
    "eurzad.identity",
    "eurzad.audit",
    "eurzad.notifications",
    "eurzad.notifications.push",
    "eurzad.finance",
    "eurzad.finance.gateways",
    "eurzad.cases",
    "eurzad.registers",
    "eurzad.registers.budget",
    "eurzad.channels",
    "eurzad.eservices",
    "eurzad.pwa",
    "eurzad.portal",
    "rest_framework",
    "drf_spectacular",
    "api",
]

INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Municipality"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_URLCONF = "eurzad.urls_public"
ROOT_URLCONF = "eurzad.urls_tenant"
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)
SHOW_PUBLIC_IF_NO_TENANT_FOUND = False
TENANT_COLOR_ADMIN_APPS = False
# SET search_path only when the schema changes, not before every query (which doubled the
# statements of a request). Safe only with our backend (eurzad.core.postgresql.base): a SET
# made inside a transaction is undone by its rollback -- or by the COMMIT of a transaction
# in which a statement failed -- and the backend forgets such a SET whenever its transaction
# ends, so no query runs on a path PostgreSQL has discarded (another town's schema).
# Proven by tests/core/test_search_path.py; see docs/developers/architecture.md, Tenancy.
TENANT_LIMIT_SET_CALLS = True

# The order matters (docs/operators/security-headers.md). The security headers' last word
# comes first: it also covers what is answered before the rest runs. Static files come
# before tenant routing (a refusal page's stylesheet loads on an unknown host too). The
# anonymous page cache answers right after routing; a cached page keeps the headers the
# layers below it set (HSTS, the CSP). The CSP middleware sees X-Frame-Options as the
# view left it.
MIDDLEWARE = [
    "eurzad.core.security_headers.SecurityHeadersMiddleware",
    "eurzad.core.middleware.HealthCheckMiddleware",
    "eurzad.core.observation.RequestObservationMiddleware",
    "eurzad.core.static_files.StaticFilesMiddleware",
    "tenants.middleware.MunicipalityMiddleware",
    "eurzad.core.page_cache.AnonymousPageCacheMiddleware",
    "themes.middleware.TownSiteMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "api.middleware.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "eurzad.core.csp.ContentSecurityPolicyMiddleware",
    "eurzad.core.middleware.ControlCharacterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.middleware.TownRedirectMiddleware",
    # Last: it turns a login refused for a lockout into the 429 lockout page.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "eurzad.core.context_processors.platform",
                "cms.context_processors.active_alerts",
                "eurzad.portal.context_processors.resident_bar",
                "eurzad.portal.context_processors.account_area",
            ],
        },
    }
]

WSGI_APPLICATION = "eurzad.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The axes backend refuses a locked-out user name before the model backend checks the
# password; the model backend stays, since logins name it (identity, console).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Residents' sessions (it checks no password); staff and operators log in through
    # the model backend, and sessions opened before it came in name that one.
    "eurzad.identity.backends.ResidentSessionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
# Ours, then the Polish for what Wagtail's own catalogue leaves in English (its msgids).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail-overrides"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(
    env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"), "Folder collectstatic writes to.")
)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(
    env_str(
        "MEDIA_ROOT",
        str(STATE_DIR / "media"),
        "Folder for uploaded files; each town gets its own subfolder (its schema name).",
    )
)
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
SERVE_MEDIA = env_bool(
    "SERVE_MEDIA",
    True,
    "Serve uploaded files from the app (per town, on the town's host only). Turn off "
    "when an ingress or object storage serves them.",
)
PRIVATE_FILES_ROOT = Path(
    env_str(
        "PRIVATE_FILES_ROOT",
        str(STATE_DIR / "private"),
        "Folder for private files (what residents and the office upload or issue: powers of "
        "attorney, case letters); outside MEDIA_ROOT, each town in its own subfolder. Never "
        "serve it directly: with PRIVATE_FILES_DELIVERY=x-accel the web server's internal "
        "location reads it.",
    )
)
PRIVATE_FILES_STORAGE = env_choice(
    "PRIVATE_FILES_STORAGE",
    "filesystem",
    ("filesystem", "s3"),
    "Where private files are kept: a folder (PRIVATE_FILES_ROOT, shared by web and worker "
    "pods) or an S3-compatible bucket (PRIVATE_FILES_S3_*).",
)
PRIVATE_FILES_DELIVERY = env_choice(
    "PRIVATE_FILES_DELIVERY",
    "app",
    ("app", "x-accel", "s3"),
    "Who sends a private file once the download view has checked the reader: the app "
    "itself (development only), the web server in front by X-Accel-Redirect (nginx; needs "
    "the filesystem storage) or the object store through a short-lived signed URL (needs "
    "the s3 storage). Production refuses 'app'.",
)
PRIVATE_FILES_ACCEL_PREFIX = env_str(
    "PRIVATE_FILES_ACCEL_PREFIX",
    "/_private/",
    "x-accel delivery: the web server's internal location whose alias is PRIVATE_FILES_ROOT.",
)
PRIVATE_FILES_URL_SECONDS = env_int(
    "PRIVATE_FILES_URL_SECONDS",
    60,
    "s3 delivery: how long a signed download URL stays valid, in seconds.",
)
PRIVATE_FILES_S3_BUCKET = env_str(
    "PRIVATE_FILES_S3_BUCKET", "", "s3 storage: the bucket (private, no public access)."
)
PRIVATE_FILES_S3_PREFIX = env_str(
    "PRIVATE_FILES_S3_PREFIX", "private", "s3 storage: key prefix; each town gets its own below."
)
PRIVATE_FILES_S3_ENDPOINT_URL = env_str(
    "PRIVATE_FILES_S3_ENDPOINT_URL",
    "",
    "s3 storage: endpoint of an S3-compatible store (MinIO, Ceph RGW...); empty: AWS S3.",
)
PRIVATE_FILES_S3_REGION = env_str("PRIVATE_FILES_S3_REGION", "", "s3 storage: region name.")
PRIVATE_FILES_S3_ADDRESSING_STYLE = env_str(
    "PRIVATE_FILES_S3_ADDRESSING_STYLE",
    "",
    "s3 storage: 'path' or 'virtual' bucket addressing; empty: the client's default.",
)
PRIVATE_FILES_S3_ACCESS_KEY_ID = env_str(
    "PRIVATE_FILES_S3_ACCESS_KEY_ID",
    "",
    "s3 storage: access key; empty: the usual AWS credential chain (IRSA, instance role).",
)
PRIVATE_FILES_S3_SECRET_ACCESS_KEY = env_str(
    "PRIVATE_FILES_S3_SECRET_ACCESS_KEY", "", "s3 storage: secret key.", secret=True
)
if PRIVATE_FILES_DELIVERY == "x-accel" and PRIVATE_FILES_STORAGE != "filesystem":
    raise ImproperlyConfigured(
        "PRIVATE_FILES_DELIVERY=x-accel needs PRIVATE_FILES_STORAGE=filesystem."
    )
if PRIVATE_FILES_DELIVERY == "s3" and PRIVATE_FILES_STORAGE != "s3":
    raise ImproperlyConfigured("PRIVATE_FILES_DELIVERY=s3 needs PRIVATE_FILES_STORAGE=s3.")
PRIVATE_STORAGE = {
    "BACKEND": {
        "filesystem": "eurzad.core.private_files.storage.PrivateFileSystemStorage",
        "s3": "eurzad.core.private_files.s3.PrivateS3Storage",
    }[PRIVATE_FILES_STORAGE]
}

STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = (
    env_int("MAX_IMAGE_UPLOAD_MB", 10, "Largest image an editor may upload, in megabytes.")
    * 1024
    * 1024
)

PRODUCTION_SSL_REDIRECT = env_bool(
    "SECURE_SSL_REDIRECT",
    True,
    "Production only: redirect plain HTTP to HTTPS (turn off if the ingress already does).",
)
PRODUCTION_HSTS_SECONDS = env_int(
    "SECURE_HSTS_SECONDS",
    31536000,
    "Production only: how long (seconds) browsers must use HTTPS for the platform's "
    "domain and all its subdomains (Strict-Transport-Security with includeSubDomains); "
    "one year by default. 0 sends no header.",
)
PRODUCTION_HSTS_PRELOAD = env_bool(
    "SECURE_HSTS_PRELOAD",
    False,
    "Production only: add 'preload' to Strict-Transport-Security, consenting to the "
    "browsers' HSTS preload list (submit the domain at hstspreload.org yourself; leaving "
    "the list takes months).",
)
TEST_REDIS_DB_BASE = env_int(
    "TEST_REDIS_DB_BASE",
    10,
    "Tests only: first of three Redis database numbers a test run tries first (a run "
    "already using them makes the next run take another free block of three), so that a "
    "running demo is never disturbed.",
)

SIMULATORS_ENABLED = env_bool(
    "SIMULATORS_ENABLED",
    False,
    "Serve the local stand-ins of outside services (login.gov.pl, ePUAP, e-Doręczenia, "
    "podpis zaufany, payment gateways, push). On in dev and tests; production refuses to "
    "start with it.",
)
WK_SIMULATOR_URL = env_str(
    "WK_SIMULATOR_URL",
    "http://localhost:8000/symulator-wk",
    "Where the local login.gov.pl simulator answers (on the platform host), for towns whose "
    "login configuration uses the 'local' environment. Only with SIMULATORS_ENABLED.",
)

EPUAP_SIMULATOR_URL = env_str(
    "EPUAP_SIMULATOR_URL",
    "http://localhost:8000/symulator-epuap",
    "Where the local ePUAP simulator (WS-Pull over SOAP) answers on the platform host, for "
    "towns whose ePUAP configuration uses the 'local' environment. Only with SIMULATORS_ENABLED.",
)
EDORECZENIA_SIMULATOR_URL = env_str(
    "EDORECZENIA_SIMULATOR_URL",
    "http://localhost:8000/symulator-edoreczenia",
    "Where the local e-Doręczenia simulator (REST) answers on the platform host, for towns "
    "whose e-Doręczenia configuration uses the 'local' environment. Only with SIMULATORS_ENABLED.",
)
PZ_SIMULATOR_URL = env_str(
    "PZ_SIMULATOR_URL",
    "http://localhost:8000/symulator-pz",
    "Where the local podpis zaufany simulator (TpSigning5 over SOAP and the signing page) "
    "answers on the platform host, for towns whose ePUAP configuration uses the 'local' "
    "environment. Only with SIMULATORS_ENABLED.",
)
P24_SIMULATOR_URL = env_str(
    "P24_SIMULATOR_URL",
    "http://localhost:8000/symulator-p24",
    "Where the local Przelewy24 simulator answers on the platform host, for towns whose "
    "payment gateway uses the 'local' environment. Only with SIMULATORS_ENABLED.",
)
PAYU_SIMULATOR_URL = env_str(
    "PAYU_SIMULATOR_URL",
    "http://localhost:8000/symulator-payu",
    "Where the local PayU simulator (REST API 2.1) answers on the platform host, for towns "
    "whose PayU configuration uses the 'local' environment. Only with SIMULATORS_ENABLED.",
)
PUSH_FCM_URL = env_str(
    "PUSH_FCM_URL",
    "https://fcm.googleapis.com",
    "Base URL of Firebase Cloud Messaging (HTTP v1 API). Point it at the push stand-in "
    "(<town host>/symulator-push/fcm) for the demo; only with SIMULATORS_ENABLED.",
)
PUSH_FCM_TOKEN_URL = env_str(
    "PUSH_FCM_TOKEN_URL",
    "https://oauth2.googleapis.com/token",
    "Google's OAuth 2.0 token endpoint, where a town's FCM service account trades its "
    "signed JWT for an access token (the stand-in: <town host>/symulator-push/fcm/token).",
)
PUSH_APNS_URL = env_str(
    "PUSH_APNS_URL",
    "https://api.push.apple.com",
    "Base URL of Apple's push provider API (production apps); the stand-in: "
    "<town host>/symulator-push/apns.",
)
PUSH_APNS_SANDBOX_URL = env_str(
    "PUSH_APNS_SANDBOX_URL",
    "https://api.sandbox.push.apple.com",
    "Base URL of Apple's push provider API for development builds of the app (a town's "
    "APNs configuration with the sandbox flag).",
)
PUSH_ALERT_BATCH_SIZE = env_int(
    "PUSH_ALERT_BATCH_SIZE",
    500,
    "How many push subscriptions one fan-out task of a published alert queues before it "
    "re-queues itself for the next batch.",
)
PAYMENT_RECONCILE_SECONDS = env_int(
    "PAYMENT_RECONCILE_SECONDS",
    300,
    "How often (seconds) every town's unprocessed gateway notifications and stale pending "
    "online payments are reconciled with the gateway.",
)
PAYMENT_STALE_SECONDS = env_int(
    "PAYMENT_STALE_SECONDS",
    600,
    "An online payment still pending this many seconds after it started is checked with "
    "the gateway by the reconciliation.",
)
PAYMENT_EXPIRE_SECONDS = env_int(
    "PAYMENT_EXPIRE_SECONDS",
    3600,
    "An online payment the gateway still knows no payment for this many seconds after it "
    "started is marked expired, and its installments may be paid again.",
)
EPUAP_TRUSTED_CA_FILE = env_str(
    "EPUAP_TRUSTED_CA_FILE",
    "",
    "PEM bundle of the certification authorities whose certificates may sign documents "
    "residents send (Profil Zaufany and qualified signatures). With SIMULATORS_ENABLED the "
    "simulator's Profil Zaufany CA is trusted as well.",
)
CHANNELS_POLL_SECONDS = env_int(
    "CHANNELS_POLL_SECONDS",
    300,
    "How often (seconds) every town's ePUAP and e-Doręczenia mailboxes are polled for new "
    "documents.",
)
CHANNELS_POLL_BATCH = env_int(
    "CHANNELS_POLL_BATCH",
    100,
    "At most this many documents are taken from one mailbox in one poll; the rest wait for "
    "the next poll.",
)

FINANCE_REMINDERS_HOUR = env_int(
    "FINANCE_REMINDERS_HOUR",
    8,
    "Hour of the day (0-23, Europe/Warsaw) at which installment reminders go out in every "
    "town; each town sets the days before and after the due date in its admin.",
)

# A session is read from Redis (the cache, whose keys carry the town's schema) and only
# falls back to its town's table when Redis has lost it: a logged-in page costs no
# database read for it. Written to both, so a Redis restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, "Session lifetime in seconds.")
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- security headers (docs/operators/security-headers.md) -------------------------------

# (Not named CSP_REPORT_URI in Python: django-csp takes that for a setting of its 3.x.)
CSP_VIOLATION_REPORT_URI = env_str(
    "CSP_REPORT_URI",
    "",
    "Where browsers report Content-Security-Policy violations (the policy's report-uri), "
    "e.g. an error tracker's CSP endpoint; empty: no reports.",
)
# No inline script anywhere, no inline style but the hashed town colours; a page that
# needs more says so itself (eurzad.core.csp) or is listed in CSP_PATH_EXCEPTIONS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"report-uri": [CSP_VIOLATION_REPORT_URI]} if CSP_VIOLATION_REPORT_URI else {}),
    }
}
# Paths whose pages are not ours and need more: each directive listed replaces the
# policy's; the longest matching prefix applies (an empty entry: the strict policy).
# Why, per path: docs/operators/security-headers.md.
_WAGTAIL_ADMIN = {
    # Wagtail 8 writes its widgets' set-up code as inline scripts (date pickers, choosers,
    # inline panels; some from Python, so a nonce cannot reach them) and its bundled
    # scripts set inline styles; image previews come from data: and blob: URLs.
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}
CSP_PATH_EXCEPTIONS: list[tuple[str, dict[str, list[str]]]] = [
    ("/admin/", _WAGTAIL_ADMIN),
    # What a visitor who is not logged in reaches keeps the strict policy.
    ("/admin/login/", {}),
    ("/admin/password_reset/", {}),
    # Swagger UI's stylesheet draws its icons as data: SVG images.
    ("/api/v1/docs/", {"img-src": [SELF, "data:"]}),
    # ReDoc (styled-components) writes its styles into <style> elements at run time,
    # without a nonce, and runs its search in a worker made from a blob: URL.
    ("/api/v1/redoc/", {
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "worker-src": [SELF, "blob:"],
    }),
]  # fmt: skip
# Browser features no page of the platform uses are switched off for it and anything it
# embeds (Permissions-Policy); only features Chromium and Firefox know are named, so that
# browsers do not complain about the header.
PERMISSIONS_POLICY: list[tuple[str, tuple[str, ...]]] = [
    ("accelerometer", ()),
    ("autoplay", ()),
    ("camera", ()),
    ("display-capture", ()),
    ("encrypted-media", ()),
    ("fullscreen", ("self",)),
    ("geolocation", ()),
    ("gyroscope", ()),
    ("magnetometer", ()),
    ("microphone", ()),
    ("midi", ()),
    ("payment", ()),
    ("picture-in-picture", ()),
    ("publickey-credentials-get", ()),
    ("screen-wake-lock", ()),
    ("serial", ()),
    ("usb", ()),
    ("xr-spatial-tracking", ()),
]

WAGTAIL_SITE_NAME = "eurzad"
# Page addresses in ASCII: the admin transliterates the title ("dyżur" -> "dyzur"), and
# cms.models.slugs does the same for a page saved any other way.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_BASE_URL = env_str(
    "WAGTAILADMIN_BASE_URL",
    "http://localhost:8000",
    "Base URL used in admin e-mails when no request is at hand (per town it is the "
    "town's own host).",
)
# Editors may publish English versions of pages: Wagtail's own i18n (locales, translated
# page trees, simple_translation's "Translate" action) — see docs/editors/README.md.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("pl", "Polski"), ("en", "English")]
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.image_forms.AltTextRequiredImageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# No staff e-mail hashes go to gravatar.com (and no image from outside in the admin).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("pl", "Polski"), ("en", "English")]

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend",
    "Django e-mail backend; dev uses the file backend under .eurzad/mail.",
)
EMAIL_URL = env_str(
    "EMAIL_URL",
    "",
    "SMTP server as a URL: smtp://user:password@host:587 (STARTTLS) or "
    "smtps://user:password@host:465 (TLS). Overrides EMAIL_HOST and the other EMAIL_* values.",
    secret=True,
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost", "SMTP server host.")
EMAIL_PORT = env_int("EMAIL_PORT", 25, "SMTP server port.")
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "", "SMTP user.")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "", "SMTP password.", secret=True)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False, "Use STARTTLS for SMTP.")
EMAIL_USE_SSL = False
if EMAIL_URL:
    from eurzad.settings.services import email_settings

    globals().update(email_settings(EMAIL_URL))
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "eurzad <no-reply@localhost>", "Sender of the platform's e-mails."
)
EMAIL_FILE_PATH = STATE_DIR / "mail"

TASK_STAGGER_SECONDS = env_int(
    "TASK_STAGGER_SECONDS",
    50,
    "Periodic per-town tasks are spread evenly over this many seconds across towns.",
)
# A task is acknowledged when it ends, and a worker killed mid-task (SIGKILL, OOM) leaves
# it to be run again: every task is idempotent (docs/operators/resilience.md).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_VISIBILITY_TIMEOUT = env_int(
    "CELERY_VISIBILITY_TIMEOUT",
    900,
    "Seconds after which Redis hands a task a worker took but never acknowledged (the "
    "worker was killed) to another worker. Longer than the longest task "
    "(CELERY_TASK_TIME_LIMIT); tasks due later wait in the outbox, not in Redis.",
)
CELERY_RESTORE_UNACKED_SECONDS = env_int(
    "CELERY_RESTORE_UNACKED_SECONDS",
    10,
    "How often each worker looks in Redis for tasks whose worker was killed (older than "
    "CELERY_VISIBILITY_TIMEOUT) to run them again.",
)
OUTBOX_RELAY_SECONDS = env_int(
    "OUTBOX_RELAY_SECONDS",
    15,
    "How often Celery beat relays the outbox: tasks that could not be queued when their "
    "change was committed (Redis down) and tasks that have become due.",
)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300, "Hard time limit of a task (s).")
CELERY_TASK_SOFT_TIME_LIMIT = env_int(
    "CELERY_TASK_SOFT_TIME_LIMIT", 240, "Soft time limit of a task (s)."
)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_TENANT_CACHE_SECONDS = 30
CELERY_BEAT_SCHEDULE_FILENAME = str(STATE_DIR / "celerybeat-schedule")

# --- the API (/api/v1/ on each town's host) ---------------------------------------------

API_THROTTLE_ANONYMOUS = env_str(
    "API_THROTTLE_ANONYMOUS", "120/min", "Requests per client address to the open API (DRF rate)."
)
API_THROTTLE_DEVICE = env_str(
    "API_THROTTLE_DEVICE", "300/min", "Requests per paired mobile device (DRF rate)."
)
API_THROTTLE_PAIRING = env_str(
    "API_THROTTLE_PAIRING", "10/min", "Pairing attempts per client address (DRF rate)."
)
API_THROTTLE_INTEGRATION = env_str(
    "API_THROTTLE_INTEGRATION", "600/min", "Requests per back-office API client (DRF rate)."
)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.TownApiSchema",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    "EXCEPTION_HANDLER": "api.problems.problem_exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": API_THROTTLE_ANONYMOUS,
        "device": API_THROTTLE_DEVICE,
        "pairing": API_THROTTLE_PAIRING,
        "integration": API_THROTTLE_INTEGRATION,
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "eurzad API",
    "DESCRIPTION": (
        "API e-Urzędu gminy: aplikacja mobilna mieszkańca, integracja z systemami urzędu, "
        "otwarte dane. Błędy: application/problem+json (RFC 9457); teksty po polsku, "
        "po angielsku z nagłówkiem Accept-Language: en."
    ),
    "VERSION": "v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # No badge image from the online validator (nothing but the town's host is contacted).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["api.schema.only_town_api"],
    "DEFAULT_GENERATOR_CLASS": "api.schema_generator.TownApiSchemaGenerator",
}

# --- the operator console (platform host) ----------------------------------------------

ARCHIVE_ROOT = Path(
    env_str(
        "ARCHIVE_ROOT",
        str(STATE_DIR / "archives"),
        "Folder where archiving a town writes its export (.tar.gz: schema dump, media, "
        "manifest) and restoring reads it from.",
    )
)
PG_BIN_DIR = env_str(
    "PG_BIN_DIR",
    "",
    "Folder with pg_dump and pg_restore (town archives and restores); their major version "
    "must be at least the server's. Empty: the ones on PATH (with the embedded database: "
    "its own).",
)
LIFECYCLE_JOB_TIME_LIMIT_SECONDS = env_int(
    "LIFECYCLE_JOB_TIME_LIMIT_SECONDS",
    21600,
    "Longest an archive or restore job may run in a worker (s); a job still running after "
    "that is marked failed (its worker died) and the town is free for a new one.",
)
CONSOLE_TOTP_MAX_FAILURES = env_int(
    "CONSOLE_TOTP_MAX_FAILURES",
    5,
    "Wrong 2FA codes in a row after which an operator is locked out for a while.",
)
CONSOLE_TOTP_LOCKOUT_SECONDS = env_int(
    "CONSOLE_TOTP_LOCKOUT_SECONDS",
    900,
    "How long (seconds) an operator stays locked out after too many wrong 2FA codes.",
)

# --- login lockouts (django-axes; docs/operators/login-lockouts.md) ----------------------

LOGIN_FAILURE_LIMIT = env_int(
    "LOGIN_FAILURE_LIMIT",
    10,
    "Wrong passwords for one user name from one address (Wagtail admin, the console's "
    "password step, the demo login) after which that user name is locked out from that "
    "address; each town counts its own, the console its own.",
)
LOGIN_COOLOFF_MINUTES = env_int(
    "LOGIN_COOLOFF_MINUTES",
    15,
    "How long (minutes) a login lockout lasts, counted from the last wrong password; "
    "attempts during it are refused (HTTP 429) without extending it. An operator may lift "
    "it earlier (console or manage.py town/operator unlock-login).",
)
LOGIN_RESET_ON_SUCCESS = env_bool(
    "LOGIN_RESET_ON_SUCCESS",
    True,
    "A successful login clears the wrong passwords counted so far for that user name and "
    "address (off: they expire only after LOGIN_COOLOFF_MINUTES).",
)
if LOGIN_FAILURE_LIMIT < 1 or LOGIN_COOLOFF_MINUTES < 1:
    raise ValueError("LOGIN_FAILURE_LIMIT and LOGIN_COOLOFF_MINUTES must be at least 1")

TRUSTED_PROXIES = env_list(
    "TRUSTED_PROXIES",
    [],
    "Addresses or networks (CIDR) of our own reverse proxies: the file server beside "
    "gunicorn (127.0.0.1) and the ingress controller. Only when the peer is one of them is "
    "the client's address read from X-Forwarded-For (the right-most address that is not "
    "one of them). Empty: the peer address is the client.",
)
# The database handler, not the cache one: records live in the schema of the host's town
# (search_path), an operator can list them and lift one by user name, and they survive
# a Redis restart or eviction. Why, at length: docs/operators/login-lockouts.md.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_RESET_ON_SUCCESS = LOGIN_RESET_ON_SUCCESS
# Per user name *and* address: another address, or another user name, is not locked.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The cool-off runs from the last wrong password; refused attempts do not prolong it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "eurzad.core.client.client_ip"
AXES_LOCKOUT_CALLABLE = "eurzad.core.login_limits.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Logins are in the towns' audit logs and the operators' log already.
AXES_DISABLE_ACCESS_LOG = True
# No user names or addresses in axes' own log lines; the demo form calls its field "login".
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "login"]

# --- monitoring: logs, metrics, readiness (docs/operators/monitoring.md) ----------------

LOG_LEVEL = env_str("LOG_LEVEL", "INFO", "Log level of the platform's loggers.")
LOG_FORMAT = env_str(
    "LOG_FORMAT",
    "plain",
    "Log line format: 'json' (one JSON object per line, the default in production) or "
    "'plain' (readable text, the default in development and tests).",
)
if LOG_FORMAT not in {"json", "plain"}:
    raise ValueError(f"LOG_FORMAT: expected 'json' or 'plain', got {LOG_FORMAT!r}")
ACCESS_LOG_FLUSH_SECONDS = env_int(
    "ACCESS_LOG_FLUSH_SECONDS",
    1,
    "Request lines are written together at most this many seconds after the first of them "
    "(warnings and errors at once); 0 writes each line at once, at a cost to every request.",
)
METRICS_ALLOWED_IPS = env_list(
    "METRICS_ALLOWED_IPS",
    ["127.0.0.1"],
    "Comma-separated addresses or networks (CIDR) allowed to read /metrics on the platform "
    "host without a token, e.g. 127.0.0.1,10.0.0.0/8 for an in-cluster Prometheus.",
)
METRICS_TOKEN = env_str(
    "METRICS_TOKEN",
    "",
    "Bearer token that lets any address read /metrics on the platform host "
    "(Authorization: Bearer <token>). Empty: addresses in METRICS_ALLOWED_IPS only.",
    secret=True,
)
METRICS_PER_TOWN = env_bool(
    "METRICS_PER_TOWN",
    True,
    "Label request, latency, payment and task metrics with each town's schema. Turn off "
    "to add all towns up (town=all) when the number of series is too high.",
)
WORKER_METRICS_PORT = env_int(
    "WORKER_METRICS_PORT",
    0,
    "Port on which a Celery worker serves its own /metrics (task failures, notification "
    "deliveries), with the same access rule as the web's; 0 turns it off.",
)
WORKER_METRICS_ADDRESS = env_str(
    "WORKER_METRICS_ADDRESS",
    "127.0.0.1",
    "Address the worker's /metrics listens on (0.0.0.0 in a pod, so Prometheus can reach "
    "it; the Helm chart sets it).",
)
READINESS_MIGRATIONS_CACHE_SECONDS = env_int(
    "READINESS_MIGRATIONS_CACHE_SECONDS",
    10,
    "How long (seconds) a web process reuses its answer to 'are all migrations applied?' "
    "in /readyz; the check reads the migration graph and is expensive.",
)


def logging_config(log_format: str, log_level: str, access_flush_seconds: int = 1) -> dict:
    """The LOGGING dict for a format ('json' or 'plain'); production.py calls it again."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "tenant_context": {"()": "django_tenants.log.TenantContextFilter"},
            "request_id": {"()": "eurzad.core.logging.RequestIdFilter"},
            "mask_identifiers": {"()": "eurzad.core.logging.MaskIdentifiersFilter"},
        },
        "formatters": {
            "plain": {
                "format": "%(asctime)s %(levelname)s [%(schema_name)s] [%(request_id)s] "
                "%(name)s: %(message)s"
            },
            "json": {"()": "eurzad.core.logging.JsonFormatter"},
            # The request line arrives serialised (eurzad.core.access_log).
            "preformatted": {"()": "eurzad.core.access_log.PreformattedFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["tenant_context", "request_id", "mask_identifiers"],
                "formatter": log_format,
            },
            "access": {
                "class": "eurzad.core.access_log.BufferedLineHandler",
                "formatter": "preformatted",
                "flush_seconds": access_flush_seconds,
            },
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            "eurzad": {"level": log_level},
            "eurzad.requests": {"level": log_level, "handlers": ["access"], "propagate": False},
            "tenants": {"level": log_level},
            "cms": {"level": log_level},
            "themes": {"level": log_level},
        },
    }


LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL, ACCESS_LOG_FLUSH_SECONDS)
