"""Loading the org-unit tree from a spreadsheet.

The sheet has one row per unit with the columns 代码, 名称, 层级, 上级代码 (the parent's code;
empty for a top unit). Rows may come in any order. Every row is checked before anything is
written; if any row is wrong, the error names its row, column, value and reason, and the
database is left as it was.
"""

import re
import zipfile
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from fedportal.imports import cell_text
from fedportal.models import OrgUnit

COLUMNS = {"代码": "code", "名称": "name", "层级": "level", "上级代码": "parent_code"}

LEVEL_NAMES = {
    "市": OrgUnit.Level.CITY,
    "地级市": OrgUnit.Level.CITY,
    "区": OrgUnit.Level.DISTRICT,
    "县": OrgUnit.Level.DISTRICT,
    "县级市": OrgUnit.Level.DISTRICT,
    "区（县）": OrgUnit.Level.DISTRICT,
    "乡镇/街道": OrgUnit.Level.TOWNSHIP,
    "乡镇": OrgUnit.Level.TOWNSHIP,
    "乡": OrgUnit.Level.TOWNSHIP,
    "镇": OrgUnit.Level.TOWNSHIP,
    "街道": OrgUnit.Level.TOWNSHIP,
    "村/社区": OrgUnit.Level.VILLAGE,
    "村": OrgUnit.Level.VILLAGE,
    "社区": OrgUnit.Level.VILLAGE,
    "妇女小组": OrgUnit.Level.GROUP,
}

CODE_RE = re.compile(r"^[0-9A-Za-z-]{1,20}$")
MAX_ROWS = 100_000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    reason: str

    def __str__(self):
        return f"第{self.row}行，“{self.column}”列，值“{self.value}”：{self.reason}"


class OrgUnitImportError(Exception):
    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class UnitRow:
    row: int
    code: str
    name: str
    level: int
    parent_code: str


@dataclass(frozen=True)
class ImportSummary:
    created: int
    renamed: int
    unchanged: int


def read_org_unit_sheet(path) -> list[dict]:
    """Rows of the first sheet as dicts with keys code, name, level, parent_code and row."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise OrgUnitImportError(
            [RowError(0, "文件", str(path), f"不是可读取的 xlsx 工作簿（{type(exc).__name__}）")]
        ) from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise OrgUnitImportError([RowError(1, "表头", "", "工作表为空")])
        names = [cell_text(h) for h in header]
        missing = [c for c in COLUMNS if c not in names]
        if missing:
            raise OrgUnitImportError(
                [
                    RowError(
                        1, "表头", "、".join(n for n in names if n), f"缺少列：{'、'.join(missing)}"
                    )
                ]
            )
        index = {COLUMNS[c]: names.index(c) for c in COLUMNS}
        result = []
        for number, values in enumerate(rows, start=2):
            if number - 1 > MAX_ROWS:
                raise OrgUnitImportError(
                    [RowError(number, "文件", "", f"行数超过上限 {MAX_ROWS} 行")]
                )
            cells = {
                key: cell_text(values[i]) if i < len(values) else "" for key, i in index.items()
            }
            if any(cells.values()):
                result.append({"row": number, **cells})
        return result
    finally:
        workbook.close()


def _validate(raw_rows) -> list[UnitRow]:
    errors: list[RowError] = []
    counts = Counter(r["code"] for r in raw_rows if r["code"])
    parsed: list[UnitRow] = []
    for r in raw_rows:
        row_errors = []
        code, name, level_text, parent_code = r["code"], r["name"], r["level"], r["parent_code"]
        if not code:
            row_errors.append(RowError(r["row"], "代码", code, "不能为空"))
        elif not CODE_RE.match(code):
            row_errors.append(
                RowError(r["row"], "代码", code, "只能由数字、字母和连字符组成，最长20位")
            )
        elif counts[code] > 1:
            row_errors.append(RowError(r["row"], "代码", code, "与表中其他行重复"))
        if not name:
            row_errors.append(RowError(r["row"], "名称", name, "不能为空"))
        elif len(name) > 100:
            row_errors.append(RowError(r["row"], "名称", name, "超过100个字"))
        level = LEVEL_NAMES.get(level_text)
        if level is None:
            row_errors.append(
                RowError(
                    r["row"],
                    "层级",
                    level_text,
                    "应为 市、区（县）、乡镇/街道、村/社区 或 妇女小组",
                )
            )
        if parent_code and parent_code == code:
            row_errors.append(RowError(r["row"], "上级代码", parent_code, "不能是本单位自己"))
        errors.extend(row_errors)
        if not row_errors:
            parsed.append(UnitRow(r["row"], code, name, int(level), parent_code))

    # Rows that passed so far are checked against each other and the tree; a row whose
    # parent row is itself wrong is skipped here, its parent's error already says why.
    in_file = {u.code: u for u in parsed}
    existing = {
        u.code: u
        for u in OrgUnit.objects.filter(
            code__in=[*in_file, *(u.parent_code for u in parsed if u.parent_code)]
        )
    }
    for unit in parsed:
        old = existing.get(unit.code)
        if not unit.parent_code:
            if unit.level > OrgUnit.Level.DISTRICT:
                errors.append(
                    RowError(unit.row, "上级代码", "", "只有市或区（县）可以没有上级单位")
                )
            parent_level = None
        elif unit.parent_code in in_file:
            parent_level = in_file[unit.parent_code].level
        elif unit.parent_code in existing:
            parent_level = existing[unit.parent_code].level
        elif unit.parent_code in counts:
            continue
        else:
            errors.append(
                RowError(unit.row, "上级代码", unit.parent_code, "表中和系统中都没有这个单位")
            )
            continue
        if parent_level is not None and unit.level != parent_level + 1:
            errors.append(
                RowError(
                    unit.row,
                    "层级",
                    OrgUnit.Level(unit.level).label,
                    f"上级单位是{OrgUnit.Level(parent_level).label}，"
                    + (
                        f"本单位应为{OrgUnit.Level(parent_level + 1).label}"
                        if parent_level < OrgUnit.Level.GROUP
                        else "不能再有下级单位"
                    ),
                )
            )
        if old is not None:
            old_parent = old.parent
            if old.level != unit.level:
                errors.append(
                    RowError(
                        unit.row,
                        "层级",
                        OrgUnit.Level(unit.level).label,
                        f"系统中该单位是{old.get_level_display()}，不能通过导入修改层级",
                    )
                )
            if (old_parent.code if old_parent else "") != unit.parent_code:
                errors.append(
                    RowError(
                        unit.row,
                        "上级代码",
                        unit.parent_code,
                        f"系统中该单位的上级是“{old_parent.name if old_parent else '无'}”，"
                        "调整上下级关系请在管理后台操作",
                    )
                )
    if errors:
        raise OrgUnitImportError(sorted(errors, key=lambda e: e.row))
    return parsed


@transaction.atomic
def org_units_import(*, rows: list[dict]) -> ImportSummary:
    """Create and rename units from `rows`; all or nothing. Returns what changed."""
    units = _validate(rows)
    by_code = {u.code: u for u in OrgUnit.objects.filter(code__in=[r.code for r in units])}
    created = renamed = unchanged = 0
    for unit in sorted(units, key=lambda u: (u.level, u.row)):
        old = by_code.get(unit.code)
        if old is not None:
            if old.name != unit.name:
                old.name = unit.name
                old.save(update_fields=["name"])
                renamed += 1
            else:
                unchanged += 1
            continue
        fields = {"code": unit.code, "name": unit.name, "level": unit.level}
        if unit.parent_code:
            parent = by_code.get(unit.parent_code) or OrgUnit.objects.get(code=unit.parent_code)
            by_code[unit.code] = OrgUnit.objects.add_child(parent, fields)
        else:
            by_code[unit.code] = OrgUnit.objects.add_root(fields)
        created += 1
    return ImportSummary(created=created, renamed=renamed, unchanged=unchanged)
