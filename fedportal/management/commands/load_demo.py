from django.core.management.base import BaseCommand

from fedportal.demo import DEMO_PASSWORD, USERS, load_demo


class Command(BaseCommand):
    help = "载入演示数据（演示区的组织树、各角色演示账号和业务记录）。可重复运行，已有数据不变。"

    def handle(self, *args, **options):
        result = load_demo()
        self.stdout.write(
            f"新增单位 {result['units_created']} 个；新增账号："
            f"{'、'.join(result['users_created']) or '无'}。"
        )
        for area, count in result["records_created"].items():
            self.stdout.write(f"{area}：新增记录 {count} 条。")
        self.stdout.write(f"年度工作报告：新增 {result['reports_created']} 份。")
        self.stdout.write(f"数据报送：新增 {result['returns_created']} 份。")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, full_name, role_names, *_ in USERS:
            self.stdout.write(f"  {username:<10} {full_name}（{'、'.join(role_names)}）")
