"""The site-wide search page: /search/?q=… (and &kind=… for one kind of result)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.response import TemplateResponse

from roadmap import search
from roadmap.caching import public_page


@public_page("q", "kind")
def search_page(request: HttpRequest) -> TemplateResponse:
    """Give the places on the site that match the query, best first; the same page for everyone."""
    query = request.GET.get("q", "")[: search.MAX_QUERY_LENGTH].strip()
    kind = request.GET.get("kind", "")
    results = search.search(query, kind=kind)
    template_name = "roadmap/search.html"
    if request.htmx and not request.htmx.history_restore_request:
        template_name += "#search-results"
    return TemplateResponse(
        request,
        template_name,
        {
            "query": query,
            "results": results,
            "kind_label": search.Kind.LABELS.get(results.kind, ""),
            "suggested_searches": search.vocabulary().suggested_searches,
        },
    )
