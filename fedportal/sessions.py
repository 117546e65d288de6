"""Database sessions that end after SESSION_COOKIE_AGE without a request (SESSION_ENGINE).

A session row's expiry is set when the row is saved. Django's SESSION_SAVE_EVERY_REQUEST
would keep it sliding by writing the row on every request; this store writes it only when
the expiry is more than REFRESH_AFTER old, so most page views cost no write and an idle
session still ends within SESSION_COOKIE_AGE of its last request.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends import db
from django.utils import timezone

REFRESH_AFTER = timedelta(minutes=1)


class SessionStore(db.SessionStore):
    def load(self):
        session = self._get_session_from_db()
        if session is None:
            return {}
        age = timedelta(seconds=settings.SESSION_COOKIE_AGE)
        if session.expire_date - timezone.now() < age - REFRESH_AFTER:
            # SessionMiddleware saves a modified session, with a fresh expiry.
            self.modified = True
        return self.decode(session.session_data)
