"""QuerySets that fetch each page's content in a fixed number of queries."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Prefetch


def _sourced(
    model_name: str, *select_related: str, order_by: tuple[str, ...] = ("order",)
) -> models.QuerySet:
    """One parent's children in their own order, each with its source (if it has one) joined in.

    Each model's default ordering puts the parent first, which would join the parent's table
    into every prefetch query for no gain: prefetching sorts the rows into their parents anyway.
    """
    model = apps.get_model("roles", model_name)
    sourced = any(field.name == "source" for field in model._meta.concrete_fields)
    related = [*(["source"] if sourced else []), *select_related]
    queryset = model.objects.order_by(*order_by)
    # select_related() with no names would follow every foreign key.
    return queryset.select_related(*related) if related else queryset


def guide_prefetches() -> list[Prefetch]:
    """Everything a role's guide shows besides the role itself, one query a section."""
    return [
        Prefetch("steps", queryset=_sourced("RoadmapStep", order_by=("number",))),
        Prefetch(
            "responsibility_groups",
            queryset=_sourced("ResponsibilityGroup").prefetch_related(
                Prefetch("items", queryset=_sourced("ResponsibilityItem"))
            ),
        ),
        Prefetch("skills", queryset=_sourced("Skill")),
        Prefetch(
            "career_stages",
            queryset=_sourced("CareerStage").prefetch_related(
                Prefetch("tips", queryset=_sourced("CareerTip"))
            ),
        ),
        Prefetch("salary_levels", queryset=_sourced("SalaryLevel")),
        Prefetch("faqs", queryset=_sourced("Faq")),
        Prefetch("requirements", queryset=_sourced("RequirementStatement")),
        Prefetch("specialisations", queryset=_sourced("Specialisation")),
        Prefetch(
            "certifications",
            queryset=_sourced("Certification", "organization", order_by=("order", "code")),
        ),
        Prefetch("statistics", queryset=_sourced("Statistic")),
    ]


class RoleQuerySet(models.QuerySet):
    def for_listing(self) -> RoleQuerySet:
        """Roles with their salary levels and requirements, for cards that show pay and entry."""
        return self.select_related("source").prefetch_related(
            Prefetch("salary_levels", queryset=_sourced("SalaryLevel")),
            Prefetch("requirements", queryset=_sourced("RequirementStatement")),
        )

    def for_guide(self) -> RoleQuerySet:
        """Roles with everything a guide page shows, in a fixed number of queries."""
        return self.select_related("source").prefetch_related(*guide_prefetches())

    def with_steps(self) -> RoleQuerySet:
        """Roles with their steps in order: what progress pages and step pages need."""
        return self.select_related("source").prefetch_related(
            Prefetch("steps", queryset=_sourced("RoadmapStep", order_by=("number",)))
        )

    def for_advisor(self) -> RoleQuerySet:
        """Roles with what the advisor weighs: rules, specialisations, salary levels and steps."""
        return self.select_related("source").prefetch_related(
            Prefetch("requirements", queryset=_sourced("RequirementStatement")),
            Prefetch("specialisations", queryset=_sourced("Specialisation")),
            Prefetch("salary_levels", queryset=_sourced("SalaryLevel")),
            Prefetch("steps", queryset=_sourced("RoadmapStep", order_by=("number",))),
        )


class CertificationQuerySet(models.QuerySet):
    def for_listing(self) -> CertificationQuerySet:
        return self.select_related("organization").prefetch_related("roles")

    def for_detail(self) -> CertificationQuerySet:
        return self.select_related("source", "organization", "organization__source").prefetch_related(
            "roles",
            Prefetch("statements", queryset=_sourced("CertificationStatement")),
            Prefetch("eligibility", queryset=_sourced("EligibilityPath")),
        )
