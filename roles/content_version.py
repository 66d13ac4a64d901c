"""A shared counter that names the current content; cached pages are keyed by it.

It lives in the shared cache (Redis in production) so a save in one app process makes every
other process's cached pages stale at once. If the cache is unreachable, pages are simply
not cached, never served stale.
"""

import time

from django.core.cache import cache

KEY = "content-version"


def content_version() -> str | None:
    """Give the current content version, or None when the cache cannot be reached."""
    try:
        version = cache.get(KEY)
        if version is None:
            version = str(time.time_ns())
            cache.add(KEY, version, timeout=None)
            version = cache.get(KEY, version)
        return str(version)
    except Exception:
        return None


def bump_content_version() -> None:
    try:
        cache.set(KEY, str(time.time_ns()), timeout=None)
    except Exception:
        # The cache is down: nothing can be served from it, so nothing stale can be served either.
        pass
