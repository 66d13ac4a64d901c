"""The content admin: a role with everything attached to it on one page, checked before it is saved.

Every save keeps a revision (roles.history) next to Django's own log, and a public page shows the
change on its next request because every content save bumps the content version (roles.signals).
"""

from __future__ import annotations

from typing import Any

import yaml
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextInputWidget
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from roles import history
from roles import models as content
from roles.admin_forms import (
    ContentForm,
    ContentInlineFormSet,
    RoadmapStepForm,
    SalaryLevelForm,
    list_formfield,
)

POSITION_FIELDS = ("order", "number")


class ContentFormFieldsMixin:
    """Form fields shared by every content page and inline: lists as text, selects listed once."""

    form = ContentForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.JSONField):
            return list_formfield(self.model, db_field)
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        if (
            isinstance(db_field, models.CharField)
            and (db_field.max_length or 0) >= 300
            and not db_field.choices
        ):
            kwargs.setdefault("widget", AdminTextInputWidget(attrs={"class": "vLargeTextField"}))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Every inline row renders the same select (its source, say): list its choices once per
        # request rather than once per row, so a page's query count does not grow with its rows.
        listed = getattr(request, "admin_listed_choices", None)
        if listed is None:
            listed = request.admin_listed_choices = {}
        key = (db_field.related_model, formfield.empty_label)
        if key not in listed:
            listed[key] = list(formfield.choices)
        formfield.choices = listed[key]
        return formfield

    def get_fields(self, request: HttpRequest, obj=None) -> list[str]:
        """Give the model's fields with the source last: it is the least edited."""
        fields = list(super().get_fields(request, obj))
        if "source" in fields:
            fields.remove("source")
            fields.append("source")
        return fields


class ContentAdmin(ContentFormFieldsMixin, admin.ModelAdmin):
    """A content model's admin: keeps a revision per save and offers to restore earlier ones."""

    save_on_top = True
    list_per_page = 50
    list_filter: Any = ["source"]
    list_select_related: Any = ["source"]

    @admin.display(description="source", ordering="source__code")
    def source_code(self, obj) -> str:
        return obj.source.code

    def save_model(self, request, obj, form, change) -> None:
        before = history.stored_snapshot(obj) if change else None
        super().save_model(request, obj, form, change)
        history.record_save(obj, request.user, before)

    def save_formset(self, request, form, formset: BaseInlineFormSet, change) -> None:
        changing = [
            each.instance.pk for each in formset.initial_forms if each.instance.pk and each.has_changed()
        ]
        before = history.stored_snapshots(formset.model, changing) if changing else {}
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            history.record_save(obj, request.user, None)
        for obj, _fields in formset.changed_objects:
            history.record_save(obj, request.user, before.get(obj.pk))

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if obj is not None and self.has_view_or_change_permission(request, obj):
            current = history.snapshot(obj)
            revisions = list(history.revisions_of(obj))
            for revision in revisions:
                revision.is_current = all(
                    current.get(name) == value for name, value in revision.snapshot.items()
                )
                revision.changed_labels = history.field_labels(self.model, revision.changed_fields)
            context.update(revisions=revisions, can_restore=self.has_change_permission(request, obj))
        return super().history_view(request, object_id, context)

    def get_urls(self):
        restore = path(
            "<path:object_id>/history/<int:revision_id>/restore/",
            self.admin_site.admin_view(self.restore_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_restore",
        )
        return [restore, *super().get_urls()]

    def restore_view(self, request: HttpRequest, object_id: str, revision_id: int) -> HttpResponse:
        """Show what restoring a revision would change (GET), or restore it (POST)."""
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        revision = get_object_or_404(history.revisions_of(obj), pk=revision_id)
        form, restored = history.restoring_form(self.get_form(request, obj, change=True), obj, revision)
        # Read the current values before validating: validating the form writes into `obj`.
        before = history.snapshot(obj)
        changes = [
            {
                "label": form.fields[name].label,
                "current": _display(getattr(obj, name)),
                "restored": _display(getattr(restored, name)),
            }
            for name in form.changed_data
        ]
        errors = [
            (form.fields[name].label if name in form.fields else "", field_errors)
            for name, field_errors in form.errors.items()
        ]
        history_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk])
        if request.method == "POST" and changes and not errors:
            with transaction.atomic():
                obj = form.save()
                history.record_save(obj, request.user, before, action=content.ContentRevision.Action.RESTORED)
                labels = ", ".join(str(change["label"]) for change in changes)
                saved_on = f"{revision.created:%Y-%m-%d %H:%M}"
                self.log_change(
                    request, obj, f"Restored the version saved on {saved_on} UTC; changed {labels}."
                )
            self.message_user(
                request, f"Restored the version of “{obj}” saved on {saved_on} UTC.", messages.SUCCESS
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Restore an earlier version",
            "opts": self.opts,
            "object": obj,
            "revision": revision,
            "changes": changes,
            "errors": errors,
            "history_url": history_url,
        }
        return TemplateResponse(request, "admin/roles/restore_confirmation.html", context)


def _display(value: Any) -> str:
    """Give a field value as text an editor can compare."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n\n".join(value)
    if isinstance(value, list | dict):
        return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return str(value)


# --- inlines ---------------------------------------------------------------------------------------


class ContentInlineMixin(ContentFormFieldsMixin):
    formset = ContentInlineFormSet
    extra = 0
    show_change_link = True

    def get_fields(self, request: HttpRequest, obj=None) -> list[str]:
        """Give the row's position first, so rows read and reorder by it."""
        fields = super().get_fields(request, obj)
        return [name for name in fields if name in POSITION_FIELDS] + [
            name for name in fields if name not in POSITION_FIELDS
        ]


class ContentStackedInline(ContentInlineMixin, admin.StackedInline):
    pass


class ContentTabularInline(ContentInlineMixin, admin.TabularInline):
    pass


class RoadmapStepInline(ContentStackedInline):
    model = content.RoadmapStep
    form = RoadmapStepForm


class ResponsibilityGroupInline(ContentTabularInline):
    model = content.ResponsibilityGroup
    verbose_name_plural = "responsibility groups (open a group to edit its items)"


class SkillInline(ContentTabularInline):
    model = content.Skill


class CareerStageInline(ContentStackedInline):
    model = content.CareerStage
    verbose_name_plural = "career ladder (open a stage to edit its tips)"


class SalaryLevelInline(ContentStackedInline):
    model = content.SalaryLevel
    form = SalaryLevelForm


class FaqInline(ContentStackedInline):
    model = content.Faq


class RequirementStatementInline(ContentStackedInline):
    model = content.RequirementStatement


class SpecialisationInline(ContentStackedInline):
    model = content.Specialisation


class ResponsibilityItemInline(ContentTabularInline):
    model = content.ResponsibilityItem
    show_change_link = False


class CareerTipInline(ContentStackedInline):
    model = content.CareerTip
    show_change_link = False


class CertificationStatementInline(ContentTabularInline):
    model = content.CertificationStatement


class EligibilityPathInline(ContentStackedInline):
    model = content.EligibilityPath


# --- a role and its parts -----------------------------------------------------------------------------


@admin.register(content.Role)
class RoleAdmin(ContentAdmin):
    list_display = ["title", "slug", "order", "salary_span", "source_code"]
    search_fields = ["title", "slug", "summary", "what_they_do", "work_environment"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [
        RoadmapStepInline,
        ResponsibilityGroupInline,
        SkillInline,
        CareerStageInline,
        SalaryLevelInline,
        FaqInline,
        RequirementStatementInline,
        SpecialisationInline,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("salary_levels")


class ShownOnPageAdmin(ContentAdmin):
    """Something shown on another record's page: "View on site" opens that page at `anchor`."""

    anchor = ""  # an element id on the page, formatted with the record as `obj`

    def page_url(self, obj) -> str:
        raise NotImplementedError

    def view_on_site(self, obj) -> str:
        anchor = self.anchor.format(obj=obj)
        return f"{self.page_url(obj)}#{anchor}" if anchor else self.page_url(obj)


class RolePartAdmin(ShownOnPageAdmin):
    """Something shown on a role's page: listed with its role, found by role and source."""

    list_filter = ["role", "source"]
    list_select_related = ["role", "source"]

    def page_url(self, obj) -> str:
        return obj.role.get_absolute_url()


@admin.register(content.RoadmapStep)
class RoadmapStepAdmin(RolePartAdmin):
    form = RoadmapStepForm
    list_display = ["title", "role", "number", "key", "source_code"]
    search_fields = ["title", "key", "body"]
    view_on_site = True  # a step has a page of its own


@admin.register(content.ResponsibilityGroup)
class ResponsibilityGroupAdmin(RolePartAdmin):
    list_display = ["title", "role", "order", "source_code"]
    search_fields = ["title", "items__text"]
    inlines = [ResponsibilityItemInline]
    anchor = "group-{obj.pk}"


@admin.register(content.ResponsibilityItem)
class ResponsibilityItemAdmin(ContentAdmin):
    list_display = ["text", "group", "role", "order"]
    list_filter = ["group__role"]
    list_select_related = ["group__role"]
    search_fields = ["text"]

    @admin.display(ordering="group__role")
    def role(self, item: content.ResponsibilityItem) -> content.Role:
        return item.group.role

    def view_on_site(self, obj) -> str:
        return f"{obj.group.role.get_absolute_url()}#group-{obj.group_id}"


@admin.register(content.Skill)
class SkillAdmin(RolePartAdmin):
    list_display = ["name", "role", "order", "source_code"]
    search_fields = ["name", "description"]
    anchor = "skills"


@admin.register(content.CareerStage)
class CareerStageAdmin(RolePartAdmin):
    list_display = ["label", "positions_list", "role", "order", "source_code"]
    search_fields = ["label", "positions", "description", "tips__title", "tips__text"]
    inlines = [CareerTipInline]
    anchor = "career-ladder"

    @admin.display(description="positions")
    def positions_list(self, stage: content.CareerStage) -> str:
        return " / ".join(stage.positions)


@admin.register(content.CareerTip)
class CareerTipAdmin(ContentAdmin):
    list_display = ["title", "stage", "role", "order"]
    list_filter = ["stage__role"]
    list_select_related = ["stage__role"]
    search_fields = ["title", "text"]

    @admin.display(ordering="stage__role")
    def role(self, tip: content.CareerTip) -> content.Role:
        return tip.stage.role

    def view_on_site(self, obj) -> str:
        return f"{obj.stage.role.get_absolute_url()}#career-ladder"


@admin.register(content.SalaryLevel)
class SalaryLevelAdmin(RolePartAdmin):
    form = SalaryLevelForm
    list_display = ["title", "role", "order", "span", "experience", "source_code"]
    search_fields = ["title", "description"]
    anchor = "level-{obj.pk}"


@admin.register(content.Faq)
class FaqAdmin(RolePartAdmin):
    list_display = ["question", "role", "order", "topic", "source_code"]
    list_filter = ["role", "topic", "source"]
    search_fields = ["question", "answer"]
    anchor = "faqs"


@admin.register(content.RequirementStatement)
class RequirementStatementAdmin(RolePartAdmin):
    list_display = ["text", "role", "order", "aspect", "source_code"]
    list_filter = ["role", "aspect", "source"]
    search_fields = ["text"]
    anchor = "requirements"


@admin.register(content.Specialisation)
class SpecialisationAdmin(RolePartAdmin):
    list_display = ["name", "role", "order", "slug", "source_code"]
    search_fields = ["name", "slug", "description"]
    anchor = "specialisations"


# --- certifications ---------------------------------------------------------------------------------


@admin.register(content.Certification)
class CertificationAdmin(ContentAdmin):
    list_display = ["code", "name", "organization", "order", "source_code"]
    list_filter = ["organization", "roles", "source"]
    list_select_related = ["organization", "source"]
    search_fields = ["code", "name", "slug", "summary", "suits"]
    prepopulated_fields = {"slug": ["code"]}
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    inlines = [CertificationStatementInline, EligibilityPathInline]


class CertificationPartAdmin(ShownOnPageAdmin):
    list_filter = ["certification", "source"]
    list_select_related = ["certification", "source"]

    def page_url(self, obj) -> str:
        return obj.certification.get_absolute_url()


@admin.register(content.CertificationStatement)
class CertificationStatementAdmin(CertificationPartAdmin):
    list_display = ["text", "certification", "order", "source_code"]
    search_fields = ["text"]


@admin.register(content.EligibilityPath)
class EligibilityPathAdmin(CertificationPartAdmin):
    list_display = ["name", "certification", "order", "key", "source_code"]
    search_fields = ["name", "key", "requirements"]
    anchor = "path-{obj.pk}"


# --- sources, organisations and the field at large ---------------------------------------------------


class FieldPageAdmin(ShownOnPageAdmin):
    """Something shown on the case-management page."""

    def page_url(self, obj) -> str:
        return reverse("roadmap:case-management")


@admin.register(content.Source)
class SourceAdmin(ShownOnPageAdmin):
    """A source: listed, with the pages that cite it, on the sources page."""

    list_display = ["code", "title", "kind", "read_on"]
    list_filter = ["kind"]
    list_select_related = []
    search_fields = ["code", "title", "short_title", "url", "note"]
    anchor = "{obj.anchor}"

    def page_url(self, obj) -> str:
        return reverse("roadmap:sources")


@admin.register(content.Organization)
class OrganizationAdmin(FieldPageAdmin):
    list_display = ["name", "abbreviation", "slug", "source_code"]
    search_fields = ["name", "abbreviation", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    anchor = "organizations-heading"


@admin.register(content.Definition)
class DefinitionAdmin(FieldPageAdmin):
    list_display = ["term", "order", "slug", "source_code"]
    search_fields = ["term", "slug", "text", "attribution"]
    prepopulated_fields = {"slug": ["term"]}
    anchor = "definition-{obj.slug}"


@admin.register(content.ProcessPhase)
class ProcessPhaseAdmin(FieldPageAdmin):
    list_display = ["name", "order", "source_code"]
    search_fields = ["name", "description"]
    anchor = "process-heading"


@admin.register(content.CaseManagerType)
class CaseManagerTypeAdmin(FieldPageAdmin):
    list_display = ["name", "order", "slug", "source_code"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    anchor = "type-{obj.slug}"


@admin.register(content.Statistic)
class StatisticAdmin(FieldPageAdmin):
    list_display = ["label", "kind", "display_value", "role", "order", "source_code"]
    list_filter = ["kind", "role", "source"]
    list_select_related = ["role", "source"]
    search_fields = ["label", "period", "attribution"]
    anchor = "figures-heading"
