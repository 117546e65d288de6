from django.core.exceptions import ValidationError
from django.db import models

from fedportal.models import ReferenceList, ScopedRecord
from fedportal.scoping import ScopedQuerySet


class NoteKind(ReferenceList):
    class Meta(ReferenceList.Meta):
        verbose_name = "测试类别"
        verbose_name_plural = "测试类别"


def mask_tail(value):
    return (value[:4] + "*" * (len(value) - 8) + value[-4:]) if value else ""


class Note(ScopedRecord):
    title = models.CharField("标题", max_length=50)
    kind = models.ForeignKey(
        NoteKind, on_delete=models.PROTECT, null=True, blank=True, verbose_name="类别"
    )
    year = models.PositiveSmallIntegerField("年度", default=2021)
    day = models.DateField("日期", null=True, blank=True)
    closed_on = models.DateField("结束日期", null=True, blank=True)
    urgent = models.BooleanField("紧急", default=False)
    count = models.IntegerField("数量", default=0)
    id_number = models.CharField("身份证号码", max_length=18, blank=True)
    remarks = models.TextField("备注", blank=True)

    personal_fields = {"id_number": mask_tail}

    class Meta(ScopedRecord.Meta):
        verbose_name = "测试记录"
        verbose_name_plural = "测试记录"
        permissions = [("view_personal_note", "查看测试记录中的个人信息")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(count__gte=0),
                name="scopetest_note_count_nonnegative",
                violation_error_message="数量不能为负数。",
            ),
            models.UniqueConstraint(
                fields=["title", "org_unit", "year"],
                name="scopetest_note_unique",
                violation_error_message="同一单位同一年度已有同名记录。",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.title == "禁止":
            raise ValidationError({"title": "标题不能是“禁止”。"})


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
