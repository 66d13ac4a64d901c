"""Revisions of content records: a snapshot of a record's own fields at each admin save, and restoring one.

Django's LogEntry already says who changed what and when; a revision also keeps the values, so an
earlier version can be looked at and put back.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.text import capfirst

from roles.models import ContentRevision


def snapshot(record: models.Model) -> dict[str, Any]:
    """Give the record's own field values as JSON values, keyed by attribute name (`role_id`)."""
    values = {}
    for field in _own_fields(record):
        value = field.value_from_object(record)
        if isinstance(field, models.DecimalField) and value is not None:
            value = f"{field.to_python(value):.{field.decimal_places}f}"  # 12.5 and 12.50 are one value
        values[field.attname] = value
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def stored_snapshot(record: models.Model) -> dict[str, Any] | None:
    """Give the snapshot of the record as the database holds it now, or None if it is not saved."""
    stored = type(record).objects.filter(pk=record.pk).first() if record.pk else None
    return snapshot(stored) if stored is not None else None


def stored_snapshots(model: type[models.Model], pks: list[int]) -> dict[int, dict[str, Any]]:
    """Give the stored snapshot of each of these records in one query, keyed by primary key."""
    return {record.pk: snapshot(record) for record in model.objects.filter(pk__in=pks)}


def revisions_of(record: models.Model) -> models.QuerySet:
    return ContentRevision.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("user")


def record_save(
    record: models.Model,
    user,
    before: dict[str, Any] | None,
    action: str | None = None,
) -> ContentRevision | None:
    """Keep a revision of a record just saved; `before` is its stored snapshot before the save.

    The first change of a record the admin has not saved before (one loaded from the content files)
    also keeps the version before it, so that version can be restored too. Saves that change
    nothing leave no revision.
    """
    after = snapshot(record)
    if before is not None and after == before:
        return None
    changed = [name for name in after if before is not None and after[name] != before.get(name)]
    content_type = ContentType.objects.get_for_model(record)
    identity = {"content_type": content_type, "object_id": record.pk}
    if before is not None and not ContentRevision.objects.filter(**identity).exists():
        ContentRevision.objects.create(
            **identity,
            object_repr=str(record)[:200],
            action=ContentRevision.Action.ORIGINAL,
            snapshot=before,
        )
    if action is None:
        action = ContentRevision.Action.ADDED if before is None else ContentRevision.Action.CHANGED
    return ContentRevision.objects.create(
        **identity,
        object_repr=str(record)[:200],
        action=action,
        user=user,
        snapshot=after,
        changed_fields=changed,
    )


def restoring_form(form_class: type[forms.ModelForm], record: models.Model, revision: ContentRevision):
    """Give the admin form bound to the revision's values, so a restore passes the same checks as an edit.

    Fields the snapshot does not hold (added to the model since) keep their current value; relations
    to many records are not part of a record's own fields and stay as they are.
    """
    restored = type(record).objects.get(pk=record.pk)
    for field in _own_fields(restored):
        if field.attname in revision.snapshot:
            setattr(restored, field.attname, field.to_python(revision.snapshot[field.attname]))
    as_it_was = form_class(instance=restored)
    data = {field.name: field.value() for field in as_it_was if field.value() is not None}
    return form_class(data=data, instance=record), restored


def field_labels(model: type[models.Model], names: list[str]) -> list[str]:
    """Give the verbose names of fields given by attribute name (`source_id` is "source")."""
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    return [capfirst(by_attname[name].verbose_name) if name in by_attname else name for name in names]


def _own_fields(record: models.Model) -> list[models.Field]:
    return [field for field in record._meta.concrete_fields if not field.primary_key]
