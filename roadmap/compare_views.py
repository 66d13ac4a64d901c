"""The side-by-side comparison of roles, as a shareable link."""

from __future__ import annotations

from itertools import combinations
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
    glance_rows,
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

    def shown(rows: list) -> list:
        return [row for row in rows if not (differences_only and row.same)]

    glance, rows, salary = glance_rows(roles), comparison_rows(roles), salary_rows(roles)
    skills = compare_names(roles, lambda role: [(s.name, s.source) for s in role.skills.all()])
    duties = compare_names(
        roles, lambda role: [(g.title, g.source) for g in role.responsibility_groups.all()]
    )
    hidden_rows = sum(len(group) - len(shown(group)) for group in (glance, rows, salary))
    if differences_only and len(roles) > 1:
        hidden_rows += (not skills.differs) + (not duties.differs)
    context = {
        "all_roles": all_roles,
        "roles": roles,
        "choice": choice,
        "differences_only": differences_only,
        "hidden_rows": hidden_rows,
        "glance_rows": shown(glance),
        "rows": shown(rows),
        "salary_rows": shown(salary),
        "sources_row": sources_row(roles),
        "skills": skills,
        "duties": duties,
        "salary_chart": salary_chart(roles) if roles else None,
        "pay_clashes": same_title_different_pay(roles),
        "share_url": settings.SITE_URL + share_path(choice.slugs, differences_only) if roles else "",
        # A phone shows two roles at a time: the first two here, any other pair a link away.
        "other_pairs": [
            (first, second, share_path([first.slug, second.slug], differences_only))
            for first, second in list(combinations(roles, 2))[1:]
        ],
    }
    template_name = "roadmap/compare.html"
    if request.htmx:
        template_name += "#comparison"
    return TemplateResponse(request, template_name, context)
