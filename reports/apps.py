from django.apps import AppConfig
from django.core import checks


class ReportsConfig(AppConfig):
    """指标、领导驾驶舱、年度工作报告与下年度打算。"""

    name = "reports"
    verbose_name = "报告与统计"

    def ready(self):
        from django.conf import settings

        from reports.checks import pdf_chinese_fonts, pdf_font_subsetting, report_faces
        from reports.fonts import use_font_dirs

        # Before anything in the process asks fontconfig for a font.
        use_font_dirs(settings.REPORT_FONT_DIRS)
        checks.register(pdf_font_subsetting)
        checks.register(pdf_chinese_fonts)
        checks.register(report_faces)
