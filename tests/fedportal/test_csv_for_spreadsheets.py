"""CSV exports that survive Excel, WPS and LibreOffice: ID numbers, phones and codes stay
text with every digit, formulas stay escaped, and a file a spreadsheet damaged is refused
by row instead of imported with the wrong digits."""

import io

import pytest
from django.contrib.auth.models import Permission

from tests.scopetest.models import Note
from tests.spreadsheets import (
    CSV,
    XLSX,
    confirm,
    csv_file,
    downloaded,
    dry_run,
    error_cells,
    export,
    xlsx,
)

pytestmark = pytest.mark.django_db

ID_NUMBER = "360313202009203900"
HEADER = ["编号", "所属单位", "标题", "类别", "年度", "数量", "身份证号码", "备注"]


@pytest.fixture
def staff(notes, login, user):
    """District staff who may see personal data, and 腊市镇's note with an ID number and
    a landline number in its title."""
    user("staff").user_permissions.add(Permission.objects.get(codename="view_personal_note"))
    note = notes["lashi"]
    note.title = "07996821234"
    note.id_number = ID_NUMBER
    note.remarks = '=HYPERLINK("http://evil")'
    note.save()
    return login("staff")


def csv_lines(client):
    content = downloaded(export(client, "scopetest.note", CSV))
    assert content.startswith(b"\xef\xbb\xbf")
    return content.decode("utf-8-sig").splitlines()


def test_fragile_digits_are_written_to_stay_text_and_formulas_stay_escaped(staff, notes):
    line = next(line for line in csv_lines(staff) if line.startswith(f"{notes['lashi'].pk},"))
    assert f'"=""{ID_NUMBER}"""' in line
    assert '"=""07996821234"""' in line
    assert "'=HYPERLINK" in line
    # A short number, or one without a leading zero, is left as it is.
    assert ",2021,0," in line


def test_masked_values_are_written_as_they_are(notes, login):
    notes["lashi"].id_number = ID_NUMBER
    notes["lashi"].save()
    lines = csv_lines(login("township"))
    assert any("3603**********3900" in line for line in lines)
    assert not any(ID_NUMBER in line for line in lines)


def test_the_csv_as_exported_imports_back_unchanged(staff, notes):
    upload = io.BytesIO(downloaded(export(staff, "scopetest.note", CSV)))
    upload.name = "导出.csv"
    response = dry_run(staff, "scopetest.note", upload, CSV)
    result = response.context["result"]
    assert not result.has_validation_errors(), error_cells(response)
    assert result.totals["skip"] == 3
    assert result.totals["update"] == result.totals["new"] == 0


def test_an_id_number_a_spreadsheet_turned_into_scientific_notation_is_refused(staff, notes):
    pk = notes["lashi"].pk
    damaged = [[pk, "湘东区/腊市镇", "07996821234", "", 2021, 0, "3.60313202009204e+17", ""]]
    response = dry_run(staff, "scopetest.note", csv_file(HEADER, damaged, "utf-8-sig"), CSV)
    assert error_cells(response)[(2, "身份证号码")] == (
        "3.60313202009204e+17",
        "身份证号码“3.60313202009204e+17”已被电子表格改成科学计数法，请将该列设为文本后重新导出。",
    )
    assert Note.objects.get(pk=pk).id_number == ID_NUMBER


def test_an_id_number_stored_as_a_number_in_a_workbook_is_refused(staff, notes):
    rows = [["", "湘东区/腊市镇", "新记录", "", 2021, 0, 360313202009203900.0, ""]]
    response = dry_run(staff, "scopetest.note", xlsx(HEADER, rows), XLSX)
    _, reason = error_cells(response)[(2, "身份证号码")]
    assert reason.startswith(
        "身份证号码“360313202009203904”已被电子表格存成数字，超过15位的部分已丢失"
    )
    assert not Note.objects.filter(title="新记录").exists()


def test_digits_kept_as_text_are_read_back_as_the_digits(staff, notes):
    rows = [["", "湘东区/腊市镇", '="0799123"', "", 2021, 0, f'="{ID_NUMBER}"', ""]]
    response = dry_run(staff, "scopetest.note", csv_file(HEADER, rows, "utf-8-sig"), CSV)
    assert not response.context["result"].has_validation_errors(), error_cells(response)
    confirm(staff, "scopetest.note", response)
    assert Note.objects.get(title="0799123").id_number == ID_NUMBER
