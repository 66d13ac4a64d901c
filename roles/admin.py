from django.contrib import admin

from roles import models

for model in (
    models.Source, models.Organization, models.Role, models.RoadmapStep, models.ResponsibilityGroup,
    models.Skill, models.CareerStage, models.SalaryLevel, models.Faq, models.RequirementStatement,
    models.Specialisation, models.Certification, models.CertificationStatement, models.EligibilityPath,
    models.Definition, models.ProcessPhase, models.CaseManagerType, models.Statistic,
):
    admin.site.register(model)
