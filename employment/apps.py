from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    """技能培训班、学员、招聘会。"""

    name = "employment"
    verbose_name = "技能就业"
