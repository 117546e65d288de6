from crispy_forms.helper import FormHelper
from django import forms

from fedportal import indicators
from fedportal.versions import versioned_form
from reports.models import PlanItem, PlanTarget, Report, ReportSection


class CrispyModelForm(forms.ModelForm):
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


@versioned_form
class ReportForm(CrispyModelForm):
    class Meta:
        model = Report
        fields = ["title", "opening", "plan_intro"]
        widgets = {
            "opening": forms.Textarea(attrs={"rows": 6}),
            "plan_intro": forms.Textarea(attrs={"rows": 4}),
        }


@versioned_form
class SectionForm(CrispyModelForm):
    class Meta:
        model = ReportSection
        fields = ["order", "headline", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}


@versioned_form
class PlanItemForm(CrispyModelForm):
    class Meta:
        model = PlanItem
        fields = ["order", "heading", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}


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
