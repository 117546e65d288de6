"""Indicators of the skills-training and job-fair work (技能就业).

Figures of the 2021 annual report ("联合湘东职专开办了7期家政技能培训班，帮助400余名妇女掌握了家政
服务技能。会同人社部门举办了女性专场招聘会"):
- employment.housekeeping_classes: 家政技能培训班 held with 湘东职专, counted in 期.
- employment.housekeeping_trainees: their trainees (the classes' 参训人数 summed), in 名.
- employment.womens_job_fairs: 女性专场招聘会 held, in 场.
- employment.womens_job_fair_positions: positions offered at them, in 个.
- employment.womens_job_fair_hires: women who reached a job agreement at them, in 人.

General figures for the dashboard:
- employment.classes: all training classes, in 期, by 培训类别 and 合作单位.
- employment.trainees: all trainees (参训人数 summed), in 名, by 培训类别 and 合作单位.
- employment.certified: trainees who gained a skills certificate (取证人数 summed), in 名.
- employment.employed_trainees: rostered trainees who found work after their class, in 名.
- employment.job_fair_hires: job agreements reached at all job fairs, in 人.
"""

from employment.models import JobFair, Trainee, TrainingClass
from fedportal.indicators import Indicator, register

HOUSEKEEPING = "家政"
VOCATIONAL_SCHOOL = "湘东职专"
WOMENS_JOB_FAIR = "女性专场招聘会"

CLASS_DIMENSIONS = {"培训类别": "kind__name", "合作单位": "partner"}


def training_classes(year):
    return TrainingClass.objects.for_year(year)


def housekeeping_classes(year):
    """家政 classes run with 湘东职专."""
    return training_classes(year).filter(kind__name=HOUSEKEEPING, partner=VOCATIONAL_SCHOOL)


def employed_trainees(year):
    return Trainee.objects.for_year(year).filter(employed=True)


def job_fairs(year):
    return JobFair.objects.for_year(year)


def womens_job_fairs(year):
    return job_fairs(year).filter(name=WOMENS_JOB_FAIR)


register(
    Indicator(
        key="employment.housekeeping_classes",
        label="联合湘东职专开办家政技能培训班",
        unit="期",
        records=housekeeping_classes,
        date_field="start_date",
    ),
    Indicator(
        key="employment.housekeeping_trainees",
        label="家政技能培训班参训妇女",
        unit="名",
        records=housekeeping_classes,
        measure="trainees",
        date_field="start_date",
        description="各期家政技能培训班参训人数之和（年度报告称“400余名”）。",
    ),
    Indicator(
        key="employment.womens_job_fairs",
        label="女性专场招聘会",
        unit="场",
        records=womens_job_fairs,
        dimensions={"合作单位": "partner"},
        date_field="date",
    ),
    Indicator(
        key="employment.womens_job_fair_positions",
        label="女性专场招聘会提供岗位",
        unit="个",
        records=womens_job_fairs,
        measure="positions",
        date_field="date",
    ),
    Indicator(
        key="employment.womens_job_fair_hires",
        label="女性专场招聘会达成就业意向",
        unit="人",
        records=womens_job_fairs,
        measure="hires",
        date_field="date",
    ),
    Indicator(
        key="employment.classes",
        label="技能培训班",
        unit="期",
        records=training_classes,
        dimensions=CLASS_DIMENSIONS,
        date_field="start_date",
    ),
    Indicator(
        key="employment.trainees",
        label="技能培训参训人数",
        unit="名",
        records=training_classes,
        measure="trainees",
        dimensions=CLASS_DIMENSIONS,
        date_field="start_date",
    ),
    Indicator(
        key="employment.certified",
        label="技能培训取证人数",
        unit="名",
        records=training_classes,
        measure="certified",
        dimensions=CLASS_DIMENSIONS,
        date_field="start_date",
    ),
    Indicator(
        key="employment.employed_trainees",
        label="培训后就业学员",
        unit="名",
        records=employed_trainees,
        dimensions={"就业单位": "employer"},
        date_field="training_class__start_date",
        description="按学员名单统计，学员计入其所属单位；只含已录入名单的培训班。",
    ),
    Indicator(
        key="employment.job_fair_hires",
        label="招聘会达成就业意向人数",
        unit="人",
        records=job_fairs,
        measure="hires",
        dimensions={"招聘会": "name", "合作单位": "partner"},
        date_field="date",
    ),
)
