"""What honors figures can count (see fedportal.indicators): honors of people and
collectives, commendations held, and the federation's own honors. Every honor title × level
gets a figure of its own from the lists.
"""

from fedportal.indicators import EntryFigures, EntryMeasure, Source, register_source
from fedportal.tallies import tally_source
from honors.models import CommendationEvent, FederationHonor, Honor, HonorTally

COUNTED_BY_TITLE = (EntryMeasure("", unit="@count_word"),)

register_source(
    Source(
        key="honors.honor",
        label="荣誉",
        model=Honor,
        count_unit="个",
        year="year",
        date="conferred_on",
        dimensions={"级别": "level__name", "称号": "title__name", "对象类型": "recipient_type"},
        # Counted in the title's own word: 名 for people, 个 for collectives.
        entries=(
            EntryFigures(("title", "level"), "{level}“{title}”", COUNTED_BY_TITLE),
            EntryFigures(("title",), "“{title}”（各级合计）", COUNTED_BY_TITLE),
        ),
    ),
    Source(
        key="honors.event",
        label="表彰活动",
        model=CommendationEvent,
        count_unit="场",
        date="held_on",
    ),
    Source(
        key="honors.federation_honor",
        label="本会所获荣誉",
        model=FederationHonor,
        count_unit="个",
        year="year",
        dimensions={"类别": "kind", "级别": "level__name"},
    ),
    tally_source("honors.tally", "评先评优汇总", HonorTally),
)
