from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fedportal.backups import BackupError, database_restore, size_text


class Command(BaseCommand):
    help = "用备份文件恢复数据库。会覆盖数据库中的全部现有数据，须加 --yes 确认。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="backup 命令生成的备份文件")
        parser.add_argument(
            "--yes", action="store_true", help="确认用备份覆盖数据库中的全部现有数据"
        )

    def handle(self, *args, **options):
        name = settings.DATABASES["default"]["NAME"]
        if not options["yes"]:
            raise CommandError(
                f"恢复会用备份覆盖数据库“{name}”中的全部现有数据，且无法撤销。"
                "确认无误后请加 --yes 重新运行（make restore FILE=… YES=1）。"
            )
        try:
            backup = database_restore(options["file"])
        except BackupError as exc:
            raise CommandError(f"{exc} 数据库未被改动。") from exc
        self.stdout.write(f"已用 {backup.path}（{size_text(backup.size)}）恢复数据库“{name}”。")
