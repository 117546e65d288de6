"""Sessions read from the shared cache and kept in the database (SESSION_ENGINE when
CACHE_URL names a shared cache; fedportal.sessions otherwise).

Django's cached_db store with fedportal.sessions' sliding expiry. The cache holds each
session's data together with the expiry of its database row, so a request can tell whether
the expiry needs moving (more than REFRESH_AFTER old) without reading the row; most
requests then read the session from the cache alone and write nothing. A session missing
from the cache (evicted, or the cache restarted) is read from its row as before.

End a session through the store (`flush`, `delete`), as Django's logout does: a row deleted
by hand stays usable from the cache until the session would have expired.
"""

import logging
from datetime import timedelta

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.sessions.backends import cached_db, db
from django.utils import timezone

from fedportal.sessions import REFRESH_AFTER

logger = logging.getLogger("django.contrib.sessions")


class SessionStore(cached_db.SessionStore):
    # Entries are (data, expiry), not Django's plain data: a prefix of their own.
    cache_key_prefix = "fedportal.cached_sessions"

    def load(self):
        try:
            cached = self._cache.get(self.cache_key)
        except Exception:
            # As Django's store: a cache that cannot answer means reading the row.
            cached = None
        if cached is None:
            session = self._get_session_from_db()
            if session is None:
                return {}
            cached = (self.decode(session.session_data), session.expire_date)
            self._cache.set(self.cache_key, cached, self.get_expiry_age(expiry=session.expire_date))
        data, expire_date = cached
        age = timedelta(seconds=settings.SESSION_COOKIE_AGE)
        if expire_date - timezone.now() < age - REFRESH_AFTER:
            # SessionMiddleware saves a modified session, with a fresh expiry.
            self.modified = True
        return data

    def save(self, must_create=False):
        db.SessionStore.save(self, must_create)
        try:
            self._cache.set(
                self.cache_key, (self._session, self.get_expiry_date()), self.get_expiry_age()
            )
        except Exception:
            logger.exception("Error saving to cache (%s)", self._cache)

    # Django's async versions would cache the data without its expiry.
    async def aload(self):
        return await sync_to_async(self.load)()

    async def asave(self, must_create=False):
        await sync_to_async(self.save)(must_create)
