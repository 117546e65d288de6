"""Rights-protection indicators; none reads `Complainant` or any personal field.

- rights.cases_received: cases received in the year (report: 全年受理妇女维权案件15件).
- rights.cases_closed: of those, cases closed (report: 受理并妥处 15件).
- rights.service_points_opened: rights service points opened in the year (report: the
  维权法律服务站 and the 婚姻家庭纠纷调处中心).
- rights.mediations: marriage and family dispute mediations held in the year.
- rights.mediations_settled: of those, mediations that settled the dispute.
- rights.mediation_parties: parties taking part in the year's mediations.
"""

from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Coalesce

from fedportal.indicators import Indicator, register
from rights.models import Mediation, RightsCase, ServicePoint

CASE_DIMENSIONS = {
    "来源渠道": "channel__name",
    "诉求类别": "category_group",
    "办理状态": "status_label",
}


def _choice_label(field, choices):
    """The Chinese label of a choice field, as a query expression for breakdowns."""
    whens = [When(**{field: value}, then=Value(label)) for value, label in choices]
    return Case(*whens, default=F(field), output_field=CharField())


def cases_received(year):
    # Only case fields: the top-level category and the status label are computed in SQL.
    return RightsCase.objects.for_year(year).annotate(
        category_group=Coalesce("category__parent__name", "category__name"),
        status_label=_choice_label("status", RightsCase.Status.choices),
    )


def cases_closed(year):
    return cases_received(year).closed()


def service_points_opened(year):
    return ServicePoint.objects.filter(opened_on__year=year).annotate(
        kind_label=_choice_label("kind", ServicePoint.Kind.choices)
    )


def mediations(year):
    return Mediation.objects.filter(mediated_on__year=year).annotate(
        outcome_label=_choice_label("outcome", Mediation.Outcome.choices),
        dispute_group=Coalesce("dispute_type__parent__name", "dispute_type__name"),
    )


def mediations_settled(year):
    return mediations(year).filter(outcome=Mediation.Outcome.SETTLED)


MEDIATION_DIMENSIONS = {
    "调解结果": "outcome_label",
    "纠纷类型": "dispute_group",
    "调解地点": "service_point__name",
}

register(
    Indicator(
        key="rights.cases_received",
        label="受理妇女维权案件",
        unit="件",
        records=cases_received,
        dimensions=CASE_DIMENSIONS,
        date_field="received_on",
        description="全年通过12338维权热线、信访接待等形式受理的妇女维权案件。",
    ),
    Indicator(
        key="rights.cases_closed",
        label="妥处（办结）妇女维权案件",
        unit="件",
        records=cases_closed,
        dimensions=CASE_DIMENSIONS,
        date_field="received_on",
        description="当年受理的案件中已办结的；按受理月份分解。",
    ),
    Indicator(
        key="rights.service_points_opened",
        label="新建维权服务站点",
        unit="个",
        records=service_points_opened,
        dimensions={"类型": "kind_label"},
        date_field="opened_on",
        description="当年建成的妇女儿童维权法律服务站、婚姻家庭纠纷调处中心和妇女之家维权点。",
    ),
    Indicator(
        key="rights.mediations",
        label="婚姻家庭纠纷调解",
        unit="次",
        records=mediations,
        dimensions=MEDIATION_DIMENSIONS,
        date_field="mediated_on",
    ),
    Indicator(
        key="rights.mediations_settled",
        label="婚姻家庭纠纷调解成功",
        unit="次",
        records=mediations_settled,
        dimensions=MEDIATION_DIMENSIONS,
        date_field="mediated_on",
    ),
    Indicator(
        key="rights.mediation_parties",
        label="参加纠纷调解的当事人",
        unit="人",
        records=mediations,
        measure="parties_count",
        dimensions=MEDIATION_DIMENSIONS,
        date_field="mediated_on",
    ),
)
