from django.core.management.base import BaseCommand, CommandError

from fedportal.backups import BackupError, database_backup, default_folder, size_text


class Command(BaseCommand):
    help = (
        "备份数据库：PostgreSQL 用 pg_dump（custom 格式），SQLite 复制数据库文件。"
        "备份文件写到 backups/（或环境变量 BACKUP_DIR、--dir 指定的目录）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", help=f"备份目录，默认 {default_folder()}")

    def handle(self, *args, **options):
        try:
            backup = database_backup(folder=options["dir"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已备份到 {backup.path}（{size_text(backup.size)}）。")
