"""The content admin: a role with everything attached to it on one page, checked before it is saved.

Every save makes a revision with django-reversion (roles/history.py registers the models, a role
following everything attached to it), next to Django's own log, and a public page shows the change
on its next request because every content save bumps the content version (roles/signals.py).
"""

from __future__ import annotations

from typing import Any

from adminsortable2.admin import SortableAdminBase, SortableInlineAdminMixin
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextInputWidget
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin
from reversion.models import Version

from roles import history
from roles import models as content
from roles.admin_forms import (
    ContentForm,
    ContentInlineFormSet,
    RoadmapStepForm,
    RoleForm,
    SalaryLevelForm,
    list_formfield,
)
from roles.exporting import export_content

history.register_content()

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


class ContentAdmin(ContentFormFieldsMixin, SortableAdminBase, VersionAdmin):
    """A content model's admin: a revision per save, restoring and recovering with django-reversion."""

    save_on_top = True
    list_per_page = 50
    list_filter: Any = ["source"]
    list_select_related: Any = ["source"]
    history_latest_first = True
    object_history_template = "admin/roles/object_history.html"

    class Media:
        css = {"all": ["css/content-admin.css"]}
        js = ["js/content-admin.js"]

    @admin.display(description="source", ordering="source__code")
    def source_code(self, obj) -> str:
        return obj.source.code

    # --- saving and deleting keep versions -------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The first change to a record loaded from the content files also keeps the version
        # before it, so that version can be looked at and restored; dropped if the save fails.
        kept = None
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                kept = history.keep_original(obj, request.user)
        response = super().change_view(request, object_id, form_url, extra_context)
        if kept is not None and response.status_code != 302:
            kept.delete()
        return response

    def delete_model(self, request, obj) -> None:
        history.keep_before_delete(obj, request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            history.keep_before_delete(obj, request.user)
        super().delete_queryset(request, queryset)

    # --- restoring and recovering ------------------------------------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Show an earlier version in the change form (GET); restore it with everything attached (POST)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with this ID.")
        version = Version.objects.filter(pk=version_id, object_id=str(obj.pk)).select_related("revision")
        version = version.first()
        context = {**(extra_context or {}), "version": version}
        if version is not None:
            context["title"] = f"An earlier version of {version.object_repr}"
            if request.method != "POST":
                context["restore_changes"] = history.what_restoring_changes(obj, version.revision)
        with history.positions_moved_aside(obj) as still_aside:
            response = super().revision_view(request, object_id, version_id, context)
            restored = request.method == "POST" and response.status_code == 302 and not still_aside()
            if not restored:
                transaction.set_rollback(True)
        if restored:
            saved_on = localize(template_localtime(version.revision.date_created))
            self.log_change(request, obj, f"Restored the version saved on {saved_on}.")
            messages.success(request, f"Restored the version of “{obj}” saved on {saved_on}.")
        elif request.method == "POST" and response.status_code == 302:
            messages.error(request, "That version could not be restored as it is; nothing was changed.")
        return response

    def recover_view(self, request, version_id, extra_context=None):
        """Show a deleted record as it was (GET); bring it back with everything attached (POST)."""
        taken = history.position_taken(Version.objects.filter(pk=version_id).first())
        if taken:
            messages.error(request, taken)
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_recoverlist")
            )
        with transaction.atomic():
            response = super().recover_view(request, version_id, extra_context)
            if request.method == "POST" and response.status_code == 302:
                self.recovered(request, Version.objects.filter(pk=version_id).first())
        return response

    def recovered(self, request, version: Version | None) -> None:
        """Log the recovered record; list a recovered role under its certifications again."""
        model = version.content_type.model_class() if version else None
        record = model._default_manager.filter(pk=version.object_id).first() if model else None
        if record is None:
            return
        self.log_change(request, record, "Recovered after it was deleted.")
        if not isinstance(record, content.Role):
            return
        codes = history.list_again(record, version.revision)
        if codes:
            messages.info(request, f"“{record}” is listed under the certifications {', '.join(codes)} again.")
        elif "certifications" in version.revision.comment:
            # Deleted before deletions kept their listings: the comment names them.
            messages.warning(request, f"{version.revision.comment} Tick it there again.")

    # --- the change form: sections, errors and headings ---------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        inline_formsets = context.get("inline_admin_formsets", [])
        context["content_sections"] = [
            {
                "id": f"{inline.formset.prefix}-group",
                "label": inline.opts.verbose_name_plural,
                "count": len(inline.formset.initial_forms),
            }
            for inline in inline_formsets
        ]
        context["error_sections"] = _error_sections(form, inline_formsets)
        saved_label = getattr(form, "saved_label", "")
        if saved_label:
            context["subtitle"] = saved_label
            context["saved_label"] = saved_label
        return super().render_change_form(request, context, add, change, form_url, obj)


def _error_sections(form, inline_formsets) -> list[dict[str, Any]]:
    """Give each part of the page with an error: its name, a link to it, and what is wrong there."""
    sections = []
    if form.errors:
        problems = []
        first_id = ""
        for name, errors in form.errors.items():
            field = form.fields.get(name)
            label = field.label if field is not None else ""
            if not first_id and field is not None:
                first_id = f"id_{name}"
            problems.extend(f"{label}: {error}" if label else str(error) for error in errors)
        sections.append(
            {"label": "This record", "href": f"#{first_id or 'content-main'}", "problems": problems}
        )
    for inline in inline_formsets:
        formset = inline.formset
        problems = [str(error) for error in formset.non_form_errors()]
        first_row = ""
        for index, row in enumerate(formset.forms):
            if not row.errors:
                continue
            first_row = first_row or f"{formset.prefix}-{index}"
            name = getattr(row, "saved_label", "") or f"new row {index + 1 - len(formset.initial_forms)}"
            for field_name, errors in row.errors.items():
                field = row.fields.get(field_name)
                label = f"{field.label}: " if field is not None else ""
                problems.extend(f"“{name}”, {label}{error}" for error in errors)
        if problems:
            sections.append(
                {
                    "label": capfirst(inline.opts.verbose_name_plural),
                    "href": f"#{first_row or formset.prefix + '-group'}",
                    "problems": problems,
                }
            )
    return sections


# --- inlines ---------------------------------------------------------------------------------------


class ContentInlineMixin(ContentFormFieldsMixin, SortableInlineAdminMixin):
    """An inline section: collapsed until opened, rows dragged into order, new rows with the parent's
    source."""

    formset = ContentInlineFormSet
    extra = 0
    show_change_link = True
    classes = ["collapse"]
    ordering = ["order"]

    def get_fields(self, request: HttpRequest, obj=None) -> list[str]:
        """Give the row's position first, so rows read and reorder by it."""
        fields = super().get_fields(request, obj)
        return [name for name in fields if name in POSITION_FIELDS] + [
            name for name in fields if name not in POSITION_FIELDS
        ]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        source = formset.form.base_fields.get("source")
        if source is not None and obj is not None and getattr(obj, "source_id", None):
            source.initial = obj.source_id
        return formset


class ContentStackedInline(ContentInlineMixin, admin.StackedInline):
    template = "admin/roles/edit_inline/stacked.html"


class ContentTabularInline(ContentInlineMixin, admin.TabularInline):
    template = "admin/roles/edit_inline/tabular.html"


class RoadmapStepInline(ContentStackedInline):
    model = content.RoadmapStep
    form = RoadmapStepForm
    ordering = ["number"]


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
    form = RoleForm
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

    def get_actions(self, request):
        # Deleting a role asks for its title to be typed; "delete selected" would not.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        """Delete a role only once its title is typed: it takes every step, FAQ and figure with it."""
        context = dict(extra_context or {})
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            typed = " ".join(request.POST.get("confirm_title", "").split())
            if obj is not None and typed != obj.title:
                context["confirm_error"] = (
                    f"Type the role's title, “{obj.title}”, exactly as shown to delete it."
                    if typed
                    else f"Type the role's title, “{obj.title}”, to delete it."
                )
                # Show the confirmation page again instead of deleting.
                request.method = "GET"
                request.POST = QueryDict()
        return super().delete_view(request, object_id, context)


@admin.register(content.ContentSync)
class ContentSyncAdmin(admin.ModelAdmin):
    """Loads and exports of the content files; a superuser can export from here or the admin's home page."""

    list_display = ["created", "kind", "user", "content_version", "folder"]
    list_filter = ["kind"]
    list_select_related = ["user"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_export",
        )
        return [export, *super().get_urls()]

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """Write the database's content to the content files (POST, superusers only)."""
        return _export(request)


@require_POST
def _export(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_active and request.user.is_superuser):
        raise PermissionDenied
    written = export_content(settings.CONTENT_DIR, user=request.user)
    messages.success(
        request,
        f"Wrote {len(written)} content files to {settings.CONTENT_DIR}. "
        "Review them with `git diff fixtures/` and commit them.",
    )
    return HttpResponseRedirect(reverse("admin:index"))


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
    anchor = "responsibilities"


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
        return f"{obj.group.role.get_absolute_url()}#responsibilities"


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
    anchor = "salary-ladder"


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
