"""QuerySets that fetch each page's content in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from django.apps import apps
from django.db import models
from django.db.models import Prefetch


def _model(name: str):
    return apps.get_model("roles", name)


class SourceMap(Mapping):
    """Every source by primary key, fetched in one query when a row first asks for its source.

    There are only a handful of sources, so one shared lookup is much cheaper than joining the
    sources table into each of a page's dozen queries: the join doubles the ORM's work per query.
    """

    def __init__(self) -> None:
        self._by_pk: dict | None = None

    def _sources(self) -> dict:
        if self._by_pk is None:
            self._by_pk = _model("Source").objects.in_bulk()
        return self._by_pk

    def __getitem__(self, pk):
        return self._sources()[pk]

    def __iter__(self) -> Iterator:
        return iter(self._sources())

    def __len__(self) -> int:
        return len(self._sources())


class SourcedQuerySet(models.QuerySet):
    def with_sources(self, sources: SourceMap) -> SourcedQuerySet:
        """Rows that take their `source` from `sources` as they are read, with no join.

        Django's own mechanism for "related objects already in hand" (the one a reverse
        relation uses to hand each child its parent) carries the map, so it survives the
        filtering that prefetching adds.
        """
        clone = self._chain()
        field = self.model._meta.get_field("source")
        clone._known_related_objects = {**clone._known_related_objects, field: sources}
        return clone


class RoleQuerySet(SourcedQuerySet):
    def for_listing(self) -> RoleQuerySet:
        """Roles with their salary levels, for cards that show a salary span."""
        return self.prefetch_related(_ordered("SalaryLevel", "salary_levels"))

    def for_guide(self) -> RoleQuerySet:
        """Roles with everything a guide page shows, in a fixed number of queries."""
        sources = SourceMap()
        return self.with_sources(sources).prefetch_related(
            *guide_section_lookups(sources),
            Prefetch("steps", queryset=_sourced("RoadmapStep", sources, "number")),
        )

    def for_comparison(self) -> RoleQuerySet:
        """Roles with the parts a comparison lays side by side."""
        return self.for_guide()

    def for_advisor(self) -> RoleQuerySet:
        """Roles with what the advisor weighs: rules, specialisations, salary levels and steps."""
        sources = SourceMap()
        return self.with_sources(sources).prefetch_related(
            Prefetch("requirements", queryset=_sourced("RequirementStatement", sources)),
            Prefetch("specialisations", queryset=_sourced("Specialisation", sources)),
            Prefetch("salary_levels", queryset=_sourced("SalaryLevel", sources)),
            Prefetch("steps", queryset=_sourced("RoadmapStep", sources, "number")),
        )

    def with_steps(self, sources: SourceMap | None = None) -> RoleQuerySet:
        """Roles with their steps only, for the step page and progress fragments."""
        sources = sources if sources is not None else SourceMap()
        return self.with_sources(sources).prefetch_related(
            Prefetch("steps", queryset=_sourced("RoadmapStep", sources, "number"))
        )


def guide_section_lookups(sources: SourceMap) -> list[Prefetch]:
    """Every guide section but the steps, which the guide fetches first, with the visitor's marks."""

    def sourced(name: str) -> SourcedQuerySet:
        return _sourced(name, sources)

    return [
        Prefetch(
            "responsibility_groups",
            queryset=sourced("ResponsibilityGroup").prefetch_related(_ordered("ResponsibilityItem", "items")),
        ),
        Prefetch("skills", queryset=sourced("Skill")),
        Prefetch(
            "career_stages", queryset=sourced("CareerStage").prefetch_related(_ordered("CareerTip", "tips"))
        ),
        Prefetch("salary_levels", queryset=sourced("SalaryLevel")),
        Prefetch("faqs", queryset=sourced("Faq")),
        Prefetch("requirements", queryset=sourced("RequirementStatement")),
        Prefetch("specialisations", queryset=sourced("Specialisation")),
        Prefetch(
            "certifications",
            queryset=_model("Certification")
            .objects.select_related("organization")
            .with_sources(sources)
            .order_by("order", "code"),
        ),
        Prefetch("statistics", queryset=sourced("Statistic")),
    ]


class CertificationQuerySet(SourcedQuerySet):
    def for_listing(self) -> CertificationQuerySet:
        return self.select_related("organization").prefetch_related("roles")

    def for_detail(self) -> CertificationQuerySet:
        sources = SourceMap()
        return (
            self.with_sources(sources)
            .select_related("organization", "organization__source")
            .prefetch_related(
                "roles",
                Prefetch("statements", queryset=_sourced("CertificationStatement", sources)),
                Prefetch("eligibility", queryset=_sourced("EligibilityPath", sources)),
            )
        )


def _sourced(model_name: str, sources: SourceMap, order_by: str = "order") -> SourcedQuerySet:
    """One parent's children in their own order. Each model's default ordering puts the parent
    first, which joins the parent's table into every prefetch query for no gain: prefetching
    sorts the rows into their parents anyway."""
    return _model(model_name).objects.with_sources(sources).order_by(order_by)


def _ordered(model_name: str, lookup: str) -> Prefetch:
    return Prefetch(lookup, queryset=_model(model_name).objects.order_by("order"))
