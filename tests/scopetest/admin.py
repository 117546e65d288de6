from django.contrib import admin

from fedportal.admin import ScopedAdmin
from tests.scopetest.models import Comment, Note


@admin.register(Note)
class NoteAdmin(ScopedAdmin):
    list_display = ("title", "org_unit")


@admin.register(Comment)
class CommentAdmin(ScopedAdmin):
    list_display = ("text", "note")
    list_select_related = ("note__org_unit",)
