from django.core.management.base import BaseCommand, CommandError

from fedportal.org_units import OrgUnitImportError, org_units_import, read_org_unit_sheet


class Command(BaseCommand):
    help = "从 xlsx 文件导入组织单位树（列：代码、名称、层级、上级代码）。有任何一行出错则不写入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="xlsx 文件路径")

    def handle(self, *args, file, **options):
        try:
            summary = org_units_import(rows=read_org_unit_sheet(file))
        except OrgUnitImportError as exc:
            raise CommandError(
                f"导入失败，未写入任何数据。共 {len(exc.errors)} 处错误：\n{exc}"
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"导入完成：新增 {summary.created} 个单位，更名 {summary.renamed} 个，"
                f"未变 {summary.unchanged} 个。"
            )
        )
