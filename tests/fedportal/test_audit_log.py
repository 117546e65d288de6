"""The audit log of personal data: what is logged (views of a complainant, exports with
unmasked personal fields, searches by ID number), that it holds no personal data itself,
who may read it, and that nobody can change or delete it."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from fedportal import roles
from fedportal.models import AuditEvent, AuditLogIsAppendOnly, User
from fedportal.personal_data import make_id_number
from rights.models import CaseCategory, Channel, Complainant, RightsCase
from tests.spreadsheets import export
from tests.welfare.helpers import RELIEF
from welfare.models import Grant, Programme

pytestmark = pytest.mark.django_db

NAME = "李秀英"
ID_NUMBER = make_id_number("360313", date(1985, 6, 1), 124)
PHONE = "13979901234"
ADDRESS = "腊市镇明塘村3组"
GRANTEE_ID = make_id_number("360313", date(1970, 3, 8), 246)
VIEW, EXPORT, SEARCH = (
    AuditEvent.Action.VIEW_PERSONAL,
    AuditEvent.Action.EXPORT_PERSONAL,
    AuditEvent.Action.SEARCH_ID_NUMBER,
)


def make_case(unit, unit_name, summary, day=date(2021, 3, 8)):
    case = RightsCase(
        org_unit=unit(unit_name),
        received_on=day,
        channel=Channel.objects.get(name="12338热线"),
        category=CaseCategory.objects.get(name="家庭暴力"),
        summary=summary,
    )
    case.full_clean()
    case.save()
    return case


@pytest.fixture
def case(demo, unit):
    """A 明塘村 case with its complainant."""
    made = make_case(unit, "明塘村", "腊市镇的家暴求助。")
    Complainant.objects.create(
        case=made, name=NAME, id_number=ID_NUMBER, phone=PHONE, address=ADDRESS
    )
    return made


@pytest.fixture
def grants(demo, unit):
    """Two 两癌 grants of 腊市镇 with ID numbers, phones and health details."""
    programme = Programme.objects.get(name=RELIEF)
    made = []
    for name, serial in (("易秀英", 246), ("钟桂兰", 248)):
        grant = Grant(
            org_unit=unit("明塘村"),
            programme=programme,
            year=2021,
            date=date(2021, 9, 28),
            beneficiary_name=name,
            id_number=make_id_number("360313", date(1970, 3, 8), serial),
            phone="13812345678",
            health_details="宫颈癌术后",
            residence="rural",
            amount=10000,
        )
        grant.full_clean()
        grant.save()
        made.append(grant)
    return made


def case_url(case, page="change"):
    return reverse(f"admin:rights_rightscase_{page}", args=[case.pk])


def complainant_url(person, page="change", *more):
    return reverse(f"admin:rights_complainant_{page}", args=[person.pk, *more])


def events(**filters):
    return list(AuditEvent.objects.filter(**filters).order_by("pk"))


# What is logged


def test_a_caseworker_opening_a_case_is_logged_with_who_when_what_and_where(case, login, user):
    response = login("rights").get(case_url(case), HTTP_USER_AGENT="Mozilla/5.0 " + "x" * 300)
    assert response.status_code == 200
    assert ID_NUMBER in response.content.decode()
    (event,) = events()
    assert (event.user, event.username, event.action) == (user("rights"), "rights", VIEW)
    assert (event.model_label, event.object_id) == ("rights.rightscase", str(case.pk))
    assert event.description == f"查看维权案件（编号 {case.pk}）的当事人个人信息"
    assert event.ip_address == "127.0.0.1"
    assert event.user_agent == ("Mozilla/5.0 " + "x" * 300)[:200]
    assert event.created_at is not None


def test_each_showing_of_the_complainant_is_logged(case, login):
    person = case.complainant
    client = login("rights")
    assert client.get(complainant_url(person)).status_code == 200
    assert client.get(complainant_url(person, "history")).status_code == 200
    version = person.history.first().pk
    assert client.get(complainant_url(person, "simple_history", version)).status_code == 200
    assert [(e.model_label, e.object_id, e.description) for e in events()] == [
        ("rights.complainant", str(person.pk), f"查看当事人（编号 {person.pk}）的个人信息"),
        (
            "rights.complainant",
            str(person.pk),
            f"查看当事人（编号 {person.pk}）的修改历史（含个人信息）",
        ),
        (
            "rights.complainant",
            str(person.pk),
            f"查看当事人（编号 {person.pk}）的历史版本（含个人信息）",
        ),
    ]


def test_pages_without_personal_data_are_not_logged(case, login, unit):
    client = login("rights")
    no_complainant = make_case(unit, "湘东镇", "没有登记当事人的案件。")
    assert client.get(case_url(no_complainant)).status_code == 200
    assert client.get(reverse("admin:rights_rightscase_changelist")).status_code == 200
    assert client.get(reverse("admin:rights_complainant_changelist")).status_code == 200
    assert client.get(case_url(case, "history")).status_code == 200
    assert events() == []


def test_pages_refused_are_not_logged(case, login):
    assert login("staff").get(case_url(case)).status_code == 403
    assert login("township").get(complainant_url(case.complainant)).status_code == 403
    assert events() == []


def test_saving_a_case_logs_no_view(case, login):
    from fedportal.versions import VERSION_FIELD, record_version

    client = login("rights")
    person = case.complainant
    response = client.post(
        complainant_url(person),
        {
            "case": case.pk,
            "name": NAME,
            "sex": "female",
            "id_number": ID_NUMBER,
            "phone": PHONE,
            "address": "腊市镇明塘村4组",
            VERSION_FIELD: record_version(person),
        },
    )
    assert response.status_code == 302
    assert events() == []


def test_an_export_with_unmasked_personal_fields_is_logged_with_its_row_count(grants, login):
    response = export(login("staff"), "welfare.grant", "1")
    assert GRANTEE_ID in response.content.decode("utf-8-sig")
    (event,) = events()
    assert (event.username, event.action, event.model_label) == ("staff", EXPORT, "welfare.grant")
    assert (event.object_id, event.count) == ("", 2)
    assert (
        event.description
        == "导出救助发放 2 条，含未打码的个人信息：身份证号码、出生日期、联系电话、健康状况"
    )


def test_a_masked_export_is_logged_too(grants, login):
    """A masked copy of a whole list is still a copy of it: who took it, and how much."""
    response = export(login("township"), "welfare.grant", "1")
    assert response.status_code == 200
    assert GRANTEE_ID not in response.content.decode("utf-8-sig")
    (event,) = events()
    assert (event.username, event.action, event.model_label) == (
        "township",
        EXPORT,
        "welfare.grant",
    )
    assert event.count == 2
    assert event.description == (
        "导出救助发放 2 条，个人信息已打码：身份证号码、出生日期、联系电话、健康状况"
    )


def test_an_export_leaving_out_the_personal_columns_is_not_logged(grants, login):
    columns = ["id", "org_unit", "programme", "year", "beneficiary_name", "amount"]
    response = export(login("staff"), "welfare.grant", "1", fields=columns)
    assert response.status_code == 200
    assert events() == []


def test_an_export_of_complainants_is_logged(case, login):
    response = export(login("rights"), "rights.complainant", "1")
    assert ID_NUMBER in response.content.decode("utf-8-sig")
    (event,) = events()
    assert (event.action, event.model_label, event.count) == (EXPORT, "rights.complainant", 1)
    assert (
        event.description == "导出当事人 1 条，含未打码的个人信息：姓名、身份证号码、联系电话、住址"
    )


def test_an_export_of_cases_holds_no_personal_data_and_is_not_logged(case, login):
    assert export(login("rights"), "rights.rightscase", "1").status_code == 200
    assert events() == []


@pytest.mark.parametrize(
    ("number", "kind", "found"),
    [
        (ID_NUMBER, "完整号码", 1),
        (ID_NUMBER[-6:], "号码后几位", 1),
        ("110101199001011234", "完整号码", 0),
    ],
)
def test_a_search_by_id_number_is_logged_without_the_number(case, login, number, kind, found):
    url = reverse("admin:rights_complainant_find_by_id_number")
    response = login("rights").post(url, {"id_number": number})
    assert len(response.context["matches"]) == found
    (event,) = events()
    assert (event.action, event.model_label, event.count) == (SEARCH, "rights.complainant", found)
    assert event.description == f"按身份证号码（{kind}）查找当事人，找到 {found} 条"


def test_an_invalid_search_form_and_the_empty_form_are_not_logged(case, login):
    url = reverse("admin:rights_complainant_find_by_id_number")
    client = login("rights")
    assert client.get(url).status_code == 200
    assert client.post(url, {"id_number": "12"}).status_code == 200
    assert events() == []


def test_no_event_holds_the_complainants_personal_data(case, grants, login):
    client = login("rights")
    client.get(case_url(case))
    client.get(complainant_url(case.complainant))
    client.get(complainant_url(case.complainant, "history"))
    client.post(reverse("admin:rights_complainant_find_by_id_number"), {"id_number": ID_NUMBER})
    client.post(
        reverse("admin:rights_complainant_find_by_id_number"), {"id_number": ID_NUMBER[-4:]}
    )
    export(client, "rights.complainant", "1")
    export(login("staff"), "welfare.grant", "1")
    assert len(events()) == 7
    secrets = [NAME, ID_NUMBER, ID_NUMBER[-4:], PHONE, ADDRESS, "易秀英", GRANTEE_ID, "宫颈癌"]
    for event in AuditEvent.objects.values():
        for field, value in event.items():
            if field in ("id", "user_id", "count", "created_at", "object_id"):
                continue
            assert not [s for s in secrets if s in str(value)], (field, value)


# Where a request came from


def test_the_address_is_remote_addr_unless_a_proxy_header_is_trusted(case, login, settings):
    client = login("rights")
    forwarded = {"HTTP_X_FORWARDED_FOR": "10.9.8.7, 203.0.113.5", "REMOTE_ADDR": "192.0.2.1"}
    client.get(case_url(case), **forwarded)
    settings.AUDIT_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    client.get(case_url(case), **forwarded)
    # A header that is not an address falls back to the connection's.
    client.get(case_url(case), HTTP_X_FORWARDED_FOR="unknown", REMOTE_ADDR="192.0.2.1")
    settings.AUDIT_TRUSTED_PROXY_HEADER = "X-Real-IP"
    client.get(case_url(case), HTTP_X_REAL_IP="198.51.100.9", REMOTE_ADDR="192.0.2.1")
    assert [e.ip_address for e in events()] == [
        "192.0.2.1",
        "203.0.113.5",
        "192.0.2.1",
        "198.51.100.9",
    ]


# Who reads the log


@pytest.fixture
def system_admin(demo, unit):
    """A 系统管理员 of 湘东区 who is not a superuser."""
    made = User.objects.create_user("sysadmin", full_name="区系统管理员", is_staff=True)
    made.groups.add(Group.objects.get(name=roles.SYSTEM_ADMIN))
    made.org_units.add(unit("湘东区"))
    return made


def log_url(page="changelist", *args):
    return reverse(f"admin:fedportal_auditevent_{page}", args=args)


def test_superusers_and_system_administrators_read_the_log(case, login, system_admin):
    login("rights").get(case_url(case))
    (event,) = events()
    for username in ("admin", "sysadmin"):
        client = login(username)
        page = client.get(log_url())
        assert page.status_code == 200
        assert list(page.context["cl"].result_list) == [event]
        assert client.get(log_url("change", event.pk)).status_code == 200
    index = login("sysadmin").get(reverse("admin:index")).content.decode()
    assert "个人信息访问日志" in index


def test_a_system_administrator_reads_only_the_events_of_the_users_they_manage(
    case, login, system_admin, unit
):
    login("rights").get(case_url(case))
    login("admin").get(case_url(case))
    outsider = User.objects.create_user("city_rights", is_staff=True)
    outsider.groups.add(Group.objects.get(name=roles.RIGHTS_WORKER))
    outsider.org_units.add(unit("萍乡市"))
    login("city_rights").get(case_url(case))
    assert len(events()) == 3
    listed = login("sysadmin").get(log_url()).context["cl"].result_list
    assert [e.username for e in listed] == ["rights"]
    assert [e.username for e in login("admin").get(log_url()).context["cl"].result_list] == [
        "city_rights",
        "admin",
        "rights",
    ]


@pytest.mark.parametrize(
    ("username", "status"),
    # Staff in the admin are refused; those outside it are sent to sign in.
    [("staff", 403), ("township", 403), ("rights", 403), ("writer", 302), ("leader", 302)],
)
def test_no_one_else_reads_the_log(case, login, username, status):
    login("rights").get(case_url(case))
    (event,) = events()
    client = login(username)
    assert client.get(log_url()).status_code == status
    assert client.get(log_url("change", event.pk)).status_code == status


def test_an_event_outside_the_readers_reach_is_404_and_non_readers_get_403(
    case, login, system_admin
):
    login("admin").get(case_url(case))
    (event,) = events()
    for page in ("change", "history"):
        assert login("sysadmin").get(log_url(page, event.pk)).status_code == 404
        assert login("township").get(log_url(page, event.pk)).status_code == 403
        assert login("admin").get(log_url(page, event.pk)).status_code == 200


def test_the_log_is_not_writable_in_the_admin_even_by_a_superuser(case, login):
    login("rights").get(case_url(case))
    (event,) = events()
    client = login("admin")
    assert client.get(log_url("add")).status_code == 403
    assert client.post(log_url("add"), {"username": "forged"}).status_code == 403
    changed = client.post(log_url("change", event.pk), {"description": "改掉"})
    assert changed.status_code == 403
    assert client.get(log_url("delete", event.pk)).status_code == 403
    assert client.post(log_url("delete", event.pk), {"post": "yes"}).status_code == 403
    page = client.get(log_url())
    assert "delete_selected" not in page.content.decode()
    client.post(
        log_url(), {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"}
    )
    event.refresh_from_db()
    assert event.description == f"查看维权案件（编号 {case.pk}）的当事人个人信息"
    assert AuditEvent.objects.count() == 1


# Nobody changes the log


def test_the_orm_refuses_to_change_or_delete_an_event(case, login):
    login("rights").get(case_url(case))
    (event,) = events()
    event.description = "改掉"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(description="改掉")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().description.startswith("查看维权案件")


def test_deleting_a_user_keeps_their_events(case, login, user):
    login("rights").get(case_url(case))
    user("rights").delete()
    (event,) = events()
    assert (event.user_id is not None, event.username) == (True, "rights")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the trigger that refuses UPDATE and DELETE exists on PostgreSQL only",
)
def test_postgresql_refuses_to_change_or_delete_an_event_by_any_path(case, login):
    login("rights").get(case_url(case))
    (event,) = events()
    table = AuditEvent._meta.db_table
    statements = [
        f"UPDATE {table} SET description = '改掉' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ]
    for statement in statements:
        with (
            pytest.raises(DatabaseError, match="审计日志只能追加"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
    # The ORM's own bulk paths, past the QuerySet's refusal, meet the trigger too.
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk)._raw_delete(connection.alias)
    event.refresh_from_db()
    assert event.description.startswith("查看维权案件")
