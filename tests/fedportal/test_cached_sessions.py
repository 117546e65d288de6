"""Sessions in the shared cache, kept in the database (fedportal.cached_sessions): read from
the cache without a query, from the row when the cache lost them, the same sliding expiry
as fedportal.sessions, and signing out ends them everywhere."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone

from fedportal.cached_sessions import SessionStore
from fedportal.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def saved(**data) -> SessionStore:
    store = SessionStore()
    store.update(data)
    store.save()
    return store


def test_a_session_is_read_from_the_cache_without_a_query(django_assert_num_queries):
    key = saved(unit="湘东区").session_key
    with django_assert_num_queries(0):
        store = SessionStore(key)
        assert store.load() == {"unit": "湘东区"}
    assert store.modified is False


def test_a_session_the_cache_lost_is_read_from_its_row(django_assert_num_queries):
    key = saved(unit="湘东区").session_key
    cache.clear()
    with django_assert_num_queries(1):
        assert SessionStore(key).load() == {"unit": "湘东区"}
    with django_assert_num_queries(0):
        assert SessionStore(key).load() == {"unit": "湘东区"}


def test_an_expiry_older_than_a_minute_is_moved_forward():
    store = saved(unit="湘东区")
    # Five minutes since the session was last saved.
    expire = timezone.now() + timedelta(minutes=25)
    Session.objects.update(expire_date=expire)
    cache.set(store.cache_key, ({"unit": "湘东区"}, expire), 25 * 60)
    again = SessionStore(store.session_key)
    assert again.load() == {"unit": "湘东区"}
    assert again.modified is True
    again.save()
    fresh = timezone.now() + timedelta(minutes=30)
    assert abs(Session.objects.get().expire_date - fresh) < timedelta(seconds=5)
    assert SessionStore(store.session_key).load() == {"unit": "湘东区"}
    assert abs(cache.get(store.cache_key)[1] - fresh) < timedelta(seconds=5)


def test_a_request_within_a_minute_writes_nothing():
    store = saved(unit="湘东区")
    again = SessionStore(store.session_key)
    again.load()
    assert again.modified is False


def test_signing_in_browsing_and_signing_out(settings, demo, client):
    settings.SESSION_ENGINE = "fedportal.cached_sessions"
    response = client.post("/accounts/login/", {"username": "staff", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=key).exists()
    assert cache.get(SessionStore.cache_key_prefix + key) is not None
    assert client.get("/").status_code == 200

    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert cache.get(SessionStore.cache_key_prefix + key) is None
    assert client.get("/").status_code == 302


def test_the_session_expires_with_its_row():
    store = saved(unit="湘东区")
    assert 0 < store.get_expiry_age() <= settings.SESSION_COOKIE_AGE
    expire = cache.get(store.cache_key)[1]
    assert abs(expire - Session.objects.get().expire_date) < timedelta(seconds=1)
