"""The side-by-side comparison of roles, as a shareable link."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from roadmap.caching import public_page
from roadmap.comparison import (
    choose_roles,
    compare_names,
    comparison_rows,
    salary_rows,
    same_title_different_pay,
    sources_row,
)
from roadmap.salary_chart import salary_chart
from roles.models import Role


def share_path(slugs: list[str], differences_only: bool) -> str:
    query = {"roles": ",".join(slugs)}
    if differences_only:
        query["differences"] = "1"
    return reverse("roadmap:compare") + "?" + urlencode(query, safe=",")


@public_page("roles", "differences")
def compare(request: HttpRequest) -> TemplateResponse:
    """Give the chosen roles side by side (all of them when none are named)."""
    all_roles = list(Role.objects.for_guide())
    choice = choose_roles(request.GET.getlist("roles"), [role.slug for role in all_roles])
    by_slug = {role.slug: role for role in all_roles}
    roles = [by_slug[slug] for slug in choice.slugs]
    differences_only = request.GET.get("differences") in {"1", "on", "true"}

    rows = comparison_rows(roles)
    salary = salary_rows(roles)
    context = {
        "all_roles": all_roles,
        "roles": roles,
        "choice": choice,
        "differences_only": differences_only,
        "rows": [row for row in rows if not (differences_only and row.same)],
        "salary_rows": [row for row in salary if not (differences_only and row.same)],
        "sources_row": sources_row(roles),
        "skills": compare_names(roles, lambda role: [(s.name, s.source) for s in role.skills.all()]),
        "duties": compare_names(
            roles, lambda role: [(g.title, g.source) for g in role.responsibility_groups.all()]
        ),
        "salary_chart": salary_chart(roles) if roles else None,
        "pay_clashes": same_title_different_pay(roles),
        "share_url": settings.SITE_URL + share_path(choice.slugs, differences_only) if roles else "",
    }
    template_name = "roadmap/compare.html"
    if request.htmx:
        template_name += "#comparison"
    return TemplateResponse(request, template_name, context)
