"""QuerySets that fetch each page's content in a fixed number of queries."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.db import models
from django.db.models import Prefetch
from django.db.models.constants import LOOKUP_SEP

from roles.compiled_query import CompiledQuery


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
            self._by_pk = {source.pk: source for source in _ALL_SOURCES.rows()}
        return self._by_pk

    def __getitem__(self, pk):
        return self._sources()[pk]

    def __iter__(self) -> Iterator:
        return iter(self._sources())

    def __len__(self) -> int:
        return len(self._sources())


_ALL_SOURCES = CompiledQuery(lambda: _model("Source")._base_manager.all(), example=())


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
            STEPS.prefetch(sources),
        )

    def for_advisor(self) -> RoleQuerySet:
        """Roles with what the advisor weighs: rules, specialisations, salary levels and steps."""
        sources = SourceMap()
        return self.with_sources(sources).prefetch_related(
            *(
                SECTIONS[name].prefetch(sources)
                for name in ("requirements", "specialisations", "salary_levels")
            ),
            STEPS.prefetch(sources),
        )


@dataclass(frozen=True)
class GuideSection:
    """Rows of one model that a guide lists, reached from the role by `name`, in order.

    The one definition serves both ways of loading guides: compiled queries for the pages
    visitors load (one role's guide, or every role's for the comparison), and Django's
    prefetching for the others (the advisor, the content export).
    """

    name: str
    model_name: str
    order_by: tuple[str, ...] = ("order",)
    select_related: tuple[str, ...] = ()
    children: GuideSection | None = None

    @cached_property
    def model(self) -> type[models.Model]:
        return _model(self.model_name)

    @cached_property
    def sourced(self) -> bool:
        return any(field.name == "source" for field in self.model._meta.concrete_fields)

    @cached_property
    def role_field(self) -> str:
        """The field on this section's rows that leads to their role."""
        return self.role_relation.field.name

    @cached_property
    def role_foreign_key(self) -> str:
        """`role_field` if each row has one role, else "" (a many-to-many relation)."""
        return "" if self.role_relation.many_to_many else self.role_field

    @cached_property
    def role_relation(self):
        return _model("Role")._meta.get_field(self.name)

    def queryset(self, sources: SourceMap) -> models.QuerySet:
        queryset = self.model.objects.all()
        if isinstance(queryset, SourcedQuerySet):
            queryset = queryset.with_sources(sources)
        return self._shaped(queryset)

    def _shaped(self, queryset: models.QuerySet) -> models.QuerySet:
        # select_related() with no names would follow every relation.
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset.order_by(*self.order_by)

    def prefetch(self, sources: SourceMap) -> Prefetch:
        queryset = self.queryset(sources)
        if self.children:
            queryset = queryset.prefetch_related(self.children.prefetch(sources))
        return Prefetch(self.name, queryset=queryset)


GUIDE_SECTIONS = (
    GuideSection(
        "responsibility_groups",
        "ResponsibilityGroup",
        children=GuideSection("items", "ResponsibilityItem"),
    ),
    GuideSection("skills", "Skill"),
    GuideSection("career_stages", "CareerStage", children=GuideSection("tips", "CareerTip")),
    GuideSection("salary_levels", "SalaryLevel"),
    GuideSection("faqs", "Faq"),
    GuideSection("requirements", "RequirementStatement"),
    GuideSection("specialisations", "Specialisation"),
    GuideSection(
        "certifications", "Certification", order_by=("order", "code"), select_related=("organization",)
    ),
    GuideSection("statistics", "Statistic"),
)


SECTIONS = {section.name: section for section in GUIDE_SECTIONS}

STEPS = GuideSection("steps", "RoadmapStep", order_by=("number",))


def guide_section_lookups(sources: SourceMap) -> list[Prefetch]:
    """Every guide section but the steps, as Django prefetches."""
    return [section.prefetch(sources) for section in GUIDE_SECTIONS]


_ALL_ROLES = CompiledQuery(
    lambda: _model("Role")._base_manager.order_by(*_model("Role")._meta.ordering), example=()
)


def all_roles() -> list[models.Model]:
    """Every role in the site's order, without their sources: for links between guides."""
    return _ALL_ROLES.rows()


_ROLE_BY_SLUG = CompiledQuery(lambda slug: _model("Role")._base_manager.filter(slug=slug), example=("",))


def role_with_steps(slug: str, sources: SourceMap) -> models.Model | None:
    """One role with its steps in order, or None if no role has that slug. The guide, the step
    pages and every progress change start here, so it runs on compiled queries."""
    found = _ROLE_BY_SLUG.rows(slug)
    if not found:
        return None
    role = found[0]
    role.source = sources[role.source_id]
    _attach(role, STEPS, _compiled(STEPS, (STEPS.role_field,)).rows(role.pk), sources, STEPS.role_foreign_key)
    return role


def load_guide_sections(role: models.Model, sources: SourceMap) -> None:
    """Give one role every guide section, as `guide_section_lookups` would, with the same
    number of queries but none of them built or compiled again."""
    for section in GUIDE_SECTIONS:
        rows = _compiled(section, (section.role_field,)).rows(role.pk)
        _attach(role, section, rows, sources, section.role_foreign_key)
        if section.children:
            _attach_children(section, rows, sources, role.pk)


def all_guides(sources: SourceMap) -> list[models.Model]:
    """Every role with its steps and every guide section, for the comparison, which weighs all
    of them. One compiled query per section, or two for one reached through a many-to-many
    table, however many roles there are."""
    roles = all_roles()
    for role in roles:
        role.source = sources[role.source_id]
    for section in (STEPS, *GUIDE_SECTIONS):
        rows = _compiled(section, ()).rows()
        by_role = _by_role(section, rows, roles)
        for role in roles:
            _attach(role, section, by_role[role.pk], sources, section.role_foreign_key)
        if section.children:
            _attach_children(section, rows, sources)
    return roles


def _by_role(section: GuideSection, rows: list, roles: list) -> dict:
    """Share a section's rows out among `roles`, keeping their order."""
    by_role: dict = {role.pk: [] for role in roles}
    relation = section.role_relation
    if section.role_foreign_key:
        for row in rows:
            # Statistics about case management in general belong to no role.
            if (bucket := by_role.get(getattr(row, relation.field.attname))) is not None:
                bucket.append(row)
        return by_role
    through = relation.through
    row_key = through._meta.get_field(relation.field.m2m_field_name()).attname
    role_key = through._meta.get_field(relation.field.m2m_reverse_field_name()).attname
    roles_of: dict = {}
    for link in _links(through).rows():
        roles_of.setdefault(getattr(link, row_key), []).append(getattr(link, role_key))
    for row in rows:
        for role_pk in roles_of.get(row.pk, []):
            by_role[role_pk].append(row)
    return by_role


def _attach_children(section: GuideSection, parents: list, sources: SourceMap, role_pk=None) -> None:
    """Give each of a section's rows its children: those of the role keyed `role_pk`, or with
    no key, every role's."""
    parent_field = section.model._meta.get_field(section.children.name).field
    if role_pk is None:
        children = _compiled(section.children, ()).rows()
    else:
        children = _compiled(section.children, (parent_field.name, section.role_field)).rows(role_pk)
    by_parent: dict = {parent.pk: [] for parent in parents}
    for child in children:
        by_parent[getattr(child, parent_field.attname)].append(child)
    for parent in parents:
        _attach(parent, section.children, by_parent[parent.pk], sources, parent_field.name)


@functools.cache
def _compiled(section: GuideSection, path: tuple[str, ...]) -> CompiledQuery:
    """A section's rows of the role whose key is its argument, reached by `path`; with no
    path, the rows of every role."""
    if not path:
        return CompiledQuery(lambda: section._shaped(section.model._base_manager.all()), example=())
    lookup = LOOKUP_SEP.join(path)
    return CompiledQuery(
        lambda role_pk: section._shaped(section.model._base_manager.filter(**{lookup: role_pk})),
        example=(0,),
    )


@functools.cache
def _links(through: type[models.Model]) -> CompiledQuery:
    return CompiledQuery(lambda: through._base_manager.order_by("pk"), example=())


def _attach(parent, section: GuideSection, rows: list, sources: SourceMap, parent_field: str = "") -> None:
    """Store `rows` as `parent`'s prefetched `section`, each row knowing its source and, when
    `parent_field` names the foreign key to it, its parent."""
    if parent_field:
        for row in rows:
            setattr(row, parent_field, parent)
    if section.sourced:
        for row in rows:
            row.source = sources[row.source_id]
    # As prefetching stores them, but without the relation's filter, which would cost what the
    # compiled queries save: an empty queryset holding the rows, so a further filter on it
    # finds nothing rather than another parent's rows.
    queryset = section.model._base_manager.none()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    parent.__dict__.setdefault("_prefetched_objects_cache", {})[section.name] = queryset


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
