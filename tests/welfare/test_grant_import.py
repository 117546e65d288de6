"""Importing grants through the admin: preview then confirm, bad rows, encodings, scope."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from fedportal.personal_data import make_id_number
from tests.spreadsheets import confirm, csv_file, dry_run, error_cells, xlsx
from tests.welfare.helpers import BOY_ID
from welfare.models import Grant

pytestmark = pytest.mark.django_db

HEADER = [
    "编号",
    "所属单位",
    "帮扶项目",
    "年度",
    "发放日期",
    "项目实施编号",
    "受助人姓名",
    "身份证号码",
    "性别",
    "出生日期",
    "年龄",
    "未成年人",
    "城乡",
    "联系电话",
    "健康状况",
    "救助金额（元）",
    "物资名称",
    "物资数量",
    "单位",
    "资助方式",
    "备注",
]
FORMULA = "公益奶粉（关爱新生命-儿童营养改善）"
MEIHUA_ID = make_id_number("360313", date(1975, 1, 9), 58)


def row(**cells):
    """A sheet row of a 两癌救助 grant in 明塘村; cells by their Chinese column name."""
    values = {
        "所属单位": "腊市镇/明塘村",
        "帮扶项目": "两癌救助",
        "年度": 2021,
        "发放日期": "2021/9/28",
        "受助人姓名": "刘冬梅",
        "身份证号码": MEIHUA_ID,
        "城乡": "农村",
        "救助金额（元）": "10,000",
    }
    values.update(cells)
    return [values.get(column, "") for column in HEADER]


def test_good_xlsx_previews_then_imports(records, login, user):
    client = login("township")
    rows = [
        row(联系电话=13912345678, 健康状况="乳腺癌术后"),
        row(
            所属单位="360313103000",
            帮扶项目=FORMULA,
            发放日期=datetime(2021, 10, 19),
            受助人姓名="彭宇轩",
            身份证号码=BOY_ID,
            城乡="农村",
            物资名称="奶粉",
            物资数量=9,
            资助方式="差额资助",
            **{"救助金额（元）": ""},
        ),
    ]
    response = dry_run(client, "welfare.grant", xlsx(HEADER, rows))
    assert response.status_code == 200
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    assert response.context["result"].totals["new"] == 2
    assert not Grant.objects.filter(beneficiary_name__in=["刘冬梅", "彭宇轩"]).exists()

    assert confirm(client, "welfare.grant", response).status_code == 302
    woman = Grant.objects.get(beneficiary_name="刘冬梅")
    assert (woman.org_unit.name, woman.date, woman.amount, woman.phone) == (
        "明塘村",
        date(2021, 9, 28),
        Decimal("10000.00"),
        "13912345678",
    )
    assert (woman.sex, woman.age, woman.is_minor) == ("female", 46, False)
    assert woman.created_by == user("township")
    assert woman.history.get().history_user == user("township")
    boy = Grant.objects.get(beneficiary_name="彭宇轩")
    assert (boy.quantity, boy.unit, boy.subsidy_type, boy.is_minor) == (9, "桶", "partial", True)


def test_bad_rows_are_named_and_nothing_is_written(records, login):
    rows = [
        row(受助人姓名="好的一行"),
        row(
            受助人姓名="校验位错",
            身份证号码=MEIHUA_ID[:17] + ("1" if MEIHUA_ID[17] != "1" else "2"),
        ),
        *(
            row(身份证号码="", **cells)
            for cells in (
                {"受助人姓名": "日期错", "发放日期": "2021-13-01"},
                {"受助人姓名": "跨年", "发放日期": "2022-01-05"},
                {"受助人姓名": "城乡错", "城乡": "郊区"},
                {"受助人姓名": "项目错", "帮扶项目": "助学金"},
                {"受助人姓名": "无钱无物", "救助金额（元）": "0"},
                {"受助人姓名": "负数", "救助金额（元）": "-5", "物资数量": 1, "单位": "份"},
                {"受助人姓名": "金额错", "救助金额（元）": "一万"},
                {"受助人姓名": "电话错", "联系电话": "12345"},
            )
        ),
        row(
            受助人姓名="性别矛盾",
            身份证号码=make_id_number("360313", date(1980, 2, 2), 6),
            性别="男",
        ),
    ]
    response = dry_run(login("township"), "welfare.grant", xlsx(HEADER, rows))
    errors = error_cells(response)
    assert errors[(3, "身份证号码")][1] == "身份证号码校验位不正确，请核对后重新输入。"
    assert errors[(4, "发放日期")] == (
        "2021-13-01",
        "无法识别日期“2021-13-01”，请填写如 2021-03-08 或 2021/3/8 的日期。",
    )
    assert (
        errors[(5, "发放日期")][1] == "发放日期（2022-01-05）不在2021年度内，请核对发放日期或年度。"
    )
    assert errors[(6, "城乡")] == ("郊区", "“郊区”不是有效的选项，可填：城镇、农村。")
    assert errors[(7, "帮扶项目")][0] == "助学金"
    assert "不在“帮扶项目”列表中" in errors[(7, "帮扶项目")][1]
    assert errors[(8, "整行")][1] == "每条发放记录须有救助金额或物资数量，至少一项大于0。"
    assert errors[(9, "整行")][1] == "救助金额不能为负数。"
    assert errors[(10, "救助金额（元）")] == (
        "一万",
        "“一万”不是金额，请填写以元为单位的数字。",
    )
    # Masked as the importer may see it, as in an export.
    assert errors[(11, "联系电话")] == ("*****", "手机号码应为11位，以1开头，第二位为3至9。")
    assert (
        errors[(12, "性别")][1] == "性别“男”与身份证号码不一致；请核对，或清空性别由号码自动填写。"
    )
    assert not any(r == 2 for r, _ in errors)
    assert not response.context.get("confirm_form")
    assert "没有写入任何数据" in response.content.decode()
    assert not Grant.objects.filter(beneficiary_name="好的一行").exists()


def test_the_same_person_twice_in_one_file_is_rejected(records, login):
    response = dry_run(login("township"), "welfare.grant", xlsx(HEADER, [row(), row()]))
    assert error_cells(response) == {(3, "整行"): ("", "该受助人同一天在这一项目中已有发放记录。")}
    assert not Grant.objects.filter(beneficiary_name="刘冬梅").exists()


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_in_gbk_and_utf8_with_bom_is_read(records, login, encoding):
    client = login("township")
    upload = csv_file(HEADER, [row(受助人姓名="编码测试", 健康状况="宫颈癌")], encoding)
    response = dry_run(client, "welfare.grant", upload, "1")
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "welfare.grant", response)
    grant = Grant.objects.get(beneficiary_name="编码测试")
    assert (grant.health_details, grant.residence, grant.org_unit.name) == (
        "宫颈癌",
        "rural",
        "明塘村",
    )


def test_excel_date_numbers_are_read(records, login):
    client = login("township")
    response = dry_run(
        client, "welfare.grant", csv_file(HEADER, [row(发放日期="44467")], "utf-8-sig"), "1"
    )
    confirm(client, "welfare.grant", response)
    assert Grant.objects.get(beneficiary_name="刘冬梅").date == date(2021, 9, 28)


def test_township_cannot_import_a_row_for_another_township(records, login):
    response = dry_run(
        login("township"),
        "welfare.grant",
        xlsx(HEADER, [row(), row(所属单位="湘东镇", 受助人姓名="越权")]),
    )
    assert error_cells(response)[(3, "所属单位")] == (
        "湘东镇",
        "找不到单位“湘东镇”，或该单位不在您的管辖范围内。",
    )
    assert not Grant.objects.filter(beneficiary_name__in=["刘冬梅", "越权"]).exists()


def test_township_cannot_update_another_townships_grant_by_number(records, login):
    other = records["xiangdong_grant"]
    response = dry_run(
        login("township"),
        "welfare.grant",
        xlsx(
            HEADER, [row(编号=other.pk, 身份证号码=make_id_number("360313", date(1970, 1, 1), 4))]
        ),
    )
    assert "不存在，或不在您的管辖范围内" in error_cells(response)[(2, "编号")][1]
    other.refresh_from_db()
    assert other.beneficiary_name == "钟桂兰"


def test_a_run_of_the_district_may_be_given_by_number(records, login, unit, programme):
    from welfare.models import ProgrammeRun

    district = ProgrammeRun.objects.create(
        org_unit=unit("湘东区"), programme=programme("两癌救助"), year=2021
    )
    client = login("township")
    rows = [
        row(项目实施编号=district.pk),
        row(
            受助人姓名="他镇实施", 身份证号码="", 项目实施编号=records["xiangdong_programmerun"].pk
        ),
    ]
    errors = error_cells(dry_run(client, "welfare.grant", xlsx(HEADER, rows)))
    assert list(errors) == [(3, "项目实施编号")]
    assert errors[(3, "项目实施编号")][1] == (
        f"找不到编号为“{records['xiangdong_programmerun'].pk}”的项目实施记录，或您无权使用该记录。"
    )
    response = dry_run(client, "welfare.grant", xlsx(HEADER, rows[:1]))
    confirm(client, "welfare.grant", response)
    assert Grant.objects.get(beneficiary_name="刘冬梅").run == district


def test_residence_takes_its_declared_aliases(records, login):
    client = login("township")
    rows = [
        row(受助人姓名="城市一户", 身份证号码="", 城乡="城市"),
        row(受助人姓名="乡村一户", 身份证号码="", 城乡="乡村"),
    ]
    response = dry_run(client, "welfare.grant", xlsx(HEADER, rows))
    assert not response.context["result"].has_validation_errors(), error_cells(response)
    confirm(client, "welfare.grant", response)
    stored = dict(
        Grant.objects.filter(beneficiary_name__endswith="一户").values_list(
            "beneficiary_name", "residence"
        )
    )
    assert stored == {"城市一户": "urban", "乡村一户": "rural"}


def test_an_unknown_residence_names_the_choices_and_the_aliases_stay_unambiguous(records, login):
    response = dry_run(login("township"), "welfare.grant", xlsx(HEADER, [row(城乡="市区")]))
    assert error_cells(response)[(2, "城乡")] == (
        "市区",
        "“市区”不是有效的选项，可填：城镇、农村。",
    )
