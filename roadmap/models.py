"""The PostgreSQL search index: documents derived from the content, never content themselves.

Only PostgreSQL uses these tables (roadmap/search.py); with SQLite each process keeps its own
in-memory FTS5 index instead. Both are rebuilt from the content when the content version moves.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """One place on the site a search can lead to, with the words it is found by."""

    stamp = models.CharField(max_length=80, help_text="The content version it was built from")
    key = models.CharField(max_length=80)
    position = models.PositiveIntegerField(help_text="Order of the content, for ties")
    kind = models.CharField(max_length=30)
    role_slug = models.CharField(max_length=80, blank=True)
    role_title = models.CharField(max_length=200, blank=True)
    title = models.TextField()
    body = models.TextField()
    url = models.CharField(max_length=300)
    # Accent-folded copies: the 'english' configuration keeps accents, and unaccent is an extension.
    title_folded = models.TextField()
    body_folded = models.TextField()
    vector = SearchVectorField(null=True)
    title_vector = SearchVectorField(null=True)

    class Meta:
        indexes = [
            GinIndex(fields=["vector"], name="search_document_vector"),
            models.Index(fields=["stamp"], name="search_document_stamp"),
        ]

    def __str__(self) -> str:
        return self.title
