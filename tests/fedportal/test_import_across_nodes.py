"""The import's uploaded file waits in the shared cache between the preview and the confirm
(fedportal.tmp_storages.CacheStorage, IMPORT_EXPORT_TMP_STORAGE_CLASS with CACHE_URL), so the
confirm may reach another web node; on Redis too, when one is running."""

import os
import socket
import tempfile
import uuid

import pytest
from django.core.cache import cache

from families.models import FamilyAward
from fedportal.imports import ImportFileError
from fedportal.tmp_storages import GONE, CacheStorage
from tests.families.test_award_import import HEADER, row
from tests.spreadsheets import confirm, dry_run, xlsx

pytestmark = pytest.mark.django_db

AWARDS = "families.familyaward"
REDIS = ("127.0.0.1", 6379)


@pytest.fixture
def shared_storage(settings):
    settings.IMPORT_EXPORT_TMP_STORAGE_CLASS = "fedportal.tmp_storages.CacheStorage"


def waiting_file(response):
    return response.context["confirm_form"].initial["import_file_name"]


def preview_and_confirm(client):
    upload = xlsx(HEADER, [row("刘春兰家庭"), row("彭志强家庭", kind="书香家庭")])
    response = dry_run(client, AWARDS, upload)
    assert response.status_code == 200
    assert response.context["result"].totals["new"] == 2
    name = waiting_file(response)
    # In the cache, not in this node's /tmp.
    assert cache.get(CacheStorage.CACHE_PREFIX + name) == upload.getvalue()
    assert not os.path.exists(os.path.join(tempfile.gettempdir(), name))
    assert not FamilyAward.objects.exists()

    assert confirm(client, AWARDS, response).status_code == 302
    assert sorted(FamilyAward.objects.values_list("household_name", flat=True)) == [
        "刘春兰家庭",
        "彭志强家庭",
    ]
    assert cache.get(CacheStorage.CACHE_PREFIX + name) is None


def test_preview_then_confirm_through_the_cache(shared_storage, demo, login):
    preview_and_confirm(login("township"))


def test_an_oversized_file_is_refused_without_entering_the_cache(settings, shared_storage):
    settings.IMPORT_MAX_BYTES = 100
    storage = CacheStorage(read_mode="rb")
    storage.save(b"x" * 101)
    assert cache.get(CacheStorage.CACHE_PREFIX + storage.name) is None
    assert storage.read() == b"x" * 101  # the preview still reads it, to refuse it

    small = CacheStorage(read_mode="rb")
    small.save(b"x" * 100)
    assert CacheStorage(name=small.name, read_mode="rb").read() == b"x" * 100


def test_a_file_gone_from_the_cache_says_so(shared_storage):
    storage = CacheStorage(read_mode="rb")
    storage.save(b"x")
    storage.remove()
    with pytest.raises(ImportFileError, match=GONE):
        CacheStorage(name=storage.name, read_mode="rb").read()


def test_an_oversized_upload_gets_the_size_message(settings, shared_storage, demo, login):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    upload = xlsx(HEADER, [row("刘春兰家庭", day="2021/5/14") for _ in range(3)])
    upload = type(upload)(upload.getvalue() + os.urandom(1024 * 1024))  # past the limit
    upload.name = "big.xlsx"
    response = dry_run(login("township"), AWARDS, upload)
    assert "文件超过 1 MB 的上限" in response.content.decode()
    assert "confirm_form" not in response.context


def redis_running() -> bool:
    try:
        socket.create_connection(REDIS, timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_running(), reason="no Redis on 127.0.0.1:6379")
def test_preview_then_confirm_through_redis(settings, shared_storage, demo, login):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://{REDIS[0]}:{REDIS[1]}/15",
            # Keys of this test alone: other runs may share the server.
            "KEY_PREFIX": f"fedportal-test-{uuid.uuid4().hex}",
        }
    }
    settings.SESSION_ENGINE = "fedportal.cached_sessions"
    client = login("township")
    preview_and_confirm(client)
    client.post("/accounts/logout/")  # and the session leaves Redis
