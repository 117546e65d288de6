"""Exporting grants: formulas escaped, personal data masked for township staff, scope kept."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from fedportal.personal_data import make_id_number, mask_id_number, mask_phone
from tests.spreadsheets import (
    confirm,
    csv_file,
    downloaded,
    dry_run,
    error_cells,
    export,
    sheet_rows,
)
from tests.welfare.helpers import WOMAN_ID
from welfare.models import Grant

pytestmark = pytest.mark.django_db


def csv_records(client):
    """The grants a CSV export holds, each as {column: cell}."""
    header, *rows = sheet_rows(export(client, "welfare.grant", "1"))
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture
def formula_name(records):
    grant = records["lashi_grant"]
    grant.beneficiary_name = '=HYPERLINK("http://evil")易秀英'
    grant.notes = "+1 备注"
    grant.save()
    return grant


def test_csv_export_escapes_formulas(formula_name, login):
    (row,) = csv_records(login("township"))
    assert row["受助人姓名"] == '\'=HYPERLINK("http://evil")易秀英'
    assert row["备注"] == "'+1 备注"


def test_xlsx_export_escapes_formulas(formula_name, login):
    header, *rows = sheet_rows(export(login("staff"), "welfare.grant"))
    names = {row[header.index("受助人姓名")] for row in rows}
    assert names == {'\'=HYPERLINK("http://evil")易秀英', "钟桂兰"}


def test_township_export_masks_personal_data_and_keeps_to_its_scope(records, login):
    (row,) = csv_records(login("township"))
    assert row["所属单位"] == "湘东区/腊市镇/明塘村"
    assert row["受助人姓名"] == "易秀英"
    assert row["身份证号码"] == mask_id_number(WOMAN_ID)
    assert row["联系电话"] == mask_phone("13812345678")
    assert row["健康状况"] == "（已隐藏）"
    assert (row["城乡"], row["性别"], row["未成年人"], row["救助金额（元）"]) == (
        "农村",
        "女",
        "否",
        "10000.00",
    )


def test_district_staff_export_shows_personal_data(records, login):
    rows = {row["受助人姓名"]: row for row in csv_records(login("staff"))}
    assert set(rows) == {"易秀英", "钟桂兰"}
    # Written so that a spreadsheet keeps all 18 digits as text (fedportal.imports.csv_cell).
    assert rows["易秀英"]["身份证号码"] == f'="{WOMAN_ID}"'
    assert rows["易秀英"]["联系电话"] == "13812345678"
    assert rows["易秀英"]["健康状况"] == "宫颈癌术后，正在放疗"


def test_a_masked_export_imported_back_keeps_the_personal_data(records, login):
    client = login("township")
    (row,) = csv_records(client)
    row["备注"] = "已电话回访"
    upload = csv_file(list(row), [list(row.values())], "utf-8-sig")
    response = dry_run(client, "welfare.grant", upload, "1")
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "welfare.grant", response)
    grant = Grant.objects.get(pk=records["lashi_grant"].pk)
    assert grant.notes == "已电话回访"
    assert (grant.id_number, grant.phone, grant.health_details) == (
        WOMAN_ID,
        "13812345678",
        "宫颈癌术后，正在放疗",
    )


def test_a_masked_export_cannot_make_new_records(records, login):
    client = login("township")
    (row,) = csv_records(client)
    row["编号"] = ""
    upload = csv_file(list(row), [list(row.values())], "utf-8-sig")
    errors = error_cells(dry_run(client, "welfare.grant", upload, "1"))
    refused = "这是打码后的个人信息，不能导入；请填写完整信息，或保持导出时的样子不改。"
    # Neither stars nor the hidden health details may be stored as if they were the data.
    assert errors[(2, "身份证号码")][1] == refused
    assert errors[(2, "健康状况")][1] == refused


def test_export_needs_the_export_permission(records, login):
    assert login("rights").get(reverse("admin:welfare_grant_export")).status_code == 403


@pytest.fixture
def amounts(demo, make_grant):
    """Three grants of 腊市镇 with amounts in 元, one with a phone that begins with 0."""
    made = []
    for number, (name, amount) in enumerate(
        [("甲", "10000"), ("乙", "2500.50"), ("丙", "0.25")], start=1
    ):
        grant = make_grant(
            beneficiary_name=name,
            id_number=make_id_number("360313", date(1975, 5, number), 120 + number),
            amount=Decimal(amount),
            phone="13912345678" if number < 3 else "",
        )
        grant.full_clean()
        grant.save()
        made.append(grant)
    return made


def test_xlsx_amounts_dates_and_numbers_are_real_numbers_and_dates(amounts, login):
    response = export(login("staff"), "welfare.grant")
    sheet = load_workbook(io.BytesIO(downloaded(response))).active
    header = [cell.value for cell in sheet[1]]
    column = {name: index + 1 for index, name in enumerate(header)}
    cells = lambda name: [sheet.cell(row=r, column=column[name]) for r in range(2, 5)]  # noqa: E731
    # A SUM over the amount column adds numbers, not text.
    assert sum(cell.value for cell in cells("救助金额（元）")) == Decimal("12500.75")
    assert all(cell.data_type == "n" for cell in cells("救助金额（元）"))
    assert {cell.number_format for cell in cells("救助金额（元）")} == {"#,##0.00"}
    assert {type(cell.value) for cell in cells("发放日期")} == {datetime}
    assert {cell.number_format for cell in cells("发放日期")} == {"yyyy-mm-dd"}
    assert sorted(cell.value for cell in cells("编号")) == sorted(g.pk for g in amounts)
    # ID numbers and phones stay text, every digit kept.
    assert {cell.value for cell in cells("身份证号码")} == {g.id_number for g in amounts}
    assert {cell.data_type for cell in cells("身份证号码")} == {"s"}
    assert sheet.column_dimensions[get_column_letter(column["身份证号码"])].number_format == "@"


def test_xlsx_export_has_widths_a_frozen_header_and_a_filter_row(amounts, login):
    response = export(login("staff"), "welfare.grant")
    sheet = load_workbook(io.BytesIO(downloaded(response))).active
    header = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}4"
    widths = {
        name: sheet.column_dimensions[get_column_letter(i + 1)].width
        for i, name in enumerate(header)
    }
    assert widths["身份证号码"] >= 20
    assert widths["所属单位"] >= 20
    assert widths["发放日期"] >= 12
