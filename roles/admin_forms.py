"""Forms for editing content in the admin: list fields as plain text, checks placed next to their field.

Every value the admin saves is also checked against the content schema (roles/schema.py), so anything
an editor can save is something export_content can write and load_content can read back.
"""

from __future__ import annotations

import functools
import json
import re
import typing
from decimal import Decimal
from typing import Annotated, Any, Literal

import yaml
from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet, InlineForeignKeyField
from django.utils.text import capfirst
from pydantic import BaseModel, TypeAdapter
from pydantic import ValidationError as SchemaError

from roles import models as content
from roles import schema

SCHEMAS: dict[type[models.Model], type[BaseModel]] = {
    content.Source: schema.SourceSchema,
    content.Organization: schema.OrganizationSchema,
    content.Role: schema.RoleSchema,
    content.RoadmapStep: schema.StepSchema,
    content.ResponsibilityGroup: schema.ResponsibilityGroupSchema,
    content.Skill: schema.SkillSchema,
    content.CareerStage: schema.CareerStageSchema,
    content.CareerTip: schema.TipSchema,
    content.SalaryLevel: schema.SalaryLevelSchema,
    content.Faq: schema.FaqSchema,
    content.RequirementStatement: schema.RequirementStatementSchema,
    content.Specialisation: schema.SpecialisationSchema,
    content.Certification: schema.CertificationSchema,
    content.CertificationStatement: schema.CertificationStatementSchema,
    content.EligibilityPath: schema.EligibilityPathSchema,
    content.Definition: schema.DefinitionSchema,
    content.ProcessPhase: schema.ProcessPhaseSchema,
    content.CaseManagerType: schema.CaseManagerTypeSchema,
    content.Statistic: schema.StatisticSchema,
}

# The export lists these in `order`; with no tie-breaker, two rows sharing a number would come out
# in whatever order the database likes, so each number must be used once.
UNIQUE_ORDER = (content.Definition, content.CaseManagerType, content.Statistic)


def unique_within_parent(model: type[models.Model]) -> list[tuple[str | None, str]]:
    """Give (parent field, field) for each value that must be unique within its parent (None: the table)."""
    pairs: list[tuple[str | None, str]] = [
        (constraint.fields[0], constraint.fields[1])
        for constraint in model._meta.constraints
        if isinstance(constraint, UniqueConstraint) and len(constraint.fields) == 2
    ]
    if model in UNIQUE_ORDER:
        pairs.append((None, "order"))
    return pairs


# --- list fields edited as text ------------------------------------------------------------------


class ParagraphListField(forms.CharField):
    """A list of paragraphs edited as text: one paragraph per block, blocks separated by a blank line."""

    widget = AdminTextareaWidget(attrs={"rows": 6})
    default_error_messages = {"required": "Write at least one paragraph."}
    joiner = "\n\n"

    def prepare_value(self, value: Any) -> Any:
        return self.joiner.join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return value
        return self.split(super().to_python(value).replace("\r\n", "\n").replace("\r", "\n"))

    def run_validators(self, value: list[str]) -> None:
        # Django's validators (no null characters, say) look at one string: give them each item.
        for item in value:
            super().run_validators(item)

    def split(self, text: str) -> list[str]:
        # Lines wrapped inside one block belong to the same paragraph.
        blocks = re.split(r"\n[ \t]*\n", text)
        paragraphs = [
            " ".join(line.strip() for line in block.split("\n") if line.strip()) for block in blocks
        ]
        return [paragraph for paragraph in paragraphs if paragraph]


class LineListField(ParagraphListField):
    """A list of short items edited as text, one per line."""

    widget = AdminTextareaWidget(attrs={"rows": 3})
    default_error_messages = {"required": "Write at least one line."}
    joiner = "\n"

    def split(self, text: str) -> list[str]:
        return [line.strip() for line in text.split("\n") if line.strip()]


class ChoiceListField(forms.MultipleChoiceField):
    """A list of fixed values (populations), ticked as checkboxes."""

    widget = forms.CheckboxSelectMultiple


class StructuredField(forms.CharField):
    """Structured content (advisor conditions) edited as YAML and checked against the content schema."""

    widget = AdminTextareaWidget(attrs={"rows": 10})

    def __init__(self, *, adapter: TypeAdapter | None, is_list: bool, **kwargs):
        self.adapter = adapter
        self.is_list = is_list
        super().__init__(strip=False, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return value
        if value in (None, [], {}):
            return ""
        # No line width: long texts stay on one line, which the textarea wraps for reading.
        return yaml.safe_dump(
            value, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000
        )

    def to_python(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if not value.strip():
            return [] if self.is_list else None
        try:
            data = yaml.safe_load(value)
        except yaml.YAMLError as error:
            raise ValidationError(f"This is not valid YAML: {error}", code="invalid") from None
        if self.adapter is None:
            return data
        try:
            checked = self.adapter.validate_python(data)
        except SchemaError as error:
            raise ValidationError(schema_messages(error, item="Condition"), code="invalid") from None
        value = self.adapter.dump_python(checked, mode="json", exclude_defaults=True)
        # YAML can spell a null character as "\0"; the database cannot store one.
        if "\\u0000" in json.dumps(value):
            raise ValidationError("Null characters are not allowed.", code="null_characters_not_allowed")
        return value


def list_formfield(model: type[models.Model], db_field: models.JSONField) -> forms.Field:
    """Give the form field that edits a JSON list (or structure) in a way an editor can read and write."""
    options = {
        "label": capfirst(db_field.verbose_name),
        "required": not db_field.blank,
    }
    annotation = _schema_annotation(model, db_field.name)
    item = _list_item(annotation)
    if item is not None and typing.get_origin(item) is Literal:
        return ChoiceListField(
            choices=[(value, value.replace("-", " ")) for value in typing.get_args(item)],
            help_text="Tick every one that applies.",
            **options,
        )
    if item is not None and _is_text(item):
        if db_field.name == "positions":
            return LineListField(help_text="One per line.", **options)
        return ParagraphListField(
            help_text="One paragraph per block; leave a blank line between them.", **options
        )
    return StructuredField(
        adapter=_adapter(annotation) if annotation is not None else None,
        is_list=item is not None or annotation is None,
        help_text=f"{db_field.help_text}. Written in YAML, as in the content files.",
        **options,
    )


# --- the form every content admin page uses ---------------------------------------------------------


class ContentForm(forms.ModelForm):
    """Checks each value against the content schema and keeps positions unique within their parent."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Before the model's own checks: a field with an error here is left out of its constraint
        # check, so the editor sees this message next to the field rather than a general one.
        self._check_unique_within_parent(cleaned)
        return cleaned

    def validate_unique(self) -> None:
        super().validate_unique()
        # Last of the model form's checks: after the model's own, whose messages are the
        # friendlier ones where both apply.
        self._check_against_schema(self.cleaned_data)

    def clean_populations(self) -> list[str]:
        # Ticking boxes gives the values in the boxes' order; keep the order the content already had.
        chosen = self.cleaned_data["populations"]
        kept = [value for value in self.initial.get("populations") or [] if value in chosen]
        return kept + [value for value in chosen if value not in kept]

    def _check_against_schema(self, cleaned: dict[str, Any]) -> None:
        schema_class = SCHEMAS.get(self._meta.model)
        if schema_class is None:
            return
        for name, value in list(cleaned.items()):
            if name not in schema_class.model_fields or name in self.errors:
                continue
            try:
                _adapter(_schema_annotation(self._meta.model, name)).validate_python(_schema_value(value))
            except SchemaError as error:
                self.add_error(name, schema_messages(error))

    def _check_unique_within_parent(self, cleaned: dict[str, Any]) -> None:
        model = self._meta.model
        for parent, name in unique_within_parent(model):
            if parent and isinstance(self.fields.get(parent), InlineForeignKeyField):
                continue  # in an inline the formset compares its rows with each other
            value = cleaned.get(name)
            if value in (None, "") or name in self.errors:
                continue
            others = model.objects.filter(**{name: value}).exclude(pk=self.instance.pk)
            if parent:
                parent_value = (
                    cleaned.get(parent) if parent in self.fields else getattr(self.instance, parent)
                )
                if parent_value is None:
                    continue
                others = others.filter(**{parent: parent_value})
            if others.exists():
                label = model._meta.get_field(name).verbose_name
                where = f" of this {model._meta.get_field(parent).verbose_name}" if parent else ""
                self.add_error(
                    name, f"Another {model._meta.verbose_name}{where} already has {label} {value}."
                )


class RoadmapStepForm(ContentForm):
    """A saved step's key is fixed: visitors' progress and shared links name the step by it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "key" in self.fields:
            self.fields["key"].disabled = True
            self.fields["key"].help_text = (
                "Fixed once saved: visitors' progress and shared links name the step by it. "
                "To retire a step, delete it and add a new one."
            )


class SalaryLevelForm(ContentForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("low"), cleaned.get("high")
        if low is not None and high is not None and low > high:
            self.add_error("high", f"The high figure must not be below the low figure ({low:,}).")
        years_min, years_max = cleaned.get("years_min"), cleaned.get("years_max")
        if years_min is not None and years_max is not None and years_min > years_max:
            self.add_error("years_max", f"The most years must not be below the fewest ({years_min}).")
        return cleaned


class ContentInlineFormSet(BaseInlineFormSet):
    """Rows of one parent whose positions (and other per-parent unique values) can be swapped in one save."""

    def clean(self) -> None:
        self._check_rows_unique()
        super().clean()

    def save(self, commit: bool = True) -> list[models.Model]:
        if commit:
            self._move_aside()
        return super().save(commit=commit)

    def _check_rows_unique(self) -> None:
        rows = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not self._should_delete_form(form)
        ]
        for _parent, name in unique_within_parent(self.model):
            by_value: dict[Any, list[forms.Form]] = {}
            for form in rows:
                value = form.cleaned_data.get(name)
                if value not in (None, ""):
                    by_value.setdefault(value, []).append(form)
            label = self.model._meta.get_field(name).verbose_name
            for value, forms_with_value in by_value.items():
                if len(forms_with_value) > 1:
                    for form in forms_with_value:
                        form.add_error(name, f"Two rows have {label} {value}; give each row its own.")

    def _move_aside(self) -> None:
        """Give rows whose unique values change, or which go, a temporary value no other row has.

        Rows are saved one by one, so swapping two positions would otherwise collide with the
        database constraint half-way through.
        """
        for _parent, name in unique_within_parent(self.model):
            field = self.model._meta.get_field(name)
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk and (self._should_delete_form(form) or name in form.changed_data)
            ]
            if not moving:
                continue
            if isinstance(field, models.IntegerField):
                highest = self.model.objects.aggregate(highest=models.Max(name))["highest"] or 0
                aside_values = [highest + index for index in range(1, len(moving) + 1)]
            else:
                # "~" is not allowed in a slug or key, and no real name starts with it.
                aside_values = [f"~moving-{pk}" for pk in moving]
            for pk, aside in zip(moving, aside_values, strict=True):
                self.model.objects.filter(pk=pk).update(**{name: aside})


# --- helpers -----------------------------------------------------------------------------------------


def schema_messages(error: SchemaError, item: str = "Item") -> list[str]:
    """Give one readable line per pydantic problem, saying where it is ("Condition 2, levels, item 1: …")."""
    messages = []
    for problem in error.errors():
        where = []
        for index, part in enumerate(problem["loc"]):
            if isinstance(part, int):
                where.append(f"{item if index == 0 else 'item'} {part + 1}")
            else:
                where.append(str(part))
        message = problem["msg"].removeprefix("Value error, ")
        messages.append(f"{', '.join(where)}: {message}" if where else message)
    return messages


def _schema_annotation(model: type[models.Model], name: str) -> Any:
    schema_class = SCHEMAS.get(model)
    if schema_class is None or name not in schema_class.model_fields:
        return None
    info = schema_class.model_fields[name]
    return Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation


@functools.cache
def _adapter(annotation: Any) -> TypeAdapter:
    return TypeAdapter(annotation)


def _list_item(annotation: Any) -> Any:
    """Give the item type of a list annotation (through Annotated), or None."""
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    return None


def _is_text(annotation: Any) -> bool:
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation is str


def _schema_value(value: Any) -> Any:
    """Give a form value as the content files write it: related records by their code or slug."""
    if isinstance(value, content.Source):
        return value.code
    if isinstance(value, models.Model):
        return value.slug
    if isinstance(value, models.QuerySet):
        return [_schema_value(item) for item in value]
    if isinstance(value, Decimal):
        return float(value)
    return value
