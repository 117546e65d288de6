from django import forms
from django.db import transaction
from import_export.forms import SelectableFieldsExportForm

from fedportal.models import OrgUnit
from fedportal.scoping import under


class OrgUnitForm(forms.ModelForm):
    """Adds or edits a unit by naming its parent; the tree path is kept by treebeard."""

    parent = forms.ModelChoiceField(
        label="上级单位",
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text="只有超级管理员可以新建顶级单位。",
    )

    class Meta:
        model = OrgUnit
        fields = ["name", "code", "level"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        choices = OrgUnit.objects.in_scope(user).exclude(level=OrgUnit.Level.GROUP)
        if self.instance.pk:
            # A unit cannot move under itself or its own descendants.
            choices = choices.exclude(under("", self.instance))
            self.initial.setdefault("parent", getattr(self.instance.parent, "pk", None))
        self.fields["parent"].queryset = choices
        self.fields["parent"].required = not user.is_superuser

    def clean(self):
        cleaned = super().clean()
        parent, level = cleaned.get("parent"), cleaned.get("level")
        if level is None:
            return cleaned
        if parent is None:
            if not self.user.is_superuser:
                self.add_error("parent", "请选择上级单位。")
        elif level != parent.level + 1:
            expected = OrgUnit.Level(parent.level + 1).label if parent.level < 5 else None
            self.add_error(
                "level",
                f"“{parent.name}”是{parent.get_level_display()}，其下级应为{expected}。"
                if expected
                else f"“{parent.name}”是{parent.get_level_display()}，不能再有下级单位。",
            )
        if self.instance.pk and level != self.instance.level and self.instance.numchild:
            self.add_error("level", "该单位已有下级单位，不能修改层级。")
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        parent = self.cleaned_data.get("parent")
        unit = self.instance
        if unit.pk is None:
            fields = {f: self.cleaned_data[f] for f in ("name", "code", "level")}
            unit = (
                OrgUnit.objects.add_child(parent, fields)
                if parent
                else OrgUnit.objects.add_root(fields)
            )
            self.instance = unit
            return unit
        unit.save()
        if parent is not None and parent.pk != getattr(unit.parent, "pk", None):
            OrgUnit.objects.move(unit, parent, pos="sorted-child")
            unit.refresh_from_db()
        return unit

    def save_m2m(self):
        pass


class ExportForm(SelectableFieldsExportForm):
    """django-import-export's export form in Chinese: each column by its Chinese name alone
    (the library writes "Id Number (身份证号码)"), and the file format preselected, xlsx
    first (the admin's formats list it first), instead of an empty "---" to pick from."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["resource"].label = "数据"
        file_format = self.fields["format"]
        file_format.label = "文件格式"
        file_format.choices = [choice for choice in file_format.choices if choice[0] != ""]
        file_format.initial = "0"
        file_format.help_text = "xlsx 保留数字、日期格式，可直接求和、筛选；CSV 适合导入其他系统。"
        for resource in resources:
            columns = {name: field.column_name for name, field in resource.fields.items()}
            for name in resource().get_export_order():
                form_field = self.fields.get(self.create_boolean_field_name(resource, name))
                if form_field is not None and columns.get(name):
                    form_field.label = columns[name]

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid":
                raise forms.ValidationError("请至少选择一列导出。", code="invalid") from None
            raise
