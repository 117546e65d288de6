"""What the access matrix needs besides the requests: who may see what, and how to tell
that a page shows something it should not.

The expected outcome of a request is derived from the user's permissions
(`user.has_perm`, `fedportal.scoping.may_view_model`) and scope (`fedportal.scoping.covers`), never
from the page under test; the admin's own `has_<action>_permission` is consulted only to
narrow a permission (a finalised report is read-only, a unit with children cannot be
deleted), and the matrix checks that it never widens one.
"""

import re
from dataclasses import dataclass, field

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth import get_permission_codename
from django.db import models, transaction
from django.test import Client, RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from employment.models import Trainee
from fedportal.models import AuditEvent, User
from fedportal.scoping import covers, may_view_model
from rights.models import Complainant
from tests.security.conftest import requests_made, unit_of
from welfare.models import Grant

ADMIN_LOGIN = "/admin/login/"
LOGIN = "/accounts/login/"

# Values that look like a resident ID number or a mobile number, to be checked against
# the demo's real ones (a unit code such as 360313103201001 contains a phone-like run).
PERSONAL_RE = re.compile(r"[0-9]{17}[0-9Xx]|1[3-9][0-9]{9}")
LINK_RE = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']([^"']*)["']""")


def permission(user, model, action) -> bool:
    """Whether the user's roles grant `action` (view, add, import …) on `model`."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")


def in_scope(user, obj) -> bool:
    """Whether `obj` lies in the user's scope; records of unscoped models always do.

    A person is in the scope when all their units are (and they are no superuser); an
    access-log entry when the person who caused it is; a sign-in record or an
    authenticator when the person it belongs to is (a username nobody has: the
    superuser's alone)."""
    if obj is None or user.is_superuser:
        return True
    if isinstance(obj, AuditEvent):
        return obj.user is not None and in_scope(user, obj.user)
    if isinstance(obj, TOTPDevice):
        return in_scope(user, obj.user)
    if isinstance(obj, AccessAttempt | AccessLog | AccessFailureLog):
        owner = User.objects.filter(username=obj.username).first()
        return owner is not None and in_scope(user, owner)
    if isinstance(obj, User):
        units = list(obj.org_units.all())
        return not obj.is_superuser and bool(units) and all(covers(user, u) for u in units)
    unit = unit_of(obj)
    return unit is None or covers(user, unit)


def may_see(user, obj) -> bool:
    return may_view_model(user, type(obj)) and in_scope(user, obj)


def admin_allows(model_admin, user, action, obj=None, problems=None) -> bool:
    """The role's permission for `action`, narrowed by the admin's own rule. An admin that
    allows what the role does not is recorded in `problems`."""
    request = RequestFactory().get("/")
    request.user = user
    check = getattr(model_admin, f"has_{action}_permission")
    allowed = check(request) if action in ("add", "import", "export") else check(request, obj)
    granted = permission(user, model_admin.model, action) and may_view_model(
        user, model_admin.model
    )
    if allowed and not granted and problems is not None:
        problems.append(
            f"{type(model_admin).__name__}.has_{action}_permission allows {user} "
            "what the role does not grant"
        )
    return allowed and granted


@dataclass
class Personal:
    """The demo's real ID numbers and phone numbers, to look for where they must not be."""

    values: frozenset

    @classmethod
    def collect(cls):
        found = set()
        for model in (Grant, Complainant, Trainee):
            for row in model.objects.values_list("id_number", "phone"):
                found.update(v for v in row if v)
        return cls(frozenset(found))

    def found_in(self, text: str) -> set:
        return {
            m for m in PERSONAL_RE.findall(text) if m.upper() in self.values or m in self.values
        }


PORTAL_APPS = ("fedportal", "families", "honors", "rights", "welfare", "employment", "reports")


def _text_values(obj):
    return [
        value
        for model_field in type(obj)._meta.concrete_fields
        if isinstance(model_field, models.CharField | models.TextField)
        and isinstance(value := getattr(obj, model_field.attname), str)
    ]


def everything_written():
    """Every text value of every row of the portal's tables, one per line."""
    lines = []
    for app_label in PORTAL_APPS:
        for model in apps.get_app_config(app_label).get_models():
            names = [
                f.attname
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField)
            ]
            if names:
                for row in model._default_manager.values_list(*names):
                    lines += [v for v in row if isinstance(v, str)]
    return "\n".join(lines)


def markers(obj, written) -> set[str]:
    """Strings that would show `obj` on a page: its own text values that appear nowhere else
    in the database (`written`), and its name when that is unique too. Choices and
    passwords are left out."""
    model = type(obj)
    own = _text_values(obj)
    candidates = set()
    for model_field in model._meta.concrete_fields:
        if not isinstance(model_field, models.CharField | models.TextField):
            continue
        if model_field.choices or model_field.name == "password":
            continue
        value = getattr(obj, model_field.attname)
        if isinstance(value, str) and len(value.strip()) >= 3:
            candidates.add(value)
    found = {
        marker
        for marker in candidates
        if written.count(marker) == sum(v.count(marker) for v in own)
    }
    manager = model._default_manager
    name = str(obj)
    # Names of other records are computed one by one, so only for small tables.
    if (
        len(name) >= 6
        and written.count(name) == sum(v.count(name) for v in own)
        and manager.count() <= 300
        and sum(str(other) == name for other in manager.all()) == 1
    ):
        found.add(name)
    return found


@dataclass
class Matrix:
    """Clients for every demo login, the requests made and what went wrong."""

    users: dict
    personal: Personal
    hidden: dict  # username -> {marker: what it belongs to}
    clients: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    known: list = field(default_factory=list)
    count: int = 0

    def client(self, username):
        if username not in self.clients:
            client = Client()
            if username is not None:
                client.force_login(self.users[username])
            self.clients[username] = client
        return self.clients[username]

    def request(self, username, method, url, data=None, *, expect, what, known=None, omit=()):
        """Make one request as `username` (in a savepoint rolled back at once, so POSTs
        leave nothing behind) and check it against `expect`: the status codes allowed and,
        for a redirect, the start of where it must lead.

        `known` names a hole already reported: a mismatch then counts as known, and a
        match as fixed (the entry must go). `omit` are strings the request itself sent,
        which the page may echo back."""
        client = self.client(username)
        try:
            with transaction.atomic():
                response = getattr(client, method)(url, data or {})
                transaction.set_rollback(True)
        except Exception as exc:  # a crash is a finding like any other
            self._record(username, method, url, what, f"raised {type(exc).__name__}: {exc}")
            return None
        finally:
            self.count += 1
            requests_made["count"] += 1
        failures = self._check(username, response, expect, omit)
        label = f"{username or 'anonymous'} {method.upper()} {url} ({what})"
        if known:
            if failures:
                self.known.append(f"{label}: {'; '.join(failures)} — known: {known}")
            else:
                self.problems.append(f"{label}: passes now; remove it from KNOWN_HOLES ({known})")
        elif failures:
            self.problems.append(f"{label}: {'; '.join(failures)}")
        return response

    def _record(self, username, method, url, what, message):
        self.problems.append(
            f"{username or 'anonymous'} {method.upper()} {url} ({what}): {message}"
        )

    def _check(self, username, response, expect, omit):
        failures = []
        codes, target = expect
        if response.status_code not in codes:
            failures.append(f"status {response.status_code}, expected {sorted(codes)}")
        if response.status_code == 302 and target is not None:
            location = response["Location"]
            if not location.startswith(target):
                failures.append(f"redirects to {location}, expected {target}…")
        failures += self._leaks(username, response, omit)
        return failures

    def _leaks(self, username, response, omit):
        failures = []
        location = response.get("Location", "")
        leaked = self.personal.found_in(location)
        if leaked:
            failures.append(f"personal data in the redirect URL: {sorted(leaked)[:3]}")
        content_type = response.get("Content-Type", "")
        if response.streaming or not content_type.startswith(("text/html", "application/json")):
            return failures
        body = response.content.decode("utf-8", "replace")
        links = " ".join(LINK_RE.findall(body))
        leaked = self.personal.found_in(links)
        if leaked:
            failures.append(f"personal data in a link: {sorted(leaked)[:3]}")
        if response.status_code >= 400:
            leaked = self.personal.found_in(body)
            if leaked:
                failures.append(
                    f"personal data on a {response.status_code} page: {sorted(leaked)[:3]}"
                )
        if response.status_code == 200:
            shown = [
                f"{marker!r} of {owner}"
                for marker, owner in self.hidden[username].items()
                if marker in body and marker not in omit
            ]
            if shown:
                failures.append("shows what the user may not see: " + ", ".join(shown[:5]))
        return failures

    def assert_clean(self, summary):
        if self.problems:
            raise AssertionError(
                f"{summary}: {len(self.problems)} of {self.count} requests went wrong:\n"
                + "\n".join(self.problems[:60])
            )
