"""Revisions of content with django-reversion: a role's version holds everything attached to it.

Each content model is registered here, a parent with `follow` for its children, so a version of a
role (or a certification, a responsibility group, a career stage) holds its inline rows too and a
restore puts them all back. The admin (roles/admin.py, reversion's VersionAdmin) makes a revision
at every save, keeps the version before an editor's first change and the version just before a
delete, so a deleted record or a whole deleted role can be recovered.
"""

from __future__ import annotations

from contextlib import contextmanager

import reversion
from django.db import models, transaction
from django.utils.text import capfirst
from reversion.models import Revision, Version

from roles import models as content
from roles.admin_forms import unique_within_parent

# What a parent's version holds besides its own fields: its children, by their related names.
FOLLOW: dict[type[models.Model], tuple[str, ...]] = {
    content.Role: (
        "steps",
        "responsibility_groups",
        "skills",
        "career_stages",
        "salary_levels",
        "faqs",
        "requirements",
        "specialisations",
        "statistics",
    ),
    content.ResponsibilityGroup: ("items",),
    content.CareerStage: ("tips",),
    content.Certification: ("statements", "eligibility"),
}

LEAVES = (
    content.Source,
    content.Organization,
    content.RoadmapStep,
    content.ResponsibilityItem,
    content.Skill,
    content.CareerTip,
    content.SalaryLevel,
    content.Faq,
    content.RequirementStatement,
    content.Specialisation,
    content.CertificationStatement,
    content.EligibilityPath,
    content.Definition,
    content.ProcessPhase,
    content.CaseManagerType,
    content.Statistic,
)


def register_content() -> None:
    """Register every content model with reversion (once), parents following their children."""
    for model, follow in FOLLOW.items():
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow)
    for model in LEAVES:
        if not reversion.is_registered(model):
            reversion.register(model)


def has_versions(record: models.Model) -> bool:
    return Version.objects.get_for_object(record).exists()


def keep_version(record: models.Model, user, comment: str, listings=()) -> Revision:
    """Save a revision of the record as the database holds it now (with what it follows); give it.

    `listings` are certifications a role being deleted was listed under, kept with the revision.
    """
    stored = type(record)._default_manager.get(pk=record.pk)
    with reversion.create_revision(manage_manually=True):
        reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(stored)
        for certification in listings:
            reversion.add_meta(content.DeletedRoleListing, certification=certification)
    return Version.objects.get_for_object(stored).select_related("revision").first().revision


def keep_original(record: models.Model, user) -> Revision | None:
    """Keep the version loaded from the content files before an editor's first change to a record."""
    if record.pk and not has_versions(record):
        return keep_version(record, user, "As it was before the first change in the admin.")
    return None


def keep_before_delete(record: models.Model, user) -> Revision:
    """Keep the version of a record (and everything attached to it) just before it is deleted.

    "Recover deleted" lists records by their newest version, so this is the one it brings back.
    A role's certifications lose it when it is deleted; the revision keeps which they were.
    """
    comment = "Deleted."
    listings = list(record.certifications.all()) if isinstance(record, content.Role) else []
    if listings:
        codes = ", ".join(certification.code for certification in listings)
        comment = f"Deleted. It was listed under the certifications {codes}."
    return keep_version(record, user, comment, listings)


def list_again(role: content.Role, revision: Revision) -> list[str]:
    """List a recovered role under the certifications it was listed under when deleted; give their codes.

    A certification deleted since is gone from the revision's listings too.
    """
    certifications = [
        listing.certification for listing in revision.deleted_role_listings.select_related("certification")
    ]
    role.certifications.add(*certifications)
    return [certification.code for certification in certifications]


def position_taken(version: Version | None) -> str:
    """Say why a deleted record cannot come back as it was: another row of its parent took its place."""
    if version is None or version.content_type.model_class() is None:
        return ""
    model = version.content_type.model_class()
    values = version.field_dict
    for parent, name in unique_within_parent(model):
        parent_id = model._meta.get_field(parent).attname if parent else ""
        scope = {parent_id: values.get(parent_id)} if parent else {}
        rows = model._default_manager.filter(**scope, **{name: values.get(name)})
        other = rows.exclude(pk=version.object_id).first()
        if other is not None:
            label = model._meta.get_field(name).verbose_name
            return (
                f"“{version.object_repr}” cannot come back as it was: “{other}” now has its {label}, "
                f"{values.get(name)}. Give that one another {label} first."
            )
    return ""


def what_restoring_changes(record: models.Model, revision: Revision) -> list[str]:
    """Give one line per record that restoring the revision would change, add back or remove."""
    held = {
        (version.content_type.model_class(), version.object_id): version
        for version in revision.version_set.select_related("content_type")
    }
    lines = []
    for (model, object_id), version in held.items():
        if model is None:
            continue
        current = model._default_manager.filter(pk=object_id).first()
        name = model._meta.verbose_name
        if current is None:
            lines.append(f"{capfirst(name)} “{version.object_repr}” comes back.")
            continue
        fields = {field.attname: field for field in model._meta.concrete_fields}
        changed = [
            str(fields[attname].verbose_name)
            for attname, value in version.field_dict.items()
            if attname in fields and getattr(current, attname) != value
        ]
        if changed:
            lines.append(f"{capfirst(name)} “{version.object_repr}”: {', '.join(changed)} as then.")
    for rows in children(record):
        for row in rows:
            if (type(row), str(row.pk)) not in held:
                lines.append(f"{capfirst(row._meta.verbose_name)} “{row}” is removed (added since).")
    return lines


def children(record: models.Model) -> list[models.QuerySet]:
    """Give the rows a version of this record holds besides itself, as one QuerySet per relation."""
    found = []
    for name in FOLLOW.get(type(record), ()):
        rows = getattr(record, name).all()
        found.append(rows)
        for row in rows:
            found.extend(children(row))
    return found


@contextmanager
def positions_moved_aside(record: models.Model):
    """Give the record's children positions (and other per-parent unique values) no row has.

    A restore saves rows one at a time with their old positions; two FAQs that have since swapped
    places would collide half-way. Every row the restore keeps gets its old value back, and the
    rows it does not keep are deleted, so a value still set aside afterwards means the restore
    failed; then everything is rolled back. Yields a function that says whether any value is
    still aside.
    """
    aside: dict[type[models.Model], models.Q] = {}
    with transaction.atomic():
        for rows in children(record):
            model = rows.model
            pks = list(rows.values_list("pk", flat=True))
            if not pks:
                continue
            for _parent, name in unique_within_parent(model):
                if isinstance(model._meta.get_field(name), models.IntegerField):
                    highest = model._default_manager.aggregate(highest=models.Max(name))["highest"] or 0
                    values = [highest + index for index in range(1, len(pks) + 1)]
                else:
                    # "~" is not allowed in a slug or key, and no real name starts with it.
                    values = [f"~moving-{pk}" for pk in pks]
                for pk, value in zip(pks, values, strict=True):
                    model._default_manager.filter(pk=pk).update(**{name: value})
                    aside[model] = aside.get(model, models.Q(pk__in=[])) | models.Q(pk=pk, **{name: value})

        def still_aside() -> bool:
            return any(model._default_manager.filter(where).exists() for model, where in aside.items())

        yield still_aside
