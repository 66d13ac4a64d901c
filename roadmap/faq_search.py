"""Search FAQs by words: every word of the query must appear in the question or the answer."""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[\w'’+-]+")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return text.lower().replace("’", "'")


def search_words(query: str) -> list[str]:
    return [word.strip("'-") for word in WORD.findall(normalise(query)) if word.strip("'-")][:20]


def search_faqs(faqs: list, query: str) -> list:
    """Give the FAQs matching every word of the query, in their given order (all of them for no query)."""
    words = search_words(query)
    if not words:
        return list(faqs)
    matches = []
    for faq in faqs:
        haystack = normalise(" ".join([faq.question, *faq.answer, faq.role.title]))
        if all(word in haystack for word in words):
            matches.append(faq)
    return matches
