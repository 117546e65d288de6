from import_export import fields

from fedportal.imports import ReferenceWidget, ScopedResource
from tests.scopetest.models import Note, NoteKind


class NoteResource(ScopedResource):
    title = fields.Field(attribute="title", column_name="标题")
    kind = fields.Field(attribute="kind", column_name="类别", widget=ReferenceWidget(NoteKind))
    year = fields.Field(attribute="year", column_name="年度")
    count = fields.Field(attribute="count", column_name="数量")
    id_number = fields.Field(attribute="id_number", column_name="身份证号码")
    remarks = fields.Field(attribute="remarks", column_name="备注")

    class Meta(ScopedResource.Meta):
        model = Note
        fields = ("id", "org_unit", "title", "kind", "year", "count", "id_number", "remarks")
