"""Which version of the content this process serves; every cache key carries it.

The version is a database row bumped in the same transaction as each content save
(roles/signals.py). Each process rereads it at most every CONTENT_CHECK_SECONDS, at the start of
a request (ContentVersionMiddleware), and the cache's key function (`make_key`, set as the
cache's KEY_FUNCTION) puts it into every key. So a save in the admin, or a `load_content` run in
another process, reaches every process's cached pages within that interval, with Redis or with
each process's own memory cache, and no cache needs clearing. Pages cached under an old number
simply stop being read and expire.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

import pybreaker
from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from careerpath import breakers


@dataclass(frozen=True)
class Version:
    number: int
    changed_at: datetime.datetime


class _Known:
    """What this process last read, and when (a monotonic clock reading)."""

    version = Version(0, datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    read_at: float | None = None


def current() -> Version:
    """The content version this process serves now."""
    return _Known.version


def refresh(force: bool = False) -> Version:
    """Reread the version if the last read is older than CONTENT_CHECK_SECONDS (or `force`).

    With the database down the process keeps the version it knows, so cached pages still serve.
    """
    interval = settings.CONTENT_CHECK_SECONDS
    now = time.monotonic()
    if not force and _Known.read_at is not None and (interval is None or now - _Known.read_at < interval):
        return _Known.version
    from roles.models import ContentVersion

    # After a database timeout the breaker skips the read for a few seconds: a hung database
    # must not make every cached page wait out a connection attempt.
    try:
        row = breakers.database.call(
            ContentVersion.objects.filter(pk=1).values_list("number", "changed_at").first
        )
    except (DatabaseError, pybreaker.CircuitBreakerError):
        return _Known.version
    _Known.version = Version(*row) if row else Version(0, _Known.version.changed_at)
    _Known.read_at = now
    return _Known.version


def bump() -> None:
    """Count a content save, inside its transaction, and serve the new version once it commits."""
    from roles.models import ContentVersion

    changed = ContentVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now())
    if not changed:
        ContentVersion.objects.create(pk=1, number=1)
    transaction.on_commit(_forget)


def _forget() -> None:
    """Make this process's next request reread the version."""
    _Known.read_at = None


def make_key(key: str, key_prefix: str, version: int) -> str:
    """The cache key function: Django's default form with the content version added."""
    return f"{key_prefix}:{version}:c{_Known.version.number}:{key}"


class ContentVersionMiddleware:
    """Before anything reads the cache, make sure this process serves a recent content version."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refresh()
        return self.get_response(request)
