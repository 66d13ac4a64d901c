"""Search FAQs with the site's search engine (roadmap/search.py), so /faqs/?q= and /search/ agree."""

from __future__ import annotations

from roadmap import search


def search_faqs(faqs: list, query: str) -> list:
    """Give the FAQs the site search finds for the query, best first (all of them for no query)."""
    if not search.parse_query(query):
        return list(faqs)
    results = search.search(query, kind=search.Kind.FAQ, limit=len(faqs))
    if not results.all_words:
        return []
    by_key = {f"faq-{faq.pk}": faq for faq in faqs}
    return [by_key[hit.key] for hit in results.hits if hit.key in by_key]
