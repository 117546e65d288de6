from django.db import models

from fedportal.models import ScopedRecord
from fedportal.scoping import ScopedQuerySet


class Note(ScopedRecord):
    title = models.CharField("标题", max_length=50)

    class Meta:
        verbose_name = "测试记录"
        verbose_name_plural = "测试记录"

    def __str__(self):
        return self.title


class Comment(models.Model):
    """Reaches its unit through its note, as a trainee does through its class."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, verbose_name="记录")
    text = models.CharField("内容", max_length=50)

    objects = ScopedQuerySet.as_manager()
    scope_unit_field = "note__org_unit"

    class Meta:
        verbose_name = "测试评论"
        verbose_name_plural = "测试评论"

    def __str__(self):
        return self.text
