"""Exports: scope, formula escaping, and personal fields masked without the permission."""

from datetime import datetime

import pytest
from django.urls import reverse

from tests.employment.helpers import ID_NUMBER, PHONE
from tests.spreadsheets import dry_run, export, sheet_rows, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def formula_class(classes):
    record = classes["lashi"]
    record.notes = '=HYPERLINK("http://evil","点击")'
    record.save()
    return record


def test_class_export_escapes_formulas_and_keeps_to_the_scope(formula_class, login):
    rows = sheet_rows(export(login("township"), "employment.trainingclass", "0"))
    assert rows[0] == [
        "编号",
        "所属单位",
        "培训类别",
        "班级名称",
        "期次",
        "合作单位",
        "年度",
        "开班日期",
        "结业日期",
        "计划名额",
        "参训人数",
        "取证人数",
        "备注",
    ]
    assert len(rows) == 2
    assert rows[1][1:9] == [
        "湘东区/腊市镇",
        "家政",
        "第2期家政技能培训班",
        2,
        "湘东职专",
        2021,
        datetime(2021, 3, 8),
        datetime(2021, 3, 14),
    ]
    assert rows[1][12] == '\'=HYPERLINK("http://evil","点击")'


def test_class_csv_export_has_a_bom_and_escapes_formulas(formula_class, login):
    rows = sheet_rows(export(login("staff"), "employment.trainingclass", "1"))
    assert '\'=HYPERLINK("http://evil","点击")' in [row[12] for row in rows]


def test_trainee_export_masks_personal_fields_for_township_staff(trainees, login):
    rows = sheet_rows(export(login("township"), "employment.trainee"))
    assert rows[1][:6] == [
        trainees["lashi"].pk,
        "2021/第2期家政技能培训班",
        "湘东区/腊市镇/明塘村",
        "刘春梅",
        ID_NUMBER[:6] + "*" * 12,
        "139****" + PHONE[-4:],
    ]
    assert rows[1][6:8] == ["是", "否"]
    assert len(rows) == 2
    assert ID_NUMBER not in str(rows) and PHONE not in str(rows)


def test_district_staff_with_the_personal_permission_get_full_values(trainees, login, user):
    assert user("staff").has_perm("employment.view_personal_trainee")
    rows = sheet_rows(export(login("staff"), "employment.trainee"))
    assert [ID_NUMBER, PHONE] in [row[4:6] for row in rows]


def test_an_exported_trainee_file_imports_back_unchanged(trainees, login):
    client = login("township")
    rows = sheet_rows(export(login("staff"), "employment.trainee"))
    own = [row for row in rows[1:] if row[0] == trainees["lashi"].pk]
    response = dry_run(client, "employment.trainee", xlsx(rows[0], own))
    assert response.context["result"].totals["skip"] == 1


def test_export_needs_the_export_permission(trainees, login):
    assert login("rights").get(reverse("admin:employment_trainee_export")).status_code == 403
