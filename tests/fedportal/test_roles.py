import pytest
from django.contrib.auth.models import Group, Permission

from fedportal import roles
from fedportal.roles import sync_role_permissions

pytestmark = pytest.mark.django_db


def codenames(role):
    return set(
        Group.objects.get(name=role).permissions.values_list("content_type__app_label", "codename")
    )


def test_the_five_roles_exist_as_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "系统管理员",
        "区妇联业务员",
        "乡镇妇联专干",
        "维权专干",
        "领导",
    }


def test_system_administrator_manages_users_and_units_only():
    perms = codenames(roles.SYSTEM_ADMIN)
    assert ("fedportal", "change_user") in perms
    assert ("fedportal", "add_orgunit") in perms
    assert ("auth", "view_group") in perms
    assert ("auth", "change_group") not in perms
    assert {app for app, _ in perms} <= {"fedportal", "auth", "axes", "otp_totp"}


def test_record_roles_cover_exactly_their_work_areas():
    for role, apps in [
        (
            roles.DISTRICT_STAFF,
            {"families", "honors", "welfare", "employment", "reports", "fedportal", "returns"},
        ),
        (
            roles.TOWNSHIP_STAFF,
            {"families", "honors", "welfare", "employment", "reports", "fedportal", "returns"},
        ),
        (roles.RIGHTS_WORKER, {"rights", "reports", "fedportal"}),
        (roles.REPORT_WRITER, {"reports", "fedportal"}),
        (roles.LEADER, {"reports"}),
    ]:
        assert {app for app, _ in codenames(role)} <= apps
        assert not any(app == "rights" for app, _ in codenames(role)) or role == roles.RIGHTS_WORKER


def test_every_role_but_the_officials_reads_the_units_of_its_scope(demo, user):
    for username in ("staff", "township", "rights", "writer"):
        assert user(username).has_perm("fedportal.view_orgunit"), username
        assert not user(username).has_perm("fedportal.change_orgunit"), username
    assert not user("leader").has_perm("fedportal.view_orgunit")


def test_roles_on_a_work_area_model_and_its_reference_list(scopetest_roles):
    """Work-area grants split records from reference lists and personal data."""
    from fedportal.roles import ROLES, _permission_filter

    perms = {}
    for role in ROLES:
        patched = roles.Role(
            role.name,
            {("scopetest" if k == "families" else k): v for k, v in role.models.items()},
            reference=role.reference,
            personal=role.personal,
        )
        perms[role.name] = set(
            Permission.objects.filter(_permission_filter(patched))
            .filter(content_type__app_label="scopetest")
            .values_list("codename", flat=True)
        )
    note = {f"{a}_note" for a in ("add", "change", "delete", "view", "import", "export")}
    comment = {f"{a}_comment" for a in ("add", "change", "delete", "view")}
    assert perms[roles.DISTRICT_STAFF] == (
        note | comment | {"add_notekind", "change_notekind", "delete_notekind", "view_notekind"}
    ) | {"view_personal_note"}
    assert perms[roles.TOWNSHIP_STAFF] == (
        {"add_note", "change_note", "view_note", "import_note", "export_note"}
        | {"add_comment", "change_comment", "view_comment"}
        | {"view_notekind"}
    )
    assert perms[roles.RIGHTS_WORKER] == set()
    assert perms[roles.LEADER] == set()


def test_township_staff_enter_but_do_not_delete(demo, user):
    township = user("township")
    for app, codename in codenames(roles.TOWNSHIP_STAFF):
        assert not codename.startswith("delete_"), (app, codename)
    assert not township.has_perm("fedportal.view_user")


def test_sync_sets_the_declared_permissions_again(demo):
    group = Group.objects.get(name=roles.SYSTEM_ADMIN)
    declared = set(group.permissions.all())
    group.permissions.clear()
    sync_role_permissions()
    assert set(group.permissions.all()) == declared
    sync_role_permissions()
    assert set(group.permissions.all()) == declared


def test_app_wide_grants_cover_default_permissions_only(demo):
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from fedportal.models import OrgUnit

    custom = Permission.objects.create(
        codename="view_secret_orgunit",
        name="查看机密",
        content_type=ContentType.objects.get_for_model(OrgUnit),
    )
    role = roles.Role("测试", {"fedportal": roles.READ})
    matched = set(
        Permission.objects.filter(roles._permission_filter(role)).values_list("codename", flat=True)
    )
    assert "view_orgunit" in matched
    assert custom.codename not in matched


@pytest.mark.parametrize(
    ("username", "perm", "granted"),
    [
        ("township", "families.add_familyaward", True),
        ("township", "families.import_familyaward", True),
        ("township", "families.delete_familyaward", False),
        ("township", "families.view_awardkind", True),
        ("township", "families.add_awardkind", False),
        ("township", "welfare.view_personal_grant", False),
        ("township", "rights.view_rightscase", False),
        ("staff", "families.delete_familyaward", True),
        ("staff", "families.add_awardkind", True),
        ("staff", "welfare.view_personal_grant", True),
        ("staff", "rights.view_rightscase", False),
        ("staff", "rights.view_complainant", False),
        ("rights", "rights.view_personal_complainant", True),
        ("rights", "rights.export_rightscase", True),
        ("rights", "welfare.view_grant", False),
        ("leader", "families.view_familyaward", False),
        ("leader", "rights.view_rightscase", False),
    ],
)
def test_roles_on_the_work_area_models(demo, user, username, perm, granted):
    assert user(username).has_perm(perm) is granted
