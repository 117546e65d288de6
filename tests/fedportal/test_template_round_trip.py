"""The whole way a member of staff goes: download the template, fill three rows choosing
from its dropdowns, import, export, and import the export again, which changes nothing."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests.spreadsheets import XLSX, confirm, downloaded, dropdowns, dry_run, error_cells, export

pytestmark = pytest.mark.django_db


def filled_template(client, app_model, rows=3):
    """The downloaded template with `rows` rows: each dropdown column takes the n-th value
    of its list, each other required column its example (text numbered so that rows differ),
    every other cell stays empty. The example row stays in."""
    url = reverse(f"admin:{app_model.replace('.', '_')}_import_template")
    book = load_workbook(io.BytesIO(client.get(url).content))
    sheet = book.worksheets[0]
    lists = dropdowns(sheet)
    header = [cell.value for cell in sheet[1]]
    example = [cell.value for cell in sheet[2]]
    for n in range(rows):
        row = []
        for index, name in enumerate(header):
            letter = get_column_letter(index + 1)
            if letter in lists:
                row.append(lists[letter][n % len(lists[letter])])
            elif name.endswith("*"):
                value = example[index]
                row.append(f"{value}{n + 1}" if isinstance(value, str) else value)
            else:
                row.append(None)
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "模板.xlsx"
    return data


def reupload(response, name):
    data = io.BytesIO(downloaded(response))
    data.name = name
    return data


@pytest.mark.parametrize(
    ("app_model", "username"),
    [
        ("scopetest.note", "township"),
        ("families.familyaward", "township"),
        ("honors.honor", "township"),
    ],
)
def test_template_import_export_and_back_without_change(notes, login, app_model, username):
    client = login(username)
    preview = dry_run(client, app_model, filled_template(client, app_model), XLSX)
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), error_cells(preview)
    assert (result.totals["new"], result.totals["skip"]) == (3, 1)
    assert confirm(client, app_model, preview).status_code == 302

    for fmt, name in ((XLSX, "导出.xlsx"), ("1", "导出.csv")):
        exported = export(client, app_model, fmt)
        again = dry_run(client, app_model, reupload(exported, name), fmt)
        result = again.context["result"]
        assert not result.has_validation_errors(), error_cells(again)
        assert result.totals["new"] == result.totals["update"] == 0
        assert result.totals["skip"] == result.total_rows
