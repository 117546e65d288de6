from django.apps import AppConfig


class RightsConfig(AppConfig):
    """维权案件、婚姻家庭纠纷调解、维权服务站点（保密）。"""

    name = "rights"
    verbose_name = "维权服务"
