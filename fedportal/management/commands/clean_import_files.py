import time

from django.conf import settings
from django.core.management.base import BaseCommand

from fedportal.tmp_storages import clean_folder


class Command(BaseCommand):
    help = (
        "删除导入预览后一直没有确认的上传文件（超过 IMPORT_FILE_LIFETIME 秒，默认一小时）。"
        "文件可能含有个人信息；请用 cron 定时运行，如每 15 分钟一次。"
    )

    def handle(self, *args, **options):
        removed = clean_folder(settings.IMPORT_FILE_LIFETIME, time.time())
        self.stdout.write(f"已删除 {removed} 个过期的待确认导入文件（{settings.IMPORT_TMP_DIR}）。")
