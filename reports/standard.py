"""The standard text of a unit's report: what a year with no written report shows, and
what "以此为底稿新建报告" starts a report from.

It is the template of the unit, or else of its nearest ancestor that has one (a city's
serves its districts, a district's its townships), with "{年度}", "{下一年}" and
"{单位}" filled in. A unit that no template serves gets a text made from its own records
(`reports.generic`): each work area it has records in, saying what it did.
"""

from dataclasses import dataclass

from fedportal.models import OrgUnit
from reports.models import ReportTemplate
from reports.placeholders import WORDS


@dataclass(frozen=True)
class StandardText:
    opening: str
    sections: list[tuple[str, str, str]]  # (headline, body, what to say when nothing is left)
    plan_intro: str
    # The template it comes from; None: made from the unit's records.
    template: ReportTemplate | None = None


def fill_words(text: str, unit: OrgUnit, year: int) -> str:
    values = (str(year), str(year + 1), unit.name)
    for word, value in zip(WORDS, values, strict=True):
        text = text.replace(word, value)
    return text


def template_text(
    template: ReportTemplate, unit: OrgUnit, year: int, *, fill: bool = True
) -> StandardText:
    def filled(text):
        return fill_words(text, unit, year) if fill else text

    sections = [(s.headline, filled(s.body), s.empty_text) for s in template.sections.all()]
    return StandardText(filled(template.opening), sections, filled(template.plan_intro), template)


def standard_text(unit: OrgUnit, year: int, *, fill: bool = True) -> StandardText:
    """The standard text serving `unit`, for `year`; without `fill`, its words ("{年度}" …)
    are left as they are, for a template to be made from it."""
    template = ReportTemplate.objects.serving(unit)
    if template is not None:
        return template_text(template, unit, year, fill=fill)
    from reports.generic import generic_text

    text = generic_text(unit, year)
    if not fill:
        return text
    return StandardText(
        fill_words(text.opening, unit, year),
        [(h, fill_words(b, unit, year), e) for h, b, e in text.sections],
        fill_words(text.plan_intro, unit, year),
    )
