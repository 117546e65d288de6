"""Export through the scoped admin: scope, formula escaping, encodings, masking."""

import io

import pytest
from django.urls import reverse

from tests.scopetest.models import Note
from tests.spreadsheets import confirm, downloaded, dry_run, error_cells, export, sheet_rows, xlsx

pytestmark = pytest.mark.django_db

ID_NUMBER = "360313199001011234"


@pytest.fixture
def records(notes):
    notes["lashi"].title = '=HYPERLINK("http://evil")'
    notes["lashi"].id_number = ID_NUMBER
    notes["lashi"].save()
    return notes


def test_export_holds_only_records_in_scope(records, login):
    rows = sheet_rows(export(login("township"), "scopetest.note"))
    titles = {row[2] for row in rows[1:]}
    assert titles == {'\'=HYPERLINK("http://evil")', "明塘村记录"}
    assert rows[0][:3] == ["编号", "所属单位", "标题"]


def test_units_are_exported_as_name_paths(records, login):
    rows = sheet_rows(export(login("township"), "scopetest.note"))
    assert {row[1] for row in rows[1:]} == {"湘东区/腊市镇", "湘东区/腊市镇/明塘村"}


def test_csv_export_has_a_bom_and_escapes_formulas(records, login):
    rows = sheet_rows(export(login("staff"), "scopetest.note", "1"))
    assert '\'=HYPERLINK("http://evil")' in [row[2] for row in rows]


def test_personal_fields_are_masked_without_the_personal_permission(records, login):
    rows = sheet_rows(export(login("township"), "scopetest.note"))
    assert "3603**********1234" in [row[6] for row in rows]
    assert ID_NUMBER not in str(rows)


def test_roles_with_the_personal_permission_get_full_values(records, login, user):
    from django.contrib.auth.models import Permission

    user("staff").user_permissions.add(Permission.objects.get(codename="view_personal_note"))
    rows = sheet_rows(export(login("staff"), "scopetest.note"))
    assert ID_NUMBER in [row[6] for row in rows]


def test_export_needs_the_export_permission(records, login):
    assert login("rights").get(reverse("admin:scopetest_note_export")).status_code == 403


def test_list_masks_id_numbers_for_everyone(records, login):
    page = login("admin").get(reverse("admin:scopetest_note_changelist")).content.decode()
    assert "3603**********1234" in page
    assert ID_NUMBER not in page


def test_find_by_id_number_is_a_post_and_scoped(records, login):
    client = login("township2")
    response = client.post(
        reverse("admin:scopetest_note_find_by_id_number"), {"id_number": ID_NUMBER}
    )
    assert response.context["matches"] == []
    client = login("township")
    response = client.post(reverse("admin:scopetest_note_find_by_id_number"), {"id_number": "1234"})
    assert response.context["matches"] == [Note.objects.get(pk=records["lashi"].pk)]
    assert ID_NUMBER not in response.content.decode()


def test_a_masked_export_imports_back_without_touching_the_hidden_data(records, login):
    client = login("township")
    # The very file downloaded, uploaded again.
    upload = io.BytesIO(downloaded(export(client, "scopetest.note")))
    upload.name = "notes.xlsx"
    response = dry_run(client, "scopetest.note", upload)
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "scopetest.note", response)
    records["lashi"].refresh_from_db()
    assert records["lashi"].id_number == ID_NUMBER


def test_a_masked_value_cannot_become_a_new_record(records, login):
    from tests.fedportal.test_scoped_import import HEADER

    rows = [["", "明塘村", "打码数据", None, 2021, 1, "3603**********9999"]]
    response = dry_run(login("township"), "scopetest.note", xlsx(HEADER, rows))
    assert "打码后的个人信息" in error_cells(response)[(2, "身份证号码")][1]
