from django.contrib import admin

from fedportal.admin import ReferenceListAdmin, ScopedAdmin, masked
from tests.scopetest.models import Comment, Note, NoteKind, mask_tail
from tests.scopetest.resources import NoteResource


@admin.register(NoteKind)
class NoteKindAdmin(ReferenceListAdmin):
    pass


@admin.register(Note)
class NoteAdmin(ScopedAdmin):
    resource_classes = [NoteResource]
    list_display = ("title", "org_unit", masked("id_number", mask_tail, "身份证号码"))
    id_number_fields = ("id_number",)


@admin.register(Comment)
class CommentAdmin(ScopedAdmin):
    list_display = ("text", "note")
    list_select_related = ("note__org_unit",)
