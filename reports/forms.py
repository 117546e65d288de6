from crispy_forms.helper import FormHelper
from django import forms

from fedportal import indicators
from fedportal.versions import versioned_form
from reports.models import (
    MAX_PARTS,
    PlanItem,
    PlanTarget,
    Report,
    ReportSection,
    ReportTemplate,
    TemplateSection,
)
from reports.placeholders import placeholder_errors


class UnitTextsMixin:
    """A form whose texts hold placeholders, checked against the figures of `unit` (pass it
    as a keyword): a figure named in Chinese is found among the unit's own words, and a
    figure of another unit's is refused. `words` allows a template's "{年度}" …"""

    words = False

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit

    def clean(self):
        cleaned_data = super().clean()
        if self.unit is None:
            return cleaned_data
        for name, field in self.fields.items():
            value = cleaned_data.get(name)
            if isinstance(field.widget, forms.Textarea) and value and name not in self.errors:
                for message in placeholder_errors(value, self.unit, words=self.words):
                    self.add_error(name, message)
        return cleaned_data


class CrispyModelForm(UnitTextsMixin, forms.ModelForm):
    """A model form laid out by crispy-forms inside the page's own <form> tag."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


# The edit forms below carry the version of what they edit, as the admin's change forms do
# (fedportal.versions.VersionedFormMixin): a save over a change made since the page was loaded
# is refused, naming who made it and when. A plan item's targets are saved with the item,
# whose version moves on every save, so the item's version covers them too.


# The text areas the editor previews say what they hold (data-preview), so that its script
# renders them as the report will.
def _text(rows: int, kind: str):
    return forms.Textarea(attrs={"rows": rows, "data-preview": kind})


@versioned_form
class ReportForm(CrispyModelForm):
    class Meta:
        model = Report
        fields = ["title", "opening", "plan_intro"]
        widgets = {"opening": _text(6, "opening"), "plan_intro": _text(4, "plan_intro")}
        help_texts = {
            "title": "留空则为“{单位}妇联{年度}年工作情况和{下一年}年主要工作打算汇报”。"
            "标题较长时自动在词意完整处转行；也可用“|”指定转行处，如“……工作情况和|2022年……”。"
        }


# Sections and plan items are ordered by moving them on the report's page, not by a number.
@versioned_form
class SectionForm(CrispyModelForm):
    class Meta:
        model = ReportSection
        fields = ["headline", "body", "empty_text"]
        widgets = {"body": _text(12, "section")}


@versioned_form
class PlanItemForm(CrispyModelForm):
    class Meta:
        model = PlanItem
        fields = ["heading", "body"]
        widgets = {"body": _text(10, "plan_item")}


class TargetFormSetHelper(FormHelper):
    form_tag = False
    disable_csrf = True
    template = "bootstrap5/table_inline_formset.html"


class PlanTargetForm(forms.ModelForm):
    """A target on one of the figures the report's unit has (pass `unit` in form_kwargs)."""

    class Meta:
        model = PlanTarget
        fields = ["indicator", "comparison", "target"]

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        figures = indicators.all_indicators(unit=unit)
        choices = [(i.key, f"{i.spec(unit).label}（{i.spec(unit).unit}）") for i in figures]
        self.fields["indicator"] = forms.ChoiceField(
            label="指标", choices=[("", "---------"), *choices]
        )


TargetFormSet = forms.inlineformset_factory(
    PlanItem,
    PlanTarget,
    form=PlanTargetForm,
    fields=["indicator", "comparison", "target"],
    extra=1,
    can_delete=True,
    max_num=10,
    validate_max=True,
)


class OpenReportForm(forms.Form):
    """Pick the unit and year of a report to open."""

    unit = forms.ChoiceField(label="单位")
    year = forms.IntegerField(label="年度", min_value=1949, max_value=2100)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]


# A unit's standard text: its opening and plan intro, and its sections in one formset. The
# template's version covers its sections, as a plan item's covers its targets: the template
# is saved with every change of its sections.
@versioned_form
class TemplateForm(CrispyModelForm):
    words = True

    class Meta:
        model = ReportTemplate
        fields = ["opening", "plan_intro"]
        widgets = {"opening": _text(4, "opening"), "plan_intro": _text(3, "plan_intro")}


class TemplateSectionForm(UnitTextsMixin, forms.ModelForm):
    words = True

    class Meta:
        model = TemplateSection
        fields = ["order", "headline", "body", "empty_text"]
        widgets = {"body": _text(6, "section")}


class TemplateSectionFormSetHelper(FormHelper):
    form_tag = False
    disable_csrf = True


TemplateSectionFormSet = forms.inlineformset_factory(
    ReportTemplate,
    TemplateSection,
    form=TemplateSectionForm,
    extra=1,
    can_delete=True,
    max_num=MAX_PARTS,
    validate_max=True,
)
