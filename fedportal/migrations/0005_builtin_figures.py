"""The built-in figures, as definitions every unit can use (see fedportal.indicators).

They keep the keys reports already use. Conditions name reference entries by code, so an
entry renamed in the admin keeps its figures. A district's own figure under one of these
keys replaces the built-in one in its subtree; staff define further figures in the admin.
"""

from django.db import migrations

# key, label, unit word, source, measure, field, [(filter field, operator, values)], extra
FIGURES = [
    # 家庭工作
    ("families.provincial_most_beautiful", "省级“最美家庭”", "户", "families.award", "count", "",
     [("kind", "in", "most_beautiful"), ("level", "in", "provincial")], {}),
    ("families.provincial_scholarly", "省级“书香家庭”", "户", "families.award", "count", "",
     [("kind", "in", "scholarly"), ("level", "in", "provincial")], {}),
    ("families.city_most_beautiful", "市级“最美家庭”", "户", "families.award", "count", "",
     [("kind", "in", "most_beautiful"), ("level", "in", "city")], {}),
    ("families.city_scholarly", "市级“书香家庭”", "户", "families.award", "count", "",
     [("kind", "in", "scholarly"), ("level", "in", "city")], {}),
    ("families.city_green", "市级“绿色（清洁）家庭”", "户", "families.award", "count", "",
     [("kind", "in", "green"), ("level", "in", "city")], {}),
    ("families.tradition_bases_designated", "命名家风家教示范基地", "个",
     "families.tradition_base", "count", "", [], {}),
    ("families.integrity_participants", "家庭助廉活动参与领导干部配偶", "名",
     "families.activity", "sum", "participants", [("activity_type", "in", "family_integrity")], {}),
    ("families.lecture_sessions", "“科学家教进万家”宣讲场次", "场", "families.activity", "sum",
     "sessions", [("activity_type", "in", "family_education_lecture")], {}),
    ("families.lecture_beneficiaries", "“科学家教进万家”宣讲受惠家长", "人", "families.activity",
     "sum", "beneficiaries", [("activity_type", "in", "family_education_lecture")], {}),
    ("families.demonstration_schools_designated", "命名示范家长学校", "所",
     "families.demonstration_school", "count", "", [], {}),
    ("families.awards", "家庭表彰", "户", "families.award", "count", "", [], {}),
    ("families.activity_sessions", "家庭教育活动场次", "场", "families.activity", "sum",
     "sessions", [], {}),
    ("families.activity_beneficiaries", "家庭教育活动受惠人数", "人", "families.activity", "sum",
     "beneficiaries", [], {}),
    ("families.parent_schools", "家长学校", "所", "families.parent_school", "count", "", [],
     {"basis": "stock"}),
    # 评先评优
    ("honors.national_red_banner_women", "全国“三八红旗手”", "名", "honors.honor", "count", "",
     [("title", "in", "red_banner_woman"), ("level", "in", "national")], {}),
    ("honors.national_model_workers", "全国“妇联系统劳动模范”", "个", "honors.honor", "count", "",
     [("title", "in", "federation_model_worker"), ("level", "in", "national")], {}),
    ("honors.provincial_red_banner_collectives", "省“三八红旗集体”", "个", "honors.honor",
     "count", "", [("title", "in", "red_banner_collective"), ("level", "in", "provincial")], {}),
    ("honors.city_red_banner_women", "市“三八红旗手”", "人", "honors.honor", "count", "",
     [("title", "in", "red_banner_woman"), ("level", "in", "city")], {}),
    ("honors.city_red_banner_collectives", "市“三八红旗集体”", "个", "honors.honor", "count", "",
     [("title", "in", "red_banner_collective"), ("level", "in", "city")], {}),
    ("honors.city_top_hundred_women", "市“巾帼百佳”", "人", "honors.honor", "count", "",
     [("title", "in", "top_hundred_women"), ("level", "in", "city")], {}),
    ("honors.honors", "获得荣誉", "个", "honors.honor", "count", "", [],
     {"description": "本年度授予个人和集体的各级荣誉，按级别、称号分解。"}),
    ("honors.commendation_events", "表彰活动", "场", "honors.event", "count", "", [], {}),
    ("honors.federation_honors", "本会所获荣誉", "个", "honors.federation_honor", "count", "",
     [], {}),
    ("honors.federation_titles_and_assessments", "本会获评荣誉称号和考核评价", "个",
     "honors.federation_honor", "count", "", [("kind", "not_in", "竞赛奖项")], {}),
    ("honors.federation_contest_awards", "本会荣获竞赛奖项", "个", "honors.federation_honor",
     "count", "", [("kind", "in", "竞赛奖项")], {}),
    # 维权服务
    ("rights.cases_received", "受理妇女维权案件", "件", "rights.case", "count", "", [],
     {"description": "全年通过12338维权热线、信访接待等形式受理的妇女维权案件。"}),
    ("rights.cases_closed", "妥处（办结）妇女维权案件", "件", "rights.case", "count", "",
     [("status", "in", "closed")], {"description": "当年受理的案件中已办结的。"}),
    ("rights.case_closure_rate", "维权案件办结率", "%", "", "ratio", "", [],
     {"numerator": "rights.cases_closed", "denominator": "rights.cases_received"}),
    ("rights.service_points_opened", "新建维权服务站点", "个", "rights.service_point", "count",
     "", [], {}),
    ("rights.service_points", "维权服务站点（累计）", "个", "rights.service_point", "count", "",
     [], {"basis": "stock"}),
    ("rights.mediations", "婚姻家庭纠纷调解", "次", "rights.mediation", "count", "", [], {}),
    ("rights.mediations_settled", "婚姻家庭纠纷调解成功", "次", "rights.mediation", "count", "",
     [("outcome", "in", "settled")], {}),
    ("rights.mediation_success_rate", "纠纷调处成功率", "%", "", "ratio", "", [],
     {"numerator": "rights.mediations_settled", "denominator": "rights.mediations"}),
    ("rights.mediation_parties", "参加纠纷调解的当事人", "人", "rights.mediation", "sum",
     "parties_count", [], {}),
    # 妇儿民生
    ("welfare.liangai_relief_women", "“两癌”救助贫困妇女", "名", "welfare.grant", "count", "",
     [("programme", "in", "cancer_relief")], {}),
    ("welfare.liangai_relief_rural", "“两癌”救助农村贫困妇女", "名", "welfare.grant", "count",
     "", [("programme", "in", "cancer_relief"), ("residence", "in", "rural")], {}),
    ("welfare.liangai_relief_urban", "“两癌”救助城镇贫困妇女", "名", "welfare.grant", "count",
     "", [("programme", "in", "cancer_relief"), ("residence", "in", "urban")], {}),
    ("welfare.liangai_relief_amount", "“两癌救助金”", "元", "welfare.grant", "sum", "amount",
     [("programme", "in", "cancer_relief")], {}),
    ("welfare.fundraising", "捐助项目筹集资金", "元", "welfare.fundraising", "sum", "amount",
     [], {}),
    ("welfare.chunlei_fundraising", "“春蕾计划”筹集资金", "元", "welfare.fundraising", "sum",
     "amount", [("programme", "in", "chunlei")], {}),
    ("welfare.gongyi_99_fundraising", "“99公益”筹集资金", "元", "welfare.fundraising", "sum",
     "amount", [("programme", "in", "gongyi_99")], {}),
    ("welfare.formula_full_tins", "全额免费资助奶粉", "桶", "welfare.grant", "sum", "quantity",
     [("programme", "in", "formula_milk"), ("subsidy_type", "in", "full")], {}),
    ("welfare.formula_partial_tins", "差额资助奶粉", "桶", "welfare.grant", "sum", "quantity",
     [("programme", "in", "formula_milk"), ("subsidy_type", "in", "partial")], {}),
    ("welfare.heart_treated_children", "先心病患儿免费救治", "名", "welfare.grant", "count", "",
     [("programme", "in", "heart_disease")], {}),
    ("welfare.school_bag_children", "安全书包受助留守儿童", "名", "welfare.grant", "count", "",
     [("programme", "in", "school_bag")], {}),
    ("welfare.school_bags", "安全书包", "个", "welfare.grant", "sum", "quantity",
     [("programme", "in", "school_bag")], {}),
    ("welfare.summer_camp_girls", "阳光女童夏令营受赠单亲贫困女童", "名", "welfare.grant",
     "count", "", [("programme", "in", "girls_summer_camp")], {}),
    ("welfare.cervical_screened", "“两癌”免费筛查：宫颈癌筛查", "名", "welfare.screening", "sum",
     "cervical_screened", [], {}),
    ("welfare.breast_screened", "“两癌”免费筛查：乳腺癌筛查", "名", "welfare.screening", "sum",
     "breast_screened", [], {}),
    ("welfare.rural_cervical_screened", "农村适龄妇女宫颈癌免费筛查", "名", "welfare.screening",
     "sum", "cervical_screened", [("population", "in", "rural")], {}),
    ("welfare.rural_breast_screened", "农村适龄妇女乳腺癌免费筛查", "名", "welfare.screening",
     "sum", "breast_screened", [("population", "in", "rural")], {}),
    ("welfare.urban_cervical_screened", "城镇贫困妇女宫颈癌免费筛查", "名", "welfare.screening",
     "sum", "cervical_screened", [("population", "in", "urban_poor")], {}),
    ("welfare.urban_breast_screened", "城镇贫困妇女乳腺癌免费筛查", "名", "welfare.screening",
     "sum", "breast_screened", [("population", "in", "urban_poor")], {}),
    ("welfare.cervical_referred", "宫颈癌筛查阳性（转诊）", "名", "welfare.screening", "sum",
     "cervical_referred", [], {"description": "宫颈癌初筛异常、转诊进一步检查的人数。"}),
    ("welfare.breast_referred", "乳腺癌筛查阳性（转诊）", "名", "welfare.screening", "sum",
     "breast_referred", [], {"description": "乳腺癌初筛异常、转诊进一步检查的人数。"}),
    ("welfare.grants", "救助发放", "件", "welfare.grant", "count", "", [], {}),
    ("welfare.recipients", "受助人数", "人", "welfare.grant", "distinct", "受助人数", [], {}),
    ("welfare.grant_amount", "救助金额", "元", "welfare.grant", "sum", "amount",
     [("programme__category", "not_in", "loan、subsidy")],
     {"description": "发放给受助人的钱款；贷款贴息和基地补贴不计入。"}),
    # 技能就业
    ("employment.housekeeping_classes", "家政技能培训班", "期", "employment.training_class",
     "count", "", [("kind", "in", "housekeeping")], {}),
    ("employment.housekeeping_trainees", "家政技能培训班参训妇女", "名",
     "employment.training_class", "sum", "trainees", [("kind", "in", "housekeeping")], {}),
    ("employment.womens_job_fairs", "女性专场招聘会", "场", "employment.job_fair", "count", "",
     [("kind", "in", "womens")], {}),
    ("employment.womens_job_fair_positions", "女性专场招聘会提供岗位", "个",
     "employment.job_fair", "sum", "positions", [("kind", "in", "womens")], {}),
    ("employment.womens_job_fair_hires", "女性专场招聘会达成就业意向", "人",
     "employment.job_fair", "sum", "hires", [("kind", "in", "womens")], {}),
    ("employment.classes", "技能培训班", "期", "employment.training_class", "count", "", [], {}),
    ("employment.trainees", "技能培训参训人数", "名", "employment.training_class", "sum",
     "trainees", [], {}),
    ("employment.certified", "技能培训取证人数", "名", "employment.training_class", "sum",
     "certified", [], {}),
    ("employment.certification_rate", "技能培训取证率", "%", "", "ratio", "", [],
     {"numerator": "employment.certified", "denominator": "employment.trainees"}),
    ("employment.employed_trainees", "培训后就业学员", "名", "employment.trainee", "count", "",
     [("employed", "in", "true")],
     {"description": "按学员名单统计，学员计入其所属单位；只含已录入名单的培训班。"}),
    ("employment.job_fair_hires", "招聘会达成就业意向人数", "人", "employment.job_fair", "sum",
     "hires", [], {}),
]


def seed(apps, schema_editor):
    FigureDefinition = apps.get_model("fedportal", "FigureDefinition")
    FigureFilter = apps.get_model("fedportal", "FigureFilter")
    for order, (key, label, unit, source, measure, field, filters, extra) in enumerate(
        FIGURES, start=1
    ):
        definition, created = FigureDefinition.objects.get_or_create(
            key=key,
            org_unit=None,
            defaults={
                "label": label,
                "unit_word": unit,
                "source": source,
                "measure": measure,
                "field": field,
                "is_builtin": True,
                "order": order * 10,
                **extra,
            },
        )
        if created:
            for name, operator, values in filters:
                FigureFilter.objects.create(
                    definition=definition, field=name, operator=operator, values=values
                )


def unseed(apps, schema_editor):
    apps.get_model("fedportal", "FigureDefinition").objects.filter(is_builtin=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("fedportal", "0004_figure_definitions"),
        ("families", "0004_reference_codes_and_tallies"),
        ("honors", "0004_reference_codes_and_tallies"),
        ("rights", "0004_reference_codes_and_tallies"),
        ("welfare", "0004_reference_codes_and_tallies"),
        ("employment", "0004_reference_codes_and_tallies"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
