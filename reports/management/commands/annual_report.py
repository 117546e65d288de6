from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from fedportal.models import OrgUnit
from reports import outputs
from reports.document import report_document
from reports.models import Report
from reports.pdf import print_html


class Command(BaseCommand):
    # A report run is a short process of its own; the checks run with migrate and the server.
    requires_system_checks = []
    help = (
        "生成年度工作报告（HTML、PDF、Word）。已定稿的报告输出最新定稿版本，草稿按当前业务数据计算；"
        "没有撰写报告的单位和年度输出按业务数据生成的标准文本。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="报告年度，如 2021")
        parser.add_argument("--unit", help="组织代码；省略时取该年度唯一一份报告的单位")
        parser.add_argument(
            "--report-version", type=int, dest="report_version", help="定稿版本号；省略时取最新"
        )
        parser.add_argument("--html", type=Path, help="HTML 输出文件")
        parser.add_argument("--pdf", type=Path, help="PDF 输出文件")
        parser.add_argument("--docx", type=Path, help="Word 输出文件")

    def handle(self, *args, year, unit, report_version, html, pdf, docx, **options):
        if not (html or pdf or docx):
            raise CommandError("请至少指定 --html、--pdf、--docx 中的一个输出文件。")
        report_unit = self._unit(unit, year)
        try:
            _, document = report_document(report_unit, year, report_version)
        except Http404 as error:
            raise CommandError(
                f"{report_unit.name}{year}年没有第{report_version}版定稿。"
            ) from error
        if html:
            html.write_text(print_html(document), encoding="utf-8")
        if pdf:
            pdf.write_bytes(outputs.render(document, "pdf"))
        if docx:
            docx.write_bytes(outputs.render(document, "docx"))
        state = {"final": f"第{document.version}版定稿", "draft": "草稿", "template": "标准文本"}
        self.stdout.write(f"{document.title}（{state[document.status]}）已生成。")
        for problem in document.problems:
            self.stderr.write(f"注意：{problem.message}")

    def _unit(self, code, year):
        if code:
            unit = OrgUnit.objects.filter(code=code).first()
            if unit is None:
                raise CommandError(f"没有组织代码为 {code} 的单位。")
            return unit
        units = list(
            OrgUnit.objects.filter(pk__in=Report.objects.filter(year=year).values("org_unit"))
        )
        if len(units) == 1:
            return units[0]
        roots = list(OrgUnit.objects.get_root_nodes())
        if not units and len(roots) == 1:
            return roots[0]
        listed = "、".join(f"{u.code}（{u.name}）" for u in units or roots)
        raise CommandError(f"请用 --unit 指定组织代码：{listed}。")
