from django.apps import AppConfig


class WelfareConfig(AppConfig):
    """帮扶项目、募捐、救助发放、两癌筛查。"""

    name = "welfare"
    verbose_name = "妇儿民生"
