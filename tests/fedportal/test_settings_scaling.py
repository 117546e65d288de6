"""Several web nodes: the settings that CACHE_URL and DATABASE_REPLICA_URL switch on, and
what one node runs with neither (docs/SCALING.md)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test starts Django in a subprocess

ROOT = Path(__file__).resolve().parents[2]
PRINT = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({"
    "'CACHE': settings.CACHES['default'], "
    "'SESSION_ENGINE': settings.SESSION_ENGINE, "
    "'TMP_STORAGE': getattr(settings, 'IMPORT_EXPORT_TMP_STORAGE_CLASS', None), "
    "'DATABASES': {a: {k: d[k] for k in ('ENGINE', 'NAME', 'HOST', 'TEST')} "
    "for a, d in settings.DATABASES.items()}, "
    "'ROUTERS': settings.DATABASE_ROUTERS, 'TASKS': settings.TASKS}))"
)
SCALING_VARIABLES = {"CACHE_URL", "DATABASE_REPLICA_URL", "DATABASE_URL", "REPORT_WORKERS"}


def load_settings(**env):
    base = {k: v for k, v in os.environ.items() if k not in SCALING_VARIABLES}
    result = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "fedportal.settings", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_one_node_keeps_its_cache_in_memory_and_sessions_in_the_database():
    settings = load_settings()
    assert settings["CACHE"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert settings["SESSION_ENGINE"] == "fedportal.sessions"
    # A folder of the node, which all its processes share.
    assert settings["TMP_STORAGE"] == "fedportal.tmp_storages.FolderStorage"
    assert list(settings["DATABASES"]) == ["default"]
    assert settings["ROUTERS"] == []


def test_a_redis_cache_url_shares_cache_sessions_and_import_files():
    settings = load_settings(CACHE_URL="redis://redis.internal:6379/1")
    assert settings["CACHE"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://redis.internal:6379/1",
    }
    assert settings["SESSION_ENGINE"] == "fedportal.cached_sessions"
    assert settings["TMP_STORAGE"] == "fedportal.tmp_storages.CacheStorage"


def test_a_per_process_cache_url_shares_nothing():
    settings = load_settings(CACHE_URL="locmemcache://")
    assert settings["SESSION_ENGINE"] == "fedportal.sessions"
    assert settings["TMP_STORAGE"] == "fedportal.tmp_storages.FolderStorage"


def test_a_replica_url_adds_the_replica_and_its_router():
    settings = load_settings(
        DATABASE_URL="postgres://fed@primary.internal:5432/fedportal",
        DATABASE_REPLICA_URL="postgres://fed@replica.internal:5432/fedportal",
    )
    replica = settings["DATABASES"]["replica"]
    assert (replica["ENGINE"], replica["HOST"], replica["NAME"]) == (
        "django.db.backends.postgresql",
        "replica.internal",
        "fedportal",
    )
    # Tests read the replica from the primary's test database rather than create one.
    assert replica["TEST"]["MIRROR"] == "default"
    assert settings["DATABASES"]["default"]["HOST"] == "primary.internal"
    assert settings["ROUTERS"] == ["fedportal.db_router.ReplicaRouter"]


def test_the_redis_client_is_installed():
    # Django's RedisCache imports the `redis` package only when the cache is first used.
    result = subprocess.run(
        [sys.executable, "-c", "import redis"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_report_workers_need_a_shared_cache():
    base = {k: v for k, v in os.environ.items() if k not in SCALING_VARIABLES}
    result = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "fedportal.settings", "DEBUG": "1"}
        | {"REPORT_WORKERS": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "REPORT_WORKERS=1 需要同时设置 CACHE_URL" in result.stderr


def test_report_workers_read_their_tasks_from_the_database():
    settings = load_settings(REPORT_WORKERS="1", CACHE_URL="redis://redis.internal:6379/1")
    assert settings["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert load_settings()["TASKS"]["default"]["BACKEND"] == (
        "django_tasks.backends.immediate.ImmediateBackend"
    )
