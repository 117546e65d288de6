from django.apps import AppConfig


class HonorsConfig(AppConfig):
    """个人与集体荣誉、表彰活动、本会所获荣誉。"""

    name = "honors"
    verbose_name = "评先评优"
