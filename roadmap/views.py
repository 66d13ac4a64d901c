"""The pages a visitor sees: guides, steps, FAQs, certifications, and their own progress.

Public pages are the same for every visitor (roadmap/caching.py). A visitor's marks and notes
come from private responses: the "My progress" page, the fragment the guide fetches for a
returning visitor, and the responses to their progress controls.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from careerpath.same_origin import require_same_origin
from roadmap import progress, source_usage
from roadmap.caching import public_page
from roadmap.faq_search import search_faqs
from roadmap.role_summary import (
    cited_sources,
    distinct_sources,
    outlook_groups,
    quick_facts,
    requirement_groups,
)
from roadmap.salary_chart import salary_chart
from roles import content_version
from roles.models import (
    CaseManagerType,
    Certification,
    Definition,
    Faq,
    Organization,
    ProcessPhase,
    RoadmapStep,
    Role,
    Statistic,
)

MAX_STEP_NUMBER = 1000
MAX_SLUG_LENGTH = 80


@public_page()
def home(request: HttpRequest) -> TemplateResponse:
    """Give the list of roles with their salary spans, and the certifications."""
    return TemplateResponse(
        request,
        "roadmap/home.html",
        {"roles": Role.objects.for_listing(), "certifications": Certification.objects.for_listing()},
    )


def _role_or_404(queryset, slug: str) -> Role:
    if len(slug) > MAX_SLUG_LENGTH:
        raise Http404("No such role")
    return get_object_or_404(queryset, slug=slug)


def _step_or_404(role: Role, number: int) -> RoadmapStep:
    if number <= MAX_STEP_NUMBER:
        for step in role.steps.all():
            if step.number == number:
                return step
    raise Http404("No such step")


def _crumbs(role: Role, *more: tuple[str, str]) -> list[tuple[str, str]]:
    home_url = reverse("roadmap:home")
    return [("Home", home_url), ("Roles", home_url + "#roles"), (role.title, role.get_absolute_url()), *more]


def _roadmap_context(role: Role, marks: progress.Marks, **extra) -> dict:
    """What the step list needs: the role, each step with the visitor's mark, and their controls."""
    return {
        "role": role,
        "roadmap": progress.roadmap_progress(role.steps.all(), marks),
        "note_max_length": progress.NOTE_MAX_LENGTH,
        "read_only": False,
        "single_step": False,
        "open_step": None,
        "note_error": "",
        **extra,
    }


@public_page()
def role_guide(request: HttpRequest, slug: str) -> TemplateResponse:
    """Give one role's whole guide, the same for every visitor."""
    role = _role_or_404(Role.objects.for_guide(), slug)
    return TemplateResponse(request, "roadmap/role.html", _guide_context(role, marks={}, fetch_progress=True))


def _guide_context(role: Role, marks: progress.Marks, **extra) -> dict:
    return _roadmap_context(
        role,
        marks,
        salary_chart=salary_chart([role]),
        quick_facts=quick_facts(role),
        cited_sources=cited_sources(role),
        requirement_groups=requirement_groups(role),
        outlook_groups=outlook_groups(role),
        step_sources=distinct_sources(step.source for step in role.steps.all()),
        skill_sources=distinct_sources(skill.source for skill in role.skills.all()),
        ladder_sources=distinct_sources(stage.source for stage in role.career_stages.all()),
        outlook_sources=distinct_sources(statistic.source for statistic in role.outlook_statistics()),
        # The handout's address and date are the same for every visitor: the site's own address
        # (never the request's Host) and the time the content last changed.
        page_url=settings.SITE_URL + role.get_absolute_url(),
        content_changed_at=content_version.current().changed_at,
        other_roles=Role.objects.exclude(pk=role.pk),
        crumbs=_crumbs(role),
        **extra,
    )


@public_page()
def step_detail(request: HttpRequest, slug: str, number: int) -> TemplateResponse:
    """Give one step as its own page, the same for every visitor."""
    role = _role_or_404(Role.objects.with_steps(), slug)
    step = _step_or_404(role, number)
    context = _step_context(role, step, marks={}, fetch_progress=True)
    return TemplateResponse(request, "roadmap/step.html", context)


def _step_context(role: Role, step: RoadmapStep, marks: progress.Marks, **extra) -> dict:
    steps = list(role.steps.all())
    index = steps.index(step)
    context = _roadmap_context(
        role,
        marks,
        single_step=True,
        open_step=step.pk,
        crumbs=_crumbs(role, (f"Step {step.number}", "")),
        previous_step=steps[index - 1] if index > 0 else None,
        following_step=steps[index + 1] if index + 1 < len(steps) else None,
        **extra,
    )
    context["item"] = next(item for item in context["roadmap"].steps if item.step.pk == step.pk)
    return context


@require_safe
@never_cache
def my_progress(request: HttpRequest, slug: str) -> TemplateResponse:
    """Give the visitor's own marks and notes on a role's steps, with the controls to change them.

    The guide and step pages fetch this with htmx for a returning visitor (`?step=N` for one
    step); without JavaScript it is a page of its own, every step open.
    """
    role = _role_or_404(Role.objects.with_steps(), slug)
    marks = progress.marks_in_session(request.session, role.slug)
    if request.htmx and request.GET.get("step", "").isdigit():
        step = _step_or_404(role, int(request.GET["step"]))
        response = TemplateResponse(
            request, "roadmap/role.html#step-update", _step_context(role, step, marks)
        )
    elif request.htmx:
        # The guide already shows every step as it is for someone with no marks: send only the
        # steps that look different for this visitor, and the progress summary.
        context = _roadmap_context(role, marks)
        steps = context["roadmap"].steps
        context["changed_steps"] = [
            item for item in steps if item.status or item.note or item.is_next or item is steps[0]
        ]
        response = TemplateResponse(request, "roadmap/role.html#visitor-marks", context)
    else:
        # Without JavaScript, details and note forms are reachable only if shown open.
        context = _roadmap_context(role, marks, crumbs=_crumbs(role, ("My progress", "")), all_open=True)
        response = TemplateResponse(request, "roadmap/progress.html", context)
    return remember_progress(request, response)


def remember_progress(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Tell the browser, in a small non-secret cookie, whether to fetch marks on public pages."""
    response.set_cookie(
        settings.PROGRESS_COOKIE_NAME,
        "1" if progress.has_any_marks(request.session) else "0",
        max_age=settings.SESSION_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )
    return response


def _progress_changed(
    request: HttpRequest,
    role: Role,
    step: RoadmapStep,
    announcement: str,
    *,
    single_step: bool,
    is_open: bool,
    swap_list: bool,
) -> HttpResponse:
    """Answer a progress control: for htmx the changed step, or the whole list (`swap_list`),
    with the progress summary and a line for screen readers; without JavaScript, a redirect to
    the visitor's progress page. `single_step` says the control sits on the step's own page."""
    if request.htmx:
        context = _step_context(role, step, progress.marks_in_session(request.session, role.slug))
        context.update(single_step=single_step, open_step=step.pk if is_open else None, swap_list=swap_list)
        roadmap = context["roadmap"]
        context["announcement"] = f"{announcement} {roadmap.done_count} of {roadmap.total} steps done."
        response = TemplateResponse(request, "roadmap/role.html#step-update", context)
    else:
        response = HttpResponseRedirect(
            reverse("roadmap:my-progress", args=[role.slug]) + f"#step-{step.number}"
        )
    return remember_progress(request, response)


STATUS_WORDS = {
    progress.DONE: "done",
    progress.IN_PROGRESS: "in progress",
    progress.NOT_STARTED: "not started",
}


@require_same_origin
@require_POST
@never_cache
def mark_step(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Set a step's status (done, in progress, or not started) in the visitor's progress."""
    role = _role_or_404(Role.objects.with_steps(), slug)
    step = _step_or_404(role, number)
    statuses = request.POST.getlist("status")
    if len(statuses) != 1 or statuses[0] not in progress.STATUSES:
        return HttpResponse(
            "Choose one status: done, in-progress, or empty for not started.",
            status=422 if request.htmx else 400,
            content_type="text/plain",
        )
    progress.set_status(request.session, role.slug, step.key, statuses[0])
    single_step = request.POST.get("next") == "step"
    return _progress_changed(
        request,
        role,
        step,
        f"Step {step.number} {STATUS_WORDS[statuses[0]]}.",
        single_step=single_step,
        is_open=single_step or request.POST.get("open") == "1",
        swap_list=not single_step,
    )


@require_same_origin
@require_POST
@never_cache
def save_note(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Keep a short private note on a step, or say why it was not kept."""
    role = _role_or_404(Role.objects.with_steps(), slug)
    step = _step_or_404(role, number)
    try:
        progress.set_note(request.session, role.slug, step.key, request.POST.get("note", ""))
    except ValueError as error:
        context = _step_context(role, step, progress.marks_in_session(request.session, role.slug))
        context.update(note_error=str(error), note_text=request.POST.get("note", ""))
        if request.htmx:
            context["single_step"] = request.POST.get("next") == "step"
            return TemplateResponse(request, "roadmap/role.html#step", context, status=422)
        return TemplateResponse(request, "roadmap/step.html", context, status=422)
    return _progress_changed(
        request,
        role,
        step,
        f"Note saved on step {step.number}.",
        single_step=request.POST.get("next") == "step",
        is_open=True,
        swap_list=False,
    )


@require_safe
@never_cache
def shared_progress(request: HttpRequest, slug: str, token: str) -> TemplateResponse:
    """Give a role's guide showing someone else's shared marks, read-only."""
    role = _role_or_404(Role.objects.for_guide(), slug)
    marks = progress.read_share_token(token, role.slug)
    if marks is None:
        raise Http404("This share link is broken or belongs to another role")
    context = _guide_context(role, marks, read_only=True, shared_token=token)
    return TemplateResponse(request, "roadmap/role.html", context)


@require_same_origin
@require_POST
@never_cache
def copy_shared_progress(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """Copy a shared link's marks into the visitor's own progress, then show them."""
    role = _role_or_404(Role.objects.all(), slug)
    marks = progress.read_share_token(token, role.slug)
    if marks is None:
        raise Http404("This share link is broken or belongs to another role")
    progress.replace(request.session, role.slug, marks)
    return remember_progress(
        request, HttpResponseRedirect(reverse("roadmap:my-progress", args=[role.slug]) + "#roadmap")
    )


@require_safe
@never_cache
def share_progress(request: HttpRequest, slug: str) -> TemplateResponse:
    """Give a link that opens this role's guide with the visitor's marks and notes."""
    role = _role_or_404(Role.objects.all(), slug)
    marks = progress.marks_in_session(request.session, role.slug)
    share_url = settings.SITE_URL + reverse(
        "roadmap:shared-progress", args=[role.slug, progress.share_token(role.slug, marks)]
    )
    template_name = "roadmap/share.html"
    if request.htmx:
        template_name += "#share-link"
    return TemplateResponse(
        request, template_name, {"role": role, "share_url": share_url, "has_marks": bool(marks)}
    )


@require_safe
@never_cache
def reset_progress_confirm(request: HttpRequest, slug: str) -> TemplateResponse:
    """Give the page that asks the visitor to confirm clearing their progress."""
    role = _role_or_404(Role.objects.all(), slug)
    return TemplateResponse(request, "roadmap/reset.html", {"role": role})


@require_same_origin
@require_POST
@never_cache
def reset_progress(request: HttpRequest, slug: str) -> HttpResponse:
    """Clear the visitor's marks and notes for one role."""
    role = _role_or_404(Role.objects.all(), slug)
    progress.reset(request.session, role.slug)
    return remember_progress(
        request, HttpResponseRedirect(reverse("roadmap:my-progress", args=[role.slug]) + "#roadmap")
    )


@public_page("q")
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


@public_page()
def certification_list(request: HttpRequest) -> TemplateResponse:
    """Give every certification with its issuing body and the roles it suits."""
    return TemplateResponse(
        request, "roadmap/certifications.html", {"certifications": Certification.objects.for_listing()}
    )


@public_page()
def certification_detail(request: HttpRequest, slug: str) -> TemplateResponse:
    """Give one certification: what each source says and the eligibility rules."""
    if len(slug) > MAX_SLUG_LENGTH:
        raise Http404("No such certification")
    certification = get_object_or_404(Certification.objects.for_detail(), slug=slug)
    return TemplateResponse(request, "roadmap/certification.html", {"certification": certification})


@public_page()
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
        },
    )


def _group_statistics(statistics: list[Statistic]) -> list[tuple[str, list[Statistic]]]:
    groups: dict[str, list[Statistic]] = {}
    for statistic in statistics:
        groups.setdefault(statistic.get_kind_display(), []).append(statistic)
    return list(groups.items())


@public_page()
def sources(request: HttpRequest) -> TemplateResponse:
    """Give every source: its title, kind, date read and address where we have them, and the
    pages that cite it (four queries however much content there is: roadmap/source_usage.py)."""
    return TemplateResponse(
        request,
        "roadmap/sources.html",
        {
            "sources_by_kind": source_usage.entries_by_kind(source_usage.source_entries()),
            "crumbs": [("Home", reverse("roadmap:home")), ("Sources", "")],
        },
    )
