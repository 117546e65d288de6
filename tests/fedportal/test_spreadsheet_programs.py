"""Exports opened by a real spreadsheet program: LibreOffice Calc, with its defaults for
reading a file, turns each export into CSV as it would save it; every ID number, phone and
code must come out with all its digits, and the saved CSV must import back unchanged."""

import csv
import io
import shutil
import subprocess

import pytest
from django.contrib.auth.models import Permission

from tests.scopetest.models import Note
from tests.spreadsheets import CSV, XLSX, downloaded, dry_run, error_cells, export

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# An ID number past 15 digits, a landline with its leading 0, a code of 12 digits starting
# with 0, and a mobile number.
DIGITS = {
    "腊市镇记录": ("360313202009203900", "07996821234", "036031310300"),
    "明塘村记录": ("36031319900101123X", "13912345678", "360313103000"),
}


@pytest.fixture
def staff(notes, login, user):
    user("staff").user_permissions.add(Permission.objects.get(codename="view_personal_note"))
    for key, title in (("lashi", "腊市镇记录"), ("mingtang", "明塘村记录")):
        id_number, phone, code = DIGITS[title]
        Note.objects.filter(pk=notes[key].pk).update(id_number=id_number, title=phone, remarks=code)
    return login("staff")


def saved_by_calc(tmp_path, name, data: bytes) -> str:
    """`data` opened by LibreOffice Calc and saved as UTF-8 CSV."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice 未安装（make test-system-packages 会安装 libreoffice-calc-nogui）")
    (tmp_path / name).write_bytes(data)
    out = tmp_path / "saved"
    command = [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless"]
    if name.endswith(".csv"):
        # The file's encoding (UTF-8) is told; how values are read stays Calc's default.
        command.append("--infilter=CSV:44,34,76")
    command += ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out)]
    subprocess.run([*command, str(tmp_path / name)], check=True, capture_output=True, timeout=180)
    return (out / name.rsplit(".", 1)[0]).with_suffix(".csv").read_text("utf-8-sig")


def digits_in(text):
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    columns = [header.index(name) for name in ("身份证号码", "标题", "备注")]
    return {tuple(row[i] for i in columns) for row in rows[1:]}


@pytest.mark.parametrize(("fmt", "name"), [(CSV, "导出.csv"), (XLSX, "导出.xlsx")])
def test_calc_keeps_every_digit_of_an_export(staff, tmp_path, fmt, name):
    data = downloaded(export(staff, "scopetest.note", fmt))
    saved = saved_by_calc(tmp_path, name, data)
    assert set(DIGITS.values()) <= digits_in(saved)


def test_a_csv_saved_by_calc_imports_back_unchanged(staff, tmp_path):
    data = downloaded(export(staff, "scopetest.note", CSV))
    saved = saved_by_calc(tmp_path, "导出.csv", data)
    upload = io.BytesIO(saved.encode("utf-8"))
    upload.name = "另存.csv"
    response = dry_run(staff, "scopetest.note", upload, CSV)
    result = response.context["result"]
    assert not result.has_validation_errors(), error_cells(response)
    assert (result.totals["skip"], result.totals["update"], result.totals["new"]) == (3, 0, 0)


def test_without_the_text_form_calc_would_have_damaged_them(tmp_path):
    """What the ="…" form prevents, shown on the same digits written plainly."""
    plain = "身份证号码,标题,备注\n360313202009203900,07996821234,036031310300\n"
    saved = saved_by_calc(tmp_path, "plain.csv", plain.encode("utf-8"))
    assert digits_in(saved) == {("3.60313202009204E+017", "7996821234", "36031310300")}
