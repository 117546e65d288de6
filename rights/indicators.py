"""What rights-protection figures can count (see fedportal.indicators); none reads
`Complainant` or any personal field. Every channel and case category gets a figure of its
own from the lists.
"""

from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Coalesce

from fedportal.indicators import EntryFigures, Source, register_source
from fedportal.tallies import tally_source
from rights.models import Mediation, RightsCase, RightsTally, ServicePoint


def _choice_label(field, choices):
    """The Chinese label of a choice field, as a query expression for breakdowns."""
    whens = [When(**{field: value}, then=Value(label)) for value, label in choices]
    return Case(*whens, default=F(field), output_field=CharField())


register_source(
    Source(
        key="rights.case",
        label="维权案件",
        model=RightsCase,
        count_unit="件",
        year="year",
        date="received_on",
        until="closed_on",
        # Only case fields: the top-level category and the status label are computed in SQL.
        annotations={
            "category_group": lambda: Coalesce("category__parent__name", "category__name"),
            "status_label": lambda: _choice_label("status", RightsCase.Status.choices),
        },
        dimensions={
            "来源渠道": "channel__name",
            "诉求类别": "category_group",
            "办理状态": "status_label",
        },
        entries=(
            EntryFigures(("channel",), "“{channel}”受理案件"),
            EntryFigures(("category",), "“{category}”案件"),
        ),
    ),
    Source(
        key="rights.service_point",
        label="维权服务站点（按建成日期）",
        model=ServicePoint,
        count_unit="个",
        date="opened_on",
        annotations={"kind_label": lambda: _choice_label("kind", ServicePoint.Kind.choices)},
        dimensions={"类型": "kind_label"},
    ),
    Source(
        key="rights.mediation",
        label="婚姻家庭纠纷调解",
        model=Mediation,
        count_unit="次",
        date="mediated_on",
        annotations={
            "outcome_label": lambda: _choice_label("outcome", Mediation.Outcome.choices),
            "dispute_group": lambda: Coalesce("dispute_type__parent__name", "dispute_type__name"),
        },
        dimensions={
            "调解结果": "outcome_label",
            "纠纷类型": "dispute_group",
            "调解地点": "service_point__name",
        },
        units={"parties_count": "人"},
        entries=(EntryFigures(("dispute_type",), "“{dispute_type}”纠纷调解"),),
    ),
    tally_source("rights.tally", "维权工作汇总", RightsTally),
)
