import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from fedportal.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def sysadmin(user):
    """A system administrator scoped to 腊市镇, not a superuser."""
    from fedportal.models import OrgUnit

    person = User.objects.create_user("lashi-admin", password="x", is_staff=True)
    person.groups.set([Group.objects.get(name="系统管理员")])
    person.org_units.set([OrgUnit.objects.get(name="腊市镇")])
    return person


def test_lists_only_users_wholly_inside_the_scope(sysadmin, client):
    client.force_login(sysadmin)
    page = client.get(reverse("admin:fedportal_user_changelist")).content.decode()
    assert "township" in page and "腊市镇妇联专干" in page
    assert "township2" not in page and "区妇联领导" not in page


def test_cannot_open_a_user_outside_the_scope_or_a_superuser(sysadmin, client, user):
    client.force_login(sysadmin)
    for username in ("township2", "admin", "staff"):
        url = reverse("admin:fedportal_user_change", args=[user(username).pk])
        assert client.get(url).status_code == 404, username


def test_cannot_grant_superuser_or_loose_permissions(sysadmin, client, user, unit):
    client.force_login(sysadmin)
    township = user("township")
    response = client.get(reverse("admin:fedportal_user_change", args=[township.pk]))
    form = response.context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "user_permissions" not in form.fields
    assert set(form.fields["org_units"].queryset.values_list("name", flat=True)) == {
        "腊市镇",
        "明塘村",
        "明塘村第一妇女小组",
    }


def test_creates_a_user_inside_the_scope(sysadmin, client, unit):
    client.force_login(sysadmin)
    response = client.post(
        reverse("admin:fedportal_user_add"),
        {
            "username": "mingtang",
            "full_name": "明塘村妇联主席",
            "password1": "Mingtang-2021-pw",
            "password2": "Mingtang-2021-pw",
            "usable_password": "true",
            "groups": [Group.objects.get(name="乡镇妇联专干").pk],
            "org_units": [unit("明塘村").pk],
            "is_staff": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(username="mingtang")
    assert list(created.org_units.all()) == [unit("明塘村")]


def test_a_new_user_must_get_a_unit(sysadmin, client):
    client.force_login(sysadmin)
    client.post(
        reverse("admin:fedportal_user_add"),
        {
            "username": "nounit",
            "password1": "Mingtang-2021-pw",
            "password2": "Mingtang-2021-pw",
            "usable_password": "true",
        },
    )
    assert not User.objects.filter(username="nounit").exists()


def test_cannot_place_a_user_outside_the_scope(sysadmin, client, unit):
    client.force_login(sysadmin)
    client.post(
        reverse("admin:fedportal_user_add"),
        {
            "username": "outsider",
            "password1": "Mingtang-2021-pw",
            "password2": "Mingtang-2021-pw",
            "usable_password": "true",
            "org_units": [unit("湘东镇").pk],
        },
    )
    assert not User.objects.filter(username="outsider").exists()
