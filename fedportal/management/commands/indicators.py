"""List every figure a unit can use for a period, with its value: staff check their data
before a report, and tests and checks read figures from outside.

    python manage.py indicators --year 2021 --unit 360313
    python manage.py indicators --year 2021 --period H1 --format csv
    python manage.py indicators --period 2021-01-01..2021-03-31 --area welfare
"""

import csv

from django.core.management.base import BaseCommand, CommandError

from fedportal import indicators
from fedportal.indicators import format_value, plain_number
from fedportal.models import OrgUnit
from fedportal.periods import Period, PeriodError


class Command(BaseCommand):
    help = "列出某单位某期间可用的全部指标及其取值（代码、名称、取值、计量单位）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="年度，如 2021")
        parser.add_argument(
            "--period",
            default="",
            help="全年留空；H1/H2（半年）、Q1–Q4（季度）、M05（月），"
            "或完整写法 2021H1、2021-01-01..2021-06-30",
        )
        parser.add_argument("--unit", help="单位代码；不填时为最上级单位")
        parser.add_argument("--area", help="只列一个业务领域，如 welfare")
        parser.add_argument("--format", choices=("table", "csv"), default="table")
        parser.add_argument("--nonzero", action="store_true", help="只列取值不为零的指标")

    def handle(self, *args, **options):
        period = self._period(options["year"], options["period"])
        unit = self._unit(options["unit"])
        registry = indicators.registry()
        rows = []
        for indicator in registry.all(options["area"], unit):
            spec = indicator.spec(unit)
            value = indicator.value(period, unit)
            if options["nonzero"] and not value:
                continue
            rows.append(
                (
                    indicator.key,
                    spec.label,
                    "" if value is None else plain_number(value),
                    spec.unit,
                    format_value(value, spec.unit),
                )
            )
        for problem in registry.problems:
            self.stderr.write(f"无法计算的指标：{problem}")
        if options["format"] == "csv":
            writer = csv.writer(self.stdout)
            writer.writerow(["代码", "名称", "取值", "计量单位"])
            writer.writerows(row[:4] for row in rows)
            return
        self.stdout.write(f"{unit.name}{period.label}：{len(rows)} 个指标")
        for key, label, _, _, text in rows:
            self.stdout.write(f"{key}\t{label}\t{text}")

    def _period(self, year, part) -> Period:
        text = part if (not year or not part or part[:4].isdigit()) else f"{year}{part}"
        if not text:
            if not year:
                raise CommandError("请用 --year 指定年度，或用 --period 指定期间。")
            text = str(year)
        try:
            return Period.parse(text)
        except PeriodError as error:
            raise CommandError(str(error)) from None

    def _unit(self, code) -> OrgUnit:
        if code:
            unit = OrgUnit.objects.filter(code=code).first()
            if unit is None:
                raise CommandError(f"没有代码为“{code}”的单位。")
            return unit
        root = OrgUnit.objects.get_root_nodes().first()
        if root is None:
            raise CommandError("还没有组织单位，请先导入组织树。")
        return root
