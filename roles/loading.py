"""Load the content files into the database: validate everything first, then write in one transaction.

Rows are matched by their natural key (slug, code, or position within their parent; steps by their
stable key), so a re-run changes only what changed in the files and leaves the rest untouched.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction

from roles import content_sync
from roles import models as content
from roles.content_files import ContentBundle, ContentError, read_bundle
from roles.models import ContentSync


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    # One line per record changed, added or deleted, naming it and where it belongs.
    details: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def summary(self) -> str:
        if not self.changed:
            return "Content is up to date: nothing changed."
        parts = []
        for verb, counts in (("created", self.created), ("updated", self.updated), ("deleted", self.deleted)):
            if counts:
                parts.append(f"{verb} " + ", ".join(f"{n} {name}" for name, n in sorted(counts.items())))
        return "; ".join(parts) + "."


def load_content(content_dir: Path) -> LoadReport:
    """Validate the content folder and bring the database in line with it; give what changed."""
    bundle = read_bundle(content_dir)
    check_references(bundle)
    report = LoadReport()
    with transaction.atomic():
        _Loader(report).load(bundle)
        content_sync.record(ContentSync.Kind.LOADED, content_dir)
    return report


def preview_load(content_dir: Path) -> LoadReport:
    """Give what loading the content folder would change, changing nothing (a dry run)."""
    bundle = read_bundle(content_dir)
    check_references(bundle)
    report = LoadReport()
    with transaction.atomic():
        _Loader(report).load(bundle)
        transaction.set_rollback(True)
    return report


def check_references(bundle: ContentBundle) -> None:
    """Raise ContentError for a source, organisation or role that a file names but nothing defines."""
    source_codes = {source.code for source in bundle.sources.sources}
    organization_slugs = {organization.slug for organization in bundle.sources.organizations}
    role_slugs = {role_file.role.slug for role_file in bundle.roles.values()}
    problems: list[str] = []

    def walk(file_name: str, value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                where = f"{path}.{key}" if path else key
                if key == "source" and item not in source_codes:
                    problems.append(f"{file_name}: {where}: unknown source {item!r}")
                walk(file_name, item, where)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(file_name, item, f"{path}.{index}")

    walk("sources.yaml", bundle.sources.model_dump(), "")
    for name, role_file in bundle.roles.items():
        walk(name, role_file.model_dump(), "")
    walk("certifications.yaml", bundle.certifications.model_dump(), "")
    walk("field.yaml", bundle.field.model_dump(), "")

    seen_roles: dict[str, str] = {}
    for name, role_file in bundle.roles.items():
        slug = role_file.role.slug
        if slug in seen_roles:
            problems.append(f"{name}: role.slug: {slug!r} is also used by {seen_roles[slug]}")
        seen_roles[slug] = name
    for index, certification in enumerate(bundle.certifications.certifications):
        where = f"certifications.{index}"
        if certification.organization not in organization_slugs:
            unknown = certification.organization
            problems.append(f"certifications.yaml: {where}.organization: unknown organization {unknown!r}")
        for role_index, slug in enumerate(certification.roles):
            if slug not in role_slugs:
                problems.append(f"certifications.yaml: {where}.roles.{role_index}: unknown role {slug!r}")
    for index, statistic in enumerate(bundle.field.statistics):
        if statistic.role is not None and statistic.role not in role_slugs:
            problems.append(f"field.yaml: statistics.{index}.role: unknown role {statistic.role!r}")
    if problems:
        raise ContentError("\n".join(problems))


class _Loader:
    def __init__(self, report: LoadReport):
        self.report = report

    def sync(
        self,
        model: type[models.Model],
        scope: dict[str, Any],
        match_on: str,
        wanted: list[dict[str, Any]],
        shift_field: str | None = None,
    ) -> list[models.Model]:
        """Make the rows of `model` within `scope` exactly `wanted`; give the rows in `wanted`'s order.

        `shift_field` names a field unique within the scope that may be reordered (step numbers):
        changed rows are moved out of the way first so swapping two numbers never collides.
        """
        name = model._meta.verbose_name_plural
        existing = {getattr(row, match_on): row for row in model.objects.filter(**scope)}
        wanted_keys = {values[match_on] for values in wanted}
        stale = [row.pk for key, row in existing.items() if key not in wanted_keys]
        if stale:
            for key, row in existing.items():
                if key not in wanted_keys:
                    self.note(scope, row, "would be deleted (it is not in the content files)")
            model.objects.filter(pk__in=stale).delete()
            self.report.deleted[name] += len(stale)

        if shift_field:
            moving = [
                row
                for values in wanted
                if (row := existing.get(values[match_on])) is not None
                and getattr(row, shift_field) != values[shift_field]
            ]
            for offset, row in enumerate(moving, start=1):
                model.objects.filter(pk=row.pk).update(**{shift_field: 100_000 + offset})

        rows = []
        for values in wanted:
            row = existing.get(values[match_on])
            if row is None:
                row = model.objects.create(**scope, **values)
                self.report.created[name] += 1
                self.note(scope, row, "would come back (it is in the content files)")
            else:
                changed = [key for key, value in values.items() if _differs(getattr(row, key), value)]
                if changed or (shift_field and shift_field in values):
                    for key in changed:
                        setattr(row, key, values[key])
                    if changed:
                        labels = ", ".join(str(model._meta.get_field(key).verbose_name) for key in changed)
                        self.note(scope, row, f"{labels} would be set back to the content files' version")
                        row.save(update_fields=changed)
                        self.report.updated[name] += 1
                    elif shift_field:
                        # Moved out of the way above but otherwise unchanged: put the number back.
                        model.objects.filter(pk=row.pk).update(**{shift_field: values[shift_field]})
            rows.append(row)
        return rows

    def note(self, scope: dict[str, Any], row: models.Model, what: str) -> None:
        """Add a line naming the record, where it belongs (its role, say) and what loading does to it."""
        owners = [str(owner) for owner in _owners(scope)]
        where = f"{' › '.join(owners)} › " if owners else ""
        self.report.details.append(f"{where}{row._meta.verbose_name} “{_short(row)}”: {what}")

    def load(self, bundle: ContentBundle) -> None:
        sources = {
            row.code: row
            for row in self.sync(
                content.Source,
                {},
                "code",
                [
                    {
                        "code": s.code,
                        "title": s.title,
                        "short_title": s.short_title,
                        "kind": s.kind,
                        "url": s.url,
                        "read_on": s.read_on,
                        "note": s.note,
                    }
                    for s in bundle.sources.sources
                ],
            )
        }
        self.sources = sources
        organizations = {
            row.slug: row
            for row in self.sync(
                content.Organization,
                {},
                "slug",
                [
                    {
                        "slug": o.slug,
                        "name": o.name,
                        "abbreviation": o.abbreviation,
                        "description": o.description,
                        "source": sources[o.source],
                    }
                    for o in bundle.sources.organizations
                ],
            )
        }
        roles = self.load_roles(bundle)
        self.load_certifications(bundle, organizations, roles)
        self.load_field(bundle, roles)

    def load_roles(self, bundle: ContentBundle) -> dict[str, content.Role]:
        src = self.sources
        role_rows = self.sync(
            content.Role,
            {},
            "slug",
            [
                {
                    "slug": f.role.slug,
                    "title": f.role.title,
                    "order": f.role.order,
                    "summary": f.role.summary,
                    "what_they_do": f.role.what_they_do,
                    "work_environment": f.role.work_environment,
                    "conclusion": f.role.conclusion,
                    "source": src[f.role.source],
                }
                for f in bundle.roles.values()
            ],
        )
        roles = {row.slug: row for row in role_rows}
        for role_file in bundle.roles.values():
            data = role_file.role
            role = roles[data.slug]
            scope = {"role": role}
            self.sync(
                content.RoadmapStep,
                scope,
                "key",
                [
                    {
                        "key": s.key,
                        "number": s.number,
                        "title": s.title,
                        "body": s.body,
                        "covered_when": [_rule(r) for r in s.covered_when],
                        "source": src[s.source],
                    }
                    for s in data.steps
                ],
                shift_field="number",
            )
            groups = self.sync(
                content.ResponsibilityGroup,
                scope,
                "order",
                [
                    {"order": i, "title": g.title, "source": src[g.source]}
                    for i, g in enumerate(data.responsibility_groups, 1)
                ],
            )
            for group, group_data in zip(groups, data.responsibility_groups, strict=True):
                self.sync(
                    content.ResponsibilityItem,
                    {"group": group},
                    "order",
                    [{"order": i, "text": text} for i, text in enumerate(group_data.items, 1)],
                )
            self.sync(
                content.Skill,
                scope,
                "order",
                [
                    {"order": i, "name": s.name, "description": s.description, "source": src[s.source]}
                    for i, s in enumerate(data.skills, 1)
                ],
            )
            stages = self.sync(
                content.CareerStage,
                scope,
                "order",
                [
                    {
                        "order": i,
                        "label": s.label,
                        "positions": s.positions,
                        "description": s.description,
                        "source": src[s.source],
                    }
                    for i, s in enumerate(data.career_ladder, 1)
                ],
            )
            for stage, stage_data in zip(stages, data.career_ladder, strict=True):
                self.sync(
                    content.CareerTip,
                    {"stage": stage},
                    "order",
                    [
                        {"order": i, "title": t.title, "text": t.text}
                        for i, t in enumerate(stage_data.tips, 1)
                    ],
                )
            self.sync(
                content.SalaryLevel,
                scope,
                "order",
                [
                    {
                        "order": i,
                        "title": s.title,
                        "low": s.low,
                        "high": s.high,
                        "open_ended": s.open_ended,
                        "years_min": s.years_min,
                        "years_max": s.years_max,
                        "description": s.description,
                        "source": src[s.source],
                    }
                    for i, s in enumerate(data.salary_ladder, 1)
                ],
            )
            self.sync(
                content.Faq,
                scope,
                "order",
                [
                    {
                        "order": i,
                        "question": q.question,
                        "answer": q.answer,
                        "topic": q.topic,
                        "source": src[q.source],
                    }
                    for i, q in enumerate(data.faqs, 1)
                ],
            )
            self.sync(
                content.RequirementStatement,
                scope,
                "order",
                [
                    {
                        "order": i,
                        "aspect": r.aspect,
                        "text": r.text,
                        "rule": _rule(r.rule) if r.rule else None,
                        "source": src[r.source],
                    }
                    for i, r in enumerate(data.requirements, 1)
                ],
            )
            self.sync(
                content.Specialisation,
                scope,
                "order",
                [
                    {
                        "order": i,
                        "slug": s.slug,
                        "name": s.name,
                        "description": s.description,
                        "populations": s.populations,
                        "source": src[s.source],
                    }
                    for i, s in enumerate(data.specialisations, 1)
                ],
            )
        return roles

    def load_certifications(self, bundle, organizations, roles) -> None:
        src = self.sources
        certifications = bundle.certifications.certifications
        rows = self.sync(
            content.Certification,
            {},
            "slug",
            [
                {
                    "slug": c.slug,
                    "code": c.code,
                    "name": c.name,
                    "organization": organizations[c.organization],
                    "order": c.order,
                    "summary": c.summary,
                    "suits": c.suits,
                    "source": src[c.source],
                }
                for c in certifications
            ],
        )
        for row, data in zip(rows, certifications, strict=True):
            wanted_roles = {roles[slug].pk for slug in data.roles}
            current_roles = set(row.roles.values_list("pk", flat=True))
            if wanted_roles != current_roles:
                row.roles.set(wanted_roles)
                self.report.updated["certification roles"] += 1
            scope = {"certification": row}
            self.sync(
                content.CertificationStatement,
                scope,
                "order",
                [
                    {"order": i, "text": s.text, "source": src[s.source]}
                    for i, s in enumerate(data.statements, 1)
                ],
            )
            self.sync(
                content.EligibilityPath,
                scope,
                "order",
                [
                    {
                        "order": i,
                        "key": p.key,
                        "name": p.name,
                        "requirements": [_rule(r) for r in p.requirements],
                        "source": src[p.source],
                    }
                    for i, p in enumerate(data.eligibility, 1)
                ],
            )

    def load_field(self, bundle, roles) -> None:
        src = self.sources
        data = bundle.field
        self.sync(
            content.Definition,
            {},
            "slug",
            [
                {
                    "slug": d.slug,
                    "order": i,
                    "term": d.term,
                    "text": d.text,
                    "attribution": d.attribution,
                    "quotation": d.quotation,
                    "source": src[d.source],
                }
                for i, d in enumerate(data.definitions, 1)
            ],
        )
        self.sync(
            content.ProcessPhase,
            {},
            "order",
            [
                {"order": i, "name": p.name, "description": p.description, "source": src[p.source]}
                for i, p in enumerate(data.process_phases, 1)
            ],
        )
        self.sync(
            content.CaseManagerType,
            {},
            "slug",
            [
                {
                    "slug": t.slug,
                    "order": i,
                    "name": t.name,
                    "description": t.description,
                    "populations": t.populations,
                    "source": src[t.source],
                }
                for i, t in enumerate(data.case_manager_types, 1)
            ],
        )
        self.sync(
            content.Statistic,
            {},
            "order",
            [
                {
                    "order": i,
                    "kind": s.kind,
                    "label": s.label,
                    "value": _decimal(s.value),
                    "unit": s.unit,
                    "period": s.period,
                    "attribution": s.attribution,
                    "role": roles[s.role] if s.role else None,
                    "source": src[s.source],
                }
                for i, s in enumerate(data.statistics, 1)
            ],
        )


def _owners(scope: dict[str, Any]) -> list[models.Model]:
    """Give the records a scope belongs to, outermost first (a group's role, then the group)."""
    owners: list[models.Model] = []
    for parent in scope.values():
        for name in ("role", "certification"):
            if hasattr(parent, f"{name}_id") and not isinstance(parent, content.Role):
                owners.append(getattr(parent, name))
        owners.append(parent)
    return owners


def _short(row: models.Model) -> str:
    text = str(row)
    return text if len(text) <= 70 else text[:69] + "…"


def _rule(requirement) -> dict[str, Any]:
    return requirement.model_dump(mode="json", exclude_defaults=True)


def _decimal(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _differs(current: Any, wanted: Any) -> bool:
    if isinstance(current, models.Model) or isinstance(wanted, models.Model):
        return getattr(current, "pk", None) != getattr(wanted, "pk", None)
    return current != wanted


__all__ = ["ContentError", "LoadReport", "load_content"]
