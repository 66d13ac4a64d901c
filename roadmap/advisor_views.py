"""The Career Path Advisor: answers in the query string, a personal plan after them."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from careerpath.same_origin import require_same_origin
from roadmap import advisor, progress
from roadmap.advisor_form import ANSWER_PARAMETERS, AdvisorForm
from roadmap.caching import canonical_query, public_page
from roadmap.templatetags.content_display import sources_path
from roadmap.views import remember_progress
from roles.models import CaseManagerType, Certification, Role

MAX_QUERY_LENGTH = 4000
# What the page reads from its address, in the order the form sends it.
PARAMETERS = (*AdvisorForm.base_fields, "focus")


def certification_rules(certifications) -> list[advisor.CertificationRules]:
    return [
        advisor.CertificationRules(
            slug=certification.slug,
            code=certification.code,
            name=certification.name,
            paths=[
                advisor.PathRules(
                    key=path.key,
                    name=path.name,
                    requirements=path.requirements,
                    # The citation: the source's short title, linking to its entry on the sources page.
                    source_title=path.source.label,
                    source_url=f"{sources_path()}#{path.source.anchor}",
                    read_on=path.source.read_on,
                )
                for path in certification.eligibility.all()
            ],
        )
        for certification in certifications
    ]


def role_facts(role: Role) -> advisor.RoleFacts:
    # Sources go in as Source rows (the engine only carries them), so the page cites them by title.
    return advisor.RoleFacts(
        slug=role.slug,
        title=role.title,
        requirements=[
            advisor.StatementRule(r.aspect, r.text, r.rule, r.source) for r in role.requirements.all()
        ],
        specialisations=[(s.name, s.populations, s.source) for s in role.specialisations.all()],
        salary_levels=[
            (s.title, s.low, s.high, s.open_ended, s.years_min, s.years_max) for s in role.salary_levels.all()
        ],
        steps=[advisor.StepFacts(s.key, s.number, s.title, s.covered_when) for s in role.steps.all()],
    )


def _query_dict(request: HttpRequest):
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return None
    return request.GET


def build_plan(request: HttpRequest) -> dict:
    """Give the advisor page's context for the answers in the query string."""
    roles = list(Role.objects.for_advisor())
    query = _query_dict(request)
    too_long = query is None
    answered = not too_long and any(name in request.GET for name in ANSWER_PARAMETERS)
    form = AdvisorForm(query if answered else None, roles, initial={"education": "none", "goal": "not-sure"})
    if answered:
        form.is_valid()
        answers = form.answers()
    else:
        answers = advisor.Answers()
    facts = [role_facts(role) for role in roles]
    ranking = advisor.rank_roles(answers, facts)
    goal = answers.goal if answers.goal != advisor.NOT_SURE else ranking[0].slug
    chosen = next(fact for fact in facts if fact.slug == goal)
    certifications = list(Certification.objects.for_detail())
    verdicts = advisor.certification_verdicts(certification_rules(certifications), answers)
    focus = request.GET.get("focus", "")[:80]
    specialties = [
        (s.name, s.populations, s.source, f"{role.title} specialisation")
        for role in roles
        for s in role.specialisations.all()
    ] + [
        (t.name, t.populations, t.source, "Type of case manager")
        for t in CaseManagerType.objects.select_related("source")
    ]
    plan = advisor.plan_for_role(answers, chosen)
    sources = sources_by_code(roles, certifications)
    return {
        "to_confirm": {
            verdict.slug: [(text, sources.get(code)) for text, code in verdict.to_confirm]
            for verdict in verdicts
        },
        "summary": result_summary(verdicts, ranking) if answered else None,
        "answers_given": answers_given(form) if answered else [],
        "form": form,
        "answered": answered,
        "too_long": too_long,
        "answers": answers,
        "ranking": ranking,
        "plan": plan,
        "chosen_role": next(role for role in roles if role.slug == chosen.slug),
        "verdicts": verdicts,
        "certifications": {certification.slug: certification for certification in certifications},
        "focus": focus if any(v.slug == focus for v in verdicts) else "",
        "focus_verdict": next((v for v in verdicts if v.slug == focus), None),
        "specialties": advisor.matching_specialties(answers, specialties),
        "share_url": settings.SITE_URL
        + reverse("roadmap:advisor")
        + "?"
        + canonical_query(request, PARAMETERS)
        if answered
        else "",
        "save_url": reverse("roadmap:advisor-save") + "?" + request.META.get("QUERY_STRING", "")
        if answered
        else "",
    }


def sources_by_code(roles, certifications) -> dict:
    """Give the sources the page has loaded already, by code, to cite "to confirm" conditions with."""
    sources = {}
    for role in roles:
        for row in [role, *role.requirements.all(), *role.specialisations.all(), *role.steps.all()]:
            sources[row.source.code] = row.source
    for certification in certifications:
        for row in [certification, *certification.statements.all(), *certification.eligibility.all()]:
            sources[row.source.code] = row.source
    return sources


def result_summary(verdicts: list[advisor.Verdict], ranking: list[advisor.RoleFit]) -> dict:
    """Give the short result read first: the credentials open now, the next ones, the best-fitting role."""
    return {
        "now": [verdict.code for verdict in verdicts if verdict.status_kind == "now"],
        "later": sorted(
            (verdict for verdict in verdicts if verdict.status_kind == "later"),
            key=lambda verdict: verdict.months,
        ),
        "best_role": ranking[0],
    }


def answers_given(form: AdvisorForm) -> list[tuple[str, str]]:
    """Give the answers as (question, answer) pairs for the printed summary; unanswered ones left out."""
    given = []
    for field in form.asked_fields():
        value = field.value()
        if value in (None, "", []) or (field.name == "goal" and value == "not-sure"):
            continue
        choices = dict(field.field.choices) if hasattr(field.field, "choices") else {}
        if isinstance(value, list):
            shown = ", ".join(str(choices.get(item, item)) for item in value)
        else:
            shown = str(choices.get(value, value))
        given.append((field.label, shown))
    return given


@public_page(*PARAMETERS)
def advisor_page(request: HttpRequest) -> TemplateResponse:
    """Give the advisor's form and, beside it, the plan for the answers in the query string."""
    context = build_plan(request)
    template_name = "roadmap/advisor.html"
    if request.htmx:
        template_name += "#advisor-update"
    return TemplateResponse(request, template_name, context)


@require_safe
@never_cache
def save_confirm(request: HttpRequest) -> TemplateResponse:
    """Give the page that asks before copying the covered steps into the visitor's roadmap."""
    context = build_plan(request)
    if not context["answered"]:
        raise Http404("Nothing to save: answer the advisor's questions first")
    return TemplateResponse(request, "roadmap/advisor_save.html", context)


@require_same_origin
@require_POST
@never_cache
def save_to_roadmap(request: HttpRequest) -> HttpResponse:
    """Mark the steps the answers cover as done on the chosen role's roadmap, then open it."""
    context = build_plan(request)
    if not context["answered"]:
        return HttpResponseRedirect(reverse("roadmap:advisor"))
    plan = context["plan"]
    for step in plan.steps:
        if step.covered:
            progress.set_status(request.session, plan.slug, step.key, progress.DONE)
    return remember_progress(
        request, HttpResponseRedirect(reverse("roadmap:my-progress", args=[plan.slug]) + "#roadmap")
    )
