"""The pages a visitor sees: guides, steps, progress, FAQs, certifications."""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from roadmap import progress
from roadmap.faq_search import search_faqs
from roadmap.page_cache import cache_public_page, serve_with_fresh_csrf
from roadmap.salary_chart import salary_chart
from roles.content_version import content_version
from roles.links import cached_reverse
from roles.models import (
    CaseManagerType,
    Certification,
    Definition,
    Faq,
    Organization,
    ProcessPhase,
    Role,
    Source,
    Statistic,
)
from roles.querysets import SourceMap, all_roles, load_guide_sections, role_with_steps

MAX_STEP_NUMBER = 1000
MAX_SLUG_LENGTH = 80


@require_safe
@cache_public_page
def home(request: HttpRequest) -> TemplateResponse:
    """Give the list of roles with their salary spans, and the certifications."""
    roles = list(Role.objects.for_listing())
    return TemplateResponse(
        request,
        "roadmap/home.html",
        {
            "roles": roles,
            "certifications": Certification.objects.for_listing(),
        },
    )


def _role_or_404(slug: str) -> Role:
    if len(slug) > MAX_SLUG_LENGTH:
        raise Http404("No such role")
    return get_object_or_404(Role, slug=slug)


def _role_with_steps_or_404(slug: str, sources: SourceMap | None = None) -> Role:
    if sources is None:
        sources = SourceMap()
    role = role_with_steps(slug, sources) if len(slug) <= MAX_SLUG_LENGTH else None
    if role is None:
        raise Http404("No such role")
    return role


def _step_or_404(role: Role, number: int):
    if number > MAX_STEP_NUMBER:
        raise Http404("No such step")
    for step in role.steps.all():
        if step.number == number:
            return step
    raise Http404("No such step")


def _guide_context(
    request: HttpRequest, role: Role, sources: SourceMap, marks, *, shared_token: str = ""
) -> dict:
    """The guide's context. The heavy sections come from `load_guide`, which the template calls
    only when its fragment cache misses, so a visitor with progress still gets a cheap page.
    Loaders are plain callables, not lazy proxies: the template reads the guide a thousand
    times, and a proxy would sit in the way of every read."""

    @functools.cache
    def load_guide() -> Role:
        load_guide_sections(role, sources)
        return role

    roadmap = progress.roadmap_progress(role.steps.all(), marks)
    return {
        "role": role,
        "load_guide": load_guide,
        "content_version": content_version(),
        "cache_seconds": settings.PAGE_CACHE_SECONDS,
        "roadmap": roadmap,
        "read_only": bool(shared_token),
        "shared_token": shared_token,
        "load_other_roles": lambda: [other for other in all_roles() if other.pk != role.pk],
        "load_salary_chart": lambda: salary_chart([load_guide()]),
        "note_max_length": progress.NOTE_MAX_LENGTH,
        "open_step": None,
        "single_step": False,
        "crumbs": _crumbs(role),
    }


def _crumbs(role: Role, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        ("Home", cached_reverse("roadmap:home")),
        ("Roles", cached_reverse("roadmap:home") + "#roles"),
        (role.title, role.get_absolute_url()),
        *more,
    ]


@require_safe
def role_guide(request: HttpRequest, slug: str) -> TemplateResponse:
    """Give one role's whole guide, with the visitor's own progress."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.htmx:
        # No session means no progress: the page is the same for everyone but its CSRF token.
        return serve_with_fresh_csrf(request, lambda token: _render_guide(request, slug, csrf_token=token))
    return _render_guide(request, slug)


def _render_guide(request: HttpRequest, slug: str, csrf_token: str | None = None) -> TemplateResponse:
    sources = SourceMap()
    role = _role_with_steps_or_404(slug, sources)
    marks = progress.marks_in_session(request.session, role.slug)
    context = _guide_context(request, role, sources, marks)
    if csrf_token:
        context["csrf_token"] = csrf_token
    template_name = "roadmap/role.html"
    if request.htmx and request.GET.get("fragment") == "roadmap":
        template_name += "#roadmap"
    return TemplateResponse(request, template_name, context)


@require_safe
def shared_progress(request: HttpRequest, slug: str, token: str) -> TemplateResponse:
    """Give a role's guide showing someone else's shared marks, read-only."""
    sources = SourceMap()
    role = _role_with_steps_or_404(slug, sources)
    marks = progress.read_share_token(token, role.slug)
    if marks is None:
        raise Http404("This share link is broken or belongs to another role")
    context = _guide_context(request, role, sources, marks, shared_token=token)
    return TemplateResponse(request, "roadmap/role.html", context)


@require_POST
def copy_shared_progress(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """Copy a shared link's marks into the visitor's own progress, then show their guide."""
    role = _role_or_404(slug)
    marks = progress.read_share_token(token, role.slug)
    if marks is None:
        raise Http404("This share link is broken or belongs to another role")
    progress.replace(request.session, role.slug, marks)
    return HttpResponseRedirect(reverse("roadmap:role", args=[role.slug]) + "#roadmap")


@require_safe
def share_progress(request: HttpRequest, slug: str) -> TemplateResponse:
    """Give a link that opens this role's guide with the visitor's marks and notes."""
    role = _role_or_404(slug)
    marks = progress.marks_in_session(request.session, role.slug)
    share_url = request.build_absolute_uri(
        reverse("roadmap:shared-progress", args=[role.slug, progress.share_token(role.slug, marks)])
    )
    template_name = "roadmap/share.html"
    if request.htmx:
        template_name += "#share-link"
    return TemplateResponse(
        request, template_name, {"role": role, "share_url": share_url, "has_marks": bool(marks)}
    )


@require_safe
def step_detail(request: HttpRequest, slug: str, number: int) -> TemplateResponse:
    """Give one step: a whole page, or for HTMX the step's expanded (or collapsed) fragment."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        # No session means no marks or notes: the step is the same for everyone but its CSRF token.
        return serve_with_fresh_csrf(
            request, lambda token: _render_step_for(request, slug, number, token), params=("view",)
        )
    return _render_step_for(request, slug, number)


def _render_step_for(request: HttpRequest, slug: str, number: int, csrf_token: str | None = None):
    role = _role_with_steps_or_404(slug)
    step = _step_or_404(role, number)
    return _render_step(request, role, step, csrf_token=csrf_token)


def _render_step(
    request: HttpRequest,
    role: Role,
    step,
    *,
    note_error: str = "",
    status: int = 200,
    csrf_token: str | None = None,
):
    marks = progress.marks_in_session(request.session, role.slug)
    roadmap = progress.roadmap_progress(role.steps.all(), marks)
    item = next(entry for entry in roadmap.steps if entry.step.pk == step.pk)
    steps = list(role.steps.all())
    index = steps.index(step)
    if request.method == "POST":
        is_open = request.POST.get("open") == "1" or request.POST.get("next") == "step" or bool(note_error)
    else:
        is_open = request.GET.get("view") != "summary"
    context = {
        "role": role,
        "item": item,
        "roadmap": roadmap,
        "open_step": step.pk if is_open else None,
        "single_step": request.POST.get("next") == "step" or not request.htmx,
        "crumbs": _crumbs(role, (f"Step {step.number}", "")),
        "previous_step": steps[index - 1] if index > 0 else None,
        "following_step": steps[index + 1] if index + 1 < len(steps) else None,
        "note_error": note_error,
        "note_max_length": progress.NOTE_MAX_LENGTH,
        "read_only": False,
    }
    if csrf_token:
        context["csrf_token"] = csrf_token
    template_name = "roadmap/step.html"
    if request.htmx:
        posted_status = request.method == "POST" and "status" in request.POST
        template_name = "roadmap/role.html#step-update" if posted_status else "roadmap/role.html#step"
    return TemplateResponse(request, template_name, context, status=status)


@require_POST
def mark_step(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Set a step's status (done, in progress, or not started) in the visitor's progress."""
    role = _role_with_steps_or_404(slug)
    step = _step_or_404(role, number)
    status = request.POST.get("status", "")
    if status not in progress.STATUSES:
        return HttpResponse("Unknown status. Choose done, in progress or not started.", status=400)
    progress.set_status(request.session, role.slug, step.key, status)
    if request.htmx:
        return _render_step(request, role, step)
    return HttpResponseRedirect(_step_anchor(role, step, request))


@require_POST
def save_note(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Keep a short private note on a step, or say why it was not kept."""
    role = _role_with_steps_or_404(slug)
    step = _step_or_404(role, number)
    try:
        progress.set_note(request.session, role.slug, step.key, request.POST.get("note", ""))
    except ValueError as error:
        return _render_step(request, role, step, note_error=str(error), status=422)
    if request.htmx:
        return _render_step(request, role, step)
    return HttpResponseRedirect(_step_anchor(role, step, request))


def _step_anchor(role: Role, step, request: HttpRequest) -> str:
    if request.POST.get("next") == "step":
        return reverse("roadmap:step", args=[role.slug, step.number])
    return reverse("roadmap:role", args=[role.slug]) + f"#step-{step.number}"


@require_safe
def reset_progress_confirm(request: HttpRequest, slug: str) -> TemplateResponse:
    """Give the page that asks the visitor to confirm clearing their progress."""
    role = _role_or_404(slug)
    return TemplateResponse(request, "roadmap/reset.html", {"role": role})


@require_POST
def reset_progress(request: HttpRequest, slug: str) -> HttpResponse:
    """Clear the visitor's marks and notes for one role."""
    role = _role_or_404(slug)
    progress.reset(request.session, role.slug)
    return HttpResponseRedirect(reverse("roadmap:role", args=[role.slug]) + "#roadmap")


@require_safe
@cache_public_page
def faqs(request: HttpRequest) -> TemplateResponse:
    """Give every role's FAQs, filtered by the search words in ?q=."""
    query = request.GET.get("q", "")[:200].strip()
    all_faqs = list(Faq.objects.select_related("role", "source").order_by("role__order", "order"))
    results = search_faqs(all_faqs, query)
    template_name = "roadmap/faqs.html"
    if request.htmx:
        template_name += "#faq-results"
    return TemplateResponse(
        request, template_name, {"query": query, "results": results, "total": len(all_faqs)}
    )


@require_safe
@cache_public_page
def certification_list(request: HttpRequest) -> TemplateResponse:
    """Give every certification with its issuing body and the roles it suits."""
    return TemplateResponse(
        request, "roadmap/certifications.html", {"certifications": Certification.objects.for_listing()}
    )


@require_safe
@cache_public_page
def certification_detail(request: HttpRequest, slug: str) -> TemplateResponse:
    """Give one certification: what each source says and the eligibility rules."""
    if len(slug) > 80:
        raise Http404("No such certification")
    certification = get_object_or_404(Certification.objects.for_detail(), slug=slug)
    return TemplateResponse(request, "roadmap/certification.html", {"certification": certification})


@require_safe
@cache_public_page
def case_management(request: HttpRequest) -> TemplateResponse:
    """Give the field at large: definitions, the process, types of case managers, figures, bodies."""
    statistics = list(Statistic.objects.select_related("source", "role"))
    return TemplateResponse(
        request,
        "roadmap/case_management.html",
        {
            "definitions": Definition.objects.select_related("source"),
            "phases": ProcessPhase.objects.select_related("source"),
            "types": CaseManagerType.objects.select_related("source"),
            "statistics_by_kind": _group_statistics(statistics),
            "organizations": Organization.objects.select_related("source"),
            "sources": Source.objects.all(),
        },
    )


def _group_statistics(statistics: list[Statistic]) -> list[tuple[str, list[Statistic]]]:
    groups: dict[str, list[Statistic]] = {}
    for statistic in statistics:
        groups.setdefault(statistic.get_kind_display(), []).append(statistic)
    return list(groups.items())
