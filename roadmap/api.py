"""The read-only JSON API under /api/v1/, built with django-ninja over the content QuerySets.

Every answer is public like the pages: the same bytes for everyone, with a strong ETag, a
Last-Modified from the content version and `Cache-Control: public` (roadmap/caching.py), so
Django's page cache and any HTTP cache in front keep it; `Access-Control-Allow-Origin: *` lets
other sites read it from the browser. Bad parameters get a JSON body saying what is wrong (400),
unknown records a JSON 404. Each fact carries the code of its source, listed at /api/v1/sources/.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from ninja import Field, NinjaAPI, Query, Schema
from ninja.decorators import decorate_view
from ninja.errors import ValidationError

from roadmap import search
from roadmap.caching import PUBLIC_CACHE_CONTROL, gzip_public_page
from roles import content_version
from roles import models as content

MAX_SLUG_LENGTH = 80

api = NinjaAPI(
    title="CareerPath API",
    version="1",
    description=(
        "Read-only access to CareerPath's content: three case-management roles with their steps, "
        "duties, skills, career and salary ladders, requirements and FAQs; the certifications and "
        "their eligibility rules; the field's definitions and figures; the sources every fact comes "
        "from; site search; and the Career Path Advisor. Every fact names its source by the code in "
        "its source field, listed by /api/v1/sources/. Answers are public and cacheable (ETag, "
        "Cache-Control: public)."
    ),
    urls_namespace="api",
    docs_url=None,
    openapi_url=None,  # served by openapi_document below, public and cacheable like the rest
)


def public_json(view):
    """Mark an answer public and cacheable like a page, readable from any origin."""

    gzipped = gzip_public_page(view)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = gzipped(request, *args, **kwargs)
        response.headers["Access-Control-Allow-Origin"] = "*"
        if response.status_code == 200:
            patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
            response.headers["Last-Modified"] = http_date(content_version.current().changed_at.timestamp())
            response.headers["Expires"] = http_date()
            set_response_etag(response)
        else:
            response.headers["Cache-Control"] = "no-store"
        return response

    return wrapper


@api.exception_handler(ValidationError)
def bad_parameters(request: HttpRequest, error: ValidationError) -> HttpResponse:
    problems = [
        {"parameter": _parameter_name(problem.get("loc", ())), "message": problem.get("msg", "Not valid")}
        for problem in error.errors
    ]
    return _error(400, "Some parameters are not valid.", problems)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _error(404, str(error) or "Not found.")


def _parameter_name(location) -> str:
    # ("query", "parameters", "kind"): where, the function argument, then the parameter itself.
    names = [str(part) for part in location if part not in ("query", "path", "parameters")]
    return names[0] if names else "query"


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Answer an address under /api/v1/ that names no endpoint with a JSON 404."""
    return _error(404, "No such endpoint. /api/v1/docs/ lists them.")


def _error(status: int, message: str, problems: list | None = None) -> HttpResponse:
    body: dict[str, Any] = {"detail": message}
    if problems:
        body["problems"] = problems
    response = JsonResponse(body, status=status)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "no-store"
    return response


# --- Schemas: the stable field names of every answer ---------------------------------------------


class Error(Schema):
    detail: str = Field(description="What went wrong, in words")
    problems: list[dict[str, str]] = Field(default=[], description="Each bad parameter and why")


class SourceOut(Schema):
    code: str = Field(description="The code every fact's `source` refers to")
    title: str
    short_title: str
    kind: Literal["article", "criteria", "secondary"]
    kind_label: str
    url: str | None = Field(description="Only an address the source material itself gives")
    read_on: datetime.date | None = Field(description="Only a date the source material gives")
    note: str
    page: str = Field(description="Its entry on the sources page")


class StepOut(Schema):
    number: int
    key: str = Field(description="Stable identity, kept when steps are renumbered")
    title: str
    body: list[str] = Field(description="Paragraphs")
    page: str
    source: str


class ResponsibilityGroupOut(Schema):
    title: str
    items: list[str]
    source: str


class SkillOut(Schema):
    name: str
    description: str
    source: str


class TipOut(Schema):
    title: str
    text: str


class CareerStageOut(Schema):
    order: int = Field(description="1 is the bottom of the ladder")
    label: str
    positions: list[str]
    description: list[str]
    tips: list[TipOut]
    source: str


class SalaryLevelOut(Schema):
    order: int
    title: str
    low: int = Field(description="US dollars a year, as the source gives it")
    high: int = Field(description="US dollars a year, as the source gives it")
    open_ended: bool = Field(description='The source writes the top figure with a "+"')
    years_min: int | None
    years_max: int | None
    description: str
    source: str


class StatisticOut(Schema):
    kind: Literal["employment", "employer-share", "growth", "average-pay"]
    label: str
    value: float
    unit: Literal["jobs", "percent", "usd-per-year"]
    display_value: str
    period: str
    attribution: str
    role: str | None = Field(description="The role's slug, or null for the field at large")
    source: str


class RequirementOut(Schema):
    aspect: Literal["education", "experience", "licensing", "certification", "duration"]
    text: str
    source: str


class SpecialisationOut(Schema):
    slug: str
    name: str
    description: str
    populations: list[str]
    source: str


class FaqOut(Schema):
    question: str
    answer: list[str]
    topic: str
    source: str


class RoleSummaryOut(Schema):
    slug: str
    title: str
    summary: str
    salary_low: int | None = Field(description="Lowest figure of its salary ladder, US dollars a year")
    salary_high: int | None = Field(description="Highest figure of its salary ladder, US dollars a year")
    page: str
    api: str


class RoleOut(Schema):
    slug: str
    title: str
    summary: str
    what_they_do: list[str]
    work_environment: list[str]
    conclusion: list[str]
    source: str
    page: str
    steps: list[StepOut]
    responsibilities: list[ResponsibilityGroupOut]
    skills: list[SkillOut]
    career_ladder: list[CareerStageOut]
    salary_levels: list[SalaryLevelOut]
    statistics: list[StatisticOut] = Field(description="Average pay, job counts and projections")
    requirements: list[RequirementOut]
    specialisations: list[SpecialisationOut]
    certifications: list[str] = Field(description="Slugs of the certifications the guide lists")
    faqs: list[FaqOut]


class OrganizationOut(Schema):
    slug: str
    name: str
    abbreviation: str
    description: str
    source: str


class CertificationStatementOut(Schema):
    text: str
    source: str


class EligibilityPathOut(Schema):
    key: str
    name: str
    requirements: list[dict[str, Any]] = Field(
        description="Conditions that must all hold, each with `text` and a machine-readable rule"
    )
    source: str


class CertificationSummaryOut(Schema):
    slug: str
    code: str
    name: str
    organization: str
    roles: list[str]
    page: str
    api: str


class CertificationOut(Schema):
    slug: str
    code: str
    name: str
    organization: OrganizationOut
    summary: str
    suits: str
    roles: list[str] = Field(description="Slugs of the roles it suits")
    statements: list[CertificationStatementOut] = Field(description="What each source says about it")
    eligibility: list[EligibilityPathOut] = Field(description="Ways to qualify: any one path will do")
    source: str
    page: str


class DefinitionOut(Schema):
    slug: str
    term: str
    text: list[str]
    attribution: str
    quotation: bool
    source: str


class ProcessPhaseOut(Schema):
    order: int
    name: str
    description: str
    source: str


class CaseManagerTypeOut(Schema):
    slug: str
    name: str
    description: list[str]
    populations: list[str]
    source: str


class FieldOut(Schema):
    definitions: list[DefinitionOut]
    process_phases: list[ProcessPhaseOut]
    case_manager_types: list[CaseManagerTypeOut]
    statistics: list[StatisticOut]
    organizations: list[OrganizationOut]
    page: str


SearchKind = Literal[("", *search.Kind.LABELS)]


class SearchHitOut(Schema):
    kind: str
    kind_label: str
    title: str
    snippet: str
    role: str | None = Field(description="The role's slug, if the place belongs to one role")
    url: str = Field(description="The page and section to read it on")


class SearchOut(Schema):
    query: str
    kind: str
    total: int = Field(description="How many places match")
    all_words: bool = Field(description="False when no place had every word, so these have some")
    results: list[SearchHitOut]


# --- Conversions --------------------------------------------------------------------------------


def _statistic(statistic: content.Statistic, role_slug: str | None) -> dict:
    return {
        "kind": statistic.kind,
        "label": statistic.label,
        "value": float(statistic.value),
        "unit": statistic.unit,
        "display_value": statistic.display_value,
        "period": statistic.period,
        "attribution": statistic.attribution,
        "role": role_slug,
        "source": statistic.source.code,
    }


def _organization(organization: content.Organization) -> dict:
    return {
        "slug": organization.slug,
        "name": organization.name,
        "abbreviation": organization.abbreviation,
        "description": organization.description,
        "source": organization.source.code,
    }


def _role(role: content.Role) -> dict:
    return {
        "slug": role.slug,
        "title": role.title,
        "summary": role.summary,
        "what_they_do": role.what_they_do,
        "work_environment": role.work_environment,
        "conclusion": role.conclusion,
        "source": role.source.code,
        "page": role.get_absolute_url(),
        "steps": [
            {
                "number": step.number,
                "key": step.key,
                "title": step.title,
                "body": step.body,
                "page": reverse("roadmap:step", args=[role.slug, step.number]),
                "source": step.source.code,
            }
            for step in role.steps.all()
        ],
        "responsibilities": [
            {
                "title": group.title,
                "items": [item.text for item in group.items.all()],
                "source": group.source.code,
            }
            for group in role.responsibility_groups.all()
        ],
        "skills": [
            {"name": skill.name, "description": skill.description, "source": skill.source.code}
            for skill in role.skills.all()
        ],
        "career_ladder": [
            {
                "order": stage.order,
                "label": stage.label,
                "positions": stage.positions,
                "description": stage.description,
                "tips": [{"title": tip.title, "text": tip.text} for tip in stage.tips.all()],
                "source": stage.source.code,
            }
            for stage in role.career_stages.all()
        ],
        "salary_levels": [
            {
                "order": level.order,
                "title": level.title,
                "low": level.low,
                "high": level.high,
                "open_ended": level.open_ended,
                "years_min": level.years_min,
                "years_max": level.years_max,
                "description": level.description,
                "source": level.source.code,
            }
            for level in role.salary_levels.all()
        ],
        "statistics": [_statistic(statistic, role.slug) for statistic in role.statistics.all()],
        "requirements": [
            {"aspect": statement.aspect, "text": statement.text, "source": statement.source.code}
            for statement in role.requirements.all()
        ],
        "specialisations": [
            {
                "slug": specialisation.slug,
                "name": specialisation.name,
                "description": specialisation.description,
                "populations": specialisation.populations,
                "source": specialisation.source.code,
            }
            for specialisation in role.specialisations.all()
        ],
        "certifications": [certification.slug for certification in role.certifications.all()],
        "faqs": [
            {"question": faq.question, "answer": faq.answer, "topic": faq.topic, "source": faq.source.code}
            for faq in role.faqs.all()
        ],
    }


def _certification(certification: content.Certification) -> dict:
    return {
        "slug": certification.slug,
        "code": certification.code,
        "name": certification.name,
        "organization": _organization(certification.organization),
        "summary": certification.summary,
        "suits": certification.suits,
        "roles": [role.slug for role in certification.roles.all()],
        "statements": [
            {"text": statement.text, "source": statement.source.code}
            for statement in certification.statements.all()
        ],
        "eligibility": [
            {
                "key": path.key,
                "name": path.name,
                "requirements": path.requirements,
                "source": path.source.code,
            }
            for path in certification.eligibility.all()
        ],
        "source": certification.source.code,
        "page": certification.get_absolute_url(),
    }


def _slug_or_404(slug: str, what: str) -> str:
    if len(slug) > MAX_SLUG_LENGTH:
        raise Http404(f"No {what} {slug[:MAX_SLUG_LENGTH]!r}…")
    return slug


# --- Endpoints ----------------------------------------------------------------------------------


@api.get("/roles/", response=list[RoleSummaryOut], summary="Every role", tags=["roles"])
@decorate_view(public_json)
def role_list(request: HttpRequest):
    roles = []
    for role in content.Role.objects.for_listing():
        levels = list(role.salary_levels.all())
        roles.append(
            {
                "slug": role.slug,
                "title": role.title,
                "summary": role.summary,
                "salary_low": min((level.low for level in levels), default=None),
                "salary_high": max((level.high for level in levels), default=None),
                "page": role.get_absolute_url(),
                "api": reverse("api:role", args=[role.slug]),
            }
        )
    return roles


@api.get(
    "/roles/{slug}/",
    response={200: RoleOut, 404: Error},
    url_name="role",
    summary="One role's whole guide",
    tags=["roles"],
)
@decorate_view(public_json)
def role_detail(request: HttpRequest, slug: str):
    _slug_or_404(slug, "role")
    role = content.Role.objects.for_guide().filter(slug=slug).first()
    if role is None:
        raise Http404(f"No role {slug!r}. /api/v1/roles/ lists them.")
    return _role(role)


@api.get(
    "/certifications/",
    response=list[CertificationSummaryOut],
    summary="Every certification",
    tags=["certifications"],
)
@decorate_view(public_json)
def certification_list(request: HttpRequest):
    return [
        {
            "slug": certification.slug,
            "code": certification.code,
            "name": certification.name,
            "organization": certification.organization.name,
            "roles": [role.slug for role in certification.roles.all()],
            "page": certification.get_absolute_url(),
            "api": reverse("api:certification", args=[certification.slug]),
        }
        for certification in content.Certification.objects.for_listing()
    ]


@api.get(
    "/certifications/{slug}/",
    response={200: CertificationOut, 404: Error},
    url_name="certification",
    summary="One certification with its eligibility rules",
    tags=["certifications"],
)
@decorate_view(public_json)
def certification_detail(request: HttpRequest, slug: str):
    _slug_or_404(slug, "certification")
    certification = content.Certification.objects.for_detail().filter(slug=slug).first()
    if certification is None:
        raise Http404(f"No certification {slug!r}. /api/v1/certifications/ lists them.")
    return _certification(certification)


@api.get("/sources/", response=list[SourceOut], summary="Every source facts come from", tags=["sources"])
@decorate_view(public_json)
def source_list(request: HttpRequest):
    sources_page = reverse("roadmap:sources")
    return [
        {
            "code": source.code,
            "title": source.title,
            "short_title": source.label,
            "kind": source.kind,
            "kind_label": source.get_kind_display(),
            "url": source.url or None,
            "read_on": source.read_on,
            "note": source.note,
            "page": f"{sources_page}#{source.anchor}",
        }
        for source in content.Source.objects.all()
    ]


@api.get(
    "/field/",
    response=FieldOut,
    summary="Case management at large: definitions, process, types, figures, organisations",
    tags=["field"],
)
@decorate_view(public_json)
def field_facts(request: HttpRequest):
    return {
        "definitions": [
            {
                "slug": definition.slug,
                "term": definition.term,
                "text": definition.text,
                "attribution": definition.attribution,
                "quotation": definition.quotation,
                "source": definition.source.code,
            }
            for definition in content.Definition.objects.select_related("source")
        ],
        "process_phases": [
            {
                "order": phase.order,
                "name": phase.name,
                "description": phase.description,
                "source": phase.source.code,
            }
            for phase in content.ProcessPhase.objects.select_related("source")
        ],
        "case_manager_types": [
            {
                "slug": manager_type.slug,
                "name": manager_type.name,
                "description": manager_type.description,
                "populations": manager_type.populations,
                "source": manager_type.source.code,
            }
            for manager_type in content.CaseManagerType.objects.select_related("source")
        ],
        "statistics": [
            _statistic(statistic, statistic.role.slug if statistic.role else None)
            for statistic in content.Statistic.objects.select_related("source", "role")
        ],
        "organizations": [
            _organization(organization)
            for organization in content.Organization.objects.select_related("source")
        ],
        "page": reverse("roadmap:case-management"),
    }


class SearchParameters(Schema):
    q: str = Field(
        "",
        max_length=search.MAX_QUERY_LENGTH,
        description="Words to look for; synonyms and other forms of each word count too",
    )
    kind: SearchKind = Field("", description="Only places of this kind (empty: every kind)")
    limit: int = Field(search.RESULTS_LIMIT, ge=1, le=100, description="At most this many results")


@api.get("/search/", response=SearchOut, summary="Search the whole site, best matches first", tags=["search"])
@decorate_view(public_json)
def site_search(request: HttpRequest, parameters: Query[SearchParameters]):
    results = search.search(parameters.q, kind=parameters.kind, limit=parameters.limit)
    return {
        "query": results.query.text,
        "kind": results.kind,
        "total": results.total,
        "all_words": results.all_words,
        "results": [
            {
                "kind": hit.kind,
                "kind_label": hit.kind_label,
                "title": hit.title,
                "snippet": hit.snippet,
                "role": hit.role_slug or None,
                "url": hit.url,
            }
            for hit in results.hits
        ],
    }


# --- The advisor: the same parameters and engine as /advisor/ -------------------------------------


class ReasonOut(Schema):
    text: str
    source: str = Field(description="The code of the source the rule comes from")


class RoleFitOut(Schema):
    slug: str
    title: str
    score: int = Field(description="Higher fits better; roles come best first")
    route: str = Field(description="The route into the role the score is for, if the role has several")
    reasons: list[ReasonOut]
    obstacles: list[ReasonOut]


class PlanStepOut(Schema):
    number: int
    key: str
    title: str
    covered: bool = Field(description="The answers already cover this step")


class TimelinePointOut(Schema):
    stage: str
    months_from_now: int
    when: str
    title: str
    low: int = Field(description="US dollars a year, as the article gives it")
    high: int = Field(description="US dollars a year, as the article gives it")
    open_ended: bool


class PlanOut(Schema):
    role: str = Field(description="The slug of the role planned for: the goal, or the best fit")
    title: str
    steps: list[PlanStepOut]
    timeline: list[TimelinePointOut]


class PathOut(Schema):
    key: str
    name: str


class VerdictOut(Schema):
    slug: str
    code: str
    name: str
    status: str
    status_kind: Literal["now", "later", "not-yet"]
    months: int | None = Field(description="Months until eligible by the nearest path, if known")
    missing: list[str]
    path: PathOut | None = Field(description="The eligibility path the verdict is for")
    to_confirm: list[ReasonOut] = Field(description="Conditions of that path the answers cannot show")


class SpecialtyOut(Schema):
    name: str
    populations: list[str]
    kind: str
    source: str


class AnswerOut(Schema):
    question: str
    answer: str


class AdvisorOut(Schema):
    answered: bool = Field(description="False when no answer was given: the plan is for no experience")
    answers: list[AnswerOut]
    roles: list[RoleFitOut]
    plan: PlanOut
    certifications: list[VerdictOut]
    specialties: list[SpecialtyOut]


def _advisor_parameters() -> list[dict[str, Any]]:
    """Document the advisor form's fields as query parameters (the form itself checks them)."""
    from django import forms

    from roadmap.advisor_form import OLD_PARAMETERS, AdvisorForm

    parameters = []
    for name, form_field in AdvisorForm.base_fields.items():
        choices = [value for value, _ in getattr(form_field, "choices", []) if value != ""]
        if isinstance(form_field, forms.MultipleChoiceField):
            schema: dict[str, Any] = {"type": "array", "items": {"type": "string", "enum": choices}}
        elif isinstance(form_field, forms.ChoiceField):
            schema = {"type": "string", **({"enum": choices} if choices else {})}
        elif isinstance(form_field, forms.BooleanField):
            schema = {"type": "boolean"}
        else:
            schema = {"type": "number", "minimum": 0}
        description = " ".join(str(part) for part in (form_field.label or "", form_field.help_text) if part)
        if name == "goal":
            description += ": a role's slug, or not-sure"
        parameter = {"name": name, "in": "query", "required": False, "schema": schema}
        if description:
            parameter["description"] = description
        if isinstance(form_field, forms.MultipleChoiceField):
            parameter.update(style="form", explode=True)
        if name in OLD_PARAMETERS:
            parameter["deprecated"] = True
        parameters.append(parameter)
    return parameters


def _reasons(pairs) -> list[dict[str, str]]:
    return [{"text": text, "source": _source_code(source)} for text, source in pairs]


@api.get(
    "/advisor/",
    response={200: AdvisorOut, 400: Error},
    summary="The Career Path Advisor: roles ranked for your answers, a plan and eligibility verdicts",
    tags=["advisor"],
    openapi_extra={"parameters": _advisor_parameters()},
)
@decorate_view(public_json)
def advisor_plan(request: HttpRequest):
    from roadmap import advisor_views

    context = advisor_views.build_plan(request)
    if context["too_long"]:
        return _error(400, "The query string is too long.")
    form = context["form"]
    if context["answered"] and form.errors:
        problems = [
            {"parameter": name, "message": " ".join(str(message) for message in messages)}
            for name, messages in form.errors.items()
        ]
        return _error(400, "Some parameters are not valid.", problems)
    plan = context["plan"]
    return {
        "answered": context["answered"],
        "answers": [
            {"question": question, "answer": answer} for question, answer in context["answers_given"]
        ],
        "roles": [
            {
                "slug": fit.slug,
                "title": fit.title,
                "score": fit.score,
                "route": fit.route,
                "reasons": _reasons(fit.reasons),
                "obstacles": _reasons(fit.obstacles),
            }
            for fit in context["ranking"]
        ],
        "plan": {
            "role": plan.slug,
            "title": plan.title,
            "steps": [
                {"number": step.number, "key": step.key, "title": step.title, "covered": step.covered}
                for step in plan.steps
            ],
            "timeline": [
                {
                    "stage": point.stage,
                    "months_from_now": point.months_from_now,
                    "when": point.when,
                    "title": point.title,
                    "low": point.low,
                    "high": point.high,
                    "open_ended": point.open_ended,
                }
                for point in plan.timeline
            ],
        },
        "certifications": [
            {
                "slug": verdict.slug,
                "code": verdict.code,
                "name": verdict.name,
                "status": verdict.status,
                "status_kind": verdict.status_kind,
                "months": verdict.months,
                "missing": verdict.missing,
                "path": {"key": verdict.path.key, "name": verdict.path.name} if verdict.path else None,
                "to_confirm": _reasons(verdict.to_confirm),
            }
            for verdict in context["verdicts"]
        ],
        "specialties": [
            {"name": name, "populations": list(populations), "kind": kind, "source": _source_code(source)}
            for name, populations, source, kind in context["specialties"]
        ],
    }


def _source_code(source) -> str:
    """The engine carries a fact's source as a Source row or as its code."""
    return source.code if isinstance(source, content.Source) else str(source)


@require_safe
@public_json
def openapi_document(request: HttpRequest) -> HttpResponse:
    """Give the API's OpenAPI 3 document."""
    return JsonResponse(api.get_openapi_schema(), json_dumps_params={"indent": 1})


def operations() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Give each documented operation, in the OpenAPI document's order, for the docs page."""
    document = api.get_openapi_schema()
    schemas = document.get("components", {}).get("schemas", {})
    found = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            responses = []
            for status, answer in operation.get("responses", {}).items():
                schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
                responses.append((status, answer.get("description", ""), _schema_name(schema)))
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": operation["operationId"],
                    "summary": operation.get("summary", ""),
                    "tags": operation.get("tags", []),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "description": parameter.get("description", "")
                            or parameter.get("schema", {}).get("description", ""),
                            "type": _type_words(parameter.get("schema", {})),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": responses,
                }
            )
    fields = {
        name: [
            (field, _type_words(details), details.get("description", ""))
            for field, details in schema.get("properties", {}).items()
        ]
        for name, schema in schemas.items()
    }
    return found, fields


def _schema_name(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list of {_schema_name(schema.get('items', {}))}"
    return schema.get("type", "")


def _type_words(schema: dict) -> str:
    if schema.get("type") == "array" and "enum" in schema.get("items", {}):
        return "list, each " + _type_words(schema["items"]) + " (repeat the parameter)"
    if "$ref" in schema or schema.get("type") == "array":
        return _schema_name(schema)
    if "enum" in schema:
        return "one of " + ", ".join(repr(value) for value in schema["enum"] if value != "")
    if "anyOf" in schema:
        return " or ".join(filter(None, (_type_words(option) for option in schema["anyOf"])))
    words = schema.get("type", "")
    if "maximum" in schema:
        words += f" ({schema.get('minimum', 0)}–{schema['maximum']})"
    if "maxLength" in schema:
        words += f" (up to {schema['maxLength']} characters)"
    return words
