"""Fast settings for the test suite; the database still comes from DATABASE_URL."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "fedportal-tests-only")

from fedportal.settings import *  # noqa: F403
from fedportal.settings import INSTALLED_APPS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A small scoped model to test the scoping mechanism on its own, and the benchmarks'
# synthetic-data app (bench/settings.py installs it; a deployment does not) for its tests.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.scopetest", "bench.synthetic"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
