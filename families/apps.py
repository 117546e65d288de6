from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    """家庭创建表彰、家庭教育活动、家长学校、家风家教基地。"""

    name = "families"
    verbose_name = "家庭工作"
