"""The whole demo, loaded once per module, and the records the security tests look at.

`security_demo` loads everything `make demo` loads inside a transaction that is rolled back
after the module (each test runs in a savepoint within it), and adds what the demo lacks
for the access checks: a report of 腊市镇 and of 湘东镇 (finalised once, then reopened as a
draft, so both a version and editable parts exist), and for each scoped model without a
record in 腊市镇 one copied there, so every model has a record inside the township's scope.
"""

from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from fedportal import roles
from fedportal.demo import DEMO_PASSWORD, load_demo
from fedportal.models import OrgUnit, User
from fedportal.scoping import record_unit, unit_lookup
from reports import services
from reports.models import PlanItem, Report
from rights.models import Complainant
from welfare.models import Grant

LASHI = "360313103000"  # 腊市镇, the scope of `township`
XIANGDONG = "360313100000"  # 湘东镇, the scope of `township2`
DISTRICT = "360313000000"  # 湘东区
YEAR = 2021

# The demo logins, a 系统管理员 scoped to 腊市镇 (the demo's is a superuser), and None for a
# visitor who has not signed in.
USERNAMES = (
    None,
    "township",
    "township2",
    "staff",
    "rights",
    "leader",
    "writer",
    "admin",
    "sysadmin",
)
SIGN_IN_MODELS = ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog")


def portal_models():
    """The models in the admin, less the scoping mechanism's own test app (tests.scopetest),
    which only the test settings install."""
    return sorted(
        (m for m in admin.site._registry if not m.__module__.startswith("tests.")),
        key=lambda m: m._meta.label,
    )


# Requests made by the access matrix, for the count printed at the end of the run.
requests_made = {"count": 0}


def pytest_terminal_summary(terminalreporter):
    if requests_made["count"]:
        terminalreporter.write_line(f"access matrix: {requests_made['count']} requests")


@dataclass
class Sample:
    """A record of a model inside 腊市镇 and one outside it (湘东镇, else the district).

    Reference lists and other unscoped models have one record and no outside one."""

    inside: object
    outside: object | None


def unit_of(obj):
    """The org unit that decides who may see `obj`, or None for an unscoped model."""
    if obj is None:
        return None
    if isinstance(obj, OrgUnit):
        return obj
    if isinstance(obj, User):
        return obj.top_units[0] if obj.top_units else None
    if not hasattr(type(obj)._default_manager.all(), "in_subtree"):
        return None
    return record_unit(obj)


def _copy_into(model, unit):
    """A copy of some record of `model`, moved into `unit` (for models the demo leaves
    empty there), its name marked so that it is told apart from the original. Only models
    that carry their unit themselves can be copied this way."""
    if unit_lookup(model) != "org_unit":
        raise AssertionError(
            f"{model._meta.label}: no demo record in {unit.name} and it cannot be copied there"
        )
    record = model._default_manager.order_by("pk").first()
    if record is None:
        raise AssertionError(f"{model._meta.label}: the demo has no record to copy")
    record.pk = None
    record.id = None
    record._state.adding = True
    record.org_unit = unit
    suffix = f"（{unit.name}副本）"
    for field in model._meta.concrete_fields:
        plain_text = isinstance(field, models.CharField) and not field.choices
        checked = any(
            not isinstance(v, MaxLengthValidator | ProhibitNullCharactersValidator)
            for v in field.validators
        )
        if plain_text and not checked and not field.unique:
            value = getattr(record, field.attname) or ""
            if len(value) + len(suffix) <= field.max_length:
                setattr(record, field.attname, value + suffix)
                break
    record.save()
    return record


def _blank_row(model, **given):
    """One row of an unscoped model the demo leaves empty (a log kept by a library), with
    the simplest value for each required field, so its admin pages can be filled."""
    values = dict(given)
    for field in model._meta.concrete_fields:
        if field.primary_key or field.has_default() or field.null or field.name in values:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if field.is_relation:
            values[field.name] = field.related_model._default_manager.order_by("pk").first()
        elif isinstance(field, models.GenericIPAddressField):
            values[field.name] = "127.0.0.1"
        elif isinstance(field, models.CharField | models.TextField):
            values[field.name] = "security-matrix"
        elif isinstance(field, models.DateTimeField):
            values[field.name] = timezone.now()
        elif isinstance(field, models.BooleanField):
            values[field.name] = False
        elif isinstance(field, models.IntegerField):
            values[field.name] = 0
        else:
            raise AssertionError(f"{model._meta.label}: no simple value for {field.name}")
    return model._default_manager.create(**values)


def _with_history(record):
    """Make sure the record has a history row, for the history-version pages."""
    history = getattr(type(record), "history", None)
    if history is not None and not record.history.exists():
        record.save()
    return record


def _sign_in_sample(model):
    """A record of township's (inside sysadmin's scope) and one of another user's."""
    records = model._default_manager.order_by("pk")
    if model is TOTPDevice:
        return Sample(records.get(user__username="township"), records.get(user__username="staff"))
    inside = records.filter(username="township").first() or _blank_row(model, username="township")
    outside = records.exclude(username="township").first() or _blank_row(model, username="leader")
    return Sample(inside, outside)


def _sample(model, lashi, xiangdong, district):
    if model is TOTPDevice or model._meta.label in SIGN_IN_MODELS:
        return _sign_in_sample(model)
    if model is OrgUnit:
        return Sample(lashi, xiangdong)
    if model is User:
        return Sample(User.objects.get(username="township"), User.objects.get(username="township2"))
    records = model._default_manager.all()
    if not hasattr(records, "in_subtree"):
        return Sample(records.order_by("pk").first() or _blank_row(model), None)
    field = unit_lookup(model)
    inside = records.in_subtree(lashi).order_by("pk").first() or _copy_into(model, lashi)
    outside = records.in_subtree(xiangdong).order_by("pk").first()
    if outside is None and field == "org_unit":
        outside = _copy_into(model, xiangdong)
    if outside is None:
        outside = records.filter(**{field: district}).order_by("pk").first()
    if outside is None:
        raise AssertionError(f"{model._meta.label}: no demo record outside 腊市镇")
    return Sample(_with_history(inside), _with_history(outside))


def _township_report(unit, user):
    """A draft report of `unit` with a plan item, and one frozen version behind it."""
    report = services.report_create(unit=unit, year=YEAR, user=user)
    PlanItem.objects.create(
        report=report, order=1, heading=f"{unit.name}明年打算", body="开展家庭教育宣讲。"
    )
    services.report_finalise(report=report, user=user)
    return services.report_reopen(report=report)


def _scoped_system_admin(unit):
    """sysadmin: a 系统管理员 of `unit`, who manages the users wholly inside it."""
    person = User.objects.create_user("sysadmin", password=DEMO_PASSWORD, is_staff=True)
    person.groups.add(Group.objects.get(name=roles.SYSTEM_ADMIN))
    person.org_units.add(unit)
    return person


def _use_the_portal_once():
    """Sign in (rightly, then wrongly), pair authenticators, open a complainant and search a
    grant by ID number, as people do, so that whatever the portal logs about sign-ins and
    personal data has rows for its admin pages: of township (腊市镇, whom sysadmin manages)
    and of others."""
    client = Client()
    # The failure after the success: a successful sign-in clears the failures of its own.
    for username in ("township", "staff"):
        client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
        client.post(reverse("logout"))
    for username in ("township", "leader"):
        client.post(reverse("login"), {"username": username, "password": "not-the-password"})
    for username in ("township", "staff"):
        TOTPDevice.objects.create(user=User.objects.get(username=username), name="身份验证器")
    client.post(reverse("login"), {"username": "staff", "password": DEMO_PASSWORD})
    grant = Grant.objects.exclude(id_number="").order_by("pk").first()
    client.post(reverse("admin:welfare_grant_find_by_id_number"), {"id_number": grant.id_number})
    client.force_login(User.objects.get(username="rights"))
    complainant = Complainant.objects.order_by("pk").first()
    client.get(reverse("admin:rights_complainant_change", args=[complainant.pk]))


@pytest.fixture(scope="module")
def security_demo(django_db_setup, django_db_blocker):
    """{model: Sample} for every model in the admin, with the whole demo loaded."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        units = {u.code: u for u in OrgUnit.objects.filter(code__in=[LASHI, XIANGDONG, DISTRICT])}
        lashi, xiangdong, district = units[LASHI], units[XIANGDONG], units[DISTRICT]
        _township_report(lashi, User.objects.get(username="township"))
        _township_report(xiangdong, User.objects.get(username="township2"))
        _scoped_system_admin(lashi)
        assert Report.objects.get(org_unit=district, year=YEAR).is_final
        _use_the_portal_once()
        samples = {model: _sample(model, lashi, xiangdong, district) for model in portal_models()}
        yield samples
        transaction.set_rollback(True)


@pytest.fixture
def samples(security_demo, db):
    return security_demo
