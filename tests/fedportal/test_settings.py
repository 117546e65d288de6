"""Settings come from the environment; production refuses unsafe defaults."""

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
    "print(json.dumps({k: getattr(settings, k, None) for k in ("
    "'DEBUG', 'ALLOWED_HOSTS', 'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', "
    "'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'LANGUAGE_CODE', 'TIME_ZONE', "
    "'FEDERATION_NAME')} | {'DB': settings.DATABASES['default']['ENGINE'], "
    "'DB_NAME': str(settings.DATABASES['default']['NAME'])}))"
)


def load_settings(**env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}
    }
    result = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "fedportal.settings", **env},
        capture_output=True,
        text=True,
    )
    return result


def test_production_needs_a_secret_key():
    result = load_settings(DEBUG="0", ALLOWED_HOSTS="fed.example.cn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_needs_allowed_hosts():
    result = load_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_is_safe_by_default():
    result = load_settings(
        DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="fed.example.cn,www.fed.example.cn"
    )
    settings = json.loads(result.stdout)
    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["fed.example.cn", "www.fed.example.cn"]
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31_536_000


def test_debug_defaults_to_off():
    result = load_settings(SECRET_KEY="x" * 50, ALLOWED_HOSTS="a.example")
    assert json.loads(result.stdout)["DEBUG"] is False


def test_development_uses_sqlite_and_chinese_by_default():
    settings = json.loads(load_settings(DEBUG="1").stdout)
    assert settings["DB"] == "django.db.backends.sqlite3"
    assert settings["DB_NAME"].endswith("db.sqlite3")
    assert settings["LANGUAGE_CODE"] == "zh-hans"
    assert settings["TIME_ZONE"] == "Asia/Shanghai"
    assert settings["SECURE_SSL_REDIRECT"] is False


def test_database_url_selects_postgresql():
    settings = json.loads(
        load_settings(DEBUG="1", DATABASE_URL="postgres://fed@db.internal:5432/fedportal").stdout
    )
    assert settings["DB"] == "django.db.backends.postgresql"
    assert settings["DB_NAME"] == "fedportal"


def test_federation_name_comes_from_the_environment():
    settings = json.loads(load_settings(DEBUG="1", FEDERATION_NAME="安源区妇联").stdout)
    assert settings["FEDERATION_NAME"] == "安源区妇联"


def test_deploy_check_passes_with_production_settings():
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **base,
            "DEBUG": "0",
            "SECRET_KEY": "k" * 30 + "Q!x@9#zZ" * 5,
            "ALLOWED_HOSTS": "fed.example.cn",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
