"""The admin's xlsx export is streamed, and writes exactly the cells that
django-import-export's own export (a tablib Dataset, then an in-memory workbook) writes."""

import io

import pytest
from django.contrib import admin
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from families.demo import load_demo_records as load_family_records
from families.models import FamilyAward
from fedportal.demo import demo_org_rows, load_demo_users
from fedportal.imports import SafeXLSX
from fedportal.org_units import org_units_import
from fedportal.streaming_export import export_xlsx
from tests.spreadsheets import export, sheet_rows
from welfare.demo import load_demo_records as load_welfare_records
from welfare.models import Grant

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def module_records(django_db_setup, django_db_blocker):
    """The demo tree and logins with the family and welfare demo records (some two thousand
    rows), loaded once for the module inside a transaction rolled back after it; each test
    runs in a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        org_units_import(rows=demo_org_rows())
        load_demo_users()
        load_family_records()
        load_welfare_records()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def records(module_records, demo):
    pass


def streamed(user, model, selected_fields=None):
    """The streamed export of the admin's export list for `user`, as rows of cell values,
    and the number of records it reported."""
    model_admin = admin.site._registry[model]
    request = RequestFactory().post("/")
    request.user = user
    resource = model_admin.get_export_resource_classes(request)[0](
        **model_admin.get_export_resource_kwargs(request)
    )
    result = export_xlsx(
        resource, model_admin.get_export_queryset(request), selected_fields=selected_fields
    )
    content = b"".join(result.response("export.xlsx").streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()], result.rows


def in_memory(user, model):
    """The library's export of the same list with native cell types (numbers, dates), as
    the streamed export writes them."""
    model_admin = admin.site._registry[model]
    request = RequestFactory().post("/")
    request.user = user
    data = model_admin.get_data_for_export(
        request, model_admin.get_export_queryset(request), force_native_type=True
    )
    sheet = load_workbook(io.BytesIO(SafeXLSX().export_data(data))).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize(
    ("model", "app_model"),
    [(FamilyAward, "families.familyaward"), (Grant, "welfare.grant")],
)
@pytest.mark.parametrize("username", ["staff", "township"])
def test_streamed_cells_are_the_librarys_export(records, login, user, model, app_model, username):
    library = in_memory(user(username), model)
    response = export(login(username), app_model)
    assert response.streaming
    assert len(library) > 1
    assert sheet_rows(response) == library
    rows, count = streamed(user(username), model)
    assert rows == library
    assert count == len(rows) - 1


def test_staff_get_personal_data_and_township_staff_get_it_masked_and_scoped(records, user):
    staff_rows, _ = streamed(user("staff"), Grant)
    township_rows, _ = streamed(user("township"), Grant)
    column = staff_rows[0].index("身份证号码")
    unit_column = staff_rows[0].index("所属单位")
    assert all("*" not in row[column] for row in staff_rows[1:] if row[column])
    assert all("*" in row[column] for row in township_rows[1:] if row[column])
    assert {row[unit_column].split("/")[1] for row in township_rows[1:]} == {"腊市镇"}
    assert len(township_rows) < len(staff_rows)


def test_selected_fields_are_written_in_the_resource_order(records, user):
    rows, _ = streamed(user("staff"), FamilyAward, ["year", "household_name"])
    assert rows[0] == ["户名", "年度"]


def test_formulas_are_escaped(records, user, unit):
    FamilyAward.objects.filter(pk=FamilyAward.objects.in_scope(user("township")).first().pk).update(
        household_name='=HYPERLINK("http://evil")家庭'
    )
    rows, _ = streamed(user("township"), FamilyAward)
    assert '\'=HYPERLINK("http://evil")家庭' in [row[2] for row in rows]


def test_queries_do_not_grow_with_the_records(records, user):
    with CaptureQueriesContext(connection) as queries:
        _, count = streamed(user("staff"), Grant)
    assert count > 20
    # Units' names once, the permissions once, the list's filters (the years that hold
    # records among them), the records in chunks: no query per row.
    assert len(queries) <= 10


def test_a_control_character_is_refused_with_a_message(records, user):
    award = FamilyAward.objects.in_scope(user("staff")).first()
    FamilyAward.objects.filter(pk=award.pk).update(story="事迹\x01")
    with pytest.raises(ValueError, match="控制字符"):
        streamed(user("staff"), FamilyAward)


def test_the_admin_says_why_a_control_character_stops_the_export(records, login, user):
    award = FamilyAward.objects.in_scope(user("staff")).first()
    FamilyAward.objects.filter(pk=award.pk).update(story="事迹\x01")
    response = export(login("staff"), "families.familyaward")
    assert response.status_code == 200
    assert "控制字符" in response.content.decode()


@pytest.mark.parametrize(("fmt", "extension"), [("0", "xlsx"), ("1", "csv")])
def test_the_export_file_is_named_in_chinese(records, login, fmt, extension):
    from urllib.parse import quote

    from django.utils import timezone

    response = export(login("staff"), "welfare.grant", fmt)
    name = f"救助发放-{timezone.localdate():%Y-%m-%d}.{extension}"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(name)}"
