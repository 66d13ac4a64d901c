"""QuerySets that fetch each page's content in a fixed number of queries."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Prefetch


def _model(name: str):
    return apps.get_model("roles", name)


class RoleQuerySet(models.QuerySet):
    def for_listing(self) -> RoleQuerySet:
        """Roles with their salary levels, for cards that show a salary span."""
        return self.prefetch_related("salary_levels")

    def for_guide(self) -> RoleQuerySet:
        """Roles with everything a guide page shows: 16 queries whatever the amount of content."""
        return self.for_guide_sections().prefetch_related(
            Prefetch("steps", queryset=_with_source("RoadmapStep"))
        )

    def for_guide_sections(self) -> RoleQuerySet:
        """Roles with every guide section but the steps, which the guide fetches with the visitor's marks."""
        with_source = _with_source
        return self.select_related("source").prefetch_related(
            Prefetch(
                "responsibility_groups",
                queryset=with_source("ResponsibilityGroup").prefetch_related("items"),
            ),
            Prefetch("skills", queryset=with_source("Skill")),
            Prefetch("career_stages", queryset=with_source("CareerStage").prefetch_related("tips")),
            Prefetch("salary_levels", queryset=with_source("SalaryLevel")),
            Prefetch("faqs", queryset=with_source("Faq")),
            Prefetch("requirements", queryset=with_source("RequirementStatement")),
            Prefetch("specialisations", queryset=with_source("Specialisation")),
            Prefetch(
                "certifications",
                queryset=_model("Certification").objects.select_related("organization", "source"),
            ),
            Prefetch("statistics", queryset=with_source("Statistic")),
        )

    def for_comparison(self) -> RoleQuerySet:
        """Roles with the parts a comparison lays side by side."""
        return self.for_guide()

    def for_advisor(self) -> RoleQuerySet:
        """Roles with what the advisor weighs: rules, specialisations, salary levels and steps."""
        return self.prefetch_related(
            Prefetch("requirements", queryset=_with_source("RequirementStatement")),
            Prefetch("specialisations", queryset=_with_source("Specialisation")),
            "salary_levels",
            "steps",
        )

    def with_steps(self) -> RoleQuerySet:
        """Roles with their steps only, for the step page and progress fragments."""
        return self.select_related("source").prefetch_related(
            Prefetch("steps", queryset=_with_source("RoadmapStep"))
        )


class CertificationQuerySet(models.QuerySet):
    def for_listing(self) -> CertificationQuerySet:
        return self.select_related("organization").prefetch_related("roles")

    def for_detail(self) -> CertificationQuerySet:
        return self.select_related("organization", "source", "organization__source").prefetch_related(
            "roles",
            Prefetch("statements", queryset=_with_source("CertificationStatement")),
            Prefetch("eligibility", queryset=_with_source("EligibilityPath")),
        )


def _with_source(model_name: str) -> models.QuerySet:
    return _model(model_name).objects.select_related("source")
