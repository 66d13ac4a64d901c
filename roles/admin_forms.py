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
from adminsortable2.admin import CustomInlineFormSetMixin
from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet, InlineForeignKeyField
from django.utils.html import format_html
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
    """Structured content (advisor conditions) edited as YAML and checked against the content schema.

    Problems are told in plain words with the line they are on ("line 3: expected a list of
    conditions"), not in the YAML parser's or the schema library's terms.
    """

    widget = AdminTextareaWidget(attrs={"rows": 10})
    most_bytes = 20_000

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
        size = len(value.encode("utf-8"))
        if size > self.most_bytes:
            raise ValidationError(
                f"This is too long: at most {self.most_bytes // 1000} KB of YAML, and this is "
                f"{size / 1000:.0f} KB. Conditions are a few lines each.",
                code="too_long",
            )
        data, lines = read_yaml(value)
        if self.adapter is None:
            return data
        if self.is_list and not isinstance(data, list):
            raise ValidationError(
                "line 1: expected a list of conditions, each starting with “- ”.", code="invalid"
            )
        try:
            checked = self.adapter.validate_python(data)
        except SchemaError as error:
            raise ValidationError(plain_messages(error, lines), code="invalid") from None
        value = self.adapter.dump_python(checked, mode="json", exclude_defaults=True)
        # YAML can spell a null character as "\0"; the database cannot store one.
        if "\\u0000" in json.dumps(value):
            raise ValidationError("Null characters are not allowed.", code="null_characters_not_allowed")
        return value


YAML_PROBLEMS = [
    ("mapping values are not allowed", "a “: ” where it cannot be; put text that holds “: ” in quotes"),
    (
        "cannot start any token",
        "a character that cannot start a value here (tabs are not allowed: indent with spaces)",
    ),
    ("could not find expected ':'", "expected “name: value”"),
    ("expected ',' or ']'", "a list in “[ ]” is not closed with “]”"),
    ("expected ',' or '}'", "a group in “{ }” is not closed with “}”"),
    ("found unexpected end of stream", "a quote is not closed"),
    ("block sequence entries are not allowed", "a “- ” item where it cannot be; check the indentation"),
    ("expected <block end>", "the indentation does not line up with the lines above"),
    ("found duplicate anchor", "the same “&name” is used twice"),
    ("found undefined alias", "“*name” refers to nothing"),
]


def read_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """Give the YAML's data and its node tree (which knows each value's line); plain-worded errors."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1
                raise ValidationError(
                    f"line {line}: “*” references are not allowed here; write the value out.", code="invalid"
                )
        lines = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = f"{error.problem or ''} {error.context or ''}"
        plain = next(
            (words for known, words in YAML_PROBLEMS if known in problem),
            "this line cannot be read; check its indentation and that quotes and brackets are closed",
        )
        raise ValidationError(f"{where}{plain}.", code="invalid") from None
    except yaml.YAMLError:
        raise ValidationError(
            "This cannot be read as YAML; check the indentation and that quotes are closed.", code="invalid"
        ) from None
    return data, lines


def plain_messages(error: SchemaError, lines: yaml.Node | None) -> list[str]:
    """Give one plain line per schema problem: the YAML line it is on, which condition, what is wrong."""
    messages = []
    for problem in error.errors():
        location = [part for part in problem["loc"] if not _is_union_tag(part)]
        node, line = _node_at(lines, location)
        where = []
        if location and isinstance(location[0], int):
            where.append(f"condition {location[0] + 1}")
        message = _plain_problem(problem, location, node)
        prefix = f"line {line}: " if line else ""
        messages.append(f"{prefix}{', '.join(where)}{': ' if where else ''}{message}")
    return messages


def _is_union_tag(part: Any) -> bool:
    # pydantic names the branch of a union it tried ("RequirementSchema"); no editor needs that.
    return isinstance(part, str) and part[:1].isupper()


def _node_at(root: yaml.Node | None, location: list[Any]) -> tuple[yaml.Node | None, int]:
    """Follow a location (indexes and names) through the YAML nodes; give the deepest node and its line."""
    node = root
    line = root.start_mark.line + 1 if root is not None else 0
    for part in location:
        child = None
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        elif isinstance(node, yaml.MappingNode):
            child = next((value for key, value in node.value if key.value == part), None)
            if child is None:
                break
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return node, line


def _plain_problem(problem: dict[str, Any], location: list[Any], node: yaml.Node | None) -> str:
    kind = problem["type"]
    context = problem.get("ctx") or {}
    name = next((part for part in reversed(location) if isinstance(part, str)), "")
    field = f"“{name}”" if name else "this"
    if kind == "missing":
        return f"{field} is missing"
    if kind == "extra_forbidden":
        return f"{field} is not something a condition can have"
    if kind == "literal_error":
        expected = context.get("expected", "").replace("'", "")
        return f"{field} must be one of: {expected}"
    if kind in ("list_type", "tuple_type"):
        return (
            f"{field} should be a list (one “- ” line per item)" if name else "expected a list of conditions"
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "expected a condition: lines of “name: value”, starting with “kind:”"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{field} should be a whole number"
    if kind in ("string_type", "string_sub_type"):
        return f"{field} should be text"
    if kind == "string_too_short":
        return f"{field} should not be empty"
    if kind == "string_too_long":
        return f"{field} is too long (at most {context.get('max_length')} characters)"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{field} should be at least {context.get('ge', context.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"{field} should be at most {context.get('le', context.get('lt'))}"
    if kind == "too_long":
        return f"{field} has too many items"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"{field} should be true or false"
    if kind == "none_required":
        return f"{field} should be left out"
    # Our own checks (roles/schema.py validators) already speak plainly.
    message = problem["msg"].removeprefix("Value error, ")
    return f"{field}: {message}" if name else message


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
        help_text=CONDITION_HELP.get(db_field.name, "Written in YAML, as in the content files."),
        **options,
    )


_CONDITION_KEYS = (
    "Each condition has a kind (degree, credential or experience) and a text shown to visitors; a degree "
    "names its levels (and fields), a credential its licenses or aswb_exams, experience its measure and "
    "minimum. Written in YAML, as in the content files."
)
CONDITION_HELP = {
    "requirements": "Every condition must hold, one per “- ” item. " + _CONDITION_KEYS,
    "covered_when": "The advisor counts the step as covered when all of these hold, one per “- ” item. "
    + _CONDITION_KEYS,
    "rule": "The statement as one condition the advisor checks (optional). " + _CONDITION_KEYS,
}


# --- the form every content admin page uses ---------------------------------------------------------


class ContentForm(forms.ModelForm):
    """Checks each value against the content schema and keeps positions unique within their parent."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The record as saved, for headings: validating a form writes its unsaved values into
        # the instance, and a page shown again after a failed save must not present them as saved.
        self.saved_label = str(self.instance) if self.instance.pk else ""

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
            if name in ("order", "number") and value is None:
                continue  # a new row dragged into place: it is given the next position when saved
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


class LockedText(forms.Widget):
    """A value shown as text, not as an input: it cannot be changed here."""

    def render(self, name, value, attrs=None, renderer=None):
        element_id = (attrs or {}).get("id", "")
        return format_html('<div class="readonly locked-value" id="{}">{}</div>', element_id, value or "")


class RoadmapStepForm(ContentForm):
    """A saved step's key is fixed: visitors' progress and shared links name the step by it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "key" in self.fields:
            self.fields["key"].disabled = True
            self.fields["key"].widget = LockedText()
            self.fields["key"].help_text = (
                "Fixed once saved: visitors' progress and shared links name the step by it. "
                "To retire a step, delete it and add a new one."
            )


class RoleForm(ContentForm):
    """A role's slug is in every link to it and in visitors' saved progress: changing it is warned of."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields.get("slug")
        if slug is not None and self.instance.pk:
            slug.help_text = (
                f"Changing it breaks every link to this role (/roles/{self.instance.slug}/ and its steps) "
                "and loses the progress visitors saved on it. Change it only if you must."
            )
            slug.widget.attrs["data-saved-slug"] = self.instance.slug


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


class ContentInlineFormSet(CustomInlineFormSetMixin, BaseInlineFormSet):
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
