"""Exporting grants: formulas escaped, personal data masked for township staff, scope kept."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fedportal.personal_data import mask_id_number, mask_phone
from tests.welfare.helpers import WOMAN_ID, confirm, csv_file, dry_run
from welfare.models import Grant
from welfare.resources import GrantResource

pytestmark = pytest.mark.django_db


def export(client, fmt, model="grant", resource=GrantResource):
    prefix = resource.__name__.lower()
    return client.post(
        reverse(f"admin:welfare_{model}_export"),
        {"format": fmt, **{f"{prefix}_{name}": "on" for name in resource().get_export_order()}},
    )


def csv_rows(response):
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def formula_name(records):
    grant = records["lashi_grant"]
    grant.beneficiary_name = '=HYPERLINK("http://evil")易秀英'
    grant.notes = "+1 备注"
    grant.save()
    return grant


def test_csv_export_escapes_formulas(formula_name, login):
    (row,) = csv_rows(export(login("township"), "1"))
    assert row["受助人姓名"] == '\'=HYPERLINK("http://evil")易秀英'
    assert row["备注"] == "'+1 备注"


def test_xlsx_export_escapes_formulas(formula_name, login):
    response = export(login("staff"), "0")
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = {row[6] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {'\'=HYPERLINK("http://evil")易秀英', "钟桂兰"}


def test_township_export_masks_personal_data_and_keeps_to_its_scope(records, login):
    (row,) = csv_rows(export(login("township"), "1"))
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
    rows = {row["受助人姓名"]: row for row in csv_rows(export(login("staff"), "1"))}
    assert set(rows) == {"易秀英", "钟桂兰"}
    assert rows["易秀英"]["身份证号码"] == WOMAN_ID
    assert rows["易秀英"]["联系电话"] == "13812345678"
    assert rows["易秀英"]["健康状况"] == "宫颈癌术后，正在放疗"


def test_a_masked_export_imported_back_keeps_the_personal_data(records, login):
    client = login("township")
    (row,) = csv_rows(export(client, "1"))
    row["备注"] = "已电话回访"
    upload = csv_file(list(row), [list(row.values())], "utf-8-sig")
    response = dry_run(client, "grant", upload, "1")
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "grant", response)
    grant = Grant.objects.get(pk=records["lashi_grant"].pk)
    assert grant.notes == "已电话回访"
    assert (grant.id_number, grant.phone, grant.health_details) == (
        WOMAN_ID,
        "13812345678",
        "宫颈癌术后，正在放疗",
    )


def test_export_needs_the_export_permission(records, login):
    assert login("rights").get(reverse("admin:welfare_grant_export")).status_code == 403
