"""A figure source over the test model, for the figures mechanism's own tests."""

from fedportal.indicators import EntryFigures, EntryMeasure, Source, register_source
from tests.scopetest.models import Note

register_source(
    Source(
        key="scopetest.note",
        label="测试记录",
        model=Note,
        count_unit="条",
        year="year",
        date="day",
        until="closed_on",
        dimensions={"类别": "kind__name"},
        text_fields=("title",),
        units={"count": "个"},
        entries=(
            EntryFigures(
                ("kind",),
                "“{kind}”",
                (
                    EntryMeasure("", label="{}记录"),
                    EntryMeasure("count", "sum", "count", "个", "{}数量"),
                ),
            ),
        ),
    )
)
