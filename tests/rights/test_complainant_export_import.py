"""Complainants' personal data in spreadsheets: full for caseworkers, masked for anyone else,
and a masked value never overwrites the real one."""

from datetime import datetime

import pytest
from django.contrib.auth.models import Permission

from fedportal.models import User
from rights.models import Complainant
from tests.rights.conftest import LASHI_ID, LASHI_PHONE
from tests.spreadsheets import confirm, dry_run, error_cells, export, sheet_rows, xlsx

pytestmark = pytest.mark.django_db

IMPORT_HEADER = ["编号", "案件编号", "姓名", "性别", "身份证号码", "联系电话", "住址", "未成年人"]


def test_the_caseworker_exports_the_full_data(cases, login):
    rows = sheet_rows(export(login("rights"), "rights.complainant"))
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
        datetime(2021, 3, 8),
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
    rows = sheet_rows(export(client, "rights.complainant"))
    lashi = next(row for row in rows[1:] if row[1] == cases["lashi"].pk)
    assert lashi[4:9] == [
        "李**",
        "女",
        LASHI_ID[:6] + "*" * 12,
        "139****1234",
        "腊市镇明塘村****",
    ]
    assert LASHI_ID not in str(rows) and LASHI_PHONE not in str(rows)


def test_a_complainant_is_imported_for_a_case_in_scope(make_case, unit, login):
    case = make_case(unit("腊市镇"), summary="待补录当事人。")
    client = login("rights")
    response = dry_run(
        client,
        "rights.complainant",
        xlsx(
            IMPORT_HEADER,
            [["", case.pk, "彭小燕", "女", LASHI_ID, "139-7990-1234", "腊市镇", "否"]],
        ),
    )
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "rights.complainant", response)
    person = Complainant.objects.get(case=case)
    assert (person.name, person.id_number, person.phone) == ("彭小燕", LASHI_ID, LASHI_PHONE)


def test_masked_values_and_cases_outside_the_scope_are_refused(cases, login, township_worker):
    township_worker("rights_xd", "湘东镇")
    lashi = cases["lashi"].complainant
    rows = [
        [cases["xiangdong"].complainant.pk, cases["xiangdong"].pk, "王**", "女", "", "", "", "否"],
        ["", cases["lashi"].pk, "越权", "女", "", "", "", "否"],
        ["", cases["xiangdong"].pk, "张三", "不详", "360313************", "", "", "也许"],
    ]
    response = dry_run(login("rights_xd"), "rights.complainant", xlsx(IMPORT_HEADER, rows))
    errors = error_cells(response)
    # The masked name of the stored complainant reads as "unchanged", never as new data.
    assert (2, "姓名") not in errors
    assert errors[(3, "案件编号")][1] == (
        f"找不到“{cases['lashi'].pk}”对应的维权案件，或该维权案件不在您的管辖范围内。"
    )
    assert errors[(4, "性别")][1] == "“不详”不是有效的选项，可填：女、男。"
    assert errors[(4, "身份证号码")][1] == (
        "这是打码后的个人信息，不能导入；请填写完整信息，或保持导出时的样子不改。"
    )
    assert errors[(4, "未成年人")][1] == "“也许”无法识别，请填写“是”或“否”。"
    lashi.refresh_from_db()
    assert lashi.name == "李秀英"
    assert Complainant.objects.count() == 2
