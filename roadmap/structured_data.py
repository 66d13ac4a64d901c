"""schema.org structured data (JSON-LD) for the pages it fits, built only from the content.

Role pages describe an `Occupation` (with `estimatedSalary` as one `MonetaryAmountDistribution`
per salary level, the article's own figures) and their FAQs as an `FAQPage`; the FAQs page is an
`FAQPage`; certification pages describe an `EducationalOccupationalCredential`; every page that
shows breadcrumbs has a `BreadcrumbList`; the home page names the `WebSite` and its search.
Fields we have no source for are left out.

base.html renders `{% structured_data %}` (this module is a template library, registered in
settings.TEMPLATES), which reads what the page's own context already holds, so page templates
and views need nothing added. `{% block_text %}` repeats a page's title or description in its
Open Graph and Twitter card tags.
"""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.conf import settings
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

SCHEMA = "https://schema.org"
# Inside <script>, "</script>" or "<!--" in the content must not end or change the element.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
_ASPECTS_FOR = {
    "educationRequirements": ("education",),
    "experienceRequirements": ("experience",),
    "qualifications": ("licensing", "certification"),
}


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def json_ld(data: dict[str, Any]) -> SafeString:
    """Give a <script type="application/ld+json"> element holding `data`, safely escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def breadcrumb_list(crumbs: list[tuple[str, str]], current_path: str) -> dict[str, Any]:
    """Give a BreadcrumbList for the (name, link) pairs a page shows; the last is the page itself."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute(link or current_path),
            }
            for position, (name, link) in enumerate(crumbs, start=1)
        ],
    }


def faq_page(faqs, url: str) -> dict[str, Any]:
    return {
        "@type": "FAQPage",
        "url": url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": "\n\n".join(faq.answer)},
            }
            for faq in faqs
        ],
    }


def occupation(role) -> dict[str, Any]:
    """Give the role as an Occupation: only what its guide says, from prefetched content."""
    data: dict[str, Any] = {
        "@type": "Occupation",
        "name": role.title,
        "description": role.summary,
        "url": absolute(role.get_absolute_url()),
    }
    skills = [skill.name for skill in role.skills.all()]
    if skills:
        data["skills"] = skills
    duties = [group.title for group in role.responsibility_groups.all()]
    if duties:
        data["responsibilities"] = duties
    statements = list(role.requirements.all())
    for name, aspects in _ASPECTS_FOR.items():
        texts = [statement.text for statement in statements if statement.aspect in aspects]
        if texts:
            data[name] = texts
    levels = list(role.salary_levels.all())
    if levels:
        data["estimatedSalary"] = [salary_distribution(level) for level in levels]
    return data


def salary_distribution(level) -> dict[str, Any]:
    """One salary level as the article gives it: US dollars a year, low to high (open-ended: "+")."""
    distribution: dict[str, Any] = {
        "@type": "MonetaryAmountDistribution",
        "name": f"{level.title}: {level.span} a year",
        "currency": "USD",
        "duration": "P1Y",
        "minValue": level.low,
    }
    # "$150,000+" names no maximum.
    if not level.open_ended:
        distribution["maxValue"] = level.high
    return distribution


def credential(certification) -> dict[str, Any]:
    organization = certification.organization
    body: dict[str, Any] = {"@type": "Organization", "name": organization.name}
    if organization.abbreviation:
        body["alternateName"] = organization.abbreviation
    return {
        "@type": "EducationalOccupationalCredential",
        "name": certification.name,
        "alternateName": certification.code,
        "description": certification.summary,
        "credentialCategory": "certification",
        "recognizedBy": body,
        "url": absolute(certification.get_absolute_url()),
    }


def web_site() -> dict[str, Any]:
    return {
        "@type": "WebSite",
        "name": "CareerPath",
        "url": absolute(reverse("roadmap:home")),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(reverse("roadmap:search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def page_graph(context: template.Context) -> list[dict[str, Any]]:
    """Give the structured data that fits the page being rendered, from its template context."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return []
    page = match.url_name
    path = request.path
    graph: list[dict[str, Any]] = []
    if page == "home" and match.namespace == "roadmap":
        graph.append(web_site())
    elif page == "role" and context.get("role") is not None:
        role = context["role"]
        graph.append(occupation(role))
        faqs = list(role.faqs.all())
        if faqs:
            graph.append(faq_page(faqs, absolute(path + "#faqs")))
    elif page == "faqs" and context.get("results"):
        graph.append(faq_page(context["results"], absolute(path)))
    elif page == "certification" and context.get("certification") is not None:
        certification = context["certification"]
        graph.append(credential(certification))
        crumbs = [
            ("Home", reverse("roadmap:home")),
            ("Certifications", reverse("roadmap:certifications")),
            (certification.code, ""),
        ]
        graph.append(breadcrumb_list(crumbs, path))
    crumbs = context.get("crumbs")
    if crumbs and page != "certification":
        graph.append(breadcrumb_list(list(crumbs), path))
    return graph


@register.simple_tag(takes_context=True)
def block_text(context: template.Context, name: str) -> str:
    """Render the page's own `{% block name %}` again (its title or description, for the
    Open Graph and Twitter card tags), as the template that extends base.html defines it."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context is not None else None
    if block is None:
        return ""
    with context.push(block=block):
        return block.nodelist.render(context)


@register.simple_tag(takes_context=True)
def page_url(context: template.Context) -> str:
    """Give the page's own absolute address (public pages are the same for every host)."""
    request = context.get("request")
    return absolute(request.get_full_path()) if request is not None else ""


@register.simple_tag(takes_context=True)
def structured_data(context: template.Context) -> str:
    """Render the page's JSON-LD, or nothing where none fits."""
    graph = page_graph(context)
    if not graph:
        return ""
    return json_ld({"@context": SCHEMA, "@graph": graph})
