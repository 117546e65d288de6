"""What skills-training and job-fair figures can count (see fedportal.indicators). Every
training kind and job-fair type gets its figures from the lists; classes run with a given
partner are a definition filtering on the partner, data of the district that needs it.
"""

from employment.models import EmploymentTally, JobFair, Trainee, TrainingClass
from fedportal.indicators import SUM, EntryFigures, EntryMeasure, Source, register_source
from fedportal.tallies import tally_source

register_source(
    Source(
        key="employment.training_class",
        label="培训班",
        model=TrainingClass,
        count_unit="期",
        year="year",
        date="start_date",
        dimensions={"培训类别": "kind__name", "合作单位": "partner"},
        text_fields=("partner",),
        units={"trainees": "名", "certified": "名", "planned_places": "名"},
        not_summed=("session",),
        entries=(
            EntryFigures(
                ("kind",),
                "“{kind}”",
                (
                    EntryMeasure("", label="{}培训班"),
                    EntryMeasure("trainees", SUM, "trainees", "名", "{}参训人数"),
                    EntryMeasure("certified", SUM, "certified", "名", "{}取证人数"),
                ),
            ),
        ),
    ),
    Source(
        key="employment.trainee",
        label="培训学员（名单）",
        model=Trainee,
        count_unit="名",
        year="training_class__year",
        date="training_class__start_date",
        dimensions={"就业单位": "employer", "培训类别": "training_class__kind__name"},
        related={"培训类别": "training_class__kind"},
    ),
    Source(
        key="employment.job_fair",
        label="招聘会",
        model=JobFair,
        count_unit="场",
        date="date",
        dimensions={"类型": "kind__name", "招聘会": "name", "合作单位": "partner"},
        text_fields=("name", "partner"),
        units={"employers": "家", "positions": "个", "attendees": "人", "hires": "人"},
        entries=(
            EntryFigures(
                ("kind",),
                "“{kind}”",
                (
                    EntryMeasure("", label="{}招聘会"),
                    EntryMeasure("positions", SUM, "positions", "个", "{}提供岗位"),
                    EntryMeasure("hires", SUM, "hires", "人", "{}达成就业意向"),
                ),
            ),
        ),
    ),
    tally_source("employment.tally", "技能就业汇总", EmploymentTally),
)
