"""The sign-in log, lock-outs and authenticators in the admin are scoped like the users they
belong to: a 系统管理员 scoped to one township sees, unlocks and deletes only those of the
users it manages (`User.objects.managed_by`); anyone else's, the superuser's included, are
404. The superuser sees all."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from fedportal import roles
from fedportal.models import OrgUnit, User

pytestmark = pytest.mark.django_db

MODELS = {
    "accessattempt": AccessAttempt,
    "accesslog": AccessLog,
    "accessfailurelog": AccessFailureLog,
}


@pytest.fixture
def township_admin(demo):
    """A 系统管理员 of 湘东镇, who manages township2 (湘东镇) and nobody else of the demo."""
    person = User.objects.create_user("xd_admin", password="x", is_staff=True)
    person.groups.add(Group.objects.get(name=roles.SYSTEM_ADMIN))
    person.org_units.add(OrgUnit.objects.get(name="湘东镇"))
    return person


@pytest.fixture
def records(demo):
    """A sign-in attempt, log line, failure log line and authenticator of township2
    (managed), township (another township) and admin (the superuser)."""
    made = {}
    for username in ("township2", "township", "admin"):
        owner = User.objects.get(username=username)
        common = {"username": username, "ip_address": "10.0.0.9", "user_agent": "浏览器"}
        made[username] = {
            "accessattempt": AccessAttempt.objects.create(
                **common, failures_since_start=5, get_data="", post_data="", http_accept=""
            ),
            "accesslog": AccessLog.objects.create(**common, http_accept=""),
            "accessfailurelog": AccessFailureLog.objects.create(
                **common, http_accept="", locked_out=True, attempt_time=timezone.now()
            ),
            "totpdevice": TOTPDevice.objects.create(user=owner, name="身份验证器"),
        }
    return made


def admin_url(kind, model_name, *args):
    app = "otp_totp" if model_name == "totpdevice" else "axes"
    return reverse(f"admin:{app}_{model_name}_{kind}", args=args)


@pytest.mark.parametrize("model_name", [*MODELS, "totpdevice"])
def test_a_township_admin_lists_only_the_users_it_manages(
    client, township_admin, records, model_name
):
    client.force_login(township_admin)
    response = client.get(admin_url("changelist", model_name))
    if model_name == "accessfailurelog":
        # The role is not given the failure log at all.
        assert response.status_code == 403
        return
    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert records["township2"][model_name] in listed
    # Signing in writes a log line of the administrator's own, whom it manages too.
    owners = {getattr(r, "username", None) or r.user.username for r in listed}
    assert owners <= {"township2", "xd_admin"}


@pytest.mark.parametrize("model_name", ["accessattempt", "accesslog", "totpdevice"])
@pytest.mark.parametrize("owner", ["township", "admin"])
def test_other_users_records_are_404_and_stay(client, township_admin, records, model_name, owner):
    client.force_login(township_admin)
    record = records[owner][model_name]
    assert client.get(admin_url("change", model_name, record.pk)).status_code == 404
    assert client.get(admin_url("delete", model_name, record.pk)).status_code == 404
    response = client.post(admin_url("delete", model_name, record.pk), {"post": "yes"})
    assert response.status_code == 404
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("model_name", ["accessattempt", "totpdevice"])
def test_a_township_admin_unlocks_and_resets_its_own_users(
    client, township_admin, records, model_name
):
    client.force_login(township_admin)
    record = records["township2"][model_name]
    response = client.post(admin_url("delete", model_name, record.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()


def test_a_bulk_delete_takes_only_managed_users_records(client, township_admin, records):
    client.force_login(township_admin)
    every = [records[name]["totpdevice"].pk for name in records]
    response = client.post(
        admin_url("changelist", "totpdevice"),
        {"action": "delete_selected", "_selected_action": every, "post": "yes"},
    )
    assert response.status_code == 302
    left = set(TOTPDevice.objects.values_list("user__username", flat=True))
    assert left == {"township", "admin"}


def test_the_whole_log_clean_up_is_the_superusers(client, township_admin, records):
    client.force_login(township_admin)
    response = client.get(admin_url("changelist", "accessattempt"))
    assert (
        "cleanup_expired_attempts"
        not in response.context["action_form"].fields["action"].choices.__repr__()
    )


@pytest.mark.parametrize("model_name", [*MODELS, "totpdevice"])
def test_the_superuser_sees_everyones(client, records, model_name):
    client.force_login(User.objects.get(username="admin"))
    response = client.get(admin_url("changelist", model_name))
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) >= {
        records[name][model_name] for name in records
    }
