"""What 妇儿民生 figures can count (see fedportal.indicators): grants of money and goods,
fundraising, 两癌 screening and the area's tallies. Every programme gets its figures from
the list — grants (人次), recipients, money for programmes that give money, goods in the
programme's own unit and their value for those that give goods — so a goods programme is
never shown as "0元".
"""

from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Cast, Concat

from fedportal.indicators import DISTINCT, SUM, EntryFigures, EntryMeasure, Source, register_source
from fedportal.tallies import tally_source
from welfare.models import Fundraising, Grant, Screening, WelfareTally


def _recipient():
    """Who a grant went to, for counting people once: the ID number where there is one,
    else the name within its unit. Used only inside COUNT(DISTINCT …), never shown."""
    return Case(
        When(
            id_number="",
            then=Concat(
                "beneficiary_name", Value("@"), Cast("org_unit_id", output_field=CharField())
            ),
        ),
        default=F("id_number"),
        output_field=CharField(),
    )


RECIPIENTS = "受助人数"

register_source(
    Source(
        key="welfare.grant",
        label="救助发放",
        model=Grant,
        count_unit="人次",
        year="year",
        date="date",
        dimensions={
            "帮扶项目": "programme__name",
            "城乡": "residence",
            "受助对象": "recipient_type",
            "资助方式": "subsidy_type",
        },
        related={"项目类别": "programme__category", "项目发放内容": "programme__gives"},
        distinct={RECIPIENTS: _recipient},
        units={"amount": "元", "goods_value": "元"},
        not_summed=("age",),
        entries=(
            EntryFigures(
                ("programme",),
                "“{programme}”",
                (
                    EntryMeasure("", label="{}发放"),
                    EntryMeasure("recipients", DISTINCT, RECIPIENTS, "人", "{}受助人数"),
                    EntryMeasure("amount", SUM, "amount", "元", "{}发放金额", "gives_money"),
                    EntryMeasure(
                        "quantity", SUM, "quantity", "@default_unit", "{}物资数量", "gives_goods"
                    ),
                    EntryMeasure("value", SUM, "goods_value", "元", "{}物资价值", "gives_goods"),
                ),
            ),
        ),
    ),
    Source(
        key="welfare.fundraising",
        label="募捐",
        model=Fundraising,
        count_unit="笔",
        year="year",
        date="date",
        dimensions={"帮扶项目": "programme__name"},
        units={"amount": "元"},
        entries=(
            EntryFigures(
                ("programme",),
                "“{programme}”",
                (EntryMeasure("", SUM, "amount", "元", "{}筹集资金"),),
            ),
        ),
    ),
    Source(
        key="welfare.screening",
        label="两癌筛查",
        model=Screening,
        count_unit="次",
        year="year",
        date="start_date",
        dimensions={"筛查对象": "population"},
    ),
    tally_source("welfare.tally", "妇儿民生汇总", WelfareTally),
)
