"""`manage.py annual_report`: the report files from the command line."""

import pytest
from django.core.management import CommandError, call_command
from docx import Document as WordDocument


def test_writes_html_pdf_and_docx(full_demo, tmp_path, capsys):
    html, pdf, docx = tmp_path / "r.html", tmp_path / "r.pdf", tmp_path / "r.docx"
    call_command("annual_report", "--year", "2021", "--html", html, "--pdf", pdf, "--docx", docx)
    assert (
        "湘东区妇联2021年工作情况和2022年主要工作打算汇报（第1版定稿）已生成。"
        in capsys.readouterr().out
    )
    assert "34.5万余元" in html.read_text(encoding="utf-8")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert any("34.5万余元" in p.text for p in WordDocument(docx).paragraphs)


def test_a_unit_and_year_without_a_report_give_the_standard_text(full_demo, tmp_path, capsys):
    html = tmp_path / "r.html"
    call_command("annual_report", "--year", "2019", "--unit", "360313103000", "--html", html)
    assert "腊市镇妇联2019年工作情况和2020年主要工作打算汇报（标准文本）" in capsys.readouterr().out
    assert "腊市镇2019年暂无业务记录" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2021"], "请至少指定"),
        (["--year", "2021", "--unit", "1", "--html", "x"], "没有组织代码为 1 的单位"),
        (["--year", "2021", "--report-version", "9", "--html", "x"], "没有第9版定稿"),
    ],
)
def test_mistakes_are_explained(full_demo, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("annual_report", *args)


def test_without_a_unit_the_only_report_of_the_year_or_the_top_unit(full_demo, tmp_path, capsys):
    call_command("annual_report", "--year", "2030", "--html", tmp_path / "r.html")
    assert "萍乡市妇联2030年" in capsys.readouterr().out


def test_without_a_unit_several_reports_of_the_year_must_be_told_apart(full_demo, tmp_path):
    from fedportal.models import OrgUnit
    from reports.services import report_create

    report_create(unit=OrgUnit.objects.get(name="腊市镇"), year=2021, user=None)
    with pytest.raises(CommandError, match=r"请用 --unit 指定组织代码：.*360313103000（腊市镇）"):
        call_command("annual_report", "--year", "2021", "--html", tmp_path / "r.html")
