"""Complainants' personal data in spreadsheets: full for caseworkers, masked for anyone else,
and a masked value never overwrites the real one."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fedportal.models import User
from rights.models import Complainant
from tests.rights.conftest import LASHI_ID, LASHI_PHONE

pytestmark = pytest.mark.django_db

FIELDS = [
    "id",
    "case",
    "case_unit",
    "case_received_on",
    "name",
    "sex",
    "id_number",
    "phone",
    "address",
    "is_minor",
]
IMPORT_HEADER = ["编号", "案件编号", "姓名", "性别", "身份证号码", "联系电话", "住址", "未成年人"]


def export(client):
    return client.post(
        reverse("admin:rights_complainant_export"),
        {"format": "0", **{f"complainantresource_{name}": "on" for name in FIELDS}},
    )


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def xlsx(rows):
    book = Workbook()
    book.active.append(IMPORT_HEADER)
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "complainants.xlsx"
    return data


def dry_run(client, upload):
    return client.post(
        reverse("admin:rights_complainant_import"), {"format": "0", "import_file": upload}
    )


def test_the_caseworker_exports_the_full_data(cases, login):
    rows = xlsx_rows(export(login("rights")))
    assert rows[0] == [
        "编号",
        "案件编号",
        "案件所属单位",
        "受理日期",
        "姓名",
        "性别",
        "身份证号码",
        "联系电话",
        "住址",
        "未成年人",
    ]
    lashi = next(row for row in rows[1:] if row[1] == cases["lashi"].pk)
    assert lashi[2:] == [
        "湘东区/腊市镇/明塘村",
        "2021-03-08",
        "李秀英",
        "女",
        LASHI_ID,
        LASHI_PHONE,
        "腊市镇明塘村3组",
        "否",
    ]


def test_without_the_personal_permission_the_export_is_masked(cases, client, unit):
    # A custom role that may list and export complainants but not see their personal data.
    clerk = User.objects.create_user("clerk", is_staff=True)
    clerk.org_units.add(unit("湘东区"))
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_complainant", "export_complainant"])
    )
    client.force_login(clerk)
    rows = xlsx_rows(export(client))
    lashi = next(row for row in rows[1:] if row[1] == cases["lashi"].pk)
    assert lashi[4:9] == [
        "李**",
        "女",
        "3603**********" + LASHI_ID[-4:],
        "139****1234",
        "腊市镇明塘村****",
    ]
    assert LASHI_ID not in str(rows) and LASHI_PHONE not in str(rows)


def test_a_complainant_is_imported_for_a_case_in_scope(make_case, unit, login):
    case = make_case(unit("腊市镇"), summary="待补录当事人。")
    client = login("rights")
    response = dry_run(
        client, xlsx([["", case.pk, "彭小燕", "女", LASHI_ID, "139-7990-1234", "腊市镇", "否"]])
    )
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    client.post(
        reverse("admin:rights_complainant_process_import"),
        response.context["confirm_form"].initial,
    )
    person = Complainant.objects.get(case=case)
    assert (person.name, person.id_number, person.phone) == ("彭小燕", LASHI_ID, LASHI_PHONE)


def test_masked_values_and_cases_outside_the_scope_are_refused(cases, login, township_worker):
    township_worker("rights_xd", "湘东镇")
    lashi = cases["lashi"].complainant
    rows = [
        [cases["xiangdong"].complainant.pk, cases["xiangdong"].pk, "王**", "女", "", "", "", "否"],
        ["", cases["lashi"].pk, "越权", "女", "", "", "", "否"],
        ["", cases["xiangdong"].pk, "张三", "不详", "", "", "", "也许"],
    ]
    response = dry_run(login("rights_xd"), xlsx(rows))
    by_cell = {(r, c): reason for r, c, _, reason in response.context["error_rows"]}
    # The masked name of the stored complainant reads as "unchanged", never as new data.
    assert (2, "姓名") not in by_cell
    assert by_cell[(3, "案件编号")] == (
        f"找不到“{cases['lashi'].pk}”对应的维权案件，或该维权案件不在您的管辖范围内。"
    )
    assert by_cell[(4, "性别")] == "“不详”不是可选的值，请填写：女、男。"
    assert by_cell[(4, "未成年人")] == "“也许”不是有效的是否值，请填写“是”或“否”。"
    lashi.refresh_from_db()
    assert lashi.name == "李秀英"
    assert Complainant.objects.count() == 2
