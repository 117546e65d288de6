from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """报送与审核: each unit's return of a period's data, its review, approval and lock."""

    name = "returns"
    verbose_name = "数据报送与审核"
