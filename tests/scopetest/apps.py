from django.apps import AppConfig


class ScopetestConfig(AppConfig):
    name = "tests.scopetest"
    label = "scopetest"
    verbose_name = "范围测试"
