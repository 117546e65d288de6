"""The read replica (DATABASES["replica"], from DATABASE_REPLICA_URL) for the pages that
only read and may lag the primary by a second or two: the officials' dashboard.

Everything reads from the primary unless it runs inside `replica_reads()`, or in a view
decorated with `reads_from_replica`. The rest of the portal, the admin above all, must read
what it has just written, which a replica cannot promise. Writes always go to the primary.

    @login_required        # outside: the session and the user are read from the primary
    @reads_from_replica
    def dashboard(request): ...
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

REPLICA = "replica"

# A context variable, not a global: each thread of a gthread worker serves its own request.
_reading_replica = ContextVar("reading_replica", default=False)


@contextmanager
def replica_reads():
    """Send the ORM's reads to the replica, when one is configured, until the block ends."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def reads_from_replica(view):
    """A view whose reads go to the replica; put it inside `login_required`."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        with replica_reads():
            return view(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    """DATABASE_ROUTERS entry, installed with the replica (settings.py)."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reading_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read from one may refer to the other.
        return True

    def allow_migrate(self, db, app_label, **hints):
        # The replica receives the primary's schema by replication, never by migrate.
        return db != REPLICA
