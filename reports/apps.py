from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """指标、领导驾驶舱、年度工作报告与下年度打算。"""

    name = "reports"
    verbose_name = "报告与统计"
