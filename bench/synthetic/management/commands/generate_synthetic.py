from django.core.management.base import BaseCommand, CommandError

from bench.synthetic.records import (
    DEFAULT_CITY,
    SyntheticDataError,
    synthetic_data_clear,
    synthetic_data_generate,
)


class Command(BaseCommand):
    help = (
        "生成用于性能测试和压力测试的模拟数据：在独立的模拟市（代码以99开头）下建立若干区、"
        "乡镇和村，并按实际工作的比例生成五个业务领域的记录。模拟市已存在时不再追加，"
        "请先用 --clear 清除或用 --city-code 另建一个模拟市。不要在正式环境中运行。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--districts", type=int, default=1, help="区（县）数，默认1")
        parser.add_argument("--years", type=int, default=1, help="年数，默认1")
        parser.add_argument(
            "--records", type=int, default=10_000, help="记录总数（五个领域合计），默认10000"
        )
        parser.add_argument("--seed", type=int, default=0, help="随机种子，相同种子生成相同数据")
        parser.add_argument(
            "--city-code",
            dest="city_code",
            help=f"模拟市代码，以99开头的4位数字，默认 {DEFAULT_CITY}；与 --clear 同用时只清除该市",
        )
        parser.add_argument(
            "--last-year", dest="last_year", type=int, help="最后一个年度，默认为上一年"
        )
        parser.add_argument(
            "--clear", action="store_true", help="删除模拟数据（模拟市及其下全部单位和记录）后退出"
        )

    def handle(
        self, *args, districts, years, records, seed, city_code, last_year, clear, **options
    ):
        try:
            if clear:
                self._clear(city_code)
            else:
                self._generate(
                    districts, years, records, seed, city_code or DEFAULT_CITY, last_year
                )
        except SyntheticDataError as error:
            raise CommandError(str(error)) from error

    def _clear(self, city_code):
        deleted = synthetic_data_clear(city_code=city_code, progress=self.stdout.write)
        if not deleted:
            self.stdout.write("没有模拟数据，无需清除。")
            return
        self.stdout.write(f"已清除模拟数据，共删除 {sum(deleted.values())} 行。")

    def _generate(self, districts, years, records, seed, city_code, last_year):
        summary = synthetic_data_generate(
            districts=districts,
            years=years,
            records=records,
            seed=seed,
            city_code=city_code,
            last_year=last_year,
            progress=self.stdout.write,
        )
        self.stdout.write(
            f"{summary.city.name}（{summary.city.code}）：{summary.districts} 个区，"
            f"{summary.years[0]}—{summary.years[-1]}年，新建单位 {summary.units_created} 个，"
            f"生成记录 {summary.records} 条，用时 {summary.seconds:.1f} 秒。"
        )
        self.stdout.write("各类记录：")
        for label, n in summary.created.items():
            self.stdout.write(f"  {label}：{n}")
