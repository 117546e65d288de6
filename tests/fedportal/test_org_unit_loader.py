import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from fedportal.models import OrgUnit

pytestmark = pytest.mark.django_db

HEADER = ("代码", "名称", "层级", "上级代码")
GOOD = [
    HEADER,
    (360313103000, "腊市镇", "乡镇", "360313000000"),  # a child before its parent, as a number
    ("360313000000", "湘东区", "区", None),
    ("360313103201", "明塘村", "村", "360313103000"),
    ("360313103201001", "明塘村第一妇女小组", "妇女小组", "360313103201"),
    ("360313100000", "湘东镇", "镇", "360313000000"),
    (None, None, None, None),  # blank rows are skipped
]


def xlsx(tmp_path, rows, name="units.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_loads_a_tree_from_a_good_file(tmp_path, capsys):
    call_command("load_org_units", str(xlsx(tmp_path, GOOD)))
    assert "新增 5 个单位" in capsys.readouterr().out
    village = OrgUnit.objects.get(code="360313103201")
    assert village.parent.name == "腊市镇"
    assert village.level == OrgUnit.Level.VILLAGE
    assert village.full_name() == "湘东区腊市镇明塘村"
    assert OrgUnit.objects.get_descendant_count(OrgUnit.objects.get(code="360313000000")) == 4


def test_loading_again_changes_nothing_and_renames_in_place(tmp_path, capsys):
    call_command("load_org_units", str(xlsx(tmp_path, GOOD)))
    paths = dict(OrgUnit.objects.values_list("code", "path"))
    renamed = [r if r[0] != "360313100000" else (r[0], "湘东镇（新）", r[2], r[3]) for r in GOOD]
    call_command("load_org_units", str(xlsx(tmp_path, renamed, "again.xlsx")))
    assert "新增 0 个单位，更名 1 个，未变 4 个" in capsys.readouterr().out
    assert dict(OrgUnit.objects.values_list("code", "path")) == paths
    assert OrgUnit.objects.get(code="360313100000").name == "湘东镇（新）"


def test_adds_units_under_an_existing_tree(tmp_path):
    call_command("load_org_units", str(xlsx(tmp_path, GOOD)))
    more = [HEADER, ("360313100201", "三角池村", "村/社区", "360313100000")]
    call_command("load_org_units", str(xlsx(tmp_path, more, "more.xlsx")))
    assert OrgUnit.objects.get(code="360313100201").parent.name == "湘东镇"


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (
            ("360313104000", "下埠镇", "乡镇", "360313999999"),
            "第8行，“上级代码”列，值“360313999999”：表中和系统中都没有这个单位",
        ),
        (("360313104000", "下埠镇", "公社", "360313000000"), "第8行，“层级”列，值“公社”"),
        (
            ("360313104000", "下埠镇", "村", "360313000000"),
            "第8行，“层级”列，值“村/社区”：上级单位是区（县），本单位应为乡镇/街道",
        ),
        (
            ("360313103000", "腊市镇重复", "乡镇", "360313000000"),
            "第8行，“代码”列，值“360313103000”：与表中其他行重复",
        ),
        (
            ("3603-13 104", "下埠镇", "乡镇", "360313000000"),
            "第8行，“代码”列，值“3603-13 104”：只能由数字、字母和连字符组成",
        ),
        (("360313104000", None, "乡镇", "360313000000"), "第8行，“名称”列，值“”：不能为空"),
        (
            ("360313104000", "下埠镇", "乡镇", None),
            "第8行，“上级代码”列，值“”：只有市或区（县）可以没有上级单位",
        ),
        (("360313103201001", "小组", "妇女小组", "360313103201001"), "不能是本单位自己"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(tmp_path, bad_row, message):
    with pytest.raises(CommandError) as error:
        call_command("load_org_units", str(xlsx(tmp_path, [*GOOD, bad_row])))
    assert message in str(error.value)
    assert "未写入任何数据" in str(error.value)
    assert not OrgUnit.objects.exists()


def test_an_import_cannot_move_or_relevel_an_existing_unit(tmp_path):
    call_command("load_org_units", str(xlsx(tmp_path, GOOD)))
    moved = [HEADER, ("360313103201", "明塘村", "村", "360313100000")]
    with pytest.raises(CommandError, match="调整上下级关系请在管理后台操作"):
        call_command("load_org_units", str(xlsx(tmp_path, moved, "moved.xlsx")))
    assert OrgUnit.objects.get(code="360313103201").parent.name == "腊市镇"


def test_missing_columns_are_reported(tmp_path):
    path = xlsx(tmp_path, [("代码", "名称"), ("360313000000", "湘东区")])
    with pytest.raises(CommandError, match="缺少列：层级、上级代码"):
        call_command("load_org_units", str(path))


def test_a_file_that_is_not_xlsx_is_reported(tmp_path):
    path = tmp_path / "units.xlsx"
    path.write_text("代码,名称\n", encoding="utf-8")
    with pytest.raises(CommandError, match="不是可读取的 xlsx 工作簿"):
        call_command("load_org_units", str(path))
    assert not OrgUnit.objects.exists()


def test_an_empty_sheet_is_reported(tmp_path):
    with pytest.raises(CommandError, match="工作表为空"):
        call_command("load_org_units", str(xlsx(tmp_path, [])))


def test_every_error_of_a_file_is_listed(tmp_path):
    rows = [*GOOD, ("A1", "甲", "公社", ""), ("A2", "乙", "村", "ZZZ"), ("A3", "", "村", "")]
    with pytest.raises(CommandError) as error:
        call_command("load_org_units", str(xlsx(tmp_path, rows)))
    text = str(error.value)
    assert "共 3 处错误" in text
    assert all(f"第{n}行" in text for n in (8, 9, 10))
